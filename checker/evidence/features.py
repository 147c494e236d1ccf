"""Features shared by training and inference: tokens, TF-IDF vectors and cue counts.

TF-IDF is computed here (not with a pickled scikit-learn object) so the shipped model is a
small, version-independent array file and inference needs only numpy.
"""

from __future__ import annotations

import math
import re
from collections import Counter

import numpy as np

from .lexicon import Lexicon

_TOKEN = re.compile(r"[a-zà-ÿ][a-zà-ÿ0-9]+|\d+")
_HYPHEN_WRAP = re.compile(r"-\n(?=[a-z])")


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


def cue_matrix(
    sentences: list[str], elements: list[str], lexicon: Lexicon, lang: str
) -> np.ndarray:
    """hits[s, e]: number of distinct cue patterns of element e in sentence s."""
    hits = np.zeros((len(sentences), len(elements)), dtype=np.float32)
    for j, element in enumerate(elements):
        for i, sentence in enumerate(sentences):
            hits[i, j] = lexicon.hits(element, sentence, lang)
    return hits


def cue_doc_features(hits: np.ndarray) -> np.ndarray:
    """Per element: log(1 + sentences with a cue) and the most cues in one sentence."""
    if hits.shape[0] == 0:
        return np.zeros((hits.shape[1], 2), dtype=np.float32)
    n_sent = np.log1p((hits > 0).sum(axis=0))
    best = np.log1p(hits.max(axis=0))
    return np.stack([n_sent, best], axis=1).astype(np.float32)
