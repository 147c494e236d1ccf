"""The home page's list as a service: its filters, its orders and their ties, with the search
and pages, what it does with values it cannot apply, and the scores it keeps between
requests."""

from __future__ import annotations

import pytest

from checker.catalogue import get_catalogue
from checker.extensions import db
from checker.models import User
from checker.services.accounts import create_user
from checker.services.assessments import import_record
from checker.services.records import AnswerRecord, AssessmentRecord


@pytest.fixture
def owner(app):
    with app.app_context():
        user = create_user("alice", "correct horse battery")
        yield db.session.get(User, user.id)


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
