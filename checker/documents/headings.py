"""The section names a document's reader knows (``headings.yaml``): usual section names, the
abstract's names and its parts' run-in labels, the back matter's run-in labels. Data, not
code: each name is listed once, in one list per use."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from ..yaml_files import load_yaml

HEADINGS_PATH = Path(__file__).with_name("headings.yaml")
LANGUAGES = ("en", "fr")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'", "\u2018": "'"})


def name_key(name: str) -> str:
    """A name as the lists hold it: lower case, straight apostrophes, one space apart."""
    return " ".join(name.translate(_APOSTROPHES).lower().split())


@cache
def _data() -> dict:
    with HEADINGS_PATH.open(encoding="utf-8") as handle:
        data = load_yaml(handle)
    for key in ("usual", "abstract", "abstract_labels", "back_matter"):
        for language in LANGUAGES:
            lists = data[key][language]
            for names in lists.values() if isinstance(lists, dict) else [lists]:
                if not names or not all(isinstance(name, str) and name.strip()
                                        for name in names):
                    raise ValueError(f"headings.yaml: {key}/{language} must be a non-empty "
                                     "list of names")
    return data


def _names(key: str, part: str | None = None) -> frozenset[str]:
    data = _data()[key]
    return frozenset(name for language in LANGUAGES
                     for name in (data[language][part] if part else data[language]))


@cache
def usual_headings() -> frozenset[str]:
    """The usual section names: a short line equal to one of them is a heading (compared in
    lower case, as written otherwise)."""
    return (_names("usual") | _names("abstract") | _names("back_matter", "heading"))


@cache
def abstract_names() -> frozenset[str]:
    """"abstract", "summary", "résumé": an abstract's heading."""
    return frozenset(name_key(name) for name in _names("abstract"))


@cache
def abstract_labels() -> frozenset[str]:
    """The run-in labels of a structured abstract's parts ("background", "méthodes")."""
    return frozenset(name_key(name) for name in _names("abstract_labels"))


@cache
def back_matter_names() -> frozenset[str]:
    """The back matter's run-in labels, English and French (:mod:`.back_matter`)."""
    return frozenset(name_key(name) for name in
                     _names("back_matter", "heading") | _names("back_matter", "run_in"))


@cache
def labels_of(language: str) -> frozenset[str]:
    """The abstract's run-in labels of one language."""
    return frozenset(name_key(name) for name in _data()["abstract_labels"][language])
