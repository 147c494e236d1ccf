"""Issuing the demo's reports through this installation, so ``npis-check verify`` accepts them.

The demo assessment is stored once, owned by a built-in account that cannot log in, so that
verification can also answer "has the assessment changed since the report was issued".
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from sqlalchemy import select

from ..catalogue import Catalogue
from ..extensions import db
from ..models import Assessment, User
from .assessments import import_record, to_record
from .digests import assessment_content
from .issued_reports import issue_assessment_reports
from .records import AssessmentRecord
from .review_text import review_text
from .snapshots import ensure_snapshot

DEMO_USERNAME = "(demo)"  # outside the sign-up pattern: nobody can register or log in as it
FORMATS = ("pdf", "xlsx", "json")


def demo_owner() -> User:
    user = db.session.scalar(select(User).where(User.username == DEMO_USERNAME))
    if user is None:
        # "!" is not a password hash: no password ever matches it.
        user = User(username=DEMO_USERNAME, password_hash="!")
        db.session.add(user)
        db.session.commit()
    return user


def _same_content(a: AssessmentRecord, b: AssessmentRecord) -> bool:
    left, right = assessment_content(a), assessment_content(b)
    left.pop("uid")
    right.pop("uid")
    return left == right


def stored_demo(catalogue: Catalogue, record: AssessmentRecord) -> Assessment:
    """The stored copy of the demo assessment (created on first use, reused afterwards)."""
    owner = demo_owner()
    query = select(Assessment).where(Assessment.owner_id == owner.id,
                                     Assessment.catalogue_fingerprint == catalogue.fingerprint)
    for assessment in db.session.scalars(query):
        if _same_content(to_record(assessment), record):
            return assessment
    ensure_snapshot(catalogue)
    return import_record(record, owner, catalogue)


def issue_demo_reports(catalogue: Catalogue, record: AssessmentRecord, out_dir: Path,
                       lang: str) -> list[Path]:
    """Write ``<report id>.pdf|xlsx|json`` (one signed, registered report id) into ``out_dir``,
    and ``<report id>-review.txt``, the structured review to paste (plain text, not signed)."""
    stored = stored_demo(catalogue, record)
    # The printed record keeps the demo's own assessor and dates; only the uid is the stored one.
    shown = replace(record, uid=stored.uid)
    issued = issue_assessment_reports(catalogue, shown, FORMATS, lang, "npis-check demo",
                                      subject_uid=stored.uid)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for item in issued:
        path = out_dir / item.filename
        path.write_bytes(item.data)
        paths.append(path)
    review = out_dir / f"{issued[0].report_id}-review.txt"
    review.write_text(review_text(catalogue, shown, lang), encoding="utf-8")
    paths.append(review)
    return paths
