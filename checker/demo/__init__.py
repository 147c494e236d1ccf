"""A fully answered demonstration assessment (fictitious interventional protocol of an NPI).

It exists in English and in French: the same fictitious trial (APA-FATIGUE), the same answers,
with justifications and quotations written in each language, so a French-speaking person sees
a French protocol assessed in French. Both files name the catalogue they were written with:
when the catalogue's text changes, update the fingerprint (and version) in **both**
(``interventional_demo.json`` and ``interventional_demo_fr.json``); a test checks it.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from checker.catalogue import Catalogue
from checker.services.json_io import import_json
from checker.services.records import AssessmentRecord

DEMO_DIR = Path(__file__).resolve().parent
INTERVENTIONAL_DEMO = DEMO_DIR / "interventional_demo.json"
INTERVENTIONAL_DEMO_FR = DEMO_DIR / "interventional_demo_fr.json"
DEMO_FILES = {"en": INTERVENTIONAL_DEMO, "fr": INTERVENTIONAL_DEMO_FR}
"""The demo in each language it is written in (English is the default)."""


def demo_path(lang: str | None = None) -> Path:
    """The demo file for ``lang`` ("fr", "fr-FR"…), the English one for any other language."""
    code = (lang or "en").split("-")[0].split("_")[0].lower()
    return DEMO_FILES.get(code, INTERVENTIONAL_DEMO)


def load_demo(catalogue: Catalogue, path: Path | None = None, *,
              lang: str | None = None) -> AssessmentRecord:
    """The demo assessment, bound to ``catalogue``: the one written in ``lang`` (English by
    default), or the file at ``path``.

    The demo file names the catalogue it was written with; the demo is always shown against
    the catalogue in use, so its reports carry that catalogue's version and fingerprint.
    Raises :class:`~checker.services.json_io.JsonImportError` when it does not fit
    ``catalogue`` (an invariant or answer it does not know).
    """
    path = path or demo_path(lang)
    record = import_json(json.loads(path.read_text(encoding="utf-8")), catalogue=catalogue)
    return replace(record, catalogue_id=catalogue.id, catalogue_version=catalogue.version,
                   catalogue_fingerprint=catalogue.fingerprint)
