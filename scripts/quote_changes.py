"""Which first quotations of the invariants' suggestions a change moves, on the train split.

Usage:
  python scripts/quote_changes.py snapshot OUT.json [--lang en|fr] [--data DIR]
                                  [--study-type interventional]
  python scripts/quote_changes.py diff OLD.json NEW.json [--invariants E04 E13 ...]
                                  [--sample N --seed S --cases CASES.md --key KEY.json]

``snapshot`` writes, for every train article, each suggestion's answer and first quotation
(with its section) for the study type's invariants (the 14 ethical ones and its own).
``diff`` counts the first quotations (and answers) that differ between two snapshots, per
invariant, and with ``--sample`` draws changed first quotations at random for a blind
judgement: ``CASES.md`` shows each case's invariant and the two quotations as A and B in a
random order, ``KEY.json`` says which one is the new one (read it only after judging).
See "Which sentence is quoted" in checker/evidence/model/MODEL_CARD.md.

Train split only: the valid split's documents are never read.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmark_folders import DEFAULT_DATA  # noqa: E402

from checker.catalogue import get_catalogue, pick  # noqa: E402
from checker.documents import extract_path  # noqa: E402
from checker.evidence.detect import detect_elements  # noqa: E402
from checker.evidence.suggest import suggest_answers  # noqa: E402
from checker.evidence.training import load_benchmark  # noqa: E402

SPLIT = "train"


def snapshot(out: Path, lang: str, data: Path, study_type: str) -> None:
    catalogue = get_catalogue()
    result: dict[str, dict] = {}
    for article in load_benchmark(data):
        if article.split != SPLIT:
            continue
        document = extract_path(article.path)
        detections = detect_elements(document, kind=article.kind, lang=lang)
        suggestions = suggest_answers(catalogue, study_type, detections, lang,
                                      document=document, kind=article.kind)
        result[article.path.name] = {
            invariant: {"answer": s.answer,
                        "details_missing": s.details_missing,
                        "first": (s.quotations[0].text if s.quotations else ""),
                        "section": (s.quotations[0].section if s.quotations else ""),
                        "element": (s.quotations[0].element if s.quotations else "")}
            for invariant, s in suggestions.items()}
    out.write_text(json.dumps({"lang": lang, "study_type": study_type, "articles": result},
                              ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{out}: {len(result)} train articles")


def diff(old_path: Path, new_path: Path, invariants: list[str] | None, sample: int,
         seed: int, cases_path: Path | None, key_path: Path | None) -> None:
    old, new = (json.loads(p.read_text(encoding="utf-8")) for p in (old_path, new_path))
    lang = new["lang"]
    catalogue = get_catalogue()
    changed: list[tuple[str, str]] = []
    total = 0
    per_invariant: dict[str, list[int]] = {}
    for name, suggestions in new["articles"].items():
        for invariant, now in suggestions.items():
            if invariants and invariant not in invariants:
                continue
            before = old["articles"][name][invariant]
            total += 1
            counts = per_invariant.setdefault(invariant, [0, 0])
            if before["first"] != now["first"]:
                counts[0] += 1
                changed.append((name, invariant))
            if before["answer"] != now["answer"]:
                counts[1] += 1
                print(f"answer {invariant} {name}: {before['answer']} -> {now['answer']}")
    print(f"{lang}: {len(changed)} of {total} first quotations changed")
    for invariant, (quotes, answers) in sorted(per_invariant.items()):
        if quotes or answers:
            print(f"  {invariant}: {quotes} first quotations, {answers} answers")
    if not sample:
        return
    rng = random.Random(seed)
    drawn = rng.sample(changed, min(sample, len(changed)))
    lines, key = [], {}
    for number, (name, invariant) in enumerate(drawn, 1):
        before = old["articles"][name][invariant]
        now = new["articles"][name][invariant]
        new_is_a = rng.random() < 0.5
        first, second = (now, before) if new_is_a else (before, now)
        title = pick(catalogue.invariant(invariant).title, lang)
        statement = pick(catalogue.invariant(invariant).statement, lang)
        lines += [f"## Case {number}: {invariant} {title}", "", f"Invariant: {statement}", "",
                  f"A: {' '.join(first['first'].split()) or '(no quotation)'}", "",
                  f"B: {' '.join(second['first'].split()) or '(no quotation)'}", ""]
        key[str(number)] = {"new": "A" if new_is_a else "B", "article": name,
                            "invariant": invariant}
    if cases_path:
        cases_path.write_text("\n".join(lines), encoding="utf-8")
    if key_path:
        key_path.write_text(json.dumps(key, indent=1), encoding="utf-8")
    print(f"{len(drawn)} cases drawn")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    take = commands.add_parser("snapshot")
    take.add_argument("out", type=Path)
    take.add_argument("--lang", choices=("en", "fr"), default="en")
    take.add_argument("--data", type=Path)
    take.add_argument("--study-type", default="interventional")
    compare = commands.add_parser("diff")
    compare.add_argument("old", type=Path)
    compare.add_argument("new", type=Path)
    compare.add_argument("--invariants", nargs="*")
    compare.add_argument("--sample", type=int, default=0)
    compare.add_argument("--seed", type=int, default=0)
    compare.add_argument("--cases", type=Path)
    compare.add_argument("--key", type=Path)
    args = parser.parse_args()
    if args.command == "snapshot":
        snapshot(args.out, args.lang, args.data or DEFAULT_DATA[args.lang], args.study_type)
    else:
        diff(args.old, args.new, args.invariants, args.sample, args.seed, args.cases, args.key)


if __name__ == "__main__":
    main()
