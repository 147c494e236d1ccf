"""What a background save (app.js) gets back of the answer's block: the same state the page
renders (the suggestion's rationale note, the quotation-not-found note, the link to the
quotation in the document, the status, and on an answer's own page its history), so that the
page updated in place reads as it would reloaded. The browser side is in
test_browser_answer_state.py."""

from __future__ import annotations

import html
import re

from conftest import csrf_token, post
from test_suggestions import answers_of, suggested  # noqa: F401 (a fixture)

from checker.services.suggestions import QUOTATION_SEPARATOR

JSON = {"Accept": "application/json"}


def form_of(app, uid: str, invariant_id: str) -> dict[str, str]:
    """The answer form as the page shows it (a suggestion's rationale in English)."""
    row = answers_of(app, uid)[invariant_id]
    return {f"{invariant_id}-{name}": getattr(row, name) or "" for name in
            ("answer", "justification", "quotation", "page", "section")} | {
        f"{invariant_id}-version": str(row.version)}


def background(client, path: str, data: dict, **headers: str):
    response = post(client, path, data, headers=JSON | headers)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return response.get_json()


def block(client, uid: str, invariant_id: str, path: str = "") -> str:
    """The answer's block as the form page (or ``path``) renders it, character references
    read."""
    page = html.unescape(client.get(path or f"/assessments/{uid}").get_data(as_text=True))
    start = page.index(f'id="inv-{invariant_id}"')
    return page[start:page.index("</article>", start)]


def note(text: str, field: str) -> str | None:
    """The note under ``field`` ("E01-quotation"): its text, None while hidden."""
    match = re.search(rf'<p class="field-note" id="{field}-note"( hidden)?>(.*?)</p>', text,
                      re.S)
    assert match, f"no note slot for {field}"
    return None if match.group(1) else match.group(2)


def link(text: str) -> str | None:
    """The href of the block's "Show in the document" link, None while hidden."""
    match = re.search(r'<a class="small document-link" href="([^"]*)"( hidden)?>', text)
    assert match
    return None if match.group(2) else match.group(1)


def test_an_accepted_rationale_is_noted_by_the_save_as_by_the_page(app, auth_client,
                                                                    suggested):  # noqa: F811
    uid = suggested
    before = block(auth_client, uid, "E01")
    assert note(before, "E01-justification") is None  # a suggestion, not yet accepted
    body = background(auth_client, f"/assessments/{uid}/suggestions/E01/accept",
                      form_of(app, uid, "E01"))
    state = body["state"]
    assert state["suggestion"] is False and state["status_text"].startswith("Saved: ")
    assert state["justification_note"].startswith(
        "Saved as the suggestion's rationale, accepted unchanged by alice:")
    # What a reload shows, word for word.
    after = block(auth_client, uid, "E01")
    assert note(after, "E01-justification") == state["justification_note"]
    assert 'aria-describedby="E01-justification-note"' in after
    assert body["fields"]["justification"] == answers_of(app, uid)["E01"].justification
    # Edited and saved: the person's own words, no note, on the page as in the answer.
    edited = form_of(app, uid, "E01") | {"E01-justification": "Approved before inclusion."}
    body = background(auth_client, f"/assessments/{uid}/answers/E01", edited)
    assert body["state"]["justification_note"] == ""
    assert note(block(auth_client, uid, "E01"), "E01-justification") is None


def test_the_document_link_and_the_not_found_note_follow_the_saved_quotation(
        app, auth_client, suggested):  # noqa: F811
    uid = suggested
    url = f"/assessments/{uid}/document#q-E01"
    assert link(block(auth_client, uid, "E01")) == url
    save = f"/assessments/{uid}/answers/E01"
    # Typed by hand, not in the document: flagged, and no link to a place that is not there
    # (the page used to link to the document's top whatever the quotation).
    body = background(auth_client, save, form_of(app, uid, "E01") | {
        "E01-quotation": "Approved by a committee somewhere."})
    assert body["state"]["document_url"] is None
    # One version of the document: no earlier draft to speak of.
    assert body["state"]["quotation_note"] == (
        "Not found word for word in the document (protocol.txt): check the quotation.")
    page = block(auth_client, uid, "E01")
    assert link(page) is None
    assert note(page, "E01-quotation") == body["state"]["quotation_note"]
    assert 'aria-describedby="E01-quotation-note"' in page
    # One part found, one not: still flagged, but the document marks the part found.
    body = background(auth_client, save, form_of(app, uid, "E01") | {
        "E01-quotation": "Approved by a committee somewhere." + QUOTATION_SEPARATOR +
                         "stratified by centre."})
    assert body["state"]["document_url"] == url and body["state"]["quotation_note"]
    page = block(auth_client, uid, "E01")
    assert link(page) == url and note(page, "E01-quotation")
    # Found: linked, not flagged.
    body = background(auth_client, save, form_of(app, uid, "E01") | {
        "E01-quotation": "Allocation will be concealed with a secure web-based system."})
    assert (body["state"]["document_url"], body["state"]["quotation_note"]) == (url, "")
    page = block(auth_client, uid, "E01")
    assert link(page) == url and note(page, "E01-quotation") is None
    assert "E01-quotation-note" not in page.split('id="E01-quotation"')[1].split(">")[0]
    # Taken out: no link, no note.
    body = background(auth_client, save, form_of(app, uid, "E01") | {"E01-quotation": ""})
    assert (body["state"]["document_url"], body["state"]["quotation_note"]) == (None, "")
    assert link(block(auth_client, uid, "E01")) is None


def test_without_a_document_a_quotation_has_no_link(app, auth_client, assessment):
    body = background(auth_client, f"/assessments/{assessment}/answers/E01", {
        "E01-answer": "met", "E01-quotation": "Approved.", "E01-version": "0"})
    assert body["state"] == {"suggestion": False, "status_text": "Saved: Met",
                             "justification_note": "", "quotation_note": "",
                             "document_url": None}
    page = block(auth_client, assessment, "E01")
    assert link(page) is None and note(page, "E01-quotation") is None


def test_a_save_from_the_answers_page_gets_its_history_back(app, auth_client,
                                                            suggested):  # noqa: F811
    uid = suggested
    page = block(auth_client, uid, "E01", f"/assessments/{uid}/answers/E01")
    assert 'data-history="history"' in page
    assert 'data-history="history"' not in block(auth_client, uid, "E01")
    data = form_of(app, uid, "E01") | {"E01-justification": "Checked by hand."}
    body = background(auth_client, f"/assessments/{uid}/answers/E01", data)
    assert "history_html" not in body  # the form page has no history to show
    data = form_of(app, uid, "E01") | {"E01-justification": "Checked again."}
    body = background(auth_client, f"/assessments/{uid}/answers/E01", data,
                      **{"X-With-History": "1"})
    history = body["history_html"]
    assert body["version"] == 3
    assert history.lstrip().startswith('<section id="history"')
    # Its Restore buttons name the version now current, or restoring would be a conflict.
    assert history.count('name="version" value="3"') == 2
    assert "Restore version 1" in history and "Restore version 2" in history
    assert "Restore version 3" not in history
    # As the page itself renders it (but for the forms' CSRF tokens, which carry the second
    # they were made in: on a slow machine the two requests need not share it).
    own = auth_client.get(f"/assessments/{uid}/answers/E01").get_data(as_text=True)
    assert 'name="csrf_token"' in history
    assert _without_csrf_tokens(history.strip()) in _without_csrf_tokens(own)


def _without_csrf_tokens(text: str) -> str:
    return re.sub(r'(name="csrf_token" value=")[^"]*"', r'\1"', text)


def test_the_state_speaks_french_in_a_french_interface(app, auth_client,
                                                       suggested):  # noqa: F811
    uid = suggested
    auth_client.post("/language", data={"lang": "fr", "csrf_token": csrf_token(auth_client)})
    form = form_of(app, uid, "E01")
    # The French page shows the rationale in French: accepted as shown.
    row = answers_of(app, uid)["E01"]
    form["E01-justification"] = row.suggested_justification["fr"]
    body = background(auth_client, f"/assessments/{uid}/suggestions/E01/accept", form)
    assert body["fields"]["justification"] == row.suggested_justification["fr"]
    assert body["state"]["justification_note"].startswith(
        "Enregistrée telle quelle comme justification de la suggestion, acceptée par alice\u00a0:")
    assert body["state"]["status_text"].startswith("Enregistré")
    assert note(block(auth_client, uid, "E01"), "E01-justification") == \
        body["state"]["justification_note"]
    body = background(auth_client, f"/assessments/{uid}/answers/E01", form_of(app, uid, "E01")
                      | {"E01-quotation": "Introuvable ici."})
    assert body["state"]["quotation_note"].startswith(
        "Introuvable mot pour mot dans le document (protocol.txt)")


def test_the_pages_saved_in_the_background_are_not_kept_in_the_browsers_cache(
        auth_client, assessment):
    """Back from the document page must show the form as saved since, not the copy cached
    before (its versions stale, the next save a conflict)."""
    for path in (f"/assessments/{assessment}", f"/assessments/{assessment}/answers/E01"):
        assert auth_client.get(path).headers["Cache-Control"] == "no-store", path
