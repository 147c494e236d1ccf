"""A dossier's page, sufficiency page, review and reports score each of its studies once (the
first report, which also issues each study a JSON report of its own, too).

Scoring is counted, not timed: every module that holds ``score_assessment`` gets a counting
wrapper, so a second scoring anywhere on the way (the sufficiency's verdicts, the summaries,
the advice, each study's part of the review) shows as a count above the number of studies.
"""

from __future__ import annotations

import sys
from collections import Counter

import pytest
from sqlalchemy import select
from test_dossiers import full_dossier

from checker.extensions import db
from checker.models.dossier import IssuedReport
from checker.services import scoring
from checker.services.dossier_view import build_view
from checker.services.dossiers import dossier_digest, find_dossier
from checker.services.snapshots import active_catalogue


@pytest.fixture
def scorings(monkeypatch: pytest.MonkeyPatch) -> Counter:
    """How many times each assessment uid is scored, by any module that imported the
    scoring function (imported modules bind it by name)."""
    original = scoring.score_assessment
    counts: Counter = Counter()

    def counting(catalogue, record):
        counts[record.uid] += 1
        return original(catalogue, record)

    for name, module in list(sys.modules.items()):
        if (name.startswith(("checker", "exports"))
                and getattr(module, "score_assessment", None) is original):
            monkeypatch.setattr(module, "score_assessment", counting)
    return counts


@pytest.mark.parametrize("path", ["", "/sufficiency", "/review.txt?lang=en",
                                  "/review.txt?lang=fr"])
def test_each_study_is_scored_once_per_page(app, auth_client, user, scorings, path):
    uid, studies = full_dossier(app, auth_client, user)
    scorings.clear()
    assert auth_client.get(f"/dossiers/{uid}{path}").status_code == 200
    assert scorings == Counter(studies.values())


@pytest.mark.parametrize("fmt", ["xlsx", "pdf"])
def test_each_study_is_scored_once_per_dossier_report(app, auth_client, user, scorings, fmt):
    uid, studies = full_dossier(app, auth_client, user)
    scorings.clear()
    # The first report also issues each study a JSON report of its own, with the score the
    # dossier's view has of it; from then on those are current and are not issued again.
    assert auth_client.get(f"/dossiers/{uid}/report.{fmt}?lang=en").status_code == 200
    assert scorings == Counter(studies.values())
    with app.app_context():
        issued = db.session.scalars(select(IssuedReport).where(
            IssuedReport.subject_kind == "assessment", IssuedReport.format == "json")).all()
    assert sorted(row.subject_uid for row in issued) == sorted(studies.values())
    scorings.clear()
    assert auth_client.get(f"/dossiers/{uid}/report.{fmt}?lang=fr").status_code == 200
    assert scorings == Counter(studies.values())


def test_the_views_digest_is_the_dossiers_digest_as_verification_computes_it(
        app, auth_client, user):
    uid, _studies = full_dossier(app, auth_client, user)
    with app.app_context():
        dossier = find_dossier(uid)
        assert build_view(dossier, active_catalogue(), "en").digest == dossier_digest(dossier)
