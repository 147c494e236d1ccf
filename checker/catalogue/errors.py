"""Errors raised when a catalogue cannot be loaded or fails validation.

Their messages are read by the people who edit a catalogue, in the language of the command
line or of the web page that reports them: each is kept as its English message id with its
variables (a :class:`Message`) and worded when shown, by :meth:`Problem.text` given that
language's ``gettext`` (the command line's ``checker.cli_i18n._`` or Flask-Babel's, whose
``%(name)s`` variables are the same). Paths, ids, field names and values are variables,
shown verbatim; the reasons of the YAML, JSON and regular-expression readers are worded again
from what they say (:mod:`checker.catalogue.reader_messages`), as are the JSON Schema's
(:mod:`checker.catalogue.schema_messages`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

Translate = Callable[..., str]
"""A ``gettext``: ``_(message_id, **variables)`` -> the message in one language."""


def N_(text: str) -> str:  # noqa: N802 (gettext's name for a marker)
    """Mark ``text`` for extraction only: it is translated when shown."""
    return text


def english(text: str, /, **variables: Any) -> str:
    """The messages are written in English: the message id itself, its variables filled."""
    return text % variables if variables else text


@dataclass(frozen=True)
class Message:
    """A message id (English, with ``%(name)s`` variables) and its variables. A variable may
    itself be a message, or a list of them (shown joined by commas)."""

    text: str
    variables: Mapping[str, Any] = dataclasses.field(default_factory=dict)

    def render(self, _: Translate = english) -> str:
        return _(self.text, **{name: _shown(value, _)
                               for name, value in self.variables.items()})


def _shown(value: Any, _: Translate) -> Any:
    if isinstance(value, Message):
        return value.render(_)
    if isinstance(value, list | tuple):
        return ", ".join(str(_shown(item, _)) for item in value)
    return value


def quoted(text: str) -> Message:
    """``text`` in the language's quotation marks ('…' in English, « … » in French)."""
    return Message(N_("'%(quoted)s'"), {"quoted": text})


# Where a problem is, in the reader's language: file, invariant, field.
_LOCATIONS = {
    (False, False): N_("%(file)s: %(message)s"),
    (True, False): N_("%(file)s: invariant %(invariant)s: %(message)s"),
    (False, True): N_("%(file)s: field %(field)s: %(message)s"),
    (True, True): N_("%(file)s: invariant %(invariant)s: field %(field)s: %(message)s"),
}


@dataclass(frozen=True)
class Problem:
    """One precise validation failure: where it is and what is wrong."""

    file: str
    message: Message
    invariant: str | None = None
    field: str | None = None

    def text(self, _: Translate = english) -> str:
        """The problem with its place, worded by ``_`` (English by default)."""
        return _(_LOCATIONS[bool(self.invariant), bool(self.field)], file=self.file,
                 invariant=self.invariant, field=self.field, message=self.message.render(_))

    def __str__(self) -> str:
        return self.text()


class CatalogueError(Exception):
    """A catalogue is unreadable or invalid; ``problems`` lists every failure found."""

    def __init__(self, problems: Sequence[Problem]):
        self.problems = list(problems)
        super().__init__(self.text())

    def text(self, _: Translate = english) -> str:
        """Every problem, one a line, worded by ``_`` (English by default)."""
        return "\n".join(problem.text(_) for problem in self.problems)
