"""An example to explore: the fictitious, fully answered demo assessment, copied into a
person's own account from the home page, so a first look needs no command line. It is in the
person's language: a French interface gets the French protocol, assessed in French.

The copy comes with a document: the demo's quotations set out under their sections, so
"Show in the document", the document text page and the reports' quotation checks work on
it as they will on the person's own files.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..catalogue import Catalogue
from ..demo import load_demo
from ..extensions import db
from ..models import Assessment, User
from .assessments import import_record, record_upload
from .records import AssessmentRecord
from .uploads import store_document

EXAMPLE_FILENAME = "APA-FATIGUE_protocol_excerpts.md"
# The document's own words, in the example's language (the demo's "language"), not the
# interface's: they belong to the protocol, like its quotations.
_DOCUMENT_TEXT = {
    "en": {"filename": EXAMPLE_FILENAME, "section": "Protocol",
           "intro": "Excerpts of a fictitious protocol (npis-checker example)."},
    "fr": {"filename": "APA-FATIGUE_extraits_du_protocole.md", "section": "Protocole",
           "intro": "Extraits d'un protocole fictif (exemple de npis-checker)."},
}


def _document_text(record: AssessmentRecord) -> dict[str, str]:
    return _DOCUMENT_TEXT.get(record.language, _DOCUMENT_TEXT["en"])


def example_filename(record: AssessmentRecord) -> str:
    """The name of the example's document, in the example's language."""
    return _document_text(record)["filename"]


def _page_order(page: str) -> int:
    """The page of a page field of one place: "7", or "7, l. 212" beside numbered lines."""
    first = page.split(",", 1)[0]
    return int(first) if first.isdigit() and ";" not in page else 0


def example_document(record: AssessmentRecord) -> str:
    """Markdown holding every quotation of ``record`` word for word, under its section, in
    the order of its pages."""
    words = _document_text(record)
    sections: dict[str, list[str]] = {}
    answers = sorted((a for a in record.answers.values() if a.quotation.strip()),
                     key=lambda a: (_page_order(a.page), a.section))
    for answer in answers:
        quotations = sections.setdefault(answer.section.strip() or words["section"], [])
        if answer.quotation not in quotations:
            quotations.append(answer.quotation)
    parts = [f"# {record.title}", words["intro"]]
    for section, quotations in sections.items():
        parts.append(f"## {section}")
        parts.extend(quotations)
    return "\n\n".join(parts) + "\n"


def open_example(owner: User, catalogue: Catalogue, label: str, upload_dir: str | Path,
                 max_bytes: int, lang: str = "en") -> Assessment:
    """A new assessment of ``owner``'s: the demo (an interventional protocol, 30 answers with
    quotations) written in ``lang`` (French or, by default, English) with its document, its
    title prefixed with ``label`` ("Example") so it is not taken for real work. Like any
    assessment, it can be edited, reported on or deleted."""
    record = load_demo(catalogue, lang=lang)
    stored = store_document(upload_dir, example_filename(record),
                            example_document(record).encode("utf-8"), max_bytes)
    record = replace(record, title=f"{label} — {record.title}", document_filename=stored.filename,
                     document_sha256=stored.sha256, document_size=stored.size,
                     document_versions=[])
    assessment = import_record(record, owner, catalogue)
    # An imported fingerprint gives no access to a file; this one the person was given.
    record_upload(owner, stored)
    db.session.commit()
    return assessment
