"""The protocol a paper of a dossier reports, as its submitter names it: the service's rules,
the dossier page's form, the advice that then names that protocol as the paper's own, the
reports, the dossier's digest."""

from __future__ import annotations

import html
import io
from dataclasses import dataclass, replace

import openpyxl
import pytest
from conftest import login, make_user, post
from dossier_support import PEER, imported_study
from test_dossier_advice import _pdf_text, _section, record
from test_dossiers import add, new_dossier

from checker.catalogue import get_catalogue
from checker.services.accounts import find_user
from checker.services.assessments import (
    delete_assessment,
    fields_of,
    find_assessment,
    update_assessment,
)
from checker.services.dossier_advice import HeldProtocol, StudyGaps, dossier_advice
from checker.services.dossiers import (
    DossierError,
    dossier_digest,
    find_dossier,
    protocol_choices,
    protocol_links,
    set_paper_protocol,
)
from checker.services.records import AssessmentRecord
from checker.services.scoring import score_assessment
from checker.services.verification import CHANGED, UNCHANGED, verify_report
from exports.dossier_context import held_line
from exports.labels import labels

NBSP = "\u00a0"


@dataclass
class Studies:
    paper: str  # Study 1: an interventional paper lacking E02
    protocol: str  # Study 2: an interventional protocol, meeting everything
    other: str  # Study 3: another interventional protocol, meeting everything
    cohort: str  # Study 4: an observational protocol
    second: str  # Study 5: another interventional paper lacking E02
    prototype: str  # Study 6: a prototypical paper (no protocol of its type in the dossier)


def linked_dossier(app, client, username) -> tuple[str, Studies]:
    uid = new_dossier(client)
    studies = Studies(
        paper=imported_study(app, username, "interventional", title="Trial one",
                             publication=PEER, answers={"E02": "not_met"}),
        protocol=imported_study(app, username, "interventional", title="Trial protocol",
                                kind="protocol"),
        other=imported_study(app, username, "interventional", title="Pilot protocol",
                             kind="protocol"),
        cohort=imported_study(app, username, "observational", title="Cohort protocol",
                              kind="protocol"),
        second=imported_study(app, username, "interventional", title="Trial two",
                              publication=PEER, answers={"E02": "not_met"}),
        prototype=imported_study(app, username, "prototypical", title="Prototype paper",
                                 publication=PEER),
    )
    for study in vars(studies).values():
        assert add(client, uid, study).status_code == 302
    return uid, studies


def name(client, dossier: str, paper: str, protocol: str | None):
    """Post the paper's protocol form (None: the field left out)."""
    return post(client, f"/dossiers/{dossier}/studies/{paper}/protocol",
                {} if protocol is None else {"protocol": protocol})


def links(app, dossier: str) -> dict[str, str]:
    with app.app_context():
        return protocol_links(find_dossier(dossier))


# --- the service ----------------------------------------------------------------------------


def test_a_paper_names_one_protocol_of_its_type_and_a_protocol_serves_several(
        app, auth_client, user):
    uid, s = linked_dossier(app, auth_client, user)
    with app.app_context():
        dossier, alice = find_dossier(uid), find_user(user)
        assert [a.uid for a in protocol_choices(dossier, find_assessment(s.paper))] == [
            s.protocol, s.other]
        assert protocol_choices(dossier, find_assessment(s.protocol)) == []
        assert protocol_choices(dossier, find_assessment(s.prototype)) == []
        assert set_paper_protocol(dossier, s.paper, s.protocol, alice) is True
        assert set_paper_protocol(dossier, s.paper, s.protocol, alice) is False  # unchanged
        assert set_paper_protocol(dossier, s.second, s.protocol, alice) is True
        assert protocol_links(dossier) == {s.paper: s.protocol, s.second: s.protocol}
        # At most one: another replaces it.
        assert set_paper_protocol(dossier, s.paper, s.other, alice) is True
        assert protocol_links(dossier) == {s.paper: s.other, s.second: s.protocol}
        assert set_paper_protocol(dossier, s.paper, "", alice) is True
        assert protocol_links(dossier) == {s.second: s.protocol}


def test_what_a_paper_cannot_name_is_refused_and_changes_nothing(app, auth_client, user):
    uid, s = linked_dossier(app, auth_client, user)
    outside = imported_study(app, user, "interventional", title="Elsewhere", kind="protocol")
    make_user(app, "bob")
    bobs = imported_study(app, "bob", "interventional", title="Bob's", kind="protocol")
    cases = [
        (s.paper, s.cohort, "protocol", "This protocol is of another study type than the "
                                        "paper: a paper reports a protocol of its own study "
                                        "type."),
        (s.paper, s.second, "protocol", "This study is a published paper, not a protocol."),
        (s.protocol, s.other, "paper",
         "Only a published paper reports a protocol: this study is a protocol."),
        (s.paper, outside, "protocol",
         "This protocol is not in the dossier: add it to the dossier first."),
        # Unknown, or someone else's: not found, alike (never say whose it is).
        (s.paper, "0123456789abcdef", "protocol",
         "Study not found: choose one of the dossier's protocols."),
        (s.paper, bobs, "protocol", "Study not found: choose one of the dossier's protocols."),
        (outside, s.protocol, "paper", "This study is not in the dossier."),
    ]
    with app.app_context():
        dossier, alice = find_dossier(uid), find_user(user)
        set_paper_protocol(dossier, s.paper, s.protocol, alice)
        for paper, protocol, field, message in cases:
            with pytest.raises(DossierError) as refused:
                set_paper_protocol(dossier, paper, protocol, alice)
            assert refused.value.errors == {field: message}, (paper, protocol)
            assert protocol_links(dossier) == {s.paper: s.protocol}


def test_the_link_goes_with_either_study_or_with_what_made_it_valid(app, auth_client, user):
    """Taking the protocol or the paper out of the dossier, deleting the protocol's assessment,
    or changing its study type or document kind clears the link; other edits keep it."""
    uid, s = linked_dossier(app, auth_client, user)
    for paper in (s.paper, s.second):
        assert name(auth_client, uid, paper, s.protocol).status_code == 302
    assert post(auth_client, f"/dossiers/{uid}/studies/{s.protocol}/remove").status_code == 302
    assert links(app, uid) == {}
    assert add(auth_client, uid, s.protocol).status_code == 302
    assert name(auth_client, uid, s.paper, s.protocol).status_code == 302
    # The paper out and back in: it names none.
    assert post(auth_client, f"/dossiers/{uid}/studies/{s.paper}/remove").status_code == 302
    assert add(auth_client, uid, s.paper).status_code == 302
    assert links(app, uid) == {}
    assert name(auth_client, uid, s.paper, s.protocol).status_code == 302
    assert name(auth_client, uid, s.second, s.other).status_code == 302
    with app.app_context():
        delete_assessment(find_assessment(s.protocol))
    assert links(app, uid) == {s.second: s.other}
    with app.app_context():
        other = find_assessment(s.other)
        update_assessment(other, replace(fields_of(other), title="Pilot protocol, v2"))
        assert protocol_links(find_dossier(uid)) == {s.second: s.other}
        update_assessment(other, replace(fields_of(other), document_kind="paper"))
        assert protocol_links(find_dossier(uid)) == {}
        update_assessment(other, replace(fields_of(other), document_kind="protocol"))
        set_paper_protocol(find_dossier(uid), s.second, s.other, find_user(user))
        second = find_assessment(s.second)
        update_assessment(second, replace(fields_of(second), study_type="observational"))
        assert protocol_links(find_dossier(uid)) == {}
    # Deleting the dossier takes its links along, its studies stay.
    uid2 = new_dossier(auth_client)
    for study in (s.paper, s.other):
        assert add(auth_client, uid2, study).status_code == 302
    assert name(auth_client, uid2, s.paper, s.other).status_code == 302
    assert post(auth_client, f"/dossiers/{uid2}/delete", {"confirm": "y"}).status_code == 302
    with app.app_context():
        assert find_dossier(uid2) is None and find_assessment(s.other) is not None


def test_the_dossier_digest_and_its_issued_reports_follow_the_link(app, auth_client, user):
    """A dossier whose papers name no protocol keeps the digest it had: reports issued before
    still verify; naming one changes it, and naming none again gives it back."""
    uid, s = linked_dossier(app, auth_client, user)
    report = auth_client.get(f"/dossiers/{uid}/report.pdf").get_data()
    with app.app_context():
        before = dossier_digest(find_dossier(uid))
        assert verify_report(report).subject_status == UNCHANGED
    assert name(auth_client, uid, s.paper, s.protocol).status_code == 302
    with app.app_context():
        linked = dossier_digest(find_dossier(uid))
        assert linked != before and verify_report(report).subject_status == CHANGED
    assert name(auth_client, uid, s.paper, s.other).status_code == 302
    with app.app_context():
        assert dossier_digest(find_dossier(uid)) not in (before, linked)
    assert name(auth_client, uid, s.paper, "").status_code == 302
    with app.app_context():
        assert dossier_digest(find_dossier(uid)) == before
        assert verify_report(report).subject_status == UNCHANGED


# --- the dossier page ------------------------------------------------------------------------


def _studies_table(page: str) -> str:
    return html.unescape(page[page.index('id="studies"'):page.index('id="to-add"')])


def test_the_dossier_page_offers_each_paper_the_protocols_of_its_type(app, auth_client, user):
    uid, s = linked_dossier(app, auth_client, user)
    table = _studies_table(auth_client.get(f"/dossiers/{uid}").get_data(as_text=True))
    action = f'action="/dossiers/{uid}/studies/{{}}/protocol"'
    # A form for each interventional paper; none for the protocols, nor for the prototypical
    # paper, whose type has no protocol in the dossier.
    assert all(action.format(paper) in table for paper in (s.paper, s.second))
    assert not any(action.format(study) in table
                   for study in (s.protocol, s.other, s.cohort, s.prototype))
    form = table[table.index(action.format(s.paper)):]
    form = form[:form.index("</form>")]
    assert 'name="csrf_token"' in form and f'id="protocol-{s.paper}"' in form
    assert '<label for="protocol-' + s.paper + '">Its protocol</label>' in form
    assert '<option selected value="">None named</option>' in form
    assert f'<option value="{s.protocol}">Study 2: Trial protocol</option>' in form
    assert f'<option value="{s.other}">Study 3: Pilot protocol</option>' in form
    assert "Cohort protocol" not in form
    response = name(auth_client, uid, s.paper, s.protocol)
    assert response.status_code == 302 and response.headers["Location"].endswith("#studies")
    page = auth_client.get(f"/dossiers/{uid}").get_data(as_text=True)
    assert "The paper's protocol is saved." in html.unescape(page)
    table = _studies_table(page)
    assert f'<option selected value="{s.protocol}">Study 2: Trial protocol</option>' in table
    assert "Reported by: Study 1" in table
    assert name(auth_client, uid, s.paper, "").status_code == 302
    page = auth_client.get(f"/dossiers/{uid}").get_data(as_text=True)
    assert "The paper names no protocol now." in page and "Reported by" not in page
    post(auth_client, "/language", {"lang": "fr", "next": "/"})
    table = _studies_table(auth_client.get(f"/dossiers/{uid}").get_data(as_text=True))
    assert ">Son protocole</label>" in table and ">Aucun indiqué</option>" in table
    assert f">Étude 2{NBSP}: Trial protocol</option>" in table


def test_the_protocol_form_refuses_what_it_cannot_save(app, auth_client, user):
    uid, s = linked_dossier(app, auth_client, user)
    assert name(auth_client, uid, s.paper, s.protocol).status_code == 302
    path = f"/dossiers/{uid}/studies/{s.paper}/protocol"
    # Without the CSRF token: refused.
    assert auth_client.post(path, data={"protocol": s.other}).status_code == 400
    refusals = [
        (None, "Choose its protocol, or none: nothing was changed."),
        (s.cohort, "This protocol is of another study type than the paper"),
        ("no-such-study", "Study not found: choose one of the dossier's protocols."),
        (s.second, "This study is a published paper, not a protocol."),
    ]
    for protocol, message in refusals:
        response = name(auth_client, uid, s.paper, protocol)
        page = html.unescape(response.get_data(as_text=True))
        assert response.status_code == 400 and message in page, protocol
        assert "Its protocol was not saved." in page and 'aria-invalid="true"' in page
    # Posted for a protocol, which has no such form: said at the top of the page.
    response = name(auth_client, uid, s.protocol, s.other)
    assert response.status_code == 400
    assert "Only a published paper reports a protocol" in response.get_data(as_text=True)
    # A study not in the dossier: not found.
    outside = imported_study(app, user, "interventional", title="Elsewhere")
    assert name(auth_client, uid, outside, s.protocol).status_code == 404
    assert links(app, uid) == {s.paper: s.protocol}
    post(auth_client, "/language", {"lang": "fr", "next": "/"})
    page = html.unescape(name(auth_client, uid, s.paper, None).get_data(as_text=True))
    assert f"Choisissez son protocole, ou aucun{NBSP}: rien n'a été modifié." in page


def test_someone_elses_dossier_or_protocol_is_not_found(app, auth_client, user):
    uid, s = linked_dossier(app, auth_client, user)
    make_user(app, "mallory")
    mallory = app.test_client()
    login(mallory, "mallory")
    assert name(mallory, uid, s.paper, s.protocol).status_code == 404
    # Her own dossier, her own paper, alice's protocol: not found, as an unknown one.
    own = new_dossier(mallory)
    paper = imported_study(app, "mallory", "interventional", title="Mallory's paper")
    assert add(mallory, own, paper).status_code == 302
    assert add(mallory, own, imported_study(app, "mallory", "interventional",
                                            kind="protocol")).status_code == 302
    response = name(mallory, own, paper, s.protocol)
    assert response.status_code == 400
    assert "Study not found: choose one of the dossier's protocols." in html.unescape(
        response.get_data(as_text=True))
    assert links(app, uid) == {} and links(app, own) == {}


# --- the advice -----------------------------------------------------------------------------


def _gaps(*studies: tuple[AssessmentRecord, int | None]) -> list[StudyGaps]:
    catalogue = get_catalogue()
    return [StudyGaps(n, f"uid{n}", f"Title {n}", catalogue, score_assessment(catalogue, rec),
                      rec.study_type, rec.study_type, rec.document_kind, protocol)
            for n, (rec, protocol) in enumerate(studies, start=1)]


def test_a_paper_that_names_its_protocol_is_sent_there_and_nowhere_else():
    catalogue = get_catalogue()
    paper = record("interventional", E03="not_met")
    protocol, lacking = record("interventional", "protocol"), record(
        "interventional", "protocol", E03="partially_met")
    # Paper 1 names protocol 2; paper 4 names none: it keeps "if it is" for both protocols.
    (e03,) = dossier_advice(_gaps((paper, 2), (protocol, None), (lacking, None),
                                  (paper, None)), catalogue, "en")
    assert [(p.number, p.papers, p.answer, p.meets) for p in e03.own] == [
        (2, (1,), "met", True)]
    assert [(p.number, p.papers) for p in e03.held] == [(2, ()), (3, ())]
    # Both name one: no "if it is" left; each protocol with its own answer.
    (e03,) = dossier_advice(_gaps((paper, 2), (protocol, None), (lacking, None),
                                  (paper, 3)), catalogue, "en")
    assert e03.held == ()
    assert [(p.number, p.papers, p.answer, p.meets) for p in e03.own] == [
        (2, (1,), "met", True), (3, (4,), "partially_met", False)]
    # Both name the same one: named once, for both.
    (e03,) = dossier_advice(_gaps((paper, 2), (protocol, None), (lacking, None),
                                  (paper, 2)), catalogue, "en")
    assert [(p.number, p.papers) for p in e03.own] == [(2, (1, 4))] and e03.held == ()
    # Unlinked papers: today's list, nothing named as their own.
    (e03,) = dossier_advice(_gaps((paper, None), (protocol, None)), catalogue, "en")
    assert e03.own == () and [p.number for p in e03.held] == [2]


def test_the_if_it_is_names_the_unlinked_papers_when_others_name_theirs():
    """One paper linked, one not: "a study listed" would take in the linked one too, so the
    entry names the paper its "if it is …" is about; alone, it keeps "a study listed"."""
    catalogue = get_catalogue()
    paper = record("interventional", E03="not_met")
    protocol = record("interventional", "protocol")
    cohort = record("observational", E03="not_met")
    # Paper 1 names protocol 2, paper 3 none: the "if it is" is about paper 3.
    (e03,) = dossier_advice(_gaps((paper, 2), (protocol, None), (paper, None)), catalogue, "en")
    assert [p.number for p in e03.own] == [2] and [p.number for p in e03.held] == [2]
    assert e03.unlinked == (3,) and e03.held_for == (3,)
    # Two unlinked papers, both named.
    (e03,) = dossier_advice(_gaps((paper, 2), (protocol, None), (paper, None), (paper, None)),
                            catalogue, "en")
    assert e03.held_for == (3, 4)
    # An unlinked paper of a type no protocol held is of: not named ("if it is" not about it).
    (e03,) = dossier_advice(_gaps((paper, 2), (protocol, None), (paper, None), (cohort, None)),
                            catalogue, "en")
    assert e03.held_for == (3,)
    # No paper linked: "a study listed", as before.
    (e03,) = dossier_advice(_gaps((paper, None), (protocol, None), (paper, None)), catalogue,
                            "en")
    assert e03.unlinked == (1, 3) and e03.held_for == ()
    # Every paper linked: nothing held, nothing named.
    (e03,) = dossier_advice(_gaps((paper, 2), (protocol, None), (paper, 2)), catalogue, "en")
    assert e03.held == () and e03.held_for == ()


@pytest.mark.parametrize(("lang", "papers", "many", "expected"), [
    ("en", (), False, "If it is the protocol of a study listed, look there first"),
    ("en", (3,), False, "If it is the protocol of study 3, look there first"),
    ("en", (3, 4), False, "If it is the protocol of one of studies 3 and 4, look there first"),
    ("en", (3,), True, "If one is the protocol of study 3, look there first"),
    ("en", (3, 4), True, "If one is the protocol of one of studies 3 and 4, look there first"),
    ("fr", (), True, "Si l'un d'eux est le protocole d'une étude listée, cherchez-y d'abord"),
    ("fr", (3,), False, "S'il s'agit du protocole de l'étude 3, cherchez-y d'abord"),
    ("fr", (3, 4), False, "S'il s'agit du protocole de l'une des études 3 et 4, cherchez-y"),
    ("fr", (3,), True, "Si l'un d'eux est le protocole de l'étude 3, cherchez-y d'abord"),
    ("fr", (3, 4), True, "Si l'un d'eux est le protocole de l'une des études 3 et 4, cherchez"),
])
def test_the_held_line_names_the_papers_it_is_about(lang, papers, many, expected):
    held = [HeldProtocol(n, f"uid{n}", "interventional", "met", "Met", True)
            for n in ((2, 5) if many else (2,))]
    line = " ".join(held_line(labels(lang), held, papers).split())
    assert expected in line, line


OWN_E02 = ("The protocol of study 1, already in the dossier: Study 2 (interventional), "
           "answered Met. Look there first: it need not be added again.")
OWN_E02_FR = (f"Le protocole de l'étude 1, déjà dans le dossier{NBSP}: Étude 2 (type "
              f"interventionnel), réponse{NBSP}: Respecté. Cherchez-y d'abord{NBSP}: inutile "
              "de l'ajouter à nouveau.")

# Paper 5 names no protocol, paper 1 names protocol 2: the "if it is" is about paper 5.
HELD_E02 = "If one is the protocol of study 5, look there first: it need not be added again."
HELD_E02_FR = (f"Si l'un d'eux est le protocole de l'étude 5, cherchez-y d'abord{NBSP}: "
               "inutile de l'ajouter à nouveau.")


def test_every_report_names_the_papers_own_protocol(app, auth_client, user):
    """The page, the PDF, the workbook and the review say which protocol is the paper's own
    in the advice, and which study is a paper's protocol (and a protocol's papers)."""
    uid, s = linked_dossier(app, auth_client, user)
    for paper in (s.paper, s.second):
        assert name(auth_client, uid, paper, s.protocol).status_code == 302
    section = html.unescape(_section(auth_client.get(f"/dossiers/{uid}").get_data(as_text=True)))
    e02 = section[section.index(">E02<"):]
    link = f'<a href="/assessments/{s.protocol}/results">Study 2 (interventional)</a>'
    assert (f'<p class="held">The protocol of studies 1 and 5, already in the dossier: {link}, '
            "answered Met. Look there first: it need not be added again.</p>") in e02
    assert "If it is" not in e02 and "If one" not in e02 and "Study 3" not in e02
    assert name(auth_client, uid, s.second, "").status_code == 302  # paper 5 names none now
    # Paper 1 names protocol 2, paper 5 none: the "if it is" names paper 5, not "a study listed".
    section = html.unescape(_section(auth_client.get(f"/dossiers/{uid}").get_data(as_text=True)))
    e02 = section[section.index(">E02<"):]
    assert ("If one of them is the protocol of study 5, look there first: it need not be added "
            "again.</p>") in e02
    assert "a study listed" not in e02

    review = auth_client.get(f"/dossiers/{uid}/review.txt?lang=en").get_data(as_text=True)
    assert f"    - {OWN_E02} Already in the dossier: Study 2 (interventional), a protocol, " \
           f"answered Met; Study 3 (interventional), a protocol, answered Met. {HELD_E02}" \
           in review
    assert "a study listed" not in review
    assert "- Protocol it reports: Study 2: Trial protocol\n" in review
    assert "- Reported by: Study 1: Trial one\n" in review
    french = auth_client.get(f"/dossiers/{uid}/review.txt?lang=fr").get_data(as_text=True)
    assert OWN_E02_FR in french and HELD_E02_FR in french
    assert "une étude listée" not in french
    assert f"- Protocole qu'il rapporte{NBSP}: Étude 2{NBSP}: Trial protocol\n" in french

    text = _pdf_text(auth_client, uid, "en")
    assert OWN_E02 in text and HELD_E02 in text
    assert "Protocol it reports Study 2: Trial protocol" in text
    assert "Reported by Study 1: Trial one" in text
    french_pdf = _pdf_text(auth_client, uid, "fr")
    assert OWN_E02_FR.replace(NBSP, " ") in french_pdf
    assert HELD_E02_FR.replace(NBSP, " ") in french_pdf

    response = auth_client.get(f"/dossiers/{uid}/report.xlsx?lang=en")
    wb = openpyxl.load_workbook(io.BytesIO(response.get_data()))
    advice = [row for row in wb["To add to the dossier"].iter_rows(values_only=True)
              if row[0] == "E02"]
    assert OWN_E02 in advice[0][5] and HELD_E02 in advice[0][5]
    studies = list(wb["Studies"].iter_rows(values_only=True))
    column = studies[0].index("Protocol it reports")
    assert [row[column] for row in studies[1:]] == [
        "Study 2: Trial protocol", None, None, None, None, None]
    assert [row[studies[0].index("Reported by")] for row in studies[1:3]] == [
        None, "Study 1: Trial one"]
    data = list(wb["Data"].iter_rows(values_only=True))
    column = data[0].index("protocol_uid")
    assert [row[column] for row in data[1:]] == [s.protocol, None, None, None, None, None]
