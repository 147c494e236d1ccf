"""A dossier's view says which of a study's answers may rest on an earlier draft of its
document: the person's quotations the revised draft no longer contains and the answers its
suggestion now contradicts; the study is still scored with its answers as they stand."""

from __future__ import annotations

import pytest
from conftest import create_assessment, post, save_answer
from dossier_support import imported_study
from test_dossiers import add, new_dossier, screening_answers
from test_suggestions import PROTOCOL, answers_of, upload
from test_web_changes import FIRST_DRAFT, FUNDING, upload_revision

from checker.services.dossier_view import build_view
from checker.services.dossiers import find_dossier
from checker.services.snapshots import active_catalogue

# The revised draft moves the funding statement to an appendix (and adds the randomisation).
REVISED = PROTOCOL.replace(FUNDING, "The funding is described in the appendix.")


def _answer(client, app, uid: str, inv: str, answer: str, **fields) -> None:
    stored = answers_of(app, uid)[inv]
    response = save_answer(client, uid, inv, stored.version, answer=answer,
                           justification="Read in the draft.", **fields)
    assert response.status_code == 302


@pytest.fixture
def revised_study(app, auth_client) -> str:
    """An assessment whose answers were given on a first draft: E02 quotes the funding
    sentence, which the revised draft no longer contains; INT03 says "not reported", which
    the revised draft's randomisation section now evidences in full."""
    uid = create_assessment(auth_client, title="Trial with a revised draft",
                            **upload(FIRST_DRAFT, "v1.txt"))
    _answer(auth_client, app, uid, "E02", "met", quotation=FUNDING, section="Funding")
    _answer(auth_client, app, uid, "INT03", "not_reported")
    upload_revision(auth_client, uid, REVISED, "v2.txt")
    return uid


@pytest.fixture
def dossier(app, auth_client, user, revised_study) -> str:
    uid = new_dossier(auth_client)
    steady = imported_study(app, user, "observational", title="Steady cohort")
    assert add(auth_client, uid, steady).status_code == 302
    assert add(auth_client, uid, revised_study).status_code == 302
    post(auth_client, f"/dossiers/{uid}/screening",
         {**screening_answers(), "domain": "physical"})
    return uid


def test_the_view_names_the_answers_and_scores_the_study_as_it_stands(app, dossier):
    with app.app_context():
        record = find_dossier(dossier)
        view = build_view(record, active_catalogue(), "en", app.config["UPLOAD_DIR"])
        unread = build_view(record, active_catalogue(), "en")
    steady, revised = view.studies
    assert (revised.drafts.quotations_not_found, revised.drafts.answers_to_check) == (
        ("E02",), ("INT03",))
    assert not steady.drafts.any
    assert revised.document_filename == "v2.txt"
    # Said, not counted: the verdict and scores are those of the answers as they stand.
    assert not unread.studies[1].drafts.any
    assert (revised.verdict_id, revised.ethical_score, revised.methodological_score) == (
        unread.studies[1].verdict_id, unread.studies[1].ethical_score,
        unread.studies[1].methodological_score)
