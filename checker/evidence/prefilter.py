"""Literal prefilters for cue patterns: cheap substring tests that skip most regex searches.

Most sentences match no cue of most elements, and a case-insensitive regex search scans the
whole sentence; ``"word" in sentence`` is many times faster. From a pattern's syntax tree we
take a set of literal strings of which every match must contain at least one; a sentence
(lowercased) containing none of them cannot match. Patterns whose tree we cannot read this
way get no prefilter and are always searched, so the result never changes, only the time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

try:  # the parser and compiler behind ``re``; private, hence the fallbacks
    import _sre
    from re import _compiler, _parser
    from re import _constants as _c
except ImportError:  # pragma: no cover - other Python versions
    _sre = _compiler = _parser = _c = None

MIN_LITERAL = 3  # shorter literals filter too little to be worth a test


def required_literals(pattern: str) -> tuple[str, ...] | None:
    """Lowercase strings, one of which occurs in any text the pattern matches (or None)."""
    if _parser is None:
        return None
    try:
        tree = _parser.parse(pattern, re.IGNORECASE)
    except Exception:
        return None
    return _literals_of(tree)


def _literals_of(tree: object) -> tuple[str, ...] | None:
    found = _sequence(list(tree))
    return tuple(sorted(found)) if found else None


def compile_once(pattern: str, flags: int) -> tuple[re.Pattern[str], tuple[str, ...] | None]:
    """``re.compile(pattern, flags)`` and :func:`required_literals`, from one parse.

    Parsing a pattern is most of the time ``re.compile`` takes, and the prefilter needs the
    same tree: the regex is built from it as ``re._compiler.compile`` builds it from the text
    (an equal :class:`re.Pattern`: same text, flags and code). An error is ``re.compile``'s
    own; without the private modules, the pattern is parsed twice as before.
    """
    if _sre is None or not hasattr(_compiler, "_code"):  # pragma: no cover - other Pythons
        return re.compile(pattern, flags), required_literals(pattern)
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
    return regex, _literals_of(tree)


def _sequence(items: list) -> set[str] | None:
    """Best requirement of a sequence: its longest literal run, or that of a required group."""
    best: set[str] | None = None
    run: list[str] = []

    def consider(candidate: set[str] | None) -> None:
        nonlocal best
        if candidate and (best is None or _strength(candidate) > _strength(best)):
            best = candidate

    for op, arg in items:
        if op is _c.LITERAL:
            run.append(chr(arg).lower())
            continue
        consider({"".join(run)} if len(run) >= MIN_LITERAL else None)
        run = []
        if op is _c.SUBPATTERN:
            consider(_sequence(list(arg[-1])))
        elif op is _c.BRANCH:
            consider(_branches(arg[1]))
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and arg[0] >= 1:
            consider(_sequence(list(arg[2])))
        elif op is _c.ATOMIC_GROUP:
            consider(_sequence(list(arg)))
    consider({"".join(run)} if len(run) >= MIN_LITERAL else None)
    return best


def _branches(branches: list) -> set[str] | None:
    """An alternation requires one of its branches' requirements; all branches must have one."""
    union: set[str] = set()
    for branch in branches:
        found = _sequence(list(branch))
        if not found:
            return None
        union |= found
    return union


def _strength(literals: set[str]) -> tuple[int, int]:
    """Longer shortest literal first, then fewer alternatives."""
    return min(len(s) for s in literals), -len(literals)


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
