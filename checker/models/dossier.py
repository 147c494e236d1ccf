"""NPI dossiers (one NPI and its studies), study publication details, and issued reports."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ._time import utcnow


class Dossier(db.Model):
    """One NPI proposed by a submitter, with the answers of its screening questionnaire."""

    __tablename__ = "dossiers"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(32), unique=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    npi_name: Mapped[str] = mapped_column(String(300))
    domain: Mapped[str] = mapped_column(String(40))
    health_problem: Mapped[str] = mapped_column(String(300))
    country: Mapped[str] = mapped_column(String(100))
    # None until the screening questionnaire is answered; then question id -> "yes" | "no".
    screening_answers: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    screening_domain: Mapped[str] = mapped_column(String(40), default="")
    screening_version: Mapped[str] = mapped_column(String(40), default="")
    screened_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    owner = relationship("User")
    studies: Mapped[list[DossierStudy]] = relationship(
        back_populates="dossier", cascade="all, delete-orphan", order_by="DossierStudy.id"
    )


class StudyPublication(db.Model):
    """Publication details of the study behind one assessment (shared by all its dossiers)."""

    __tablename__ = "study_publications"

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), unique=True
    )
    peer_reviewed: Mapped[bool] = mapped_column(Boolean, default=False)
    journal: Mapped[str] = mapped_column(String(300), default="")
    doi: Mapped[str] = mapped_column(String(200), default="")
    year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    country: Mapped[str] = mapped_column(String(100), default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    assessment = relationship("Assessment")


class DossierStudy(db.Model):
    """A study (assessment) in a dossier; a study can be in several dossiers of its owner."""

    __tablename__ = "dossier_studies"
    __table_args__ = (UniqueConstraint("dossier_id", "assessment_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(
        ForeignKey("dossiers.id", ondelete="CASCADE"), index=True
    )
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), index=True
    )
    added_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # For a paper: the protocol it reports, another study of the same dossier (its row here),
    # as the submitter says it. A row of the same dossier, so that taking the protocol out of
    # the dossier (or deleting its assessment, or the dossier) clears it: SET NULL.
    protocol_study_id: Mapped[int | None] = mapped_column(
        ForeignKey("dossier_studies.id", ondelete="SET NULL"), nullable=True, index=True
    )

    dossier: Mapped[Dossier] = relationship(back_populates="studies")
    assessment = relationship("Assessment")
    protocol: Mapped[DossierStudy | None] = relationship(
        remote_side=[id], foreign_keys=[protocol_study_id], passive_deletes=True
    )


class IssuedReport(db.Model):
    """Registry of every report file this installation issued, to verify it later.

    One report identifier may be issued in several formats at once (the PDF, Excel and JSON of
    the same content, as ``npis-check demo`` writes them), hence the (id, format) key.
    """

    __tablename__ = "issued_reports"

    report_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    format: Mapped[str] = mapped_column(String(10), primary_key=True)  # "pdf" | "xlsx" | "json"
    subject_kind: Mapped[str] = mapped_column(String(20))  # "assessment" | "dossier"
    subject_uid: Mapped[str] = mapped_column(String(32), index=True)
    lang: Mapped[str] = mapped_column(String(5))
    content_digest: Mapped[str] = mapped_column(String(64))
    signature: Mapped[str] = mapped_column(String(64))
    file_sha256: Mapped[str] = mapped_column(String(64))
    issued_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    issued_by: Mapped[str] = mapped_column(String(64))
    note: Mapped[str] = mapped_column(Text, default="")
