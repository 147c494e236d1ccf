"""Element detection: article-level decisions plus the sentences that support them.

The article-level decision for the 83 SCTM items comes from the trained model; the catalogue's
extra elements, which have no training labels, are detected from the cue lexicon. A detection is
emitted only with a sentence whose text is checked to occur verbatim in the document.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass

import numpy as np

from checker.documents import Document

from .elements import HEADING_EVIDENCE, extra_elements, is_title_item
from .features import SentenceIndex, cue_doc_features, cue_matrix, matching_sentences, tokens
from .lexicon import get_lexicon
from .model import get_model
from .quotes import verify_quotation

MAX_QUOTES = 3  # supporting sentences per element
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
    english = lang == "en"
    model = get_model()
    lexicon = get_lexicon()
    sentences = matching_sentences(doc)
    if not sentences:
        return []
    elements = list(model.items) + extra_elements()
    index = SentenceIndex(sentences)
    hits = cue_matrix(index, elements, lexicon, lang)
    n_items = len(model.items)
    probs, decisions = model.probabilities(
        doc.text, cue_doc_features(hits[:, :n_items]), kind, use_text=english, sentences=index,
    )
    term_scores = _sentence_term_scores(sentences, model.text_weights, model.vocabulary)
    detections: list[Detection] = []
    for j, element in enumerate(elements):
        if j < n_items:
            if not decisions[j]:
                continue
            # Cue hits dominate; learned term weights break ties and cover cue-less sentences.
            # The weights are English: in another language only a cue sentence is evidence.
            score = hits[:, j] * 10.0 + (term_scores[:, j] if english else 0.0)
            confidence = float(probs[j])
        else:
            n_cue = int((hits[:, j] > 0).sum())
            if n_cue < EXTRA_MIN_SENTENCES:
                continue
            score = hits[:, j].astype(np.float32)
            confidence = round(min(0.9, 0.35 + 0.1 * n_cue), 3)
        detections.extend(_supporting(doc, element, score, hits[:, j] > 0, confidence,
                                      trained=j < n_items and english))
    return detections


def _supporting(doc: Document, element: str, score: np.ndarray, cued: np.ndarray,
                confidence: float, trained: bool):
    order = [0] if is_title_item(element) else list(np.argsort(-score, kind="stable"))
    found: list[Detection] = []
    for index in order:
        if len(found) >= MAX_QUOTES:
            break
        # A sentence without the element's cues is only close in vocabulary: one such pointer
        # when no cue sentence could be quoted (all headings), none after real evidence.
        if found and not cued[index]:
            break
        if not trained and score[index] <= 0:
            break
        if found and score[index] <= 0:
            break
        sentence = doc.sentences[int(index)]
        title = is_title_item(element)
        if not title and element not in HEADING_EVIDENCE and doc.is_heading(sentence):
            continue  # a heading names a topic; the evidence is in the text below it
        quote = doc.sentence_text(sentence)
        if not verify_quotation(doc.text, quote):  # never propose a quotation we cannot find
            continue
        found.append(
            Detection(element, quote, sentence.start, sentence.end, sentence.page,
                      sentence.section, round(confidence, 3), len(found) + 1,
                      cue_match=title or bool(cued[index]))
        )
    return found


def detected_elements(detections: list[Detection]) -> set[str]:
    return {d.element for d in detections}
