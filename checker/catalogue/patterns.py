"""The catalogue's regular expressions, compiled once for validation and the evidence layer.

A catalogue holds over a thousand patterns (statements of absence, details, what an
element's sentence must be about). Validating them compiles them; the evidence layer uses
each language's list of one field as one alternation. Compiling that same alternation to
validate it means each list is compiled once per process, not twice: Python's own regex
cache is too small to keep them.

Each alternation is parsed once, for its regex and for the literals one of which each of its
matches holds (:mod:`checker.regex_literals`): the evidence layer searches it only in the
sentences holding one (:func:`alternation_literals`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from checker.regex_literals import compile_once, fold_character

# Room for every list of a catalogue in both languages, and for a few edited catalogues.
_CACHE_SIZE = 8192


# The literals of each alternation compiled, by its regex (equal regexes, equal literals).
_LITERALS: dict[re.Pattern[str], tuple[str, ...] | None] = {}


@lru_cache(maxsize=_CACHE_SIZE)
def any_pattern(patterns: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern matching any of ``patterns``, case-insensitively, compiled once."""
    regex, literals = compile_once("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE,
                                   fold_character)
    _LITERALS[regex] = literals
    return regex


def alternation_literals(regex: re.Pattern[str]) -> tuple[str, ...] | None:
    """Strings one of which any match of ``regex``, made by :func:`any_pattern`, holds in
    the matched text as :func:`~checker.regex_literals.fold` gives it; None if unknown (a
    regex made otherwise, or whose every match holds no literal)."""
    return _LITERALS.get(regex)


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
