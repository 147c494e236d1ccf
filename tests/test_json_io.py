"""JSON export/import of assessments: lossless round-trip and precise errors on bad input."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime

import pytest

from checker.demo import load_demo
from checker.services.json_io import FORMAT, JsonImportError, export_json, import_json
from checker.services.records import AnswerRecord


@pytest.fixture
def demo(catalogue):
    return load_demo(catalogue)


@pytest.fixture
def exported(catalogue, demo):
    return export_json(catalogue, demo)


def problems(data, **kwargs) -> list[str]:
    with pytest.raises(JsonImportError) as info:
        import_json(data, **kwargs)
    return info.value.problems


def test_round_trip_is_lossless(catalogue, demo, exported):
    again = export_json(catalogue, import_json(exported))
    assert again == exported
    # Through real JSON text too, and the record itself survives unchanged.
    text = json.dumps(exported, ensure_ascii=False)
    assert import_json(text) == demo
    assert import_json(text.encode("utf-8")) == demo


def test_export_carries_every_field(catalogue, demo, exported):
    assert exported["format"] == FORMAT and exported["format_version"] == 1
    assert exported["catalogue"] == {"id": catalogue.id, "version": catalogue.version,
                                     "fingerprint": catalogue.fingerprint}
    assert exported["document"]["sha256"] == demo.document_sha256
    first = exported["answers"][0]
    assert set(first) == {"invariant_id", "answer", "justification", "quotation", "page",
                          "section", "origin", "confirmed_by", "updated_at", "version"}
    assert first["updated_at"].endswith("Z")
    assert exported["assessment"]["created_at"] == "2026-10-13T16:35:00Z"
    assert [a["invariant_id"] for a in exported["answers"]] == [
        inv.id for inv in catalogue.invariants_for("interventional")]
    assert exported["score"]["verdict"] == "compliant_with_reservations"
    assert exported["score"]["complete"] is True


def test_unanswered_and_aware_timestamps_round_trip(catalogue, demo):
    demo.answers["E01"] = AnswerRecord("E01", None, updated_at=datetime(2026, 1, 2, 3, 4, 5, 6))
    demo.updated_at = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)
    data = export_json(catalogue, demo)
    assert data["answers"][0]["answer"] is None
    assert data["assessment"]["updated_at"] == "2026-05-01T12:00:00Z"
    back = import_json(data)
    assert back.answers["E01"].updated_at == datetime(2026, 1, 2, 3, 4, 5, 6)
    assert back.updated_at == datetime(2026, 5, 1, 12, 0)  # naive UTC
    assert export_json(catalogue, back) == data


def test_score_is_informational_and_ignored(exported, demo):
    tampered = copy.deepcopy(exported)
    tampered["score"] = {"verdict": "compliant", "methodological_score": 1.0}
    assert import_json(tampered) == demo


def test_export_says_why_not_a_better_verdict(catalogue, demo, exported):
    """The lines under the verdict on the results page and in the PDF, Excel and review are
    in the export too: as data, and as the reports word them in each language."""
    from checker.services.scoring import score_assessment
    from exports.context import shortfall_lines

    (shortfall,) = exported["score"]["verdict_shortfalls"]
    rule = catalogue.scoring.verdicts[0]
    assert shortfall["verdict"] == rule.id == "compliant"
    assert shortfall["methodological_min"] == rule.methodological_min
    assert shortfall["methodological_score"] == exported["score"]["methodological_score"]
    assert shortfall["methodological_short"] is True
    assert shortfall["ethical_forbidden"] == [{"answer": "not_reported", "invariants": ["E11"]}]
    score = score_assessment(catalogue, demo)
    for lang in ("en", "fr"):
        assert [shortfall["text"][lang]] == shortfall_lines(catalogue, score, lang)
    assert shortfall["text"]["en"].startswith("Not “Compliant”: E11 answered “not reported”")
    assert shortfall["text"]["fr"].startswith("Pas «\u00a0Conforme\u00a0»\u00a0: ")


def test_verdict_shortfalls_name_the_ethical_invariants(catalogue, demo):
    demo.answers["E03"] = AnswerRecord("E03", "not_met", justification="Not stated.")
    shortfalls = export_json(catalogue, demo)["score"]["verdict_shortfalls"]
    assert shortfalls[0]["ethical_forbidden"] == [
        {"answer": "not_met", "invariants": ["E03"]},
        {"answer": "not_reported", "invariants": ["E11"]}]
    assert shortfalls[0]["text"]["en"].startswith(
        "Not “Compliant”: E03 answered “not met”, E11 answered “not reported”")


def test_the_best_verdict_has_no_shortfall(catalogue, demo):
    for invariant_id in list(demo.answers):
        demo.answers[invariant_id] = AnswerRecord(invariant_id, "met", "Stated.")
    score = export_json(catalogue, demo)["score"]
    assert score["verdict"] == "compliant" and score["verdict_shortfalls"] == []


def test_exports_with_or_without_verdict_shortfalls_import_alike(catalogue, demo, exported):
    """The lines are informational, like the rest of "score": an export made before them
    imports as one made after, and the format's version did not change."""
    older = copy.deepcopy(exported)
    del older["score"]["verdict_shortfalls"]
    assert import_json(older, catalogue=catalogue) == demo
    assert import_json(exported, catalogue=catalogue) == demo
    assert export_json(catalogue, import_json(older)) == exported


def test_malformed_json_text():
    (message,) = problems('{"format": "npis-checker-assessment",')
    assert message.startswith("file: malformed JSON at line 1")


def test_not_an_object_and_wrong_format():
    assert problems([1, 2]) == ["file: expected an object, got a list"]
    found = problems({"format": "something-else", "format_version": 1})
    assert any(p.startswith("format: expected 'npis-checker-assessment'") for p in found)
    assert "assessment: expected an object, got null" in found


def test_bad_values_are_all_reported_with_their_path(exported):
    bad = copy.deepcopy(exported)
    bad["format_version"] = 9
    bad["assessment"]["document_kind"] = "poster"
    bad["assessment"]["domain"] = "chemical"
    del bad["assessment"]["title"]
    bad["assessment"]["created_at"] = "yesterday"
    bad["document"]["sha256"] = "xyz"
    bad["answers"][2]["answer"] = "yes"
    bad["answers"][3]["origin"] = "robot"
    bad["answers"][4]["version"] = "two"
    bad["answers"][5]["quotation"] = 42
    bad["answers"][6] = "E07"
    bad["answers"][7]["suggested_justification"] = ["Detected"]
    found = problems(bad)
    expected = [
        "format_version: unsupported version 9",
        "assessment.document_kind: 'poster' is not one of: protocol, paper",
        "assessment.domain: 'chemical' is not one of: physical, nutritional, psychosocial",
        "assessment.title: missing",
        "assessment.created_at: 'yesterday' is not an ISO 8601 date-time",
        "document.sha256: expected 64 lower-case hexadecimal characters",
        "answers[2].answer: 'yes' is not one of: met, partially_met, not_met, not_reported, "
        "not_applicable",
        "answers[3].origin: 'robot' is not one of: human, suggestion",
        "answers[4].version: expected an integer, got a string",
        "answers[5].quotation: expected a string, got a number",
        "answers[6]: expected an object, got a string",
        "answers[7].suggested_justification: expected an object of texts by language",
    ]
    for message in expected:
        assert any(p.startswith(message) for p in found), (message, found)
    assert len(found) == len(expected)


def test_duplicate_invariant(exported):
    bad = copy.deepcopy(exported)
    bad["answers"].append(copy.deepcopy(bad["answers"][0]))
    last = len(bad["answers"]) - 1
    assert problems(bad) == [f"answers[{last}].invariant_id: 'E01' appears twice"]


def test_checked_against_a_catalogue(catalogue, exported):
    bad = copy.deepcopy(exported)
    bad["answers"][0]["invariant_id"] = "MEC01"  # a mechanistic invariant
    bad["answers"][1]["answer"] = "not_applicable"  # E02 does not allow it
    import_json(bad)  # shape alone is fine
    found = problems(bad, catalogue=catalogue)
    assert found[0].startswith("answers[0].invariant_id: 'MEC01' is not an invariant of "
                               "interventional studies")
    assert found[1] == "answers[1].answer: 'not_applicable' is not allowed for E02"
    other = copy.deepcopy(exported)
    other["assessment"]["study_type"] = "anecdotal"
    assert problems(other, catalogue=catalogue)[0].startswith(
        "assessment.study_type: 'anecdotal' is not one of:")


def test_document_versions_round_trip_and_are_checked(catalogue, demo):
    from dataclasses import replace

    from checker.services.records import DocumentVersion

    first = DocumentVersion("draft-v1.pdf", "a" * 64, 1000,
                            datetime(2026, 10, 1, 9, 0), "alice")
    current = DocumentVersion(demo.document_filename, demo.document_sha256,
                              demo.document_size, datetime(2026, 10, 13, 16, 0), "alice")
    record = replace(demo, document_versions=[first, current])
    exported = export_json(catalogue, record)
    assert [v["filename"] for v in exported["document"]["versions"]] == [
        "draft-v1.pdf", demo.document_filename]
    assert import_json(exported) == record
    # An export made before versions existed still imports.
    del exported["document"]["versions"]
    assert import_json(exported).document_versions == []
    bad = export_json(catalogue, record)
    bad["document"]["versions"] = [bad["document"]["versions"][1], {"sha256": "xyz", "size": -1}]
    found = problems(bad)
    assert "document.versions[1].sha256: expected 64 lower-case hexadecimal characters" in found
    assert "document.versions[1].filename: missing" in found
    assert "document.versions: the last version must be the current document" in found


def test_imported_file_names_lose_their_bidirectional_controls(catalogue, demo):
    """An imported record shows its file names as stored, not reordered by an override."""
    exported = export_json(catalogue, demo)
    exported["document"]["filename"] = "protocol\u202efdp.docx"
    assert import_json(exported).document_filename == "protocolfdp.docx"
