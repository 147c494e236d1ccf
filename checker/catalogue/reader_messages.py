"""Why a catalogue file could not be read, worded for the people who edit it, in their language.

The YAML reader (PyYAML, with or without libyaml), the JSON reader and Python's regular
expressions give their reasons in English only. The common ones are listed here, each as
the reader words it (a regular expression over its text) and a message id whose English is
that same text: an English reader sees what the reader said, a French one a translation that
says what is wrong and, where it is clear, what to do. A reason not listed is shown as the
reader gave it, in every language. The place (file, line and column, or the position in a
pattern) is said by the caller's message, around the reason.
"""

from __future__ import annotations

import json
import re
from typing import Any

import yaml

from .errors import N_, Message, quoted

Table = list[tuple[re.Pattern[str], str]]


def _table(*rows: tuple[str, str]) -> Table:
    return [(re.compile(pattern), message) for pattern, message in rows]


# The readers' names and characters, quoted in the language's quotation marks ('…' in
# English, as the readers write them).
_QUOTED = ("character", "tag", "name")


def _worded(table: Table, reason: str, **variables: Any) -> Message | str:
    """``reason`` as the table words it (its named groups as variables), else as given."""
    for pattern, message in table:
        found = pattern.fullmatch(reason)
        if found:
            named = {key: quoted(value) if key in _QUOTED else value
                     for key, value in found.groupdict().items()}
            return Message(message, {**named, **variables})
    return reason


# --- YAML -----------------------------------------------------------------------------------

# PyYAML's "problem", both as libyaml (the reader used when PyYAML was built with it) and as
# the pure-Python reader word it.
_YAML = _table(
    (r"could not find expected ':'", N_("could not find expected ':'")),
    (r"mapping values are not allowed (?:in this context|here)",
     N_("mapping values are not allowed in this context")),
    (r"found a tab character (?:that violates indentation|where an indentation space is "
     r"expected)|found character '\\t' that cannot start any token",
     N_("found a tab character that violates indentation")),
    (r"found character '(?P<character>.*)' that cannot start any token",
     N_("found character %(character)s that cannot start any token")),
    (r"did not find expected key|expected <block end>, but found .*",
     N_("did not find expected key")),
    (r"did not find expected '-' indicator", N_("did not find expected '-' indicator")),
    (r"(?:block )?sequence entries are not allowed (?:in this context|here)",
     N_("block sequence entries are not allowed in this context")),
    (r"did not find expected ',' or '\]'|expected ',' or '\]', but got .*",
     N_("did not find expected ',' or ']'")),
    (r"did not find expected ',' or '\}'|expected ',' or '\}', but got .*",
     N_("did not find expected ',' or '}'")),
    (r"found unexpected end of stream", N_("found unexpected end of stream")),
    (r"found unknown escape character(?: .*)?", N_("found unknown escape character")),
    (r"did not find expected node content|expected the node content, but found .*",
     N_("did not find expected node content")),
    (r"found undefined alias(?: .*)?", N_("found undefined alias")),
    (r"found undefined tag handle(?: .*)?", N_("found undefined tag handle")),
    (r"could not determine a constructor for the tag '(?P<tag>.*)'",
     N_("could not determine a constructor for the tag %(tag)s")),
    (r"but found another document", N_("but found another document")),
    (r"did not find expected alphabetic or numeric character|expected alphabetic or numeric "
     r"character, but found .*", N_("did not find expected alphabetic or numeric character")),
    (r"found unknown directive name|expected '<document start>', but found .*",
     N_("found unknown directive name")),
)

# Where what was not closed began ("context", with its own mark): said when it is on
# another line than the problem, where the reader stopped (a quotation mark opened ten
# lines above the end of the file).
_YAML_STARTS = _table(
    (r"while scanning a simple key", N_("the key starts at line %(line)d, column %(column)d")),
    (r"while (?:scanning|parsing) an? (?:double-|single-)?quoted scalar",
     N_("the quoted text starts at line %(line)d, column %(column)d")),
    (r"while parsing a flow sequence",
     N_("the list in [ ] starts at line %(line)d, column %(column)d")),
    (r"while parsing a flow mapping",
     N_("the mapping in { } starts at line %(line)d, column %(column)d")),
    (r"while scanning a block scalar",
     N_("the block of text starts at line %(line)d, column %(column)d")),
)


def _character_at(text: str, line: int, column: int) -> str | None:
    lines = text.splitlines()
    if 0 <= line < len(lines) and 0 <= column < len(lines[line]):
        return lines[line][column]
    return None


def yaml_problem(exc: yaml.YAMLError, text: str) -> tuple[int, int, Message | str] | None:
    """Line and column (from 1) where ``exc`` stopped reading ``text``, and why, worded;
    None if it says no place."""
    if isinstance(exc, yaml.reader.ReaderError):  # a character YAML does not allow
        before = text[:exc.position]
        line, column = before.count("\n") + 1, exc.position - (before.rfind("\n") + 1) + 1
        if isinstance(exc.character, int):
            code = f"#x{exc.character:04x}"
            return line, column, Message(N_("unacceptable character %(code)s: control "
                                            "characters are not allowed"), {"code": code})
        return line, column, str(exc.reason)
    mark = getattr(exc, "problem_mark", None)
    if mark is None:
        return None
    problem = str(getattr(exc, "problem", None) or exc)
    if problem == "found character that cannot start any token":
        # libyaml does not say which: the pure-Python reader does (a tab is the usual one).
        character = _character_at(text, mark.line, mark.column)
        if character is not None:
            problem = f"found character {character!r} that cannot start any token"
    context, start = getattr(exc, "context", None), getattr(exc, "context_mark", None)
    reason = _worded(_YAML, problem)
    if isinstance(reason, str):  # not listed: the reader's own words, all of them
        return mark.line + 1, mark.column + 1, f"{context}: {problem}" if context else problem
    if context and start is not None and start.line != mark.line:
        began = _worded(_YAML_STARTS, str(context), line=start.line + 1,
                        column=start.column + 1)
        if isinstance(began, Message):
            reason = Message(N_("%(reason)s (%(start)s)"), {"reason": reason, "start": began})
    return mark.line + 1, mark.column + 1, reason


# --- JSON -----------------------------------------------------------------------------------

_JSON = _table(
    (r"Expecting ',' delimiter", N_("Expecting ',' delimiter")),
    (r"Expecting ':' delimiter", N_("Expecting ':' delimiter")),
    (r"Expecting property name enclosed in double quotes",
     N_("Expecting property name enclosed in double quotes")),
    (r"Expecting value", N_("Expecting value")),
    (r"Extra data", N_("Extra data")),
    (r"Unterminated string starting at", N_("Unterminated string starting at")),
    (r"Invalid control character at", N_("Invalid control character at")),
    (r"Invalid \\escape", N_("Invalid \\escape")),
    (r"Invalid \\uXXXX escape", N_("Invalid \\uXXXX escape")),
)


def json_reason(exc: json.JSONDecodeError) -> Message | str:
    """Why the JSON reader stopped (its line and column are the exception's), worded."""
    return _worded(_JSON, exc.msg)


# --- Regular expressions --------------------------------------------------------------------

_REGEX = _table(
    (r"missing \), unterminated subpattern", N_("missing ), unterminated subpattern")),
    (r"unbalanced parenthesis", N_("unbalanced parenthesis")),
    (r"nothing to repeat", N_("nothing to repeat")),
    (r"multiple repeat", N_("multiple repeat")),
    (r"unterminated character set", N_("unterminated character set")),
    (r"bad escape \(end of pattern\)", N_("bad escape (end of pattern)")),
    (r"bad escape (?P<escape>.+)", N_("bad escape %(escape)s")),
    (r"redefinition of group name '(?P<name>.*)' as group (?P<group>\d+); was group "
     r"(?P<first>\d+)",
     N_("redefinition of group name %(name)s as group %(group)s; was group %(first)s")),
    (r"unknown group name '(?P<name>.*)'", N_("unknown group name %(name)s")),
    (r"bad character range (?P<range>.+)", N_("bad character range %(range)s")),
    (r"look-behind requires fixed-width pattern",
     N_("look-behind requires fixed-width pattern")),
    (r"global flags not at the start of the expression",
     N_("global flags not at the start of the expression")),
    (r"min repeat greater than max repeat", N_("min repeat greater than max repeat")),
    (r"invalid group reference (?P<group>\d+)", N_("invalid group reference %(group)s")),
    (r"unknown extension (?P<extension>.+)", N_("unknown extension %(extension)s")),
    (r"missing >, unterminated name", N_("missing >, unterminated name")),
    (r"unexpected end of pattern", N_("unexpected end of pattern")),
    (r"missing \), unterminated comment", N_("missing ), unterminated comment")),
)
# The part of a pattern shown from where its problem is.
_SHOWN_FROM = 30


def regex_reason(exc: re.error, *, located: bool = True) -> Message | str:
    """Why a pattern does not compile, worded; with where in the pattern (the position,
    from 0 as Python counts, and the pattern from there) when ``located``."""
    reason = _worded(_REGEX, exc.msg)
    pattern = exc.pattern
    if not located or exc.pos is None or not isinstance(pattern, str):
        return reason
    rest = pattern[exc.pos:]
    if not rest:  # the pattern ended too soon
        return Message(N_("%(reason)s at position %(position)d"),
                       {"reason": reason, "position": exc.pos})
    rest = rest if len(rest) <= _SHOWN_FROM else rest[:_SHOWN_FROM] + "…"
    return Message(N_("%(reason)s at position %(position)d (%(rest)s)"),
                   {"reason": reason, "position": exc.pos, "rest": quoted(rest)})
