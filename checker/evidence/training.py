"""Training of the article-level element model from a SPIRIT-CONSORT-TM-style folder.

Per item, two logistic regressions are averaged: one on the document's TF-IDF plus the item's
cue counts, one on the cue counts alone (the one used for non-English documents). The decision
threshold is chosen by 5-fold cross-validation on the training documents only. Items whose
training labels have fewer than three of either class answer the per-kind majority.
"""

from __future__ import annotations

import json
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from checker.documents import extract_path

from .features import cue_doc_features, cue_matrix, tokens
from .lexicon import get_lexicon

MIN_CLASS = 3
TFIDF_FEATURES = 6000
THRESHOLDS = np.linspace(0.1, 0.9, 17)


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
    with labels_path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            key = (row["kind"], int(row["pair_id"]))
            if key not in articles:
                name = f"{int(row['pair_id']):03d}_{row['pmcid']}.txt"
                path = data_dir / "documents" / row["kind"] / name
                articles[key] = Article(row["kind"], key[1], row["pmcid"], path, row["split"], {})
            articles[key].labels[row["item"]] = int(row["reported"])
    return [articles[key] for key in sorted(articles)]


def kind_flag(kind: str) -> float:
    """1 for a results paper, 0 for a protocol."""
    return 1.0 if kind in ("results", "paper") else 0.0


def cue_block(cue: np.ndarray, flag: float) -> np.ndarray:
    """Model features from one item's cue features: kind, cues and cues x kind."""
    return np.concatenate([[flag], cue, cue * flag]).astype(np.float32)


def _fit_threshold(y: np.ndarray, p: np.ndarray) -> float:
    from sklearn.metrics import f1_score

    return float(max(THRESHOLDS, key=lambda t: f1_score(y, p >= t) + np.mean((p >= t) == y)))


def train(articles: list[Article], items: list[str]) -> dict:
    """Fit the model on ``articles``; returns plain arrays ready for :func:`save_model`."""
    from scipy import sparse
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    lexicon = get_lexicon()
    texts, cues, flags = [], [], []
    for article in articles:
        doc = extract_path(article.path)
        sentences = [doc.sentence_text(s) for s in doc.sentences]
        texts.append(doc.text)
        cues.append(cue_doc_features(cue_matrix(sentences, items, lexicon, "en")))
        flags.append(kind_flag(article.kind))
    vectorizer = TfidfVectorizer(
        analyzer=tokens, sublinear_tf=True, min_df=3, max_features=TFIDF_FEATURES
    )
    x_text = vectorizer.fit_transform(texts)
    y_all = np.array([[a.labels[i] for i in items] for a in articles])
    flag_arr = np.array(flags)
    n_cue = 1 + 2 * cues[0].shape[1]
    w_text = np.zeros((len(items), x_text.shape[1] + n_cue), dtype=np.float32)
    b_text = np.zeros(len(items), dtype=np.float32)
    w_cue = np.zeros((len(items), n_cue), dtype=np.float32)
    b_cue = np.zeros(len(items), dtype=np.float32)
    thresholds = np.full(len(items), 0.5, dtype=np.float32)
    constant = np.full((len(items), 2), -1, dtype=np.int8)  # per kind; -1 = use the model
    # Share of training articles of each kind reporting the item: 0 means the item does not
    # apply to that kind (e.g. the participant flow in a protocol).
    prevalence = np.array(
        [[y_all[flag_arr == k, j].mean() if (flag_arr == k).any() else 0.0 for k in (0, 1)]
         for j in range(len(items))], dtype=np.float32)
    cv = StratifiedKFold(5, shuffle=True, random_state=0)
    for j, _item in enumerate(items):
        y = y_all[:, j]
        if min(y.sum(), len(y) - y.sum()) < MIN_CLASS:
            for k in (0, 1):
                mask = flag_arr == k
                constant[j, k] = int(y[mask].mean() >= 0.5) if mask.any() else int(y.mean() >= 0.5)
            continue
        x_cue = np.array([cue_block(c[j], f) for c, f in zip(cues, flags, strict=True)])
        x_both = sparse.hstack([x_text, sparse.csr_matrix(x_cue)]).tocsr()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            lr_text = LogisticRegression(C=1.0, class_weight="balanced", max_iter=3000)
            lr_cue = LogisticRegression(C=0.3, class_weight="balanced", max_iter=3000)
            p = (
                cross_val_predict(lr_text, x_both, y, cv=cv, method="predict_proba")[:, 1]
                + cross_val_predict(lr_cue, x_cue, y, cv=cv, method="predict_proba")[:, 1]
            ) / 2
            lr_text.fit(x_both, y)
            lr_cue.fit(x_cue, y)
        thresholds[j] = _fit_threshold(y, p)
        w_text[j], b_text[j] = lr_text.coef_[0], lr_text.intercept_[0]
        w_cue[j], b_cue[j] = lr_cue.coef_[0], lr_cue.intercept_[0]
    vocabulary = sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.get)
    return {
        "items": items,
        "vocabulary": vocabulary,
        "idf": vectorizer.idf_.astype(np.float32),
        "w_text": w_text,
        "b_text": b_text,
        "w_cue": w_cue,
        "b_cue": b_cue,
        "thresholds": thresholds,
        "constant": constant,
        "prevalence": prevalence,
    }


def save_model(model: dict, directory: Path, meta: dict) -> None:
    """Arrays in float16 (small, precise enough for linear scores); vocabulary in JSON."""
    directory.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        directory / "elements.npz",
        idf=model["idf"].astype(np.float16),
        w_text=model["w_text"].astype(np.float16),
        b_text=model["b_text"],
        w_cue=model["w_cue"],
        b_cue=model["b_cue"],
        thresholds=model["thresholds"],
        constant=model["constant"],
        prevalence=model["prevalence"],
    )
    payload = {"items": model["items"], "vocabulary": model["vocabulary"], "meta": meta}
    (directory / "elements.json").write_text(json.dumps(payload, ensure_ascii=False), "utf-8")
