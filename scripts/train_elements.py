"""Train the article-level element model on the TRAIN split and ship it in checker/evidence/model.

Usage: python scripts/train_elements.py [--data DIR] [--split train] [--lang en|fr] [--cv]

With --cv, first reports nested 5-fold cross-validation on the training split (folds grouped by
protocol/results pair) and records those figures in the model metadata. ``--lang fr`` trains the
model for French documents (elements_fr.*) on a French folder, by default the French
translation of the corpus in benchmarks/spirit-consort-tm-fr.

Training data: SPIRIT-CONSORT-TM (Jiang et al., medRxiv 2025; MIT licence), the `train` split
only, so figures reported on `valid` come from a model that never saw `valid`.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmark_folders import DEFAULT_DATA  # noqa: E402

from checker.evidence.elements import sctm_items  # noqa: E402
from checker.evidence.model import MODEL_DIR  # noqa: E402
from checker.evidence.training import (  # noqa: E402
    cross_validate,
    load_benchmark,
    save_model,
    train,
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="labelled folder (default: by language)")
    parser.add_argument("--split", default="train")
    parser.add_argument("--lang", choices=sorted(DEFAULT_DATA), default="en",
                        help="language of the folder's documents, and of the model")
    parser.add_argument("--out", type=Path, default=MODEL_DIR)
    parser.add_argument("--cv", action="store_true", help="also report train cross-validation")
    parser.add_argument("--decide-by", choices=["text", "cue"], default=None,
                        help="what decides documents in the model's language: the text and "
                        "pattern models, or the cue model alone (default: text for English, "
                        "cue for French; see the model card)")
    args = parser.parse_args()
    data = args.data or DEFAULT_DATA[args.lang]
    decide_by = args.decide_by or ("text" if args.lang == "en" else "cue")
    articles = [a for a in load_benchmark(data) if a.split == args.split]
    if not articles:
        print(f"no articles in split {args.split!r} under {data}", file=sys.stderr)
        return 1
    started = time.time()
    cv = None
    if args.cv:
        cv = cross_validate(articles, sctm_items(), lang=args.lang, decide_by=decide_by)
        print(f"train CV ({cv['folds']} folds grouped by pair, {cv['documents']} articles): "
              f"micro_f1={cv['micro_f1']:.4f} macro_f1={cv['macro_f1']:.4f}")
    model = train(articles, sctm_items(), args.lang)
    meta = {
        "training_data": "SPIRIT-CONSORT-TM (Jiang et al., medRxiv 2025), MIT licence"
        + ("" if args.lang == "en" else f", translated ({data.name})"),
        "split": args.split,
        "documents": len(articles),
        "items": len(model["items"]),
        "vocabulary": len(model["vocabulary"]),
        "decide_by": decide_by,
    }
    if cv is not None:
        meta["train_cv"] = {key: round(value, 4) if isinstance(value, float) else value
                            for key, value in cv.items()}
    save_model(model, args.out, meta, args.lang)
    print(f"trained on {len(articles)} documents in {time.time() - started:.0f} s -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
