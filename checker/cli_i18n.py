"""The command line's language: French when ``NPIS_LANG``, or else the locale, says so.

The messages come from the web interface's gettext catalogue (``checker/translations``), read
with the standard library, without the web app: ``analyse``, ``bench`` or ``catalogue validate``
never create it. ``_`` and ``ngettext`` take their variables as Flask-Babel's do (``%(name)s``),
so the command line and the web pages share their messages. Help texts, written when a module
is imported, are marked with ``N_`` (extracted, not translated there) and translated when
shown, by the :class:`Command`, :class:`Group` and :class:`Option` classes. Click's own words
(``Usage:``, ``Error:``, ``Missing option``, the password confirmation...) are translated too,
with the same catalogue (see :data:`CLICK_MESSAGES`).

Machine-readable output (JSON, the benchmark's figures, CSV and Excel keys) is never
translated: only what is written for a person to read.
"""

from __future__ import annotations

import gettext as stdlib_gettext
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import click

TRANSLATIONS = Path(__file__).resolve().parent / "translations"
LANGUAGES = ("en", "fr")
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")  # POSIX order: the first set one wins


def cli_language(environ: Mapping[str, str] | None = None) -> str:
    """``fr`` or ``en``: ``NPIS_LANG`` when it says one of them, else the locale (``LC_ALL``,
    else ``LC_MESSAGES``, else ``LANG``) when it starts with ``fr``, else English."""
    env = os.environ if environ is None else environ
    chosen = env.get("NPIS_LANG", "").strip().lower()[:2]
    if chosen in LANGUAGES:
        return chosen
    for name in LOCALE_VARIABLES:
        value = env.get(name, "").strip()
        if value:
            return "fr" if value.lower().startswith("fr") else "en"
    return "en"


@cache
def _catalogue(lang: str) -> stdlib_gettext.NullTranslations:
    if lang == "en":  # the messages are written in English
        return stdlib_gettext.NullTranslations()
    return stdlib_gettext.translation("messages", str(TRANSLATIONS), languages=[lang],
                                      fallback=True)


def _(string: str, **variables: Any) -> str:
    """``string`` in the command line's language, with ``%(name)s`` variables filled."""
    text = _catalogue(cli_language()).gettext(string)
    return text % variables if variables else text


def ngettext(singular: str, plural: str, num: int, **variables: Any) -> str:
    """The singular or plural form for ``num`` (also given as ``%(num)d``)."""
    variables.setdefault("num", num)
    return _catalogue(cli_language()).ngettext(singular, plural, num) % variables


def prompt_suffix() -> str:
    """What follows a prompt: French sets a no-break space before the colon."""
    return "\u00a0: " if cli_language() == "fr" else ": "


def N_(string: str) -> str:  # noqa: N802 (gettext's name for a marker)
    """Mark ``string`` for extraction only: it is translated where it is shown."""
    return string


# Click's own messages that our users meet, with their French in the catalogue. Click reads
# them with the standard ``gettext`` (the system's domain, in English here): :func:`install`
# routes them through :func:`_click_gettext`. Listed here so that extraction keeps them.
HELP_OPTION = N_("Show this message and exit.")
CLICK_MESSAGES = (
    N_("Usage:"), N_("Options"), N_("Commands"), HELP_OPTION,
    N_("Show the version and exit."), N_("%(prog)s, version %(version)s"),
    N_("Error: {message}"), N_("Try '{command} {option}' for help."),
    N_("Missing argument"), N_("Missing option"), N_("Missing parameter"),
    N_("Missing command."), N_("No such command {name!r}."), N_("No such option: {name}"),
    N_("Invalid value: {message}"), N_("Invalid value for {param_hint}: {message}"),
    N_("default: {default}"), N_("env var: {var}"), N_("required"), N_("Aborted!"),
    N_("Repeat for confirmation"), N_("Error: The two entered values do not match."),
    N_("{name} {filename!r} does not exist."), N_("{name} {filename!r} is a file."),
    N_("{name} {filename!r} is a directory."), N_("{name} {filename!r} is not readable."),
    N_("{name} {filename!r} is not writable."), N_("{value!r} is not a valid {number_type}."),
    N_("{value} is not in the range {range}."), N_("Option {name!r} does not take a value."),
)


def click_plurals(n: int) -> tuple[str, ...]:
    """Click's messages with a count, written out here for extraction only."""
    return (
        ngettext("{value!r} is not {choice}.", "{value!r} is not one of {choices}.", n),
        ngettext("Got unexpected extra argument ({args})",
                 "Got unexpected extra arguments ({args})", n),
        ngettext("Option {name!r} requires an argument.",
                 "Option {name!r} requires {nargs} arguments.", n),
        ngettext("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)", n),
    )


def _click_gettext(message: str) -> str:
    return _catalogue(cli_language()).gettext(message)


def _click_ngettext(singular: str, plural: str, num: int) -> str:
    return _catalogue(cli_language()).ngettext(singular, plural, num)


def install() -> None:
    """Route click's own messages through the command line's language (once; harmless to
    anything else using click: a message not in the catalogue stays as it is)."""
    import click.core
    import click.decorators
    import click.exceptions
    import click.formatting
    import click.parser
    import click.termui
    import click.types

    for module in (click.core, click.decorators, click.exceptions, click.formatting,
                   click.parser, click.termui, click.types):
        if getattr(module, "_", None) is stdlib_gettext.gettext:
            module._ = _click_gettext  # type: ignore[attr-defined]
        if getattr(module, "ngettext", None) is stdlib_gettext.ngettext:
            module.ngettext = _click_ngettext  # type: ignore[attr-defined]


@contextmanager
def _translated(thing: Any, *attributes: str) -> Iterator[None]:
    """``thing``'s help texts translated while click formats them (then as written)."""
    saved = {name: getattr(thing, name) for name in attributes}
    for name, value in saved.items():
        if value:
            setattr(thing, name, _(value))
    try:
        yield
    finally:
        for name, value in saved.items():
            setattr(thing, name, value)


class Option(click.Option):
    """An option whose help is translated when shown."""

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        with _translated(self, "help"):
            return super().get_help_record(ctx)


class Command(click.Command):
    """A command whose help is translated when shown."""

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with _translated(self, "help"):
            super().format_help_text(ctx, formatter)

    def get_short_help_str(self, limit: int = 45) -> str:
        with _translated(self, "help", "short_help"):
            return super().get_short_help_str(limit)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        # Click makes ``--help`` once, its help translated then: made ours, written as the
        # message id, so that it is translated each time it is shown.
        option = super().get_help_option(ctx)
        if option is not None and not isinstance(option, Option):
            option.__class__ = Option
            option.help = HELP_OPTION
        return option


class Group(Command, click.Group):
    """A group whose help, and its commands' help, are translated when shown."""

    command_class = Command
    group_class = type  # its subgroups are Groups too


def option(*param_decls: str, **attrs: Any) -> Any:
    """``click.option`` with a translated help."""
    attrs.setdefault("cls", Option)
    return click.option(*param_decls, **attrs)


def command(name: str | None = None, **attrs: Any) -> Any:
    """``click.command`` with translated help."""
    attrs.setdefault("cls", Command)
    return click.command(name, **attrs)


def group(name: str | None = None, **attrs: Any) -> Any:
    """``click.group`` with translated help."""
    attrs.setdefault("cls", Group)
    return click.group(name, **attrs)
