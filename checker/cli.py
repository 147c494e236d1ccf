"""Command line entry point ``npis-check``: a thin layer over the service functions."""

from __future__ import annotations

import importlib
import sys
from typing import Any

import click

from . import __version__
from .cli_i18n import N_, Group, Option, _, install

install()  # click's own words (Usage, Error...) in the user's language

# The module of each command, imported only when that command runs (or help lists it): the
# commands that need neither the web app nor the database (analyse, compare, bench,
# catalogue) start without loading them, about half a second sooner.
COMMAND_MODULES = {
    "analyse": "cli_evidence", "compare": "cli_evidence", "bench": "cli_evidence",
    "catalogue": "cli_catalogue", "demo": "cli_demo",
    "verify": "cli_dossier", "dossier": "cli_dossier",
    "serve": "cli_reports", "report": "cli_reports", "import": "cli_reports",
    "user": "cli_reports", "db": "cli_reports",
}


class _Main(Group):
    """Loads commands on demand, and turns an unreachable database into one clear line
    instead of a traceback."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMAND_MODULES)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        module = COMMAND_MODULES.get(name)
        if module is None:
            return None
        commands = importlib.import_module(f"{__package__}.{module}").COMMANDS
        return next(command for command in commands if command.name == name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except Exception as exc:
            from .config import ConfigError

            if isinstance(exc, ConfigError):
                raise click.ClickException(str(exc)) from exc
            # Only a command that used the database can raise its errors, and it loaded them.
            database_errors = sys.modules.get("sqlalchemy.exc")
            if database_errors is None or not isinstance(exc, database_errors.OperationalError):
                raise
            reason = str(exc.orig or exc).strip().splitlines()[0]
            raise click.ClickException(_(
                "cannot use the database (%(reason)s). Check DATABASE_URL, or unset it to use "
                "the embedded SQLite database.", reason=reason)) from exc


def data_app(overrides: dict[str, Any] | None = None) -> Any:
    """The web app for a command that reads or writes data, after saying on standard error
    which database it uses (its password hidden): run without DATABASE_URL by mistake, a
    command would otherwise quietly use, and create, the SQLite file in the data directory."""
    from .config import database_in_use

    click.echo(_("database: %(database)s", database=database_in_use()), err=True)
    from .app import create_app

    return create_app(overrides)


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]},
             help=N_("npis-checker: check NPI studies against the NPIS Model invariants.\n\n"
                     "Messages are in French when NPIS_LANG=fr, or when NPIS_LANG is unset and "
                     "the locale (LC_ALL, LC_MESSAGES or LANG) is French; in English "
                     "otherwise."))
@click.version_option(__version__, prog_name="npis-check", cls=Option,
                      help=N_("Show the version and exit."))
def main() -> None:
    pass
