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
from checker.services.scoring import ForbiddenAnswer, score_assessment, verdict_shortfalls


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


# --- why the verdict is not a better one (verdict_shortfalls) ---


def methodological(answers: dict[str, str], met: int, total: int) -> dict[str, str]:
    """``answers`` with the first ``met`` of ``total`` methodological invariants met and the
    rest not met."""
    return answers | {f"M{i:02d}": "met" if i <= met else "not_met"
                      for i in range(1, total + 1)}


def shortfalls_of(cat, answers):
    score = score_assessment(cat, record(cat, answers))
    return score, verdict_shortfalls(cat, score)


def test_no_shortfall_for_the_best_verdict(base_data):
    cat = make_catalogue(base_data, methodological=5)
    score, shortfalls = shortfalls_of(cat, all_met(cat))
    assert score.verdict_id == "compliant" and shortfalls == ()


def test_shortfall_of_an_ethical_invariant_alone(base_data):
    """The committee member's case: compliant with reservations next to an ethical invariant
    not reported, which compliant forbids though the methodological score is enough."""
    cat = make_catalogue(base_data, ethical=3, methodological=5)
    score, shortfalls = shortfalls_of(cat, all_met(cat) | {"E02": "not_reported"})
    assert score.verdict_id == "compliant_with_reservations"
    (compliant,) = shortfalls
    assert compliant.rule.id == "compliant" and not compliant.holds
    assert compliant.forbidden == (ForbiddenAnswer("not_reported", ("E02",)),)
    assert not compliant.methodological_short and compliant.methodological_score == 1.0


def test_shortfall_of_the_methodological_score_alone(base_data):
    cat = make_catalogue(base_data, methodological=4)
    score, shortfalls = shortfalls_of(cat, methodological(all_met(cat), 3, 4))  # 75%
    assert score.verdict_id == "compliant_with_reservations"
    (compliant,) = shortfalls
    assert compliant.forbidden == ()
    assert compliant.methodological_short
    assert compliant.methodological_score == pytest.approx(0.75)


def test_shortfalls_of_both_for_each_better_verdict(base_data):
    """Not met and unanswered ethical invariants (unanswered counts as not reported, as for
    the verdict), by answer and in catalogue order, and a score below both thresholds."""
    cat = make_catalogue(base_data, ethical=4, methodological=2)
    answers = methodological(all_met(cat), 1, 2) | {"E01": "not_reported", "E02": "not_met",
                                                    "E03": None, "E04": "not_met"}
    score, shortfalls = shortfalls_of(cat, answers)
    assert score.verdict_id == "not_compliant"
    compliant, reservations = shortfalls
    assert compliant.rule.id == "compliant"
    assert compliant.forbidden == (ForbiddenAnswer("not_met", ("E02", "E04")),
                                   ForbiddenAnswer("not_reported", ("E01", "E03"), ("E03",)))
    assert compliant.methodological_short and compliant.methodological_score == 0.5
    assert reservations.rule.id == "compliant_with_reservations"
    assert reservations.forbidden == (ForbiddenAnswer("not_met", ("E02", "E04")),)
    assert reservations.methodological_short


def test_shortfall_without_applicable_methodological_invariant(base_data):
    cat = make_catalogue(base_data, methodological=1, na_allowed=("M01",))
    score, shortfalls = shortfalls_of(cat, all_met(cat) | {"M01": "not_applicable"})
    assert score.verdict_id == "not_compliant"
    assert [s.rule.id for s in shortfalls] == ["compliant", "compliant_with_reservations"]
    assert all(s.forbidden == () and s.methodological_short
               and s.methodological_score is None for s in shortfalls)


def other_rules(base_data) -> dict:
    """Catalogue data with three other verdict rules and thresholds."""
    data = copy.deepcopy(base_data)
    data["scoring"]["verdicts"] = [
        {"id": "exemplary", "label": {"en": "Exemplary", "fr": "Exemplaire"},
         "ethical_forbidden": ["partially_met", "not_met", "not_reported"],
         "methodological_min": 0.95},
        {"id": "acceptable", "label": {"en": "Acceptable", "fr": "Acceptable"},
         "ethical_forbidden": ["not_met"], "methodological_min": 0.5},
        {"id": "insufficient", "label": {"en": "Insufficient", "fr": "Insuffisant"}},
    ]
    data["minimum_evidence"]["counting_verdicts"] = ["exemplary"]
    return data


def test_shortfalls_follow_the_catalogue_rules(base_data):
    cat = make_catalogue(other_rules(base_data), ethical=2, methodological=10)
    # 90%: compliant under the built-in rules, short of "exemplary" here; a partially met
    # ethical invariant, which only "exemplary" forbids.
    answers = methodological(all_met(cat), 9, 10) | {"E01": "partially_met"}
    score, shortfalls = shortfalls_of(cat, answers)
    assert score.verdict_id == "acceptable"
    (exemplary,) = shortfalls
    assert exemplary.rule.id == "exemplary" and exemplary.rule.methodological_min == 0.95
    assert exemplary.forbidden == (ForbiddenAnswer("partially_met", ("E01",)),)
    assert exemplary.methodological_short and exemplary.methodological_score == 0.9
    # The fallback reached: both better rules, each with what it forbids.
    score, shortfalls = shortfalls_of(cat, methodological(all_met(cat), 4, 10))
    assert score.verdict_id == "insufficient"
    assert [(s.rule.id, s.forbidden, s.methodological_short) for s in shortfalls] == [
        ("exemplary", (), True), ("acceptable", (), True)]


def test_shortfalls_agree_with_the_verdict(base_data):
    """Every better rule has something keeping the assessment from it, whatever the answers."""
    cat = make_catalogue(base_data, ethical=2, methodological=3)
    options = ("met", "partially_met", "not_met", "not_reported", None)
    for e1 in options:
        for e2 in options:
            for met in range(4):
                answers = methodological(all_met(cat), met, 3) | {"E01": e1, "E02": e2}
                score, shortfalls = shortfalls_of(cat, answers)
                ids = [rule.id for rule in cat.scoring.verdicts]
                assert len(shortfalls) == ids.index(score.verdict_id)
                assert not any(s.holds for s in shortfalls)


def test_shortfalls_of_a_score_from_another_catalogue_are_refused(base_data):
    cat = make_catalogue(base_data, methodological=2)
    other = make_catalogue(other_rules(base_data), methodological=2)
    score = score_assessment(cat, record(cat, all_met(cat)))
    with pytest.raises(KeyError, match="verdict 'compliant' is not a rule of catalogue"):
        verdict_shortfalls(other, score)
