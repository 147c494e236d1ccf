"""Context sections (sections.yaml): where a sentence is background or discussion rather than
the trial's own report, so that quotations come first from the rest of the document."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from checker.documents import Document
from checker.yaml_files import load_yaml

SECTIONS_PATH = Path(__file__).with_name("sections.yaml")
_NUMBERING = r"^\W*(?:\d+(?:\.\d+)*\.?\s*)?"


@dataclass(frozen=True)
class ContextSections:
    headings: re.Pattern[str]  # matches a context heading's title
    items: frozenset[str]  # items whose evidence belongs in those sections

    @classmethod
    def from_data(cls, data: object) -> ContextSections:
        """Built from the parsed YAML; a malformed file raises ValueError naming the key."""
        if not isinstance(data, dict):
            raise ValueError("sections.yaml: expected a mapping")
        headings = data.get("context_headings")
        if not isinstance(headings, dict) or not all(
            isinstance(words, list) and words and all(isinstance(w, str) and w.strip()
                                                      for w in words)
            for words in headings.values()
        ):
            raise ValueError("sections.yaml: context_headings must map each language to a "
                             "non-empty list of words")
        items = data.get("context_items", [])
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            raise ValueError("sections.yaml: context_items must be a list of element ids")
        words = sorted({w.strip().lower() for ws in headings.values() for w in ws}, key=len,
                       reverse=True)
        alternatives = "|".join(re.escape(w) for w in words)
        return cls(re.compile(rf"{_NUMBERING}(?:{alternatives})s?\b", re.IGNORECASE),
                   frozenset(items))

    def is_context(self, titles: list[str]) -> bool:
        """Whether any of a sentence's enclosing section titles is a context heading."""
        return any(self.headings.match(title) for title in titles)

    def flags(self, doc: Document) -> np.ndarray:
        """Per sentence of ``doc``: True inside a context section (headings of either
        language count: a French document may keep English headings)."""
        return np.array([self.is_context(doc.sections_at(s.start)) for s in doc.sentences],
                        dtype=bool)


@lru_cache(maxsize=1)
def get_context_sections() -> ContextSections:
    with SECTIONS_PATH.open(encoding="utf-8") as handle:
        return ContextSections.from_data(load_yaml(handle))
