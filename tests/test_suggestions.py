"""Automatic suggestions in the assessment form: propose, accept, reject, never overwrite."""

from __future__ import annotations

import html
import io
import re
from pathlib import Path

import pytest
from conftest import ASSESSMENT_FORM, create_assessment, login, make_user, post, save_answer

from checker.extensions import db
from checker.models import Answer, AnswerHistory, Assessment
from checker.services.suggestions import QUOTATION_SEPARATOR

PROTOCOL = """Supervised walking after stroke: protocol of a randomised controlled trial

Methods

Ethics and dissemination
The protocol was approved by the ethics committee CPP Ouest III (reference 2024-A01234-56) on
12 March 2024, before the first participant was included. Written informed consent will be
obtained from all participants before inclusion.

Randomisation
Participants will be randomly allocated (1:1) using a computer-generated sequence with
permuted blocks of variable size, stratified by centre. Allocation will be concealed with a
secure web-based system.

Funding
This trial is funded by the French Ministry of Health (PHRC 2023). The funder has no role in
the design, conduct or reporting of the study.

Trial registration
ClinicalTrials.gov NCT01234567, registered on 2 April 2024.
"""

FRENCH_PROTOCOL = (Path(__file__).parent / "data" / "protocole_tcc_fr.md").read_text("utf-8")


def upload(text: str = PROTOCOL, name: str = "protocol.txt") -> dict:
    return {"document": (io.BytesIO(text.encode("utf-8")), name)}


def answers_of(app, uid: str) -> dict[str, Answer]:
    with app.app_context():
        assessment = db.session.scalar(db.select(Assessment).where(Assessment.uid == uid))
        return {a.invariant_id: a for a in assessment.answers}


@pytest.fixture
def suggested(app, auth_client):
    """An assessment created with a document: suggestions are made at creation."""
    uid = create_assessment(auth_client, **upload())
    return uid


def test_suggestions_are_made_at_upload_and_marked_unconfirmed(app, auth_client, suggested):
    answers = answers_of(app, suggested)
    assert len(answers) == 30
    assert all(a.origin == "suggestion" and a.confirmed_by is None for a in answers.values())
    e01 = answers["E01"]
    assert e01.answer in ("met", "partially_met")
    assert "ethics committee CPP Ouest III" in e01.quotation
    # Every stored quotation is a verbatim sentence of the document.
    normalised = " ".join(PROTOCOL.split())
    for answer in answers.values():
        for part in filter(None, answer.quotation.split(QUOTATION_SEPARATOR)):
            assert part in PROTOCOL or " ".join(part.split()) in normalised
    page = auth_client.get(f"/assessments/{suggested}").get_data(as_text=True)
    assert "Unconfirmed automatic suggestion" in page
    assert "Accept all 30 suggestions" in page
    results = auth_client.get(f"/assessments/{suggested}/results").get_data(as_text=True)
    assert "0 of 30 invariants answered by a person; 30 unconfirmed suggestions." in results
    assert "— provisional: 30 of 30 answers are unconfirmed suggestions" in results


def test_a_suggestions_buttons_are_worded_alike(auth_client, suggested):
    """Accept and reject name the suggestion the same way, in English as in French (the
    English said "Accept suggestion for E01" beside "Accept the suggestion" for all)."""
    import html

    for lang, accept, edited, reject in (
            ("en", "Accept the suggestion for E01", "Accept the suggestion for E01 with my "
             "changes", "Reject the suggestion for E01"),
            ("fr", "Accepter la suggestion pour E01", "Accepter la suggestion pour E01 avec mes "
             "modifications", "Rejeter la suggestion pour E01")):
        post(auth_client, "/language", {"lang": lang})
        page = html.unescape(auth_client.get(f"/assessments/{suggested}").get_data(as_text=True))
        assert f">{accept}</button>" in page and f'data-edited-text="{edited}"' in page
        assert f">{reject}</button>" in page


def test_accept_one_confirms_and_records_history(app, auth_client, suggested):
    version = answers_of(app, suggested)["E01"].version
    response = post(auth_client, f"/assessments/{suggested}/suggestions/E01/accept",
                    {"version": version})
    assert response.status_code == 302
    e01 = answers_of(app, suggested)["E01"]
    assert e01.origin == "human" and e01.confirmed_by == "alice"
    assert e01.version == version + 1
    with app.app_context():
        last = db.session.scalars(db.select(AnswerHistory).where(
            AnswerHistory.invariant_id == "E01").order_by(AnswerHistory.id.desc())).first()
        assert last.new_values["origin"] == "accepted suggestion" and last.username == "alice"
    history = auth_client.get(f"/assessments/{suggested}/answers/E01").get_data(as_text=True)
    assert "automatic suggestion</span>" in history and "suggestion accepted</span>" in history
    assert "Quotation" in history.split("History of changes")[1]  # the quotation's change too


def _shown_form(app, auth_client, uid: str, invariant_id: str) -> dict:
    """The answer form's fields as the page shows them (what the accept button posts)."""
    stored = answers_of(app, uid)[invariant_id]
    return {f"{invariant_id}-answer": stored.answer or "",
            f"{invariant_id}-justification": stored.justification,
            f"{invariant_id}-quotation": stored.quotation, f"{invariant_id}-page": stored.page,
            f"{invariant_id}-section": stored.section,
            f"{invariant_id}-version": stored.version}


def test_accept_keeps_the_edits_made_to_a_suggestion(app, auth_client, suggested):
    page = auth_client.get(f"/assessments/{suggested}").get_data(as_text=True)
    # The accept button posts the answer form as shown, edits included.
    assert 'form="answer-E01"' in page and 'id="answer-E01"' in page
    assert "Not confirmed yet" in page  # a suggestion is not shown as saved
    fields = _shown_form(app, auth_client, suggested, "E01")
    fields["E01-answer"] = "partially_met"
    fields["E01-justification"] = "Approval date not given; checked by hand."
    response = post(auth_client, f"/assessments/{suggested}/suggestions/E01/accept", fields,
                    follow_redirects=True)
    assert response.status_code == 200
    e01 = answers_of(app, suggested)["E01"]
    assert e01.answer == "partially_met" and e01.origin == "human"
    assert e01.justification == "Approval date not given; checked by hand."
    assert e01.confirmed_by == "alice"
    # Unedited, the same button accepts the suggestion as it was made.
    before = answers_of(app, suggested)["E02"]
    post(auth_client, f"/assessments/{suggested}/suggestions/E02/accept",
         _shown_form(app, auth_client, suggested, "E02"))
    e02 = answers_of(app, suggested)["E02"]
    assert (e02.origin, e02.answer, e02.justification) == ("human", before.answer,
                                                           before.justification)
    with app.app_context():
        last = db.session.scalars(db.select(AnswerHistory).where(
            AnswerHistory.invariant_id == "E02").order_by(AnswerHistory.id.desc())).first()
        assert last.new_values["origin"] == "accepted suggestion"


def test_a_browsers_crlf_line_breaks_are_no_edit(app, auth_client, suggested):
    """Browsers send a textarea's line breaks as CRLF: a suggestion of several quotations
    accepted as shown is accepted, not saved as an edit."""
    multi = next(i for i, a in answers_of(app, suggested).items() if "\n" in a.quotation)
    fields = _shown_form(app, auth_client, suggested, multi)
    fields[f"{multi}-quotation"] = fields[f"{multi}-quotation"].replace("\n", "\r\n")
    post(auth_client, f"/assessments/{suggested}/suggestions/{multi}/accept", fields)
    with app.app_context():
        last = db.session.scalars(db.select(AnswerHistory).where(
            AnswerHistory.invariant_id == multi).order_by(AnswerHistory.id.desc())).first()
        assert last.new_values["origin"] == "accepted suggestion"
    assert "\r" not in answers_of(app, suggested)[multi].quotation


def test_edited_accept_of_a_stale_page_shows_the_conflict(app, auth_client, suggested):
    fields = _shown_form(app, auth_client, suggested, "E03")
    save_answer(auth_client, suggested, "E03", fields["E03-version"], answer="not_met",
                justification="Reviewed in another tab.")
    fields["E03-justification"] = "Edited on a stale page."
    response = post(auth_client, f"/assessments/{suggested}/suggestions/E03/accept", fields)
    assert response.status_code == 409  # both shown, nothing overwritten
    assert answers_of(app, suggested)["E03"].justification == "Reviewed in another tab."


def test_stale_accept_changes_nothing(app, auth_client, suggested):
    version = answers_of(app, suggested)["E02"].version
    response = post(auth_client, f"/assessments/{suggested}/suggestions/E02/accept",
                    {"version": version - 1}, follow_redirects=True)
    assert "changed meanwhile" in response.get_data(as_text=True)
    assert answers_of(app, suggested)["E02"].origin == "suggestion"


@pytest.mark.parametrize("action", ["accept", "reject"])
def test_accepting_an_invariant_the_catalogue_does_not_know_is_a_404(app, auth_client,
                                                                      suggested, action):
    """A mistyped address, not a page made stale meanwhile: no "changed meanwhile" message."""
    before = answers_of(app, suggested)
    response = post(auth_client, f"/assessments/{suggested}/suggestions/E999/{action}",
                    {"version": 1})
    assert response.status_code == 404
    after = answers_of(app, suggested)
    assert [(a.invariant_id, a.version) for a in after.values()] == \
        [(a.invariant_id, a.version) for a in before.values()]


def test_reject_one_and_accept_all(app, auth_client, suggested):
    version = answers_of(app, suggested)["E03"].version
    post(auth_client, f"/assessments/{suggested}/suggestions/E03/reject", {"version": version})
    e03 = answers_of(app, suggested)["E03"]
    assert e03.answer is None and e03.quotation == "" and e03.origin == "human"
    response = post(auth_client, f"/assessments/{suggested}/suggestions/accept",
                    follow_redirects=True)
    assert "29 suggestions accepted" in response.get_data(as_text=True)
    answers = answers_of(app, suggested)
    assert all(a.origin == "human" for a in answers.values())
    assert answers["E03"].answer is None  # a rejected suggestion is not resurrected


def test_accept_or_reject_all_with_nothing_pending_says_so(app, auth_client, suggested):
    post(auth_client, f"/assessments/{suggested}/suggestions/accept")
    for action in ("accept", "reject"):
        page = post(auth_client, f"/assessments/{suggested}/suggestions/{action}",
                    follow_redirects=True).get_data(as_text=True)
        assert "No suggestion was waiting for your review: nothing was changed." in page
        assert "0 suggestions" not in page


def remaining_links(page: str) -> list[str]:
    """The invariants the progress box links to as still to answer or confirm ([] if hidden)."""
    match = re.search(r'<p class="remaining small"( hidden)? data-listed="\d+">(.*?)</p>',
                      page, re.S)
    assert match, "the progress box has its list of what is left"
    return [] if match.group(1) else re.findall(r'href="#inv-([A-Z0-9]+)"', match.group(2))


def test_the_progress_box_links_to_the_few_invariants_left(app, auth_client, suggested):
    """After accepting the suggestions but two rejected ones, a committee member sees which two
    invariants are left, with links to them, rather than looking through thirty."""
    page = auth_client.get(f"/assessments/{suggested}").get_data(as_text=True)
    assert remaining_links(page) == []  # thirty left: too many to list
    for invariant_id in ("INT03", "E09"):
        version = answers_of(app, suggested)[invariant_id].version
        post(auth_client, f"/assessments/{suggested}/suggestions/{invariant_id}/reject",
             {"version": version})
    post(auth_client, f"/assessments/{suggested}/suggestions/accept")
    page = auth_client.get(f"/assessments/{suggested}").get_data(as_text=True)
    assert remaining_links(page) == ["E09", "INT03"]  # in the page's order
    assert "Still to answer or confirm:" in page
    # A background save says what is left, for the page to update its links.
    response = save_answer(auth_client, suggested, "E09", answers_of(app, suggested)["E09"].version,
                           answer="not_reported", justification="Burden not described.")
    assert response.status_code == 302
    body = post(auth_client, f"/assessments/{suggested}/answers/INT03",
                {"INT03-version": str(answers_of(app, suggested)["INT03"].version),
                 "INT03-answer": "met", "INT03-justification": "Computer-generated."},
                headers={"Accept": "application/json"}).get_json()
    assert body["remaining"] == []
    page = auth_client.get(f"/assessments/{suggested}").get_data(as_text=True)
    assert remaining_links(page) == []


def test_reject_all(app, auth_client, suggested):
    response = post(auth_client, f"/assessments/{suggested}/suggestions/reject",
                    follow_redirects=True)
    assert all(a.answer is None for a in answers_of(app, suggested).values())
    # The way back is said, and it works: a new run suggests again where no answer is given.
    assert "To get a rejected suggestion back, click “Suggest answers from the document”" in \
        response.get_data(as_text=True)
    post(auth_client, f"/assessments/{suggested}/suggestions")
    assert all(a.origin == "suggestion" for a in answers_of(app, suggested).values())


def test_rerun_never_overwrites_a_person(app, auth_client, suggested):
    e01 = answers_of(app, suggested)["E01"]
    save_answer(auth_client, suggested, "E01", e01.version, answer="not_met",
                justification="Approval obtained after inclusion began.")
    assert answers_of(app, suggested)["E01"].answer == "not_met"
    response = post(auth_client, f"/assessments/{suggested}/suggestions", follow_redirects=True)
    assert "1 answer you had given was left unchanged" in response.get_data(as_text=True)
    e01 = answers_of(app, suggested)["E01"]
    assert e01.answer == "not_met" and e01.origin == "human"


def test_no_document_gives_a_clear_message(auth_client, assessment):
    response = post(auth_client, f"/assessments/{assessment}/suggestions", follow_redirects=True)
    assert "no document to analyse" in response.get_data(as_text=True)


def test_unreadable_document_keeps_the_assessment(app, auth_client):
    from weasyprint import HTML

    blank_pdf = HTML(string="<html><body></body></html>").write_pdf()
    data = {**ASSESSMENT_FORM, "document": (io.BytesIO(blank_pdf), "scan.pdf")}
    response = post(auth_client, "/assessments/new", data, content_type="multipart/form-data",
                    follow_redirects=True)
    text = response.get_data(as_text=True)
    assert response.status_code == 200
    # The reason is a sentence of its own, not run on after a colon ("…: No text…").
    assert "could not be analysed automatically. No text could be extracted:" in text
    # Where to put the readable file (the box's upload field is so labelled).
    assert "use “Upload a revised document” in the automatic suggestions box" in text
    assert "Upload a revised document</label>" in text
    assert ASSESSMENT_FORM["title"] in text


def test_an_unreadable_revision_says_why_in_french_and_that_suggestions_are_older(
        app, auth_client, suggested):
    from weasyprint import HTML

    post(auth_client, "/language", {"lang": "fr"})
    blank_pdf = HTML(string="<html><body></body></html>").write_pdf()
    response = post(auth_client, f"/assessments/{suggested}/document",
                    {"document": (io.BytesIO(blank_pdf), "scan.pdf")},
                    content_type="multipart/form-data", follow_redirects=True)
    text = html.unescape(response.get_data(as_text=True))
    assert "n'a pas pu être analysé automatiquement" in text
    assert "Aucun texte n'a pu être extrait" in text  # the reason, in French too
    assert "No text could be extracted" not in text
    assert "ont été faites à partir d'une version antérieure du document" in text
    # Which file is now current, and how to go back to the readable one.
    assert "scan.pdf remplace protocol.txt comme document actuel" in text
    assert "téléversez de nouveau protocol.txt" in text


def test_an_unreadable_revision_never_claims_suggestions_were_made_again(
        app, auth_client, suggested):
    from weasyprint import HTML

    blank_pdf = HTML(string="<html><body></body></html>").write_pdf()
    response = post(auth_client, f"/assessments/{suggested}/document",
                    {"document": (io.BytesIO(blank_pdf), "scan.pdf")},
                    content_type="multipart/form-data", follow_redirects=True)
    text = html.unescape(response.get_data(as_text=True))
    assert "replaces the previous document" not in text
    assert "suggestions below are made again" not in text
    assert ("scan.pdf replaces protocol.txt as the current document, but it could not be "
            "analysed automatically") in text
    assert "To go back, upload protocol.txt again with “Upload a revised document”." in text
    assert document_of(app, suggested)[0] == "scan.pdf"
    # Once the message is gone, the box still says the text cannot be read, offers no
    # suggestions from it, and keeps the earlier suggestions' buttons.
    page = html.unescape(auth_client.get(f"/assessments/{suggested}").get_data(as_text=True))
    assert "npis-checker cannot read the text of the current document (scan.pdf)" in page
    assert "Suggest answers from the document" not in page
    assert "Read the document text" not in page
    assert "Accept all" in page and "Reject all suggestions" in page
    # Uploading a readable version again brings the suggestions back.
    post(auth_client, f"/assessments/{suggested}/document",
         {"document": (io.BytesIO(PROTOCOL.encode()), "protocol.txt")},
         content_type="multipart/form-data")
    page = html.unescape(auth_client.get(f"/assessments/{suggested}").get_data(as_text=True))
    assert "Suggest answers from the document" in page and "cannot read the text" not in page


def test_other_users_cannot_touch_suggestions(app, suggested):
    make_user(app, "bob")
    other = app.test_client()
    login(other, "bob")
    for path in ("suggestions", "suggestions/accept", "suggestions/E01/reject"):
        assert post(other, f"/assessments/{suggested}/{path}").status_code == 404
    assert all(a.origin == "suggestion" for a in answers_of(app, suggested).values())


def document_of(app, uid: str) -> tuple[str, str]:
    with app.app_context():
        assessment = db.session.scalar(db.select(Assessment).where(Assessment.uid == uid))
        return assessment.document_filename, assessment.document_sha256


def test_a_document_can_be_added_after_creation(app, auth_client, assessment):
    page = auth_client.get(f"/assessments/{assessment}").get_data(as_text=True)
    assert "Upload a document" in page
    response = post(auth_client, f"/assessments/{assessment}/document", upload(),
                    content_type="multipart/form-data", follow_redirects=True)
    assert "30 suggestions from the document are waiting for your review" in response.get_data(
        as_text=True)
    assert document_of(app, assessment)[0] == "protocol.txt"
    assert all(a.origin == "suggestion" for a in answers_of(app, assessment).values())


def test_a_revised_draft_replaces_the_document_and_keeps_a_persons_answers(
        app, auth_client, suggested):
    first = document_of(app, suggested)[1]
    e01 = answers_of(app, suggested)["E01"]
    save_answer(auth_client, suggested, "E01", e01.version, answer="not_met",
                justification="Approval obtained after inclusion began.")
    revised = PROTOCOL + "\nData monitoring\nAn independent data monitoring committee meets.\n"
    response = post(auth_client, f"/assessments/{suggested}/document",
                    upload(revised, "protocol-v2.txt"), content_type="multipart/form-data",
                    follow_redirects=True)
    text = response.get_data(as_text=True)
    assert "protocol-v2.txt replaces the previous document" in text
    name, digest = document_of(app, suggested)
    assert name == "protocol-v2.txt" and digest != first
    # The first draft is still stored and listed: reports issued on it keep their evidence.
    assert list(Path(app.config["UPLOAD_DIR"]).glob(f"{first}.*"))
    with app.app_context():
        assessment = db.session.scalar(db.select(Assessment).where(Assessment.uid == suggested))
        versions = [(d.filename, d.sha256, d.username) for d in assessment.documents]
    assert versions == [("protocol.txt", first, "alice"), ("protocol-v2.txt", digest, "alice")]
    assert "Documents checked (2 versions)" in text
    answers = answers_of(app, suggested)
    assert answers["E01"].answer == "not_met" and answers["E01"].origin == "human"


def invariant_card(page: str, invariant_id: str) -> str:
    """The HTML of one invariant's block on the assessment page."""
    start = page.index(f'id="inv-{invariant_id}"')
    end = page.find('<article class="invariant"', start)
    return page[start:end if end >= 0 else len(page)]


def test_a_revised_draft_names_the_answers_whose_quotation_it_no_longer_has(
        app, auth_client, suggested):
    """A researcher answered every invariant, one with a quotation the revision cuts: the
    upload says that no answer is changed (no suggestion is waiting "below"), names that
    answer, and the answer's field says its quotation is not in the current document."""
    post(auth_client, f"/assessments/{suggested}/suggestions/accept")
    int04 = answers_of(app, suggested)["INT04"]
    concealed = "Allocation will be concealed with a\nsecure web-based system."
    save_answer(auth_client, suggested, "INT04", int04.version, answer="met",
                justification="Central allocation.",
                quotation="Allocation will be concealed with a secure web-based system.")
    page = auth_client.get(f"/assessments/{suggested}").get_data(as_text=True)
    assert "Not found word for word in the current document" not in page
    revised = PROTOCOL.replace(" " + concealed, "")
    assert revised != PROTOCOL
    response = post(auth_client, f"/assessments/{suggested}/document",
                    upload(revised, "protocol-v2.txt"), content_type="multipart/form-data",
                    follow_redirects=True)
    text = html.unescape(response.get_data(as_text=True))
    assert "protocol-v2.txt replaces the previous document. Your answers are kept, and none " \
        "is changed by it" in text
    assert "the suggestions below are made again" not in text
    assert "The quotation in your answer to INT04 is not word for word in the new document" \
        in text
    assert "Not found word for word in the current document (protocol-v2.txt)" \
        in invariant_card(text, "INT04")
    assert "Not found word for word" not in invariant_card(text, "E01")
    # The answer's own page says it too.
    single = auth_client.get(f"/assessments/{suggested}/answers/INT04").get_data(as_text=True)
    assert "Not found word for word in the current document" in single


def test_a_revised_draft_with_suggestions_waiting_says_they_are_made_again(
        app, auth_client, suggested):
    response = post(auth_client, f"/assessments/{suggested}/document",
                    upload(PROTOCOL + "\nA data monitoring committee meets.\n", "v2.txt"),
                    content_type="multipart/form-data", follow_redirects=True)
    text = html.unescape(response.get_data(as_text=True))
    assert "the suggestions below are made again from the new document" in text
    assert "is not word for word in the new document" not in text  # suggestions are not named


@pytest.mark.parametrize("files,message", [
    ({"document": (io.BytesIO(b"not a pdf"), "draft.pdf")}, "not a valid PDF"),
    ({"document": (io.BytesIO(b"x"), "draft.exe")}, "Unsupported file type"),
    ({}, "Choose a file to upload"),
])
def test_a_refused_document_changes_nothing(app, auth_client, suggested, files, message):
    before = document_of(app, suggested)
    response = post(auth_client, f"/assessments/{suggested}/document", files,
                    content_type="multipart/form-data", follow_redirects=True)
    assert message in response.get_data(as_text=True)
    assert document_of(app, suggested) == before
    assert all(a.origin == "suggestion" for a in answers_of(app, suggested).values())


def test_document_upload_needs_the_form_token_and_the_owner(app, auth_client, suggested):
    before = document_of(app, suggested)
    response = auth_client.post(f"/assessments/{suggested}/document", data=upload(revised_name()),
                                content_type="multipart/form-data")
    assert response.status_code == 400 and "Form expired" in response.get_data(as_text=True)
    make_user(app, "bob")
    other = app.test_client()
    login(other, "bob")
    assert post(other, f"/assessments/{suggested}/document", upload(),
                content_type="multipart/form-data").status_code == 404
    assert document_of(app, suggested) == before


def revised_name() -> str:
    return PROTOCOL.replace("Supervised walking", "Supervised walking (revised)")


def test_document_versions_travel_with_the_json_export(app, auth_client, suggested):
    post(auth_client, f"/assessments/{suggested}/document", upload(revised_name(), "v2.txt"),
         content_type="multipart/form-data")
    exported = auth_client.get(f"/assessments/{suggested}/export.json").data
    make_user(app, "bob")
    bob = app.test_client()
    login(bob, "bob")
    response = post(bob, "/assessments/import", {"file": (io.BytesIO(exported), "a.json")},
                    content_type="multipart/form-data")
    new_uid = response.headers["Location"].split("/")[-1]
    with app.app_context():
        copy = db.session.scalar(db.select(Assessment).where(Assessment.uid == new_uid))
        assert [(d.filename, d.username) for d in copy.documents] == [
            ("protocol.txt", "alice"), ("v2.txt", "alice")]
        assert copy.document_filename == "v2.txt"
    # The export names Alice's document by fingerprint only: Bob, who never uploaded it, cannot
    # read its text through the imported copy (nor analyse it, nor see it in a comparison).
    page = bob.get(f"/assessments/{new_uid}/document").get_data(as_text=True)
    assert "was not uploaded with your account" in page and "CPP Ouest III" not in page
    assert bob.get(f"/assessments/{new_uid}/analysis.json").status_code == 404
    flashed = post(bob, f"/assessments/{new_uid}/suggestions", follow_redirects=True)
    assert "was not uploaded with your account" in flashed.get_data(as_text=True)
    changes = bob.get(f"/assessments/{new_uid}/changes").get_data(as_text=True)
    assert "CPP Ouest III" not in changes and "computer-generated" not in changes
    # Alice re-importing her own export reads it as before; Bob uploading the same file too.
    mine = post(auth_client, "/assessments/import", {"file": (io.BytesIO(exported), "a.json")},
                content_type="multipart/form-data").headers["Location"].split("/")[-1]
    assert "CPP Ouest III" in auth_client.get(f"/assessments/{mine}/document").get_data(
        as_text=True)
    post(bob, f"/assessments/{new_uid}/document", upload(revised_name(), "v2.txt"),
         content_type="multipart/form-data")
    assert "CPP Ouest III" in bob.get(f"/assessments/{new_uid}/document").get_data(as_text=True)


def test_a_suggestions_justification_reads_in_the_reports_language(app, auth_client):
    import openpyxl
    import pypdf

    post(auth_client, "/language", {"lang": "fr"})
    uid = create_assessment(auth_client, **upload())
    e01 = answers_of(app, uid)["E01"]
    assert e01.justification.startswith("Le document rapporte")  # in the interface language
    assert e01.suggested_justification["en"].startswith("The document reports")
    pdf = auth_client.get(f"/assessments/{uid}/report.pdf?lang=en")
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf.data)).pages)
    assert "The document reports: ethics approval" in " ".join(text.split())
    assert "Le document rapporte" not in text
    xlsx = auth_client.get(f"/assessments/{uid}/report.xlsx?lang=en")
    cells = [c for row in openpyxl.load_workbook(io.BytesIO(xlsx.data)).worksheets[-1].iter_rows(
        values_only=True) for c in row if isinstance(c, str)]
    assert any(c.startswith("The document reports:") for c in cells)
    assert not any(c.startswith("Le document rapporte") for c in cells)
    # The JSON export keeps both languages, and so does its re-import.
    exported = auth_client.get(f"/assessments/{uid}/export.json").get_json()
    e01_json = next(a for a in exported["answers"] if a["invariant_id"] == "E01")
    assert set(e01_json["suggested_justification"]) == {"en", "fr"}
    # Once a person rewrites it, their words are shown in every language.
    save_answer(auth_client, uid, "E01", e01.version, answer="met",
                justification="CPP Ouest III, avant toute inclusion.")
    pdf = auth_client.get(f"/assessments/{uid}/report.pdf?lang=en")
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf.data)).pages)
    assert "CPP Ouest III, avant toute inclusion." in " ".join(text.split())


@pytest.mark.parametrize(("declared", "document", "warned"), [
    ("fr", upload, "The document reads as English, but the assessment's details give its "
                   "language as “French”."),
    ("English", lambda: upload(FRENCH_PROTOCOL, "protocole.md"),
     "The document reads as French, but the assessment's details give its language as "
     "“English”."),
    ("en-GB", upload, None),
    ("Français", lambda: upload(FRENCH_PROTOCOL, "protocole.md"), None),
    ("es", upload, None),  # neither English nor French: nothing to contradict
])
def test_a_document_in_another_language_than_the_details_is_pointed_out(
        app, auth_client, declared, document, warned):
    response = post(auth_client, "/assessments/new",
                    {**ASSESSMENT_FORM, "language": declared, **document()},
                    content_type="multipart/form-data", follow_redirects=True)
    page = html.unescape(response.get_data(as_text=True))
    assert "suggestions from the document are waiting for your review" in page
    if warned:
        assert warned in page and "Edit details" in page
    else:
        assert "The document reads as" not in page


def test_a_short_text_is_not_enough_to_contradict_the_details(app, auth_client):
    response = post(auth_client, "/assessments/new",
                    {**ASSESSMENT_FORM, "language": "fr",
                     **upload("Tai chi trial. The protocol was approved by the ethics "
                              "committee CPP Ouest III on 12 March 2024.")},
                    content_type="multipart/form-data", follow_redirects=True)
    assert "The document reads as" not in response.get_data(as_text=True)


def test_the_language_warning_is_in_french_in_a_french_interface(app, auth_client, assessment):
    post(auth_client, "/language", {"lang": "fr"})
    response = post(auth_client, f"/assessments/{assessment}/document",
                    upload(FRENCH_PROTOCOL, "protocole.md"),
                    content_type="multipart/form-data", follow_redirects=True)
    page = html.unescape(response.get_data(as_text=True))
    assert "Le document semble rédigé en français" in page


def test_rerun_with_every_answer_given_says_nothing_waits(app, auth_client, suggested):
    post(auth_client, f"/assessments/{suggested}/suggestions/accept")
    response = post(auth_client, f"/assessments/{suggested}/suggestions", follow_redirects=True)
    text = html.unescape(response.get_data(as_text=True))
    assert "No suggestion is waiting for your review" in text
    assert "0 suggestion" not in text


@pytest.mark.parametrize("lang, kept, warning", [
    ("en", "28 answers you had given were left unchanged", "The document reads as"),
    ("fr", "28 réponses que vous aviez données sont restées inchangées",
     "Le document semble rédigé en"),
])
def test_suggestions_on_the_example_keep_its_answers_and_read_its_language(
        app, auth_client, lang, kept, warning):
    """The example's document (English, or French in a French interface) goes through the
    automatic evidence like any other: the people's answers stay, quotations stay verbatim,
    and the document is not taken for another language than the one declared."""
    from checker.services.examples import example_document

    post(auth_client, "/language", {"lang": lang})
    response = post(auth_client, "/assessments/example", {})
    uid = response.headers["Location"].rstrip("/").split("/")[-1]
    before = {i: (a.answer, a.quotation, a.origin) for i, a in answers_of(app, uid).items()}
    response = post(auth_client, f"/assessments/{uid}/suggestions", follow_redirects=True)
    page = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 200
    assert kept in page and warning not in page
    after = answers_of(app, uid)
    for inv, (answer, quotation, origin) in before.items():
        if origin == "human":
            assert (after[inv].answer, after[inv].quotation) == (answer, quotation), inv
    with app.app_context():
        from checker.catalogue import get_catalogue
        from checker.demo import load_demo
        document = example_document(load_demo(get_catalogue(), lang=lang))
    for answer in after.values():
        for part in answer.quotation.split(QUOTATION_SEPARATOR.strip()):
            assert " ".join(part.split()) in " ".join(document.split()), answer.invariant_id
