"""Training of the article-level element model from a SPIRIT-CONSORT-TM-style folder.

Per item, three logistic regressions:
- text model: document TF-IDF plus the item's cue counts;
- pattern model: one feature per cue pattern of the item (x document kind) plus the cue counts
  of every item (items are correlated);
- cue model: the item's cue counts alone, used for documents in a language the model was
  not trained in (whose cue patterns differ, so per-pattern weights do not transfer).
Documents in the model's language average the text and pattern models. One model is trained
per language with a labelled folder: English (the corpus) and French (its translation).
Decision thresholds are chosen on out-of-fold predictions, with folds grouped by
protocol/results pair so that the two articles of one trial never sit on both sides of a split.
Items with fewer than three training articles of either class answer the per-kind majority.
:func:`cross_validate` gives honest (nested) figures on the training split.
"""

from __future__ import annotations

import json
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from checker.documents import FORMATS, extract_path

from .features import (
    SentenceIndex,
    compile_patterns,
    cue_doc_features,
    cue_matrix,
    evidence_text,
    matching_sentences,
    pattern_block,
    pattern_counts,
    tokens,
)
from .lexicon import get_lexicon

MIN_CLASS = 3
TFIDF_FEATURES = 6000
THRESHOLDS = np.linspace(0.1, 0.9, 17)
FOLDS = 5
C_TEXT, C_PATTERN, C_CUE = 1.0, 1.0, 0.3


@dataclass
class Article:
    kind: str  # "protocol" | "results" (as in labels.csv)
    pair_id: int
    pmcid: str
    path: Path
    split: str
    labels: dict[str, int]


def load_benchmark(data_dir: str | Path) -> list[Article]:
    """Articles of a folder laid out like spirit-consort-tm (documents/<kind>/NNN_PMCID.txt)."""
    import csv

    data_dir = Path(data_dir)
    labels_path = data_dir / "labels.csv"
    if not labels_path.is_file():
        raise FileNotFoundError(f"{labels_path} not found")
    articles: dict[tuple[str, int], Article] = {}
    try:
        with labels_path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [name for name in LABEL_COLUMNS if name not in (reader.fieldnames or [])]
            if missing:
                raise ValueError(f"{labels_path}: missing column(s) {', '.join(missing)} "
                                 f"(expected {','.join(LABEL_COLUMNS)})")
            for row in reader:
                kind, pair_id, reported = _label_row(row, f"{labels_path}:{reader.line_num}")
                key = (kind, pair_id)
                if key not in articles:
                    stem = f"{pair_id:03d}_{row['pmcid']}"
                    path = _document_path(data_dir / "documents" / kind, stem)
                    articles[key] = Article(kind, pair_id, row["pmcid"], path, row["split"], {})
                articles[key].labels[row["item"]] = reported
    except UnicodeDecodeError as exc:
        raise ValueError(f"{labels_path}: not UTF-8 text ({exc.reason} at byte {exc.start})") \
            from exc
    return [articles[key] for key in sorted(articles)]


LABEL_COLUMNS = ("kind", "pair_id", "pmcid", "item", "reported", "split")


def _label_row(row: dict[str, str | None], where: str) -> tuple[str, int, int]:
    """(kind, pair id, reported) of a labels.csv row, or ValueError naming its line."""
    if any(row.get(name) is None for name in LABEL_COLUMNS):
        raise ValueError(f"{where}: expected {len(LABEL_COLUMNS)} values "
                         f"({','.join(LABEL_COLUMNS)})")
    pair_id, reported = (row["pair_id"] or "").strip(), (row["reported"] or "").strip()
    if not pair_id.isdigit():
        raise ValueError(f"{where}: pair_id {pair_id!r} is not a whole number")
    if reported not in ("0", "1"):
        raise ValueError(f"{where}: reported {reported!r} is not 0 or 1")
    return str(row["kind"]), int(pair_id), int(reported)


def _document_path(folder: Path, stem: str) -> Path:
    """``<stem>.txt``, or the same name in another format the application reads (a folder of
    one's own labelled PDFs, DOCX or ODT works as well as the corpus's text files)."""
    text = folder / f"{stem}.txt"
    if text.is_file():
        return text
    for extension in FORMATS:
        candidate = folder / f"{stem}{extension}"
        if candidate.is_file():
            return candidate
    return text  # missing: reading it reports the name expected


def kind_flag(kind: str) -> float:
    """1 for a results paper, 0 for a protocol."""
    return 1.0 if kind in ("results", "paper") else 0.0


def cue_block(cue: np.ndarray, flag: float) -> np.ndarray:
    """Model features from one item's cue features: kind, cues and cues x kind."""
    return np.concatenate([[flag], cue, cue * flag]).astype(np.float32)


def cue_patterns(items: list[str], lang: str = "en") -> list[list[str]]:
    """The lexicon's cue patterns per item in ``lang`` (stored in the model, which is then
    self-contained: editing lexicon.yaml cannot silently shift the pattern features)."""
    lexicon = get_lexicon()
    return [[p.regex.pattern for p in lexicon.for_language(item, lang)] for item in items]


@dataclass
class Corpus:
    """Per-article features that do not depend on the training rows."""

    texts: list[str]
    flags: np.ndarray  # 1 = results paper
    pairs: np.ndarray
    y: np.ndarray  # articles x items
    cues: np.ndarray  # articles x items x 3
    counts: list[list[np.ndarray]]  # [article][item] per-pattern counts


def prepare(articles: list[Article], items: list[str], patterns: list[list[str]],
            lang: str = "en") -> Corpus:
    """Features of ``articles``, whose cues are read in ``lang`` (the patterns' language)."""
    lexicon = get_lexicon()
    compiled = [compile_patterns(p) for p in patterns]
    texts, cues, counts = [], [], []
    for article in articles:
        doc = extract_path(article.path)
        index = SentenceIndex(matching_sentences(doc))
        texts.append(evidence_text(doc))
        cues.append(cue_doc_features(cue_matrix(index, items, lexicon, lang)))
        counts.append([pattern_counts(index, c) for c in compiled])
    return Corpus(
        texts=texts,
        flags=np.array([kind_flag(a.kind) for a in articles]),
        pairs=np.array([a.pair_id for a in articles]),
        y=np.array([[a.labels[i] for i in items] for a in articles]),
        cues=np.array(cues),
        counts=counts,
    )


def group_folds(pairs: np.ndarray, k: int = FOLDS, seed: int = 0) -> np.ndarray:
    """Fold id per article; both articles of a pair share a fold."""
    unique = sorted(set(pairs.tolist()))
    np.random.RandomState(seed).shuffle(unique)
    fold_of = {p: i % k for i, p in enumerate(unique)}
    return np.array([fold_of[p] for p in pairs.tolist()])


def binary_f1(y: np.ndarray, d: np.ndarray) -> float:
    """F1 of boolean decisions ``d`` against 0/1 labels ``y`` (0 without a true positive)."""
    tp = int((d & (y == 1)).sum())
    wrong = int((d & (y == 0)).sum() + (~d & (y == 1)).sum())
    return 2 * tp / (2 * tp + wrong) if tp else 0.0


def micro_macro(y: np.ndarray, decisions: np.ndarray) -> tuple[float, float]:
    """Article-level micro-F1 and macro-F1 (over items with a positive), as the benchmark."""
    per_item = [binary_f1(y[:, j], decisions[:, j]) for j in range(y.shape[1]) if y[:, j].any()]
    return binary_f1(y.ravel(), decisions.ravel()), float(np.mean(per_item))


def f1_plus_accuracy(y: np.ndarray, p: np.ndarray, threshold: float) -> float:
    """The threshold criterion: F1 alone over-predicts frequent items, which costs micro-F1."""
    decided = p >= threshold
    return binary_f1(y, decided) + float(np.mean(decided == y))


def _fit_threshold(y: np.ndarray, p: np.ndarray) -> float:
    return float(max(THRESHOLDS, key=lambda t: f1_plus_accuracy(y, p, t)))


def _logreg(c: float):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, class_weight="balanced", max_iter=3000)


def _fit_predict(c: float, x_train, y: np.ndarray, x_test):
    if y.min() == y.max():
        return None, np.full(x_test.shape[0], float(y[0]))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = _logreg(c).fit(x_train, y)
    return model, model.predict_proba(x_test)[:, 1]


def kind_shares(y: np.ndarray, flags: np.ndarray) -> np.ndarray:
    """Share of the protocols and of the results papers reporting an item (0 for a kind with
    no article)."""
    return np.array([y[flags == k].mean() if (flags == k).any() else 0.0 for k in (0, 1)])


def learnable(y: np.ndarray) -> bool:
    """Whether an item has enough articles of each class to fit a model (else majority rule)."""
    return min(y.sum(), len(y) - y.sum()) >= MIN_CLASS


def tfidf_vectorizer():
    """The document TF-IDF of the text model (unfitted)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(
        analyzer=tokens, sublinear_tf=True, min_df=3, max_features=TFIDF_FEATURES
    )


def item_features(corpus: Corpus, rows: np.ndarray, j: int) -> tuple[np.ndarray, np.ndarray]:
    """Item ``j``'s features for the articles ``rows``: cue block (cue model) and pattern block
    (pattern model)."""
    flags = corpus.flags[rows]
    x_cue = np.array([cue_block(corpus.cues[r][j], f) for r, f in zip(rows, flags, strict=True)])
    x_pat = np.array([
        pattern_block(xc, corpus.counts[r][j], corpus.cues[r], f)
        for xc, r, f in zip(x_cue, rows, flags, strict=True)
    ])
    return x_cue, x_pat


@dataclass
class ItemModels:
    """One item's three fitted regressions and the thresholds chosen on out-of-fold scores."""

    text: Any  # on the document TF-IDF plus the cue block
    pattern: Any
    cue: Any
    threshold: float  # for the average of the text and pattern models (the model's language)
    threshold_cue: float  # for the cue model alone (other languages)
    oof: np.ndarray  # out-of-fold averaged probabilities the threshold was chosen on

    def probability(self, x_text, x_cue: np.ndarray, x_pat: np.ndarray) -> np.ndarray:
        """Decision score in the model's language: the mean of the text and pattern models."""
        from scipy import sparse

        x_both = sparse.hstack([x_text, sparse.csr_matrix(x_cue)]).tocsr()
        return (self.text.predict_proba(x_both)[:, 1] + self.pattern.predict_proba(x_pat)[:, 1]) / 2


def fit_item(x_text, x_cue: np.ndarray, x_pat: np.ndarray, y: np.ndarray,
             folds: np.ndarray) -> ItemModels:
    """Fit one item (both classes present): thresholds from ``folds``, then the full fit."""
    from scipy import sparse

    x_both = sparse.hstack([x_text, sparse.csr_matrix(x_cue)]).tocsr()
    oof, oof_cue = np.zeros(len(y)), np.zeros(len(y))
    for g in np.unique(folds):
        te, tr = folds == g, folds != g
        p_text = _fit_predict(C_TEXT, x_both[tr], y[tr], x_both[te])[1]
        p_pat = _fit_predict(C_PATTERN, x_pat[tr], y[tr], x_pat[te])[1]
        oof[te] = (p_text + p_pat) / 2
        oof_cue[te] = _fit_predict(C_CUE, x_cue[tr], y[tr], x_cue[te])[1]
    return ItemModels(
        text=_fit_predict(C_TEXT, x_both, y, x_both[:1])[0],
        pattern=_fit_predict(C_PATTERN, x_pat, y, x_pat[:1])[0],
        cue=_fit_predict(C_CUE, x_cue, y, x_cue[:1])[0],
        threshold=_fit_threshold(y, oof),
        threshold_cue=_fit_threshold(y, oof_cue),
        oof=oof,
    )


def fit(corpus: Corpus, rows: np.ndarray, items: list[str], patterns: list[list[str]]) -> dict:
    """Fit the model on the articles ``rows`` of ``corpus``; plain arrays for :func:`save_model`."""
    vectorizer = tfidf_vectorizer()
    x_text = vectorizer.fit_transform([corpus.texts[r] for r in rows])
    y_all, flags, cues = corpus.y[rows], corpus.flags[rows], corpus.cues[rows]
    folds = group_folds(corpus.pairs[rows])
    n_items = len(items)
    n_cue = 1 + 2 * cues.shape[2]
    w_text = np.zeros((n_items, x_text.shape[1] + n_cue), dtype=np.float32)
    b_text, b_cue, b_pattern = (np.zeros(n_items, dtype=np.float32) for _ in range(3))
    w_cue = np.zeros((n_items, n_cue), dtype=np.float32)
    w_pattern: list[np.ndarray] = []
    thresholds = np.full(n_items, 0.5, dtype=np.float32)
    thresholds_cue = np.full(n_items, 0.5, dtype=np.float32)
    # Out-of-fold probabilities the thresholds were chosen on (NaN for majority-rule items):
    # not shipped, kept for scripts/experiment_elements.py to compare decision rules.
    oof_all = np.full((len(rows), n_items), np.nan, dtype=np.float32)
    constant = np.full((n_items, 2), -1, dtype=np.int8)  # per kind; -1 = use the model
    # Share of training articles of each kind reporting the item: 0 means the item does not
    # apply to that kind (e.g. the participant flow in a protocol).
    prevalence = np.array([kind_shares(y_all[:, j], flags) for j in range(n_items)],
                          dtype=np.float32)
    for j in range(n_items):
        y = y_all[:, j]
        x_cue, x_pat = item_features(corpus, rows, j)
        w_pattern.append(np.zeros(x_pat.shape[1], dtype=np.float32))
        if not learnable(y):
            for k in (0, 1):
                mask = flags == k
                constant[j, k] = int(y[mask].mean() >= 0.5) if mask.any() else int(y.mean() >= 0.5)
            continue
        item = fit_item(x_text, x_cue, x_pat, y, folds)
        thresholds[j], thresholds_cue[j] = item.threshold, item.threshold_cue
        oof_all[:, j] = item.oof
        w_text[j], b_text[j] = item.text.coef_[0], item.text.intercept_[0]
        w_pattern[j] = item.pattern.coef_[0].astype(np.float32)
        b_pattern[j] = item.pattern.intercept_[0]
        w_cue[j], b_cue[j] = item.cue.coef_[0], item.cue.intercept_[0]
    vocabulary = sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.get)
    return {
        "items": items,
        "vocabulary": vocabulary,
        "patterns": patterns,
        "idf": vectorizer.idf_.astype(np.float32),
        "w_text": w_text,
        "b_text": b_text,
        "w_pattern": np.concatenate(w_pattern),
        "pattern_offsets": np.cumsum([0] + [len(w) for w in w_pattern]).astype(np.int32),
        "b_pattern": b_pattern,
        "w_cue": w_cue,
        "b_cue": b_cue,
        "thresholds": thresholds,
        "thresholds_cue": thresholds_cue,
        "constant": constant,
        "prevalence": prevalence,
        "oof": oof_all,
    }


def train(articles: list[Article], items: list[str], lang: str = "en") -> dict:
    """Fit the model for documents in ``lang`` on all ``articles`` (written in ``lang``)."""
    patterns = cue_patterns(items, lang)
    corpus = prepare(articles, items, patterns, lang)
    return fit(corpus, np.arange(len(articles)), items, patterns)


def cross_validate(articles: list[Article], items: list[str], k: int = FOLDS,
                   lang: str = "en", decide_by: str = "text") -> dict:
    """Nested k-fold CV grouped by pair: micro/macro F1 of the whole training procedure, with
    decisions by the text and pattern models (``decide_by="text"``) or the cue model alone.

    Macro-F1 averages over items with at least one positive article (as the benchmark does).
    """
    from .model import ElementModel

    patterns = cue_patterns(items, lang)
    corpus = prepare(articles, items, patterns, lang)
    folds = group_folds(corpus.pairs, k)
    decisions = np.zeros(corpus.y.shape, dtype=bool)
    by_text = decide_by == "text"
    for g in range(k):
        test, rows = np.where(folds == g)[0], np.where(folds != g)[0]
        model = ElementModel.from_arrays(fit(corpus, rows, items, patterns), {})
        for r in test:
            decisions[r] = model.decide(
                corpus.texts[r] if by_text else None, corpus.cues[r],
                corpus.counts[r] if by_text else None, corpus.flags[r],
            )[1]
    micro, macro = micro_macro(corpus.y, decisions)
    return {"micro_f1": micro, "macro_f1": macro, "documents": len(articles), "folds": k}


def model_stem(lang: str) -> str:
    """File name stem of the model for documents in ``lang``: elements, elements_fr, ..."""
    return "elements" if lang == "en" else f"elements_{lang}"


def save_model(model: dict, directory: Path, meta: dict, lang: str = "en") -> None:
    """Large arrays in float16 (small, precise enough for linear scores); vocabulary in JSON."""
    directory.mkdir(parents=True, exist_ok=True)
    stem = model_stem(lang)
    np.savez_compressed(
        directory / f"{stem}.npz",
        idf=model["idf"].astype(np.float16),
        w_text=model["w_text"].astype(np.float16),
        b_text=model["b_text"],
        w_pattern=model["w_pattern"],
        pattern_offsets=model["pattern_offsets"],
        b_pattern=model["b_pattern"],
        w_cue=model["w_cue"],
        b_cue=model["b_cue"],
        thresholds=model["thresholds"],
        thresholds_cue=model["thresholds_cue"],
        constant=model["constant"],
        prevalence=model["prevalence"],
    )
    payload = {"items": model["items"], "vocabulary": model["vocabulary"],
               "patterns": model["patterns"], "meta": {**meta, "language": lang}}
    (directory / f"{stem}.json").write_text(json.dumps(payload, ensure_ascii=False), "utf-8")
