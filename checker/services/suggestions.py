"""Automatic suggestions in an assessment: propose, accept or reject, never overwrite a person.

Data flow: stored document → text (:mod:`checker.documents`) → detected elements and invariant
suggestions (:mod:`checker.evidence`) → answers marked ``origin="suggestion"``. A suggestion is
only written where no person has answered; a person confirms it (it becomes ``human`` with
``confirmed_by``) or rejects it (the answer is cleared). Every change goes to the history.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from sqlalchemy import select, update

from ..catalogue import Catalogue, pick
from ..documents import Document, DocumentError, extract_document
from ..documents.hyphenation import UNKNOWN_SPELLING, Spelling
from ..documents.language import LanguageGuess, language_code
from ..evidence import Suggestion, detect_elements, suggest_answers
from ..evidence.features import document_spelling, readable_text
from ..evidence.kind import KindGuess, guess_document_kind
from ..evidence.quotes import Quotation
from ..extensions import db
from ..models import Answer, AnswerHistory, Assessment, User
from ..models._time import utcnow
from .assessments import pending_suggestions, to_record, uploaded_by
from .locations import joined_location, page_and_line

# The one mark between separate quotations of an answer, and for a passage left out of one:
# "[…]" (an ellipsis in brackets), on its own line between a suggestion's quotations.
QUOTATION_MARK = "[…]"
QUOTATION_SEPARATOR = f"\n{QUOTATION_MARK}\n"
# Read as that mark too: three full stops in brackets, as typed on a keyboard and as older
# answers (the English demo's among them) have it.
QUOTATION_MARKS = re.compile(r"\[\s*(?:…|\.\.\.)\s*\]")
MAX_STORED_QUOTATIONS = 3
FIELDS = ("answer", "justification", "quotation", "page", "section")


class NoDocumentError(LookupError):
    """The assessment has no stored document to analyse."""


class StoredFileMissing(NoDocumentError):
    """A document was uploaded, but its file is no longer in the upload folder."""


class NotUploadedByOwner(StoredFileMissing):
    """The assessment names a document its owner never uploaded here (an imported assessment
    keeps only the fingerprint): the file is not theirs to read."""


@dataclass(frozen=True)
class DocumentAnalysis:
    suggestions: dict[str, Suggestion]  # per applicable invariant
    document: Document
    kind_guess: KindGuess | None  # the kind the document reads like


@dataclass(frozen=True)
class SuggestionRun:
    suggested: int  # answers written as suggestions
    kept: int  # invariants left alone because a person had answered them
    kind_guess: KindGuess | None = None
    chosen_kind: str = ""
    pending: int = 0  # unconfirmed suggestions in the assessment after the run
    language_guess: LanguageGuess | None = None  # the language the document reads in
    declared_language: str = ""  # the assessment's "language of the document", as stored

    @property
    def kind_contradicted(self) -> bool:
        """The document clearly reads like the other kind than the assessment's."""
        return self.kind_guess is not None and self.kind_guess.contradicts(self.chosen_kind)

    @property
    def language_contradicted(self) -> bool:
        """The document clearly reads in English where the details say French, or the reverse
        (a language neither English nor French is never contradicted)."""
        declared = language_code(self.declared_language)
        guess = self.language_guess
        return (guess is not None and guess.is_clear and declared is not None
                and declared != guess.language)


def stored_file(sha256: str, upload_dir: str | Path) -> Path:
    """The stored upload with fingerprint ``sha256`` (files are kept as ``<sha256>.<ext>``)."""
    if sha256:
        for path in sorted(Path(upload_dir).glob(f"{sha256}.*")):
            return path
        raise StoredFileMissing(sha256)
    raise NoDocumentError(sha256)


def current_document_held(assessment: Assessment, upload_dir: str | Path) -> bool:
    """Whether the file of the assessment's current document is stored, from its owner's
    upload. Otherwise the same content sent again is what supplies it (an imported
    assessment keeps only the fingerprint; a file may have gone from the upload folder)."""
    if not uploaded_by(assessment.owner_id, assessment.document_sha256):
        return False
    try:
        stored_file(assessment.document_sha256, upload_dir)
    except NoDocumentError:
        return False
    return True


def read_stored_file(assessment: Assessment, sha256: str, filename: str,
                     upload_dir: str | Path) -> Document:
    """The text and structure of a stored upload (any version of ``assessment``'s document),
    if the assessment's owner uploaded that content.

    Raises :class:`NoDocumentError` (:class:`NotUploadedByOwner` for a fingerprint the owner
    never uploaded, as an imported assessment may name), or
    :class:`checker.documents.DocumentError` for an unreadable document.
    """
    if sha256 and not uploaded_by(assessment.owner_id, sha256):
        raise NotUploadedByOwner(sha256)
    path = stored_file(sha256, upload_dir)
    return extract_document(path.read_bytes(), filename or path.name)


def read_stored_document(assessment: Assessment, upload_dir: str | Path) -> Document:
    """The text and structure of the assessment's current document (see
    :func:`read_stored_file`)."""
    return read_stored_file(assessment, assessment.document_sha256,
                            assessment.document_filename, upload_dir)


def stored_document_text(assessment: Assessment, upload_dir: str | Path) -> str | None:
    """The text of the assessment's current document, None when it cannot be read (a scan),
    read once per stored file and process: the form and results pages and every report ask.

    Raises :class:`NoDocumentError` as :func:`read_stored_file` does."""
    sha256 = assessment.document_sha256
    if sha256 and not uploaded_by(assessment.owner_id, sha256):
        raise NotUploadedByOwner(sha256)
    path = stored_file(sha256, upload_dir)
    return _text_of(str(path), assessment.document_filename or path.name)


@lru_cache(maxsize=16)
def _text_of(path: str, filename: str) -> str | None:
    # Stored files are named by their SHA-256, so a path's content never changes.
    try:
        return extract_document(Path(path).read_bytes(), filename).text
    except (DocumentError, OSError):
        return None


def document_is_readable(assessment: Assessment, upload_dir: str | Path) -> bool:
    """Whether the text of the assessment's current document can be read (a scan, or a
    fingerprint imported without its file, cannot), so that the page offers suggestions only
    from a document they can come from."""
    if not assessment.document_sha256:
        return False
    try:
        return stored_document_text(assessment, upload_dir) is not None
    except NoDocumentError:
        return False


@dataclass(frozen=True)
class DocumentReading:
    """How the assessment's current document reads, to set against the details a person gave."""

    kind: KindGuess
    language: LanguageGuess


def document_reading_of(assessment: Assessment, upload_dir: str | Path) -> DocumentReading | None:
    """The kind and language of the assessment's current document; None without a readable
    one."""
    try:
        document = read_stored_document(assessment, upload_dir)
    except (NoDocumentError, DocumentError, OSError):
        return None
    return DocumentReading(guess_document_kind(document), document.language_guess)


def analyse_document(
    catalogue: Catalogue, assessment: Assessment, upload_dir: str | Path
) -> DocumentAnalysis:
    """Suggestions for every applicable invariant, the document they were made from, and the
    kind it reads like.

    Raises :class:`NoDocumentError`, or :class:`checker.documents.DocumentError` for an
    unreadable document.
    """
    document = read_stored_document(assessment, upload_dir)
    detections = detect_elements(document, kind=assessment.document_kind)
    suggestions = suggest_answers(catalogue, assessment.study_type, detections,
                                  lang=document.language, document=document,
                                  kind=assessment.document_kind)
    return DocumentAnalysis(suggestions, document, guess_document_kind(document))


def _values(row: Answer | None) -> dict[str, str | None]:
    if row is None:
        return {name: (None if name == "answer" else "") for name in FIELDS}
    return {name: getattr(row, name) for name in FIELDS}


def stored_quotations(quotations: list[Quotation]) -> list[Quotation]:
    """The quotations an accepted suggestion keeps: the first few, then any sentence beyond
    them that states one of the invariant's particulars (``detail:…``) or a further part of it
    (``secondary``). A met answer rests on its particulars, so the answer, its reports and
    its dossier must quote them; cut at the first three, a particular the evidence layer
    quoted fourth was named by nothing the reviewer could check."""
    kept = quotations[:MAX_STORED_QUOTATIONS]
    return kept + [q for q in quotations[MAX_STORED_QUOTATIONS:]
                   if q.element.startswith("detail:") or q.element == "secondary"]


def _suggested_values(suggestion: Suggestion, lang: str,
                      spelling: Spelling = UNKNOWN_SPELLING) -> dict[str, str | None]:
    quotes = stored_quotations(suggestion.quotations)
    # The place of each quotation joined, not only the first's (see services.locations).
    page, section = joined_location([(page_and_line(q.page, q.line, lang), q.section or "")
                                     for q in quotes])
    return {
        "answer": suggestion.answer,
        "justification": pick(suggestion.rationale, lang) if suggestion.rationale else "",
        # Each quotation was verified verbatim in the extracted text by the evidence layer; it
        # is stored as a person reads it (no PDF line breaks or line-end hyphens), which the
        # tolerant check still finds in the document.
        "quotation": QUOTATION_SEPARATOR.join(readable_text(q.text, spelling) for q in quotes),
        "page": page,
        "section": section,
    }


def _log(assessment: Assessment, invariant_id: str, user: User, version: int,
         old: dict, new: dict, origin: str) -> None:
    db.session.add(AnswerHistory(
        assessment_id=assessment.id, invariant_id=invariant_id, user_id=user.id,
        username=user.username, changed_at=utcnow(), version=version,
        old_answer=old["answer"], new_answer=new["answer"], old_values=old,
        new_values={**new, "origin": origin},
    ))


def store_suggestions(
    assessment: Assessment, suggestions: dict[str, Suggestion], user: User, lang: str,
    spelling: Spelling = UNKNOWN_SPELLING,
) -> tuple[int, int]:
    """Write suggestions where no person has answered; return (suggested, kept)."""
    rows = {row.invariant_id: row for row in assessment.answers}
    suggested = kept = 0
    now = utcnow()
    for invariant_id, suggestion in suggestions.items():
        row = rows.get(invariant_id)
        if row is not None and row.origin == "human" and row.answer is not None:
            kept += 1
            continue
        new = _suggested_values(suggestion, lang, spelling)
        old = _values(row)
        if row is None:
            row = Answer(assessment_id=assessment.id, invariant_id=invariant_id, version=0)
            db.session.add(row)
        if old == new and row.origin == "suggestion":
            continue
        for name, value in new.items():
            setattr(row, name, value)
        row.suggested_justification = dict(suggestion.rationale) or None
        row.origin, row.confirmed_by, row.updated_at = "suggestion", None, now
        row.accepted_by = None
        row.version = (row.version or 0) + 1
        _log(assessment, invariant_id, user, row.version, old, new, "suggestion")
        suggested += 1
    assessment.updated_at = now
    db.session.commit()
    return suggested, kept


def suggest_from_document(
    catalogue: Catalogue, assessment: Assessment, upload_dir: str | Path, user: User, lang: str
) -> SuggestionRun:
    analysis = analyse_document(catalogue, assessment, upload_dir)
    suggested, kept = store_suggestions(assessment, analysis.suggestions, user, lang,
                                        document_spelling(analysis.document))
    pending = pending_suggestions(catalogue, to_record(assessment))
    return SuggestionRun(suggested, kept, analysis.kind_guess, assessment.document_kind,
                         pending, analysis.document.language_guess, assessment.language)


def _pending(assessment: Assessment, invariant_id: str | None,
             applicable: set[str]) -> list[Answer]:
    """Pending suggestions of the invariants that apply now: those kept from another study type
    are not shown, so accepting "all" must not confirm them unseen."""
    query = select(Answer).where(Answer.assessment_id == assessment.id,
                                 Answer.origin == "suggestion")
    if invariant_id is not None:
        query = query.where(Answer.invariant_id == invariant_id)
    return [row for row in db.session.scalars(query) if row.invariant_id in applicable]


def resolve_suggestions(
    catalogue: Catalogue, assessment: Assessment, user: User, *, accept: bool,
    invariant_id: str | None = None, expected_version: int | None = None,
) -> int:
    """Accept (confirm as the person's answer) or reject (clear) pending suggestions of the
    invariants of the assessment's current study type.

    With ``invariant_id``, only that one, and only if its version is still
    ``expected_version`` (else nothing changes: the page was stale). Returns how many changed;
    raises KeyError for an id the catalogue does not know (a wrong address, not a page made
    stale by a change of study type).
    """
    if invariant_id is not None:
        catalogue.invariant(invariant_id)
    changed = 0
    now = utcnow()
    applicable = {inv.id for inv in catalogue.invariants_for(assessment.study_type)}
    for row in _pending(assessment, invariant_id, applicable):
        if expected_version is not None and row.version != expected_version:
            continue
        old = _values(row)
        new = old if accept else _values(None)
        # Compare-and-set: a save made meanwhile (origin now human, version moved) wins.
        result = db.session.execute(
            update(Answer)
            .where(Answer.id == row.id, Answer.version == row.version,
                   Answer.origin == "suggestion")
            .values(origin="human", confirmed_by=user.username if accept else None,
                    accepted_by=user.username if accept else None, updated_at=now,
                    version=row.version + 1,
                    **({} if accept else new))
            .execution_options(synchronize_session=False)
        )
        if result.rowcount == 1:
            _log(assessment, row.invariant_id, user, row.version + 1, old, new,
                 "accepted suggestion" if accept else "rejected suggestion")
            changed += 1
    if changed:
        assessment.updated_at = now
    db.session.commit()
    db.session.expire_all()
    return changed



def adopt_suggestion(
    catalogue: Catalogue, assessment: Assessment, invariant_id: str, upload_dir: str | Path,
    user: User, lang: str, expected_version: int, expected_document: str,
) -> bool:
    """Make the current document's suggestion for one invariant the person's answer, in place
    of the answer they gave on an earlier draft (kept in the history). The person asked for
    it after seeing the suggestion, so it is confirmed by them.

    Only if the stored answer's version is still ``expected_version`` and the current document
    is still ``expected_document`` (the fingerprint of the draft whose suggestion the person
    saw); else nothing changes and False is returned. Raises KeyError for an invariant that
    does not apply, and what :func:`analyse_document` raises.
    """
    if invariant_id not in {inv.id for inv in catalogue.invariants_for(assessment.study_type)}:
        raise KeyError(invariant_id)
    if assessment.document_sha256 != expected_document:
        return False
    analysis = analyse_document(catalogue, assessment, upload_dir)
    suggestion = analysis.suggestions[invariant_id]
    new = _suggested_values(suggestion, lang, document_spelling(analysis.document))
    row = db.session.scalar(select(Answer).where(Answer.assessment_id == assessment.id,
                                                 Answer.invariant_id == invariant_id))
    if row is None or row.version != expected_version:
        return False
    old = _values(row)
    result = db.session.execute(
        update(Answer)
        .where(Answer.id == row.id, Answer.version == expected_version)
        .values(origin="human", confirmed_by=user.username, accepted_by=user.username,
                updated_at=utcnow(), version=expected_version + 1,
                suggested_justification=dict(suggestion.rationale) or None, **new)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        db.session.rollback()
        return False
    _log(assessment, invariant_id, user, expected_version + 1, old, new, "accepted suggestion")
    assessment.updated_at = utcnow()
    db.session.commit()
    db.session.expire_all()
    return True
