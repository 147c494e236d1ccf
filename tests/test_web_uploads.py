"""Uploaded documents: type sniffing, size limits, storage by SHA-256, form kept on refusal."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import pytest
from conftest import ASSESSMENT_FORM, login, make_user, post
from sqlalchemy import select

from checker.extensions import db
from checker.models import Assessment
from checker.services.uploads import UploadError, check_document

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def docx_bytes() -> bytes:
    from docx import Document

    buffer = io.BytesIO()
    document = Document()
    document.add_paragraph("Protocol of a walking programme.")
    document.save(buffer)
    return buffer.getvalue()


def odt_bytes() -> bytes:
    from test_documents import _odt

    return _odt("<text:h text:outline-level='1'>Protocole</text:h>"
                "<text:p>Les participants seront randomisés.</text:p>")


def upload(client, name: str, data: bytes, **changes):
    form = {**ASSESSMENT_FORM, **changes, "document": (io.BytesIO(data), name)}
    return post(client, "/assessments/new", form, content_type="multipart/form-data")


@pytest.mark.parametrize("name,data", [
    ("protocol.pdf", PDF),
    ("protocol.DOCX", None),
    ("protocole.odt", "odt"),
    ("protocol.txt", "Étude pilote, protocole v2.\n".encode("latin-1")),
    ("notes.txt", "Protocole d'étude — version 2\n".encode()),
    ("unicode.txt", "Protocole d'étude — version 2\n".encode("utf-16")),
    ("cut-short.txt", "Protocole d'étude — version 2\n".encode("utf-16")[:-1]),
    ("mixed.txt", "Étude pilote — version 2, l".encode() + b"\x92" + "équipe\n".encode()),
    ("protocol.md", b"# Protocol\n\n## Methods\n\nParticipants are randomised.\n"),
])
def test_valid_documents_are_stored_by_sha256(app, auth_client, name, data):
    data = odt_bytes() if data == "odt" else data if data is not None else docx_bytes()
    response = upload(auth_client, name, data)
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    digest = hashlib.sha256(data).hexdigest()
    with app.app_context():
        assessment = db.session.scalar(select(Assessment))
        assert (assessment.document_filename, assessment.document_sha256,
                assessment.document_size) == (name, digest, len(data))
    stored = list((Path(app.config["UPLOAD_DIR"])).glob(f"{digest}.*"))
    assert len(stored) == 1 and stored[0].read_bytes() == data


@pytest.mark.parametrize("name,data,message", [
    ("corrupt.pdf", b"this is not a pdf at all", "not a valid PDF"),
    ("truncated.pdf", PDF[:20], "not a valid PDF"),
    ("fake.docx", b"PK\x03\x04 not really a zip", "not a valid DOCX"),
    ("other.docx", None, "not a valid DOCX"),
    ("other.odt", None, "not a valid ODT"),
    ("binary.txt", b"\x00\x01\x02\x03" * 100, "not plain text"),
    ("virus.exe", b"MZ\x90\x00", "Unsupported file type"),
    ("scan page 1.JPG", b"\xff\xd8\xff\xe0",
     "JPG files are images, whose text cannot be read: upload the document as saved from the "
     "word processor (PDF or DOCX)"),
    ("image.png", b"\x89PNG\r\n\x1a\n", "PNG files are images, whose text cannot be read"),
    ("dossier CPP.zip", b"PK\x05\x06" + bytes(18),
     "ZIP files are archives: open the archive and upload the protocol or paper it holds"),
    ("protocol.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),
     "DOC files cannot be read: open the file in your word processor, save it as DOCX"),
    ("protocol.rtf", b"{\\rtf1\\ansi Protocol}", "RTF files cannot be read"),
    ("empty.pdf", b"", "empty"),
])
def test_bad_documents_are_refused_without_losing_the_form(app, auth_client, name, data, message):
    if data is None:  # a real zip, but not a Word or OpenDocument text
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("hello.txt", "hi")
        data = buffer.getvalue()
    response = upload(auth_client, name, data, title="Kept title after refusal")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert message in page
    assert "Kept title after refusal" in page
    assert ASSESSMENT_FORM["npi_name"] in page
    assert 'id="document-error"' in page
    with app.app_context():
        assert db.session.scalar(select(Assessment)) is None


def test_file_over_the_limit_gets_a_field_error(make_app, tmp_path):
    app = make_app(MAX_UPLOAD_BYTES=1000, MAX_CONTENT_LENGTH=200_000)
    make_user(app, "alice")
    client = app.test_client()
    login(client, "alice")
    response = upload(client, "big.pdf", PDF + b"0" * 5000 + b"%%EOF", title="Big one")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "too large" in page and "Big one" in page
    post(client, "/language", {"lang": "fr"})
    response = upload(client, "big.pdf", PDF + b"0" * 5000 + b"%%EOF", title="Big one")
    # Sizes in French notation: a decimal comma and a no-break space before the unit.
    assert "trop volumineux (0,1\u00a0Mo)" in response.get_data(as_text=True)


def test_request_body_over_the_limit_gets_a_friendly_413(make_app):
    app = make_app(MAX_UPLOAD_BYTES=1000, MAX_CONTENT_LENGTH=5000)
    make_user(app, "alice")
    client = app.test_client()
    login(client, "alice")
    response = upload(client, "huge.pdf", PDF + b"0" * 50_000)
    assert response.status_code == 413
    page = response.get_data(as_text=True)
    assert "File too large" in page and "smaller file" in page


def test_a_long_paste_in_the_multipart_form_gets_a_field_error(app, auth_client):
    form = {**ASSESSMENT_FORM, "title": "x" * 1024 * 1024}
    response = post(auth_client, "/assessments/new", form, content_type="multipart/form-data")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "longer than 300 characters" in page and ASSESSMENT_FORM["npi_name"] in page


def test_default_limit_is_20_megabytes(app):
    assert app.config["MAX_UPLOAD_BYTES"] == 20 * 1024 * 1024
    assert app.config["MAX_CONTENT_LENGTH"] > app.config["MAX_UPLOAD_BYTES"]


def test_check_document_unit():
    assert check_document("a.pdf", PDF, 10_000) == "pdf"
    assert check_document("a.txt", b"plain", 10_000) == "txt"
    with pytest.raises(UploadError, match="too large"):
        check_document("a.pdf", PDF, 10)
    with pytest.raises(UploadError, match="Unsupported"):
        check_document("a", PDF, 10_000)  # no extension


def test_document_is_kept_when_another_field_is_refused(app, auth_client):
    text = b"# Protocol\n\n## Methods\n\nParticipants will be randomised.\n"
    refused = upload(auth_client, "protocol.md", text, domain="")
    assert refused.status_code == 400
    page = refused.get_data(as_text=True)
    assert "The document protocol.md is kept" in page
    # Sent again without choosing the file: the kept document is attached.
    again = post(auth_client, "/assessments/new", dict(ASSESSMENT_FORM),
                 content_type="multipart/form-data")
    assert again.status_code == 302
    with app.app_context():
        assessment = db.session.scalar(select(Assessment))
        assert assessment.document_filename == "protocol.md"
        assert assessment.document_sha256 == hashlib.sha256(text).hexdigest()
    # A new form starts empty: the next assessment gets no document unless one is chosen.
    assert "is kept" not in auth_client.get("/assessments/new").get_data(as_text=True)
    post(auth_client, "/assessments/new", {**ASSESSMENT_FORM, "title": "Second"},
         content_type="multipart/form-data")
    with app.app_context():
        second = db.session.scalar(select(Assessment).where(Assessment.title == "Second"))
        assert second.document_sha256 in (None, "")


def test_a_kept_document_never_passes_to_another_account(app, auth_client):
    text = b"# Protocol\n\n## Methods\n\nParticipants will be randomised in blocks.\n"
    assert upload(auth_client, "secret.md", text, domain="").status_code == 400
    post(auth_client, "/auth/logout")
    make_user(app, "bob")
    login(auth_client, "bob")  # same browser, same session cookie
    response = post(auth_client, "/assessments/new", dict(ASSESSMENT_FORM),
                    content_type="multipart/form-data")
    assert response.status_code == 302
    with app.app_context():
        assessment = db.session.scalar(select(Assessment))
        assert not assessment.document_sha256


def test_a_kept_document_whose_file_went_meanwhile_is_asked_for_again(app, auth_client):
    text = b"# Protocol\n\n## Methods\n\nParticipants will be randomised in blocks of four.\n"
    assert upload(auth_client, "protocol.md", text, domain="").status_code == 400
    for path in Path(app.config["UPLOAD_DIR"]).glob("*.md"):
        path.unlink()
    response = post(auth_client, "/assessments/new", dict(ASSESSMENT_FORM),
                    content_type="multipart/form-data")
    assert response.status_code == 400
    assert "no longer stored: choose it again" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(Assessment)) is None


def test_a_file_name_is_stored_without_bidirectional_controls(app, auth_client):
    """A right-to-left override would show "invoice\u202excod.pdf" as "invoicefdp.docx": the
    name is kept in the order its characters are stored, as every report then shows it."""
    response = upload(auth_client, "invoice\u202excod\u2066.pdf", PDF)
    assert response.status_code == 302
    with app.app_context():
        assert db.session.scalar(select(Assessment)).document_filename == "invoicexcod.pdf"


def test_plain_file_name_keeps_letters_of_every_script() -> None:
    from checker.text_input import plain_file_name

    assert plain_file_name("بروتوكول\u200f.pdf") == "بروتوكول.pdf"
    assert plain_file_name("protocole\x00 v2\n(final).docx") == "protocole v2 (final).docx"
    assert plain_file_name("étude_é.pdf") == "étude_é.pdf"


@pytest.mark.parametrize("lang,said", [
    ("en", "The document was not uploaded. DOC files cannot be read: open the file in your "
           "word processor"),
    ("fr", "Le document n'a pas été téléversé. Les fichiers DOC ne peuvent pas être lus"),
])
def test_a_refused_revised_document_is_said_in_sentences_of_their_own(auth_client, lang, said):
    """The refusal's reason has its own colon and capital: "not uploaded: DOC files cannot
    be read: open…" read badly, and in French a capital cannot follow a colon."""
    post(auth_client, "/language", {"lang": lang})
    response = upload(auth_client, "protocol.txt", b"Protocol of a walking programme.\n")
    uid = response.headers["Location"].rstrip("/").split("/")[-1]
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600
    page = post(auth_client, f"/assessments/{uid}/document",
                {"document": (io.BytesIO(ole), "ancien protocole.doc")},
                content_type="multipart/form-data", follow_redirects=True).get_data(as_text=True)
    assert said in page.replace("&#39;", "'")


def test_an_image_or_an_archive_is_refused_with_its_remedy_in_french(auth_client):
    post(auth_client, "/language", {"lang": "fr"})
    page = upload(auth_client, "scan.tiff", b"II*\x00").get_data(as_text=True)
    assert ("Les fichiers TIFF sont des images, dont le texte ne peut pas être lu\u00a0: "
            "téléversez plutôt le document enregistré depuis le traitement de texte") in \
        page.replace("&#39;", "'")
    page = upload(auth_client, "envoi.7z", b"7z\xbc\xaf").get_data(as_text=True)
    assert ("Les fichiers 7Z sont des archives\u00a0: ouvrez l'archive et téléversez le "
            "protocole ou l'article qu'elle contient") in page.replace("&#39;", "'")


@pytest.mark.parametrize("lang,said", [
    ("en", "Your assessment “Walking, first try” already has this document (same content). If "
           "this one was created by mistake, delete it: each assessment keeps its own answers."),
    ("fr", "Votre évaluation «\u00a0Walking, first try\u00a0» a déjà ce document (même "
           "contenu). Si celle-ci a été créée par erreur, supprimez-la\u00a0: chaque évaluation "
           "garde ses propres réponses."),
])
def test_a_second_assessment_of_the_same_document_is_pointed_out(app, auth_client, lang, said):
    post(auth_client, "/language", {"lang": lang})
    text = b"Protocol of a walking programme after stroke, version 2.\n"
    upload(auth_client, "protocol.txt", text, title="Walking, first try")
    response = upload(auth_client, "Protocole d'étude v2.txt", text, title="Walking again")
    assert response.status_code == 302
    page = auth_client.get(response.headers["Location"]).get_data(as_text=True)
    assert said in page.replace("&#39;", "'")
    other = upload(auth_client, "other.txt", b"Another protocol altogether, on yoga.\n",
                   title="Yoga")
    page = auth_client.get(other.headers["Location"]).get_data(as_text=True)
    assert "same content" not in page and "même contenu" not in page


@pytest.mark.parametrize("limit_mb,over,said", [
    (2, 5000, "The file is too large (2.1 MB); the limit is 2 MB."),
    (2.5, 1, "The file is too large (2.6 MB); the limit is 2.5 MB."),
])
def test_a_file_just_over_the_limit_reads_larger_than_the_limit(limit_mb, over, said):
    """"(2.0 MB); the limit is 2 MB" read as a file within the limit: the size is rounded up,
    and a limit of 2.5 MB is not shown as 2."""
    limit = int(limit_mb * 1048576)
    with pytest.raises(UploadError) as refused:
        check_document("protocol.pdf", PDF + b"0" * (limit + over), limit)
    assert str(refused.value) == said


@pytest.mark.parametrize("lang,said", [
    ("en", "The document could not be analysed. No text could be extracted: the file is empty, "
           "or it is a scanned image without text."),
    ("fr", "Le document n'a pas pu être analysé. Aucun texte n'a pu être extrait\u00a0: le "
           "fichier est vide, ou c'est une image numérisée sans texte."),
])
def test_suggesting_again_on_a_scan_says_why_in_sentences_of_their_own(auth_client, lang,
                                                                        said):
    """The reason has its own colon: "could not be analysed: No text could be extracted:"
    read badly (and a French capital cannot follow a colon)."""
    from test_bad_input import _pdf_of_pages

    post(auth_client, "/language", {"lang": lang})
    response = upload(auth_client, "scan.pdf", _pdf_of_pages(["", ""]))
    uid = response.headers["Location"].rstrip("/").split("/")[-1]
    page = post(auth_client, f"/assessments/{uid}/suggestions",
                follow_redirects=True).get_data(as_text=True)
    assert said in page.replace("&#39;", "'")
