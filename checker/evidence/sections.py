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
    items: frozenset[str]  # elements whose evidence belongs in those sections
    invariants: frozenset[str] = frozenset()  # likewise for invariants' quotations

    @classmethod
    def from_data(cls, data: object) -> ContextSections:
        """Built from the parsed YAML; a malformed file raises ValueError naming the key."""
        if not isinstance(data, dict):
            raise ValueError("sections.yaml: expected a mapping")
        headings = data.get("context_headings")
        if not isinstance(headings, dict) or not all(
            isinstance(patterns, list) and patterns
            and all(isinstance(p, str) and p.strip() for p in patterns)
            for patterns in headings.values()
        ):
            raise ValueError("sections.yaml: context_headings must map each language to a "
                             "non-empty list of patterns")
        patterns = [p for ps in headings.values() for p in ps]
        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(
                    f"sections.yaml: context heading pattern {pattern!r}: {exc}") from exc
        items = data.get("context_items", [])
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            raise ValueError("sections.yaml: context_items must be a list of element ids")
        invariants = data.get("context_invariants", [])
        if not isinstance(invariants, list) or not all(isinstance(i, str) for i in invariants):
            raise ValueError("sections.yaml: context_invariants must be a list of invariant ids")
        alternatives = "|".join(f"(?:{p})" for p in patterns)
        return cls(re.compile(rf"{_NUMBERING}(?:{alternatives})", re.IGNORECASE),
                   frozenset(items), frozenset(invariants))

    def is_context(self, titles: list[str]) -> bool:
        """Whether any of a sentence's enclosing section titles is a context heading."""
        return any(self.headings.match(title) for title in titles)

    def flags(self, doc: Document) -> np.ndarray:
        """Per sentence of ``doc``: True inside a context section (headings of either
        language count: a French document may keep English headings)."""
        return np.array([self.is_context(titles) for titles in doc.sentence_sections],
                        dtype=bool)


@lru_cache(maxsize=1)
def get_context_sections() -> ContextSections:
    with SECTIONS_PATH.open(encoding="utf-8") as handle:
        return ContextSections.from_data(load_yaml(handle))
