"""Literals of the catalogue's alternations: a sentence holding none is not searched, which
may only skip searches that could not match."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checker.catalogue.loader import assemble, resolve_path
from checker.catalogue.patterns import alternation_literals, any_pattern, pattern_errors
from checker.documents import extract_path
from checker.evidence.features import SentenceIndex, matching_sentences
from checker.regex_literals import compile_once, fold

BENCHMARK = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "spirit-consort-tm"
FRENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "spirit-consort-tm-fr"


def test_fold_compares_characters_as_case_insensitive_regexes_do() -> None:
    """Every character folds to one character, the same for all those ``re`` matches with
    each other case-insensitively: those of the same simple lowercase, and the ones it takes
    as the same (ı and i, ſ and s, σ and ς, µ and μ...)."""
    import _sre
    from re._casefix import _EXTRA_CASES

    def same_as(lower: int) -> int:
        return min((lower, *_EXTRA_CASES.get(lower, ())))

    characters = "".join(chr(c) for c in range(0x110000))
    folded = fold(characters)
    assert len(folded) == len(characters)
    for code, one in enumerate(folded):
        assert ord(one) == same_as(_sre.unicode_tolower(code)), hex(code)
    for word, text in (("istanbul", "İSTANBUL"), ("istanbul", "ıstanbul"), ("session", "ſeſſion"),
                       ("kelvin", "\u212aelvin"), ("ὀδός", "ὈΔΌΣ"), ("µg", "μg")):
        assert re.fullmatch(word, text, re.IGNORECASE)
        assert fold(word) == fold(text), (word, text)


def test_an_alternation_is_searched_only_where_its_literals_are() -> None:
    """The sentences an alternation finds are those a plain search finds, "İstanbul" and
    "ſeſſion" included, which lowercase as "i̇stanbul" and "ſeſſion"; a regex compiled
    otherwise is searched in every sentence."""
    sentences = ["Recruited in İstanbul.", "ISTANBUL site.", "A ſeſſion a week.", "Nothing.",
                 "ıstanbul", "Sessions were taped."]
    index = SentenceIndex(sentences)
    alternation = any_pattern((r"\bistanbul\b", r"sessions?"))
    assert alternation_literals(alternation) == ("istanbul", "session")
    expected = [i for i, s in enumerate(sentences) if alternation.search(s)]
    assert expected == [0, 1, 2, 4, 5]
    assert index.finding(alternation) == expected
    unfiltered = re.compile(r"nothing", re.IGNORECASE)
    assert alternation_literals(unfiltered) is None
    assert index.finding(unfiltered) == [3]
    assert alternation_literals(any_pattern((r"\d+ weeks?", r"no"))) is None  # "no": too short


def test_alternations_compile_as_re_compiles_them() -> None:
    """An alternation is the regex ``re.compile`` makes of it, and a faulty one is still
    refused with its reason and position."""
    joined = any_pattern(("(?P<n>a)b", "c[de]"))
    assert joined == re.compile("(?:(?P<n>a)b)|(?:c[de])", re.IGNORECASE)
    assert joined.groupindex == {"n": 1}
    def reasons(patterns: list[str]) -> list[tuple[int | None, str]]:
        return [(position, str(reason)) for position, reason in pattern_errors(patterns)]

    assert reasons(["fine", "(?<=a+)b"]) == [(1, "look-behind requires fixed-width pattern")]
    assert reasons(["(", "ok"]) == [(0, "missing ), unterminated subpattern at position 0")]
    assert reasons(["(?P<x>a)", "(?P<x>b)"]) == [
        (None, "redefinition of group name 'x' as group 2; was group 1 at position 20")]
    with pytest.raises(re.error, match="fixed-width"):
        compile_once("(?<=a+)b", re.IGNORECASE, fold)


def _alternations() -> set[tuple[str, ...]]:
    """Every list of patterns of the built-in catalogue's invariants, in either language."""
    found: set[tuple[str, ...]] = set()

    def walk(value: object, key: str = "") -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, k)
        elif isinstance(value, list):
            if value and all(isinstance(v, str) for v in value) and key in ("en", "fr"):
                found.add(tuple(value))
            for v in value:
                walk(v, key)

    for invariant in assemble(resolve_path(None))[0]["invariants"]:
        walk(invariant.get("evidence") or {})
    return found


@pytest.mark.skipif(not (BENCHMARK.is_dir() and FRENCH.is_dir()), reason="benchmarks not found")
def test_every_match_of_every_alternation_holds_one_of_its_literals() -> None:
    """The premise, on every list of patterns of the catalogue and some train documents in
    both languages: each match holds one of the literals."""
    documents = (sorted((BENCHMARK / "documents").glob("*/*.txt"))[::40]
                 + sorted((FRENCH / "documents").glob("*/*.txt"))[::40])
    text = "\n".join("\n".join(matching_sentences(extract_path(path))) for path in documents)
    checked = with_literals = 0
    for patterns in _alternations():
        regex = any_pattern(patterns)
        literals = alternation_literals(regex)
        if literals is None:
            continue
        with_literals += 1
        for match in regex.finditer(text):
            assert any(s in fold(match.group()) for s in literals), (patterns, match.group())
            checked += 1
    assert with_literals > 300 and checked > 1000
