"""The bilingual cue lexicon (lexicon.yaml): compiled patterns and per-sentence matching."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from checker.yaml_files import load_yaml

from .prefilter import CuePattern

LEXICON_PATH = Path(__file__).with_name("lexicon.yaml")


class Lexicon:
    """Cue patterns per element and language; unknown languages fall back to English."""

    def __init__(self, data: dict[str, dict[str, list[str]]]) -> None:
        self.patterns: dict[str, dict[str, list[CuePattern]]] = {
            element: {lang: [CuePattern.compile(p) for p in patterns]
                      for lang, patterns in by_lang.items()}
            for element, by_lang in data.items()
        }
        self.elements: tuple[str, ...] = tuple(data)

    def for_language(self, element: str, lang: str) -> list[CuePattern]:
        by_lang = self.patterns.get(element, {})
        return by_lang.get(lang) or by_lang.get("en", [])


@lru_cache(maxsize=1)
def get_lexicon() -> Lexicon:
    with LEXICON_PATH.open(encoding="utf-8") as handle:
        return Lexicon(load_yaml(handle))
