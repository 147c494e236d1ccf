"""Markdown's inline marks read as the page shows them: "**Méthode.** Étude de cohorte" is
"Méthode. Étude de cohorte", "[the protocol](https://…)" is "the protocol".

A Markdown document's text is its quotations' text: a quotation showing « **Méthode.** Étude
… » with its asterisks is not what its reader sees. Emphasis (``*``, ``**``, ``_``, ``__``),
code spans (backticks), links and images (their text or alt text) and backslash escapes lose
their marks; the lines' own marks stay ("#" headings, "-" list items, "|" table rows, "> "
quotations), which the headings and sentences read, and a fenced code block stays as typed.
Emphasis follows CommonMark's flanking rules, simplified: a mark opens when a word starts
right after it and closes when a word ends right before it, an underscore never inside a word
("snake_case", "NCT_01"), so a lone asterisk (a footnote's "Age*", a bullet's "* ") stays.

What the marks told is kept apart, in the plain text's offsets (:func:`plain_markdown`): the
lines wholly in bold (a heading for many authors, "**Critères d'inclusion**") and the bold
back-matter or abstract labels that start a line ("**Funding.** This study …").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .back_matter import markdown_run_in

_FENCE = re.compile(r"[ \t]{0,3}(`{3,}|~{3,})")
# A line that starts a block of its own (a heading, a list item, a table row, a quotation):
# emphasis opened on a line before it is not closed on it (as a blank line ends a paragraph).
_BLOCK_START = re.compile(r"[ \t]{0,3}(?:#{1,6}(?:[ \t]|$)|[-*+•][ \t]|\d{1,9}[.)][ \t]|\||>)")
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)")
# A link's or image's text, one level of brackets inside ("[[12]](#ref12)"), then its
# destination, maybe with a title: "[text](url)", "![alt](url "title")", "[text](<url>)".
_LINK = re.compile(r"(!?)\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]"
                   r"\((?:<[^<>\n]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)"
                   r"(?:[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'))?[ \t]*\)")
_REFERENCE_LINK = re.compile(r"(!?)\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]\[([^\[\]\n]*)\]")
_DEFINITION = re.compile(r"^[ \t]{0,3}\[([^\[\]\n]+)\]:[ \t]*\S", re.MULTILINE)
_AUTOLINK = re.compile(r"<((?:https?|ftp)://[^<>\s]+|mailto:[^<>\s]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)>")
_ESCAPE = re.compile(r"\\([!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])")
_DELIMITERS = re.compile(r"\*+|_+")
# A line wholly in bold (as structure.py reads a Markdown heading set in bold).
_BOLD_LINE = re.compile(r"[ \t]{0,3}(\*\*|__)([^*_\n]{2,90}?)\1[ \t]*")


@dataclass(frozen=True)
class PlainMarkdown:
    text: str  # as the page shows it
    bold_lines: frozenset[int]  # start offsets of the lines wholly in bold
    run_in: list[tuple[int, str]]  # (offset, name) of the bold labels that start a line


def plain_markdown(text: str) -> PlainMarkdown:
    """``text`` (Markdown) without its inline marks, and the lines its bold marks told."""
    dropped = bytearray(len(text))  # 1: a mark, not shown
    literal = bytearray(len(text))  # 1: shown as typed (code, a link's address, an escape)
    for start, end in _inline_parts(text):
        _drop_code_spans(text, start, end, dropped, literal)
        _drop_escapes(text, start, end, dropped, literal)
        _drop_links(text, start, end, dropped, literal)
        _drop_emphasis(text, start, end, dropped, literal)
    kept_before = [0] * (len(text) + 1)  # the plain offset of each offset of ``text``
    for index, mark in enumerate(dropped):
        kept_before[index + 1] = kept_before[index] + (not mark)
    plain = "".join(char for char, mark in zip(text, dropped, strict=True) if not mark)
    bold = frozenset(kept_before[offset] for offset, line in _lines(text)
                     if _BOLD_LINE.fullmatch(line))
    run_in = [(kept_before[offset], name) for offset, name in markdown_run_in(text)]
    return PlainMarkdown(plain, bold, run_in)


def _lines(text: str) -> list[tuple[int, str]]:
    lines: list[tuple[int, str]] = []
    offset = 0
    for line in text.split("\n"):
        lines.append((offset, line))
        offset += len(line) + 1
    return lines


def _inline_parts(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` whose inline marks are read together: each paragraph or block line
    outside a fenced code block (emphasis never runs from one into the next)."""
    parts: list[tuple[int, int]] = []
    fence = ""
    start: int | None = None
    for offset, line in _lines(text):
        opening = _FENCE.match(line)
        if fence or opening:
            if start is not None:
                parts.append((start, offset))
                start = None
            if fence and opening and opening.group(1)[0] == fence[0] \
                    and len(opening.group(1)) >= len(fence):
                fence = ""
            elif not fence and opening:
                fence = opening.group(1)
            continue
        if not line.strip() or _BLOCK_START.match(line):
            if start is not None:
                parts.append((start, offset))
            start = offset if line.strip() else None
        elif start is None:
            start = offset
    if start is not None:
        parts.append((start, len(text)))
    return parts


def _free(literal: bytearray, dropped: bytearray, start: int, end: int) -> bool:
    return not any(literal[start:end]) and not any(dropped[start:end])


def _mark(flags: bytearray, start: int, end: int) -> None:
    flags[start:end] = b"\x01" * (end - start)


def _drop_code_spans(text: str, start: int, end: int, dropped: bytearray,
                     literal: bytearray) -> None:
    """"`code`" shows "code", as typed inside."""
    for match in _CODE_SPAN.finditer(text, start, end):
        if "\n\n" in match.group(2) or match.start() and text[match.start() - 1] == "\\":
            continue
        _mark(dropped, match.start(1), match.end(1))
        _mark(literal, match.start(2), match.end(2))
        _mark(dropped, match.end(2), match.end())


def _drop_escapes(text: str, start: int, end: int, dropped: bytearray,
                  literal: bytearray) -> None:
    r""""\*" shows "*", a mark no longer."""
    for match in _ESCAPE.finditer(text, start, end):
        if _free(literal, dropped, match.start(), match.end()):
            _mark(dropped, match.start(), match.start() + 1)
            _mark(literal, match.start(1), match.end(1))


def _drop_links(text: str, start: int, end: int, dropped: bytearray,
                literal: bytearray) -> None:
    """A link or an image shows its text or its alt text; an autolink its address."""
    defined = {name.casefold() for name in _DEFINITION.findall(text)}
    for match in _LINK.finditer(text, start, end):
        if _free(literal, dropped, match.start(), match.start(2)):
            _mark(dropped, match.start(), match.start(2))
            _mark(dropped, match.end(2), match.end())
            _mark(literal, match.end(2), match.end())
    for match in _REFERENCE_LINK.finditer(text, start, end):
        name = (match.group(3) or match.group(2)).casefold()
        if name in defined and _free(literal, dropped, match.start(), match.end()):
            _mark(dropped, match.start(), match.start(2))
            _mark(dropped, match.end(2), match.end())
    for match in _AUTOLINK.finditer(text, start, end):
        if _free(literal, dropped, match.start(), match.end()):
            _mark(dropped, match.start(), match.start(1))
            _mark(literal, match.start(1), match.end(1))
            _mark(dropped, match.end(1), match.end())


def _drop_emphasis(text: str, start: int, end: int, dropped: bytearray,
                   literal: bytearray) -> None:
    """Emphasis marks matched as CommonMark matches them (simplified: no rule of three)."""
    # Each open run: its mark character, its start and its length still unmatched.
    openers: list[list] = []
    for match in _DELIMITERS.finditer(text, start, end):
        if not _free(literal, dropped, match.start(), match.end()):
            continue
        run_start, length, char = match.start(), len(match.group()), match.group()[0]
        before = text[run_start - 1] if run_start > start else " "
        after = text[match.end()] if match.end() < end else " "
        left = _flanking(before, after)
        right = _flanking(after, before)
        if char == "_":
            can_open = left and (not right or _is_punctuation(before))
            can_close = right and (not left or _is_punctuation(after))
        else:
            can_open, can_close = left, right
        if can_close:
            while length and (opener := _last_opener(openers, char)) is not None:
                used = 2 if length >= 2 and opener[2] >= 2 else 1
                opener[2] -= used
                _mark(dropped, opener[1] + opener[2], opener[1] + opener[2] + used)
                _mark(dropped, run_start, run_start + used)
                run_start += used
                length -= used
                # Runs opened inside the matched emphasis close nothing after it.
                del openers[openers.index(opener) + 1:]
                if not opener[2]:
                    openers.remove(opener)
        if length and can_open:
            openers.append([char, run_start, length])


def _last_opener(openers: list[list], char: str) -> list | None:
    return next((opener for opener in reversed(openers) if opener[0] == char), None)


def _flanking(before: str, after: str) -> bool:
    """CommonMark's left-flanking delimiter run (right-flanking with the sides swapped): a
    word (or punctuation after a space or punctuation) starts right after it."""
    if after.isspace():
        return False
    return not _is_punctuation(after) or before.isspace() or _is_punctuation(before)


def _is_punctuation(char: str) -> bool:
    return not (char.isalnum() or char.isspace())
