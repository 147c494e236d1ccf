"""Literal prefilters of cue patterns: they may only skip searches that could not match."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checker.evidence.features import SentenceIndex, cue_matrix
from checker.evidence.lexicon import Lexicon, get_lexicon
from checker.evidence.prefilter import CuePattern, compile_once, required_literals

BENCHMARK = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "spirit-consort-tm"


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\bblind(?:ed)?\b", ("blind",)),
        # The longest requirement wins: each branch's literal, or the literal after the group.
        (r"\b(?:single|double)[- ]blind", ("double", "single")),
        (r"\b(?:sealed|opaque) envelopes?", (" envelope",)),
        (r"colou?r", ("colo",)),
        (r"\bInformed Consent\b", ("informed consent",)),
        (r"(?:data monitoring|DSMB)", ("data monitoring", "dsmb")),
        (r"\b1\s?:\s?1\b", None),
        (r"\b(?:OR|HR)\s?=", None),  # two-letter branches filter too little
        (r"(?:randomi[sz]ation)+ list", ("randomi",)),
        (r"[", None),  # unparsable: always searched (and reported by the lexicon loader)
    ],
)
def test_required_literals(pattern: str, expected: tuple[str, ...] | None) -> None:
    assert required_literals(pattern) == expected


@pytest.mark.skipif(not BENCHMARK.is_dir(), reason=f"benchmark not found at {BENCHMARK}")
def test_every_match_of_every_cue_contains_one_of_its_literals() -> None:
    """The prefilter's premise, on every lexicon pattern and the benchmark's documents."""
    documents = sorted((BENCHMARK / "documents").glob("*/*.txt"))[::20]
    assert documents, "benchmark documents not found"
    text = "\n".join(path.read_text(encoding="utf-8") for path in documents)
    checked = 0
    lexicon = get_lexicon()
    for element in lexicon.elements:
        for lang in lexicon.sources[element]:
            for pattern in lexicon.for_language(element, lang):
                if pattern.literals is None:
                    continue
                for match in pattern.regex.finditer(text):
                    assert any(s in match.group().lower() for s in pattern.literals), (
                        pattern.regex.pattern, match.group())
                    checked += 1
    assert checked > 1000


def test_sentence_index_matches_a_plain_search() -> None:
    sentences = ["Sealed opaque envelopes were used.", "Nothing here.", "SEALED again.",
                 "İstanbul site: sealed."]
    index = SentenceIndex(sentences)
    pattern = CuePattern.compile(r"\bsealed\b")
    assert index.matching(pattern) == [i for i, s in enumerate(sentences)
                                       if re.search(r"\bsealed\b", s, re.IGNORECASE)]
    assert index.matching(CuePattern.compile(r"\bnever\b")) == []
    hits = cue_matrix(index, ["16f_Allocation_Concealment"], get_lexicon(), "en")
    assert hits.shape == (4, 1) and hits[0, 0] >= 1


def test_one_parse_compiles_what_re_compiles() -> None:
    """A cue pattern is parsed once for its regex and its literals: the regex is the one
    ``re.compile`` makes (patterns compare equal by text, flags and code) and the literals
    those of :func:`required_literals`, on every lexicon pattern and on a few with groups,
    named groups, inline flags and look-behinds."""
    lexicon = get_lexicon()
    patterns = {p for by_lang in lexicon.sources.values() for ps in by_lang.values() for p in ps}
    patterns |= {r"(?P<n>\d+) (?P=n)", r"(?i:Mixed)Case", r"(?<=\bnot )blinded", r"(a)|(b)c",
                 r"(?x) spaced \ out", r"(?s)a.b"}
    flags = re.IGNORECASE | re.MULTILINE
    for pattern in patterns:
        regex, literals = compile_once(pattern, flags)
        expected = re.compile(pattern, flags)
        assert regex == expected, pattern
        assert (regex.pattern, regex.flags, regex.groups, regex.groupindex) == (
            expected.pattern, expected.flags, expected.groups, expected.groupindex)
        assert literals == required_literals(pattern), pattern
    with pytest.raises(re.error, match="look-behind requires fixed-width pattern"):
        compile_once(r"(?<=a+)b", flags)
    with pytest.raises(re.error, match="unterminated character set"):
        compile_once(r"[", flags)


def test_a_language_s_cues_are_compiled_when_first_asked_for() -> None:
    """Reading a document in one language compiles no cue of the other; an element without
    cues in a language reads the English ones."""
    lexicon = Lexicon({"item": {"en": [r"\bsealed\b"], "fr": ["["]}, "other": {"en": ["x+y"]}})
    assert [p.regex.pattern for p in lexicon.for_language("item", "en")] == [r"\bsealed\b"]
    assert lexicon.for_language("item", "en") is lexicon.for_language("item", "en")
    assert [p.regex.pattern for p in lexicon.for_language("other", "fr")] == ["x+y"]
    assert lexicon.for_language("missing", "fr") == []
    with pytest.raises(re.error):
        lexicon.for_language("item", "fr")
