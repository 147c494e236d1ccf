"""Features shared by training and inference: tokens, TF-IDF vectors and cue counts.

TF-IDF is computed here (not with a pickled scikit-learn object) so the shipped model is a
small, version-independent array file and inference needs only numpy.
"""

from __future__ import annotations

import math
import re
import weakref
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable
from typing import NamedTuple

import numpy as np

from checker.catalogue.patterns import alternation_literals
from checker.documents import Document
from checker.documents.hyphenation import (
    AS_ASCII,
    LINE_END_HYPHENS,
    UNKNOWN_SPELLING,
    Spelling,
    join_lines,
    spelling_of,
)
from checker.regex_literals import fold

from .acronym import acronym_hits
from .lexicon import Lexicon
from .prefilter import CuePattern
from .sections import get_context_sections

# Cues that depend on the document itself (here its title), added to the lexicon's hits.
DOCUMENT_CUES = {"1g_Title_Acronym": acronym_hits}

_TOKEN = re.compile(r"[a-zà-ÿ][a-zà-ÿ0-9]+|\d+")
_HYPHEN_WRAP = re.compile(rf"[{LINE_END_HYPHENS}]\n(?=[a-z])")


def tokens(text: str) -> list[str]:
    """Lowercase word unigrams and bigrams; numbers are collapsed to one token."""
    found = _TOKEN.findall(_HYPHEN_WRAP.sub("", text.lower()))
    words = ["0" if w[0].isdigit() else w for w in found]
    return words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]


def tfidf_vector(text: str, vocabulary: dict[str, int], idf: np.ndarray) -> np.ndarray:
    """Sublinear-tf, L2-normalised TF-IDF vector (same definition as the training code)."""
    vector = np.zeros(len(vocabulary), dtype=np.float32)
    for term, count in Counter(tokens(text)).items():
        index = vocabulary.get(term)
        if index is not None:
            vector[index] = (1.0 + math.log(count)) * idf[index]
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector


def _unwrap(text: str, spelling: Spelling) -> str:
    """``text`` with its line-end hyphenations resolved as the copied-text reader resolves
    them and its line breaks read as spaces (:func:`~checker.documents.hyphenation.join_lines`)."""
    return join_lines(text, spelling)


def matching_text(sentence: str, spelling: Spelling = UNKNOWN_SPELLING) -> str:
    """A sentence as cue patterns see it.

    Typeset hyphens are "-", no-break and thin spaces are spaces. A line break inside the
    sentence (PDF text keeps the page's lines) is a space, so "informed\nconsent" matches
    "informed consent". A word hyphenated at a line end is joined ("ran-\ndomised") unless it
    is a compound ("double-blind"; see
    :func:`~checker.documents.hyphenation.keeps_line_end_hyphen`) or a hanging hyphen
    ("pre-\nand post-test"). ``spelling``: :func:`document_spelling` of the document.
    """
    sentence = sentence.translate(AS_ASCII)
    return _unwrap(sentence, spelling) if "\n" in sentence else sentence


def readable_text(text: str, spelling: Spelling) -> str:
    """A quotation as a person reads it: the page's line breaks are spaces, and a word
    hyphenated at a line end is joined ("ser-\nveur" -> "serveur") unless it is a compound
    ("Sud-\nEst" -> "Sud-Est") or a hanging hyphen
    ("pré-\net post-opératoire" -> "pré- et post-opératoire"). Other characters are left as
    extracted. Quotations stored this way are still found in the document by the tolerant
    check (:func:`checker.evidence.quotes.locate_quotation`)."""
    return _unwrap(text, spelling).strip() if "\n" in text else text


def document_spelling(document: Document) -> Spelling:
    """:func:`spelling_of` the document's text (to tell a line-end hyphenation from a
    compound)."""
    return _read_once(document).spelling


class _Reading(NamedTuple):
    """One document as the cues and the text model read it."""

    sentences: list[str]  # matching_text of each sentence, "" for a reference list's entries
    spelling: Spelling
    cited: tuple[bool, ...]  # per sentence: an entry of the reference list (sections.yaml)


# Detection, suggestions, the kind reading, the text model's text and the stored quotations
# all read one document's sentences as the cues see them, without its reference list: compute
# that once per document (the last few are kept).
_READ: dict[int, tuple[weakref.ref[Document], _Reading]] = {}
_READ_KEPT = 4


def _read_once(document: Document) -> _Reading:
    entry = _READ.get(id(document))
    if entry is not None and entry[0]() is document:
        return entry[1]
    spelling = spelling_of(document.text)
    # A reference list's entries are other works' titles: read as empty (sections.yaml).
    cited = tuple(get_context_sections().reference_flags(document))
    sentences = ["" if in_references else matching_text(document.sentence_text(s), spelling)
                 for s, in_references in zip(document.sentences, cited, strict=True)]
    reading = _Reading(sentences, spelling, cited)
    if len(_READ) >= _READ_KEPT:
        _READ.pop(next(iter(_READ)))
    _READ[id(document)] = (weakref.ref(document), reading)
    return reading


def matching_sentences(document: Document) -> list[str]:
    """:func:`matching_text` of every sentence of ``document`` ("" for a reference list's
    entries)."""
    return list(_read_once(document).sentences)  # a copy: callers may not share the cache


def evidence_text(document: Document) -> str:
    """The document's text as the text model reads it: without its reference list's entries
    (the whole text when it has none). Its entries are those the cues skip
    (:func:`matching_sentences`), found once for both."""
    cited = _read_once(document).cited
    if not any(cited):
        return document.text
    parts, start = [], 0
    for sentence, in_references in zip(document.sentences, cited, strict=True):
        if in_references:
            parts.append(document.text[start:sentence.start])
            start = sentence.end
    parts.append(document.text[start:])
    return "".join(parts)


class SentenceIndex:
    """The sentences of a document, with which sentences contain each literal (lowercase).

    A cue pattern is searched only in the sentences holding one of its prefilter literals
    (:mod:`checker.evidence.prefilter`): one substring scan of the whole text per literal
    replaces a regex search per sentence.
    """

    _SEPARATOR = "\x00"  # never in a literal, so no literal spans two sentences

    def __init__(self, sentences: list[str], lower: Callable[[str], str] = str.lower) -> None:
        self.sentences = sentences
        lowered = [lower(s) for s in sentences]  # may differ in length ("İ" -> "i̇")
        self._text = self._SEPARATOR.join(lowered)
        self._starts: list[int] = []
        offset = 0
        for sentence in lowered:
            self._starts.append(offset)
            offset += len(sentence) + 1
        self._found: dict[str, set[int]] = {}
        self._all = range(len(sentences))
        self._folded: SentenceIndex | None = None  # the sentences folded, once needed
        self._matched: dict[CuePattern, list[int]] = {}

    def finding(self, regex: re.Pattern[str]) -> list[int]:
        """The sentences ``regex`` finds, in document order. A catalogue's alternation
        (:func:`~checker.catalogue.patterns.any_pattern`) is searched only in the sentences
        holding one of its literals, as :func:`~checker.regex_literals.fold` reads them (all
        its matches do); any other regex in every sentence."""
        literals = alternation_literals(regex)
        if literals is None:
            candidates: Iterable[int] = self._all
        else:
            if self._folded is None:
                self._folded = SentenceIndex(self.sentences, fold)
            candidates = self._folded.containing_any(literals)
        return [i for i in candidates if regex.search(self.sentences[i])]

    def containing(self, literal: str) -> set[int]:
        found = self._found.get(literal)
        if found is None:
            found = set()
            at = self._text.find(literal)
            while at >= 0:
                found.add(bisect_right(self._starts, at) - 1)
                at = self._text.find(literal, at + 1)
            self._found[literal] = found
        return found

    def containing_any(self, literals: Iterable[str]) -> list[int]:
        """Sentences holding at least one of ``literals`` (lowercase), in document order."""
        return sorted(set().union(*(self.containing(literal) for literal in literals)))

    def candidates(self, pattern: CuePattern) -> Iterable[int]:
        """Sentences that may match ``pattern``, in document order."""
        return self._all if pattern.literals is None else self.containing_any(pattern.literals)

    def matching(self, pattern: CuePattern) -> list[int]:
        """The sentences ``pattern`` finds, in document order. Searched once per pattern:
        the element model reads its cue patterns, which are the lexicon's, again."""
        found = self._matched.get(pattern)
        if found is None:
            found = [i for i in self.candidates(pattern)
                     if pattern.regex.search(self.sentences[i])]
            self._matched[pattern] = found
        return list(found)


def cue_matrix(
    sentences: list[str] | SentenceIndex, elements: list[str], lexicon: Lexicon, lang: str
) -> np.ndarray:
    """hits[s, e]: number of distinct cue patterns of element e in sentence s."""
    index = sentences if isinstance(sentences, SentenceIndex) else SentenceIndex(sentences)
    hits = np.zeros((len(index.sentences), len(elements)), dtype=np.float32)
    for j, element in enumerate(elements):
        for pattern in lexicon.for_language(element, lang):
            for i in index.matching(pattern):
                hits[i, j] += 1
        if element in DOCUMENT_CUES:
            hits[:, j] += np.asarray(DOCUMENT_CUES[element](index.sentences), dtype=np.float32)
    return hits


def cue_doc_features(hits: np.ndarray) -> np.ndarray:
    """Per element: log(1 + sentences with a cue), the most cues in one sentence, and the cues
    in the first sentence (the title, which alone decides the title items 1a-1g)."""
    if hits.shape[0] == 0:
        return np.zeros((hits.shape[1], 3), dtype=np.float32)
    n_sent = np.log1p((hits > 0).sum(axis=0))
    best = np.log1p(hits.max(axis=0))
    title = np.log1p(hits[0])
    return np.stack([n_sent, best, title], axis=1).astype(np.float32)


ALL_ITEMS_SCALE = 0.3  # shrinks the other items' cue features relative to the item's own


def compile_patterns(patterns: list[str]) -> list[CuePattern]:
    """Compiled cue patterns of one item, with their prefilters."""
    return [CuePattern.compile(p) for p in patterns]


def pattern_counts(index: SentenceIndex, compiled: list[CuePattern]) -> np.ndarray:
    """Per cue pattern: log(1 + number of sentences it matches).

    One feature per pattern (not only the item's total) lets the model learn that some cues
    of an item are reliable and others are noise.
    """
    return np.log1p(np.array([len(index.matching(p)) for p in compiled], dtype=np.float32))


def pattern_block(
    cue_block: np.ndarray, counts: np.ndarray, all_cues: np.ndarray, flag: float
) -> np.ndarray:
    """Features of the pattern model of one item.

    ``cue_block``: the item's kind/cue block; ``counts``: its per-pattern counts;
    ``all_cues``: items x 3 cue features of every item, the first two used (items are
    correlated: a document that reports the blinding details tends to report allocation too).
    """
    return np.concatenate([
        cue_block, counts, counts * flag,
        all_cues[:, 0] * ALL_ITEMS_SCALE, all_cues[:, 1] * ALL_ITEMS_SCALE,
    ]).astype(np.float32)
