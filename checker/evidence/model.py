"""The shipped element model (checker/evidence/model/): loading and article-level scoring."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from .features import (
    SentenceIndex,
    compile_patterns,
    pattern_block,
    pattern_counts,
    tfidf_vector,
)
from .prefilter import CuePattern
from .training import cue_block, kind_flag, model_stem

MODEL_DIR = Path(__file__).with_name("model")


class ModelMissingError(RuntimeError):
    """The model files are absent or unreadable: run scripts/train_elements.py."""


# An invariant's suggestion asks only for the items expected of the document's kind. An item
# that a few training articles of a kind report (SPIRIT's consent materials, item 32, in 1 of
# 70 results papers) is not: otherwise E02 could never be met by a paper. It is still decided
# and shown as detected when found.
EXPECTED_SHARE = 0.05


@dataclass
class ElementModel:
    items: list[str]
    vocabulary: dict[str, int]
    idf: np.ndarray
    w_text: np.ndarray  # items x (vocabulary + cue block)
    b_text: np.ndarray
    w_cue: np.ndarray  # items x cue block
    b_cue: np.ndarray
    thresholds: np.ndarray  # documents in the model's language (text + pattern models)
    constant: np.ndarray  # items x 2 (protocol, paper): -1 = use the model, else the answer
    prevalence: np.ndarray  # items x 2 (protocol, paper): share of training articles reporting it
    meta: dict
    patterns: list[list[str]] = field(default_factory=list)  # cue patterns per item
    w_pattern: list[np.ndarray] = field(default_factory=list)
    b_pattern: np.ndarray | None = None
    thresholds_cue: np.ndarray | None = None  # documents in other languages (cue model)
    compiled: list[list[CuePattern]] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        if not self.compiled:
            self.compiled = [compile_patterns(p) for p in self.patterns]

    @classmethod
    def from_arrays(cls, arrays: dict, meta: dict) -> ElementModel:
        """Build from the arrays of :func:`training.fit` (or of the shipped files)."""
        offsets = arrays["pattern_offsets"]
        w_pattern = [np.asarray(arrays["w_pattern"][offsets[j]:offsets[j + 1]], np.float32)
                     for j in range(len(offsets) - 1)]
        vocabulary = arrays["vocabulary"]
        return cls(
            items=list(arrays["items"]),
            vocabulary={term: i for i, term in enumerate(vocabulary)},
            idf=np.asarray(arrays["idf"], np.float32),
            w_text=np.asarray(arrays["w_text"], np.float32),
            b_text=np.asarray(arrays["b_text"], np.float32),
            w_cue=np.asarray(arrays["w_cue"], np.float32),
            b_cue=np.asarray(arrays["b_cue"], np.float32),
            thresholds=np.asarray(arrays["thresholds"], np.float32),
            constant=np.asarray(arrays["constant"]),
            prevalence=np.asarray(arrays["prevalence"], np.float32),
            meta=meta,
            patterns=[list(p) for p in arrays["patterns"]],
            w_pattern=w_pattern,
            b_pattern=np.asarray(arrays["b_pattern"], np.float32),
            thresholds_cue=np.asarray(arrays["thresholds_cue"], np.float32),
        )

    @property
    def language(self) -> str:
        """The language of the documents it was trained on (its text and cue patterns)."""
        return self.meta.get("language", "en")

    @property
    def decides_by_text(self) -> bool:
        """Whether documents in its language are decided by the text and pattern models (else
        by the cue model alone: chosen at training time, see the model card)."""
        return self.meta.get("decide_by", "text") == "text"

    @classmethod
    def load(cls, directory: Path = MODEL_DIR, lang: str = "en") -> ElementModel:
        stem = model_stem(lang)
        npz_path, json_path = directory / f"{stem}.npz", directory / f"{stem}.json"
        if not (npz_path.is_file() and json_path.is_file()):
            raise ModelMissingError(
                f"element model {stem} not found in {directory}; run scripts/train_elements.py"
            )
        payload = json.loads(json_path.read_text("utf-8"))
        with np.load(npz_path) as npz:
            arrays = {name: npz[name] for name in npz.files}
        if "w_pattern" not in arrays or "patterns" not in payload:
            raise ModelMissingError(
                f"element model in {directory} is from an older version; "
                "run scripts/train_elements.py"
            )
        arrays.update(items=payload["items"], vocabulary=payload["vocabulary"],
                      patterns=payload["patterns"])
        return cls.from_arrays(arrays, payload.get("meta", {}))

    def applies_to(self, item: str, kind: str) -> bool:
        """Whether an item is expected of this kind of document: False for an item fewer than
        EXPECTED_SHARE of the training articles of this kind report (the participant flow in a
        protocol; the consent materials in a results paper, 1 of 70)."""
        if item not in self.items:
            return True
        share = self.prevalence[self.items.index(item), int(kind_flag(kind))]
        return bool(share >= EXPECTED_SHARE)

    @property
    def text_weights(self) -> np.ndarray:
        """Vocabulary x items: how much each term speaks for each item (the pointer sentence
        shown when no sentence holds one of the item's cues)."""
        return self.w_text[:, : len(self.vocabulary)].T

    def pattern_features(self, sentences: list[str] | SentenceIndex) -> list[np.ndarray]:
        """Per item, per stored cue pattern: log(1 + sentences matching it)."""
        index = sentences if isinstance(sentences, SentenceIndex) else SentenceIndex(sentences)
        return [pattern_counts(index, compiled) for compiled in self.compiled]

    def probabilities(
        self, text: str, cue_features: np.ndarray, kind: str, use_text: bool = True,
        sentences: list[str] | SentenceIndex | None = None,
    ) -> tuple[np.ndarray, np.ndarray]:
        """(probability, decision) per item for one document.

        ``cue_features`` is items x 3 (see features.cue_doc_features). ``use_text=False`` scores
        with the cue-only model, used for documents not in the model's language. ``sentences``
        feed the per-pattern features (without them, only the cue model is used).
        """
        counts = self.pattern_features(sentences) if (use_text and sentences is not None) else None
        return self.decide(text if use_text else None, cue_features, counts, kind_flag(kind))

    def decide(
        self, text: str | None, cue_features: np.ndarray,
        counts: list[np.ndarray] | None, flag: float,
    ) -> tuple[np.ndarray, np.ndarray]:
        """Scores from precomputed features; text/pattern models need ``text`` and ``counts``."""
        full = text is not None and counts is not None
        x_text = tfidf_vector(text, self.vocabulary, self.idf) if full else None
        probs = np.zeros(len(self.items), dtype=np.float32)
        decisions = np.zeros(len(self.items), dtype=bool)
        kind_index = int(flag)
        for j in range(len(self.items)):
            fixed = int(self.constant[j, kind_index])
            if fixed >= 0:
                probs[j] = float(fixed)
                decisions[j] = bool(fixed)
                continue
            block = cue_block(cue_features[j], flag)
            if full:
                z = float(self.w_text[j, : len(x_text)] @ x_text)
                z += float(self.w_text[j, len(x_text):] @ block + self.b_text[j])
                x_pat = pattern_block(block, counts[j], cue_features, flag)
                z_pat = float(self.w_pattern[j] @ x_pat + self.b_pattern[j])
                probs[j] = (_sigmoid(z) + _sigmoid(z_pat)) / 2
                threshold = self.thresholds[j]
            else:
                probs[j] = _sigmoid(float(self.w_cue[j] @ block + self.b_cue[j]))
                threshold = self.thresholds_cue[j]
            # An item no training article of this kind reports is not decided "reported".
            decisions[j] = probs[j] >= threshold and self.prevalence[j, kind_index] > 0
        return probs, decisions

    def confidences(self, probs: np.ndarray, use_text: bool = True) -> np.ndarray:
        """Each item's probability as a confidence in the model's decision about it.

        Decision thresholds are fitted per item (0.1 to 0.9), so a raw probability of 19 %
        can mean "reported" for one item and 60 % "not reported" for another. Users read a
        percentage beside a detection as how sure the tool is, so each probability is
        rescaled, piecewise linearly, to put its item's threshold at 50 %: every detection
        then reads at least 50 %, and the order of the documents for an item is unchanged.
        """
        thresholds = self.thresholds if use_text else self.thresholds_cue
        return np.array([decision_confidence(float(p), float(t))
                         for p, t in zip(probs, thresholds, strict=True)], dtype=np.float32)


def decision_confidence(probability: float, threshold: float) -> float:
    """``probability`` mapped to [0, 1] so that ``threshold`` maps to 0.5 (0 and 1 stay)."""
    if probability >= threshold:
        if threshold >= 1.0:
            return 1.0
        return 0.5 + 0.5 * (probability - threshold) / (1.0 - threshold)
    return 0.5 * probability / threshold  # threshold > probability >= 0


def _sigmoid(z: float) -> float:
    return float(1.0 / (1.0 + np.exp(-z)))


@lru_cache(maxsize=4)
def get_model(lang: str = "en") -> ElementModel:
    """The model for documents in ``lang``: the one trained in that language if shipped, else
    the English one (whose cue model then reads the language's cues)."""
    if lang != "en" and (MODEL_DIR / f"{model_stem(lang)}.npz").is_file():
        return ElementModel.load(MODEL_DIR, lang)
    return ElementModel.load(MODEL_DIR)
