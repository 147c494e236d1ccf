"""Literal prefilters for cue patterns: cheap substring tests that skip most regex searches.

Most sentences match no cue of most elements, and a case-insensitive regex search scans the
whole sentence; ``"word" in sentence`` is many times faster. From a pattern's syntax tree we
take a set of literal strings of which every match must contain at least one
(:mod:`checker.regex_literals`); a sentence (lowercased) containing none of them cannot
match. Patterns whose tree we cannot read this way get no prefilter and are always searched,
so the result never changes, only the time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from checker.regex_literals import MIN_LITERAL, compile_once, required_literals

__all__ = ["MIN_LITERAL", "CuePattern", "compile_once", "required_literals"]


@dataclass(frozen=True)
class CuePattern:
    """A compiled cue pattern with its prefilter; ``lowered`` is the sentence in lower case."""

    regex: re.Pattern[str]
    literals: tuple[str, ...] | None

    @classmethod
    def compile(cls, pattern: str, flags: int = re.IGNORECASE | re.MULTILINE) -> CuePattern:
        return _compiled(cls, pattern, flags)

    def may_match(self, lowered: str) -> bool:
        return self.literals is None or any(s in lowered for s in self.literals)

    def search(self, sentence: str, lowered: str) -> bool:
        return self.may_match(lowered) and self.regex.search(sentence) is not None


# The lexicon and each element model compile the same cue patterns (a third of them twice):
# one compiled pattern, which is immutable, serves all.
@lru_cache(maxsize=8192)
def _compiled(cls: type[CuePattern], pattern: str, flags: int) -> CuePattern:
    return cls(*compile_once(pattern, flags))
