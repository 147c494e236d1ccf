"""The home page's list as a service: its filters, its orders and their ties, with the search
and pages, what it does with values it cannot apply, and the scores it keeps between
requests."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from test_scoring import make_catalogue

import checker.services.listing as listing
from checker.catalogue import Catalogue, get_catalogue
from checker.extensions import db
from checker.models import Assessment, User
from checker.services.accounts import create_user
from checker.services.answers import AnswerInput, save_answer
from checker.services.assessments import import_record
from checker.services.listing import ListingQuery, list_owned
from checker.services.records import AnswerRecord, AssessmentRecord
from checker.services.snapshots import ensure_snapshot

START = datetime(2026, 11, 2, 9, 0)


@pytest.fixture(scope="module")
def base_data():
    return get_catalogue().to_dict()


@pytest.fixture
def owner(app):
    with app.app_context():
        user = create_user("alice", "correct horse battery")
        yield db.session.get(User, user.id)


def add(owner: User, title: str, answers: dict[str, str] | None = None, *, minute: int,
        study_type: str = "interventional", origin: str = "human",
        catalogue: Catalogue | None = None, npi_name: str = "Walking") -> Assessment:
    """An assessment of ``owner``'s with these answers (invariant id -> answer id), updated
    ``minute`` minutes after START (the list's default order)."""
    catalogue = catalogue or get_catalogue()
    record = AssessmentRecord(
        uid="", title=title, document_kind="protocol", study_type=study_type,
        npi_name=npi_name, domain="physical", country="France", language="en",
        catalogue_id=catalogue.id, catalogue_version=catalogue.version,
        catalogue_fingerprint=catalogue.fingerprint, assessor="",
        answers={inv: AnswerRecord(inv, answer, "Justified.", origin=origin)
                 for inv, answer in (answers or {}).items()})
    assessment = import_record(record, owner, catalogue)
    assessment.updated_at = START + timedelta(minutes=minute)
    db.session.commit()
    return assessment


def all_met(study_type: str = "interventional", **changes: str) -> dict[str, str]:
    return {inv.id: "met" for inv in get_catalogue().invariants_for(study_type)} | changes


@pytest.fixture
def committee(owner):
    """Five protocols as a committee gathers them (the latest updated last here)."""
    add(owner, "Good trial", all_met(), minute=1)  # compliant
    # Ethics not reported: compliant with reservations at best.
    add(owner, "Fair trial", all_met(E01="not_reported"), minute=2)
    add(owner, "Poor trial", all_met(E01="not_met", E02="not_reported"), minute=3)
    add(owner, "Empty trial", minute=4)  # unanswered: not compliant, but no problem counted
    add(owner, "Suggested trial", all_met(), minute=5, origin="suggestion")
    return owner


def titles(result: listing.AssessmentList) -> list[str]:
    return [row.assessment.title for row in result.rows]


def listed(owner: User, **query) -> list[str]:
    return titles(list_owned(owner, ListingQuery(**query)))


def test_the_scores_listed_are_those_of_the_results_page(committee):
    rows = {row.assessment.title: row.score for row in list_owned(committee).rows}
    assert {title: score.verdict_id for title, score in rows.items()} == {
        "Good trial": "compliant", "Fair trial": "compliant_with_reservations",
        "Poor trial": "not_compliant", "Empty trial": "not_compliant",
        "Suggested trial": "compliant"}
    assert rows["Poor trial"].ethical_problems == 2 and rows["Empty trial"].ethical_problems == 0
    assert rows["Poor trial"].ethical_score == pytest.approx(24 / 28)
    assert rows["Suggested trial"].pending == 30 and rows["Suggested trial"].answered == 0
    assert (rows["Good trial"].answered, rows["Good trial"].total) == (30, 30)
    assert rows["Fair trial"].verdict("fr") == "Conforme avec réserves"


def test_by_default_the_most_recently_updated_come_first(committee):
    assert listed(committee) == ["Suggested trial", "Empty trial", "Poor trial", "Fair trial",
                                 "Good trial"]


def test_the_verdict_filter_keeps_one_verdict(committee):
    assert listed(committee, verdict="not_compliant") == ["Empty trial", "Poor trial"]
    assert listed(committee, verdict="compliant") == ["Suggested trial", "Good trial"]
    assert listed(committee, verdict="compliant_with_reservations") == ["Fair trial"]


def test_the_study_type_filter(committee):
    add(committee, "Mechanism study", all_met("mechanistic"), minute=0, study_type="mechanistic")
    assert listed(committee, study_type="mechanistic") == ["Mechanism study"]
    assert len(listed(committee, study_type="interventional")) == 5
    assert listed(committee, study_type="observational") == []


def test_the_ethical_problems_filter_follows_the_badge(committee):
    """Not met or not reported ethical invariants; the unanswered ones are not counted."""
    assert listed(committee, ethical_problems=True) == ["Poor trial", "Fair trial"]


def test_the_pending_filter_keeps_those_with_suggestions_to_review(committee):
    assert listed(committee, pending=True) == ["Suggested trial"]


def test_filters_add_up(committee):
    assert listed(committee, verdict="not_compliant", ethical_problems=True) == ["Poor trial"]
    assert listed(committee, verdict="compliant", pending=True,
                  study_type="interventional") == ["Suggested trial"]
    assert listed(committee, verdict="compliant_with_reservations", pending=True) == []


def test_sort_by_title_ignores_accents_and_capitals(owner):
    for minute, title in enumerate(["essai B", "Zeta", "Étude A", "étude a", "Alpha"]):
        add(owner, title, minute=minute)
    # "Étude A" and "étude a" fold alike: a tie, in the default order (the latest first).
    assert listed(owner, sort="title") == ["Alpha", "essai B", "étude a", "Étude A", "Zeta"]


def test_sort_by_verdict_puts_the_worst_first_ties_in_the_default_order(committee):
    assert listed(committee, sort="verdict") == [
        "Empty trial", "Poor trial", "Fair trial", "Suggested trial", "Good trial"]


def test_sort_by_ethical_score_puts_the_lowest_first(committee):
    assert listed(committee, sort="ethical") == [
        "Empty trial", "Poor trial", "Fair trial", "Suggested trial", "Good trial"]


def test_an_assessment_without_ethical_score_comes_after_the_scored_ones(app, owner, base_data):
    """Every ethical invariant not applicable (a catalogue may allow it): nothing to rank."""
    catalogue = make_catalogue(base_data, ethical=1, methodological=2, na_allowed=("E01",))
    ensure_snapshot(catalogue)
    db.session.commit()
    add(owner, "Unscored", {"E01": "not_applicable"}, minute=3, catalogue=catalogue)
    add(owner, "Scored low", {"E01": "not_met"}, minute=1, catalogue=catalogue)
    add(owner, "Scored high", {"E01": "met"}, minute=2, catalogue=catalogue)
    assert listed(owner, sort="ethical") == ["Scored low", "Scored high", "Unscored"]


def test_sort_by_ethical_problems_puts_the_most_first(committee):
    assert listed(committee, sort="problems") == [
        "Poor trial", "Fair trial", "Suggested trial", "Empty trial", "Good trial"]


def test_ties_fall_back_to_the_latest_created_when_updated_together(owner):
    for title in ("First", "Second", "Third"):
        add(owner, title, minute=0)
    assert listed(owner) == ["Third", "Second", "First"]
    assert listed(owner, sort="verdict") == ["Third", "Second", "First"]


def test_filters_and_orders_work_with_the_search_and_the_pages(committee):
    add(committee, "Poor pilot", all_met(E03="not_met"), minute=6, npi_name="Yoga")
    query = ListingQuery(search="TRIAL", verdict="not_compliant", sort="problems")
    assert titles(list_owned(committee, query)) == ["Poor trial", "Empty trial"]
    second = list_owned(committee, ListingQuery(search="poor", sort="title", page=2),
                        per_page=1)
    assert titles(second) == ["Poor trial"]
    assert (second.query.page, second.pages, second.matching, second.owned) == (2, 2, 2, 6)
    # Sorted by verdict, a page is a slice of the whole sorted list, not a sorted slice.
    pages = [titles(list_owned(committee, ListingQuery(sort="verdict", page=n), per_page=2))
             for n in (1, 2, 3)]
    assert pages == [["Poor pilot", "Empty trial"], ["Poor trial", "Fair trial"],
                     ["Suggested trial", "Good trial"]]
    past_the_end = list_owned(committee, ListingQuery(verdict="compliant", page=9), per_page=1)
    assert past_the_end.query.page == 2 and titles(past_the_end) == ["Good trial"]


def test_what_no_list_can_apply_is_dropped(committee):
    result = list_owned(committee, ListingQuery(
        search="  fair \t ", verdict="labelled", study_type="astrology", sort="random"))
    assert result.query == ListingQuery(search="fair")
    assert titles(result) == ["Fair trial"]


def test_the_choices_come_from_the_catalogue(committee):
    result = list_owned(committee)
    assert [choice.id for choice in result.verdicts] == [
        "compliant", "compliant_with_reservations", "not_compliant"]
    assert [choice.id for choice in result.study_types] == [
        st.id for st in get_catalogue().study_types]
    assert result.verdicts[2].label["fr"] == "Non conforme"


@pytest.mark.parametrize("args, expected", [
    ({}, ListingQuery()),
    ({"q": "étude", "verdict": "compliant", "study_type": "mechanistic",
      "ethical_problems": "1", "pending": "1", "sort": "ethical", "page": "3"},
     ListingQuery("étude", "compliant", "mechanistic", True, True, "ethical", 3)),
    ({"ethical_problems": "yes", "pending": "", "page": "-2"}, ListingQuery()),
    ({"page": "9" * 40, "sort": "\x00"}, ListingQuery(sort="\x00")),  # sorts checked later
])
def test_query_parameters_read_leniently(args, expected):
    assert ListingQuery.from_args(args) == expected


def test_the_parameters_of_a_list_give_the_same_list_again():
    query = ListingQuery("étude", "compliant", "mechanistic", True, False, "title", 2)
    assert query.args() == {"q": "étude", "verdict": "compliant", "study_type": "mechanistic",
                            "ethical_problems": "1", "sort": "title", "page": 2}
    assert ListingQuery.from_args({k: str(v) for k, v in query.args().items()}) == query
    assert ListingQuery().args() == {}
    assert query.unfiltered() == ListingQuery(search="étude", sort="title")
    assert query.everything() == ListingQuery(sort="title")


def test_scores_are_kept_until_the_assessment_changes(app, committee, monkeypatch):
    scored: list[str] = []
    score = listing.listed_score
    monkeypatch.setattr(listing, "listed_score",
                        lambda catalogue, record: scored.append(record.title)
                        or score(catalogue, record))
    assert listed(committee, sort="verdict")[0] == "Empty trial"
    assert len(scored) == 5
    scored.clear()
    assert listed(committee, sort="verdict")[0] == "Empty trial"
    assert scored == []  # all kept
    # A person answers the empty one: its answers and date change, and only it is scored again.
    empty = db.session.scalar(db.select(Assessment).where(Assessment.title == "Empty trial"))
    for inv in get_catalogue().invariants_for("interventional"):
        save_answer(get_catalogue(), empty, inv.id, AnswerInput(answer="met"), 0, committee)
    assert listed(committee, sort="verdict") == [
        "Poor trial", "Fair trial", "Empty trial", "Suggested trial", "Good trial"]
    assert scored == ["Empty trial"]


def test_the_kept_scores_are_bounded(app, committee, monkeypatch):
    monkeypatch.setattr(listing, "MAX_KEPT_SCORES", 2)
    scored: list[str] = []
    score = listing.listed_score
    monkeypatch.setattr(listing, "listed_score",
                        lambda catalogue, record: scored.append(record.title)
                        or score(catalogue, record))
    listed(committee, sort="verdict")
    assert len(app.extensions["npis_listed_scores"]._entries) == 2
    scored.clear()
    listed(committee, sort="verdict")
    assert len(scored) == 3  # the two kept last served, the others were pushed out


def test_an_imported_assessment_is_updated_when_its_answers_come(owner):
    """Its answers are added after it is created: its date must say so, or a list made in
    between would keep the score of an assessment without answers."""
    catalogue = get_catalogue()
    record = AssessmentRecord(
        uid="", title="Imported", document_kind="protocol", study_type="interventional",
        npi_name="Walking", domain="physical", country="France", language="en",
        catalogue_id=catalogue.id, catalogue_version=catalogue.version,
        catalogue_fingerprint=catalogue.fingerprint, assessor="",
        answers={"E01": AnswerRecord("E01", "met", "Stated.")})
    assessment = import_record(record, owner, catalogue)
    assert assessment.updated_at == assessment.answers[0].updated_at
