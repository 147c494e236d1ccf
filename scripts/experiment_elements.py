"""Compare decision rules of the element model, and bound what thresholds alone could reach.

Usage: python scripts/experiment_elements.py [--data DIR] [--lang en|fr] [--seeds 0 1 2]
       [--eval-split valid]

1. Nested cross-validation on the `train` split (5 folds grouped by protocol/results pair,
   repeated for each seed): each outer fold fits the model as shipped, then its per-item
   thresholds are chosen again, on the same out-of-fold probabilities, by other criteria.
   These are the figures of the model card's "decision rules" rows.
2. Ceiling, with --eval-split: the shipped model's probabilities on that split, with per-item
   thresholds chosen on the split's own labels. No rule that picks thresholds without those
   labels can do better with these probabilities, so it bounds what threshold tuning can
   give; it is **not** a held-out figure.

Training data: SPIRIT-CONSORT-TM (Jiang et al., medRxiv 2025; MIT licence).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmark_folders import DEFAULT_DATA  # noqa: E402

from checker.evidence.elements import sctm_items  # noqa: E402
from checker.evidence.model import ElementModel  # noqa: E402
from checker.evidence.training import (  # noqa: E402
    THRESHOLDS,
    binary_f1,
    cue_patterns,
    f1_plus_accuracy,
    fit,
    group_folds,
    load_benchmark,
    micro_macro,
    prepare,
)

FINE = np.linspace(0.0, 1.0, 101)

Rule = Callable[[np.ndarray, np.ndarray], float]


def _best(grid: np.ndarray, score: Callable[[float], float]) -> float:
    return float(max(grid, key=score))


RULES: dict[str, Rule] = {
    "F1 + accuracy (shipped)": lambda y, p: _best(THRESHOLDS, lambda t: f1_plus_accuracy(y, p, t)),
    "F1 only": lambda y, p: _best(THRESHOLDS, lambda t: binary_f1(y, p >= t)),
    "F1 + 2 x accuracy": lambda y, p: _best(
        THRESHOLDS, lambda t: binary_f1(y, p >= t) + 2 * float(np.mean((p >= t) == y))),
    "accuracy only": lambda y, p: _best(THRESHOLDS, lambda t: float(np.mean((p >= t) == y))),
    "fixed 0.5": lambda y, p: 0.5,
}


def decide(model: ElementModel, probs: np.ndarray, flag: float, thresholds: np.ndarray):
    """The model's decision rule (majority items, items a kind never reports) at ``thresholds``."""
    kind = int(flag)
    decided = (probs >= thresholds) & (model.prevalence[:, kind] > 0)
    fixed = model.constant[:, kind]
    return np.where(fixed >= 0, fixed == 1, decided)


def nested_cv(corpus, items: list[str], patterns: list[list[str]], seed: int) -> dict:
    folds = group_folds(corpus.pairs, seed=seed)
    decisions = {name: np.zeros(corpus.y.shape, dtype=bool) for name in RULES}
    for g in np.unique(folds):
        test, rows = np.where(folds == g)[0], np.where(folds != g)[0]
        arrays = fit(corpus, rows, items, patterns)
        model = ElementModel.from_arrays(arrays, {})
        y_rows, oof = corpus.y[rows], arrays["oof"]
        probs = {r: model.decide(corpus.texts[r], corpus.cues[r], corpus.counts[r],
                                 corpus.flags[r])[0] for r in test}
        for name, rule in RULES.items():
            thresholds = np.array([
                rule(y_rows[:, j], oof[:, j]) if not np.isnan(oof[0, j]) else 0.5
                for j in range(len(items))
            ])
            for r in test:
                decisions[name][r] = decide(model, probs[r], corpus.flags[r], thresholds)
    return {name: micro_macro(corpus.y, d) for name, d in decisions.items()}


def ceiling(corpus, model: ElementModel) -> dict[str, tuple[float, float]]:
    probs = np.array([
        model.decide(corpus.texts[r], corpus.cues[r], corpus.counts[r], corpus.flags[r])[0]
        for r in range(len(corpus.texts))
    ])

    def decisions_at(thresholds: np.ndarray) -> np.ndarray:
        return np.array([decide(model, probs[r], corpus.flags[r], thresholds)
                         for r in range(len(corpus.texts))])

    def fitted_on_split(score: Callable[[np.ndarray, np.ndarray], float]) -> np.ndarray:
        return decisions_at(np.array([
            _best(FINE, lambda t, j=j: score(corpus.y[:, j], probs[:, j] >= t))
            for j in range(corpus.y.shape[1])
        ]))

    return {
        "shipped thresholds": micro_macro(corpus.y, decisions_at(model.thresholds)),
        "thresholds fitted on the split, F1 + accuracy": micro_macro(corpus.y, fitted_on_split(
            lambda y, d: binary_f1(y, d) + float(np.mean(d == y)))),
        "thresholds fitted on the split, 2TP - FP - FN": micro_macro(corpus.y, fitted_on_split(
            lambda y, d: float(2 * (d & (y == 1)).sum() - (d != (y == 1)).sum()))),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="labelled folder (default: by language)")
    parser.add_argument("--lang", choices=sorted(DEFAULT_DATA), default="en")
    parser.add_argument("--seeds", type=int, nargs="+", default=[0])
    parser.add_argument("--eval-split", help="also measure the threshold ceiling on this split")
    args = parser.parse_args()
    articles = load_benchmark(args.data or DEFAULT_DATA[args.lang])
    items = sctm_items()
    patterns = cue_patterns(items, args.lang)
    train = [a for a in articles if a.split == "train"]
    corpus = prepare(train, items, patterns, args.lang)
    print(f"nested CV on train ({len(train)} articles), micro_f1 / macro_f1 per fold seed")
    results = [nested_cv(corpus, items, patterns, seed) for seed in args.seeds]
    for name in RULES:
        figures = "  ".join(f"{r[name][0]:.4f} / {r[name][1]:.4f}" for r in results)
        print(f"  {name:28s} {figures}")
    if args.eval_split:
        held = [a for a in articles if a.split == args.eval_split]
        model = ElementModel.load(lang=args.lang)
        print(f"ceiling on {args.eval_split} ({len(held)} articles; not a held-out figure)")
        held_corpus = prepare(held, items, model.patterns, args.lang)
        for name, (micro, macro) in ceiling(held_corpus, model).items():
            print(f"  {name:48s} micro_f1={micro:.4f} macro_f1={macro:.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
