"""A refused background save (the page's fetch, which asks for JSON) gets JSON with a
machine-readable reason and a message the page shows beside the text it keeps, whatever the
refusal: the assessment or the invariant gone (deleted or changed in another tab), a conflict,
invalid values, a body too large, a request not understood, a server error. The same requests
posted the plain way still get the app's HTML pages.

The page's side (it keeps the text, shows the message, the button saves again) is in
test_browser.py; signed out and expired pages are in test_web_answers.py.
"""

from __future__ import annotations

import io

import pytest
from conftest import ASSESSMENT_FORM, create_assessment, csrf_token, login, make_user, post
from sqlalchemy import select

from checker.extensions import db
from checker.models import Answer, Assessment

JSON = {"Accept": "application/json"}
LAYOUT = 'class="site-header"'  # the app's own page


def background(client, path: str, data: dict | None = None):
    """POST as app.js does: the session's CSRF token, JSON asked for."""
    return post(client, path, data or {}, headers=JSON)


def stored(app, uid: str, invariant_id: str) -> Answer | None:
    with app.app_context():
        return db.session.scalar(select(Answer).join(Assessment).where(
            Assessment.uid == uid, Answer.invariant_id == invariant_id))


def refusal(response, status: int, reason: str) -> str:
    """The JSON refusal's message, once its status and reason are checked."""
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert body["error"] == reason, body
    assert body["message"].strip()
    return body["message"]


def delete(client, uid: str) -> None:
    response = post(client, f"/assessments/{uid}/delete", {"confirm": "y"})
    assert response.status_code == 302


def test_a_save_to_an_assessment_deleted_in_another_tab_says_so(app, auth_client, assessment):
    delete(auth_client, assessment)
    answer = {"E06-answer": "met", "E06-justification": "Typed before the deletion.",
              "E06-version": "0"}
    message = refusal(background(auth_client, f"/assessments/{assessment}/answers/E06", answer),
                      404, "not_found")
    assert "no longer exists" in message and "copy it" in message
    # The accept button of a suggestion posts the same form in the background.
    accepted = background(auth_client, f"/assessments/{assessment}/suggestions/E06/accept",
                          answer)
    assert refusal(accepted, 404, "not_found") == message
    # The plain post (no JavaScript) still gets the page.
    plain = post(auth_client, f"/assessments/{assessment}/answers/E06", answer)
    assert plain.status_code == 404 and plain.mimetype == "text/html"
    assert LAYOUT in plain.get_data(as_text=True)


def test_another_accounts_assessment_answers_like_a_deleted_one(app, auth_client, assessment):
    make_user(app, "bob")
    intruder = app.test_client()
    login(intruder, "bob")
    response = background(intruder, f"/assessments/{assessment}/answers/E06",
                          {"E06-answer": "met", "E06-version": "0"})
    refusal(response, 404, "not_found")
    assert stored(app, assessment, "E06") is None


def test_a_save_for_an_invariant_the_study_type_no_longer_has_names_it(
        app, auth_client, assessment):
    """The study type changed in another tab: INT01 is no longer on the form."""
    post(auth_client, f"/assessments/{assessment}/edit",
         {**ASSESSMENT_FORM, "study_type": "observational"})
    answer = {"INT01-answer": "met", "INT01-justification": "Hypothesis stated.",
              "INT01-version": "0"}
    message = refusal(background(auth_client, f"/assessments/{assessment}/answers/INT01",
                                 answer), 404, "not_applicable")
    assert "INT01 no longer applies" in message and "copy it" in message
    accepted = background(auth_client, f"/assessments/{assessment}/suggestions/INT01/accept",
                          answer)
    assert refusal(accepted, 404, "not_applicable") == message
    assert stored(app, assessment, "INT01") is None
    plain = post(auth_client, f"/assessments/{assessment}/answers/INT01", answer)
    assert plain.status_code == 404 and plain.mimetype == "text/html"


def test_a_conflict_and_invalid_values_say_why_and_where_to_see_them(
        app, auth_client, assessment):
    path = f"/assessments/{assessment}/answers/E06"
    background(auth_client, path, {"E06-answer": "met", "E06-version": "0"})
    response = background(auth_client, path, {"E06-answer": "not_met", "E06-version": "0"})
    message = refusal(response, 409, "conflict")
    assert message == ("E06 was changed meanwhile (perhaps in another tab): nothing was "
                       "overwritten.")
    body = response.get_json()
    # The page posts the form again the plain way to the page that shows both.
    assert body["status"] == "conflict" and body["url"] == path
    response = background(auth_client, path, {"E06-answer": "not_met",
                                              "E06-justification": "x" * 5001,
                                              "E06-version": "1"})
    assert "some values need correcting" in refusal(response, 400, "invalid")
    # How much to cut: a long paste cannot be measured by eye.
    assert response.get_json()["errors"] == {
        "justification": ["At most 5,000 characters: this text has 5,001, 1 too many."]}
    assert stored(app, assessment, "E06").answer == "met"


def test_a_body_too_large_says_so_in_json_and_keeps_the_page_for_a_plain_post(make_app):
    app = make_app(MAX_UPLOAD_BYTES=10_000)  # a body limit of 1 MB and 20 kB
    make_user(app, "alice")
    client = app.test_client()
    login(client, "alice")
    uid = create_assessment(client)
    answer = {"E06-answer": "met", "E06-justification": "x" * 1_100_000, "E06-version": "0"}
    message = refusal(background(client, f"/assessments/{uid}/answers/E06", answer), 413,
                      "too_large")
    assert "too long" in message and "still here" in message
    plain = post(client, f"/assessments/{uid}/answers/E06", answer)
    assert plain.status_code == 413 and plain.mimetype == "text/html"
    assert stored(app, uid, "E06") is None


def test_a_server_error_says_so_in_json_and_the_same_save_works_once_it_is_over(
        make_app, monkeypatch):
    from checker.services import answers

    app = make_app(PROPAGATE_EXCEPTIONS=False)  # as in production: the 500 handler answers
    make_user(app, "alice")
    client = app.test_client()
    login(client, "alice")
    uid = create_assessment(client)

    def broken(*_args, **_kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(answers, "save_answer", broken)
    answer = {"E06-answer": "met", "E06-justification": "Typed.", "E06-version": "0"}
    message = refusal(background(client, f"/assessments/{uid}/answers/E06", answer), 500,
                      "server_error")
    assert "save again in a moment" in message
    plain = post(client, f"/assessments/{uid}/answers/E06", answer)
    assert plain.status_code == 500 and "Something went wrong" in plain.get_data(as_text=True)
    monkeypatch.undo()
    assert background(client, f"/assessments/{uid}/answers/E06", answer).status_code == 200


def test_a_request_the_server_cannot_accept_says_to_reload(app, auth_client, assessment,
                                                           monkeypatch):
    from checker.forms.answer import AnswerForm

    path = f"/assessments/{assessment}/answers/E06"
    response = auth_client.put(path, headers=JSON)  # not a method of the route: 405
    assert "reload the page" in refusal(response, 405, "bad_request")
    monkeypatch.setattr(AnswerForm, "validate_on_submit", lambda self: False)
    response = background(auth_client, path, {"E06-answer": "met", "E06-version": "0"})
    assert "reload the page" in refusal(response, 400, "bad_request")
    plain = post(auth_client, path, {"E06-answer": "met", "E06-version": "0"})
    assert plain.status_code == 400 and "Bad request" in plain.get_data(as_text=True)


def test_refusals_are_in_french_for_a_french_page(app, auth_client, assessment):
    post(auth_client, "/language", {"lang": "fr"})
    token = csrf_token(auth_client, f"/assessments/{assessment}")
    delete(auth_client, assessment)
    response = auth_client.post(f"/assessments/{assessment}/answers/E06", headers=JSON,
                                data={"csrf_token": token, "E06-version": "0"})
    message = refusal(response, 404, "not_found")
    assert message.startswith("Non enregistré\u00a0: cette évaluation n'existe plus")


PROTOCOL = ("Supervised walking after stroke: protocol\n\nEthics\nThe protocol was approved by "
            "the ethics committee CPP Ouest III on 12 March 2024.\n")


@pytest.fixture
def suggested(auth_client) -> str:
    return create_assessment(auth_client, document=(io.BytesIO(PROTOCOL.encode()),
                                                    "protocol.txt"))


def _suggestion(app, uid: str, invariant_id: str) -> dict[str, str]:
    """The answer form of a suggestion as the page shows it."""
    row = stored(app, uid, invariant_id)
    assert row is not None and row.origin == "suggestion"
    return {f"{invariant_id}-{name}": getattr(row, name) or "" for name in
            ("answer", "justification", "quotation", "page", "section")} | {
        f"{invariant_id}-version": str(row.version)}


def test_a_suggestion_accepted_in_the_background_answers_like_a_save(app, auth_client,
                                                                      suggested):
    form = _suggestion(app, suggested, "E01")
    response = background(auth_client, f"/assessments/{suggested}/suggestions/E01/accept", form)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    body = response.get_json()
    assert body["status"] == "accepted" and body["version"] == int(form["E01-version"]) + 1
    assert body["state"]["status_text"].startswith("Saved: ") and "invariants answered" in \
        body["progress_text"]
    assert stored(app, suggested, "E01").origin == "human"
    # Accept all's question counts what is left, as the page's own does after a reload.
    left = body["accept_all_text"].split()[2]  # "Accept all 29 suggestions"
    assert body["accept_all_question"].startswith(f"Accept all {left} suggestions as your own")
    page = auth_client.get(f"/assessments/{suggested}").get_data(as_text=True)
    assert f'data-confirm="Accept all {left} suggestions as your own' in page
    # Edited before accepting: saved as the person's answer, answered the same way.
    form = _suggestion(app, suggested, "E02")
    form["E02-justification"] = "Checked by hand."
    response = background(auth_client, f"/assessments/{suggested}/suggestions/E02/accept", form)
    assert response.status_code == 200 and response.get_json()["status"] == "saved"
    assert stored(app, suggested, "E02").justification == "Checked by hand."


def test_a_stale_accept_in_the_background_is_a_conflict(app, auth_client, suggested):
    form = _suggestion(app, suggested, "E01")
    background(auth_client, f"/assessments/{suggested}/suggestions/E01/reject",
               {"version": form["E01-version"]})  # in another tab
    response = background(auth_client, f"/assessments/{suggested}/suggestions/E01/accept", form)
    assert "changed meanwhile" in refusal(response, 409, "conflict")
    assert stored(app, suggested, "E01").answer is None  # the rejection stands


def test_a_text_over_its_limit_says_by_how_much_in_french(app, auth_client, assessment):
    post(auth_client, "/language", {"lang": "fr"})
    response = background(auth_client, f"/assessments/{assessment}/answers/E06",
                          {"E06-answer": "met", "E06-justification": "é" * 6214,
                           "E06-page": "p. 3", "E06-version": "0"})
    assert response.get_json()["errors"] == {"justification": [
        "5\u202f000\u00a0caractères au maximum\u00a0: ce texte en compte 6\u202f214, soit "
        "1\u202f214 de trop."]}
