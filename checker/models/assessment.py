"""Assessments, their documents, answers, answer history and the catalogue snapshots they use."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ._time import utcnow


class CatalogueSnapshot(db.Model):
    """The full catalogue an assessment was made with, so old results never change silently."""

    __tablename__ = "catalogue_snapshots"

    fingerprint: Mapped[str] = mapped_column(String(64), primary_key=True)
    catalogue_id: Mapped[str] = mapped_column(String(128))
    version: Mapped[str] = mapped_column(String(64))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Assessment(db.Model):
    __tablename__ = "assessments"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(32), unique=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    document_kind: Mapped[str] = mapped_column(String(20))
    study_type: Mapped[str] = mapped_column(String(40))
    npi_name: Mapped[str] = mapped_column(String(300))
    domain: Mapped[str] = mapped_column(String(40))
    country: Mapped[str] = mapped_column(String(100))
    language: Mapped[str] = mapped_column(String(20))
    reference: Mapped[str] = mapped_column(String(300), default="")
    catalogue_id: Mapped[str] = mapped_column(String(128))
    catalogue_version: Mapped[str] = mapped_column(String(64))
    catalogue_fingerprint: Mapped[str] = mapped_column(
        ForeignKey("catalogue_snapshots.fingerprint")
    )
    document_filename: Mapped[str] = mapped_column(String(255), default="")
    document_sha256: Mapped[str] = mapped_column(String(64), default="")
    document_size: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    owner = relationship("User")
    answers: Mapped[list[Answer]] = relationship(
        back_populates="assessment", cascade="all, delete-orphan", order_by="Answer.id"
    )
    documents: Mapped[list[AssessmentDocument]] = relationship(
        cascade="all, delete-orphan", order_by="AssessmentDocument.id"
    )


class StoredUpload(db.Model):
    """Which account uploaded which stored content.

    Files are stored once per content, in a folder all accounts share, and assessments name
    their document by fingerprint. A file is read for an assessment only if its owner
    uploaded that content: a fingerprint typed into an imported assessment gives no access
    to a file someone else uploaded.
    """

    __tablename__ = "stored_uploads"
    __table_args__ = (UniqueConstraint("user_id", "sha256"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    sha256: Mapped[str] = mapped_column(String(64))
    uploaded_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class AssessmentDocument(db.Model):
    """Every document uploaded to an assessment, in order: the last one is the current one.

    A revised draft replaces the document the assessment is checked against, but the earlier
    versions stay listed (and stored, by fingerprint) so nothing about them is lost.
    """

    __tablename__ = "assessment_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), index=True
    )
    filename: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    uploaded_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    username: Mapped[str] = mapped_column(String(64))


class Answer(db.Model):
    __tablename__ = "answers"
    __table_args__ = (UniqueConstraint("assessment_id", "invariant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), index=True
    )
    invariant_id: Mapped[str] = mapped_column(String(32))
    answer: Mapped[str | None] = mapped_column(String(20), nullable=True)
    justification: Mapped[str] = mapped_column(Text, default="")
    quotation: Mapped[str] = mapped_column(Text, default="")
    page: Mapped[str] = mapped_column(String(50), default="")
    section: Mapped[str] = mapped_column(String(200), default="")
    origin: Mapped[str] = mapped_column(String(20), default="human")
    confirmed_by: Mapped[str | None] = mapped_column(String(64), nullable=True)  # last saved by
    # Who gave the answer its current justification: the person whose save accepted a
    # suggestion, kept when a later save leaves the justification as it was (so bob moving a
    # quotation does not make alice's acceptance his). None for an unconfirmed suggestion.
    accepted_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=0)
    # The justification a suggestion wrote, in each language (see AnswerRecord.justification_in).
    suggested_justification: Mapped[dict | None] = mapped_column(JSON, nullable=True)

    assessment: Mapped[Assessment] = relationship(back_populates="answers")


class AnswerHistory(db.Model):
    """Every change of an answer: who, when, the values before and after."""

    __tablename__ = "answer_history"

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), index=True
    )
    invariant_id: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    username: Mapped[str] = mapped_column(String(64))
    changed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer)
    old_answer: Mapped[str | None] = mapped_column(String(20), nullable=True)
    new_answer: Mapped[str | None] = mapped_column(String(20), nullable=True)
    old_values: Mapped[dict[str, Any]] = mapped_column(JSON)
    new_values: Mapped[dict[str, Any]] = mapped_column(JSON)
