"""A study's journal, DOI and year read from its assessment's document, proposed in the
dossier's publication details for the person to check (:mod:`checker.evidence.publication_details`
holds the rules).

A proposal only fills the form's empty fields: what the person typed, or what is already saved
for the study, stays. Nothing is saved until the person sends the form. A protocol is not yet
published: its document proposes nothing (a DOI on it is another paper's, or its registry's).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..documents import DocumentError, extract_document
from ..documents.metadata import document_metadata
from ..evidence.publication_details import PublicationDetails, read_publication
from ..models import Assessment
from .assessments import uploaded_by
from .suggestions import NoDocumentError, stored_file

# The form's fields a proposal fills, in the form's order.
PROPOSED_FIELDS = ("journal", "doi", "year")

# Why nothing is proposed.
PROTOCOL, NO_DOCUMENT, NOTHING_READ = "protocol", "no_document", "nothing_read"


@dataclass(frozen=True)
class PublicationProposal:
    values: dict[str, str] = field(default_factory=dict)  # per field of PROPOSED_FIELDS
    several_dois: tuple[str, ...] = ()  # the first page's DOIs when it names several
    empty_because: str = ""  # PROTOCOL, NO_DOCUMENT or NOTHING_READ when ``values`` is empty


def propose_publication(assessment: Assessment, upload_dir: str | Path) -> PublicationProposal:
    """The journal, DOI and year the assessment's current document states, as form values."""
    if assessment.document_kind == "protocol":
        return PublicationProposal(empty_because=PROTOCOL)
    sha256 = assessment.document_sha256
    if not sha256 or not uploaded_by(assessment.owner_id, sha256):
        return PublicationProposal(empty_because=NO_DOCUMENT)
    try:
        path = stored_file(sha256, upload_dir)
    except NoDocumentError:
        return PublicationProposal(empty_because=NO_DOCUMENT)
    details = _details_of(str(path), assessment.document_filename or path.name)
    if details is None:
        return PublicationProposal(empty_because=NO_DOCUMENT)
    values = {"journal": details.journal, "doi": details.doi,
              "year": str(details.year) if details.year else ""}
    values = {name: value for name, value in values.items() if value}
    return PublicationProposal(values, details.several_dois,
                               "" if values else NOTHING_READ)


@lru_cache(maxsize=16)
def _details_of(path: str, filename: str) -> PublicationDetails | None:
    # Stored files are named by their SHA-256, so a path's content never changes.
    try:
        data = Path(path).read_bytes()
        return read_publication(extract_document(data, filename),
                                document_metadata(data, filename))
    except (DocumentError, OSError):
        return None


@dataclass(frozen=True)
class PublicationReading:
    """What a form's page says of a proposal read from a study's document (the templates'
    ``reading``): the proposal, the values it puts in the form's empty fields, and those
    fields' names in the form's order (``read``)."""

    proposal: PublicationProposal
    filled: dict[str, str] = field(default_factory=dict)
    read: tuple[str, ...] = ()


def fill_empty(typed: Mapping[str, object], proposal: PublicationProposal) -> PublicationReading:
    """The proposal's values for the fields that are empty in ``typed`` (the form as sent or
    as saved): a filled field stays as it is."""
    filled = {name: value for name, value in proposal.values.items()
              if typed.get(name) in (None, "")}
    return PublicationReading(proposal, filled,
                              tuple(name for name in PROPOSED_FIELDS if name in filled))


def read_into(assessment: Assessment, upload_dir: str | Path,
              typed: Mapping[str, object]) -> PublicationReading:
    """The journal, DOI and year ``assessment``'s document states, for the fields empty in
    ``typed`` (the values the form holds)."""
    return fill_empty(typed, propose_publication(assessment, upload_dir))
