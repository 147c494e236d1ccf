"""Command line entry point ``npis-check``: a thin layer over the service functions."""

from __future__ import annotations

import click

from . import __version__
from .cli_catalogue import catalogue_group
from .cli_demo import COMMANDS as DEMO_COMMANDS
from .cli_dossier import COMMANDS as DOSSIER_COMMANDS
from .cli_evidence import COMMANDS as EVIDENCE_COMMANDS
from .cli_reports import COMMANDS as REPORT_COMMANDS


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="npis-check")
def main() -> None:
    """npis-checker: check NPI studies against the NPIS Model invariants."""


main.add_command(catalogue_group)
for command in (*REPORT_COMMANDS, *EVIDENCE_COMMANDS, *DEMO_COMMANDS, *DOSSIER_COMMANDS):
    main.add_command(command)
