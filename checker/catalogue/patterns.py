"""The catalogue's regular expressions, compiled once for validation and the evidence layer.

A catalogue holds over a thousand patterns (statements of absence, details, what an
element's sentence must be about). Validating them compiles them; the evidence layer uses
each language's list of one field as one alternation. Compiling that same alternation to
validate it means each list is compiled once per process, not twice: Python's own regex
cache is too small to keep them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

# Room for every list of a catalogue in both languages, and for a few edited catalogues.
_CACHE_SIZE = 8192


@lru_cache(maxsize=_CACHE_SIZE)
def any_pattern(patterns: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern matching any of ``patterns``, case-insensitively, compiled once."""
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


def pattern_errors(patterns: Sequence[str]) -> list[tuple[int | None, re.error]]:
    """Why ``patterns`` cannot be used as one alternation: (position, error) for each
    pattern that does not compile, or (None, error) when each compiles alone but not
    together (e.g. a group name used twice). Empty if the alternation compiles."""
    try:
        any_pattern(tuple(patterns))
    except re.error as joined:
        errors: list[tuple[int | None, re.error]] = []
        for position, pattern in enumerate(patterns):
            try:
                re.compile(pattern)
            except re.error as exc:
                errors.append((position, exc))
        return errors or [(None, joined)]
    return []
