"""Plain records of an assessment, independent of the database and of the web layer.

Scoring, report writers and JSON import/export work on these; the ORM models map to and from
them. Keeping them plain means a report can be produced from a JSON file without a database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

NPI_DOMAINS = ("physical", "nutritional", "psychosocial")
"""The three NPI domains of the NPIS white paper."""

ANSWER_ORIGINS = ("human", "suggestion")
"""``human``: given or confirmed by a person; ``suggestion``: an unconfirmed automatic one."""


@dataclass
class AnswerRecord:
    invariant_id: str
    answer: str | None = None  # one of catalogue ANSWER_IDS, None while unanswered
    justification: str = ""
    quotation: str = ""
    page: str = ""
    section: str = ""
    origin: str = "human"
    confirmed_by: str | None = None  # who gave or confirmed the answer (last saved it)
    updated_at: datetime | None = None
    version: int = 0  # bumped at each save; used to detect conflicting edits
    # The justification a suggestion wrote, in each language ({"en": ..., "fr": ...}).
    suggested_justification: dict[str, str] | None = None
    # Who gave the answer its current justification (accepted the suggestion, or wrote it);
    # None when not known (a file written before it was kept): then ``confirmed_by``.
    accepted_by: str | None = None

    @property
    def accepter(self) -> str | None:
        """Who accepted a suggestion's rationale kept unchanged: the person whose save made
        it the answer's justification, not whoever saved the answer last."""
        return self.accepted_by or self.confirmed_by

    @property
    def justification_from_suggestion(self) -> bool:
        """Whether the justification is still, word for word, the rationale a suggestion
        wrote (in either language): accepted unchanged, it is the software's reasoning, not
        the assessor's, and reports say so. Once a person edits it, it is theirs. Derived
        rather than flagged, so it cannot go stale whichever way the text changes; an answer
        saved before suggestions kept their rationale has none to compare with and reads as
        the person's."""
        written = self.suggested_justification or {}
        return bool(self.justification) and self.justification in written.values()

    @property
    def accepted_rationale(self) -> bool:
        """A person confirmed the answer and kept the suggestion's rationale unchanged as its
        justification."""
        return self.origin == "human" and self.justification_from_suggestion

    def justification_in(self, lang: str) -> str:
        """The justification, in ``lang`` while it is still the one a suggestion wrote (so a
        French-interface user's suggestions read in English in an English report)."""
        if self.justification_from_suggestion:
            return (self.suggested_justification or {}).get(lang) or self.justification
        return self.justification


@dataclass(frozen=True)
class DocumentVersion:
    """One document uploaded to an assessment (the last of them is the current one)."""

    filename: str
    sha256: str
    size: int
    uploaded_at: datetime | None = None
    uploaded_by: str = ""


@dataclass
class AssessmentRecord:
    uid: str
    title: str
    document_kind: str  # "protocol" | "paper"
    study_type: str
    npi_name: str
    domain: str  # "physical" | "nutritional" | "psychosocial"
    country: str
    language: str  # language of the assessed document ("en", "fr", ...)
    catalogue_id: str
    catalogue_version: str
    catalogue_fingerprint: str
    assessor: str
    reference: str = ""  # DOI, registry id
    document_filename: str = ""
    document_sha256: str = ""
    document_size: int = 0
    created_at: datetime | None = None
    updated_at: datetime | None = None
    answers: dict[str, AnswerRecord] = field(default_factory=dict)
    document_versions: list[DocumentVersion] = field(default_factory=list)

    def answer_for(self, invariant_id: str) -> AnswerRecord:
        return self.answers.get(invariant_id) or AnswerRecord(invariant_id)
