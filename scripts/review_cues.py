"""Review the cue patterns of one item against the train split, with a held-out half.

Usage: python scripts/review_cues.py [--lang en|fr] [--data DIR] COMMAND ITEM ...

  fp ITEM [-n N]                 half-A articles wrongly decided "reported", with cue sentences
  tp ITEM [-n N]                 half-A articles rightly decided "reported", with cue sentences
  fn ITEM [--probe REGEX] [-n N] half-A articles labelled reported but decided not, with their
                                 sentences matching REGEX (default: the item's cues)
  grep ITEM REGEX [-n N]         in how many half-A articles reporting / not reporting ITEM a
                                 sentence matches REGEX, with examples of both
  eval ITEM FILE.yaml            nested cross-validated errors of ITEM with the lexicon's
                                 patterns and with FILE's (`ITEM: {en: [...]}`, or `fr:` with
                                 --lang fr), split by half, for fold seeds 0 and 1

The train split is cut in two halves by trial: A (odd pair ids) is the half one reads, B (even)
is never shown, only counted by ``eval``. The protocol of the fifth model release: a change is
kept when, summed over both seeds, errors fall by at least 4 and B's errors do not rise (see the
model card). Decisions are those of the shipped model's training procedure, item by item
(``training.fit_item``), with the document TF-IDF fitted on each outer training part; in a
language whose shipped model decides by its cue model alone (French), the cue model's.
With ``--lang fr`` the folder is the French translation of the corpus and the French cue
patterns are reviewed.
Results are cached under ``--cache`` (the corpus features per lexicon version).

Training data: SPIRIT-CONSORT-TM (Jiang et al., medRxiv 2025; MIT licence), `train` split only.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import pickle
import re
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmark_folders import DEFAULT_DATA  # noqa: E402

from checker.documents import extract_path  # noqa: E402
from checker.evidence.elements import sctm_items  # noqa: E402
from checker.evidence.features import (  # noqa: E402
    SentenceIndex,
    compile_patterns,
    cue_doc_features,
    cue_matrix,
    matching_sentences,
    pattern_counts,
)
from checker.evidence.lexicon import LEXICON_PATH, Lexicon, get_lexicon  # noqa: E402
from checker.evidence.model import ElementModel  # noqa: E402
from checker.evidence.prefilter import CuePattern  # noqa: E402
from checker.evidence.training import (  # noqa: E402
    FOLDS,
    Corpus,
    cue_patterns,
    fit_item,
    group_folds,
    item_features,
    kind_shares,
    learnable,
    load_benchmark,
    prepare,
    tfidf_vectorizer,
)

DEFAULT_CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "npis-checker"
SEEDS = (0, 1)


class Review:
    """The train split's features, TF-IDF per outer fold and sentences, cached on disk."""

    def __init__(self, data: Path, cache: Path, lang: str = "en") -> None:
        self.articles = [a for a in load_benchmark(data) if a.split == "train"]
        self.items = sctm_items()
        self.lang = lang
        self.by_text = ElementModel.load(lang=lang).decides_by_text
        cache.mkdir(parents=True, exist_ok=True)
        lexicon_key = hashlib.sha256(LEXICON_PATH.read_bytes()).hexdigest()[:12]
        data_key = hashlib.sha256(str(data.resolve()).encode()).hexdigest()[:12]
        self.sentences: list[list[str]] = _cached(
            cache / f"sentences-{data_key}.pkl",
            lambda: [matching_sentences(extract_path(a.path)) for a in self.articles])
        self.corpus: Corpus = _cached(
            cache / f"corpus-{data_key}-{lexicon_key}.pkl",
            lambda: prepare(self.articles, self.items, cue_patterns(self.items, lang), lang))
        self.tfidf = _cached(cache / f"tfidf-{data_key}.pkl", self._tfidf)
        self.indexes = [SentenceIndex(s) for s in self.sentences]
        self.half_a = np.array([p % 2 == 1 for p in self.corpus.pairs])
        self.decisions, self.probabilities = _cached(
            cache / f"decisions-{data_key}-{lexicon_key}.pkl", self._all_items)

    def _tfidf(self) -> dict:
        folds = {seed: group_folds(self.corpus.pairs, seed=seed) for seed in SEEDS}
        matrices = {}
        for seed, fold in folds.items():
            for g in range(FOLDS):
                train, test = np.where(fold != g)[0], np.where(fold == g)[0]
                vectorizer = tfidf_vectorizer()
                x_train = vectorizer.fit_transform([self.corpus.texts[r] for r in train])
                x_test = vectorizer.transform([self.corpus.texts[r] for r in test])
                matrices[seed, g] = (train, test, x_train.tocsr(), x_test.tocsr())
        return matrices

    def _all_items(self) -> tuple[np.ndarray, np.ndarray]:
        """Seed-0 nested decisions and scores of every item (for fp / tp / fn)."""
        decisions = np.zeros(self.corpus.y.shape, dtype=bool)
        scores = np.zeros(self.corpus.y.shape)
        for j in range(len(self.items)):
            decisions[:, j], scores[:, j] = self.nested(self.corpus, j, 0)
        return decisions, scores

    def nested(self, corpus: Corpus, j: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
        """Out-of-fold decisions and scores of item ``j``, as training.fit would make them."""
        decided = np.zeros(len(corpus.texts), dtype=bool)
        scores = np.zeros(len(corpus.texts))
        for g in range(FOLDS):
            train, test, x_train, x_test = self.tfidf[seed, g]
            y, flags = corpus.y[train, j], corpus.flags[train]
            reported = kind_shares(y, flags)
            applies = np.array([reported[int(corpus.flags[r])] > 0 for r in test])
            if not learnable(y):
                decided[test] = np.array([reported[int(corpus.flags[r])] >= 0.5 for r in test])
                continue
            x_cue, x_pat = item_features(corpus, train, j)
            models = fit_item(x_train, x_cue, x_pat, y, group_folds(corpus.pairs[train]))
            test_cue, test_pat = item_features(corpus, test, j)
            if self.by_text:
                scores[test] = models.probability(x_test, test_cue, test_pat)
                threshold = models.threshold
            else:
                scores[test] = models.cue.predict_proba(test_cue)[:, 1]
                threshold = models.threshold_cue
            decided[test] = (scores[test] >= threshold) & applies
        return decided, scores

    def with_patterns(self, j: int, patterns: list[str]) -> Corpus:
        """The corpus with item ``j``'s cue features computed from ``patterns``."""
        item = self.items[j]
        lexicon = Lexicon({item: {self.lang: patterns}})
        compiled = compile_patterns(patterns)
        cues = self.corpus.cues.copy()
        counts = [list(c) for c in self.corpus.counts]
        for r, index in enumerate(self.indexes):
            cues[r, j] = cue_doc_features(cue_matrix(index, [item], lexicon, self.lang))[0]
            counts[r][j] = pattern_counts(index, compiled)
        return replace(self.corpus, cues=cues, counts=counts)

    def errors(self, corpus: Corpus, j: int) -> str:
        y = corpus.y[:, j] == 1
        parts = []
        for seed in SEEDS:
            decided = self.nested(corpus, j, seed)[0]
            wrong = decided != y
            in_a, in_b = wrong[self.half_a].sum(), wrong[~self.half_a].sum()
            parts.append(f"s{seed}: errA={in_a} errB={in_b}"
                         f" (fp {(decided & ~y).sum()} fn {(~decided & y).sum()})")
        return "  ".join(parts)


def _cached(path: Path, compute):
    if path.is_file():
        with path.open("rb") as handle:
            return pickle.load(handle)
    value = compute()
    with path.open("wb") as handle:
        pickle.dump(value, handle)
    return value


def _show(review: Review, r: int, j: int, lines: list[tuple[int, str, str]], limit: int) -> None:
    article = review.articles[r]
    print(f"=== {article.kind} pair {article.pair_id} label={review.corpus.y[r, j]} "
          f"p={review.probabilities[r, j]:.2f} ({len(review.sentences[r])} sentences)")
    for i, sentence, pattern in lines[:limit]:
        print(f"   [{i}] {sentence[:300]}" + (f"   <- {pattern[:40]}" if pattern else ""))


def _cue_sentences(review: Review, r: int, item: str) -> list[tuple[int, str, str]]:
    patterns = get_lexicon().for_language(item, review.lang)
    found = []
    for i, sentence in enumerate(review.sentences[r]):
        hit = next((p.regex.pattern for p in patterns if p.regex.search(sentence)), None)
        if hit:
            found.append((i, sentence, hit))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=sorted(DEFAULT_DATA), default="en")
    parser.add_argument("--data", type=Path, help="labelled folder (default: by language)")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE / "review_cues")
    parser.add_argument("command", choices=["fp", "tp", "fn", "grep", "eval"])
    parser.add_argument("item")
    parser.add_argument("argument", nargs="?", help="REGEX for grep, FILE.yaml for eval")
    parser.add_argument("--probe", help="fn: show the sentences matching this regex")
    parser.add_argument("-n", type=int, default=15, help="articles shown")
    args = parser.parse_args()
    review = Review(args.data or DEFAULT_DATA[args.lang], args.cache, args.lang)
    if args.item not in review.items:
        parser.error(f"unknown item {args.item!r}")
    j = review.items.index(args.item)
    y = review.corpus.y[:, j]
    half_a = np.where(review.half_a)[0]
    if args.command in ("fp", "tp", "fn"):
        wanted = {"fp": (True, 0), "tp": (True, 1), "fn": (False, 1)}[args.command]
        rows = [r for r in half_a if (review.decisions[r, j], y[r]) == wanted]
        print(f"{len(rows)} articles")
        probe = re.compile(args.probe, re.IGNORECASE) if args.probe else None
        for r in rows[: args.n]:
            if probe:
                lines = [(i, s, "") for i, s in enumerate(review.sentences[r]) if probe.search(s)]
            else:
                lines = _cue_sentences(review, r, args.item)
            _show(review, r, j, lines, 8)
    elif args.command == "grep":
        if not args.argument:
            parser.error("grep needs a REGEX")
        pattern = CuePattern.compile(args.argument)
        for label, name in ((1, "REPORTED"), (0, "NOT REPORTED")):
            rows = [r for r in half_a if y[r] == label]
            hits = [r for r in rows
                    if any(pattern.regex.search(s) for s in review.sentences[r])]
            print(f"{name}: matches in {len(hits)} of {len(rows)} half-A articles")
            for r in hits[: args.n // 2]:
                i, sentence = next((i, s) for i, s in enumerate(review.sentences[r])
                                   if pattern.regex.search(s))
                article = review.articles[r]
                print(f"  {article.kind} {article.pair_id} [{i}] {sentence[:260]}")
    else:
        import yaml

        if not args.argument:
            parser.error("eval needs a FILE.yaml")
        proposed = yaml.safe_load(Path(args.argument).read_text("utf-8"))[args.item][args.lang]
        current = [p.regex.pattern for p in get_lexicon().for_language(args.item, args.lang)]
        print("current :", review.errors(review.with_patterns(j, current), j))
        print("proposed:", review.errors(review.with_patterns(j, proposed), j))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
