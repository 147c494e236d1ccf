"""Verifiable reports: issue, then verify (web page and `npis-check verify`), incl. tampering."""

from __future__ import annotations

import io
import json

import openpyxl
import pytest
from click.testing import CliRunner
from conftest import create_assessment, post
from dossier_support import PEER, imported_study
from sqlalchemy import select

from checker.cli import main
from checker.extensions import db
from checker.models import Assessment, IssuedReport
from checker.services.verification import CHANGED, DELETED, UNCHANGED, verify_report


def answer(client, uid, inv_id, value):
    data = {f"{inv_id}-answer": value, f"{inv_id}-version": "0",
            f"{inv_id}-justification": "given"}
    assert post(client, f"/assessments/{uid}/answers/{inv_id}", data).status_code == 302


def download(client, uid, fmt="pdf", lang="en") -> bytes:
    response = client.get(f"/assessments/{uid}/report.{fmt}?lang={lang}")
    assert response.status_code == 200
    return response.get_data()


def verify(app, data: bytes):
    with app.app_context():
        return verify_report(data)


@pytest.fixture
def cli_env(app, database_url):
    """Environment under which `npis-check` uses the test installation (DB + signing key)."""
    return {"NPIS_DATA_DIR": app.config["DATA_DIR"], "DATABASE_URL": database_url}


def run_cli(env, *args):
    return CliRunner().invoke(main, list(args), env=env)


@pytest.mark.parametrize("fmt", ["pdf", "xlsx"])
def test_issued_report_verifies(app, auth_client, assessment, fmt):
    answer(auth_client, assessment, "E01", "met")
    data = download(auth_client, assessment, fmt)
    result = verify(app, data)
    assert result.ok and result.issued_here and result.unaltered
    assert result.subject_kind == "assessment" and result.subject_status == UNCHANGED
    with app.app_context():
        row = db.session.get(IssuedReport, (result.report_id, fmt))
        assert row.subject_uid == assessment and row.issued_by == "alice"


def test_flipped_byte_is_altered(app, auth_client, assessment, tmp_path, cli_env):
    data = bytearray(download(auth_client, assessment, "pdf"))
    data[len(data) // 2] ^= 0x01
    result = verify(app, bytes(data))
    assert result.readable and not result.ok and not result.unaltered
    path = tmp_path / "altered.pdf"
    path.write_bytes(bytes(data))
    outcome = run_cli(cli_env, "verify", str(path))
    assert outcome.exit_code == 1, outcome.output
    assert "altered" in outcome.output and "NOT VERIFIED" in outcome.output
    # A valid signature beside an altered file is explained, not left as a contradiction.
    assert "Its identifier and signature are genuine, but its content cannot be trusted" \
        in outcome.output


def test_resaved_workbook_is_altered(app, auth_client, assessment):
    data = download(auth_client, assessment, "xlsx")
    wb = openpyxl.load_workbook(io.BytesIO(data))
    wb.active["B3"] = "edited by someone"
    buffer = io.BytesIO()
    wb.save(buffer)
    result = verify(app, buffer.getvalue())
    assert result.readable and not result.ok and not result.unaltered
    # The page says what to do next: ask for the file as exported.
    page = post(auth_client, "/verify", {"file": (io.BytesIO(buffer.getvalue()), "r.xlsx")},
                content_type="multipart/form-data").get_data(as_text=True)
    assert "This report cannot be confirmed." in page
    assert "Ask whoever sent it for the file as it was exported" in page


def test_report_signed_with_another_key_is_not_issued_here(make_app, app, auth_client,
                                                           assessment, tmp_path):
    elsewhere = make_app(DATA_DIR=str(tmp_path / "other-installation"))
    with elsewhere.app_context():
        from checker.services.assessments import catalogue_of, to_record
        from checker.services.issued_reports import issue_assessment_report

        stored = db.session.scalar(select(Assessment).where(Assessment.uid == assessment))
        data = issue_assessment_report(catalogue_of(stored), to_record(stored), "pdf", "en",
                                       "someone").data
    result = verify(app, data)
    assert not result.issued_here and not result.ok


def test_forged_json_stamp_is_not_issued_here(app, auth_client, assessment, tmp_path, cli_env):
    path = tmp_path / "report.json"
    assert run_cli(cli_env, "report", assessment, "--format", "json", "--out",
                   str(path)).exit_code == 0
    assert run_cli(cli_env, "verify", str(path)).exit_code == 0
    document = json.loads(path.read_text("utf-8"))
    document["report_stamp"]["content_digest"] = "0" * 64
    path.write_text(json.dumps(document), "utf-8")
    outcome = run_cli(cli_env, "verify", str(path))
    assert outcome.exit_code == 1 and "Not issued by this installation" in outcome.output


def test_assessment_changed_or_deleted_since_issue(app, auth_client, assessment, cli_env,
                                                   tmp_path):
    data = download(auth_client, assessment, "pdf")
    assert verify(app, data).subject_status == UNCHANGED
    answer(auth_client, assessment, "E02", "not_met")
    result = verify(app, data)
    # The file is still genuine and unaltered; its assessment has moved on.
    assert result.ok and result.subject_status == CHANGED
    page = post(auth_client, "/verify", {"file": (io.BytesIO(data), "report.pdf")},
                content_type="multipart/form-data").get_data(as_text=True)
    # The headline itself says the report is out of date, not only a line below it.
    assert "Genuine and unaltered, but out of date" in page and "verify-changed" in page
    # The command line heads it so too (its exit status stays 0: the file is genuine).
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    outcome = run_cli(cli_env, "verify", str(path))
    assert outcome.exit_code == 0, outcome.output
    assert outcome.output.splitlines()[-1].startswith("VERIFIED, BUT OUT OF DATE")
    assert "its assessment has changed since" in outcome.output
    assert post(auth_client, f"/assessments/{assessment}/delete").status_code == 302
    assert verify(app, data).subject_status == DELETED


def test_saving_an_answer_unchanged_keeps_the_report_current(app, auth_client, assessment):
    answer(auth_client, assessment, "E01", "met")
    data = download(auth_client, assessment, "xlsx")
    answer(auth_client, assessment, "E01", "met")  # same values: timestamps move, not content
    assert verify(app, data).subject_status == UNCHANGED


def test_unreadable_file(app, tmp_path, cli_env):
    for junk in (b"hello, not a report", b"%PDF-1.7 truncated", b"PK\x03\x04broken zip"):
        result = verify(app, junk)
        assert not result.readable and result.problem
        path = tmp_path / "junk.bin"
        path.write_bytes(junk)
        outcome = run_cli(cli_env, "verify", str(path))
        assert outcome.exit_code == 2, outcome.output
        assert "cannot be read" in outcome.output
        assert f"({result.problem})" in outcome.output  # the technical detail, apart
    assert run_cli(cli_env, "verify", str(tmp_path / "missing.pdf")).exit_code == 2


def test_cli_report_then_verify_exit_codes(app, auth_client, assessment, tmp_path, cli_env):
    for fmt in ("pdf", "xlsx"):
        path = tmp_path / f"r.{fmt}"
        outcome = run_cli(cli_env, "report", assessment, "--format", fmt, "--out", str(path))
        assert outcome.exit_code == 0, outcome.output
        verified = run_cli(cli_env, "verify", str(path))
        assert verified.exit_code == 0, verified.output
        assert "Issued by this installation" in verified.output
        assert "unaltered" in verified.output and "unchanged" in verified.output


def test_demo_reports_verify(tmp_path, cli_env, app):
    out = tmp_path / "demo"
    outcome = run_cli(cli_env, "demo", "--out", str(out))
    assert outcome.exit_code == 0, outcome.output
    files = sorted(out.iterdir())
    # The structured review to paste is plain text, neither signed nor registered.
    reviews = [path for path in files if path.name.endswith("-review.txt")]
    reports = [path for path in files if path not in reviews]
    assert len(reports) == 3 and len(reviews) == 1
    for path in reports:
        verified = run_cli(cli_env, "verify", str(path))
        assert verified.exit_code == 0, (path, verified.output)
        assert "The assessment is unchanged" in verified.output
    refused = run_cli(cli_env, "verify", str(reviews[0]))
    assert refused.exit_code != 0 and "Traceback" not in refused.output
    # Running the demo again reuses the stored demo assessment.
    assert run_cli(cli_env, "demo", "--out", str(out)).exit_code == 0
    with app.app_context():
        assert len(db.session.scalars(select(Assessment)).all()) == 1


def test_the_french_demo_reports_verify_and_are_stored_apart(tmp_path, cli_env, app):
    out = tmp_path / "demo-fr"
    outcome = run_cli(cli_env, "demo", "--out", str(out), "--lang", "fr")
    assert outcome.exit_code == 0, outcome.output
    for path in sorted(out.glob("*.*")):
        if path.name.endswith("-review.txt"):
            continue  # plain text to paste, not a signed report
        verified = run_cli(cli_env, "verify", str(path))
        assert verified.exit_code == 0, (path, verified.output)
    # One stored demo per language, each reused when run again.
    for lang in ("fr", "en", "fr", "en"):
        assert run_cli(cli_env, "demo", "--out", str(out), "--lang", lang).exit_code == 0
    with app.app_context():
        stored = db.session.scalars(select(Assessment)).all()
        assert sorted(a.language for a in stored) == ["en", "fr"]


def test_verification_page_without_login(app, client, auth_client, assessment):
    data = download(auth_client, assessment, "pdf")
    page = client.get("/verify")
    assert page.status_code == 200 and 'name="csrf_token"' in page.get_data(as_text=True)
    response = post(client, "/verify", {"file": (io.BytesIO(data), "report.pdf")},
                    content_type="multipart/form-data")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Genuine and unaltered" in html and "Issued by this installation" in html
    assert "Walking programme after stroke" not in html  # verification facts only
    junk = post(client, "/verify", {"file": (io.BytesIO(b"junk"), "x.txt")},
                content_type="multipart/form-data")
    assert junk.status_code == 200 and "cannot be read as a report" in junk.get_data(
        as_text=True)
    # A damaged PDF is said to be damaged in the reader's language, without the PDF
    # library's own English words.
    post(client, "/language", {"lang": "fr"})
    damaged = post(client, "/verify", {"file": (io.BytesIO(data[:2000]), "report.pdf")},
                   content_type="multipart/form-data").get_data(as_text=True)
    problem = verify(app, data[:2000]).problem
    assert "endommagé" in damaged and problem.split(": ", 1)[1] not in damaged
    post(client, "/language", {"lang": "en"})
    missing = post(client, "/verify", {}, content_type="multipart/form-data")
    assert missing.status_code == 400
    # CSRF is enforced on the open form too.
    no_token = client.post("/verify", data={"file": (io.BytesIO(data), "r.pdf")},
                           content_type="multipart/form-data")
    assert no_token.status_code == 400


def test_dossier_report_verifies_and_changes_with_the_dossier(app, auth_client, user,
                                                               tmp_path, cli_env):
    from test_dossiers import new_dossier

    uid = new_dossier(auth_client)
    first = imported_study(app, user, "interventional", publication=PEER)
    post(auth_client, f"/dossiers/{uid}/studies", {"assessment": first})
    response = auth_client.get(f"/dossiers/{uid}/report.xlsx")
    data = response.get_data()
    result = verify(app, data)
    assert result.ok and result.subject_kind == "dossier" and result.subject_status == UNCHANGED
    path = tmp_path / "dossier.xlsx"
    path.write_bytes(data)
    assert run_cli(cli_env, "verify", str(path)).exit_code == 0
    second = create_assessment(auth_client, title="Another trial")
    post(auth_client, f"/dossiers/{uid}/studies", {"assessment": second})
    assert verify(app, data).subject_status == CHANGED
    outcome = run_cli(cli_env, "dossier", "report", uid, "--format", "pdf", "--out",
                      str(tmp_path / "d.pdf"))
    assert outcome.exit_code == 0, outcome.output
    assert run_cli(cli_env, "verify", str(tmp_path / "d.pdf")).exit_code == 0


def test_verification_page_in_french(app, client, auth_client, assessment):
    from conftest import csrf_token

    data = download(auth_client, assessment, "pdf")
    client.post("/language", data={"lang": "fr", "next": "/verify",
                                   "csrf_token": csrf_token(client)})
    response = post(client, "/verify", {"file": (io.BytesIO(data), "rapport.pdf")},
                    content_type="multipart/form-data")
    html = response.get_data(as_text=True)
    assert '<html lang="fr">' in html
    assert "Émis par cette installation" in html
    assert "L&#39;évaluation est inchangée" in html or "L'évaluation est inchangée" in html


def _word_document() -> bytes:
    """A Word document's bytes (a ZIP file without a workbook part), as a reviewer might
    upload the protocol itself instead of its report."""
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def test_a_word_document_is_no_report_rather_than_a_damaged_workbook(app, client,
                                                                      auth_client, assessment,
                                                                      tmp_path, cli_env):
    result = verify(app, _word_document())
    assert not result.readable and result.format == ""
    page = post(client, "/verify", {"file": (io.BytesIO(_word_document()), "protocol.docx")},
                content_type="multipart/form-data").get_data(as_text=True)
    assert "it is not a PDF, Excel (.xlsx) or JSON file" in page
    assert "XLSX file is damaged" not in page
    path = tmp_path / "protocol.docx"
    path.write_bytes(_word_document())
    outcome = run_cli(cli_env, "verify", str(path))
    assert outcome.exit_code == 2 and "damaged" not in outcome.output
    # A workbook cut short is still a damaged workbook.
    data = download(auth_client, assessment, "xlsx")
    assert verify(app, data[:3000]).format == "xlsx"
    damaged = post(client, "/verify", {"file": (io.BytesIO(data[:3000]), "r.xlsx")},
                   content_type="multipart/form-data").get_data(as_text=True)
    assert "XLSX file is damaged" in damaged


def test_the_verification_page_says_json_reports_verify_too(app, client, auth_client,
                                                            assessment):
    """The page asks for the JSON export when a PDF cannot be confirmed: it says it takes one."""
    page = client.get("/verify").get_data(as_text=True)
    assert "Upload a PDF, Excel or JSON report" in page
    assert "A PDF, Excel (.xlsx) or JSON report exported by npis-checker." in page
    data = auth_client.get(f"/assessments/{assessment}/export.json").get_data()
    response = post(client, "/verify", {"file": (io.BytesIO(data), "export.json")},
                    content_type="multipart/form-data").get_data(as_text=True)
    assert "Genuine and unaltered" in response


@pytest.mark.parametrize("lang,said", [("en", "The file is empty."),
                                       ("fr", "Le fichier est vide.")])
def test_an_empty_file_is_said_empty_rather_than_of_another_kind(client, lang, said):
    """An attachment saved before it finished downloading is empty: not "not a PDF"."""
    post(client, "/language", {"lang": lang})
    response = post(client, "/verify", {"file": (io.BytesIO(b""), "rapport.pdf")},
                    content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and said in page
    assert "it is not a PDF" not in page and "ce n'est pas un fichier PDF" not in page
