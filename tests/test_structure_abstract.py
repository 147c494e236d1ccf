"""The usual section names are data (headings.yaml), each listed once, and recognised as they
were when structure.py listed them."""

from __future__ import annotations

import pytest

from checker.documents.back_matter import back_matter_names
from checker.documents.headings import HEADINGS_PATH, usual_headings
from checker.documents.structure import is_known_heading
from checker.yaml_files import load_yaml


def test_heading_names_are_listed_once() -> None:
    with HEADINGS_PATH.open(encoding="utf-8") as handle:
        data = load_yaml(handle)
    for language in ("en", "fr"):
        names = (data["usual"][language] + data["abstract"][language]
                 + data["back_matter"][language]["heading"]
                 + data["back_matter"][language]["run_in"])
        assert len(names) == len(set(names)), language
        assert all(name == name.lower() for name in names)


@pytest.mark.parametrize(("line", "known"), [
    ("Abstract", True), ("Résumé", True), ("METHODS:", True), ("Funding", True),
    ("Acknowledgments", True), ("Authors' contributions", True), ("Liens d'intérêts", True),
    ("Critères de non-inclusion", True), ("Mots-clés", True),
    # Back-matter names recognised as run-in labels only, as before.
    ("Disclosures", False), ("Funding sources", False), ("Data availability", False),
    ("Financements", False), ("Authors\u2019 contributions", False),
    ("Summary of findings", False),
])
def test_usual_headings_recognised_as_before(line: str, known: bool) -> None:
    assert is_known_heading(line) is known


def test_usual_headings_and_back_matter_labels_as_before() -> None:
    assert len(usual_headings()) == 102
    assert len(back_matter_names()) == 53
    assert {"funding", "competing interests", "financement", "remerciements"} <= (
        usual_headings() & back_matter_names())
