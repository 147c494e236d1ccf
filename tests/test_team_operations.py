"""Running it for a team, what a unit's data manager meets: several people creating their
first assessments at once, a disk that fills up, a database that stops answering, a
reverse proxy on another port, handing a departed colleague's work over."""

from __future__ import annotations

import hashlib
import resource
import signal
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from conftest import create_assessment

from checker.extensions import db
from checker.models import Assessment, CatalogueSnapshot
from checker.services.uploads import store_document, stored_again


def test_first_assessments_made_at_once_share_one_catalogue_snapshot(app, auth_client,
                                                                     monkeypatch):
    # Two people create their first assessment at the same moment: both look for the
    # snapshot of the catalogue before either has stored it. The second to store it must
    # not fail (it did: a unique-key error, a 500 page, the form lost).
    first = create_assessment(auth_client)
    with app.app_context():
        assert db.session.query(CatalogueSnapshot).count() == 1
    real_get = db.session.get

    def not_yet_seen(model, key, *args, **kwargs):  # the other request had not committed
        if model is CatalogueSnapshot and not seen:
            seen.append(key)
            return None
        return real_get(model, key, *args, **kwargs)

    seen: list[str] = []
    monkeypatch.setattr(db.session, "get", not_yet_seen)
    second = create_assessment(auth_client, title="Second at the same time")
    monkeypatch.undo()
    assert seen  # the race was played
    with app.app_context():
        assert db.session.query(CatalogueSnapshot).count() == 1
        fingerprints = {a.catalogue_fingerprint for a in db.session.query(Assessment)
                        .filter(Assessment.uid.in_([first, second]))}
        assert len(fingerprints) == 1


@contextmanager
def _files_limited_to(size: int) -> Iterator[None]:
    """Writes beyond ``size`` bytes fail (EFBIG) as they do on a full disk (ENOSPC)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    previous = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, previous)


def test_a_document_whose_write_failed_is_not_kept_cut_short(tmp_path):
    data = b"%PDF-1.4\n" + b"x" * 20000 + b"\n%%EOF\n"
    with _files_limited_to(4096), pytest.raises(OSError):
        store_document(tmp_path, "protocol.pdf", data, 10**6)
    # Nothing under the document's name (it was a file of 4,096 bytes, which every later
    # upload of the same document then took as stored: an empty or broken document).
    assert [p.name for p in tmp_path.iterdir()] == []
    stored = store_document(tmp_path, "protocol.pdf", data, 10**6)
    assert stored.path.read_bytes() == data


def test_a_document_left_cut_short_by_an_earlier_failure_is_written_again(tmp_path):
    data = b"%PDF-1.4\n" + b"y" * 20000 + b"\n%%EOF\n"
    name = f"{hashlib.sha256(data).hexdigest()}.pdf"
    (tmp_path / name).write_bytes(data[:4096])  # what an earlier version left
    assert stored_again(tmp_path, "protocol.pdf", name[:-4], "pdf") is None
    stored = store_document(tmp_path, "protocol.pdf", data, 10**6)
    assert stored.path.name == name and stored.path.read_bytes() == data
    assert stored_again(tmp_path, "protocol.pdf", name[:-4], "pdf").size == len(data)
