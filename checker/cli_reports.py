"""`npis-check serve | report | import | user | db`: the web data without a browser."""

from __future__ import annotations

import gc
import logging
import sys
import threading
from pathlib import Path
from typing import Any

import click
from flask import Flask

from .cli_i18n import N_, _, command, group, ngettext, option, prompt_suffix
from .services.json_io import JsonImportError, import_json


def _app() -> Flask:
    from .cli import data_app

    return data_app()


def _write_file(out: Path, data: bytes) -> None:
    """Write ``data`` to ``out``, making its folder; an unwritable path is a one-line error."""
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
    except OSError as exc:
        raise click.ClickException(_("cannot write %(file)s: %(reason)s", file=out,
                                       reason=exc)) from exc


def write_issued(out: Path, data: bytes, report_id: str) -> None:
    """Write an issued report to ``out``."""
    _write_file(out, data)
    click.echo(_("wrote %(file)s (%(size)d bytes), report %(report)s", file=out,
                 size=len(data), report=report_id))


@command("serve", help=N_(
    "Start the web application (embedded SQLite unless DATABASE_URL is set)."))
@option("--host", default="127.0.0.1", show_default=True, help=N_("Address to listen on."))
@option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535),
        help=N_("Port to listen on."))
@option("--threads", default=8, show_default=True, type=click.IntRange(1, 64),
        help=N_("Requests served at the same time."))
def serve(host: str, port: int, threads: int) -> None:
    from waitress import serve as waitress_serve

    app = _app()
    # What the start made (modules, the app, its extensions) lives as long as the server: kept
    # out of the garbage collector's full passes, which otherwise walk all of it (about 70 ms
    # of CPU, falling now and then in a request, often the first ones).
    gc.freeze()
    click.echo(_("npis-checker: %(url)s  (data: %(folder)s)", url=f"http://{host}:{port}/",
                 folder=app.config["DATA_DIR"]))
    # The first view would otherwise wait for the catalogue to load, the first PDF report for
    # WeasyPrint to start: done meanwhile, not before the server listens.
    threading.Thread(target=_warm_up, args=(app,), name="npis-warm-up", daemon=True).start()
    if app.config["BEHIND_PROXY"] and host not in LOOPBACK:
        click.echo(_("warning: NPIS_BEHIND_PROXY is on but the server listens on %(host)s: "
                     "anyone reaching it directly can forge the proxy's headers; listen on "
                     "127.0.0.1 behind the proxy", host=host), err=True)
    waitress_serve(app, **waitress_options(app, host=host, port=port, threads=threads))


LOOPBACK = ("127.0.0.1", "::1", "localhost")


def waitress_options(app: Flask, **options: Any) -> dict[str, Any]:
    """Waitress's settings for ``app``: by default Waitress removes the X-Forwarded-* headers
    before the app sees them; behind a proxy (``NPIS_BEHIND_PROXY``) they are passed on, for
    the app's ProxyFix to trust one hop of them (:mod:`checker.proxy`)."""
    return {**options, "ident": "npis-checker",
            "clear_untrusted_proxy_headers": not app.config["BEHIND_PROXY"]}


def _warm_up(app: Flask) -> None:
    """Load the active catalogue (read and validated: about 0.3 s of CPU, which nearly every
    page needs; it also stands for its stored snapshot), then start WeasyPrint."""
    from .catalogue import CatalogueError
    from .services.snapshots import active_catalogue

    try:
        with app.app_context():
            active_catalogue()
    except Exception as exc:  # a view then loads it itself, and says what fails
        logging.getLogger(__name__).warning("catalogue not loaded ahead", exc_info=True)
        if isinstance(exc, CatalogueError):  # said at once to whoever started the server
            click.echo(_("warning: the catalogue cannot be loaded; the pages that need it say so "
                         "until it is fixed:\n%(problems)s", problems=exc.text(_)), err=True)
    _warm_up_reports()


def _warm_up_reports() -> None:
    try:
        from exports.pdf import warm_up

        warm_up()
    except Exception:  # a report then starts WeasyPrint itself, and says what fails
        logging.getLogger(__name__).warning("PDF reports not warmed up", exc_info=True)


def report_output_options(command: Any) -> Any:
    """``--lang``, ``--out`` and ``--short``, as the assessment's and the dossier's report
    commands both take them."""
    for decorator in reversed((
        option("--lang", type=click.Choice(["en", "fr"]), default="en", show_default=True,
               help=N_("Language of the report.")),
        option("--out", "out", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
               required=True, help=N_("File to write ('-': standard output, with --format txt).")),
        option("--short", is_flag=True,
               help=N_("With --format txt: the short review, without what is expected and the "
                       "examples (for a form with a length limit).")),
    )):
        command = decorator(command)
    return command


def check_report_output(fmt: str, out: Path, short: bool) -> None:
    """Standard output and the short review are for the text review only."""
    if str(out) == "-" and fmt != "txt":
        raise click.UsageError(_("--out - (standard output) is for --format txt only"))
    if short and fmt != "txt":
        raise click.UsageError(_("--short is for --format txt only"))


@command("report", help=N_(
    "Write the PDF or Excel report, the JSON export or the structured review (txt) of "
    "ASSESSMENT_ID (uid or number)."))
@click.argument("assessment_id")
@option("--format", "fmt", type=click.Choice(["pdf", "xlsx", "json", "txt"]),
        default="pdf", show_default=True,
        help=N_("txt: the structured review as plain text, to paste into a review form."))
@report_output_options
@option("--ethical", is_flag=True,
        help=N_("With --format txt: the ethical invariants only (for an ethics committee)."))
def report(assessment_id: str, fmt: str, lang: str, out: Path, short: bool,
           ethical: bool) -> None:
    from .services.assessments import catalogue_of, find_assessment, to_record
    from .services.draft_flags import report_checks
    from .services.issued_reports import issue_assessment_report

    check_report_output(fmt, out, short)
    if ethical and fmt != "txt":
        raise click.UsageError(_("--ethical is for --format txt only"))
    app = _app()
    with app.app_context():
        assessment = find_assessment(assessment_id)
        if assessment is None:
            click.echo(_("error: no assessment '%(id)s'", id=assessment_id), err=True)
            sys.exit(1)
        catalogue = catalogue_of(assessment)
        # As the web's reports: quotations checked, and the answers given on an earlier
        # draft, to check (the JSON export says them under "checks").
        checks = report_checks(catalogue, assessment, app.config["UPLOAD_DIR"])
        if fmt == "txt":
            from .services.review_text import review_text

            # Plain text, not an issued report: nothing to sign or register.
            text = review_text(catalogue, to_record(assessment), lang,
                               quotation_checks=checks.quotation_checks,
                               answers_to_check=checks.answers_to_check, short=short,
                               ethical_only=ethical)
            write_text(out, text)
            return
        # Signed and registered, so that `npis-check verify` recognises the file later.
        issued = issue_assessment_report(catalogue, to_record(assessment), fmt,
                                         lang, f"cli:{assessment.owner.username}",
                                         checks=checks)
    write_issued(out, issued.data, issued.report_id)


def write_text(out: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``out``, or to standard output when ``out`` is ``-``."""
    if str(out) == "-":
        click.echo(text, nl=False)
        return
    data = text.encode("utf-8")
    _write_file(out, data)
    click.echo(_("wrote %(file)s (%(size)d bytes)", file=out, size=len(data)))


@command("import", help=N_(
    "Create a new assessment from a JSON export FILE, owned by --user."))
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@option("--user", "username", required=True, help=N_("Existing user who will own it."))
def import_command(file: Path, username: str) -> None:
    from .services.accounts import find_user
    from .services.assessments import AssessmentError, import_record
    from .services.snapshots import active_catalogue

    app = _app()
    with app.app_context():
        user = find_user(username)
        if user is None:
            click.echo(_("error: no user '%(name)s' (create it with `npis-check user create`)",
                         name=username), err=True)
            sys.exit(1)
        try:
            record = import_json(file.read_bytes())
            assessment = import_record(record, user, active_catalogue())
        except JsonImportError as exc:
            for problem in exc.problems:
                click.echo(_("error: %(problem)s", problem=problem), err=True)
            sys.exit(1)
        except AssessmentError as exc:
            for problem in exc.errors.values():
                click.echo(_("error: %(problem)s", problem=problem), err=True)
            sys.exit(1)
        click.echo(_("imported as assessment %(uid)s (id %(id)s) for %(name)s",
                     uid=assessment.uid, id=assessment.id, name=username))


@group("user", help=N_("Manage accounts."))
def user_group() -> None:
    pass


def _read_password(from_stdin: bool) -> str:
    """The new password: the first line of standard input with ``--password-stdin`` (for a
    script), else asked twice, hidden."""
    if from_stdin:
        line = sys.stdin.readline().rstrip("\r\n")
        if not line:
            click.echo(_("error: password: nothing on standard input (--password-stdin "
                         "reads the password from its first line)"), err=True)
            sys.exit(1)
        return line
    return click.prompt(_("Password"), hide_input=True, confirmation_prompt=True,
                        prompt_suffix=prompt_suffix())


def _password_error(problem: str) -> None:
    click.echo(_("error: password: %(problem)s", problem=problem), err=True)
    sys.exit(1)


def _existing_user(username: str) -> Any:
    """The account USERNAME, or an error naming it (before any password is asked for); the
    demo reports' built-in account is not one to manage."""
    from .services.accounts import find_user
    from .services.demo_reports import DEMO_USERNAME

    if username.strip() == DEMO_USERNAME:
        click.echo(_("error: '%(name)s' is the built-in owner of the demo reports; "
                     "nobody signs in to it", name=DEMO_USERNAME), err=True)
        sys.exit(1)
    user = find_user(username)
    if user is None:
        click.echo(_("error: no user '%(name)s' (`npis-check user list` lists them)",
                     name=username), err=True)
        sys.exit(1)
    return user


@user_group.command("create", help=N_(
    "Create the account USERNAME (the password is asked twice unless given)."))
@click.argument("username")
@option("--password", help=N_("The password (better: prompted, or --password-stdin; a "
                              "password on the command line stays in the shell's history)."))
@option("--password-stdin", "password_stdin", is_flag=True,
        help=N_("Read the password from the first line of standard input."))
def user_create(username: str, password: str | None, password_stdin: bool) -> None:
    from .services.accounts import AccountError, create_user, password_problem, username_problem

    if password is not None and password_stdin:
        raise click.UsageError(_("give --password or --password-stdin, not both"))
    app = _app()
    with app.app_context():
        # The name first: nobody should type a password twice for a name then refused.
        problem = username_problem(username)
        if problem:
            click.echo(_("error: username: %(problem)s", problem=problem), err=True)
            sys.exit(1)
        if password is None:
            password = _read_password(password_stdin)
        problem = password_problem(password)
        if problem:
            _password_error(problem)
        try:
            create_user(username, password)
        except AccountError as exc:
            click.echo(_("error: password: %(problem)s", problem=exc) if exc.field == "password"
                       else _("error: username: %(problem)s", problem=exc), err=True)
            sys.exit(1)
    click.echo(_("created user %(name)s", name=username.strip()))


@user_group.command("list", help=N_(
    "List the accounts: name, creation date, last sign-in, assessments owned, status "
    "(active, disabled, or locked after too many failed sign-ins); then any address locked."))
def user_list() -> None:
    from .services.accounts import all_users
    from .services.demo_reports import DEMO_USERNAME
    from .services.sign_in import SIGN_UP, lock_of, locked_addresses

    app = _app()
    with app.app_context():
        rows = all_users()
        if not rows:
            click.echo(_("no accounts yet (create one with `npis-check user create NAME`)"))
        width = max((len(user.username) for user, _count in rows), default=0)
        lines = []
        for user, count in rows:
            locked = lock_of(user.username)
            if user.username == DEMO_USERNAME:
                status = _("built-in (demo reports; nobody signs in)")
            elif not user.is_active:
                status = _("disabled since %(time)s UTC",
                           time=f"{user.disabled_at:%Y-%m-%d %H:%M}")
            elif locked is not None:
                status = _("locked until %(time)s UTC (too many failed sign-ins; "
                           "`npis-check user unlock %(name)s` lifts it)",
                           time=f"{locked:%Y-%m-%d %H:%M}", name=user.username)
            else:
                status = _("active")
            last = (_("last sign-in %(time)s UTC", time=f"{user.last_sign_in_at:%Y-%m-%d %H:%M}")
                    if user.last_sign_in_at else _("no sign-in recorded"))
            # The count apart from its noun, to keep the numbers in a column.
            noun = ngettext("assessment", "assessments", count)
            created = _("created %(date)s", date=f"{user.created_at:%Y-%m-%d}")
            lines.append((user.username, created, last, count, noun, status))
        # Widths of the words as written in the language used (33 and 11 in English).
        last_width = max([33, *(len(line[2]) for line in lines)])
        noun_width = max([11, *(len(line[4]) for line in lines)])
        for name, created, last, count, noun, status in lines:
            click.echo(f"{name:<{width}}  {created}  {last:<{last_width}}  {count:>4} "
                       f"{noun:<{noun_width}}  {status}")
        for address, until in locked_addresses():
            click.echo(_("address %(address)s locked until %(time)s UTC (too many failed "
                         "sign-ins from it; sign-ups, and sign-ins from browsers that never "
                         "signed in with the name, are refused from there; "
                         "`npis-check user unlock --address %(address)s` lifts it)",
                         address=address, time=f"{until:%Y-%m-%d %H:%M}"))
        for address, until in locked_addresses(SIGN_UP):
            click.echo(_("address %(address)s: sign-ups refused until %(time)s UTC "
                         "(%(accounts)s accounts created from it within %(hours)s hours; "
                         "`npis-check user unlock --address %(address)s` lifts it)",
                         address=address, time=f"{until:%Y-%m-%d %H:%M}",
                         accounts=app.config["SIGNUP_ADDRESS_ACCOUNTS"],
                         hours=app.config["SIGNUP_WINDOW_HOURS"]))


@user_group.command("set-password", help=N_(
    "Give the account USERNAME a new password (asked twice unless --password-stdin)."))
@click.argument("username")
@option("--password-stdin", "password_stdin", is_flag=True,
        help=N_("Read the new password from the first line of standard input."))
def user_set_password(username: str, password_stdin: bool) -> None:
    from .services.accounts import AccountError, set_password
    from .services.sign_in import clear_failures

    app = _app()
    with app.app_context():
        user = _existing_user(username)
        password = _read_password(password_stdin)
        try:
            set_password(user, password)
        except AccountError as exc:
            _password_error(str(exc))
        # Whoever asked for a new password may have locked the account trying old ones.
        unlocked = clear_failures(user.username)
        click.echo(_("new password set for %(name)s", name=user.username)
                   + (_(" (its sign-in lock is lifted)") if unlocked else "")
                   + ("" if user.is_active else _(" (the account is disabled: "
                                                  "`npis-check user enable` lets it sign in "
                                                  "again)")))


def _set_disabled(username: str, disabled: bool) -> None:
    from .services.accounts import set_disabled
    from .services.sign_in import clear_failures

    app = _app()
    with app.app_context():
        user = _existing_user(username)
        changed = set_disabled(user, disabled)
        name = user.username
        unlocked = not disabled and clear_failures(name)
    if disabled:
        click.echo(_("disabled %(name)s: cannot sign in; their assessments and dossiers are "
                     "kept", name=name)
                   if changed else _("%(name)s was already disabled", name=name))
    else:
        click.echo((_("enabled %(name)s: can sign in again", name=name) if changed
                    else _("%(name)s was not disabled", name=name))
                   + (_("; its sign-in lock is lifted") if unlocked else ""))


@user_group.command("disable", help=N_(
    "Stop the account USERNAME signing in (its sessions end; its data stays)."))
@click.argument("username")
def user_disable(username: str) -> None:
    _set_disabled(username, True)


@user_group.command("enable", help=N_(
    "Let the disabled account USERNAME sign in again; lift its lock after too many failed "
    "sign-ins, if it has one."))
@click.argument("username")
def user_enable(username: str) -> None:
    _set_disabled(username, False)


@user_group.command("unlock", help=N_(
    "Lift the lock that too many failed sign-ins put on USERNAME (or on --address, with "
    "the sign-up lock of too many accounts created from it), and forget those failures; "
    "nothing else changes."))
@click.argument("username", required=False)
@option("--address", metavar="ADDRESS",
        help=N_("Lift the lock of this address instead (as `user list` shows it)."))
def user_unlock(username: str | None, address: str | None) -> None:
    from .services.sign_in import clear_address, clear_failures

    if (username is None) == (address is None):
        raise click.UsageError(_("give a USERNAME or --address ADDRESS"))
    app = _app()
    with app.app_context():
        if address is not None:
            address = address.strip()
            unlocked = clear_address(address)
            name = _("address %(address)s", address=address)
        else:
            name = _existing_user(username or "").username
            unlocked = clear_failures(name)
    click.echo(_("%(name)s: sign-in lock lifted", name=name) if unlocked
               else _("%(name)s was not locked", name=name))


@user_group.command("hand-over", help=N_(
    "Give all of USERNAME's assessments and dossiers to --to (answers, history, documents "
    "and issued reports go with them; USERNAME's account is left as it is)."))
@click.argument("username")
@option("--to", "receiver_name", required=True, metavar="NAME",
        help=N_("The account that receives them."))
def user_hand_over(username: str, receiver_name: str) -> None:
    from .services.accounts import AccountError, hand_over

    app = _app()
    with app.app_context():
        giver = _existing_user(username)
        receiver = _existing_user(receiver_name)
        try:
            assessments, dossiers = hand_over(giver, receiver)
        except AccountError as exc:
            click.echo(_("error: %(problem)s", problem=exc), err=True)
            sys.exit(1)
        names = giver.username, receiver.username
        note = "" if receiver.is_active else _(
            " (%(name)s is disabled: `npis-check user enable %(name)s` lets it sign in)",
            name=names[1])
    click.echo(_("gave %(assessments)s and %(dossiers)s of %(giver)s to %(receiver)s",
                 assessments=ngettext("%(num)d assessment", "%(num)d assessments", assessments),
                 dossiers=ngettext("%(num)d dossier", "%(num)d dossiers", dossiers),
                 giver=names[0], receiver=names[1]) + note)


@group("db", help=N_("Database maintenance."))
def db_group() -> None:
    pass


@db_group.command("upgrade", help=N_(
    "Apply pending migrations (also done automatically when the app starts)."))
def db_upgrade() -> None:
    from .cli import data_app
    from .extensions import db
    from .migrations import upgrade

    app = data_app({"AUTO_MIGRATE": False})
    with app.app_context():
        upgrade(db.engine)
        click.echo(_("database up to date: %(database)s",
                     database=app.config["SQLALCHEMY_DATABASE_URI"].split("@")[-1]))


@db_group.command("copy", help=N_(
    "Copy the database in use into an empty one (to move to PostgreSQL).\n\n"
    "The source is the embedded SQLite file, or DATABASE_URL; documents and keys stay in the "
    "data directory. All or nothing; stop the server first."))
@option("--to", "target", required=True, envvar="NPIS_COPY_TO", metavar="URL",
        help=N_("The new, empty database: postgresql://USER@HOST:5432/DATABASE or "
                "sqlite:////path/file.db (or set NPIS_COPY_TO, to keep a password out of "
                "the shell's history)."))
@option("--batch-size", "batch", default=500, show_default=True,
        type=click.IntRange(1, 100_000), help=N_("Rows inserted at a time."))
def db_copy(target: str, batch: int) -> None:
    from .cli import data_app
    from .services.db_copy import CopyError, copy_database

    app = data_app()
    with app.app_context():
        try:
            result = copy_database(target, batch=batch)
        except CopyError as exc:
            click.echo(_("error: %(problem)s", problem=exc), err=True)
            sys.exit(1)
    click.echo(_("copied %(rows)s rows from %(source)s", rows=result.rows, source=result.source)
               + "\n                 "
               + _("to %(target)s (schema revision %(revision)s):", target=result.target,
                   revision=result.revision))
    width = max(len(name) for name in result.counts)
    for name, count in result.counts.items():
        click.echo(f"  {name:<{width}}  {count:>7}")
    reports = result.reports
    click.echo(ngettext("checked: the same number of rows in every table as in the source; "
                        "%(num)d issued report file verifies as before (signature and "
                        "assessment or dossier status)",
                        "checked: the same number of rows in every table as in the source; "
                        "%(num)d issued report files verify as before (signature and "
                        "assessment or dossier status)", reports)
               + (_("; %(count)s id sequences moved past the copied ids",
                    count=result.sequences) if result.sequences else ""))
    for warning in result.warnings:
        click.echo(_("warning: %(problem)s", problem=warning), err=True)
    password = "***" in result.target
    click.echo(_(
        "next:\n"
        "  1. set DATABASE_URL=%(target)s wherever npis-checker runs (the service, %(where)s), "
        "then start it;\n"
        "  2. keep NPIS_DATA_DIR=%(folder)s: the uploaded documents (uploads/), "
        "report-signing.key (which verifies issued reports) and secret_key stay there; the "
        "database only names them;\n"
        "  3. keep the old database as a backup, and do not use it any more: changes made "
        "there from now on are not in the copy.", target=result.target,
        where=_("your shell; the password as in --to") if password else _("your shell"),
        folder=app.config["DATA_DIR"]))


COMMANDS: list[click.Command] = [serve, report, import_command, user_group, db_group]
