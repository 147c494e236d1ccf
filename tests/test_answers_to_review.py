"""Answers a revised draft contradicts without a quotation to lose: a person's "not met" that
the new draft now evidences in full, or their unquoted "met" of which it shows nothing, are
named after the upload, marked on the form and on "What changed since the previous draft",
until the person saves the answer again, keeps it as it is ("Keep my answer") or takes the
new suggestion."""

from __future__ import annotations

import html
import json

import pytest
from conftest import create_assessment, login, make_user, post, save_answer
from test_suggestions import PROTOCOL, answers_of, invariant_card, upload
from test_web_changes import FIRST_DRAFT, shas, upload_revision

from checker.extensions import db
from checker.models import Assessment
from checker.services.accounts import find_user
from checker.services.answers import history
from checker.services.assessments import catalogue_of, to_record
from checker.services.digests import assessment_digest
from checker.services.draft_changes import answers_to_review, contradicts, keep_answer


@pytest.mark.parametrize("answer,quoted,suggested,suggested_quoted,expected", [
    # The new draft evidences in full what the answer says is missing.
    ("not_reported", False, "met", True, True),
    ("not_met", False, "met", True, True),
    ("partially_met", True, "met", True, True),
    ("met", False, "met", True, False),
    ("not_applicable", False, "met", True, False),  # applicability is not the text's to settle
    ("not_met", False, "met", False, False),  # a "met" with nothing quoted shows nothing
    # The new draft shows nothing of what the answer says is there, and the answer quotes
    # nothing (a quotation still in the draft is the person's evidence).
    ("met", False, "not_reported", False, True),
    ("partially_met", False, "not_reported", False, True),
    ("met", True, "not_reported", False, False),
    ("not_met", False, "not_reported", False, False),
    # A draft that quotes part of the invariant contradicts only "not reported" (the document
    # states nothing of it); "partially met" is too weak a suggestion for anything else.
    ("not_reported", False, "partially_met", True, True),
    ("not_reported", False, "partially_met", False, False),  # nothing quoted shows nothing
    ("not_met", False, "partially_met", True, False),
    ("partially_met", False, "partially_met", True, False),
    ("met", False, "partially_met", True, False),
])
def test_what_contradicts_a_person_s_answer(answer, quoted, suggested, suggested_quoted,
                                            expected):
    assert contradicts(answer, quoted, suggested, suggested_quoted) is expected


def _to_review(app, uid: str) -> dict[str, tuple[str, str, str]]:
    with app.app_context():
        assessment = db.session.scalar(db.select(Assessment).where(Assessment.uid == uid))
        return {item.invariant_id: (item.answer, item.earlier, item.suggested)
                for item in answers_to_review(catalogue_of(assessment), assessment,
                                              app.config["UPLOAD_DIR"])}


def _answer(client, app, uid: str, inv: str, answer: str, **fields) -> None:
    stored = answers_of(app, uid)[inv]
    response = save_answer(client, uid, inv, stored.version, answer=answer,
                           justification=fields.pop("justification", "Read in the draft."),
                           **fields)
    assert response.status_code == 302


def test_an_answer_the_new_draft_now_evidences_is_named_and_marked(app, auth_client):
    uid = create_assessment(auth_client, **upload(FIRST_DRAFT, "v1.txt"))
    _answer(auth_client, app, uid, "INT03", "not_reported")  # v1 has no randomisation
    _answer(auth_client, app, uid, "E02", "met")  # v1 and v2 both evidence it: no question
    assert _to_review(app, uid) == {}
    response = upload_revision(auth_client, uid, PROTOCOL, "v2.txt")
    text = html.unescape(response.get_data(as_text=True))
    assert ("The new document's suggestion contradicts your answer to INT03, given on an "
            "earlier draft: check that it still holds") in text
    card = invariant_card(text, "INT03")
    assert ("v2.txt now evidences this invariant in full (its suggestion: “Met”), but your "
            "answer, given on an earlier draft, is “Not reported”.") in card
    assert "/changes?" in card and "#change-INT03" in card
    assert 'id="review-' not in invariant_card(text, "E02")
    assert _to_review(app, uid) == {"INT03": ("not_reported", "not_reported", "met")}
    # The answer's own page and the changes page mark it too.
    single = html.unescape(auth_client.get(f"/assessments/{uid}/answers/INT03")
                           .get_data(as_text=True))
    assert 'id="review-INT03"' in single
    changes = html.unescape(auth_client.get(f"/assessments/{uid}/changes")
                            .get_data(as_text=True))
    row = changes.split('id="change-INT03"')[1].split("</tr>")[0]
    assert "to check" in row and "says less than the current draft now evidences" in row
    assert "/suggestions/INT03/adopt" in row
    assert changes.count("to-review") == 1

    # Saved again after the upload (here with a reason): looked at, settled.
    _answer(auth_client, app, uid, "INT03", "not_reported",
            justification="The sequence is described, but not who generates it.")
    assert _to_review(app, uid) == {}
    page = auth_client.get(f"/assessments/{uid}").get_data(as_text=True)
    assert 'id="review-INT03"' not in page


def test_a_not_reported_the_new_draft_now_quotes_part_of_is_named_and_marked(app, auth_client):
    """v1 says nothing of allocation concealment, v2 quotes part of it (suggestion "partially
    met"): a person's "not reported" no longer holds as it stands."""
    uid = create_assessment(auth_client, **upload(FIRST_DRAFT, "v1.txt"))
    _answer(auth_client, app, uid, "INT04", "not_reported")
    response = upload_revision(auth_client, uid, PROTOCOL, "v2.txt")
    text = html.unescape(response.get_data(as_text=True))
    assert "contradicts your answer to INT04," in text
    assert ("v2.txt now quotes part of this invariant (its suggestion: “Partially met”), but "
            "your answer, given on an earlier draft, is “Not reported”.") in invariant_card(
                text, "INT04")
    assert _to_review(app, uid) == {"INT04": ("not_reported", "not_reported", "partially_met")}
    exported = json.loads(auth_client.get(f"/assessments/{uid}/export.json").data)
    assert [item["reason"] for item in exported["checks"]["answers_to_check"]] == [
        "current_draft_quotes_part_of_it"]


def test_an_unquoted_met_the_new_draft_no_longer_shows(app, auth_client):
    uid = create_assessment(auth_client, **upload(PROTOCOL, "v1.txt"))
    _answer(auth_client, app, uid, "INT03", "met")  # no quotation
    _answer(auth_client, app, uid, "INT04", "met", quotation="Allocation will be concealed")
    response = upload_revision(auth_client, uid, FIRST_DRAFT, "v2.txt")
    text = html.unescape(response.get_data(as_text=True))
    assert "contradicts your answer to INT03," in text
    assert ("v2.txt no longer shows anything of this invariant (its suggestion: “Not "
            "reported”), but your answer, given on an earlier draft without a quotation, is "
            "“Met”.") in invariant_card(text, "INT03")
    # INT04's quotation is gone: named for that (once), not again here.
    assert "The quotation in your answer to INT04 is not word for word" in text
    assert set(_to_review(app, uid)) == {"INT03"}


def test_a_disagreement_the_earlier_draft_already_had_is_not_raised_again(app, auth_client):
    """The person said "not reported" against the earlier draft's own "met": the revision
    changes nothing about it, so nothing is asked."""
    uid = create_assessment(auth_client, **upload(PROTOCOL, "v1.txt"))
    _answer(auth_client, app, uid, "INT03", "not_reported")
    response = upload_revision(auth_client, uid, PROTOCOL + "\nA note.\n", "v2.txt")
    assert "contradicts your answer" not in html.unescape(response.get_data(as_text=True))
    assert _to_review(app, uid) == {}


def test_an_answer_given_two_drafts_ago_stays_to_check(app, auth_client):
    """Compared with the draft the answer was given on, not only the one before: a third
    draft that leaves the second's evidence as it was does not settle the answer."""
    uid = create_assessment(auth_client, **upload(FIRST_DRAFT, "v1.txt"))
    _answer(auth_client, app, uid, "INT03", "not_met")
    upload_revision(auth_client, uid, PROTOCOL, "v2.txt")
    response = upload_revision(auth_client, uid, PROTOCOL + "\nA note.\n", "v3.txt")
    text = html.unescape(response.get_data(as_text=True))
    assert "contradicts your answer to INT03," in text
    card = invariant_card(text, "INT03")
    with app.app_context():
        first = db.session.scalar(db.select(Assessment).where(Assessment.uid == uid)) \
            .documents[0].sha256
    assert f"before={first}" in card
    changes = auth_client.get(f"/assessments/{uid}/changes?before={first}").get_data(
        as_text=True)
    assert "to check" in changes.split('id="change-INT03"')[1].split("</tr>")[0]
    # Taking the new suggestion settles it.
    stored = answers_of(app, uid)["INT03"]
    with app.app_context():
        current = db.session.scalar(db.select(Assessment).where(Assessment.uid == uid)) \
            .document_sha256
    post(auth_client, f"/assessments/{uid}/suggestions/INT03/adopt",
         {"version": stored.version, "document": current})
    assert answers_of(app, uid)["INT03"].answer == "met"
    assert _to_review(app, uid) == {}


def test_in_french(app, auth_client):
    uid = create_assessment(auth_client, **upload(FIRST_DRAFT, "v1.txt"))
    _answer(auth_client, app, uid, "INT03", "not_met")
    post(auth_client, "/language", {"lang": "fr", "next": "/"})
    response = upload_revision(auth_client, uid, PROTOCOL, "v2.txt")
    text = html.unescape(response.get_data(as_text=True))
    assert ("La suggestion faite sur le nouveau document contredit votre réponse à INT03, "
            "donnée sur une version antérieure\u00a0:") in text
    assert "À vérifier au regard du document actuel" in invariant_card(text, "INT03")
    changes = auth_client.get(f"/assessments/{uid}/changes").get_data(as_text=True)
    assert "à vérifier" in changes.split('id="change-INT03"')[1].split("</tr>")[0]


# --- "Keep my answer" ---------------------------------------------------------------------

def _flagged_int03(app, client) -> str:
    """An assessment whose INT03 answer ("not reported", given on v1) v2 now evidences."""
    uid = create_assessment(client, **upload(FIRST_DRAFT, "v1.txt"))
    _answer(client, app, uid, "INT03", "not_reported")
    upload_revision(client, uid, PROTOCOL, "v2.txt")
    assert set(_to_review(app, uid)) == {"INT03"}
    return uid


def _keep(client, uid: str, inv: str, version, headers=None, **fields):
    return post(client, f"/assessments/{uid}/answers/{inv}/keep",
                {"version": version, **fields}, headers=headers)


def _history(app, uid: str, inv: str):
    with app.app_context():
        assessment = db.session.scalar(db.select(Assessment).where(Assessment.uid == uid))
        return [(h.version, h.username, h.new_values) for h in history(assessment, inv)]


def test_the_service_keeps_an_answer_unchanged_and_settles_its_mark(app, auth_client, user):
    uid = _flagged_int03(app, auth_client)
    before = answers_of(app, uid)["INT03"]
    with app.app_context():
        assessment = db.session.scalar(db.select(Assessment).where(Assessment.uid == uid))
        digest = assessment_digest(to_record(assessment))
        person = find_user(user)
        outcome = keep_answer(catalogue_of(assessment), assessment, "INT03", before.version,
                              person, app.config["UPLOAD_DIR"])
        assert (outcome.status, outcome.draft, outcome.filename) == ("kept", 2, "v2.txt")
        assert outcome.stored.version == before.version + 1
        # What a report says is the same: values, who confirmed, digest.
        assert assessment_digest(to_record(assessment)) == digest
        # Asked again from the same version (a double click): done already, nothing more.
        again = keep_answer(catalogue_of(assessment), assessment, "INT03", before.version,
                            person, app.config["UPLOAD_DIR"])
        assert again.status == "already_kept"
        # From the new version: no longer marked, nothing to keep.
        settled = keep_answer(catalogue_of(assessment), assessment, "INT03",
                              before.version + 1, person, app.config["UPLOAD_DIR"])
        assert settled.status == "not_to_review"
        # An answer that was never marked is not kept either.
        e01 = answers_of(app, uid)["E01"]
        assert keep_answer(catalogue_of(assessment), assessment, "E01", e01.version, person,
                           app.config["UPLOAD_DIR"]).status == "not_to_review"
        with pytest.raises(KeyError):
            keep_answer(catalogue_of(assessment), assessment, "OBS01", 1, person,
                        app.config["UPLOAD_DIR"])
    after = answers_of(app, uid)["INT03"]
    assert (after.answer, after.justification, after.quotation, after.confirmed_by,
            after.accepted_by) == (before.answer, before.justification, before.quotation,
                                   before.confirmed_by, before.accepted_by)
    assert after.version == before.version + 1
    assert _to_review(app, uid) == {}
    entries = _history(app, uid, "INT03")
    assert len(entries) == before.version + 1  # one line more, none for the refused
    version, username, values = entries[0]
    assert (version, username) == (after.version, user)
    assert values["kept_after"]["draft"] == 2 and values["kept_after"]["filename"] == "v2.txt"
    assert values["answer"] == "not_reported"


def test_keep_my_answer_on_the_form_then_not_flagged(app, auth_client, user):
    uid = _flagged_int03(app, auth_client)
    stored = answers_of(app, uid)["INT03"]
    card = invariant_card(html.unescape(auth_client.get(f"/assessments/{uid}")
                                        .get_data(as_text=True)), "INT03")
    assert f'action="/assessments/{uid}/answers/INT03/keep"' in card
    assert "Keep my answer" in card and f'name="version" value="{stored.version}"' in card
    response = _keep(auth_client, uid, "INT03", stored.version, back="form")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/assessments/{uid}#inv-INT03")
    page = html.unescape(auth_client.get(response.headers["Location"]).get_data(as_text=True))
    assert ("Your answer to INT03 is kept as it is after draft 2 (v2.txt): it is no longer "
            "marked to check, and its history says so.") in page
    assert 'id="review-INT03"' not in page and "/answers/INT03/keep" not in page
    assert _to_review(app, uid) == {}
    assert answers_of(app, uid)["INT03"].answer == "not_reported"
    # The answer's own page: the line in its history.
    single = html.unescape(auth_client.get(f"/assessments/{uid}/answers/INT03")
                           .get_data(as_text=True))
    history_table = single.split('id="history"')[1]
    assert f"Kept unchanged after draft 2 (v2.txt) by {user}." in history_table
    # The comparison no longer marks it.
    changes = auth_client.get(f"/assessments/{uid}/changes").get_data(as_text=True)
    assert "to-review" not in changes and "/answers/INT03/keep" not in changes


def test_keep_my_answer_from_its_own_page_and_from_the_comparison(app, auth_client):
    uid = _flagged_int03(app, auth_client)
    single = auth_client.get(f"/assessments/{uid}/answers/INT03").get_data(as_text=True)
    assert 'name="back" value="answer"' in single
    changes = auth_client.get(f"/assessments/{uid}/changes").get_data(as_text=True)
    row = changes.split('id="change-INT03"')[1].split("</tr>")[0]
    assert f'action="/assessments/{uid}/answers/INT03/keep"' in row
    first = shas(app, uid)[0]
    assert 'name="back" value="changes"' in row and f'name="before" value="{first}"' in row
    stored = answers_of(app, uid)["INT03"]
    response = _keep(auth_client, uid, "INT03", stored.version, back="changes", before=first)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(
        f"/assessments/{uid}/changes?before={first}#change-INT03")
    assert _to_review(app, uid) == {}
    # A "before" that is no fingerprint is not put in the address.
    response = _keep(auth_client, uid, "INT03", stored.version, back="changes",
                     before="../x")
    assert response.headers["Location"].endswith(f"/assessments/{uid}/changes#change-INT03")
    # Back to the answer's own page.
    response = _keep(auth_client, uid, "INT03", stored.version + 1, back="answer")
    assert response.headers["Location"].endswith(f"/assessments/{uid}/answers/INT03")


def test_a_stale_keep_is_refused(app, auth_client):
    """The answer changed in another tab after the page showed it: nothing is recorded, and
    the page says so."""
    uid = _flagged_int03(app, auth_client)
    shown = answers_of(app, uid)["INT03"].version
    # Another tab changes it (which settles the mark too): the stale page's keep must not
    # pass for a look at the answer as it now is.
    _answer(auth_client, app, uid, "INT03", "not_met", justification="Reread.")
    entries = len(_history(app, uid, "INT03"))
    response = _keep(auth_client, uid, "INT03", shown, back="form")
    assert response.status_code == 302
    page = html.unescape(auth_client.get(response.headers["Location"]).get_data(as_text=True))
    assert ("INT03 was changed meanwhile (perhaps in another tab): nothing was recorded. "
            "Check the current answer, then keep it if it still holds.") in page
    assert len(_history(app, uid, "INT03")) == entries
    assert answers_of(app, uid)["INT03"].answer == "not_met"


def test_keeping_needs_a_version(app, auth_client):
    uid = _flagged_int03(app, auth_client)
    stored = answers_of(app, uid)["INT03"]
    for version in ("", "abc", "-1", "9" * 40):
        assert _keep(auth_client, uid, "INT03", version).status_code == 400
    assert answers_of(app, uid)["INT03"].version == stored.version
    assert set(_to_review(app, uid)) == {"INT03"}


def test_only_the_owner_can_keep(app, auth_client):
    uid = _flagged_int03(app, auth_client)
    stored = answers_of(app, uid)["INT03"]
    make_user(app, "mallory")
    other = app.test_client()
    login(other, "mallory")
    assert _keep(other, uid, "INT03", stored.version).status_code == 404
    assert _keep(auth_client, "no-such-assessment", "INT03", stored.version).status_code == 404
    assert _keep(auth_client, uid, "ZZ99", stored.version).status_code == 404
    assert answers_of(app, uid)["INT03"].version == stored.version
    assert set(_to_review(app, uid)) == {"INT03"}


def test_keep_in_french(app, auth_client, user):
    uid = _flagged_int03(app, auth_client)
    post(auth_client, "/language", {"lang": "fr", "next": "/"})
    card = invariant_card(html.unescape(auth_client.get(f"/assessments/{uid}")
                                        .get_data(as_text=True)), "INT03")
    assert "Conserver ma réponse" in card
    stored = answers_of(app, uid)["INT03"]
    response = _keep(auth_client, uid, "INT03", stored.version, back="answer")
    page = html.unescape(auth_client.get(response.headers["Location"]).get_data(as_text=True))
    assert ("Votre réponse à INT03 est conservée telle quelle pour la version 2 du document "
            "(v2.txt)\u00a0: elle n'est plus marquée à vérifier, et son historique "
            "l'indique.") in page
    assert (f"Conservée sans changement pour la version 2 du document (v2.txt) par "
            f"{user}.") in page


def test_keep_in_the_background(app, auth_client):
    """What app.js gets when it sends "Keep my answer" from an answer's block: the answer's
    new version and the page's wording, its history for its own page; a stale page gets a
    conflict, to post the form again the plain way."""
    uid = _flagged_int03(app, auth_client)
    stored = answers_of(app, uid)["INT03"]
    background = {"Accept": "application/json", "X-With-History": "1"}
    card = invariant_card(html.unescape(auth_client.get(f"/assessments/{uid}")
                                        .get_data(as_text=True)), "INT03")
    assert 'data-keep="answer-INT03"' in card
    stale = _keep(auth_client, uid, "INT03", stored.version - 1, headers=background)
    assert stale.status_code == 409 and stale.get_json()["status"] == "conflict"
    assert stale.get_json()["message"].startswith("INT03 was changed meanwhile")
    response = _keep(auth_client, uid, "INT03", stored.version, headers=background)
    assert response.status_code == 200
    body = response.get_json()
    assert (body["status"], body["version"]) == ("kept", stored.version + 1)
    assert body["message"].startswith("Your answer to INT03 is kept as it is after draft 2")
    assert body["fields"]["answer"] == "not_reported"
    assert "Kept unchanged after draft 2 (v2.txt)" in html.unescape(body["history_html"])
    assert _to_review(app, uid) == {}
    # The same request again (a double click): done already.
    again = _keep(auth_client, uid, "INT03", stored.version, headers=background)
    assert again.status_code == 200 and again.get_json()["status"] == "already_kept"
    assert answers_of(app, uid)["INT03"].version == stored.version + 1


def _refused_keep(response, status: int, reason: str) -> str:
    assert response.status_code == status, response.get_data(as_text=True)[:300]
    body = response.get_json()
    assert body["error"] == reason, body
    return body["message"]


def test_a_keep_refused_by_a_general_handler_says_it_was_not_kept(app, auth_client):
    """Expired page, page out of date, invariant no longer applicable, signed out, assessment
    deleted: the handlers that refuse a background save refuse a background keep too, and
    say "Not kept", with nothing about typed text to copy; a save still says "Not saved"."""
    uid = _flagged_int03(app, auth_client)
    version = answers_of(app, uid)["INT03"].version
    headers = {"Accept": "application/json"}
    keep = f"/assessments/{uid}/answers/INT03/keep"
    expired = auth_client.post(keep, data={"version": version}, headers=headers)
    assert _refused_keep(expired, 400, "expired") == (
        "Not kept: this page has expired. Reload the page, then keep the answer again if it "
        "is still marked to check.")
    assert _refused_keep(_keep(auth_client, uid, "INT03", "abc", headers), 400,
                         "bad_request").startswith("Not kept: the server could not accept")
    assert _refused_keep(_keep(auth_client, uid, "OBS01", version, headers), 404,
                         "not_applicable") == (
        "Not kept: OBS01 no longer applies to this assessment (its study type was changed, "
        "perhaps in another tab).")
    save = post(auth_client, f"/assessments/{uid}/answers/OBS01",
                {"OBS01-answer": "met", "OBS01-version": "0"}, headers=headers)
    assert _refused_keep(save, 404, "not_applicable").startswith("Not saved: OBS01")
    post(auth_client, f"/assessments/{uid}/delete", {"confirm": "y"})
    deleted = _refused_keep(_keep(auth_client, uid, "INT03", version, headers), 404,
                            "not_found")
    assert deleted == ("Not kept: this assessment no longer exists (it was deleted, perhaps "
                       "in another tab).")
    post(auth_client, "/auth/logout", {})
    signed_out = _keep(auth_client, uid, "INT03", version, headers)
    assert _refused_keep(signed_out, 401, "signed_out") == (
        "Not kept: you are signed out. Sign in again in another tab, then keep this answer "
        "again.")
    assert signed_out.get_json()["login_url"] == "/auth/login"


def test_a_refused_keep_in_french(app, auth_client):
    uid = _flagged_int03(app, auth_client)
    version = answers_of(app, uid)["INT03"].version
    post(auth_client, "/language", {"lang": "fr", "next": "/"})
    headers = {"Accept": "application/json"}
    expired = auth_client.post(f"/assessments/{uid}/answers/INT03/keep",
                               data={"version": version}, headers=headers)
    assert _refused_keep(expired, 400, "expired").startswith(
        "Non conservée\u00a0: cette page a expiré.")
    post(auth_client, f"/assessments/{uid}/delete", {"confirm": "y"})
    assert _refused_keep(_keep(auth_client, uid, "INT03", version, headers), 404,
                         "not_found") == (
        "Non conservée\u00a0: cette évaluation n'existe plus (elle a été supprimée, peut-être "
        "dans un autre onglet).")
    # The page's own texts, for a keep that gets no usable answer (app.js).
    page = html.unescape(auth_client.get("/").get_data(as_text=True))
    assert 'data-keep-offline-text="Non conservée\u00a0: le serveur est injoignable' in page
    assert 'data-keep-failed-text="Non conservée\u00a0: le serveur n\'a pas répondu' in page
