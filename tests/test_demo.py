"""``npis-check demo`` writes the three reports of the demo assessment (signed, registered)."""

from __future__ import annotations

import io
import json

import click
import openpyxl
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from checker.cli_demo import COMMANDS
from checker.services.json_io import import_json


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    # The demo issues its reports through an installation (database + signing key): a
    # throw-away one here, never the user's own data directory.
    monkeypatch.setenv("NPIS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    return tmp_path / "data"


def cli() -> click.Group:
    group = click.Group("npis-check")
    for command in COMMANDS:
        group.add_command(command)
    return group


def test_demo_writes_three_reports(tmp_path):
    out = tmp_path / "reports"
    result = CliRunner().invoke(cli(), ["demo", "--out", str(out), "--lang", "fr"])
    assert result.exit_code == 0, result.output
    printed = result.output.split()
    assert len(printed) == 3
    files = sorted(out.iterdir())
    assert sorted(str(p) for p in files) == sorted(printed)
    assert sorted(p.suffix for p in files) == [".json", ".pdf", ".xlsx"]
    assert len({p.stem for p in files}) == 1  # one report id for the three files
    pdf = next(p for p in files if p.suffix == ".pdf")
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Conforme avec réserves" in text
    wb = openpyxl.load_workbook(io.BytesIO(next(p for p in files if p.suffix == ".xlsx")
                                           .read_bytes()))
    assert "Data" in wb.sheetnames
    data = json.loads(next(p for p in files if p.suffix == ".json").read_text("utf-8"))
    assert data["report_id"] == pdf.stem
    record = import_json(data)
    assert len(record.answers) == 30
    answers = {a.answer for a in record.answers.values()}
    assert answers == {"met", "partially_met", "not_met", "not_reported", "not_applicable"}


def test_demo_requires_out(tmp_path):
    result = CliRunner().invoke(cli(), ["demo"])
    assert result.exit_code != 0 and "--out" in result.output


def test_demo_reports_an_unwritable_directory(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    result = CliRunner().invoke(cli(), ["demo", "--out", str(blocker / "sub")])
    assert result.exit_code != 0
    assert "Error" in result.output and "Traceback" not in result.output


def test_the_shipped_demo_file_names_the_current_catalogue():
    """So `npis-check import checker/demo/interventional_demo.json` is accepted as it is."""
    import json
    from pathlib import Path

    import checker.demo
    from checker.catalogue import get_catalogue

    path = Path(checker.demo.__file__).parent / "interventional_demo.json"
    data = json.loads(path.read_text("utf-8"))
    assert data["catalogue"]["fingerprint"] == get_catalogue().fingerprint
