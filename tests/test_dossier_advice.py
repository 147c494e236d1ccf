"""What to look for and add to a dossier, per invariant: the service (one entry per invariant
some study lacks, its studies, the catalogue's advice for a dossier said once, ethical first
then by how many studies lack it), and what the dossier page, PDF, Excel and review .txt say of
it, in English and French; a study assessed with a catalogue without that advice gets none."""

from __future__ import annotations

import html
import io
import json
import re

import openpyxl
import pypdf
from conftest import create_assessment, login, make_user, post
from dossier_support import PEER, imported_study
from test_dossiers import add, new_dossier

from checker.catalogue import get_catalogue, load_catalogue, pick
from checker.services.dossier_advice import StudyGaps, advice_groups, dossier_advice
from checker.services.records import AnswerRecord, AssessmentRecord
from checker.services.scoring import score_assessment

NBSP = "\u00a0"


def record(study_type: str, kind: str = "paper", catalogue=None, **answers: str | None):
    """A record with every invariant of ``study_type`` met but those given (None: not
    answered; a value ending in "?" is an unconfirmed suggestion of that answer)."""
    catalogue = catalogue or get_catalogue()
    given = {}
    for inv in catalogue.invariants_for(study_type):
        value = answers.get(inv.id, "met")
        suggestion = bool(value and value.endswith("?"))
        given[inv.id] = AnswerRecord(inv.id, value.rstrip("?") if value else None,
                                     justification="as stated",
                                     origin="suggestion" if suggestion else "human")
    return AssessmentRecord(
        uid="x", title="t", document_kind=kind, study_type=study_type, npi_name="Walking",
        domain="physical", country="France", language="en", catalogue_id=catalogue.id,
        catalogue_version=catalogue.version, catalogue_fingerprint=catalogue.fingerprint,
        assessor="alice", answers=given)


def studies_of(*records, catalogues=None) -> list[StudyGaps]:
    catalogues = catalogues or [get_catalogue()] * len(records)
    return [StudyGaps(n, f"uid{n}", f"Study title {n}", cat, score_assessment(cat, rec))
            for n, (rec, cat) in enumerate(zip(records, catalogues, strict=True), start=1)]


def advice_of(inv_id: str, lang: str = "en", catalogue=None) -> str:
    return pick((catalogue or get_catalogue()).invariant(inv_id).dossier_advice("paper"), lang)


def older_catalogue_data() -> dict:
    """The current catalogue as 1.4.1 had it: each paper remedy ending with the advice for a
    dossier, and no `remedy.dossier`."""
    data = get_catalogue().to_dict()
    data["version"] = "1.4.1"
    for inv in data["invariants"]:
        remedy = inv["remedy"]
        dossier = remedy.pop("dossier")
        remedy["paper"] = {lang: f"{text} {dossier[lang]}"
                           for lang, text in remedy["paper"].items()}
    return data


# --- the service ---------------------------------------------------------------------------


def test_one_entry_per_invariant_with_its_studies_and_the_advice_once():
    studies = studies_of(
        record("interventional", E02="not_met", E05="partially_met", INT01="not_reported"),
        record("interventional", E02="partially_met", INT01="not_met"),
        record("mechanistic", E02="not_reported?", MEC01="not_met"))
    entries = dossier_advice(studies, get_catalogue(), "en")
    assert [e.invariant_id for e in entries] == ["E02", "E05", "INT01", "MEC01"]
    e02 = entries[0]
    assert e02.ethical and e02.title == "Free and informed consent"
    assert [(s.number, s.answer, s.answer_label, s.unconfirmed) for s in e02.studies] == [
        (1, "not_met", "Not met", False), (2, "partially_met", "Partially met", False),
        (3, "not_reported", "Not reported", True)]
    assert e02.shared and len(e02.advice) == 1
    assert e02.advice[0].text == advice_of("E02") and e02.advice[0].studies == (1, 2, 3)
    assert [s.uid for s in entries[2].studies] == ["uid1", "uid2"]


def test_ethical_first_then_most_lacked_then_catalogue_order():
    studies = studies_of(
        record("interventional", E09="not_met", INT02="not_met", INT05="not_met"),
        record("interventional", E09="not_met", INT05="not_met"),
        record("interventional", E13="not_met", E01="not_met", INT05="not_reported"))
    order = [e.invariant_id for e in dossier_advice(studies, get_catalogue(), "en")]
    # E09 (two studies) before E01 and E13 (one each, in catalogue order); INT05 (three)
    # before INT02 (one), methodological after every ethical one.
    assert order == ["E09", "E01", "E13", "INT05", "INT02"]


def test_met_not_applicable_and_unanswered_invariants_are_not_listed():
    studies = studies_of(record("interventional", E01=None, E14="not_applicable",
                                INT01=None, INT03="not_applicable"))
    assert dossier_advice(studies, get_catalogue(), "en") == []


def test_a_refused_not_applicable_is_listed_as_scored_not_reported():
    """"Not applicable" where the catalogue does not admit it is scored not reported: it is
    missing, and the dossier says so (with the answer as given, as the results page does)."""
    catalogue = get_catalogue()
    refused = next(inv.id for inv in catalogue.invariants_for("interventional")
                   if not inv.na_allowed)
    entries = dossier_advice(studies_of(record("interventional", **{refused: "not_applicable"})),
                             catalogue, "en")
    assert [e.invariant_id for e in entries] == [refused]
    assert entries[0].studies[0].answer == "not_applicable"


def test_a_protocol_brings_no_advice_and_the_advice_names_the_papers():
    studies = studies_of(record("interventional", E03="not_met"),
                         record("interventional", "protocol", E03="not_met"),
                         record("interventional", E03="partially_met"))
    (e03,) = dossier_advice(studies, get_catalogue(), "en")
    assert [s.number for s in e03.studies] == [1, 2, 3]
    assert [s.advice for s in e03.studies] == [advice_of("E03"), "", advice_of("E03")]
    assert not e03.shared and [(a.text, a.studies) for a in e03.advice] == [
        (advice_of("E03"), (1, 3))]
    only_protocol = dossier_advice(studies_of(record("interventional", "protocol",
                                                     E03="not_met")), get_catalogue(), "en")
    assert only_protocol[0].advice == () and not only_protocol[0].shared


def test_a_protocol_the_dossier_holds_is_named_where_the_advice_sends_to_one():
    """A paper's advice sends the submitter to its published protocol ("… and add that
    document to the dossier"): when the dossier holds a protocol of the same study type, the
    entry names it with its own answer, so he looks there rather than add it again."""
    catalogue = get_catalogue()
    records = [(record("interventional", E03="not_met", INT04="not_reported"), "paper"),
               (record("interventional", "protocol", INT04=None), "protocol"),
               (record("observational", E03="partially_met"), "paper"),
               (record("observational", "protocol", E03="not_met"), "protocol")]
    studies = [StudyGaps(n, f"uid{n}", f"Study title {n}", catalogue,
                         score_assessment(catalogue, rec), rec.study_type, rec.study_type, kind)
               for n, (rec, kind) in enumerate(records, start=1)]
    entries = {e.invariant_id: e for e in dossier_advice(studies, catalogue, "en")}
    # E03: papers 1 (interventional) and 3 (observational) are given advice; each type's
    # protocol is named with its answer (the observational one lacks it too).
    assert [(h.number, h.answer, h.answer_label, h.meets) for h in entries["E03"].held] == [
        (2, "met", "Met", True), (4, "not_met", "Not met", False)]
    # INT04: the interventional protocol, not answered yet; never the observational one.
    assert [(h.number, h.answer, h.meets) for h in entries["INT04"].held] == [(2, "", False)]
    # A dossier without a protocol of the paper's type names none, nor does a protocol's own
    # entry (a protocol brings no advice).
    alone = dossier_advice([studies[0], studies[3]], catalogue, "en")
    assert all(entry.held == () for entry in alone)


def test_in_french():
    (e01,) = dossier_advice(studies_of(record("interventional", E01="not_met")),
                            get_catalogue(), "fr")
    assert e01.title == pick(get_catalogue().invariant("E01").title, "fr")
    assert e01.advice[0].text == advice_of("E01", "fr")
    assert e01.studies[0].answer_label == "Non respecté"


def test_a_study_assessed_without_the_advice_gets_none_from_the_current_catalogue(tmp_path):
    path = tmp_path / "older.json"
    path.write_text(json.dumps(older_catalogue_data()), encoding="utf-8")
    older, current = load_catalogue(path), get_catalogue()
    studies = studies_of(record("interventional", older, E02="not_met"),
                         record("interventional", E02="not_met"),
                         catalogues=[older, current])
    (e02,) = dossier_advice(studies, current, "en")
    assert [s.advice for s in e02.studies] == ["", advice_of("E02")]
    assert [(a.text, a.studies) for a in e02.advice] == [(advice_of("E02"), (2,))]
    alone = dossier_advice(studies[:1], current, "en")
    assert alone[0].advice == ()


def test_an_invariant_the_active_catalogue_no_longer_has_is_still_listed(tmp_path):
    """Named by the study's own catalogue, still ethical first, after those the active one
    orders that as many studies lack."""
    data = get_catalogue().to_dict()
    data["version"] = "9.0.0"
    data["invariants"] = [inv for inv in data["invariants"] if inv["id"] != "E14"]
    data["counts"]["ethical"] = 13
    path = tmp_path / "newer.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    newer, own = load_catalogue(path), get_catalogue()
    studies = studies_of(record("interventional", E14="not_met", E01="partially_met",
                                INT01="not_met"), catalogues=[own])
    entries = dossier_advice(studies, newer, "en")
    assert [e.invariant_id for e in entries] == ["E01", "E14", "INT01"]
    assert entries[1].title == pick(own.invariant("E14").title, "en") and entries[1].ethical


# --- the dossier page, reports and review ---------------------------------------------------


def advice_dossier(app, client, username) -> tuple[str, list[str]]:
    """Three studies: two papers lacking E02 (one an unconfirmed suggestion), one protocol
    lacking E02 and E03, and a paper lacking INT04 alone."""
    uid = new_dossier(client)
    studies = [
        imported_study(app, username, "interventional", title="Trial one", publication=PEER,
                       answers={"E02": "not_met", "INT04": "not_reported"}),
        imported_study(app, username, "interventional", title="Trial two", publication=PEER,
                       answers={"E02": "partially_met"}, suggested=("E02",)),
        imported_study(app, username, "interventional", title="Trial protocol",
                       kind="protocol", publication=PEER,
                       answers={"E02": "not_met", "E03": "not_reported"}),
    ]
    for study in studies:
        assert add(client, uid, study).status_code == 302
    return uid, studies


# E02 of the advice dossier: the protocol (Study 3) lacks it too.
HELD_E02 = ("Already in the dossier: Study 3 (interventional), a protocol, answered Not met. If "
            "it is the protocol of a study listed, look there first: it need not be added "
            "again.")


def test_every_report_names_the_protocol_the_dossier_holds(app, auth_client, user):
    """The page, the PDF, the workbook and the review: where the advice sends the submitter to
    a study's protocol and the dossier holds one of that type, it says so, in both
    languages."""
    uid, studies = advice_dossier(app, auth_client, user)
    section = html.unescape(_section(auth_client.get(f"/dossiers/{uid}").get_data(as_text=True)))
    e02 = section[section.index(">E02<"):section.index(">E03<")]
    link = f'<a href="/assessments/{studies[2]}/results">Study 3 (interventional)</a>'
    assert (f'<p class="held">Already in the dossier: {link}, a protocol, answered Not met. If '
            "it is the protocol of a study listed, look there first") in e02
    int04 = section[section.index(">INT04<"):]
    # INT04: the protocol meets it (every invariant it was not given another answer for).
    assert f"{link}, a protocol, answered Met." in int04
    # E03: only the protocol lacks it, which brings no advice: nothing to say.
    assert "Already in the dossier" not in section[section.index(">E03<"):section.index(
        ">INT04<")]
    post(auth_client, "/language", {"lang": "fr", "next": "/"})
    french = html.unescape(_section(auth_client.get(f"/dossiers/{uid}").get_data(as_text=True)))
    assert (f"Déjà dans le dossier{NBSP}: "
            f'<a href="/assessments/{studies[2]}/results">Étude 3 (type interventionnel)</a>, un '
            f"protocole, réponse{NBSP}: Non respecté. S'il s'agit du protocole d'une étude "
            f"listée, cherchez-y d'abord{NBSP}: inutile de l'ajouter à nouveau.") in french
    assert HELD_E02 in _pdf_text(auth_client, uid, "en")
    assert "Déjà dans le dossier : Étude 3 (type interventionnel), un protocole, réponse : Non " \
        "respecté." in _pdf_text(auth_client, uid, "fr")
    review = auth_client.get(f"/dossiers/{uid}/review.txt?lang=en").get_data(as_text=True)
    assert f"    - For studies 1 and 2: {advice_of('E02')}\n    - {HELD_E02}\n" in review
    assert ("    - Already in the dossier: Study 3 (interventional), a protocol, answered Met. "
            "If it is") in review


def _section(page: str) -> str:
    return page[page.index('id="to-add"'):page.index('id="add-title"')]


def test_the_dossier_page_lists_what_to_add_folded(app, auth_client, user):
    uid, studies = advice_dossier(app, auth_client, user)
    section = html.unescape(_section(auth_client.get(f"/dossiers/{uid}").get_data(as_text=True)))
    assert "What to look for and add to the dossier (3)" in section
    # One folded line per invariant, ethical first, then by how many studies lack it.
    assert section.count("<details>") == 3
    # The ethical ones shown, the methodological ones folded as a group under their count.
    assert re.search(r'<details class="advice-group" open>\s*<summary><h3>Ethical invariants '
                     r'\(2\)', section)
    assert re.search(r'<details class="advice-group">\s*<summary><h3>Methodological '
                     r'invariants \(1\)', section)
    assert section.index(">E02<") < section.index(">E03<") < section.index(">INT04<")
    e02 = section[section.index(">E02<"):section.index(">E03<")]
    assert "— 3 of 3 studies" in e02
    # The advice once, for the two papers; the protocol brings none.
    assert e02.count(advice_of("E02")) == 1
    # Worded as the reports and the review word it ("1 and 2", not "1, 2").
    assert f"For studies 1 and 2:</strong> {advice_of('E02')}" in e02
    # Each study by its number and type, linked; its title is in the list of studies above
    # (a walkthrough's 49 entries each repeated a full title).
    # Gathered by their answer, each study linked.
    link = '<a href="/assessments/{}/results">Study {} (interventional)</a>'
    assert (f"<li>Not met: {link.format(studies[0], 1)}, {link.format(studies[2], 3)}</li>"
            in e02)
    assert re.search(r'<li>Partially met <span class="small">\(unconfirmed suggestion\)'
                     rf'</span>: {re.escape(link.format(studies[1], 2))}</li>', e02)
    assert "Trial one" not in e02
    e03 = section[section.index(">E03<"):section.index(">INT04<")]
    assert "— 1 of 3 studies" in e03 and "No advice for a dossier" in e03
    assert advice_of("E03") not in e03
    # The methodological ones under the study they concern, named once with its title, each
    # with its answer.
    study_heading = section.index("Study 1 (interventional)</a>: Trial one")
    assert section.index("Methodological invariants (1)") < study_heading \
        < section.index(">INT04<")
    int04 = section[section.index(">INT04<"):]
    assert "— Not reported" in int04.split("</summary>", 1)[0]
    assert f"For a dossier:</strong> {advice_of('INT04')}" in int04


def test_the_dossier_page_in_french(app, auth_client, user):
    uid, _ = advice_dossier(app, auth_client, user)
    post(auth_client, "/language", {"lang": "fr", "next": "/"})
    section = html.unescape(_section(auth_client.get(f"/dossiers/{uid}").get_data(as_text=True)))
    assert "Ce qu'il faut chercher et ajouter au dossier (3)" in section
    assert "— 3 études sur 3" in section and "— 1 étude sur 3" in section
    assert f"Pour les études 1 et 2{NBSP}:</strong> {advice_of('E02', 'fr')}" in section
    assert f"Pour un dossier{NBSP}:</strong> {advice_of('INT04', 'fr')}" in section
    assert "Étude 3" in section and "Aucun conseil pour un dossier" in section


def test_a_dossier_with_nothing_lacking_says_so_and_an_empty_one_says_nothing(app, auth_client,
                                                                             user):
    uid = new_dossier(auth_client)
    assert 'id="to-add"' not in auth_client.get(f"/dossiers/{uid}").get_data(as_text=True)
    add(auth_client, uid, imported_study(app, user, "interventional", publication=PEER))
    section = _section(auth_client.get(f"/dossiers/{uid}").get_data(as_text=True))
    assert "What to look for and add to the dossier (0)" in section
    assert "Nothing to look for: no study of the dossier has an invariant" in section


def _pdf_text(client, uid: str, lang: str) -> str:
    response = client.get(f"/dossiers/{uid}/report.pdf?lang={lang}")
    assert response.status_code == 200
    reader = pypdf.PdfReader(io.BytesIO(response.get_data()))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_the_dossier_pdf_lists_what_to_add(app, auth_client, user):
    uid, _ = advice_dossier(app, auth_client, user)
    text = _pdf_text(auth_client, uid, "en")
    section = text[text.index("What to look for and add to the dossier"):]
    assert "Invariant Studies that lack it For a dossier" in section
    assert section.index("E02 Free and informed consent") < section.index("E03") \
        < section.index("INT04")
    assert "Not met: Study 1 (interventional), Study 3 (interventional) Partially met " \
           "(unconfirmed suggestion): Study 2 (interventional)" in section
    # The methodological ones under their study, named once with its title.
    assert section.index("Methodological invariants") \
        < section.index("Study 1 (interventional): Trial one") < section.index("INT04")
    assert f"For studies 1 and 2: {advice_of('E02')}" in section
    assert "No advice for a dossier (a protocol, or a catalogue version without it)" in section
    french = _pdf_text(auth_client, uid, "fr")
    section = french[french.index("Ce qu'il faut chercher et ajouter au dossier"):]
    assert f"Pour les études 1 et 2 : {advice_of('E02', 'fr')}" in section
    assert "Non respecté : Étude 1 (type interventionnel), Étude 3 (type interventionnel)" \
        in section
    assert advice_of("INT04", "fr") in section


def test_the_dossier_workbook_has_a_sheet_of_what_to_add(app, auth_client, user):
    uid, _ = advice_dossier(app, auth_client, user)
    for lang, sheet, data in (("en", "To add to the dossier", "Data"),
                              ("fr", "À ajouter au dossier", "Données")):
        response = auth_client.get(f"/dossiers/{uid}/report.xlsx?lang={lang}")
        wb = openpyxl.load_workbook(io.BytesIO(response.get_data()))
        assert wb.sheetnames[-2:] == [sheet, data]
        rows = list(wb[sheet].iter_rows(values_only=True))
        if lang == "en":
            assert rows[0] == ("Invariant", "Title", "Kind", "Number of studies",
                               "Studies that lack it", "For a dossier")
            assert rows[1] == (
                "E02", "Free and informed consent", "Ethical", 3,
                "Not met: Study 1 (interventional), Study 3 (interventional)\nPartially met "
                "(unconfirmed suggestion): Study 2 (interventional)",
                f"For studies 1 and 2: {advice_of('E02')}\n{HELD_E02}")
            assert rows[3][:4] == ("INT04", pick(get_catalogue().invariant("INT04").title, "en"),
                                   "Methodological", 1)
            assert rows[3][5] == f"{advice_of('INT04')}\n{HELD_E02.replace('Not met', 'Met')}"
        else:
            assert rows[1][2] == "Éthique" and rows[1][5].startswith(
                f"Pour les études 1 et 2{NBSP}: {advice_of('E02', 'fr')}\nDéjà dans le dossier")
        assert [row[0] for row in rows[1:4]] == ["E02", "E03", "INT04"]


def test_the_dossier_review_lists_what_to_add(app, auth_client, user):
    uid, _ = advice_dossier(app, auth_client, user)
    text = auth_client.get(f"/dossiers/{uid}/review.txt?lang=en").get_data(as_text=True)
    section = text[text.index("## What to look for and add to the dossier (3)"):]
    assert section.index("### Ethical invariants") < section.index("1. E02 Free and informed "
                                                                   "consent")
    assert "    - Studies that lack it: Not met: Study 1 (interventional), Study 3 " \
           "(interventional); Partially met (unconfirmed suggestion): Study 2 " \
           "(interventional)\n" \
           f"    - For studies 1 and 2: {advice_of('E02')}\n" in section
    assert "2. E03 " in section and "    - No advice for a dossier" in section
    methodological = section[section.index("### Methodological invariants"):]
    # Under its study, named once, with its title; the answer beside the invariant.
    int04 = pick(get_catalogue().invariant("INT04").title, "en")
    assert "#### Study 1 (interventional): Trial one\n\n" \
           f"3. INT04 {int04} — Not reported\n" \
           f"    - For a dossier: {advice_of('INT04')}\n" in methodological
    french = auth_client.get(f"/dossiers/{uid}/review.txt?lang=fr").get_data(as_text=True)
    section = french[french.index("## Ce qu'il faut chercher et ajouter au dossier (3)"):]
    assert f"    - Pour un dossier{NBSP}: {advice_of('INT04', 'fr')}\n" in section
    assert (f"Études concernées{NBSP}: Non respecté{NBSP}: Étude 1 (type interventionnel), "
            f"Étude 3 (type interventionnel){NBSP}; Partiellement") in section
    assert f"#### Étude 1 (type interventionnel){NBSP}: Trial one" in section


def test_a_study_assessed_before_the_advice_gets_none_in_the_dossier(make_app, tmp_path):
    """A paper assessed with catalogue 1.4.1 (its remedy ended with the advice, which had no
    field of its own) is listed with no advice: not the current catalogue's, which its
    assessment did not see."""
    older_path = tmp_path / "older.json"
    older_path.write_text(json.dumps(older_catalogue_data()), encoding="utf-8")
    older_app = make_app(NPIS_CATALOGUE=str(older_path))
    make_user(older_app, "alice")
    older_client = older_app.test_client()
    login(older_client, "alice")
    old_uid = create_assessment(older_client, document_kind="paper")
    post(older_client, f"/assessments/{old_uid}/answers/E02",
         {"E02-answer": "not_met", "E02-version": "0", "E02-justification": ""})

    app = make_app()
    client = app.test_client()
    login(client, "alice")
    uid = new_dossier(client)
    add(client, uid, old_uid)
    page = html.unescape(_section(client.get(f"/dossiers/{uid}").get_data(as_text=True)))
    e02 = page[page.index(">E02<"):].split("</details>", 1)[0]
    assert advice_of("E02") not in e02 and "No advice for a dossier" in e02
    review = client.get(f"/dossiers/{uid}/review.txt?lang=en").get_data(as_text=True)
    section = review[review.index("## What to look for and add to the dossier"):]
    assert advice_of("E02") not in section and "No advice for a dossier" in section
    text = _pdf_text(client, uid, "en")
    assert advice_of("E02") not in text[text.index("What to look for and add"):]
    # A new paper lacking E02 brings the advice, for itself only.
    new_uid = create_assessment(client, document_kind="paper")
    post(client, f"/assessments/{new_uid}/answers/E02",
         {"E02-answer": "not_met", "E02-version": "0", "E02-justification": ""})
    add(client, uid, new_uid)
    page = html.unescape(_section(client.get(f"/dossiers/{uid}").get_data(as_text=True)))
    e02 = page[page.index(">E02<"):].split("</details>", 1)[0]
    assert f"For study 2:</strong> {advice_of('E02')}" in e02


def test_the_methodological_invariants_are_grouped_under_their_studies():
    """A reader goes through the ethical invariants (every study answers them), then each
    study type's own, under its studies named once: a walkthrough's 49 entries each repeated a
    study's full title."""
    catalogue = get_catalogue()
    records = [("mechanistic", record("mechanistic", E02="not_met", MEC01="not_met")),
               ("interventional", record("interventional", E02="partially_met",
                                         INT01="not_met", INT04="not_reported")),
               ("interventional", record("interventional", INT01="partially_met"))]
    studies = [StudyGaps(n, f"uid{n}", f"Study title {n}", catalogue,
                         score_assessment(catalogue, rec), study_type,
                         catalogue.study_type(study_type).type_name("en"))
               for n, (study_type, rec) in enumerate(records, start=1)]
    groups = advice_groups(dossier_advice(studies, catalogue, "en"))
    assert [(g.ethical, g.study_type, [s.number for s in g.studies],
             [e.invariant_id for e in g.entries], g.one_study) for g in groups] == [
        (True, "", [], ["E02"], False),
        (False, "mechanistic", [1], ["MEC01"], True),
        (False, "interventional", [2, 3], ["INT01", "INT04"], False)]
    assert groups[1].studies[0].type_name == "mechanistic"
    assert advice_groups([]) == []
