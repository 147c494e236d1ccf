"""The bilingual cue lexicon (lexicon.yaml): compiled patterns and per-sentence matching."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from checker.yaml_files import load_yaml

from .prefilter import CuePattern

LEXICON_PATH = Path(__file__).with_name("lexicon.yaml")


class Lexicon:
    """Cue patterns per element and language; unknown languages fall back to English.

    Each element's patterns in a language are compiled when first asked for: a document is
    read in one language, and compiling the other's cues would cost a tenth of a second.
    """

    def __init__(self, data: dict[str, dict[str, list[str]]]) -> None:
        self.sources = data  # the patterns' text per element and language
        self.elements: tuple[str, ...] = tuple(data)
        self._compiled: dict[tuple[str, str], list[CuePattern]] = {}

    def for_language(self, element: str, lang: str) -> list[CuePattern]:
        by_lang = self.sources.get(element, {})
        chosen = lang if by_lang.get(lang) else "en"
        compiled = self._compiled.get((element, chosen))
        if compiled is None:
            compiled = [CuePattern.compile(p) for p in by_lang.get(chosen) or ()]
            self._compiled[(element, chosen)] = compiled
        return compiled


@lru_cache(maxsize=1)
def get_lexicon() -> Lexicon:
    with LEXICON_PATH.open(encoding="utf-8") as handle:
        return Lexicon(load_yaml(handle))
