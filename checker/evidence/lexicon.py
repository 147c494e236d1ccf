"""The bilingual cue lexicon (lexicon.yaml): compiled patterns and per-sentence matching."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

LEXICON_PATH = Path(__file__).with_name("lexicon.yaml")


class Lexicon:
    """Cue patterns per element and language; unknown languages fall back to English."""

    def __init__(self, data: dict[str, dict[str, list[str]]]) -> None:
        self.patterns: dict[str, dict[str, list[re.Pattern[str]]]] = {
            element: {
                lang: [re.compile(p, re.IGNORECASE | re.MULTILINE) for p in patterns]
                for lang, patterns in by_lang.items()
            }
            for element, by_lang in data.items()
        }
        self.elements: tuple[str, ...] = tuple(data)
        # One alternation per element and language: a cheap first pass, since most sentences
        # match no cue of most elements.
        self.any_pattern: dict[str, dict[str, re.Pattern[str]]] = {
            element: {
                lang: re.compile(
                    "|".join(f"(?:{p})" for p in patterns), re.IGNORECASE | re.MULTILINE
                )
                for lang, patterns in by_lang.items()
            }
            for element, by_lang in data.items()
        }

    def for_language(self, element: str, lang: str) -> list[re.Pattern[str]]:
        by_lang = self.patterns.get(element, {})
        return by_lang.get(lang) or by_lang.get("en", [])

    def any_for_language(self, element: str, lang: str) -> re.Pattern[str] | None:
        by_lang = self.any_pattern.get(element, {})
        return by_lang.get(lang) or by_lang.get("en")

    def hits(self, element: str, sentence: str, lang: str) -> int:
        """Number of distinct cue patterns of ``element`` found in ``sentence``."""
        quick = self.any_for_language(element, lang)
        if quick is None or not quick.search(sentence):
            return 0
        return sum(1 for p in self.for_language(element, lang) if p.search(sentence))


@lru_cache(maxsize=1)
def get_lexicon() -> Lexicon:
    with LEXICON_PATH.open(encoding="utf-8") as handle:
        return Lexicon(yaml.safe_load(handle))
