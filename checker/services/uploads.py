"""Uploaded documents: size and type checks by extension AND content, storage by SHA-256."""

from __future__ import annotations

import hashlib
import io
import math
import os
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from flask_babel import format_decimal
from flask_babel import gettext as _

from ..documents import FORMATS
from ..documents.encoding import decode_text
from ..documents.odt import is_odt
from ..text_input import plain_file_name

ALLOWED = FORMATS  # extension -> kind, the formats the document reader reads
# Word processors' own formats: the remedy is to save the file again as DOCX.
SAVE_AS_DOCX = frozenset({".doc", ".docm", ".dot", ".dotx", ".rtf", ".wpd", ".pages", ".wps"})
# A scan or a photograph of the pages: the remedy is the word processor's file, or text
# recognition.
IMAGES = frozenset({".jpg", ".jpeg", ".png", ".tif", ".tiff", ".gif", ".bmp", ".heic",
                    ".webp"})
# Archives (a submission sent as one file): the remedy is the document inside.
ARCHIVES = frozenset({".zip", ".7z", ".rar", ".gz", ".tar", ".tgz"})


class UploadError(ValueError):
    """A refused upload; the message is shown next to the file field."""


@dataclass(frozen=True)
class StoredDocument:
    filename: str
    sha256: str
    size: int
    kind: str = ""
    path: Path | None = None  # None for a document known only by its fingerprint (import)


def _looks_like_text(data: bytes) -> bool:
    # Decoded as the reader will decode it, which reads any byte: binary content is told by
    # its control characters instead.
    text = decode_text(data)
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    return "\x00" not in text and controls <= max(1, len(text) // 1000)


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def check_document(filename: str, data: bytes, max_bytes: int) -> str:
    """Return the document kind (pdf, docx, odt, txt, md) or raise :class:`UploadError`."""
    if not data:
        raise UploadError(_("The file is empty."))
    if len(data) > max_bytes:
        raise UploadError(
            _(
                "The file is too large (%(size)s MB); the limit is %(limit)s MB.",
                # In the reader's notation: "12.3" in English, "12,3" in French.
                # The size rounded up, the limit as set: a file just over 2 MB read "2.0 MB;
                # the limit is 2 MB", and a limit of 2.5 MB read "2".
                size=format_decimal(math.ceil(len(data) / 1048576 * 10) / 10, "#,##0.0"),
                limit=format_decimal(round(max_bytes / 1048576, 1), "#,##0.#"),
            )
        )
    suffix = Path(filename).suffix.lower()
    kind = ALLOWED.get(suffix)
    if kind is None:
        if suffix in SAVE_AS_DOCX:
            # What a person with a Word, WordPerfect or Pages file can do in a minute.
            raise UploadError(_("%(type)s files cannot be read: open the file in your word "
                                "processor, save it as DOCX (or PDF), and upload that file.",
                                type=suffix.lstrip(".").upper()))
        if suffix in IMAGES:
            raise UploadError(_("%(type)s files are images, whose text cannot be read: upload "
                                "the document as saved from the word processor (PDF or DOCX) "
                                "instead, or have the scan turned into text first (text "
                                "recognition, in most scanners' software).",
                                type=suffix.lstrip(".").upper()))
        if suffix in ARCHIVES:
            raise UploadError(_("%(type)s files are archives: open the archive and upload the "
                                "protocol or paper it holds (PDF, DOCX, ODT, TXT or Markdown).",
                                type=suffix.lstrip(".").upper()))
        raise UploadError(_("Unsupported file type: upload a PDF, DOCX, ODT, TXT or Markdown "
                            "file."))
    if kind == "pdf" and (not data.startswith(b"%PDF-") or b"%%EOF" not in data[-2048:]):
        raise UploadError(_("This file is not a valid PDF (corrupt or mislabelled)."))
    if kind == "docx" and not _is_docx(data):
        raise UploadError(_("This file is not a valid DOCX document (corrupt or mislabelled)."))
    if kind == "odt" and not is_odt(data):
        raise UploadError(_("This file is not a valid ODT document (corrupt or mislabelled)."))
    if kind in ("txt", "md") and not _looks_like_text(data):
        raise UploadError(_("This file is not plain text (UTF-8 or Latin-1)."))
    return kind


def _safe_name(filename: str) -> str:
    """The file name without folders, control or bidirectional characters, at most 255
    characters with its extension kept."""
    name = plain_file_name(Path(filename).name)
    if len(name) <= 255:
        return name
    stem, dot, extension = name.rpartition(".")
    return (stem[:255 - len(extension) - 1] + dot + extension) if dot and len(extension) <= 10 \
        else name[:255]


def store_document(
    upload_dir: str | Path, filename: str, data: bytes, max_bytes: int
) -> StoredDocument:
    """Check then store ``data`` as ``<upload_dir>/<sha256><ext>`` (same content stored once)."""
    kind = check_document(filename, data, max_bytes)
    digest = hashlib.sha256(data).hexdigest()
    directory = Path(upload_dir)
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{digest}.{kind}"
    if not _holds(path, data):
        _write_whole(path, data)
    safe_name = _safe_name(filename)
    return StoredDocument(safe_name, digest, len(data), kind, path)


def _holds(path: Path, data: bytes) -> bool:
    """Whether ``path`` already holds ``data`` whole (named by its SHA-256, so its size tells
    a file cut short, by a full disk or a crash under an earlier version, from the whole)."""
    try:
        return path.stat().st_size == len(data)
    except OSError:
        return False


def _write_whole(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all: a temporary file beside it, renamed
    once written. A full disk (OSError) leaves no file cut short under the document's name,
    which every later upload of the same document would otherwise have taken as stored."""
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".upload-", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def stored_again(upload_dir: str | Path, filename: str, sha256: str, kind: str) -> \
        StoredDocument | None:
    """A document stored by an earlier attempt at the same form, if its file is still there
    (a form sent back with an error keeps the file the person chose; browsers cannot)."""
    if kind not in set(FORMATS.values()) or len(sha256) != 64 \
            or any(ch not in "0123456789abcdef" for ch in sha256):
        return None
    path = Path(upload_dir) / f"{sha256}.{kind}"
    try:
        data = path.read_bytes()
    except OSError:  # not there (any more)
        return None
    if hashlib.sha256(data).hexdigest() != sha256:  # cut short by a failed write: not it
        return None
    return StoredDocument(_safe_name(filename), sha256, len(data), kind, path)
