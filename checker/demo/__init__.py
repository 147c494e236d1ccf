"""A fully answered demonstration assessment (fictitious interventional protocol of an NPI)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from checker.catalogue import Catalogue
from checker.services.json_io import import_json
from checker.services.records import AssessmentRecord

DEMO_DIR = Path(__file__).resolve().parent
INTERVENTIONAL_DEMO = DEMO_DIR / "interventional_demo.json"


def load_demo(catalogue: Catalogue, path: Path = INTERVENTIONAL_DEMO) -> AssessmentRecord:
    """The demo assessment, bound to ``catalogue``.

    The demo file names the catalogue it was written with; the demo is always shown against
    the catalogue in use, so its reports carry that catalogue's version and fingerprint.
    """
    record = import_json(json.loads(path.read_text(encoding="utf-8")), catalogue=catalogue)
    return replace(record, catalogue_id=catalogue.id, catalogue_version=catalogue.version,
                   catalogue_fingerprint=catalogue.fingerprint)
