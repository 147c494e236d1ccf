"""An assessment's JSON export says what its PDF, workbook and review say of its current
document (``"checks"``): the quotations not found in it word for word and, after a revised
draft, the answers to check, with the reason. It is derived: import ignores it (a file with or
without it, or with a wrong one, imports the same), and the format's version stays 1."""

from __future__ import annotations

import copy
import io
import json

import pytest
from conftest import create_assessment, post, save_answer
from test_dossier_drafts import dossier, revised_study  # noqa: F401  (fixtures)
from test_suggestions import answers_of, upload
from test_web_changes import FIRST_DRAFT

from checker.cli import main
from checker.services import dossier_reports, draft_flags
from checker.services.assessments import catalogue_of, find_assessment
from checker.services.json_io import (
    FORMAT_VERSION,
    NOT_IN_DOCUMENT,
    NOW_EVIDENCED,
    export_json,
    import_json,
)

# Added to every file by issuing it: not part of the assessment.
_ISSUED = ("report_id", "report_stamp")


def _exported(client, uid: str) -> dict:
    response = client.get(f"/assessments/{uid}/export.json")
    assert response.status_code == 200
    return json.loads(response.data)


def _sha256(app, uid: str) -> str:
    with app.app_context():
        return find_assessment(uid).document_sha256


def _first_draft_sha256(app, uid: str) -> str:
    with app.app_context():
        return sorted(find_assessment(uid).documents, key=lambda row: row.id)[0].sha256


def test_the_export_says_the_answers_to_check_and_the_quotations_not_found(
        app, auth_client, revised_study):  # noqa: F811
    """The revised study of the reports' tests: E02 quotes the funding sentence the revised
    draft lost; INT03, "not reported" on the first draft, the revised one evidences in full."""
    data = _exported(auth_client, revised_study)
    assert data["format_version"] == FORMAT_VERSION == 1
    checks = data["checks"]
    assert checks["document_sha256"] == data["document"]["sha256"] == _sha256(app, revised_study)
    assert checks["quotations"] == "checked"
    assert checks["quotations_not_found"] == [
        {"invariant_id": "E02", "origin": "human", "reason": NOT_IN_DOCUMENT}]
    assert checks["answers_to_check"] == [{
        "invariant_id": "INT03", "answer": "not_reported", "suggested": "met",
        "earlier_suggestion": checks["answers_to_check"][0]["earlier_suggestion"],
        "reason": NOW_EVIDENCED,
        "given_on": {"filename": "v1.txt", "sha256": _first_draft_sha256(app, revised_study)},
    }]
    assert checks["answers_to_check"][0]["earlier_suggestion"] != "met"
    assert "ignored on import" in checks["note"]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_npis_check_report_json_says_them_too(cli_env, revised_study, tmp_path,  # noqa: F811
                                              auth_client, lang):
    out = tmp_path / "export.json"
    result = cli_env.invoke(main, ["report", revised_study, "--format", "json",
                                   "--lang", lang, "--out", str(out)])
    assert result.exit_code == 0, result.output
    checks = json.loads(out.read_text(encoding="utf-8"))["checks"]
    web = _exported(auth_client, revised_study)["checks"]
    assert checks == web
    assert [a["invariant_id"] for a in checks["answers_to_check"]] == ["INT03"]
    assert [q["invariant_id"] for q in checks["quotations_not_found"]] == ["E02"]


def test_an_answer_saved_again_is_no_longer_to_check(app, auth_client, revised_study):  # noqa: F811
    stored = answers_of(app, revised_study)["INT03"]
    assert save_answer(auth_client, revised_study, "INT03", stored.version,
                       answer="not_reported", justification="Checked on v2.").status_code == 302
    checks = _exported(auth_client, revised_study)["checks"]
    assert checks["answers_to_check"] == []
    assert [q["invariant_id"] for q in checks["quotations_not_found"]] == ["E02"]


def test_one_document_has_nothing_to_check_after_a_draft(app, auth_client):
    uid = create_assessment(auth_client, **upload(FIRST_DRAFT, "v1.txt"))
    stored = answers_of(app, uid)["INT03"]
    save_answer(auth_client, uid, "INT03", stored.version, answer="not_reported",
                justification="Read in the draft.")
    checks = _exported(auth_client, uid)["checks"]
    assert checks["quotations"] == "checked"
    assert checks["answers_to_check"] == [] and checks["quotations_not_found"] == []
    # A quotation typed by hand that the document lacks is named, draft or not.
    stored = answers_of(app, uid)["E01"]
    save_answer(auth_client, uid, "E01", stored.version, answer="met",
                justification="Approved.", quotation="Approved by a committee we made up.")
    checks = _exported(auth_client, uid)["checks"]
    assert checks["quotations_not_found"] == [
        {"invariant_id": "E01", "origin": "human", "reason": NOT_IN_DOCUMENT}]
    assert checks["answers_to_check"] == []


def test_no_document_nothing_checked(auth_client):
    uid = create_assessment(auth_client)
    checks = _exported(auth_client, uid)["checks"]
    assert checks == {**checks, "document_sha256": None, "quotations": "no_document",
                      "quotations_not_found": [], "answers_to_check": []}


def test_import_ignores_the_checks(app, auth_client, revised_study):  # noqa: F811
    """Derived and recomputed: the record imported is the same with the block, without it
    (a file exported before it existed) or with a block that says anything at all."""
    data = _exported(auth_client, revised_study)
    assert data["checks"]["answers_to_check"]
    older = copy.deepcopy(data)
    del older["checks"]
    wrong = copy.deepcopy(data)
    wrong["checks"] = {"answers_to_check": "E01", "quotations_not_found": [{"x": 1}]}
    with app.app_context():
        catalogue = catalogue_of(find_assessment(revised_study))
    record = import_json(data, catalogue=catalogue)
    assert import_json(older, catalogue=catalogue) == record
    assert import_json(wrong, catalogue=catalogue) == record
    # Written again without a document read, the file is the one exported, but for the
    # block (and the stamp the download added).
    again = export_json(catalogue, record)
    assert "checks" not in again
    assert again == {k: v for k, v in data.items() if k not in ("checks", *_ISSUED)}


def test_the_web_import_takes_a_file_with_or_without_the_checks(app, auth_client,
                                                                revised_study):  # noqa: F811
    data = _exported(auth_client, revised_study)
    older = {k: v for k, v in data.items() if k != "checks"}
    titles = []
    for body in (data, older):
        response = post(auth_client, "/assessments/import",
                        {"file": (io.BytesIO(json.dumps(body).encode()), "export.json")},
                        content_type="multipart/form-data")
        assert response.status_code == 302, response.get_data(as_text=True)
        uid = response.headers["Location"].split("/")[-1]
        with app.app_context():
            imported = find_assessment(uid)
            titles.append(imported.title)
            assert {a.invariant_id: a.answer for a in imported.answers}["INT03"] == (
                "not_reported")
    assert titles == [data["assessment"]["title"]] * 2


def test_a_dossier_report_issues_its_studies_json_with_the_checks_read_once(
        app, auth_client, dossier, revised_study, monkeypatch):  # noqa: F811
    """The JSON report the first dossier report issues a study says what the study's own export
    says, from what the dossier's view read of its documents: each read once."""
    issued, reads = {}, []
    issue, read = dossier_reports.issue_assessment_report, draft_flags.quotation_checks

    def issuing(catalogue, record, *args, **kwargs):
        file = issue(catalogue, record, *args, **kwargs)
        issued[record.uid] = json.loads(file.data)
        return file

    def reading(assessment, upload_dir):
        reads.append(assessment.uid)
        return read(assessment, upload_dir)

    monkeypatch.setattr(dossier_reports, "issue_assessment_report", issuing)
    monkeypatch.setattr(draft_flags, "quotation_checks", reading)
    assert auth_client.get(f"/dossiers/{dossier}/report.xlsx?lang=en").status_code == 200
    assert reads.count(revised_study) == 1
    monkeypatch.undo()
    own = _exported(auth_client, revised_study)["checks"]
    assert issued[revised_study]["checks"] == own
    assert [a["invariant_id"] for a in own["answers_to_check"]] == ["INT03"]
