"""`npis-check user create | report | import | db upgrade` without a browser."""

from __future__ import annotations

import io
import json

import openpyxl
import pypdf
from click.testing import CliRunner
from conftest import create_assessment, post

from checker.cli import main


def test_user_create_prompts_and_refuses_duplicates(cli_env, client):
    result = cli_env.invoke(main, ["user", "create", "carol"],
                            input="long enough pw\nlong enough pw\n")
    assert result.exit_code == 0, result.output
    from conftest import login

    login(client, "carol", "long enough pw")
    result = cli_env.invoke(main, ["user", "create", "carol", "--password", "another pw 123"])
    assert result.exit_code == 1 and "not available" in result.output
    result = cli_env.invoke(main, ["user", "create", "dave", "--password", "short"])
    assert result.exit_code == 1
    assert "error: password: Too short: at least 8 characters." in result.output


def test_report_all_formats_and_import(cli_env, auth_client, tmp_path):
    uid = create_assessment(auth_client)
    post(auth_client, f"/assessments/{uid}/answers/E01",
         {"E01-answer": "met", "E01-version": "0", "E01-justification": "CPP"})
    out = tmp_path / "r.json"
    result = cli_env.invoke(main, ["report", uid, "--format", "json", "--out", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["assessment"]["uid"] == uid and data["answers"][0]["answer"] == "met"

    pdf = tmp_path / "r.pdf"
    result = cli_env.invoke(main, ["report", uid, "--format", "pdf", "--lang", "fr",
                                   "--out", str(pdf)])
    assert result.exit_code == 0, result.output
    text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf.read_bytes())).pages)
    assert "Walking programme after stroke" in text

    xlsx = tmp_path / "r.xlsx"
    result = cli_env.invoke(main, ["report", uid, "--format", "xlsx", "--out", str(xlsx)])
    assert result.exit_code == 0, result.output
    assert openpyxl.load_workbook(xlsx).sheetnames

    result = cli_env.invoke(main, ["import", str(out), "--user", "alice"])
    assert result.exit_code == 0, result.output
    assert "imported as assessment" in result.output
    page = auth_client.get("/").get_data(as_text=True)
    assert page.count("Walking programme after stroke") == 2


def test_cli_errors_are_clear(cli_env, user, tmp_path):
    out = tmp_path / "x.pdf"
    result = cli_env.invoke(main, ["report", "nope", "--out", str(out)])
    assert result.exit_code == 1 and "no assessment 'nope'" in result.output
    huge = "9" * 30  # all digits, beyond any database id
    result = cli_env.invoke(main, ["report", huge, "--out", str(out)])
    assert result.exit_code == 1 and f"no assessment '{huge}'" in result.output
    result = cli_env.invoke(main, ["dossier", "report", huge, "--out", str(out)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    result = cli_env.invoke(main, ["import", str(bad), "--user", "alice"])
    assert result.exit_code == 1 and "error:" in result.output
    result = cli_env.invoke(main, ["import", str(bad), "--user", "ghost"])
    assert result.exit_code == 1 and "no user 'ghost'" in result.output


def test_db_upgrade_is_idempotent(cli_env):
    result = cli_env.invoke(main, ["db", "upgrade"])
    assert result.exit_code == 0 and "database up to date" in result.output


def test_unreachable_database_gives_one_clear_line(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from checker.cli import main

    monkeypatch.setenv("NPIS_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none")
    result = CliRunner().invoke(main, ["report", "abc", "--out", str(tmp_path / "x.pdf")])
    assert result.exit_code == 1
    assert "cannot use the database" in result.output and "DATABASE_URL" in result.output
    assert "Traceback" not in result.output


def test_report_to_an_unwritable_path_is_a_clear_error(cli_env, auth_client, tmp_path):
    uid = create_assessment(auth_client)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    result = cli_env.invoke(main, ["report", uid, "--out", str(blocker / "report.pdf")])
    assert result.exit_code == 1
    assert "cannot write" in result.output and "Traceback" not in result.output


def test_every_command_is_loaded_from_the_module_that_defines_it():
    import importlib

    from checker.cli import COMMAND_MODULES

    for module in set(COMMAND_MODULES.values()):
        commands = importlib.import_module(f"checker.{module}").COMMANDS
        defined = {command.name for command in commands}
        assert defined == {name for name, home in COMMAND_MODULES.items() if home == module}
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    assert all(name in result.output for name in COMMAND_MODULES)
    assert CliRunner().invoke(main, ["nonsense"]).exit_code == 2


def test_analysing_a_document_starts_without_the_web_app_or_the_database(tmp_path):
    import subprocess
    import sys

    document = tmp_path / "protocol.txt"
    document.write_text("Protocol. Participants will be randomised (1:1) by a computer-generated "
                        "sequence. The ethics committee approved the protocol.", encoding="utf-8")
    script = ("import sys\nfrom checker.cli import main\n"
              "main(['analyse', sys.argv[1]], standalone_mode=False)\n"
              "print(sorted(m for m in ('flask', 'sqlalchemy') if m in sys.modules))")
    run = subprocess.run([sys.executable, "-c", script, str(document)], capture_output=True,
                         text=True, check=True)
    assert '"sentences": 3' in run.stdout
    assert run.stdout.rstrip().endswith("[]")


def test_serve_keeps_what_the_start_made_out_of_full_collections(cli_env, monkeypatch):
    """The objects of the start (modules, app, extensions) live as long as the server: frozen
    before it serves, a full garbage collection in a request no longer walks them."""
    import gc

    import waitress

    import exports.pdf

    calls = []
    monkeypatch.setattr(exports.pdf, "warm_up", lambda: None)
    monkeypatch.setattr(gc, "freeze", lambda: calls.append("freeze"))
    monkeypatch.setattr(waitress, "serve", lambda app, **options: calls.append("serve"))
    result = cli_env.invoke(main, ["serve", "--port", "8765"])
    assert result.exit_code == 0, result.output
    assert calls == ["freeze", "serve"]


def test_serve_warms_up_the_pdf_reports_while_it_starts(cli_env, monkeypatch):
    """The first PDF report of a server once waited for WeasyPrint to start (0.35 s of 1.1):
    ``serve`` starts it in the background, and serves at once."""
    import threading

    import waitress

    import exports.pdf

    warmed = threading.Event()
    monkeypatch.setattr(exports.pdf, "warm_up", warmed.set)
    served = []
    monkeypatch.setattr(waitress, "serve", lambda app, **options: served.append(options))
    result = cli_env.invoke(main, ["serve", "--port", "5999"])
    assert result.exit_code == 0, result.output
    assert served and served[0]["port"] == 5999
    assert warmed.wait(10)


def test_serve_loads_the_catalogue_while_it_starts(cli_env, monkeypatch):
    """The first view after a start once waited for the active catalogue to be read and
    validated (about 0.3 s): ``serve`` loads it in the background, before WeasyPrint."""
    import threading

    import waitress

    import exports.pdf
    from checker.catalogue import get_catalogue
    from checker.services import snapshots

    monkeypatch.setattr(snapshots, "_BY_FINGERPRINT", {})  # as in a process just started
    warmed = threading.Event()
    monkeypatch.setattr(exports.pdf, "warm_up", warmed.set)
    monkeypatch.setattr(waitress, "serve", lambda app, **options: None)
    result = cli_env.invoke(main, ["serve", "--port", "5998"])
    assert result.exit_code == 0, result.output
    assert warmed.wait(10)
    active = get_catalogue()
    assert snapshots._BY_FINGERPRINT == {active.fingerprint: active}


def test_a_catalogue_that_cannot_load_is_logged_at_warm_up_not_raised(make_app, tmp_path,
                                                                        monkeypatch, caplog):
    """A configured catalogue that cannot be loaded leaves the server running (each view then
    says what fails), and WeasyPrint is still warmed up."""
    import exports.pdf
    from checker.cli_reports import _warm_up

    warmed = []
    monkeypatch.setattr(exports.pdf, "warm_up", lambda: warmed.append(True))
    _warm_up(make_app(NPIS_CATALOGUE=str(tmp_path / "missing.yaml")))
    assert "catalogue not loaded ahead" in caplog.text and warmed == [True]


def test_a_failed_warm_up_is_logged_not_raised(monkeypatch, caplog):
    """A warm-up that fails (no fonts) leaves the server running: the report then says what
    fails, on its own request."""
    import exports.pdf
    from checker.cli_reports import _warm_up_reports

    def broken() -> None:
        raise OSError("no fonts")

    monkeypatch.setattr(exports.pdf, "warm_up", broken)
    _warm_up_reports()
    assert "PDF reports not warmed up" in caplog.text
