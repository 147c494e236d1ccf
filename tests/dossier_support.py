"""Helpers shared by the dossier and verification tests: studies with a known verdict."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from flask import Flask

from checker.catalogue import get_catalogue
from checker.services.records import AnswerRecord, AssessmentRecord


def imported_study(app: Flask, username: str, study_type: str, *, title: str | None = None,
                   kind: str = "paper", answer: str = "met", country: str = "France",
                   publication: dict[str, Any] | None = None,
                   answers: dict[str, str | None] | None = None,
                   suggested: Collection[str] = ()) -> str:
    """Store an assessment of ``username`` with every invariant answered ``answer``, but
    those in ``answers`` (None: not answered); those in ``suggested`` are automatic
    suggestions no person has confirmed.

    All "met" gives the catalogue's best verdict; all "not_met" its worst. Returns the uid.
    """
    from checker.services.accounts import find_user
    from checker.services.assessments import import_record
    from checker.services.dossiers import PublicationFields, set_publication

    catalogue = get_catalogue()
    record = AssessmentRecord(
        uid="imported", title=title or f"{study_type} study", document_kind=kind,
        study_type=study_type, npi_name="Supervised walking", domain="physical",
        country=country, language="en", catalogue_id=catalogue.id,
        catalogue_version=catalogue.version, catalogue_fingerprint=catalogue.fingerprint,
        assessor=username,
        answers={inv.id: AnswerRecord(
            inv.id, (answers or {}).get(inv.id, answer), justification="stated in the paper",
            origin="suggestion" if inv.id in suggested else "human")
            for inv in catalogue.invariants_for(study_type)},
    )
    with app.app_context():
        assessment = import_record(record, find_user(username), catalogue)
        if publication is not None:
            set_publication(assessment, PublicationFields(**publication))
        return assessment.uid


PEER = {"peer_reviewed": True, "journal": "J Rehabil Med", "doi": "10.1000/jrm.1",
        "year": 2024}
