"""Report wording in English and French, read from ``labels.yaml`` (data, not code)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from checker.yaml_files import load_yaml

LABELS_PATH = Path(__file__).resolve().parent / "labels.yaml"


@lru_cache(maxsize=1)
def _all() -> dict[str, dict[str, str]]:
    # Read on the first page or report after a start: libyaml's parser when there is one
    # (about ten times faster than the pure-Python one).
    with LABELS_PATH.open(encoding="utf-8") as handle:
        return load_yaml(handle)


class Labels:
    """``labels["key"]`` or ``labels("key", name=value)`` in one language, English fallback."""

    def __init__(self, lang: str):
        self.lang = lang if lang in ("en", "fr") else "en"

    def __getitem__(self, key: str) -> str:
        entry = _all()[key]  # a missing key is a programming error: fail loudly
        return entry.get(self.lang) or entry["en"]

    def __call__(self, key: str, **values: object) -> str:
        text = self[key]
        return text.format(**values) if values else text


def labels(lang: str) -> Labels:
    return Labels(lang)


def expected_key(document_kind: str) -> str:
    """The label of what the catalogue expects of this kind of document ("Expected in a
    published paper"), since the expectation, the remedy and the example are the paper's or
    the protocol's."""
    return "expected_paper" if document_kind == "paper" else "expected_protocol"
