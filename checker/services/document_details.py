"""A new assessment's details read from its document, for the person to check.

The person chooses the document first; what it states clearly
(:mod:`checker.evidence.stated_details`) fills the fields they have not filled themselves, and
each field so filled is marked on the form. A field the person filled is never replaced: only an
empty field, or one still holding what the page itself put there (an earlier document's reading,
or the language the interface suggested), takes the document's value. The NPI's name is one of
them, read from the title when it names it in a usual shape, and marked with the title's words it
was read from. The study type is never chosen for the person: the design the title names (else
the document's own statement of its design) is offered as a question beside the field.

What the page put in each field travels with the form in a hidden field (:func:`dump_readings`
and :func:`parse_readings`), so that the marks stay on a form sent back with an error and a
second document replaces the first one's readings.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from ..catalogue import DOCUMENT_KINDS, Catalogue
from ..catalogue.model import StudyType
from ..documents import extract_document
from ..evidence.publication_details import read_publication
from ..evidence.stated_details import DocumentDetails, read_details
from .assessments import FIELD_LIMITS
from .countries import country_name
from .uploads import StoredDocument

# In the form's order, in which the page lists those it filled in.
READ_FIELDS = ("title", "document_kind", "npi_name", "country", "language", "reference")
# The study type is only hinted at: its id, the words that name the design, and where they are
# ("title", or "text": a sentence stating the study's design).
HINT_TYPE, HINT_WORDS, HINT_SOURCE = "study_type_hint", "study_type_words", "study_type_source"
HINT_SOURCES = ("title", "text")
NPI_WORDS = "npi_name_words"  # the title's words the NPI's name was read from
_EXTRA_KEYS = (HINT_TYPE, HINT_WORDS, HINT_SOURCE, NPI_WORDS)
_READING_LIMIT = 400  # characters of one reading kept in the hidden field


def read_document_details(document: StoredDocument) -> DocumentDetails:
    """What the stored ``document`` (an upload, whose file is there) states clearly.

    Raises :class:`checker.documents.DocumentError` for a document whose text cannot be read
    (a scan, an encrypted PDF...).

    The reference is the trial registration number the document states; a published paper
    that states none gives its DOI instead, when its first page states one alone (the
    field asks for "DOI or trial registration identifier", and a co-design or roll-out paper
    has no registration to give)."""
    text = extract_document(Path(document.path).read_bytes(), document.filename)
    details = read_details(text)
    if details.reference or details.document_kind != "paper":
        return details
    return replace(details, reference=read_publication(text).doi)


def readings_of(details: DocumentDetails, lang: str) -> dict[str, str]:
    """The form values ``details`` give, and its study type hint; a value longer than its field
    allows is left out rather than cut (a cut title would be wrong without saying so)."""
    npi = details.npi_name
    values = {
        "title": details.title, "document_kind": details.document_kind,
        "npi_name": npi.name if npi is not None else "",
        "language": details.language, "reference": details.reference,
        "country": country_name(details.country, lang),
    }
    readings = {name: value for name, value in values.items()
                if value and len(value) <= FIELD_LIMITS.get(name, _READING_LIMIT)}
    if details.study_type_hint is not None:
        readings[HINT_TYPE] = details.study_type_hint.study_type
        readings[HINT_WORDS] = details.study_type_hint.words[:_READING_LIMIT]
        readings[HINT_SOURCE] = details.study_type_hint.source
    if npi is not None and "npi_name" in readings:
        readings[NPI_WORDS] = npi.words[:_READING_LIMIT]
    return readings


@dataclass(frozen=True)
class Prefill:
    values: dict[str, str]  # per field of READ_FIELDS, the value the form now shows
    readings: dict[str, str]  # what the page holds as read from the document
    kept: dict[str, str]  # field -> the document's value, where the person's own was kept


def prefill(typed: Mapping[str, str], readings: Mapping[str, str],
            earlier: Mapping[str, str], defaults: Mapping[str, str]) -> Prefill:
    """The form's values once a document's ``readings`` are added to what was ``typed``.

    A field is the person's own unless it is empty, or holds what the page put there: the
    ``earlier`` document's reading or the ``defaults`` (the language the interface suggested).
    The person's own values stay; the others take the new reading, or go back to their
    default (empty) when the new document does not state them."""
    values: dict[str, str] = {}
    read: dict[str, str] = {}
    kept: dict[str, str] = {}
    for name in READ_FIELDS:
        value = typed.get(name) or ""
        reading = readings.get(name, "")
        page_put = not value.strip() or value in (earlier.get(name), defaults.get(name))
        if not page_put:
            values[name] = value
            if reading and reading != value:
                kept[name] = reading
            elif reading:
                read[name] = reading  # the person's value is what the document says
        else:
            values[name] = reading or defaults.get(name, "")
            if reading:
                read[name] = reading
    read.update({key: readings[key] for key in (HINT_TYPE, HINT_WORDS, HINT_SOURCE)
                 if key in readings})
    if "npi_name" in read and NPI_WORDS in readings:
        read[NPI_WORDS] = readings[NPI_WORDS]
    return Prefill(values, read, kept)


def dump_readings(readings: Mapping[str, str]) -> str:
    return json.dumps(dict(readings), ensure_ascii=False, sort_keys=True) if readings else ""


def parse_readings(text: str | None) -> dict[str, str]:
    """The readings a form carried back; anything malformed is ignored (the field is the
    page's own, but it comes back from the browser like any other)."""
    try:
        data = json.loads(text or "{}")
    except (ValueError, RecursionError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {key: value for key, value in data.items()
            if key in (*READ_FIELDS, *_EXTRA_KEYS) and isinstance(value, str)
            and 0 < len(value) <= _READING_LIMIT
            and (key != "document_kind" or value in DOCUMENT_KINDS)
            and (key != HINT_SOURCE or value in HINT_SOURCES)}


@dataclass(frozen=True)
class StudyTypeQuestion:
    study_type: StudyType
    words: str  # the words that name the design
    source: str = "title"  # where they are: "title", or "text" (a sentence stating it)


def study_type_question(readings: Mapping[str, str], catalogue: Catalogue,
                        chosen: str) -> StudyTypeQuestion | None:
    """The study type the title (else the document's statement of its design) suggests, to
    ask about beside the field: only when it is one of the catalogue's and not the one already
    chosen."""
    hint, words = readings.get(HINT_TYPE, ""), readings.get(HINT_WORDS, "")
    if not hint or not words or hint == chosen:
        return None
    try:
        return StudyTypeQuestion(catalogue.study_type(hint), words,
                                 readings.get(HINT_SOURCE) or "title")
    except KeyError:  # another catalogue, without this study type
        return None
