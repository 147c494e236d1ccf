"""What the page "How the suggestions are made" states about the automatic detection: the
trained models' training data (from the shipped models' metadata) and how often they are right
on held-out articles (``checker/evidence/model/measured.yaml``, written from a measurement).
Facts, not wording: the page words them in the interface's language."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from checker.catalogue import Catalogue
from checker.evidence.model import get_model
from checker.yaml_files import load_yaml

MEASURED_PATH = Path(__file__).resolve().parents[1] / "evidence" / "model" / "measured.yaml"


@dataclass(frozen=True)
class HeldOutFigures:
    """Article-level figures of one language's detection on the held-out split."""

    language: str
    micro_f1: float
    macro_f1: float
    precision: float
    recall: float


@dataclass(frozen=True)
class Measurement:
    corpus: str
    citation: str
    licence: str
    split: str
    articles: int
    items: int
    measured_on: date
    target_micro_f1: float
    target_macro_f1: float
    figures: tuple[HeldOutFigures, ...]

    @property
    def targets_reached(self) -> bool:
        return all(f.micro_f1 >= self.target_micro_f1 and f.macro_f1 >= self.target_macro_f1
                   for f in self.figures)


@dataclass(frozen=True)
class TrainedModel:
    language: str
    training_articles: int
    items: int

    @property
    def translated(self) -> bool:
        """Trained on the corpus translated from English (no labelled corpus exists in any
        other language)."""
        return self.language != "en"


@dataclass(frozen=True)
class DetectionFacts:
    measurement: Measurement
    models: tuple[TrainedModel, ...]
    extra_elements: int  # catalogue elements found by their wording alone (no training labels)


@lru_cache(maxsize=1)
def measurement(path: Path = MEASURED_PATH) -> Measurement:
    """The held-out figures as measured; a malformed file is a packaging error (KeyError,
    ValueError or yaml.YAMLError), which the tests catch before a release."""
    with path.open(encoding="utf-8") as handle:
        data = load_yaml(handle)
    measured_on = data["measured_on"]
    return Measurement(
        corpus=str(data["corpus"]), citation=" ".join(str(data["citation"]).split()),
        licence=str(data["licence"]), split=str(data["split"]), articles=int(data["articles"]),
        items=int(data["items"]),
        measured_on=measured_on if isinstance(measured_on, date)
        else date.fromisoformat(str(measured_on)),
        target_micro_f1=float(data["targets"]["micro_f1"]),
        target_macro_f1=float(data["targets"]["macro_f1"]),
        figures=tuple(
            HeldOutFigures(lang, float(row["micro_f1"]), float(row["macro_f1"]),
                           float(row["precision"]), float(row["recall"]))
            for lang, row in data["languages"].items()))


def detection_facts(catalogue: Catalogue) -> DetectionFacts:
    """The facts the page shows, for ``catalogue``'s extra elements."""
    models = []
    for lang in ("en", "fr"):
        meta = get_model(lang).meta
        models.append(TrainedModel(lang, int(meta["documents"]), int(meta["items"])))
    return DetectionFacts(measurement(), tuple(models), len(catalogue.extra_elements))
