"""Saving answers: validation, not-applicable rules, versions and conflicts, history."""

from __future__ import annotations

import re

from conftest import create_assessment, post, save_answer
from sqlalchemy import select

from checker.catalogue import get_catalogue
from checker.extensions import db
from checker.models import Answer, AnswerHistory


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
    save_answer(auth_client, assessment, "E05", version=2, answer=None)  # cleared
    rows = history_rows(app, "E05")
    assert [(r.old_answer, r.new_answer, r.version) for r in rows] == [
        (None, "not_reported", 1), ("not_reported", "met", 2), ("met", None, 3)]
    assert rows[1].new_values["justification"] == "found p.3"
    assert {r.username for r in rows} == {"alice"}
    page = auth_client.get(f"/assessments/{assessment}/answers/E05").get_data(as_text=True)
    assert "History of changes" in page
    assert "Not reported → Met" in page


def test_fetch_save_gets_json(app, auth_client, assessment):
    response = post(auth_client, f"/assessments/{assessment}/answers/E06",
                    {"E06-answer": "met", "E06-version": "0"},
                    headers={"Accept": "application/json"})
    assert response.status_code == 200
    assert response.get_json() == {"status": "saved", "version": 1, "answered": 1, "total": 30,
                                   "progress_text": "1 of 30 invariants answered",
                                   "pending_text": "", "pending_help_text": "",
                                   "accept_all_text": "", "saved_text": "Saved: Met"}
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
