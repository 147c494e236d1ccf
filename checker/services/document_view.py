"""The assessment's document as the application read it, with every quoted passage marked.

A reviewer checks a quotation in its context: the page lays the extracted text out by page,
heading and paragraph, marks the sentences that the answers quote (by a person or by a
suggestion) and links each mark back to its invariant. In a manuscript whose lines are
numbered in the margin, a quoted or detected sentence shows its line number, as the reports
place its quotation ("p. 7, l. 212"). Quotations that are not found word for
word in the current document (typed by hand, or taken from an earlier version) are listed.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path

from ..catalogue import Catalogue
from ..documents import Document
from ..documents.model import LineMark
from ..evidence import detect_elements
from ..evidence.elements import sctm_code
from ..evidence.features import document_spelling, readable_text
from ..evidence.quotes import locate_quotation
from ..models import Assessment
from .quotation_checks import quotation_parts
from .suggestions import read_stored_document


@dataclass
class Passage:
    """A sentence or heading of the document, in reading order."""

    text: str  # as a person reads it: a word cut at a PDF line's end is whole
    start: int
    end: int  # in the document's text, past the sentence
    page: int | None
    heading_level: int  # 0 for running text
    new_paragraph: bool
    new_page: bool
    # Its line number in the page's margin, in a PDF whose lines are numbered (as the reports
    # place a quotation: "p. 7, l. 212"); None anywhere else.
    line: LineMark | None = None
    quoted_by: list[str] = field(default_factory=list)  # invariant ids, catalogue order
    anchors: list[str] = field(default_factory=list)  # invariants whose first quotation is here
    detected: list[DetectedHere] = field(default_factory=list)  # elements it supports


@dataclass
class DetectedHere:
    element: str
    code: str  # "17a" for SPIRIT/CONSORT items, a short name for the catalogue's extras
    label: str
    confidence: float
    first: bool  # the element's best supporting sentence (the page anchors it)
    cue_match: bool = True  # False: no sentence has the element's cues; this one is only near


@dataclass
class MissingQuotation:
    invariant_id: str
    text: str


@dataclass
class DocumentView:
    filename: str
    format: str
    language: str
    pages: int
    passages: list[Passage]
    located: dict[str, int]  # invariant id -> number of its quotations found in the text
    missing: list[MissingQuotation]
    elements: list[DetectedHere] = field(default_factory=list)  # detected, in catalogue order


def document_view(assessment: Assessment, upload_dir: str | Path, catalogue: Catalogue,
                  lang: str, with_elements: bool = False) -> DocumentView:
    """The document of ``assessment`` with its quoted passages (and, ``with_elements``, the
    sentences supporting each detected reporting element, named in ``lang``).

    Raises :class:`~checker.services.suggestions.NoDocumentError` without a stored document,
    or a :class:`checker.documents.DocumentError` when it cannot be read."""
    document = read_stored_document(assessment, upload_dir)
    passages = _passages(document)
    invariant_order = [inv.id for inv in catalogue.invariants_for(assessment.study_type)]
    order = {inv: i for i, inv in enumerate(invariant_order)}
    # Only the invariants of the current study type: answers kept from another one are not
    # shown on the form, so a mark could not link back to them.
    answers = sorted((a for a in assessment.answers
                      if a.quotation.strip() and a.invariant_id in order),
                     key=lambda a: order[a.invariant_id])
    located: dict[str, int] = {}
    missing: list[MissingQuotation] = []
    starts = [p.start for p in passages]
    for answer in answers:
        for part in quotation_parts(answer.quotation):
            span = locate_quotation(document.text, part, tolerant_whitespace=True)
            if span is None:
                missing.append(MissingQuotation(answer.invariant_id, part))
                continue
            marked = _overlapping(passages, starts, span)
            for passage in marked:
                if answer.invariant_id not in passage.quoted_by:
                    passage.quoted_by.append(answer.invariant_id)
            if marked and answer.invariant_id not in located:
                marked[0].anchors.append(answer.invariant_id)
            located[answer.invariant_id] = located.get(answer.invariant_id, 0) + 1
    view = DocumentView(
        filename=document.filename, format=document.format,
        language=document.language, pages=len(document.pages), passages=passages,
        located=located, missing=missing,
    )
    if with_elements:
        _mark_detections(view, document, assessment.document_kind, catalogue, lang)
    return view


def _mark_detections(view: DocumentView, document: Document, kind: str,
                     catalogue: Catalogue, lang: str) -> None:
    by_start = {passage.start: passage for passage in view.passages}
    for detection in detect_elements(document, kind=kind):
        passage = by_start.get(detection.start)
        if passage is None:
            continue
        label = catalogue.element_label(detection.element, lang)
        # SPIRIT/CONSORT items by their code; the catalogue's extra elements by a short name.
        code = sctm_code(detection.element) or _short(label)
        here = DetectedHere(detection.element, code, label, detection.confidence,
                            detection.rank == 1, detection.cue_match)
        passage.detected.append(here)
        if here.first:
            view.elements.append(here)
    rank = {element.id: i for i, element in
            enumerate(catalogue.reporting_elements + catalogue.extra_elements)}
    view.elements.sort(key=lambda e: rank.get(e.element, len(rank)))


def _short(label: str, limit: int = 24) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _passages(document: Document) -> list[Passage]:
    section_starts = [section.start for section in document.sections]
    # Paragraphs: a blank line in text formats; in a PDF, whose text has no blank lines
    # between paragraphs, a sentence that begins a line.
    breaks = "\n" if document.format == "pdf" else "\n\n"
    spelling = document_spelling(document)
    passages: list[Passage] = []
    previous_end, previous_page = 0, None
    for sentence in document.sentences:
        level = 0
        if document.is_heading(sentence):
            # The heading's section starts at or just before it (before its Markdown marks).
            index = bisect_right(section_starts, sentence.start) - 1
            level = document.sections[index].level if index >= 0 else 1
        passages.append(Passage(
            text=readable_text(document.sentence_text(sentence), spelling),
            start=sentence.start, end=sentence.end, page=sentence.page,
            heading_level=min(level, 4),
            new_paragraph=not passages or breaks in document.text[previous_end:sentence.start],
            new_page=sentence.page is not None and sentence.page != previous_page,
            line=sentence.line,
        ))
        previous_end, previous_page = sentence.end, sentence.page
    return passages


def _overlapping(passages: list[Passage], starts: list[int],
                 span: tuple[int, int]) -> list[Passage]:
    first = max(0, bisect_right(starts, span[0]) - 1)
    found = []
    for passage in passages[first:]:
        if passage.start >= span[1]:
            break
        if passage.end > span[0]:
            found.append(passage)
    return found
