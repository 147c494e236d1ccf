"""`npis-check verify FILE` and `npis-check dossier report UID` (PDF, Excel or the review
as text)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .cli_i18n import N_, _, command, group, option
from .cli_reports import check_report_output, report_output_options, write_issued, write_text

if TYPE_CHECKING:  # the services load with the app, when a command runs
    from .services.verification import Verification


@command("verify", help=N_(
    "Tell whether report FILE (PDF, Excel or JSON) was issued by this installation, whether "
    "it was altered, and whether its assessment or dossier changed since.\n\n"
    "Exit status: 0 only for an unaltered report issued here; 1 otherwise; 2 when the file "
    "cannot be read as a report."))
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def verify(file: Path) -> None:
    from .cli import data_app
    from .services.verification import summary_lines, verify_report

    try:
        data = file.read_bytes()
    except OSError as exc:
        click.echo(_("error: cannot read %(file)s: %(reason)s", file=file,
                     reason=exc.strerror or exc), err=True)
        sys.exit(2)
    app = data_app()
    with app.app_context():
        result = verify_report(data)
        lines = summary_lines(result, _)
    for good, line in lines:
        click.echo(f"{'OK ' if good else 'NO '} {line}")
    if not result.readable:
        if result.problem:
            click.echo(f"     ({result.problem})")
        sys.exit(2)
    click.echo(verdict_line(result))
    sys.exit(0 if result.ok else 1)


def verdict_line(result: Verification) -> str:
    """The command's last line, headed as the web page heads it: a genuine report whose subject
    has changed or gone since is verified, but out of date, which the exit status (0) alone
    does not say."""
    from .services.verification import CHANGED, DELETED

    if not result.ok:
        return _("NOT VERIFIED.")
    if result.subject_status in (CHANGED, DELETED):
        changed = result.subject_status == CHANGED
        if result.subject_kind == "dossier":
            return (_("VERIFIED, BUT OUT OF DATE: unaltered report issued by this "
                      "installation; its dossier has changed since.") if changed
                    else _("VERIFIED, BUT OUT OF DATE: unaltered report issued by this "
                           "installation; its dossier has been deleted since."))
        return (_("VERIFIED, BUT OUT OF DATE: unaltered report issued by this installation; "
                  "its assessment has changed since.") if changed
                else _("VERIFIED, BUT OUT OF DATE: unaltered report issued by this "
                       "installation; its assessment has been deleted since."))
    return _("VERIFIED: unaltered report issued by this installation.")


@group("dossier", help=N_("NPI dossiers."))
def dossier_group() -> None:
    pass


@dossier_group.command("report", help=N_(
    "Write the signed PDF or Excel report, or the structured review (txt), of dossier "
    "DOSSIER_ID (uid or number)."))
@click.argument("dossier_id")
@option("--format", "fmt", type=click.Choice(["pdf", "xlsx", "txt"]), default="pdf",
        show_default=True,
        help=N_("txt: the dossier's structured review as plain text, to paste into a "
                "letter or a review form."))
@report_output_options
def dossier_report(dossier_id: str, fmt: str, lang: str, out: Path, short: bool) -> None:
    from .cli import data_app
    from .services.dossier_reports import issue_dossier_report
    from .services.dossier_review_text import dossier_review_text
    from .services.dossiers import find_dossier
    from .services.snapshots import active_catalogue

    check_report_output(fmt, out, short)
    app = data_app()
    with app.app_context():
        dossier = find_dossier(dossier_id)
        if dossier is None:
            click.echo(_("error: no dossier '%(id)s'", id=dossier_id), err=True)
            sys.exit(1)
        if fmt == "txt":
            # Plain text, not an issued report: nothing to sign or register.
            write_text(out, dossier_review_text(dossier, active_catalogue(), lang, short=short,
                                                upload_dir=app.config["UPLOAD_DIR"]))
            return
        issued = issue_dossier_report(active_catalogue(), dossier, fmt, lang,
                                      f"cli:{dossier.owner.username}",
                                      upload_dir=app.config["UPLOAD_DIR"])
    write_issued(out, issued.data, issued.report_id)


COMMANDS: list[click.Command] = [verify, dossier_group]
