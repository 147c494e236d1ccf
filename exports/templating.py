"""The Jinja2 environment of the report templates (standalone: no Flask app needed)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2

import checker


def templates_dir() -> Path:
    """``checker/templates`` in an installed wheel, else ``<repo>/templates``."""
    installed = Path(checker.__file__).resolve().parent / "templates"
    if (installed / "reports").is_dir():
        return installed
    return Path(__file__).resolve().parent.parent / "templates"


def reports_dir() -> Path:
    return templates_dir() / "reports"


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    # Built once: template parsing is a measurable share of rendering time.
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(reports_dir())),
        autoescape=jinja2.select_autoescape(["html", "xml"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
