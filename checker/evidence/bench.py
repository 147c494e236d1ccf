"""Article-level benchmark of element detection on a SPIRIT-CONSORT-TM-style folder.

An item counts as detected in an article when :func:`detect_elements` emits at least one
(verified) detection for it, so the figures measure exactly what users get, extraction included.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from checker.documents import Document, extract_path

from .detect import detect_elements, detected_elements, normalise_kind
from .kind import guess_document_kind
from .training import load_benchmark


@dataclass
class ItemScore:
    item: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class BenchResult:
    split: str
    documents: int
    items: dict[str, ItemScore] = field(default_factory=dict)
    seconds: float = 0.0
    unverified_quotes: int = 0
    kind_read_right: int = 0  # documents whose kind (protocol or paper) is read from the text
    # (document, item) -> detected, to compare two runs (e.g. from text and from PDF)
    decisions: dict[tuple[str, str], bool] = field(default_factory=dict)

    @property
    def micro(self) -> ItemScore:
        total = ItemScore("all")
        for score in self.items.values():
            total.tp += score.tp
            total.fp += score.fp
            total.fn += score.fn
            total.tn += score.tn
        return total

    @property
    def macro_f1(self) -> float:
        """Mean F1 over items with at least one positive article in the split."""
        scored = [s.f1 for s in self.items.values() if s.tp + s.fn > 0]
        return sum(scored) / len(scored) if scored else 0.0

    @property
    def seconds_per_doc(self) -> float:
        return self.seconds / self.documents if self.documents else 0.0


def run_benchmark(data_dir: str | Path, split: str, lang: str | None = None,
                  read: Callable[[Path], Document] = extract_path) -> BenchResult:
    """Article-level scores of the detector on ``split``; ``lang`` forces the documents'
    language (default: each document's detected language). ``read`` turns an article's file
    into a document (timed with detection): e.g. to read a PDF rendering of it instead."""
    articles = [a for a in load_benchmark(data_dir) if a.split == split]
    if not articles:
        raise ValueError(f"no articles in split {split!r} under {data_dir}")
    result = BenchResult(split=split, documents=len(articles))
    for article in articles:
        started = time.perf_counter()
        doc = read(article.path)
        detections = detect_elements(doc, kind=article.kind, lang=lang or doc.language)
        result.seconds += time.perf_counter() - started
        result.unverified_quotes += sum(1 for d in detections if d.quote not in doc.text)
        guess = guess_document_kind(doc, lang or doc.language)
        result.kind_read_right += bool(guess and guess.kind == normalise_kind(article.kind))
        found = detected_elements(detections)
        for item, label in article.labels.items():
            score = result.items.setdefault(item, ItemScore(item))
            predicted = item in found
            result.decisions[(str(article.path), item)] = predicted
            if predicted and label:
                score.tp += 1
            elif predicted:
                score.fp += 1
            elif label:
                score.fn += 1
            else:
                score.tn += 1
    return result


def format_report(result: BenchResult) -> list[str]:
    lines = [f"split={result.split} documents={result.documents}",
             f"{'item':45s} {'P':>6s} {'R':>6s} {'F1':>6s} {'pos':>4s}"]
    for item in sorted(result.items, key=lambda i: (len(i.split('_')[0]), i)):
        s = result.items[item]
        lines.append(f"{item:45s} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.tp + s.fn:4d}")
    micro = result.micro
    lines.append(f"overall precision={micro.precision:.4f} recall={micro.recall:.4f} "
                 f"unverified_quotes={result.unverified_quotes}")
    lines.append(f"document kind read from the text: {result.kind_read_right}/{result.documents}")
    lines.append(f"micro_f1={micro.f1:.4f} macro_f1={result.macro_f1:.4f} "
                 f"s_per_doc={result.seconds_per_doc:.3f}")
    return lines
