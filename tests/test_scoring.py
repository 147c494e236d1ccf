"""Scoring rules: points, weights, exclusions, verdict boundaries, unanswered and suggestions.

A small synthetic catalogue (built from the real one's metadata and first ethical invariant)
pins the arithmetic; one test checks the built-in catalogue's configured defaults.
"""

from __future__ import annotations

import copy
from dataclasses import replace

import pytest

from checker.catalogue import catalogue_from_data, get_catalogue
from checker.services.records import AnswerRecord, AssessmentRecord
from checker.services.scoring import score_assessment


@pytest.fixture(scope="module")
def base_data():
    return get_catalogue().to_dict()


def make_catalogue(base_data, ethical=2, methodological=5, weights=None, na_allowed=()):
    """Catalogue with ``ethical`` E.. and ``methodological`` M.. interventional invariants."""
    template = next(i for i in base_data["invariants"] if i["kind"] == "ethical")
    weights = weights or {}
    invariants = []
    ids = [f"E{i:02d}" for i in range(1, ethical + 1)]
    ids += [f"M{i:02d}" for i in range(1, methodological + 1)]
    for inv_id in ids:
        inv = copy.deepcopy(template)
        inv["id"] = inv_id
        inv["kind"] = "ethical" if inv_id.startswith("E") else "methodological"
        if inv["kind"] == "methodological":
            inv["study_types"] = ["interventional"]
        inv["weight"] = weights.get(inv_id, 1)
        inv["not_applicable"] = (
            {"allowed": True, "when": {"en": "when irrelevant", "fr": "si sans objet"}}
            if inv_id in na_allowed else {"allowed": False}
        )
        invariants.append(inv)
    data = copy.deepcopy(base_data)
    data["invariants"] = invariants
    per_type = {k: 0 for k in data["counts"]["per_study_type"]}
    per_type["interventional"] = methodological
    data["counts"] = {"ethical": ethical, "methodological": methodological,
                      "per_study_type": per_type}
    return catalogue_from_data(data)


def record(catalogue, answers: dict[str, str | None], **answer_fields) -> AssessmentRecord:
    rec = AssessmentRecord(
        uid="u-1", title="T", document_kind="protocol", study_type="interventional",
        npi_name="NPI", domain="physical", country="France", language="en",
        catalogue_id=catalogue.id, catalogue_version=catalogue.version,
        catalogue_fingerprint=catalogue.fingerprint, assessor="A",
    )
    for inv_id, answer in answers.items():
        fields = {"justification": "because"} | answer_fields.get(inv_id, {})
        rec.answers[inv_id] = AnswerRecord(inv_id, answer, **fields)
    return rec


def all_met(catalogue) -> dict[str, str]:
    return {inv.id: "met" for inv in catalogue.invariants_for("interventional")}


def test_points_and_fractions(base_data):
    cat = make_catalogue(base_data, ethical=2, methodological=4)
    answers = all_met(cat) | {"M02": "partially_met", "M03": "not_met", "M04": "not_reported"}
    score = score_assessment(cat, record(cat, answers))
    assert score.ethical_score == 1.0
    assert (score.methodological.points, score.methodological.max_points) == (3, 8)
    assert score.methodological_score == pytest.approx(3 / 8)
    assert score.complete and score.answered == score.total == 6
    assert [g.invariant.id for g in score.unmet] == ["M02", "M03"]
    assert [g.invariant.id for g in score.unreported] == ["M04"]


def test_weights_change_the_score(base_data):
    cat = make_catalogue(base_data, methodological=2, weights={"M01": 3})
    answers = all_met(cat) | {"M02": "not_met"}
    score = score_assessment(cat, record(cat, answers))
    # M01 met with weight 3 -> 6 of 6; M02 not met with weight 1 -> 0 of 2.
    assert (score.methodological.points, score.methodological.max_points) == (6, 8)
    assert score.methodological_score == pytest.approx(0.75)
    flipped = score_assessment(cat, record(cat, all_met(cat) | {"M01": "not_met"}))
    assert flipped.methodological_score == pytest.approx(0.25)


def test_not_applicable_is_excluded(base_data):
    cat = make_catalogue(base_data, methodological=3, na_allowed=("M01",))
    answers = all_met(cat) | {"M01": "not_applicable", "M02": "not_met"}
    score = score_assessment(cat, record(cat, answers))
    assert score.methodological.applicable == 2
    assert score.methodological_score == pytest.approx(0.5)
    row = next(r for r in score.rows if r.invariant.id == "M01")
    assert row.excluded and row.points is None and row.warning is None


def test_not_applicable_where_not_allowed_scores_as_not_reported(base_data):
    cat = make_catalogue(base_data, methodological=2)
    score = score_assessment(cat, record(cat, all_met(cat) | {"M01": "not_applicable"}))
    assert score.methodological_score == pytest.approx(0.5)
    assert any("M01" in w["en"] and "M01" in w["fr"] for w in score.warnings)
    warning = next(r for r in score.rows if r.invariant.id == "M01").warning
    assert "'Not applicable' is not allowed" in warning["en"]
    assert "«\u00a0Non applicable\u00a0» n'est pas admis" in warning["fr"]
    assert [g.invariant.id for g in score.unreported] == ["M01"]


def test_not_applicable_without_justification_is_not_excluded(base_data):
    cat = make_catalogue(base_data, methodological=2, na_allowed=("M01",))
    rec = record(cat, all_met(cat) | {"M01": "not_applicable"},
                 M01={"justification": "  "})
    score = score_assessment(cat, rec)
    assert score.methodological.applicable == 2
    assert score.methodological_score == pytest.approx(0.5)
    assert any("justification" in w["en"] and "justification" in w["fr"] for w in score.warnings)


def test_all_methodological_not_applicable_gives_no_score(base_data):
    cat = make_catalogue(base_data, methodological=1, na_allowed=("M01",))
    score = score_assessment(cat, record(cat, all_met(cat) | {"M01": "not_applicable"}))
    assert score.methodological_score is None
    assert score.verdict_id == "not_compliant"  # nothing supports compliance


@pytest.mark.parametrize(
    ("met", "partial", "expected"),
    [
        (8, 0, "compliant"),  # exactly 80% (16/20)
        (7, 1, "compliant_with_reservations"),  # 75%
        (6, 0, "compliant_with_reservations"),  # exactly 60% (12/20)
        (5, 1, "not_compliant"),  # 55%
    ],
)
def test_verdict_boundaries(base_data, met, partial, expected):
    cat = make_catalogue(base_data, methodological=10)
    answers = all_met(cat)
    for i in range(1, 11):
        answers[f"M{i:02d}"] = "met" if i <= met else (
            "partially_met" if i <= met + partial else "not_met")
    score = score_assessment(cat, record(cat, answers))
    assert score.verdict_id == expected
    assert score.verdict("fr") == next(
        v for v in cat.data["scoring"]["verdicts"] if v["id"] == expected)["label"]["fr"]


def test_ethical_not_reported_differs_from_not_met(base_data):
    cat = make_catalogue(base_data, methodological=5)
    reported = score_assessment(cat, record(cat, all_met(cat) | {"E01": "not_reported"}))
    unmet = score_assessment(cat, record(cat, all_met(cat) | {"E01": "not_met"}))
    # Same points, different verdicts: not reported only bars full compliance.
    assert reported.ethical_score == unmet.ethical_score == pytest.approx(0.5)
    assert reported.verdict_id == "compliant_with_reservations"
    assert unmet.verdict_id == "not_compliant"
    assert [g.invariant.id for g in reported.unreported] == ["E01"]
    assert [g.invariant.id for g in unmet.unmet] == ["E01"]


def test_unanswered_counts_as_not_reported_and_marks_incomplete(base_data):
    cat = make_catalogue(base_data, methodological=5)
    answers = all_met(cat)
    answers.pop("M01")
    answers["E02"] = None
    score = score_assessment(cat, record(cat, answers))
    assert not score.complete
    assert (score.answered, score.total) == (5, 7)
    assert score.methodological_score == pytest.approx(0.8)
    assert score.ethical_score == pytest.approx(0.5)
    # An unanswered ethical invariant bars full compliance like a not reported one.
    assert score.verdict_id == "compliant_with_reservations"
    gaps = {g.invariant.id: g.answer for g in score.unreported}
    assert gaps == {"E02": None, "M01": None}
    assert score.kind("ethical").counts["unanswered"] == 1


def test_suggestions_count_but_are_flagged(base_data):
    cat = make_catalogue(base_data, methodological=2)
    rec = record(cat, all_met(cat), M01={"origin": "suggestion"})
    score = score_assessment(cat, rec)
    assert score.methodological_score == 1.0 and score.complete
    assert score.unconfirmed == 1
    assert [r.invariant.id for r in score.rows if r.unconfirmed] == ["M01"]


def test_gap_texts_come_from_the_catalogue_for_the_document_kind(base_data):
    cat = make_catalogue(base_data, methodological=1)
    rec = record(cat, all_met(cat) | {"M01": "partially_met"})
    inv = cat.invariant("M01")
    texts = {}
    for kind in ("protocol", "paper"):
        gap = score_assessment(cat, replace(rec, document_kind=kind)).unmet[0]
        expected, remedy, example = texts[kind] = gap.texts("fr")
        assert expected == inv.guidance(kind).met["fr"]
        assert remedy == inv.remedy(kind)["fr"] and example == inv.example(kind)["fr"]
    # A paper is asked what a paper can give, not told to add to its protocol.
    assert texts["paper"][1] != texts["protocol"][1]
    assert texts["paper"][2] != texts["protocol"][2]


def test_thresholds_come_from_the_catalogue(base_data):
    data = copy.deepcopy(base_data)
    data["scoring"]["verdicts"][0]["methodological_min"] = 0.5
    cat = make_catalogue(data, methodological=2)
    score = score_assessment(cat, record(cat, all_met(cat) | {"M01": "not_met"}))
    assert score.verdict_id == "compliant"


def test_builtin_default_scale():
    cat = get_catalogue()
    points = {a.id: a.points for a in cat.scoring.answers}
    assert points == {"met": 2, "partially_met": 1, "not_met": 0, "not_reported": 0,
                      "not_applicable": None}
    rec = record(cat, {inv.id: "met" for inv in cat.invariants_for("interventional")})
    score = score_assessment(cat, rec)
    assert score.total == 30 and score.verdict_id == "compliant"
