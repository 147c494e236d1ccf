"""Catalogue snapshots: each assessment is scored with the catalogue it was made with."""

from __future__ import annotations

from flask import current_app

from ..catalogue import Catalogue, catalogue_from_data, get_catalogue
from ..extensions import db
from ..models import CatalogueSnapshot

# Snapshots never change once stored (keyed by content fingerprint), so caching is safe.
_BY_FINGERPRINT: dict[str, Catalogue] = {}


def active_catalogue() -> Catalogue:
    """The catalogue new assessments use: config/env ``NPIS_CATALOGUE``, else the built-in one."""
    return get_catalogue(current_app.config.get("NPIS_CATALOGUE"))


def ensure_snapshot(catalogue: Catalogue) -> CatalogueSnapshot:
    """Store ``catalogue`` (full data) under its fingerprint if not stored yet."""
    snapshot = db.session.get(CatalogueSnapshot, catalogue.fingerprint)
    if snapshot is None:
        snapshot = CatalogueSnapshot(
            fingerprint=catalogue.fingerprint,
            catalogue_id=catalogue.id,
            version=catalogue.version,
            data=catalogue.to_dict(),
        )
        db.session.add(snapshot)
        db.session.flush()
    _BY_FINGERPRINT.setdefault(catalogue.fingerprint, catalogue)
    return snapshot


def catalogue_by_fingerprint(fingerprint: str) -> Catalogue | None:
    """The stored snapshot with this fingerprint as a :class:`Catalogue`, or None."""
    cached = _BY_FINGERPRINT.get(fingerprint)
    if cached is not None:
        return cached
    snapshot = db.session.get(CatalogueSnapshot, fingerprint)
    if snapshot is None:
        return None
    catalogue = catalogue_from_data(snapshot.data, source=f"snapshot:{fingerprint[:12]}")
    _BY_FINGERPRINT[fingerprint] = catalogue
    return catalogue
