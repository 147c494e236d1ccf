"""An example to explore: the fictitious, fully answered demo assessment, copied into a
person's own account from the home page, so a first look needs no command line."""

from __future__ import annotations

from dataclasses import replace

from ..catalogue import Catalogue
from ..demo import load_demo
from ..models import Assessment, User
from .assessments import import_record


def open_example(owner: User, catalogue: Catalogue, label: str) -> Assessment:
    """A new assessment of ``owner``'s: the demo (an interventional protocol, 30 answers with
    quotations), its title prefixed with ``label`` ("Example") so it is not taken for real
    work. Like any assessment, it can be edited, reported on or deleted."""
    record = load_demo(catalogue)
    return import_record(replace(record, title=f"{label} — {record.title}"), owner, catalogue)
