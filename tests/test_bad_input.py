"""Control characters, hostile JSON and odd file names: a clear message or a clean save,
never a crash (on SQLite and PostgreSQL alike)."""

from __future__ import annotations

import copy
import io
import json

import openpyxl
import pytest
from conftest import create_assessment, post, save_answer
from pdf_support import pdf_of_objects
from sqlalchemy import select, update

from checker.demo import load_demo
from checker.extensions import db
from checker.models import Answer, Assessment
from checker.services.json_io import JsonImportError, export_json, import_json
from checker.text_input import without_controls


def test_control_characters_are_dropped_and_page_breaks_read_as_line_breaks():
    assert without_controls("a\x00b\x07c\x0cd\x0be\tf\ng") == "abc\nd\ne\tf\ng"


def test_typed_control_characters_are_not_saved(app, auth_client, assessment):
    response = save_answer(auth_client, assessment, "E01", 0, answer="met",
                           justification="Approved\x00 on\x0c12 March.", page="3\x0b")
    assert response.status_code == 302
    with app.app_context():
        row = db.session.scalar(select(Answer).where(Answer.invariant_id == "E01"))
        assert (row.justification, row.page) == ("Approved on\n12 March.", "3")


def test_the_excel_report_holds_control_characters_stored_earlier(app, auth_client, assessment):
    save_answer(auth_client, assessment, "E01", 0, answer="met", justification="ok")
    with app.app_context():  # as stored by an earlier version that kept them
        db.session.execute(update(Answer).where(Answer.invariant_id == "E01").values(
            justification="Pasted\x0bfrom a PDF\x0c", quotation="\x01x"))
        db.session.execute(update(Assessment).values(title="Walk\x0b", npi_name="W\x01alk"))
        db.session.commit()
    response = auth_client.get(f"/assessments/{assessment}/report.xlsx")
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.data))
    cells = [c for row in book.worksheets[-1].iter_rows(values_only=True) for c in row
             if isinstance(c, str)]
    assert "Pasted from a PDF " in cells


def test_a_text_document_with_form_feeds_is_suggested_and_reported(app, auth_client):
    text = ("Walking after stroke: protocol\n\x0cEthics\nThe protocol was approved by the ethics "
            "committee CPP Ouest III on 12 March 2024.\x0c\n")
    uid = create_assessment(auth_client, document=(io.BytesIO(text.encode()), "prot\x0b.txt"))
    with app.app_context():
        row = db.session.scalar(select(Assessment).where(Assessment.uid == uid))
        assert row.document_filename == "prot .txt"
        assert not any("\x0c" in a.quotation for a in row.answers)
    assert auth_client.get(f"/assessments/{uid}/report.xlsx").status_code == 200


def test_a_long_file_name_keeps_its_extension(app, auth_client):
    long_name = "n" * 300 + ".txt"
    uid = create_assessment(auth_client, document=(io.BytesIO(b"A protocol.\n"), long_name))
    with app.app_context():
        name = db.session.scalar(select(Assessment.document_filename).where(Assessment.uid == uid))
    assert len(name) == 255 and name.endswith(".txt")


@pytest.fixture
def export() -> dict:
    from checker.catalogue import get_catalogue

    catalogue = get_catalogue()
    return copy.deepcopy(export_json(catalogue, load_demo(catalogue)))


@pytest.mark.parametrize("mutate, expected", [
    (lambda d: d["document"].update(size=10**100), "document.size: must be between 0 and"),
    (lambda d: d["assessment"].update(created_at="9999-12-31T23:59:59-05:00"),
     "out of the range of dates"),
    (lambda d: d["answers"][0].update(justification="x" * 100_001), "longer than 100000"),
    (lambda d: d["assessment"].update(title="Walk \ud800"), "assessment.title: not valid"),
    (lambda d: d["answers"][0].update(suggested_justification={"en": "\ud800"}),
     "suggested_justification.en: not valid Unicode"),
])
def test_hostile_values_in_an_import_get_a_message(export, mutate, expected):
    mutate(export)
    with pytest.raises(JsonImportError) as caught:
        import_json(json.dumps(export))
    assert any(expected in problem for problem in caught.value.problems)


@pytest.mark.parametrize("text, expected", [
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ('{"format_version": ' + "9" * 5000 + "}", "file: "),
])
def test_hostile_json_text_gets_a_message(text, expected):
    with pytest.raises(JsonImportError) as caught:
        import_json(text)
    assert expected in caught.value.problems[0]


def test_hostile_json_on_the_web_import_page(auth_client):
    response = post(auth_client, "/assessments/import",
                    {"file": (io.BytesIO(b"[" * 100_000 + b"]" * 100_000), "a.json")},
                    content_type="multipart/form-data")
    assert response.status_code == 400
    assert "nested too deeply" in response.get_data(as_text=True)


def _docx_bomb(paragraphs: int) -> bytes:
    """A small DOCX whose document.xml unpacks to paragraphs × 1,000 characters."""
    import zipfile

    from docx import Document

    buffer = io.BytesIO()
    Document().save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    body = "<w:p><w:r><w:t>" + "a" * 1000 + "</w:t></w:r></w:p>"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body>" + (body * paragraphs).encode())
            target.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def test_a_docx_that_unpacks_to_hundreds_of_megabytes_is_refused_quickly():
    from checker.documents import TooLongDocumentError, extract_document

    bomb = _docx_bomb(70_000)  # 70 MB of XML in a file of well under 1 MB
    assert len(bomb) < 1_000_000
    with pytest.raises(TooLongDocumentError) as caught:
        extract_document(bomb, "bomb.docx")
    assert "trop long" in caught.value.message("fr")


def test_a_text_of_more_than_a_thousand_pages_is_refused(monkeypatch):
    import checker.documents as documents

    monkeypatch.setattr(documents.limits, "MAX_TEXT_CHARS", 1000)
    with pytest.raises(documents.TooLongDocumentError):
        documents.extract_document(b"A sentence of the protocol. " * 100, "long.txt")
    assert documents.extract_document(b"A sentence of the protocol. " * 30, "ok.txt").text


def test_a_long_text_is_refused_before_its_pages_are_worked_on(monkeypatch):
    """A text of form-feed-separated pages has its running heads looked for on every page:
    seconds for a 30 MB text, then refused all the same."""
    import checker.documents as documents
    from checker.documents import readers

    def no_pages(text):
        raise AssertionError("the pages of a text too long were worked on")

    monkeypatch.setattr(documents.limits, "MAX_TEXT_CHARS", 1000)
    monkeypatch.setattr(readers, "_paged_text", no_pages)
    with pytest.raises(documents.TooLongDocumentError):
        documents.extract_document(b"A sentence of the protocol.\f" * 100, "long.txt")


def _pdf_of_pages(texts: list[str]) -> bytes:
    """A PDF written by hand, one page per text (a line in Helvetica; none if empty)."""
    count = len(texts)
    kids = " ".join(f"{4 + 2 * n} 0 R" for n in range(count))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               f"<< /Type /Pages /Kids [{kids}] /Count {count} >>".encode(),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    for n, text in enumerate(texts):
        stream = f"BT /F 11 Tf 72 780 Td ({text}) Tj ET".encode() if text else b""
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                       b"/Resources << /Font << /F 3 0 R >> >> /Contents %d 0 R >>" % (5 + 2 * n))
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    return pdf_of_objects(objects)


def _count_pages_read(monkeypatch) -> list[int]:
    """A list that counts the PDF pages read from now on (its length)."""
    from checker.documents import pdf

    read: list[int] = []
    original = pdf._read_page

    def counted(textpage, *args):
        read.append(1)
        return original(textpage, *args)

    monkeypatch.setattr(pdf, "_read_page", counted)
    return read


def test_a_long_pdf_is_refused_as_soon_as_its_text_passes_the_limit(monkeypatch):
    import checker.documents as documents

    monkeypatch.setattr(documents.limits, "MAX_TEXT_CHARS", 1000)
    read = _count_pages_read(monkeypatch)
    line = "Participants will be randomised to walking or usual care in a 1:1 ratio."
    # Over 200 characters a page, in different words on each (a line repeated on every
    # page would be dropped as a running head).
    pages = [" ".join([line] * 3) + f" Site {letter}." for letter in "ABCDEFGHIJKL"]
    with pytest.raises(documents.TooLongDocumentError) as caught:
        documents.extract_document(_pdf_of_pages(pages), "long.pdf")
    assert "trop long" in caught.value.message("fr")
    assert len(read) == 5  # the page that passed the limit is the last one read
    assert documents.extract_document(_pdf_of_pages(pages[:4]), "ok.pdf").text


def test_a_pdf_of_thousands_of_blank_pages_is_refused_before_reading_them(monkeypatch):
    """PDFium takes a while to open even a blank page: a small file of 20,000 of them held a
    worker for seconds, only to find no text."""
    import checker.documents as documents

    read = _count_pages_read(monkeypatch)
    blank = _pdf_of_pages([""] * (documents.limits.MAX_PDF_PAGES + 1))
    assert len(blank) < 500_000
    with pytest.raises(documents.TooLongDocumentError) as caught:
        documents.extract_document(blank, "blank.pdf")
    assert not read
    # The message gives the count it went by, not the "pages of text" it never measured.
    assert "2,001 pages, more than the 2,000" in caught.value.message("en")
    assert "2\u00a0001 pages, plus que les 2\u00a0000" in caught.value.message("fr")


def test_a_wrong_method_gets_a_page_in_french(app, auth_client, assessment):
    post(auth_client, "/language", {"lang": "fr"})
    wrong = auth_client.put(f"/assessments/{assessment}")
    assert wrong.status_code == 405 and "Action non permise" in wrong.get_data(as_text=True)


def test_a_server_error_gets_a_page_in_french_without_details(make_app):
    app = make_app(PROPAGATE_EXCEPTIONS=False)

    def fail() -> str:
        raise RuntimeError("a bug")

    app.add_url_rule("/boom", "boom", fail)
    broken = app.test_client().get("/boom", headers={"Accept-Language": "fr"})
    assert broken.status_code == 500
    page = broken.get_data(as_text=True)
    assert "Une erreur s&#39;est produite" in page or "Une erreur s'est produite" in page
    assert "a bug" not in page and "Traceback" not in page


@pytest.mark.parametrize("raw", ["nan", "inf", "1e400", "-5", "abc", "0"])
def test_a_malformed_upload_limit_falls_back_to_the_default_with_a_warning(
        monkeypatch, capsys, tmp_path, raw):
    from checker.config import DEFAULT_UPLOAD_MB, build_config

    monkeypatch.setenv("NPIS_MAX_UPLOAD_MB", raw)
    config = build_config({"SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": "sqlite://",
                           "DATA_DIR": str(tmp_path)})
    assert config["MAX_UPLOAD_BYTES"] == int(DEFAULT_UPLOAD_MB * 1024 * 1024)
    assert "NPIS_MAX_UPLOAD_MB" in capsys.readouterr().err
    monkeypatch.setenv("NPIS_MAX_UPLOAD_MB", "2.5")
    config = build_config({"SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": "sqlite://",
                           "DATA_DIR": str(tmp_path)})
    assert config["MAX_UPLOAD_BYTES"] == int(2.5 * 1024 * 1024)


def test_an_invisible_title_is_no_title(app, auth_client):
    from conftest import ASSESSMENT_FORM

    response = post(auth_client, "/assessments/new", {**ASSESSMENT_FORM, "title": "\u200b \u2060"},
                    content_type="multipart/form-data")
    assert response.status_code == 400 and "This field is required." in response.get_data(
        as_text=True)


@pytest.mark.parametrize("path", ["/assessments/{uid}%00", "/assessments/{uid}/answers/E01%00",
                                  "/assessments/%00/results", "/dossiers/a%00b/edit"])
def test_a_nul_in_an_address_is_a_404_page(app, auth_client, assessment, path):
    """PostgreSQL refuses a NUL in a query: the address must not reach the database."""
    from werkzeug.exceptions import NotFound

    with pytest.raises(NotFound):
        app.url_map.bind("localhost").match(path.format(uid=assessment).replace("%00", "\x00"))
    response = auth_client.get(path.format(uid=assessment))
    assert response.status_code == 404 and "does not exist" in response.get_data(as_text=True)


def test_a_byte_range_beyond_the_end_of_a_file_gets_the_apps_page(client):
    response = client.get("/static/app.css", headers={"Range": "bytes=99999999-",
                                                      "Accept-Language": "fr"})
    assert response.status_code == 416
    page = response.get_data(as_text=True)
    assert 'class="site-header"' in page and "Requête refusée" in page
