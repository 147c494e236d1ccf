"""Shared by the tests of suggested answers: a document's suggestions as an analysis makes
them (the document extracted, its elements detected, the built-in catalogue's answers
suggested), and what a suggestion quotes.

Quotations are read with their white space folded: a line break of the source reads as a
space, as the words a test looks for are typed.
"""

from __future__ import annotations

from collections.abc import Sequence

from checker.catalogue import get_catalogue
from checker.documents import Document, extract_document
from checker.evidence import Detection, Suggestion, detect_elements, suggest_answers


def suggest(source: str | bytes | Document, lang: str | None = None, *,
            study_type: str = "interventional", kind: str = "protocol",
            name: str = "doc.md",
            detections: list[Detection] | None = None) -> dict[str, Suggestion]:
    """The suggestions for each invariant of ``study_type`` from a ``kind`` of document:
    ``source`` is its text, the bytes of a file called ``name``, or the document extracted;
    ``lang`` is the document's own language unless given. Its elements are detected, unless
    ``detections`` are given."""
    if isinstance(source, Document):
        document = source
    else:
        document = extract_document(source.encode() if isinstance(source, str) else source,
                                    name)
    lang = lang or document.language
    if detections is None:
        detections = detect_elements(document, kind=kind, lang=lang)
    return suggest_answers(get_catalogue(), study_type, detections, lang, document=document,
                           kind=kind)


def in_first_sentence(document: Document, elements: Sequence[str],
                      confidence: float = 0.9) -> list[Detection]:
    """Each of ``elements`` detected, at ``confidence``, in the document's first sentence
    after its heading."""
    sentence = next(s for s in document.sentences if not document.is_heading(s))
    return [Detection(element, document.sentence_text(sentence), sentence.start, sentence.end,
                      None, sentence.section, confidence, 1) for element in elements]


def quotation_texts(suggestion: Suggestion) -> list[str]:
    """What ``suggestion`` quotes, in its order."""
    return [" ".join(q.text.split()) for q in suggestion.quotations]


def first_quotation(suggestion: Suggestion) -> str:
    """What ``suggestion`` quotes first; empty if it quotes nothing."""
    return next(iter(quotation_texts(suggestion)), "")


def quoted(suggestion: Suggestion, words: str) -> bool:
    """Whether one of ``suggestion``'s quotations holds ``words``."""
    return any(words in text for text in quotation_texts(suggestion))
