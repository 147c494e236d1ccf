"""Words hyphenated at a line's end: one word cut by the typesetter ("treat-" / "ment") or a
compound broken at its own hyphen ("person-" / "centred").

One rule (:func:`cut_words`) decides them for both readers. A PDF's text keeps the page's
lines: the evidence reads its sentences with such words resolved
(:func:`checker.evidence.features.matching_text`). Text copied from a PDF viewer and pasted,
or saved as .txt, keeps them too; its words are joined as it is read
(:func:`join_cut_words`), so its sentences read as the text was written.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, replace

from .list_marks import starts_item
from .model import Document, Page, Section, Sentence
from .structure import is_known_heading

# Typeset hyphens (U+2010, non-breaking U+2011) read as "-", the hyphen cue patterns are
# written with: "double‐blind" and "intention‐to‐treat" are common in journal text. Likewise
# the no-break and thin spaces that French typography puts in "100 patients" or "90 %".
AS_ASCII = str.maketrans({"\u2010": "-", "\u2011": "-", "\u00a0": " ", "\u202f": " ",
                          "\u2009": " ", "\u2007": " "})
# A hyphen ending a line: ASCII, the Unicode hyphen (U+2010) or a soft hyphen (U+00AD).
LINE_END_HYPHENS = "-\u2010\u00ad"
_SOFT_HYPHEN = "\u00ad"

_WRAPPED_WORD = re.compile(rf"\w+[{LINE_END_HYPHENS}][ \t]*\n\s*\w+")
_WORD = re.compile(r"\w+")
_SAME_LINE_COMPOUND = re.compile(r"\w+(?:-\w+)+")
# Words that start or end compounds and are no syllable of a longer word: "self-\nreported",
# "non-\ninfériorité", "sous-\ngroupe", "celle-\nci", "au-\ndelà".
_COMPOUND_HEADS = frozenset({"self", "non", "double", "single", "cross", "well", "long", "two",
                             "three", "sous", "semi", "demi", "quasi"})
_COMPOUND_TAILS = frozenset({"ci", "là", "même", "mêmes", "delà", "dessus", "dessous",
                             # trial wording: "web-\nbased", "placebo-\ncontrolled",
                             # "assessor-\nblinded", "six-\nminute", "bien-\nêtre",
                             # "contre-\nindication"
                             "based", "controlled", "blinded", "minute", "être", "indication",
                             "indications"})
# Compounds of trial reports that the rules below would join: their head is a short word, a
# syllable for those rules ("in-\nformed", "in-\ndependent": "in" and "dependent" are words,
# yet no compound), or a word the document may not hold elsewhere ("follow-\nup").
_COMPOUNDS = frozenset({
    "in-person", "in-hospital", "in-house", "in-depth", "in-home", "in-clinic", "in-service",
    "on-site", "on-treatment", "on-call", "on-demand", "off-label", "off-site",
    "off-treatment", "at-risk", "at-home", "follow-up", "up-to", "co-primary",
    "co-investigator", "co-investigators", "co-design", "co-designed",
    "mi-temps", "mi-parcours", "mi-chemin", "en-tête", "ex-fumeur", "ex-fumeurs",
    "ex-fumeuse", "ex-fumeuses", "co-investigateur", "co-investigateurs",
    "co-investigatrice", "co-investigatrices"})
_CAPITALS = re.compile(r"[A-Z][A-Z0-9]*")
_CAPITALS_TAIL = re.compile(r"[A-Z]+\d*")
_HYPHENATED_NUMBER = re.compile(r"-\d")  # after an identifier's part: "-0817-20012"
# Endings that are also words ("reli-\nable", "care-\nless", "seule-\nment"): no compound.
_SUFFIXES = frozenset({"able", "less", "ness", "ship", "ships", "ward", "wards", "wise",
                       "ment", "ments"})


def keeps_line_end_hyphen(head: str, tail: str, words: frozenset[str], *,
                          hyphenated: bool = True, then: str = "") -> bool:
    """Whether "head-" at a line end and "tail" on the next line are a hyphenated compound
    ("double-blind", "Sud-Est") rather than one word split by the typesetter ("consente-ment").

    ``head`` may end a compound ("intention-to"); ``words``: :func:`text_words` of the
    document; ``then``: what follows ``tail`` on its line. The document's own spelling
    decides first: the compound written on one line elsewhere, else the whole word. In a
    text whose typesetter does not cut words (``hyphenated`` false, see :func:`cuts_words`),
    any other split is a compound's. Otherwise a known compound ("in-person") keeps its
    hyphen, and the split is read as a typesetter's, which leaves two letters or more on a
    line and splits words and acronyms, not names or numbers, unless its halves are words
    that make compounds, or an identifier written with hyphens ("PB-" / "PG-0817-20012").
    """
    head = head.translate(AS_ASCII)
    last = head.rsplit("-", 1)[-1]
    if f"{last}-{tail}".lower() in words:
        return True
    if (last + tail).lower() in words:
        return False
    if not hyphenated:
        return True
    if f"{last}-{tail}".lower() in _COMPOUNDS:
        return True
    if len(last) == 1:  # "t-\ntest", "C-\nreactive"
        return True
    if _CAPITALS.fullmatch(last) and _CAPITALS_TAIL.fullmatch(tail):
        # An identifier written with hyphens, split at one of them: "PB-\nPG-0817-20012".
        if _HYPHENATED_NUMBER.match(then):
            return True
        return False  # a word in capitals or an identifier: "CON-\nSORT", "NC-\nT01761331"
    if not tail[0].islower() or last[-1].isdigit():  # "Sud-\nEst", "COVID-\n19", "5-\nyear"
        return True
    last, tail = last.lower(), tail.lower()
    if last in _COMPOUND_HEADS or tail in _COMPOUND_TAILS:
        return True
    if last not in words:
        return False
    if "-" in head and len(last) <= 3:  # "intention-to-\ntreat", "c'est-à-\ndire"
        return True
    # Two words of the document ("computer-\ngenerated", "sous-\ngroupe"), but not a short
    # head ("be-\ncause", "in-\nform") nor an ending ("reli-\nable"): those are syllables.
    return len(last) >= 3 and tail in words and tail not in _SUFFIXES


def text_words(text: str) -> frozenset[str]:
    """The words of ``text`` and its compounds' pairs of words ("double-blind"), lower case,
    from the text on one line: the halves of a word split at a line end are no words."""
    whole = _WRAPPED_WORD.sub(" ", text.translate(AS_ASCII))
    words = {word.lower() for word in _WORD.findall(whole)}
    for compound in _SAME_LINE_COMPOUND.findall(whole):
        parts = compound.lower().split("-")
        words.update(f"{a}-{b}" for a, b in zip(parts, parts[1:], strict=False))
    return frozenset(words)


# A word cut at a line's end (_Cut): letters or digits right before the hyphen (the compound
# they end included: "cost-effect-"), maybe spaces the viewer kept, the line break, maybe
# the next line's indent, and a word. A hyphen after a space or after another hyphen ("the
# trial -", "--") is a dash, and en and em dashes are punctuation: none of them is matched.
# Found from the line break back (a pattern that starts with the head would be tried at every
# letter of the text, a third of a benchmark article's reading time).
_CUT_POINT = re.compile(
    rf"(?<=[^\W_])(?P<hyphen>[{LINE_END_HYPHENS}])[ \t]*\n[ \t]*(?P<tail>[^\W_]+)")
_HEAD = re.compile(r"[^\W_]+(?:[-\u2010\u2011][^\W_]+)*\Z")
_LONGEST_HEAD = 120  # characters looked back for a cut word and the compound it ends


@dataclass(frozen=True)
class _Cut:
    head: str  # the word before the hyphen, with the compound it ends ("cost-effect")
    hyphen: str
    tail: str  # the word after the line break
    hyphen_at: int
    tail_at: int


def _cuts(text: str) -> Iterator[_Cut]:
    """Each word of ``text`` hyphenated at a line's end, in the order of the text."""
    for match in _CUT_POINT.finditer(text):
        at = match.start("hyphen")
        head = _HEAD.search(text, max(0, at - _LONGEST_HEAD), at)
        if head is not None:
            yield _Cut(head.group(), match.group("hyphen"), match.group("tail"), at,
                       match.start("tail"))
# A numbered item at a line's start ("1. Adults", "2) Children").
_NUMBERED = re.compile(r"\d{1,2}[.)][ \t]")
# "pre-" / "and post-test", "pré-" / "et post-opératoire": a hyphen left hanging for the
# compound's second half to come, with its space after it ("investigat-" / "or will" is a
# word cut before its last syllable).
_SUSPENDED = re.compile(r"(?:and|or|nor|et|ou)[ \t]+[^\W_]+[-\u2010\u2011][^\W_]")


def _hangs(head: str, tail: str, following: str, words: frozenset[str]) -> bool:
    """Whether "head-" is a hyphen left hanging before ``following``, the next line ("pre-" /
    "and post-test"), rather than a word cut before a syllable that is also a conjunction,
    which the document writes whole elsewhere ("Pri-" / "or cluster-randomised trials" and
    "prior")."""
    last = head.translate(AS_ASCII).rsplit("-", 1)[-1]
    return bool(_SUSPENDED.match(following)) and (last + tail).lower() not in words


def cuts_words(text: str, words: frozenset[str]) -> bool:
    """Whether the typesetter of ``text`` cut words at its lines' ends, as journals and word
    processors set to hyphenate do; a browser, and a word processor by default, breaks a
    line only at a compound's own hyphen. Told by the splits the document's own spelling
    decides (:func:`keeps_line_end_hyphen`; ``words``: :func:`text_words` of ``text``): a
    text that cuts words has many split words written whole elsewhere ("treat-" / "ment"
    and "treatment"), few compounds; one that does not, compounds only. Two compounds and
    four times as many as words tell it; short of them, the words are taken as cut, as a
    PDF's usually are."""
    cut = compounds = 0
    for found in _cuts(text):
        last = found.head.translate(AS_ASCII).rsplit("-", 1)[-1].lower()
        tail = found.tail.lower()
        if f"{last}-{tail}" in words:
            compounds += 1
        elif last + tail in words:
            cut += 1
    return compounds < 2 or compounds <= 4 * cut


@dataclass(frozen=True)
class Spelling:
    """What a document's own spelling tells of its line-end hyphens: its words and its
    compounds' pairs of words (:func:`text_words`), and whether its typesetter cut words
    (:func:`cuts_words`)."""

    words: frozenset[str] = frozenset()
    cuts_words: bool = True


# Where the document is not at hand: no word of it decides, and its words are taken as cut.
UNKNOWN_SPELLING = Spelling()


def spelling_of(text: str) -> Spelling:
    """:class:`Spelling` of a document's whole ``text``."""
    words = text_words(text)
    return Spelling(words, cuts_words(text, words))


def cut_words(text: str, spelling: Spelling | None = None) -> list[tuple[int, int, str]]:
    """The words of ``text`` hyphenated at a line's end, as edits (start, end, replacement)
    of the hyphen and line break between their halves: "" joins a word the typesetter cut
    ("treat-" / "ment"), "-" keeps a compound's own hyphen ("in-" / "person", "Sud-" / "Est",
    "COVID-" / "19", as :func:`keeps_line_end_hyphen` decides); a soft hyphen is always
    dropped. Left as they are: a dash ("the trial -", "–", "—"), a hyphen above a line that
    opens a list's item ("a) adults", "2. Adults"), and a hanging hyphen ("pre-" / "and
    post-test"). A line break after a slash that ends a line goes too ("and/" / "or":
    :func:`_slash_breaks`). ``spelling``: the whole document's, when ``text`` is a part of
    it (a sentence); by default ``text``'s own."""
    edits = _slash_breaks(text)
    if not any(_cuts(text)):
        return edits  # most texts: no need for their words
    if spelling is None:
        spelling = spelling_of(text)
    for found in _cuts(text):
        head, hyphen, tail = found.head, found.hyphen, found.tail
        line_end = text.find("\n", found.tail_at)
        following = text[found.tail_at:None if line_end < 0 else line_end]
        if (_hangs(head, tail, following, spelling.words) or _NUMBERED.match(following)
                or starts_item(following, following, above_ends=True)):
            continue
        kept = hyphen != _SOFT_HYPHEN and keeps_line_end_hyphen(
            head, tail, spelling.words, hyphenated=spelling.cuts_words,
            then=following[len(tail):])
        edits.append((found.hyphen_at, found.tail_at, hyphen if kept else ""))
    return sorted(edits)


# A slash that ends a line right after a word, the next line going on with a word: "and/" /
# "or radiotherapy", "et/" / "ou", "mg/" / "kg".
_SLASH_AT_LINE_END = re.compile(r"(?<=[^\W_])/[ \t]*\n[ \t]*(?=[^\W_])")


def _slash_breaks(text: str) -> list[tuple[int, int, str]]:
    """The line breaks of ``text`` right after a slash that ends a line ("and/" / "or"), as
    edits (start, end, "") that take them out: the words on both sides of a slash are
    written together ("and/or"), and the line break read as a space would split them ("and/
    or"). Left as they are: a line break above a line that opens a list's item ("1. Adults",
    "a) adults", "• adults") or that is a usual section's name ("Methods"), which the slash
    does not join."""
    edits = []
    for match in _SLASH_AT_LINE_END.finditer(text):
        line_end = text.find("\n", match.end())
        following = text[match.end():None if line_end < 0 else line_end]
        if (_NUMBERED.match(following) or starts_item(following, following, above_ends=True)
                or is_known_heading(following)):
            continue
        edits.append((match.start() + 1, match.end(), ""))
    return edits


_LINE_BREAK = re.compile(r"\s*\n\s*")


def join_lines(text: str, spelling: Spelling | None = None) -> str:
    """``text`` with its line-end hyphenations resolved (:func:`cut_words`: the hyphen kept
    as written, the word joined, or a hanging hyphen left before its space), the line break
    after a slash that ends a line taken out, and its other line breaks read as spaces: a
    quotation, or a heading wrapped over lines, as a person reads it."""
    pieces: list[str] = []
    cursor = 0
    for start, end, kept in cut_words(text, spelling):
        pieces += [text[cursor:start], kept]
        cursor = end
    pieces.append(text[cursor:])
    return _LINE_BREAK.sub(" ", "".join(pieces))


def join_cut_words(document: Document) -> Document:
    """``document`` (read from text copied from a PDF viewer) with the words it cut at a
    line's end joined (:func:`cut_words`), its pages, sections and sentences moved with the
    text. Its sentences were found on the lines as copied, whose widths tell where a
    sentence goes on; a word is joined only within one sentence."""
    starts = [sentence.start for sentence in document.sentences]

    def one_sentence(start: int, end: int) -> bool:
        index = bisect_right(starts, start) - 1
        return index >= 0 and document.sentences[index].end >= end

    edits = [(start, end, kept) for start, end, kept in cut_words(document.text)
             if one_sentence(start - 1, end + 1)]
    if not edits:
        return document
    pieces: list[str] = []
    edit_starts: list[int] = []
    removed: list[int] = []  # the characters taken out up to each edit's end
    cursor = total = 0
    for start, end, kept in edits:
        pieces += [document.text[cursor:start], kept]
        edit_starts.append(start)
        total += end - start - len(kept)
        removed.append(total)
        cursor = end
    pieces.append(document.text[cursor:])

    def moved(offset: int) -> int:
        """Where ``offset`` of the text as copied is in the joined text; an offset inside
        an edit's span (a page's end at its line break) goes to the edit's end."""
        index = bisect_left(edit_starts, offset) - 1  # the last edit that starts before it
        if index < 0:
            return offset
        return max(offset, edits[index][1]) - removed[index]

    return replace(
        document, text="".join(pieces),
        pages=[Page(p.number, moved(p.start), moved(p.end)) for p in document.pages],
        sections=[Section(s.title, s.level, moved(s.start), moved(s.end))
                  for s in document.sections],
        sentences=[Sentence(moved(s.start), moved(s.end), s.page, s.section)
                   for s in document.sentences],
        table_headers=[(moved(start), moved(end)) for start, end in document.table_headers])
