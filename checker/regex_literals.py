"""Literal strings a regular expression's matches must contain, read from its syntax tree.

A case-insensitive regex search scans the whole text it is given; ``"word" in text`` is many
times faster. From a pattern's syntax tree we take a set of literal strings of which every
match must contain at least one: a text holding none of them cannot match, and is not
searched. Patterns whose tree we cannot read this way get no literals and are always
searched, so the result never changes, only the time.

The tree is the one ``re`` parses to compile the pattern: :func:`compile_once` parses a
pattern once for both, parsing being most of the time ``re.compile`` takes. Standard
library only (the catalogue's validation uses it too, without the evidence layer).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

try:  # the parser and compiler behind ``re``; private, hence the fallbacks
    import _sre
    from re import _compiler, _parser
    from re import _constants as _c
    from re._casefix import _EXTRA_CASES
except ImportError:  # pragma: no cover - other Python versions
    _sre = _compiler = _parser = _c = None
    _EXTRA_CASES = {}

MIN_LITERAL = 3  # shorter literals filter too little to be worth a test

Fold = Callable[[str], str]  # how a literal's characters are compared with the text's


def literals_of(tree: object, char: Fold = str.lower) -> tuple[str, ...] | None:
    """The literals of a parsed pattern (see the module's docstring), sorted, or None;
    each character of a literal as ``char`` gives it."""
    found = _sequence(list(tree), char)
    return tuple(sorted(found)) if found else None


def compile_once(pattern: str, flags: int, char: Fold = str.lower
                 ) -> tuple[re.Pattern[str], tuple[str, ...] | None]:
    """``re.compile(pattern, flags)`` and the pattern's literals, from one parse.

    The regex is built from the tree as ``re._compiler.compile`` builds it from the text:
    an equal :class:`re.Pattern` (same text, flags and code). An error is ``re.compile``'s
    own; without the private modules, the pattern is parsed twice.
    """
    if _sre is None or not hasattr(_compiler, "_code"):  # pragma: no cover - other Pythons
        return re.compile(pattern, flags), required_literals(pattern, char)
    flags = int(flags)  # as re.compile passes a RegexFlag on
    try:
        tree = _parser.parse(pattern, flags)
    except Exception:  # re.compile says why, in its words
        return re.compile(pattern, flags), None
    state = tree.state
    index_group: list[str | None] = [None] * state.groups
    for name, number in state.groupdict.items():
        index_group[number] = name
    regex = _sre.compile(pattern, flags | state.flags, _compiler._code(tree, flags),
                         state.groups - 1, state.groupdict, tuple(index_group))
    return regex, literals_of(tree, char)


def required_literals(pattern: str, char: Fold = str.lower) -> tuple[str, ...] | None:
    """Strings (each character as ``char`` gives it), one of which occurs in any text the
    pattern matches (or None)."""
    if _parser is None:
        return None
    try:
        tree = _parser.parse(pattern, re.IGNORECASE)
    except Exception:
        return None
    return literals_of(tree, char)


def _sequence(items: list, char: Fold) -> set[str] | None:
    """Best requirement of a sequence: its longest literal run, or that of a required group."""
    best: set[str] | None = None
    run: list[str] = []

    def consider(candidate: set[str] | None) -> None:
        nonlocal best
        if candidate and (best is None or _strength(candidate) > _strength(best)):
            best = candidate

    for op, arg in items:
        if op is _c.LITERAL:
            run.append(char(chr(arg)))
            continue
        consider({"".join(run)} if len(run) >= MIN_LITERAL else None)
        run = []
        if op is _c.SUBPATTERN:
            consider(_sequence(list(arg[-1]), char))
        elif op is _c.BRANCH:
            consider(_branches(arg[1], char))
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and arg[0] >= 1:
            consider(_sequence(list(arg[2]), char))
        elif op is _c.ATOMIC_GROUP:
            consider(_sequence(list(arg), char))
    consider({"".join(run)} if len(run) >= MIN_LITERAL else None)
    return best


def _branches(branches: list, char: Fold) -> set[str] | None:
    """An alternation requires one of its branches' requirements; all branches must have one."""
    union: set[str] = set()
    for branch in branches:
        found = _sequence(list(branch), char)
        if not found:
            return None
        union |= found
    return union


def _strength(literals: set[str]) -> tuple[int, int]:
    """Longer shortest literal first, then fewer alternatives."""
    return min(len(s) for s in literals), -len(literals)


# Case-insensitive matching, as ``re`` does it: two characters match when their simple
# lowercase forms are the same or ``re`` takes them as the same (ı and i, ſ and s, σ and ς,
# µ and μ...). ``str.lower`` gives the simple lowercase of every character but one: İ, which
# it makes two ("i̇"), and ``re`` "i".
_SIMPLE_LOWER = str.maketrans({"\u0130": "i"})
_SAME_AS = str.maketrans({chr(c): chr(min(c, *others)) for c, others in _EXTRA_CASES.items()
                          if min(c, *others) != c})


@lru_cache(maxsize=4096)
def fold_character(character: str) -> str:
    """:func:`fold` of one character, worked out once."""
    return fold(character)


def fold(text: str) -> str:
    """``text`` with each character replaced by one standing for all those that match it
    case-insensitively: a literal folded so occurs in the folded text wherever the regex
    matches it (``str.lower`` misses "ı" for "i", "ſ" for "s" and "İ" for "i"). One
    character for one, so positions are kept."""
    return text.translate(_SIMPLE_LOWER).lower().translate(_SAME_AS)
