"""Train the article-level element model on the TRAIN split and ship it in checker/evidence/model.

Usage: python scripts/train_elements.py [--data DIR] [--split train]

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

from checker.evidence.elements import sctm_items  # noqa: E402
from checker.evidence.model import MODEL_DIR  # noqa: E402
from checker.evidence.training import load_benchmark, save_model, train  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "benchmarks" / "spirit-consort-tm"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--split", default="train")
    parser.add_argument("--out", type=Path, default=MODEL_DIR)
    args = parser.parse_args()
    articles = [a for a in load_benchmark(args.data) if a.split == args.split]
    if not articles:
        print(f"no articles in split {args.split!r} under {args.data}", file=sys.stderr)
        return 1
    started = time.time()
    model = train(articles, sctm_items())
    meta = {
        "training_data": "SPIRIT-CONSORT-TM (Jiang et al., medRxiv 2025), MIT licence",
        "split": args.split,
        "documents": len(articles),
        "items": len(model["items"]),
        "vocabulary": len(model["vocabulary"]),
    }
    save_model(model, args.out, meta)
    print(f"trained on {len(articles)} documents in {time.time() - started:.0f} s -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
