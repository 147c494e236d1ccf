"""``npis-check demo``: write the reports of the built-in demonstration assessment."""

from __future__ import annotations

from pathlib import Path

import click

from checker.catalogue import CatalogueError, get_catalogue
from checker.cli_i18n import N_, _, command, option
from checker.demo import load_demo
from checker.services.json_io import JsonImportError


@command("demo", help=N_(
    "Write the PDF, Excel and JSON reports of a fully answered demo assessment, and its "
    "structured review to paste (.txt).\n\n"
    "The demo is a fictitious interventional protocol (supervised adapted physical activity for "
    "fatigue in breast cancer survivors). It is written in English and in French: --lang fr "
    "gives French reports of the French version (justifications and quotations in French), "
    "--lang en (the default) English reports of the English one. The reports are signed and "
    "registered in this installation, so `npis-check verify` accepts them."))
@option("--out", "out_dir", required=True,
        type=click.Path(file_okay=False, writable=True, path_type=Path),
        help=N_("Directory to write the reports into (created if missing)."))
@option("--lang", type=click.Choice(["fr", "en"]), default="en", show_default=True,
        help=N_("Language of the reports and of the example: 'fr' reports on the French "
                "version of the protocol (French justifications and quotations)."))
@option("--catalogue", "catalogue_path", default=None,
        help=N_("Catalogue file or directory (default: $NPIS_CATALOGUE or the built-in one)."))
def demo(out_dir: Path, lang: str, catalogue_path: str | None) -> None:
    try:
        catalogue = get_catalogue(catalogue_path)
        record = load_demo(catalogue, lang=lang)
    except CatalogueError as exc:
        raise click.ClickException(
            _("cannot load the catalogue:\n%(problems)s", problems=exc.text(_))) from exc
    except JsonImportError as exc:
        raise click.ClickException(
            _("the demo does not match this catalogue:\n%(problems)s",
              problems="\n".join(exc.problems))
        ) from exc
    from checker.cli import data_app
    from checker.services.demo_reports import issue_demo_reports

    # Through this installation (its database and signing key), so the files verify here.
    app = data_app()
    try:
        with app.app_context():
            paths = issue_demo_reports(catalogue, record, out_dir, lang)
    except OSError as exc:
        raise click.ClickException(
            _("cannot write into %(folder)s: %(reason)s", folder=out_dir, reason=exc)) from exc
    for path in paths:
        click.echo(str(path))


COMMANDS: list[click.Command] = [demo]
