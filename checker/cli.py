"""Command line entry point ``npis-check``: a thin layer over the service functions."""

from __future__ import annotations

from typing import Any

import click
from sqlalchemy.exc import OperationalError

from . import __version__
from .cli_catalogue import catalogue_group
from .cli_demo import COMMANDS as DEMO_COMMANDS
from .cli_dossier import COMMANDS as DOSSIER_COMMANDS
from .cli_evidence import COMMANDS as EVIDENCE_COMMANDS
from .cli_reports import COMMANDS as REPORT_COMMANDS


class _Main(click.Group):
    """Turns an unreachable database into one clear line instead of a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except OperationalError as exc:
            reason = str(exc.orig or exc).strip().splitlines()[0]
            raise click.ClickException(
                f"cannot use the database ({reason}). Check DATABASE_URL, or unset it to use "
                "the embedded SQLite database."
            ) from exc


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="npis-check")
def main() -> None:
    """npis-checker: check NPI studies against the NPIS Model invariants."""


main.add_command(catalogue_group)
for command in (*REPORT_COMMANDS, *EVIDENCE_COMMANDS, *DEMO_COMMANDS, *DOSSIER_COMMANDS):
    main.add_command(command)
