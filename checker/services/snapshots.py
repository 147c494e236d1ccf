"""Catalogue snapshots: each assessment is scored with the catalogue it was made with."""

from __future__ import annotations

from flask import current_app
from sqlalchemy.dialects import postgresql, sqlite

from ..catalogue import Catalogue, catalogue_from_data, get_catalogue
from ..extensions import db
from ..models import CatalogueSnapshot
from ..models._time import utcnow

# Snapshots never change once stored (keyed by content fingerprint), so caching is safe.
_BY_FINGERPRINT: dict[str, Catalogue] = {}


def active_catalogue() -> Catalogue:
    """The catalogue new assessments use: config/env ``NPIS_CATALOGUE``, else the built-in one."""
    catalogue = get_catalogue(current_app.config.get("NPIS_CATALOGUE"))
    # Its snapshot, stored under the fingerprint of this very content, is this catalogue: the
    # assessments made with it are scored with it, not with a second copy built and validated
    # again from the stored data (about 0.15 s, paid by the first view after a start).
    _BY_FINGERPRINT.setdefault(catalogue.fingerprint, catalogue)
    return catalogue


def ensure_snapshot(catalogue: Catalogue) -> CatalogueSnapshot:
    """Store ``catalogue`` (full data) under its fingerprint if not stored yet.

    The first assessments made with a catalogue (a new installation, or the first morning
    after an upgrade that changed it) may be created by several people at once: each request
    finds no snapshot and stores it. The insert does nothing where another has just stored
    the same fingerprint (same content), instead of failing every request but one.
    """
    snapshot = db.session.get(CatalogueSnapshot, catalogue.fingerprint)
    if snapshot is None:
        dialect = postgresql if db.session.get_bind().dialect.name == "postgresql" else sqlite
        db.session.execute(dialect.insert(CatalogueSnapshot).values(
            fingerprint=catalogue.fingerprint,
            catalogue_id=catalogue.id,
            version=catalogue.version,
            data=catalogue.to_dict(),
            created_at=utcnow(),
        ).on_conflict_do_nothing(index_elements=["fingerprint"]))
        snapshot = db.session.get(CatalogueSnapshot, catalogue.fingerprint)
        if snapshot is None:  # cannot happen: stored now, by this request or by another
            raise RuntimeError(f"catalogue snapshot {catalogue.fingerprint} not stored")
    _BY_FINGERPRINT.setdefault(catalogue.fingerprint, catalogue)
    return snapshot


def catalogue_by_fingerprint(fingerprint: str) -> Catalogue | None:
    """The catalogue with this fingerprint: a stored snapshot, or the active catalogue once
    loaded (:func:`active_catalogue`; the snapshot of it, stored with the first assessment made
    with it, has the same content); None if neither."""
    cached = _BY_FINGERPRINT.get(fingerprint)
    if cached is not None:
        return cached
    snapshot = db.session.get(CatalogueSnapshot, fingerprint)
    if snapshot is None:
        return None
    catalogue = catalogue_from_data(snapshot.data, source=f"snapshot:{fingerprint[:12]}")
    _BY_FINGERPRINT[fingerprint] = catalogue
    return catalogue
