"""The shipped element model (checker/evidence/model/): loading and article-level scoring."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from .features import tfidf_vector
from .training import cue_block, kind_flag

MODEL_DIR = Path(__file__).with_name("model")


class ModelMissingError(RuntimeError):
    """The model files are absent: run scripts/train_elements.py."""


@dataclass
class ElementModel:
    items: list[str]
    vocabulary: dict[str, int]
    idf: np.ndarray
    w_text: np.ndarray  # items x (vocabulary + cue block)
    b_text: np.ndarray
    w_cue: np.ndarray  # items x cue block
    b_cue: np.ndarray
    thresholds: np.ndarray
    constant: np.ndarray  # items x 2 (protocol, paper): -1 = use the model, else the answer
    prevalence: np.ndarray  # items x 2 (protocol, paper): share of training articles reporting it
    meta: dict

    @classmethod
    def load(cls, directory: Path = MODEL_DIR) -> ElementModel:
        npz_path, json_path = directory / "elements.npz", directory / "elements.json"
        if not (npz_path.is_file() and json_path.is_file()):
            raise ModelMissingError(
                f"element model not found in {directory}; run scripts/train_elements.py"
            )
        arrays = np.load(npz_path)
        payload = json.loads(json_path.read_text("utf-8"))
        return cls(
            items=payload["items"],
            vocabulary={term: i for i, term in enumerate(payload["vocabulary"])},
            idf=arrays["idf"].astype(np.float32),
            w_text=arrays["w_text"].astype(np.float32),
            b_text=arrays["b_text"],
            w_cue=arrays["w_cue"],
            b_cue=arrays["b_cue"],
            thresholds=arrays["thresholds"],
            constant=arrays["constant"],
            prevalence=arrays["prevalence"],
            meta=payload.get("meta", {}),
        )

    def applies_to(self, item: str, kind: str) -> bool:
        """False for an item no training article of this kind reports (e.g. flow in a protocol)."""
        if item not in self.items:
            return True
        return bool(self.prevalence[self.items.index(item), int(kind_flag(kind))] > 0)

    @property
    def text_weights(self) -> np.ndarray:
        """Vocabulary x items: how much each term speaks for each item (sentence ranking)."""
        return self.w_text[:, : len(self.vocabulary)].T

    def probabilities(
        self, text: str, cue_features: np.ndarray, kind: str, use_text: bool = True
    ) -> tuple[np.ndarray, np.ndarray]:
        """(probability, decision) per item for one document.

        ``cue_features`` is items x 2 (see features.cue_doc_features). ``use_text=False`` scores
        with the cue-only model, used for documents not in English.
        """
        flag = kind_flag(kind)
        x_text = tfidf_vector(text, self.vocabulary, self.idf) if use_text else None
        probs = np.zeros(len(self.items), dtype=np.float32)
        decisions = np.zeros(len(self.items), dtype=bool)
        for j in range(len(self.items)):
            fixed = int(self.constant[j, int(flag)])
            block = cue_block(cue_features[j], flag)
            if fixed >= 0:
                probs[j] = float(fixed)
                decisions[j] = bool(fixed)
                continue
            p_cue = _sigmoid(float(self.w_cue[j] @ block + self.b_cue[j]))
            if x_text is not None:
                z = float(self.w_text[j, : len(x_text)] @ x_text)
                z += float(self.w_text[j, len(x_text) :] @ block + self.b_text[j])
                probs[j] = (p_cue + _sigmoid(z)) / 2
            else:
                probs[j] = p_cue
            decisions[j] = probs[j] >= self.thresholds[j]
        return probs, decisions


def _sigmoid(z: float) -> float:
    return float(1.0 / (1.0 + np.exp(-z)))


@lru_cache(maxsize=1)
def get_model() -> ElementModel:
    return ElementModel.load()
