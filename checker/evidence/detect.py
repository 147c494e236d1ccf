"""Element detection: article-level decisions plus the sentences that support them.

The article-level decision for the 83 SCTM items comes from the trained model; the catalogue's
extra elements, which have no training labels, are detected from the cue lexicon. A detection is
emitted only with a sentence whose text is checked to occur verbatim in the document.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict, dataclass

import numpy as np

from checker.documents import Document
from checker.documents.list_marks import starts_bullet
from checker.documents.structure import is_known_heading
from checker.documents.tables import is_caption_label, quoted_last, without_label

from .elements import HEADING_EVIDENCE, extra_elements, is_title_item
from .features import (
    SentenceIndex,
    cue_doc_features,
    cue_matrix,
    evidence_text,
    matching_sentences,
    tokens,
)
from .lexicon import get_lexicon
from .model import get_model
from .quotes import verify_quotation
from .sections import ContextSections, get_context_sections

MAX_QUOTES = 3  # supporting sentences per element
# The end of a sentence: a stop, then perhaps a closing quotation mark or bracket and a
# reference, in brackets or as a superscript read as figures ("… exercise
# testing.[21,28,50,51]", "… masked regarding allocation.1").
_SENTENCE_END = re.compile(r"[.!?][\"”’»)\]]*\s*(?:\[[\d,\s–-]+\]|\d+(?:[,–-]\d+)*)?\s*$")
EXTRA_MIN_SENTENCES = 1


@dataclass(frozen=True)
class Detection:
    element: str
    quote: str
    start: int
    end: int
    page: int | None
    section: str
    confidence: float  # article-level confidence that the element is reported
    rank: int  # 1 = best supporting sentence for this element
    # Whether the sentence holds one of the element's cues (the title always does for the title
    # items: it is what they judge). Without any cue sentence the model may still decide, from
    # the whole text, that the element is reported; the sentence is then only the closest in
    # vocabulary, a pointer rather than evidence, and is not quoted in suggestions.
    cue_match: bool = True

    def to_dict(self) -> dict:
        return asdict(self)


def normalise_kind(kind: str) -> str:
    """'paper' and 'results' are the same kind of document (a report of a completed trial)."""
    if kind in ("paper", "results"):
        return "paper"
    if kind == "protocol":
        return "protocol"
    raise ValueError(f"unknown document kind {kind!r} (expected protocol or paper)")


def _sentence_term_scores(sentences: list[str], weights: np.ndarray, vocab: dict[str, int]):
    """Per sentence and item: mean learned weight of the sentence's known terms."""
    scores = np.zeros((len(sentences), weights.shape[1]), dtype=np.float32)
    for i, sentence in enumerate(sentences):
        indices = [vocab[t] for t in Counter(tokens(sentence)) if t in vocab]
        if indices:
            scores[i] = weights[indices].sum(axis=0) / np.sqrt(len(indices))
    return scores


def detect_elements(
    doc: Document, kind: str = "protocol", lang: str | None = None
) -> list[Detection]:
    """Detected reporting elements of ``doc``, best supporting sentence first per element."""
    kind = normalise_kind(kind)
    lang = lang or doc.language
    model = get_model(lang)
    # Decided by the text and pattern models only in the language they were trained in, and
    # if the training chose them over the cue model for that language (see the model card).
    by_text = model.language == lang and model.decides_by_text
    lexicon = get_lexicon()
    sentences = matching_sentences(doc)
    if not sentences:
        return []
    elements = list(model.items) + extra_elements()
    index = SentenceIndex(sentences)
    hits = cue_matrix(index, elements, lexicon, lang)
    n_items = len(model.items)
    probs, decisions = model.probabilities(
        evidence_text(doc), cue_doc_features(hits[:, :n_items]), kind, use_text=by_text,
        sentences=index,
    )
    confidences = model.confidences(probs, use_text=by_text)
    term_scores = _sentence_term_scores(sentences, model.text_weights, model.vocabulary)
    # A sentence read as empty (a reference list's entry) is pointed to for no element.
    term_scores[np.array([not sentence for sentence in sentences])] = -np.inf
    context = get_context_sections()
    # Only a results paper reports results: a protocol's "Results of the pilot study" (in its
    # background) is no place for its own trial's results items.
    results = context.results_flags(doc)
    in_results = results if kind == "paper" else np.zeros(len(doc.sentences), dtype=bool)
    doc_flags = (context.places(doc), in_results, context.contribution_flags(doc))
    headed_by = np.array(doc.heading_indices, dtype=np.int64)
    detections: list[Detection] = []
    for j, element in enumerate(elements):
        if j < n_items:
            if not decisions[j]:
                continue
            confidence = float(confidences[j])
            # A decision of the model is always shown: without a quotable cue sentence, with
            # the sentence closest in the model's vocabulary as a mere pointer.
            pointer: np.ndarray | None = term_scores[:, j]
        else:
            n_cue = int((hits[:, j] > 0).sum())
            if n_cue < EXTRA_MIN_SENTENCES:
                continue
            # One cue sentence is what it takes to detect it: 50 %, as at a model threshold.
            confidence = round(min(0.9, 0.4 + 0.1 * n_cue), 3)
            pointer = None  # decided by its cues alone: no cue sentence, no detection
        # Cue sentences by cue hits, then in document order. Not by the learned term weights:
        # fitted for article-level decisions, they favour any sentence of a reporting article,
        # discussion and results included (judged blind, see the model card).
        score = hits[:, j].astype(np.float32)
        cued = hits[:, j] > 0
        # Under a heading with the element's cues ("Sample size"), a cue sentence comes before
        # the others with as many cues (a table's caption heads no text). Not in the results
        # for an element reported elsewhere: there "Secondary outcomes" heads results, not the
        # outcomes' definitions.
        named = headed_by >= 0
        if element not in context.results_items:
            named &= ~results
        score[named] += 0.5 * cued[headed_by[named]]
        # The trial's own report before background and discussion, and a results item's
        # results first (sections.yaml).
        order = (_labelled_parts_first(doc, context) if element in HEADING_EVIDENCE
                 else context.preference(element, doc_flags))
        # A catalogue element's short cue sentence ("· Travel compensation forms") comes after
        # its fuller ones; the items' quotations are left as the model card describes them.
        min_words = context.min_quotation_words if j >= n_items else 0
        detections.extend(_supporting(doc, element, score, cued, confidence, pointer, order,
                                      min_words))
    return detections


def list_under(doc: Document, index: int) -> int | None:
    """The first item of the list that heading sentence ``index`` introduces, or None. The
    heading is a usual section name (headings.yaml: "Inclusion criteria", « Critères
    d'inclusion », with or without a colon), not one particular to the document
    ("Administrative Coordinating Center", over a list of its members); the first line under
    it is an item: it opens with a bullet or does not end as a sentence does ("Aged 18 to 65
    years", "Participant aged ≥ 16 years;"). A sentence after a label ("Objective: To
    determine …") is no item, nor is a line introducing a list of its own ("Each of the
    following criteria must be met:"), nor a table's row."""
    sentence = doc.sentences[index]
    heading = doc.sentence_text(sentence)
    below = doc.text_under(index) if doc.is_heading(sentence) else None
    if below is None or not is_known_heading(heading) \
            or doc.is_table_header(doc.sentences[below]):
        return None
    first = doc.sentence_text(doc.sentences[below]).strip()
    if quoted_last(first):
        return None
    if first.endswith(":"):
        return None
    return below if starts_bullet(first) or not _SENTENCE_END.search(first) else None


def word_count(text: str) -> int:
    """Words of ``text`` that hold a letter: a bullet, a number or a dash is not one."""
    return sum(any(c.isalpha() for c in token) for token in text.split())


def _labelled_parts_first(doc: Document, context: ContextSections) -> np.ndarray:
    """Order of a structured abstract's evidence: a labelled sentence of the abstract
    ("Background: Sitting time …") first, then a labelled part's heading with its first
    sentence ("Background" then "Patients with delirium …"), then anything else (the bare
    "Abstract" heading proves little)."""
    order = np.full(len(doc.sentences), 2, dtype=np.int8)
    for index in np.flatnonzero(context.abstract_flags(doc)):
        if not doc.is_heading(doc.sentences[index]):
            order[index] = 0
        elif (doc.text_under(int(index)) is not None
              and not context.is_abstract(doc.sentences[index].section)):
            order[index] = 1
    return order


def _supporting(doc: Document, element: str, score: np.ndarray, cued: np.ndarray,
                confidence: float, pointer: np.ndarray | None,
                order: np.ndarray | None = None, min_words: int = 0) -> list[Detection]:
    """Up to MAX_QUOTES verified sentences for a detected element, best first: its cue
    sentences (by ``order`` first, lower first, then by ``score``; those of fewer than
    ``min_words`` words after all the others, then a table's rows,
    :func:`~checker.documents.tables.quoted_last`), a list under a usual section heading
    with its cues taking the heading's place among them (:func:`list_under`, quoted with the
    heading); else the text under a heading with its cues; else one pointer sentence. A
    caption's bare label ("Table 1.") and a table's header row are never quoted."""
    found: list[Detection] = []

    def add(index: int, cue_match: bool, through: int | None = None) -> None:
        """Quote sentence ``index`` (on to sentence ``through``, a heading's first line)."""
        sentence = doc.sentences[index]
        end = doc.sentences[through].end if through is not None else sentence.end
        quote = doc.text[sentence.start:end]
        if not verify_quotation(doc.text, quote):  # never propose a quotation we cannot find
            return
        # "Table 1." names a table, a header row its columns: neither says anything of it.
        if is_caption_label(quote) or doc.is_table_header(sentence):
            return
        found.append(
            Detection(element, quote, sentence.start, end, sentence.page,
                      sentence.section, round(confidence, 3), len(found) + 1, cue_match)
        )

    if is_title_item(element):  # the title is what these items judge: it is the evidence
        add(doc.title_position, True)
        return found
    under_headings: list[int] = []
    short: list[int] = []  # cue sentences too short to show much, quoted only to fill up
    tabular: list[int] = []  # a table's rows: quoted only when nothing else is
    where = np.zeros(len(score), dtype=np.int8) if order is None else order
    # Cue sentences first, then by order, then by score (lexsort: last key is primary).
    for index in (int(i) for i in np.lexsort((-score, where, ~cued))):
        if len(found) >= MAX_QUOTES or not cued[index]:
            break
        if element in HEADING_EVIDENCE:
            # A labelled part of the abstract is quoted with its first sentence, which shows
            # it labels a paragraph: "Background" then "Patients with delirium …".
            add(index, True, doc.text_under(index) if where[index] == 1 else None)
            continue
        if doc.is_heading(doc.sentences[index]):
            # A heading names a topic; the evidence is in the text below it. A list's items
            # ("Aged 18 to 65 years") say what the heading names: quoted in the heading's
            # place among the cue sentences (as many cues, document order), with the heading
            # that says what they are.
            below = doc.text_under(index)
            if below is not None and not cued[below]:
                if list_under(doc, index) is not None:
                    add(index, True, below)
                elif below not in under_headings:
                    under_headings.append(below)
            continue
        if quoted_last(doc.sentence_text(doc.sentences[index])):
            tabular.append(index)
            continue
        if min_words and word_count(without_label(doc.sentence_text(doc.sentences[index]))) \
                < min_words:
            short.append(index)
            continue
        add(index, True)
    for index in short + tabular:
        if len(found) >= MAX_QUOTES:
            break
        add(index, True)
    for index in under_headings:
        if found:
            break
        add(index, True)
    if not found and pointer is not None:
        # The closest sentence in vocabulary, taken by the same order as cue sentences.
        # A table's row only when no sentence is left.
        ranked = [int(i) for i in np.lexsort((-pointer, where))]
        for last_resort in (False, True):
            for index in ranked:
                sentence = doc.sentences[index]
                if np.isfinite(pointer[index]) and not doc.is_heading(sentence) \
                        and quoted_last(doc.sentence_text(sentence)) == last_resort:
                    add(index, False)
                    if found:
                        return found
    return found


def detected_elements(detections: list[Detection]) -> set[str]:
    return {d.element for d in detections}
