"""British and American spellings of an English phrase (spelling.yaml).

An invariant's literal cues (``evidence.cues``) are matched as typed; many English documents
(most US journals) spell them the other way: "randomized controlled trial" for "randomised
controlled trial", "behavior", "center", "analyzed", "program". ``english_variants`` gives,
for English cues, each cue with its British and American spellings, so that either finds
the other. Only real variants: -ise / -ize for verbs that take both ("organise", not
"exercise" or "advise"), -yse / -yze, -our / -or and -tre / -ter for listed stems, -lled /
-led, a few parts of medical words ("haemoglobin", "paediatric", "oedema", "-aemia") and
whole words ("programme", "judgement", "enrolment"); see spelling.yaml.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from checker.yaml_files import load_yaml

SPELLING_PATH = Path(__file__).with_name("spelling.yaml")
# The most spellings of one cue searched (a cue of several words that vary in both ways).
MAX_VARIANTS = 16

_ISE = re.compile(r"^([a-z]{3,}?)i([sz])(e|ed|es|ing|ation|ations|er|ers|able)$")
_YSE = re.compile(r"^([a-z]{3,}?)y([sz])(e|ed|ing|er|ers)$")
_WORD = re.compile(r"([A-Za-z]+)")


@dataclass(frozen=True)
class Spellings:
    ise_not_endings: tuple[str, ...]
    ise_not_words: frozenset[str]
    ize_not_endings: tuple[str, ...]
    our: re.Pattern[str]            # British -our words
    our_us: re.Pattern[str]         # their American -or
    tre: re.Pattern[str]
    tre_us: re.Pattern[str]
    ll: re.Pattern[str]
    ll_us: re.Pattern[str]
    parts: tuple[tuple[str, str, bool], ...]  # British, American, only at the word's start
    words: dict[str, str]  # each way


def _alternatives(words: Iterable[str]) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


@lru_cache(maxsize=1)
def get_spellings() -> Spellings:
    with SPELLING_PATH.open(encoding="utf-8") as handle:
        data = load_yaml(handle)
    stems = data["our_stems"]
    endings = _alternatives(data["our_endings"])
    adjectives = _alternatives(data["our_adjectives"])
    adjective_endings = _alternatives(data["our_adjective_endings"])
    us = [s.replace("our", "or") for s in stems]
    our = re.compile(rf"^([a-z]*?)({_alternatives(stems)})({endings})$"
                     rf"|^([a-z]*?)({adjectives})({adjective_endings})$")
    our_us = re.compile(
        rf"^([a-z]*?)({_alternatives(us)})({endings})$"
        rf"|^([a-z]*?)({_alternatives(a.replace('our', 'or') for a in data['our_adjectives'])})"
        rf"({adjective_endings})$")
    tre_any = _alternatives(s[:-2] for s in data["tre_stems"])
    units = _alternatives(s[:-2] for s in data["tre_words"])
    prefixes = _alternatives(data["tre_word_prefixes"])
    tre = re.compile(rf"^(?:([a-z]*?)({tre_any})|({prefixes})({units}))(re|res|red|ring)$")
    tre_us = re.compile(rf"^(?:([a-z]*?)({tre_any})|({prefixes})({units}))"
                        rf"(er|ers|ered|ering)$")
    verbs = _alternatives(data["ll_verbs"])
    agents = data["ll_agents"]
    agent_endings = _alternatives(e[1:] for es in agents.values() for e in es)
    ll = re.compile(rf"^({verbs})(led|ling)$|^({_alternatives(agents)})(l(?:{agent_endings}))$")
    ll_us = re.compile(rf"^({verbs})(ed|ing)$|^({_alternatives(agents)})({agent_endings})$")
    words: dict[str, str] = {}
    for british, american in data["words"]:
        words[british], words[american] = american, british
    for british, american in data["one_way"]:
        words[british] = american
    return Spellings(
        ise_not_endings=tuple(data["ise_not_endings"]),
        ise_not_words=frozenset(data["ise_not_words"]),
        ize_not_endings=tuple(data["ize_not_endings"]),
        our=our, our_us=our_us, tre=tre, tre_us=tre_us, ll=ll, ll_us=ll_us,
        parts=tuple((b, a, where == "start") for b, a, where in data["parts"]),
        words=words,
    )


def _ise(word: str, s: Spellings) -> Iterable[str]:
    match = _ISE.match(word)
    if not match:
        return ()
    stem, letter, ending = match.groups()
    if letter == "s":
        base = stem + "ise"
        if base in s.ise_not_words or base.endswith(s.ise_not_endings):
            return ()
        return (f"{stem}iz{ending}",)
    if (stem + "ize").endswith(s.ize_not_endings):
        return ()
    return (f"{stem}is{ending}",)


def _yse(word: str, s: Spellings) -> Iterable[str]:
    match = _YSE.match(word)
    if not match:
        return ()
    stem, letter, ending = match.groups()
    return (f"{stem}y{'z' if letter == 's' else 's'}{ending}",)


def _our(word: str, s: Spellings) -> Iterable[str]:
    found = []
    if match := s.our.match(word):
        prefix, stem, ending = _three(match)
        found.append(prefix + stem.replace("our", "or") + ending)
    if match := s.our_us.match(word):
        prefix, stem, ending = _three(match)
        found.append(prefix + stem[:-2] + "our" + ending)
    return found


def _three(match: re.Match[str]) -> tuple[str, str, str]:
    """The prefix, stem and ending of a match of one of two alternatives of three groups."""
    groups = match.groups()
    first, second = groups[:3], groups[3:]
    return tuple(g or "" for g in (first if first[1] is not None else second))  # type: ignore


_TRE_US = {"re": "er", "res": "ers", "red": "ered", "ring": "ering"}
_TRE_UK = {us: uk for uk, us in _TRE_US.items()}


def _tre(word: str, s: Spellings) -> Iterable[str]:
    found = []
    for pattern, endings in ((s.tre, _TRE_US), (s.tre_us, _TRE_UK)):
        if match := pattern.match(word):
            prefix, stem, unit_prefix, unit, ending = match.groups()
            found.append((prefix or unit_prefix or "") + (stem or unit) + endings[ending])
    return found


def _ll(word: str, s: Spellings) -> Iterable[str]:
    found = []
    if match := s.ll.match(word):
        verb, ending = (match.group(1), match.group(2)) if match.group(1) \
            else (match.group(3), match.group(4))
        found.append(verb + ending[1:] if ending.startswith("l") else verb + ending)
    if match := s.ll_us.match(word):
        verb, ending = (match.group(1), match.group(2)) if match.group(1) \
            else (match.group(3), match.group(4))
        found.append(verb + "l" + ending)
    return found


def _parts(word: str, s: Spellings) -> Iterable[str]:
    found = []
    for british, american, start in s.parts:
        if start:
            for old, new in ((british, american), (american, british)):
                if word.startswith(old):
                    found.append(new + word[len(old):])
        elif british in word:
            found.append(word.replace(british, american))
        elif american in word:  # not "edema" in "oedema"
            found.append(word.replace(american, british))
    return found


def _words(word: str, s: Spellings) -> Iterable[str]:
    other = s.words.get(word)
    return (other,) if other else ()


_RULES: tuple[Callable[[str, Spellings], Iterable[str]], ...] = (
    _ise, _yse, _our, _tre, _ll, _parts, _words)


@lru_cache(maxsize=4096)
def word_variants(word: str) -> tuple[str, ...]:
    """The word's spellings, itself first: British and American (lower case in, the same
    capitals out: "Centre" gives "Center", "CENTRE" "CENTER")."""
    s = get_spellings()
    lower = word.lower()
    found = [lower]
    for candidate in found:  # grows: a word may vary twice ("haemodialysed")
        for rule in _RULES:
            for variant in rule(candidate, s):
                if variant not in found and len(found) < MAX_VARIANTS:
                    found.append(variant)
    return (word,) + tuple(_cased(variant, word) for variant in found[1:])


def _cased(variant: str, like: str) -> str:
    """``variant`` with the capitals of the word ``like``: all, the first or none."""
    if like.isupper() and len(like) > 1:
        return variant.upper()
    if like[:1].isupper():
        return variant[:1].upper() + variant[1:]
    return variant


@lru_cache(maxsize=4096)
def phrase_variants(phrase: str) -> tuple[str, ...]:
    """The phrase's spellings, itself first, each word in either spelling (at most
    ``MAX_VARIANTS``)."""
    pieces = _WORD.split(phrase)  # the words at odd positions
    choices = [word_variants(piece) if i % 2 else (piece,) for i, piece in enumerate(pieces)]
    return tuple("".join(combination) for combination
                 in itertools.islice(itertools.product(*choices), MAX_VARIANTS))


def english_variants(cues: Iterable[str]) -> tuple[str, ...]:
    """English ``cues`` with their British and American spellings, each cue's own first, and
    each once."""
    return tuple(dict.fromkeys(variant for cue in cues for variant in phrase_variants(cue)))
