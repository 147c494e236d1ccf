"""Saving answers: validation, not-applicable rules, versions and conflicts, history."""

from __future__ import annotations

import re

from conftest import create_assessment, login, make_user, post, save_answer
from sqlalchemy import select

from checker.catalogue import get_catalogue
from checker.extensions import db
from checker.models import Answer, AnswerHistory

# The text fields left out of a post (``save_answer`` sends them empty, as a browser does).
LEFT_OUT = dict.fromkeys(("justification", "quotation", "page", "section"))


def partial(**fields):
    """A post carrying only ``fields`` of the answer's."""
    return LEFT_OUT | fields


def stored(app, inv_id):
    with app.app_context():
        return db.session.scalar(select(Answer).where(Answer.invariant_id == inv_id))


def history_rows(app, inv_id):
    with app.app_context():
        query = select(AnswerHistory).where(AnswerHistory.invariant_id == inv_id)
        return list(db.session.scalars(query.order_by(AnswerHistory.id)))


def na_invariants():
    invs = get_catalogue().invariants_for("interventional")
    return [i.id for i in invs if i.na_allowed], [i.id for i in invs if not i.na_allowed]


def test_save_answer_redirects_and_stores_all_fields(app, auth_client, assessment):
    response = save_answer(auth_client, assessment, "E01", answer="met", justification="CPP named",
                    quotation="approved by the CPP", page="4", section="Ethics")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/assessments/{assessment}#inv-E01")
    row = stored(app, "E01")
    assert (row.answer, row.justification, row.quotation, row.page, row.section) == (
        "met", "CPP named", "approved by the CPP", "4", "Ethics")
    assert (row.version, row.origin, row.confirmed_by) == (1, "human", "alice")
    page = auth_client.get(f"/assessments/{assessment}").get_data(as_text=True)
    assert "1 of 30 invariants answered" in page


def test_invalid_answer_value_is_refused(app, auth_client, assessment):
    response = save_answer(auth_client, assessment, "E01", answer="maybe")
    assert response.status_code == 400
    assert "Choose one of the proposed answers" in response.get_data(as_text=True)
    assert stored(app, "E01") is None


def test_not_applicable_needs_justification(app, auth_client, assessment):
    allowed, _ = na_invariants()
    inv_id = allowed[0]
    response = save_answer(auth_client, assessment, inv_id, answer="not_applicable",
                           quotation="kept")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "A justification is required" in page
    assert "kept" in page  # the person's other values are not lost
    assert stored(app, inv_id) is None
    response = save_answer(auth_client, assessment, inv_id, answer="not_applicable",
                    justification="No such component in this design.")
    assert response.status_code == 302
    assert stored(app, inv_id).answer == "not_applicable"


def test_not_applicable_refused_where_not_allowed(app, auth_client, assessment):
    _, refused = na_invariants()
    response = save_answer(auth_client, assessment, refused[0], answer="not_applicable",
                    justification="I would rather not.")
    assert response.status_code == 400
    assert "is not allowed for this invariant" in response.get_data(as_text=True)
    assert stored(app, refused[0]) is None


def test_invariant_of_another_study_type_or_unknown_is_404(auth_client, assessment):
    assert save_answer(auth_client, assessment, "MEC01", answer="met").status_code == 404
    assert save_answer(auth_client, assessment, "ZZ99", answer="met").status_code == 404
    assert auth_client.get(f"/assessments/{assessment}/answers/MEC01").status_code == 404


def test_double_submit_is_harmless(app, auth_client, assessment):
    first = save_answer(auth_client, assessment, "E02", answer="partially_met", justification="x")
    second = save_answer(auth_client, assessment, "E02", answer="partially_met", justification="x")
    assert first.status_code == second.status_code == 302
    assert stored(app, "E02").version == 1
    assert len(history_rows(app, "E02")) == 1


def test_stale_save_is_a_conflict_showing_both_values(app, auth_client, assessment):
    # Two tabs opened at version 0; the first one saves.
    first = save_answer(auth_client, assessment, "E03", answer="met", justification="tab one")
    assert first.status_code == 302
    response = save_answer(auth_client, assessment, "E03", version=0, answer="not_met",
                    justification="tab two")
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "Conflict" in page
    assert "tab one" in page and "tab two" in page
    assert 'name="E03-version" type="hidden" value="1"' in page
    row = stored(app, "E03")
    assert (row.answer, row.justification, row.version) == ("met", "tab one", 1)
    # Choosing "mine": the conflict page's form carries the stored version.
    response = save_answer(auth_client, assessment, "E03", version=1, answer="not_met",
                    justification="tab two")
    assert response.status_code == 302
    row = stored(app, "E03")
    assert (row.answer, row.justification, row.version) == ("not_met", "tab two", 2)


def test_tampered_version_cannot_overwrite(app, auth_client, assessment):
    save_answer(auth_client, assessment, "E04", answer="met")
    for bogus in ("7", "abc", "-1"):
        response = save_answer(auth_client, assessment, "E04", version=bogus, answer="not_met")
        assert response.status_code == 409
    assert stored(app, "E04").answer == "met"


def test_every_change_is_kept_in_history(app, auth_client, assessment):
    save_answer(auth_client, assessment, "E05", answer="not_reported")
    save_answer(auth_client, assessment, "E05", version=1, answer="met", justification="found p.3")
    save_answer(auth_client, assessment, "E05", version=2, answer="")  # cleared
    rows = history_rows(app, "E05")
    assert [(r.old_answer, r.new_answer, r.version) for r in rows] == [
        (None, "not_reported", 1), ("not_reported", "met", 2), ("met", None, 3)]
    assert rows[1].new_values["justification"] == "found p.3"
    assert {r.username for r in rows} == {"alice"}
    page = auth_client.get(f"/assessments/{assessment}/answers/E05").get_data(as_text=True)
    assert "History of changes" in page
    assert "Not reported → Met" in page


def restore(client, uid: str, inv_id: str, version: int | str, current: int | str):
    return post(client, f"/assessments/{uid}/answers/{inv_id}/restore",
                {"restore": str(version), "version": str(current)})


def test_an_earlier_version_can_be_restored_and_the_history_only_grows(
        app, auth_client, assessment):
    save_answer(auth_client, assessment, "E05", answer="met", justification="Found on p.3.",
                quotation="Approved by the CPP.", page="3", section="Ethics")
    save_answer(auth_client, assessment, "E05", version=1, answer="not_reported",
                justification="Overwritten by mistake.")
    page = auth_client.get(f"/assessments/{assessment}/answers/E05").get_data(as_text=True)
    assert "Restore version 1" in page and "Restore version 2" not in page  # 2 is current
    response = restore(auth_client, assessment, "E05", 1, 2)
    assert response.status_code == 302
    row = stored(app, "E05")
    assert (row.answer, row.justification, row.quotation, row.page, row.section,
            row.version, row.origin, row.confirmed_by) == (
        "met", "Found on p.3.", "Approved by the CPP.", "3", "Ethics", 3, "human", "alice")
    assert [r.new_answer for r in history_rows(app, "E05")] == ["met", "not_reported", "met"]
    page = auth_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Version 1 of E05 restored, as version 3." in page
    # Restoring what is already there changes nothing.
    restore(auth_client, assessment, "E05", 1, 3)
    assert stored(app, "E05").version == 3
    assert "E05 already holds the values of version 1." in auth_client.get(
        f"/assessments/{assessment}/answers/E05").get_data(as_text=True)


def test_a_restore_from_a_stale_page_is_a_conflict_and_odd_requests_are_refused(
        app, auth_client, assessment):
    save_answer(auth_client, assessment, "E05", answer="met", justification="First.")
    save_answer(auth_client, assessment, "E05", version=1, answer="not_met",
                justification="Second.")
    save_answer(auth_client, assessment, "E05", version=2, answer="not_reported")
    # The page showed version 2 as current; version 3 was saved since (another tab).
    response = restore(auth_client, assessment, "E05", 1, 2)
    assert response.status_code == 302 and stored(app, "E05").version == 3
    assert "nothing was overwritten" in auth_client.get(
        response.headers["Location"]).get_data(as_text=True)
    assert restore(auth_client, assessment, "E05", 9, 3).status_code == 404  # no version 9
    assert restore(auth_client, assessment, "E05", "one", 3).status_code == 400
    assert restore(auth_client, assessment, "E05", 0, 3).status_code == 400
    assert restore(auth_client, assessment, "ZZZ99", 1, 3).status_code == 404
    assert stored(app, "E05").version == 3
    # Values the catalogue no longer accepts (an older catalogue's answer) are not restored,
    # and the page says why.
    with app.app_context():
        first = db.session.scalar(select(AnswerHistory).where(
            AnswerHistory.invariant_id == "E05", AnswerHistory.version == 1))
        first.new_values = {**first.new_values, "answer": "excellent"}
        db.session.commit()
    response = restore(auth_client, assessment, "E05", 1, 3)
    assert "Version 1 of E05 cannot be restored as it is" in auth_client.get(
        response.headers["Location"]).get_data(as_text=True)
    assert stored(app, "E05").version == 3
    # Another account cannot restore the owner's history.
    make_user(app, "bob")
    other = app.test_client()
    login(other, "bob")
    assert restore(other, assessment, "E05", 1, 3).status_code == 404
    assert stored(app, "E05").version == 3


def test_fetch_save_gets_json(app, auth_client, assessment):
    response = post(auth_client, f"/assessments/{assessment}/answers/E06",
                    {"E06-answer": "met", "E06-version": "0"},
                    headers={"Accept": "application/json"})
    assert response.status_code == 200
    body = response.get_json()
    remaining = body.pop("remaining")
    assert body == {"status": "saved", "version": 1, "answered": 1, "total": 30,
                    "progress_text": "1 of 30 invariants answered by a person",
                    "pending_text": "", "pending_help_text": "",
                    "accept_all_text": "", "accept_all_question": "",
                    "fields": {"answer": "met", "justification": "", "quotation": "",
                               "page": "", "section": ""},
                    "state": {"suggestion": False, "status_text": "Saved: Met",
                              "justification_note": "", "quotation_note": "",
                              "document_url": None}}
    assert len(remaining) == 29 and "E06" not in remaining and remaining[0] == "E01"
    response = post(auth_client, f"/assessments/{assessment}/answers/E06",
                    {"E06-answer": "not_met", "E06-version": "0"},
                    headers={"Accept": "application/json"})
    assert response.status_code == 409
    assert response.get_json()["status"] == "conflict"


def test_a_background_save_after_signing_out_says_so_and_a_plain_one_goes_to_login(
        app, auth_client, assessment):
    post(auth_client, "/auth/logout", {})
    response = post(auth_client, f"/assessments/{assessment}/answers/E06",
                    {"E06-answer": "met", "E06-version": "0"},
                    headers={"Accept": "application/json"})
    assert response.status_code == 401
    body = response.get_json()
    assert body["error"] == "signed_out" and body["login_url"] == "/auth/login"
    assert "you are signed out" in body["message"]
    response = post(auth_client, f"/assessments/{assessment}/answers/E06",
                    {"E06-answer": "met", "E06-version": "0"})
    assert response.status_code == 302
    assert response.headers["Location"] == (
        f"/auth/login?next=%2Fassessments%2F{assessment}%2Fanswers%2FE06")
    assert stored(app, "E06") is None
    # With typed text, the plain post (no JavaScript) shows it to copy rather than losing it
    # to the redirect, and links to signing in.
    form = f"/assessments/{assessment}"
    response = post(auth_client, f"/assessments/{assessment}/answers/E06",
                    {"E06-answer": "met", "E06-version": "0",
                     "E06-justification": "Typed <b>while</b>\nsigned out."},
                    headers={"Referer": f"http://localhost{form}"})
    assert response.status_code == 401
    page = response.get_data(as_text=True)
    assert "You are signed out" in page and "What you typed (not saved)" in page
    assert ">Typed &lt;b&gt;while&lt;/b&gt;\nsigned out.</textarea>" in page
    assert ">E06 — justification</label>" in page and ">met<" not in page
    assert "/auth/login?next=" in page
    assert stored(app, "E06") is None


def test_a_refused_plain_post_shows_the_text_it_carried(app, auth_client, assessment):
    """Without JavaScript, an expired page or an assessment deleted in another tab ends on a
    page that shows what was typed, to copy; never a password or a security token."""
    typed = {"E01-answer": "met", "E01-version": "0", "csrf_token": "stale",
             "E01-justification": "A long justification typed by hand.",
             "E01-quotation": "The protocol was approved by the committee."}
    response = auth_client.post(f"/assessments/{assessment}/answers/E01", data=typed)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "A long justification typed by hand." in page
    assert "The protocol was approved by the committee." in page
    assert "stale" not in page and "E01 — version" not in page
    post(auth_client, f"/assessments/{assessment}/delete", {"confirm": "y"})
    del typed["csrf_token"]  # a valid one, this time
    response = post(auth_client, f"/assessments/{assessment}/answers/E01", typed)
    assert response.status_code == 404
    assert "A long justification typed by hand." in response.get_data(as_text=True)
    # A password is never echoed, even on a refused form.
    response = auth_client.post("/auth/login", data={"username": "someone",
                                                     "password": "my secret words"})
    assert "my secret words" not in response.get_data(as_text=True)
    # A GET shows no such box.
    assert "What you typed" not in auth_client.get("/nowhere").get_data(as_text=True)


def test_save_without_csrf_is_refused(app, auth_client, assessment):
    response = auth_client.post(f"/assessments/{assessment}/answers/E01",
                                data={"E01-answer": "met", "E01-version": "0"})
    assert response.status_code == 400
    assert stored(app, "E01") is None
    # A background save says why in JSON, so the page keeps the text rather than leaving it.
    response = auth_client.post(f"/assessments/{assessment}/answers/E01",
                                data={"E01-answer": "met", "E01-version": "0"},
                                headers={"Accept": "application/json"})
    assert response.status_code == 400 and response.get_json()["error"] == "expired"
    assert "reload the page" in response.get_json()["message"]
    assert stored(app, "E01") is None


def test_saving_a_suggestion_unchanged_confirms_it(app, auth_client, assessment):
    with app.app_context():
        from checker.models import Assessment

        target = db.session.scalar(select(Assessment))
        db.session.add(Answer(assessment_id=target.id, invariant_id="E07", answer="met",
                              justification="found by detection", origin="suggestion",
                              version=1))
        db.session.commit()
    response = save_answer(auth_client, assessment, "E07", version=1, answer="met",
                    justification="found by detection")
    assert response.status_code == 302
    row = stored(app, "E07")
    assert (row.origin, row.confirmed_by, row.version) == ("human", "alice", 2)
    # A second identical save is now a harmless no-op.
    save_answer(auth_client, assessment, "E07", version=1, answer="met",
         justification="found by detection")
    assert stored(app, "E07").version == 2


def test_quotations_are_marked_in_the_document_language(app, auth_client):
    """A French screen reader reads an English quotation as English, on the form and in the
    history."""
    uid = create_assessment(auth_client, language="English")
    save_answer(auth_client, uid, "E01", answer="met", quotation="approved by the CPP")
    post(auth_client, "/language", {"lang": "fr"})
    form = auth_client.get(f"/assessments/{uid}").get_data(as_text=True)
    quotation_boxes = re.findall(r'<textarea[^>]*name="[A-Z0-9]+-quotation"[^>]*>', form)
    assert quotation_boxes and all('lang="en"' in box for box in quotation_boxes)
    justification_boxes = re.findall(r'<textarea[^>]*name="[A-Z0-9]+-justification"[^>]*>', form)
    assert not any('lang="en"' in box for box in justification_boxes)
    page = auth_client.get(f"/assessments/{uid}/answers/E01").get_data(as_text=True)
    assert '<span lang="en">approved by the CPP</span>' in page


def suggest(app, inv_id, **fields):
    """Store an automatic suggestion for ``inv_id`` (version 1) with ``fields``, and its
    history, as the suggestion service does."""
    with app.app_context():
        from checker.models import Assessment, User
        from checker.models._time import utcnow

        target = db.session.scalar(select(Assessment))
        user = db.session.scalar(select(User).where(User.username == "alice"))
        db.session.add(Answer(assessment_id=target.id, invariant_id=inv_id,
                              origin="suggestion", version=1, **fields))
        values = {"answer": None, "justification": "", "quotation": "", "page": "",
                  "section": ""}
        db.session.add(AnswerHistory(
            assessment_id=target.id, invariant_id=inv_id, user_id=user.id,
            username=user.username, changed_at=utcnow(), version=1, old_answer=None,
            new_answer=fields["answer"], old_values=values,
            new_values={**values, **fields, "origin": "suggestion"}))
        db.session.commit()


def test_a_quotation_taken_out_takes_its_location_with_it(app, auth_client, assessment):
    """Found in a walkthrough: a reviewer cleared a suggestion's wrong quotation for harms
    and answered "not reported"; the page and section the suggestion gave it stayed, and the
    review sent its reader to "p. 3, 2.4. Interventions" for what the paper never reports."""
    suggest(app, "INT13", answer="partially_met", justification="own wording",
            quotation="In both groups, participants were asked not to start any other programme.",
            page="3", section="2.4. Interventions")
    edited = {"answer": "not_reported", "justification": "No harms reported.",
              "quotation": "", "page": "3", "section": "2.4. Interventions"}
    assert save_answer(auth_client, assessment, "INT13", version=1, **edited).status_code == 302
    row = stored(app, "INT13")
    assert (row.answer, row.quotation, row.page, row.section, row.version) == (
        "not_reported", "", "", "", 2)
    review = auth_client.get(f"/assessments/{assessment}/review.txt").get_data(as_text=True)
    assert "2.4. Interventions" not in review
    # The form's second request of a double click is still a harmless no-op.
    assert save_answer(auth_client, assessment, "INT13", version=1, **edited).status_code == 302
    assert stored(app, "INT13").version == 2 and len(history_rows(app, "INT13")) == 2


def test_a_location_the_person_gives_or_changes_stays(app, auth_client, assessment):
    # Changed in the same save as the quotation is taken out: the person's.
    suggest(app, "INT14", answer="met", quotation="Analgesic use was recorded.", page="3",
            section="Methods")
    save_answer(auth_client, assessment, "INT14", version=1, answer="not_met",
                justification="x", quotation="", page="5", section="Methods")
    assert (stored(app, "INT14").page, stored(app, "INT14").section) == ("5", "Methods")
    # Given to an answer without a quotation, then saved again: kept.
    save_answer(auth_client, assessment, "E05", answer="not_met", justification="see p. 7",
                page="7", section="Conflicts of interest")
    save_answer(auth_client, assessment, "E05", version=1, answer="not_met",
                justification="see page 7", page="7", section="Conflicts of interest")
    assert (stored(app, "E05").page, stored(app, "E05").version) == ("7", 2)
    # Restoring a version restores its location, whatever the current quotation.
    save_answer(auth_client, assessment, "E05", version=2, answer="met", justification="y",
                quotation="No conflict.", page="7", section="Conflicts of interest")
    restore(auth_client, assessment, "E05", 1, 3)
    row = stored(app, "E05")
    assert (row.quotation, row.page, row.section, row.version) == (
        "", "7", "Conflicts of interest", 4)


def test_a_background_save_gives_the_location_as_saved(app, auth_client, assessment):
    suggest(app, "INT13", answer="partially_met", quotation="Both groups.", page="3",
            section="Interventions")
    response = post(auth_client, f"/assessments/{assessment}/answers/INT13",
                    {"INT13-answer": "not_reported", "INT13-version": "1",
                     "INT13-quotation": "", "INT13-page": "3",
                     "INT13-section": "Interventions"},
                    headers={"Accept": "application/json"})
    body = response.get_json()
    assert (body["status"], body["fields"]["page"], body["fields"]["section"]) == (
        "saved", "", "")


def test_a_post_saying_nothing_of_the_answer_keeps_it(app, auth_client, assessment):
    """A post carrying only the version (a truncated request, a page cached before the form
    had its fields) says nothing about the answer: it is refused, saying so, and the stored
    answer stays as it is; an explicit empty choice still clears it."""
    save_answer(auth_client, assessment, "E05", answer="met", justification="Found on p.3.",
                quotation="approved by the committee", page="3")
    response = save_answer(auth_client, assessment, "E05", version=1, **LEFT_OUT)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "E05 was not saved: the request carried none of its fields" in page
    assert "Found on p.3." in page  # the form shows the stored answer, to save again
    response = post(auth_client, f"/assessments/{assessment}/answers/E05", {"E05-version": "1"},
                    headers={"Accept": "application/json"})
    assert response.status_code == 400
    body = response.get_json()
    assert body["error"] == "empty" and "none of its fields" in body["message"]
    row = stored(app, "E05")
    assert (row.answer, row.justification, row.quotation, row.page, row.version) == (
        "met", "Found on p.3.", "approved by the committee", "3", 1)
    assert len(history_rows(app, "E05")) == 1
    # An explicit empty choice clears the answer, as designed (the fields the post leaves
    # out are kept: test_a_partial_post_keeps_the_fields_it_does_not_carry).
    response = save_answer(auth_client, assessment, "E05", version=1, **partial(answer=""))
    assert response.status_code == 302
    row = stored(app, "E05")
    assert (row.answer, row.justification, row.version) == (None, "Found on p.3.", 2)


def _fields(row) -> tuple:
    return (row.answer, row.justification, row.quotation, row.page, row.section, row.version)


def test_a_partial_post_keeps_the_fields_it_does_not_carry(app, auth_client, assessment):
    """A save carrying only some of the answer's fields (an old page, a script sending the
    justification alone) changes those and keeps the others: leaving a field out is not
    clearing it. A field sent empty, as the browser's form always sends its text fields,
    still clears it."""
    save_answer(auth_client, assessment, "E05", answer="met", justification="Found on p.3.",
                quotation="approved by the committee", page="3", section="Ethics")
    response = save_answer(auth_client, assessment, "E05", version=1,
                           **partial(justification="Found on p.3, second paragraph."))
    assert response.status_code == 302
    assert _fields(stored(app, "E05")) == (
        "met", "Found on p.3, second paragraph.", "approved by the committee", "3", "Ethics",
        2)
    history = history_rows(app, "E05")
    assert history[-1].new_values["quotation"] == "approved by the committee"
    assert (history[-1].old_answer, history[-1].new_answer) == ("met", "met")
    # Only the answer: the text stays.
    save_answer(auth_client, assessment, "E05", version=2, **partial(answer="partially_met"))
    assert _fields(stored(app, "E05")) == (
        "partially_met", "Found on p.3, second paragraph.", "approved by the committee", "3",
        "Ethics", 3)
    # Sent empty, a field is cleared (the quotation's location with it, as the page would).
    save_answer(auth_client, assessment, "E05", version=3, **partial(quotation=""))
    assert _fields(stored(app, "E05")) == (
        "partially_met", "Found on p.3, second paragraph.", "", "", "", 4)
    # The same partial post again is a no-op (a double click).
    response = save_answer(auth_client, assessment, "E05", version=3, **partial(quotation=""))
    assert response.status_code == 302 and stored(app, "E05").version == 4


def test_a_partial_post_is_checked_with_the_fields_it_keeps(app, auth_client, assessment):
    na_allowed, _never = na_invariants()
    inv = na_allowed[0]
    save_answer(auth_client, assessment, inv, answer="not_applicable",
                justification="No device is used.", quotation="talk only", page="2")
    # Not applicable needs its justification: one sent empty is refused, not saved.
    response = save_answer(auth_client, assessment, inv, version=1, **partial(justification=""))
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "A justification is required" in page
    # The page sent back shows the kept fields, not blanks that a second save would store.
    assert re.search(rf'<textarea[^>]*name="{inv}-quotation"[^>]*>\s*talk only</textarea>',
                     page)
    assert re.search(rf'<input[^>]*name="{inv}-page"[^>]*value="2"', page)
    assert re.search(r'<input[^>]*checked[^>]*value="not_applicable"'
                     r'|value="not_applicable"[^>]*checked', page)
    assert _fields(stored(app, inv))[:4] == ("not_applicable", "No device is used.",
                                             "talk only", "2")


def test_a_partial_background_save_gives_back_every_field(app, auth_client, assessment):
    save_answer(auth_client, assessment, "E05", answer="met", quotation="approved", page="3")
    response = post(auth_client, f"/assessments/{assessment}/answers/E05",
                    {"E05-version": "1", "E05-justification": "Approved on p.3."},
                    headers={"Accept": "application/json"})
    assert response.status_code == 200, response.get_data(as_text=True)
    fields = response.get_json()["fields"]
    assert (fields["answer"], fields["justification"], fields["quotation"], fields["page"]) \
        == ("met", "Approved on p.3.", "approved", "3")


def test_a_partial_post_from_a_stale_page_is_still_a_conflict(app, auth_client, assessment):
    save_answer(auth_client, assessment, "E05", answer="met", justification="first")
    save_answer(auth_client, assessment, "E05", version=1, **partial(justification="second"))
    response = save_answer(auth_client, assessment, "E05", version=1,
                           **partial(justification="third"))
    assert response.status_code == 409
    assert _fields(stored(app, "E05"))[:2] == ("met", "second")


def _suggestion(app, invariant_id: str, **fields) -> None:
    with app.app_context():
        from checker.models import Assessment

        target = db.session.scalar(select(Assessment))
        db.session.add(Answer(assessment_id=target.id, invariant_id=invariant_id,
                              origin="suggestion", version=1, **fields))
        db.session.commit()


def test_a_partial_save_of_a_suggestion_keeps_its_quotation_and_confirms_it(
        app, auth_client, assessment):
    _suggestion(app, "E07", answer="met", justification="found by detection",
                quotation="approved by the committee", page="4")
    response = save_answer(auth_client, assessment, "E07", version=1, **partial(answer="met"))
    assert response.status_code == 302
    row = stored(app, "E07")
    assert _fields(row) == ("met", "found by detection", "approved by the committee", "4", "",
                            2)
    assert (row.origin, row.confirmed_by) == ("human", "alice")


def test_accepting_with_a_partial_form_is_not_an_edit(app, auth_client, assessment):
    """The accept button posts the answer's form: one that leaves the text out has not
    changed it, so the suggestion is accepted as it is."""
    _suggestion(app, "E07", answer="met", justification="found by detection",
                quotation="approved by the committee", page="4")
    response = post(auth_client, f"/assessments/{assessment}/suggestions/E07/accept",
                    {"version": "1", "E07-answer": "met", "E07-version": "1"})
    assert response.status_code == 302
    row = stored(app, "E07")
    assert (row.answer, row.justification, row.quotation, row.origin) == (
        "met", "found by detection", "approved by the committee", "human")


def test_answer_input_over_keeps_only_what_was_not_sent():
    from checker.services.answers import AnswerInput

    kept = AnswerInput("met", "why", "quoted", "3", "Methods")
    posted = AnswerInput(None, "new why")
    assert posted.over(kept, None) == posted
    assert posted.over(kept, {"justification"}) == AnswerInput("met", "new why", "quoted", "3",
                                                               "Methods")
    assert posted.over(kept, {"answer", "justification"}) == AnswerInput(
        None, "new why", "quoted", "3", "Methods")
    assert posted.over(kept, set()) == kept


def test_the_whole_form_with_no_answer_chosen_still_clears_it(app, auth_client, assessment):
    """A browser sends every text field but the answer only once one is ticked: the whole
    form without an answer is "no answer chosen" (README), unlike a partial post."""
    save_answer(auth_client, assessment, "E05", answer="met", justification="why",
                quotation="approved", page="3")
    response = save_answer(auth_client, assessment, "E05", version=1, justification="why",
                           quotation="approved", page="3")
    assert response.status_code == 302
    assert _fields(stored(app, "E05")) == (None, "why", "approved", "3", "", 2)
    # Three text fields of four: partial, the answer chosen is kept.
    save_answer(auth_client, assessment, "E05", version=2, answer="met")
    save_answer(auth_client, assessment, "E05", version=3, justification="why", quotation="q",
                page="3", section=None)
    assert _fields(stored(app, "E05")) == ("met", "why", "q", "3", "", 4)
