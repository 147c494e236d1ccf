"""The marks that open a list's item at the start of a line of plain text: bullets ("•",
"○", "▪", "-", "–") and items lettered or numbered in roman ("a)", "(c)", "ii.", "IV)").

Text copied from a PDF viewer, or typed and hard-wrapped, has no blank line between a list's
items: the mark alone tells where one ends and the next begins. Marks that can also stand in
running text count only where the list is plain: a spaced dash ("les patients – âgés de 18
ans – seront …") or a letter in brackets ("… to (a) the intervention or\\n(b) usual care")
may open a line that a sentence wrapped onto.
"""

from __future__ import annotations

import re

# Bullets of word processors and PDFs, and a hyphen typed as one: none of them opens a line
# of running text.
_BULLET = re.compile(r"[ \t]*[-•◦○●▪▫■□‣⁃∙·►▸▹➢➤✓✔❖*+][ \t]")
# An en or em dash: a bullet in a list, a parenthetical dash in a sentence wrapped before it.
_DASH = re.compile(r"[ \t]*[–—][ \t]")
# "a)", "(b)", "c.", "ii)", "(iv)", "IV." and so on: a letter or a roman numeral, in one case.
_LETTERED = re.compile(r"[ \t]*(\()?([a-z]{1,6}|[A-Z]{1,6})(?(1)\)|[.)])[ \t]")
_ROMAN = re.compile(r"(x{0,3})(ix|iv|v?i{0,3})")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10}


def _roman(token: str) -> int | None:
    """The value of a roman numeral up to 39 ("iv" 4, "xii" 12), or None."""
    token = token.lower()
    if not token or not _ROMAN.fullmatch(token):
        return None
    values = [_ROMAN_VALUES[c] for c in token]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v
               for i, v in enumerate(values))


def _item_label(line: str) -> tuple[str, str] | None:
    """("(x)", "b") for a line opening with "(b) ", (".", "IV") for "IV. ": the label's form
    and its letter or numeral; None for a line that opens with no such label. A capital
    letter with a full stop is an initial ("A. Smith"), unless a roman numeral ("II.")."""
    match = _LETTERED.match(line)
    if match is None:
        return None
    token = match.group(2)
    is_letter = len(token) == 1
    if not is_letter and _roman(token) is None:
        return None
    form = "(x)" if match.group(1) else match.group().rstrip()[-1]
    if form == "." and token.isupper() and _roman(token) is None:
        return None
    return form, token


def _follows(label: tuple[str, str], previous: tuple[str, str]) -> bool:
    """Whether ``label`` is the next one after ``previous`` ("b)" after "a)", "iv." after
    "iii.", "j)" after "i)" as letters)."""
    (form, token), (previous_form, previous_token) = label, previous
    if form != previous_form or token.isupper() != previous_token.isupper():
        return False
    if len(token) == len(previous_token) == 1 and ord(token) == ord(previous_token) + 1:
        return True
    value, previous_value = _roman(token), _roman(previous_token)
    return value is not None and previous_value is not None and value == previous_value + 1


def starts_bullet(line: str) -> bool:
    """Whether ``line`` opens with a bullet ("• ", "▪ ", "- "…): an item of a list, wherever it
    stands, as no line of running text opens so."""
    return _BULLET.match(line) is not None


def starts_item(line: str, opening: str, *, above_ends: bool) -> bool:
    """Whether ``line`` opens an item of a list rather than going on with the line above it,
    in a paragraph (or item) whose first line is ``opening``; ``above_ends`` tells whether
    the line above ends as a sentence or an introduction to a list does (a stop, a colon).

    A bullet always opens an item. A dash, or a list's first label ("a)", "(i)"), opens one
    after a line that ends a sentence or introduces the list; a dash after an item that a
    dash opened, and a later label ("b)") after the item labelled just before it. Otherwise
    the line goes on with the sentence above: "(b)" in "to (a) the intervention or (b) usual
    care" may start a wrapped line."""
    if starts_bullet(line):
        return True
    if _DASH.match(line):
        return above_ends or _DASH.match(opening) is not None
    label = _item_label(line)
    if label is None:
        return False
    if label[1] in ("a", "A", "i", "I") and above_ends:
        return True
    opened = _item_label(opening)
    return opened is not None and _follows(label, opened)

