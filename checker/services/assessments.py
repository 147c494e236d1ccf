"""Assessments: creation, ownership, listing, import, and mapping to plain records."""

from __future__ import annotations

import logging
import unicodedata
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from flask_babel import gettext as _
from sqlalchemy import delete, or_, select, update

from ..catalogue import ANSWER_IDS, DOCUMENT_KINDS, Catalogue
from ..documents.language import document_language
from ..extensions import db
from ..models import (
    Answer,
    AnswerHistory,
    Assessment,
    AssessmentDocument,
    Dossier,
    DossierStudy,
    StoredUpload,
    User,
)
from ..models._time import utcnow
from .records import NPI_DOMAINS, AnswerRecord, AssessmentRecord, DocumentVersion
from .scoring import answer_counts, person_answered
from .snapshots import catalogue_by_fingerprint, ensure_snapshot
from .uploads import StoredDocument

TEXT_FIELDS = ("justification", "quotation", "page", "section")

"""NPI domains (physical, nutritional, psychosocial), as in the NPIS Model."""

FIELD_LIMITS = {
    "title": 300, "npi_name": 300, "country": 100, "language": 20, "reference": 300,
}


class AssessmentNotFound(LookupError):
    """No such assessment for this user (also raised for someone else's: never leak it)."""


class AssessmentError(ValueError):
    """Refused assessment data; ``errors`` maps field name -> message."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


@dataclass
class AssessmentFields:
    title: str
    document_kind: str
    study_type: str
    npi_name: str
    domain: str
    country: str
    language: str
    reference: str = ""


def language_as_code(declared: str) -> str:
    """"fr" for "Français", "French" or "fr-FR" (and likewise English), "de" for "de-CH", so
    reports and the language check read one spelling; what names no known language is kept
    as sent (for :func:`validate_fields` to refuse, unless it is the value already stored)."""
    return document_language(declared) or declared.strip()


def language_problem(declared: str, kept_language: str = "") -> str | None:
    """Why ``declared`` cannot be an assessment's document language (None when it can): it
    must name one of :func:`~checker.documents.language.document_languages`, or be
    ``kept_language``, the one the assessment already has."""
    language = language_as_code(declared)
    if not language or document_language(language) or language == kept_language:
        return None  # nothing at all is the required check's to say
    shown = language if len(language) <= 40 else language[:40] + "…"  # a page pasted in
    return _("“%(value)s” is not a language npis-checker knows: choose the language of the "
             "document from the list.", value=shown)


def _visible(text: str) -> bool:
    """Whether ``text`` shows something: not only spaces or invisible format characters (a
    zero-width space pasted alone is no title)."""
    return any(not ch.isspace() and unicodedata.category(ch) != "Cf" for ch in text)


def validate_fields(catalogue: Catalogue, fields: AssessmentFields,
                    kept_language: str = "") -> dict[str, str]:
    """Field -> message for every problem (empty when the fields are acceptable).

    The language must be one of :func:`~checker.documents.language.document_languages`, or
    ``kept_language``, the one an assessment already has: one typed freely before the
    language was chosen from a list ("Deutsch") stays as long as it is not changed.
    """
    errors: dict[str, str] = {}
    for name in ("title", "npi_name", "country", "language"):
        if not _visible(str(getattr(fields, name) or "")):
            errors[name] = _("This field is required.")
    problem = language_problem(fields.language or "", kept_language)
    if "language" not in errors and problem:
        errors["language"] = problem
    for name, limit in FIELD_LIMITS.items():
        if len(str(getattr(fields, name) or "")) > limit:
            errors[name] = _("At most %(n)d characters.", n=limit)
    if fields.document_kind not in DOCUMENT_KINDS:
        errors["document_kind"] = _("Choose a protocol or a published paper.")
    if fields.study_type not in {st.id for st in catalogue.study_types}:
        errors["study_type"] = _("Choose one of the catalogue's study types.")
    if fields.domain not in NPI_DOMAINS:
        errors["domain"] = _("Choose physical, nutritional or psychosocial.")
    return errors


def create_assessment(
    owner: User, catalogue: Catalogue, fields: AssessmentFields,
    document: StoredDocument | None = None,
) -> Assessment:
    """Create, snapshot the catalogue used, commit, and return the new assessment."""
    errors = validate_fields(catalogue, fields)
    if errors:
        raise AssessmentError(errors)
    ensure_snapshot(catalogue)
    now = utcnow()
    assessment = Assessment(
        uid=uuid.uuid4().hex,
        owner_id=owner.id,
        title=fields.title.strip(),
        document_kind=fields.document_kind,
        study_type=fields.study_type,
        npi_name=fields.npi_name.strip(),
        domain=fields.domain,
        country=fields.country.strip(),
        language=language_as_code(fields.language),
        reference=(fields.reference or "").strip(),
        catalogue_id=catalogue.id,
        catalogue_version=catalogue.version,
        catalogue_fingerprint=catalogue.fingerprint,
        document_filename=document.filename if document else "",
        document_sha256=document.sha256 if document else "",
        document_size=document.size if document else 0,
        created_at=now,
        updated_at=now,
    )
    if document is not None:
        assessment.documents.append(_document_row(document, owner, now))
        record_upload(owner, document)
    db.session.add(assessment)
    db.session.commit()
    return assessment


# Suggestions depend on these details: when one changes, pending suggestions are made again.
SUGGESTION_INPUTS = frozenset({"document_kind", "study_type"})
DETAIL_FIELDS = ("title", "document_kind", "study_type", "npi_name", "domain", "country",
                 "language", "reference")


def fields_of(assessment: Assessment) -> AssessmentFields:
    """The assessment's current details, as the edit form starts from them."""
    return AssessmentFields(**{name: getattr(assessment, name) for name in DETAIL_FIELDS})


def update_assessment(assessment: Assessment, fields: AssessmentFields) -> list[str]:
    """Change the details of ``assessment``; returns the names of the fields that changed.

    Answers are kept whatever changes: with another study type, the answers of invariants
    that no longer apply are not counted (nor shown) but stay stored, and count again if the
    study type is changed back. Raises :class:`AssessmentError` and changes nothing when a
    field is refused.
    """
    errors = validate_fields(catalogue_of(assessment), fields, assessment.language)
    if errors:
        raise AssessmentError(errors)
    changed = []
    for name in DETAIL_FIELDS:
        value = getattr(fields, name) or ""
        value = value.strip() if name not in ("document_kind", "study_type", "domain") else value
        value = language_as_code(value) if name == "language" else value
        if getattr(assessment, name) != value:
            setattr(assessment, name, value)
            changed.append(name)
    if changed:
        assessment.updated_at = utcnow()
        if {"document_kind", "study_type"} & set(changed):
            _unlink_protocols(assessment)
        db.session.commit()
    return changed


def _unlink_protocols(assessment: Assessment) -> None:
    """Clear the dossiers' links between a paper and the protocol it reports that
    ``assessment`` is part of, either way: once its kind or study type changed, it is no
    longer a paper reporting that protocol, or a protocol of that paper's type."""
    rows = select(DossierStudy.id).where(DossierStudy.assessment_id == assessment.id)
    db.session.execute(
        update(DossierStudy)
        .where(or_(DossierStudy.assessment_id == assessment.id,
                   DossierStudy.protocol_study_id.in_(rows)))
        .values(protocol_study_id=None),
        execution_options={"synchronize_session": False})


def record_upload(owner: User, document: StoredDocument) -> None:
    """Note that ``owner`` holds the content of ``document`` if it was stored from their
    upload (an imported assessment's document is only a fingerprint: it gives no access)."""
    if document.path is not None and not uploaded_by(owner.id, document.sha256):
        db.session.add(StoredUpload(user_id=owner.id, sha256=document.sha256))


def uploaded_by(owner_id: int, sha256: str) -> bool:
    """Whether the account ``owner_id`` uploaded the content with this fingerprint."""
    return db.session.scalar(select(StoredUpload.id).where(
        StoredUpload.user_id == owner_id, StoredUpload.sha256 == sha256)) is not None


def _document_row(document: StoredDocument, user: User, when: datetime) -> AssessmentDocument:
    return AssessmentDocument(filename=document.filename, sha256=document.sha256,
                              size=document.size, uploaded_at=when, username=user.username)


def attach_document(assessment: Assessment, document: StoredDocument, user: User) -> str:
    """Attach ``document`` to ``assessment``: a first one, or a revised draft in place of the
    last. Returns the fingerprint of the document it replaces ("" for none).

    Answers are untouched. Every version stays listed in ``assessment.documents`` and stored in
    the upload folder (by fingerprint); reports issued earlier keep naming theirs, so they then
    verify as "changed".
    """
    previous = assessment.document_sha256
    now = utcnow()
    assessment.document_filename = document.filename
    assessment.document_sha256 = document.sha256
    assessment.document_size = document.size
    assessment.updated_at = now
    assessment.documents.append(_document_row(document, user, now))
    record_upload(assessment.owner, document)
    db.session.commit()
    return previous


def title_with_same_document(assessment: Assessment) -> str | None:
    """The title of another of the owner's assessments whose current document has the same
    content as ``assessment``'s (the earliest), if any: a second assessment of one document
    is most often made by mistake."""
    if not assessment.document_sha256:
        return None
    return db.session.scalar(
        select(Assessment.title)
        .where(Assessment.owner_id == assessment.owner_id, Assessment.id != assessment.id,
               Assessment.document_sha256 == assessment.document_sha256)
        .order_by(Assessment.created_at, Assessment.id).limit(1))


def answers_hidden(catalogue: Catalogue, assessment: Assessment) -> int:
    """The person's answers (not unconfirmed suggestions) to invariants the assessment's study
    type does not have: stored, but neither shown nor counted."""
    applicable = {inv.id for inv in catalogue.invariants_for(assessment.study_type)}
    return sum(1 for row in assessment.answers
               if row.origin == "human" and row.invariant_id not in applicable
               and (row.answer or row.justification or row.quotation))


def dossiers_holding(assessment: Assessment) -> list[str]:
    """NPI names of the dossiers that hold ``assessment`` as a study."""
    query = (select(Dossier.npi_name).join(DossierStudy, DossierStudy.dossier_id == Dossier.id)
             .where(DossierStudy.assessment_id == assessment.id).order_by(Dossier.npi_name))
    return list(db.session.scalars(query))


def delete_assessment(assessment: Assessment, upload_dir: str | Path | None = None) -> None:
    """Delete ``assessment`` with its answers, history, document list and dossier memberships,
    and, with ``upload_dir``, the files of its document versions that no other assessment
    lists (a person who deletes an assessment expects their document gone). Reports issued on
    it then verify as "deleted".
    """
    owner_id = assessment.owner_id
    fingerprints = {row.sha256 for row in assessment.documents} | {assessment.document_sha256}
    fingerprints.discard("")
    db.session.delete(assessment)  # the database cascades to history, studies, publications
    db.session.flush()
    for sha256 in fingerprints:
        if not _listed(sha256, owner_id):  # the owner holds this content no more
            db.session.execute(delete(StoredUpload).where(StoredUpload.user_id == owner_id,
                                                          StoredUpload.sha256 == sha256))
    unused = [sha256 for sha256 in fingerprints if not _held(sha256)]
    db.session.commit()  # the files go only once the deletion is kept
    if upload_dir is not None:
        for sha256 in unused:
            _remove_files(Path(upload_dir), sha256)


def _listed(sha256: str, owner_id: int) -> bool:
    """Whether an assessment of ``owner_id`` still lists this content."""
    query = (select(AssessmentDocument.id).join(Assessment)
             .where(AssessmentDocument.sha256 == sha256, Assessment.owner_id == owner_id))
    return db.session.scalar(query.limit(1)) is not None


def _held(sha256: str) -> bool:
    """Whether an account that uploaded this content still lists it in an assessment (an
    imported assessment naming the fingerprint does not keep someone else's file)."""
    query = (select(AssessmentDocument.id).join(Assessment)
             .join(StoredUpload, (StoredUpload.user_id == Assessment.owner_id)
                   & (StoredUpload.sha256 == AssessmentDocument.sha256))
             .where(AssessmentDocument.sha256 == sha256))
    return db.session.scalar(query.limit(1)) is not None


def _remove_files(upload_dir: Path, sha256: str) -> None:
    """Best effort: a file that cannot be removed stays, and the server's log says so."""
    for path in upload_dir.glob(f"{sha256}.*"):
        try:
            path.unlink(missing_ok=True)
        except OSError as exc:
            logging.getLogger(__name__).warning("could not delete %s: %s", path, exc)


def get_owned(uid: str, user: User) -> Assessment:
    """The assessment ``uid`` if ``user`` owns it; otherwise :class:`AssessmentNotFound`."""
    assessment = db.session.scalar(select(Assessment).where(Assessment.uid == uid))
    if assessment is None or assessment.owner_id != user.id:
        raise AssessmentNotFound(uid)
    return assessment


# A numeric id the database can hold (a 64-bit integer has 19 digits).
MAX_ID_DIGITS = 18


def find_assessment(key: str) -> Assessment | None:
    """For the command line: by uid, or by numeric id."""
    assessment = db.session.scalar(select(Assessment).where(Assessment.uid == key))
    if assessment is None and key.isdigit() and len(key) <= MAX_ID_DIGITS:
        assessment = db.session.get(Assessment, int(key))
    return assessment


def catalogue_of(assessment: Assessment) -> Catalogue:
    """The catalogue snapshot this assessment was made with (never the current one)."""
    catalogue = catalogue_by_fingerprint(assessment.catalogue_fingerprint)
    if catalogue is None:  # the foreign key makes this a corrupted database
        raise LookupError(f"catalogue snapshot {assessment.catalogue_fingerprint} is missing")
    return catalogue


def answer_record(answer: Answer) -> AnswerRecord:
    return AnswerRecord(
        invariant_id=answer.invariant_id,
        answer=answer.answer,
        justification=answer.justification,
        quotation=answer.quotation,
        page=answer.page,
        section=answer.section,
        origin=answer.origin,
        confirmed_by=answer.confirmed_by,
        accepted_by=answer.accepted_by,
        updated_at=answer.updated_at,
        version=answer.version,
        suggested_justification=answer.suggested_justification,
    )


def to_record(assessment: Assessment) -> AssessmentRecord:
    """The plain record that scoring, reports and JSON export work on."""
    return AssessmentRecord(
        uid=assessment.uid,
        title=assessment.title,
        document_kind=assessment.document_kind,
        study_type=assessment.study_type,
        npi_name=assessment.npi_name,
        domain=assessment.domain,
        country=assessment.country,
        language=assessment.language,
        catalogue_id=assessment.catalogue_id,
        catalogue_version=assessment.catalogue_version,
        catalogue_fingerprint=assessment.catalogue_fingerprint,
        assessor=assessment.owner.username,
        reference=assessment.reference,
        document_filename=assessment.document_filename,
        document_sha256=assessment.document_sha256,
        document_size=assessment.document_size,
        created_at=assessment.created_at,
        updated_at=assessment.updated_at,
        answers={a.invariant_id: answer_record(a) for a in assessment.answers},
        document_versions=[
            DocumentVersion(d.filename, d.sha256, d.size, d.uploaded_at, d.username)
            for d in assessment.documents
        ],
    )


def progress(catalogue: Catalogue, record: AssessmentRecord) -> tuple[int, int]:
    """(answered, total) over the invariants that apply to the record's study type.

    Only answers given or confirmed by a person count: an unconfirmed automatic suggestion is
    not yet an answer (:func:`~.scoring.answer_counts`, which the pages word).
    """
    counts = answer_counts(catalogue, record)
    return counts.by_person, counts.total


def remaining_invariants(catalogue: Catalogue, record: AssessmentRecord) -> list[str]:
    """Ids of the invariants of the record's study type that no person has answered or
    confirmed yet (unanswered, or an unconfirmed suggestion), in catalogue order."""
    return [inv.id for inv in catalogue.invariants_for(record.study_type)
            if not person_answered(record.answer_for(inv.id))]


def pending_suggestions(catalogue: Catalogue, record: AssessmentRecord) -> int:
    """Unconfirmed automatic suggestions among the invariants of the record's study type (not
    counted by :func:`progress`)."""
    return answer_counts(catalogue, record).unconfirmed


def import_record(record: AssessmentRecord, owner: User, active: Catalogue) -> Assessment:
    """Create a new assessment owned by ``owner`` from an imported record.

    The record must name a catalogue this installation knows (a stored snapshot or the active
    catalogue), so that its answers are read against the exact invariants they were given for.
    """
    catalogue = catalogue_by_fingerprint(record.catalogue_fingerprint)
    if catalogue is None and record.catalogue_fingerprint == active.fingerprint:
        catalogue = active
    if catalogue is None:
        raise AssessmentError({
            "file": _(
                "This assessment was made with catalogue %(id)s version %(version)s, "
                "which this installation does not have.",
                id=record.catalogue_id, version=record.catalogue_version,
            )
        })
    fields = AssessmentFields(
        title=record.title, document_kind=record.document_kind, study_type=record.study_type,
        npi_name=record.npi_name, domain=record.domain, country=record.country,
        language=record.language, reference=record.reference,
    )
    errors = validate_fields(catalogue, fields)
    applicable = (
        {inv.id for inv in catalogue.invariants_for(record.study_type)} if not errors else set()
    )
    for inv_id, answer in record.answers.items():
        if inv_id not in applicable:
            errors["file"] = _("Unknown invariant %(id)s for this study type.", id=inv_id)
        elif answer.answer is not None and answer.answer not in ANSWER_IDS:
            errors["file"] = _("Unknown answer %(answer)s.", answer=answer.answer)
    if errors:
        raise AssessmentError(errors)
    ensure_snapshot(catalogue)
    document = None
    if record.document_sha256:
        document = StoredDocument(
            record.document_filename, record.document_sha256, record.document_size
        )
    assessment = create_assessment(owner, catalogue, fields, document)
    now = utcnow()
    if record.document_versions:  # the exported list of versions, instead of "uploaded now"
        assessment.documents[:] = [
            AssessmentDocument(filename=v.filename, sha256=v.sha256, size=v.size,
                               uploaded_at=v.uploaded_at or now,
                               username=v.uploaded_by or owner.username)
            for v in record.document_versions
        ]
    for inv_id, answer in record.answers.items():
        values = {k: getattr(answer, k) or "" for k in TEXT_FIELDS}
        row = Answer(
            assessment_id=assessment.id, invariant_id=inv_id, answer=answer.answer,
            origin=answer.origin or "human", confirmed_by=answer.confirmed_by,
            accepted_by=answer.accepter if (answer.origin or "human") == "human" else None,
            suggested_justification=answer.suggested_justification,
            updated_at=now, version=1, **values,
        )
        db.session.add(row)
        db.session.add(AnswerHistory(
            assessment_id=assessment.id, invariant_id=inv_id, user_id=owner.id,
            username=owner.username, changed_at=now, version=1, old_answer=None,
            new_answer=answer.answer, old_values={},
            new_values={"answer": answer.answer, **values, "imported": True},
        ))
    # Its answers came after the assessment was created: it was updated then (what the home
    # page's list orders by, and the stamp of the scores it keeps).
    assessment.updated_at = now
    db.session.commit()
    db.session.refresh(assessment)
    return assessment
