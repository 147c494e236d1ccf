""""Suggestion's rationale (accepted by alice)" names who accepted the suggestion, not whoever
saved the answer last: bob moving the quotation of an answer alice accepted has accepted
nothing. Kept in ``answers.accepted_by`` (migration 0007 recovers it from the history), in
JSON files, and in the digest of what a report says only where it differs from ``confirmed_by``.
"""

from __future__ import annotations

import html
import io
from dataclasses import replace

from conftest import create_assessment, login, make_user, post, save_answer
from test_suggestions import answers_of, upload

from checker.demo import load_demo
from checker.services.digests import assessment_digest
from checker.services.json_io import export_json, import_json
from checker.services.scoring import score_assessment
from exports.context import build_context


def _page(client, path: str) -> str:
    return html.unescape(client.get(path).get_data(as_text=True))


def _accepted_by_alice_imported_by_bob(app, auth_client):
    """E02's suggestion accepted by alice, her assessment exported, and imported by bob: (bob's
    client, the uid of his copy)."""
    uid = create_assessment(auth_client, **upload())
    e02 = answers_of(app, uid)["E02"]
    post(auth_client, f"/assessments/{uid}/suggestions/E02/accept", {"version": e02.version})
    exported = auth_client.get(f"/assessments/{uid}/export.json").data
    make_user(app, "bob")
    bob = app.test_client()
    login(bob, "bob")
    response = post(bob, "/assessments/import", {"file": (io.BytesIO(exported), "a.json")},
                    content_type="multipart/form-data")
    assert response.status_code == 302
    return bob, response.headers["Location"].split("/")[-1]


def test_moving_the_quotation_does_not_make_the_acceptance_someone_else_s(app, auth_client):
    bob, uid = _accepted_by_alice_imported_by_bob(app, auth_client)
    stored = answers_of(app, uid)["E02"]
    assert (stored.confirmed_by, stored.accepted_by) == ("alice", "alice")
    save_answer(bob, uid, "E02", stored.version, answer=stored.answer,
                justification=stored.justification, quotation=stored.quotation,
                page="12", section="Consent")
    stored = answers_of(app, uid)["E02"]
    assert stored.page == "12" and stored.confirmed_by == "bob"  # bob saved it last
    assert stored.accepted_by == "alice"
    results = _page(bob, f"/assessments/{uid}/results")
    assert "(suggestion's rationale, accepted by alice)" in results
    assert "accepted by bob" not in results
    form = _page(bob, f"/assessments/{uid}/answers/E02")
    assert "Saved as the suggestion's rationale, accepted unchanged by alice" in form
    # The PDF and the workbook are made from the same context.
    with app.app_context():
        from checker.services.assessments import catalogue_of, find_assessment, to_record
        assessment = find_assessment(uid)
        record, catalogue = to_record(assessment), catalogue_of(assessment)
    for lang, heading in (("en", "Suggestion's rationale (accepted by alice)"),
                          ("fr", "Justification de la suggestion (acceptée par alice)")):
        context = build_context(catalogue, record, score_assessment(catalogue, record), lang, "")
        e02 = next(row for row in context["rows"] if row.id == "E02")
        assert e02.justification_label == heading
        assert "bob" in e02.confirmation  # who saved it last is still said there

    # A save that changes the justification makes it the saver's own words; bob accepting
    # a suggestion himself is his acceptance.
    save_answer(bob, uid, "E02", stored.version, answer=stored.answer,
                justification=stored.justification + " Checked.", quotation=stored.quotation,
                page="12", section="Consent")
    assert answers_of(app, uid)["E02"].accepted_by == "bob"
    e03 = answers_of(app, uid)["E03"]
    assert e03.origin == "suggestion" and e03.accepted_by is None
    post(bob, f"/assessments/{uid}/suggestions/E03/accept", {"version": e03.version})
    e03 = answers_of(app, uid)["E03"]
    assert (e03.confirmed_by, e03.accepted_by) == ("bob", "bob")


def test_confirming_an_edited_suggestion_is_an_acceptance(app, auth_client):
    """Saving a suggestion's form (answer changed, rationale kept) accepts it: whoever saved
    the suggestion's values before does not count."""
    uid = create_assessment(auth_client, **upload())
    e02 = answers_of(app, uid)["E02"]
    save_answer(auth_client, uid, "E02", e02.version, answer="met",
                justification=e02.justification, quotation=e02.quotation, page=e02.page,
                section=e02.section)
    stored = answers_of(app, uid)["E02"]
    assert (stored.origin, stored.accepted_by) == ("human", "alice")


def test_json_keeps_who_accepted_only_where_someone_else_saved_since(catalogue):
    record = load_demo(catalogue, lang="en")
    inv = next(iter(record.answers))
    record.answers[inv] = replace(record.answers[inv], origin="human", confirmed_by="bob",
                                  accepted_by="alice")
    data = export_json(catalogue, record)
    answer = next(a for a in data["answers"] if a["invariant_id"] == inv)
    assert answer["accepted_by"] == "alice"
    assert import_json(data).answers[inv].accepter == "alice"
    # Where it is who saved last (or not known), files and digests are as before.
    same = replace(record.answers[inv], accepted_by="bob")
    unknown = replace(record.answers[inv], accepted_by=None)
    assert assessment_digest(replace(record, answers={**record.answers, inv: same})) == \
        assessment_digest(replace(record, answers={**record.answers, inv: unknown}))
    assert "accepted_by" not in next(
        a for a in export_json(catalogue, replace(record, answers={**record.answers, inv: same}))
        ["answers"] if a["invariant_id"] == inv)
    assert unknown.accepter == "bob"  # an older file: the only name it has
    assert assessment_digest(record) != assessment_digest(
        replace(record, answers={**record.answers, inv: same}))
