"""Why a catalogue file cannot be read, in the reader's language: the YAML reader's reasons,
the JSON reader's and Python's regular expressions' are worded again in French (with what to
do), the line and column, or the position in the pattern, kept; a reason not listed stays as
the reader gave it. Each case breaks one file of a copy of the built-in catalogue the way an
editor would, and reads it through `npis-check catalogue validate`."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.catalogue import CatalogueError, load_catalogue
from checker.cli import main
from invariants import BUILTIN_CATALOGUE

NB = "\u00a0"
FRENCH = {"NPIS_LANG": "fr"}
ENGLISH = {"NPIS_LANG": "en"}


def fr(text: str) -> str:
    return f"«{NB}{text}{NB}»"


def run(path: Path, env: dict[str, str]) -> list[str]:
    result = CliRunner().invoke(main, ["catalogue", "validate", str(path)], env=env,
                                prog_name="npis-check")
    assert result.exit_code == 1, result.output
    return result.output.splitlines()


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """A copy of the built-in catalogue (its directory), to break."""
    target = tmp_path / "npis"
    shutil.copytree(BUILTIN_CATALOGUE.parent, target)
    return target


def broken(catalogue: Path, file: str, old: str, new: str, *, last: bool = False
           ) -> tuple[Path, int]:
    """``file`` of the copy with the first line (or the ``last``) matching ``old`` (a regular
    expression) changed by ``re.sub`` into ``new``; the file and that line's number (from 1)."""
    path = catalogue / file
    lines = path.read_text(encoding="utf-8").split("\n")
    found = [i for i, line in enumerate(lines) if re.search(old, line)]
    number = found[-1] if last else found[0]
    lines[number] = re.sub(old, new, lines[number], count=1)
    path.write_text("\n".join(lines), encoding="utf-8")
    return path, number + 1


# (how the file is broken: file, the line to change (regex) and what replaces it; the line
# reported, relative to the changed one; the column, or None; the English reason; the
# French one). What is checked: the whole line after "error: " up to the reason's end given.
YAML_CASES = [
    ("a tab in the indentation", "ethical.yaml", r"^      absence:$", "\tabsence:", 0, 1,
     "found a tab character that violates indentation",
     f"une tabulation sert d'indentation{NB}: YAML n'accepte que des espaces"),
    ("an apostrophe in a text between apostrophes", "ethical.yaml", r"^(\s+fr: )'(.*)'$",
     r"\1'l'essai \2'", 0, None, "did not find expected key",
     f"une clé était attendue ici{NB}: vérifiez l'indentation (et, dans un texte entre "
     f"apostrophes, doublez chaque apostrophe du texte{NB}: 'l''essai')"),
    ("a colon in a plain text", "ethical.yaml", r"^(\s+en: )([A-Z][^'\":#]*)$",
     r"\1Note: \2", 0, None, "mapping values are not allowed in this context",
     f"un {fr(':')} suivi d'une espace n'est pas permis à cet endroit{NB}: mettez le texte "
     f"entre guillemets s'il contient {fr(':')}, ou vérifiez l'indentation"),
    ("a pattern's backslash between double quotes", "ethical.yaml",
     r"^(\s+- )'(\\b\(\?:unregistered[^']*)'$", r'\1"\2"', 0, None,
     "found unknown escape character",
     f"séquence d'échappement inconnue dans un texte entre guillemets doubles{NB}: doublez "
     f"la barre oblique inverse ({fr(chr(92) * 2)}), ou mettez le texte entre apostrophes"),
    ("a list item on its key's line", "ethical.yaml", r"^(\s+)sections:$", r"\1sections: - x",
     0, None, "block sequence entries are not allowed in this context",
     f"un élément de liste ({fr('-')}) ne peut pas suivre sa clé sur la même ligne{NB}: "
     "passez à la ligne et indentez-le"),
]


@pytest.mark.parametrize("file, old, new, offset, column, english, french",
                         [case[1:] for case in YAML_CASES], ids=[c[0] for c in YAML_CASES])
def test_a_malformed_yaml_file_is_explained_in_english_and_french(copy, file, old, new,
                                                                   offset, column, english,
                                                                   french):
    path, line = broken(copy, file, old, new)
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(copy)
    (problem,) = caught.value.problems
    reported = re.search(r"at line (\d+), column (\d+)", problem.text())
    assert reported and int(reported[1]) == line + offset, problem.text()
    if column is not None:
        assert int(reported[2]) == column
    col = reported[2]
    (en_line,) = run(copy, ENGLISH)
    assert en_line == f"error: {path}: malformed YAML at line {line + offset}, column {col}: " \
                      f"{english}"
    (fr_line,) = run(copy, FRENCH)
    assert fr_line == f"erreur{NB}: {path}{NB}: YAML mal formé à la ligne {line + offset}, " \
                      f"colonne {col}{NB}: {french}"


def test_an_unclosed_quotation_says_where_it_opened(copy):
    """The reader stops at the end of the file; the quotation mark left open is lines above
    it: both are said, in each language."""
    path, line = broken(copy, "ethical.yaml", r"^(\s+- )'(.*)'$", r"\1'\2", last=True)
    last = len(path.read_text(encoding="utf-8").splitlines()) + 1
    (en_line,) = run(copy, ENGLISH)
    assert re.fullmatch(
        rf"error: {re.escape(str(path))}: malformed YAML at line {last}, column \d+: found "
        rf"unexpected end of stream \(the quoted text starts at line {line}, column \d+\)",
        en_line), en_line
    (fr_line,) = run(copy, FRENCH)
    assert re.fullmatch(
        rf"erreur{NB}: {re.escape(str(path))}{NB}: YAML mal formé à la ligne {last}, colonne "
        rf"\d+{NB}: le fichier se termine avant la fin d'une valeur \(un guillemet ou une "
        rf"apostrophe fermante manque-t-il{NB}\?\) \(le texte entre guillemets commence à la "
        rf"ligne {line}, colonne \d+\)", fr_line), fr_line


def test_a_key_without_its_colon_says_where_the_key_is(copy):
    path, line = broken(copy, "ethical.yaml", r"^(\s+)sections:$", r"\1sections")
    (en_line,) = run(copy, ENGLISH)
    assert en_line.endswith(f"could not find expected ':' (the key starts at line {line}, "
                            "column 7)"), en_line
    (fr_line,) = run(copy, FRENCH)
    assert fr_line.endswith(f"il manque le {fr(':')} qui suit une clé, ou une ligne qui "
                            "continue un texte n'est pas assez indentée (la clé commence à la "
                            f"ligne {line}, colonne 7)"), fr_line


def test_a_control_character_is_placed_at_its_line_and_column(copy):
    """PyYAML places it by its position in the file only: the line and column are said."""
    path, line = broken(copy, "ethical.yaml", r"^(\s+en: )([A-Z])", "\\1\\2\x07")
    text = path.read_text(encoding="utf-8").split("\n")[line - 1]
    column = text.index("\x07") + 1
    (en_line,) = run(copy, ENGLISH)
    assert en_line == f"error: {path}: malformed YAML at line {line}, column {column}: " \
                      "unacceptable character #x0007: control characters are not allowed"
    (fr_line,) = run(copy, FRENCH)
    assert fr_line == f"erreur{NB}: {path}{NB}: YAML mal formé à la ligne {line}, colonne " \
                      f"{column}{NB}: caractère de contrôle non permis (#x0007){NB}: " \
                      "supprimez-le (il vient souvent d'un copier-coller)"


def test_a_reason_not_listed_stays_as_the_reader_gave_it(copy):
    """A block scalar's odd header: not in the table, so the reader's own words (what it was
    reading and what it found) in both languages, the place in the language's."""
    broken(copy, "ethical.yaml", r"^(\s+sections:)$", r"\1 |x")
    (en_line,) = run(copy, ENGLISH)
    english = en_line.split(": ", 3)[-1]
    assert english.startswith("while scanning a block scalar: "), en_line
    (fr_line,) = run(copy, FRENCH)
    assert fr_line.endswith(f"{NB}: {english}") and "YAML mal formé à la ligne" in fr_line


def test_a_file_saved_in_another_encoding_names_its_line(copy):
    """An editor saving a file in Latin-1 (an accented letter): not read at all, and said so
    with the line and what to do, in each language."""
    path = copy / "ethical.yaml"
    text = path.read_text(encoding="utf-8")
    line = text[:text.index("é")].count("\n") + 1
    path.write_bytes(text.encode("utf-8", "replace").replace("é".encode(), b"\xe9"))
    (en_line,) = run(copy, ENGLISH)
    assert en_line == f"error: {path}: not UTF-8 text at line {line} (byte 0xe9): save the " \
                      "file as UTF-8"
    (fr_line,) = run(copy, FRENCH)
    assert fr_line == f"erreur{NB}: {path}{NB}: le fichier n'est pas un texte UTF-8{NB}: la " \
                      f"ligne {line} contient un octet qui n'en est pas (0xe9), sans doute une " \
                      "lettre accentuée enregistrée dans un autre codage" \
                      f"{NB}: enregistrez le fichier en UTF-8"


def test_malformed_json_is_explained_in_french(tmp_path):
    path = tmp_path / "catalogue.json"
    path.write_text('{"id": "x"\n "name": {}}', encoding="utf-8")
    (en_line,) = run(path, ENGLISH)
    assert en_line == f"error: {path}: malformed JSON at line 2, column 2: Expecting ',' " \
                      "delimiter"
    (fr_line,) = run(path, FRENCH)
    assert fr_line == f"erreur{NB}: {path}{NB}: JSON mal formé à la ligne 2, colonne 2{NB}: " \
                      f"une virgule est attendue entre deux éléments (ou {fr(']')} ou " \
                      f"{fr('}')} pour fermer)"


# A pattern of E03's statements of absence (ethical.yaml), replaced: (the pattern, the English
# reason with its place, the French).
REGEX_CASES = [
    ("unterminated subpattern", r"\bessai\s+(non\s+enregistré",
     "missing ), unterminated subpattern at position 10 ('(non\\s+enregistré')",
     f"à la position 10 ({fr('(non' + chr(92) + 's+enregistré')}){NB}: parenthèse ouvrante "
     f"jamais refermée{NB}: il manque une {fr(')')} (écrivez {fr(chr(92) + '(')} pour une "
     "parenthèse du texte)"),
    ("nothing to repeat", r"essai\s+non\s+enregistré|*",
     "nothing to repeat at position 25 ('*')",
     f"à la position 25 ({fr('*')}){NB}: rien à répéter avant ce {fr('*')}, {fr('+')}, "
     f"{fr('?')} ou {fr('{')} (écrivez par exemple {fr(chr(92) + '+')} pour le caractère "
     "lui-même)"),
    ("unbalanced parenthesis", r"essai\s+non)\s+enregistré",
     "unbalanced parenthesis at position 11 (')\\s+enregistré')",
     f"à la position 11 ({fr(')' + chr(92) + 's+enregistré')}){NB}: {fr(')')} sans "
     f"parenthèse ouvrante (écrivez {fr(chr(92) + ')')} pour une parenthèse du texte)"),
    ("the pattern ends too soon", r"essai\s+(?",
     "unexpected end of pattern at position 10",
     f"à la position 10 (la fin du motif){NB}: le motif se termine trop tôt"),
    ("a reason not listed", r"(?L)essai",
     "bad inline flags: cannot use 'L' flag with a str pattern at position 3 (')essai')",
     f"à la position 3 ({fr(')essai')}){NB}: bad inline flags: cannot use 'L' flag with a "
     "str pattern"),
]


@pytest.mark.parametrize("pattern, english, french", [c[1:] for c in REGEX_CASES],
                         ids=[c[0] for c in REGEX_CASES])
def test_a_bad_pattern_is_explained_in_english_and_french(copy, pattern, english, french):
    path = copy / "ethical.yaml"
    text = path.read_text(encoding="utf-8")
    line = "- '\\b(?:essai|étude|recherche)\\s+non\\s+enregistrée?\\b'\n"
    assert text.count(line) == 1
    path.write_text(text.replace(line, f"- '{pattern}'\n"), encoding="utf-8")
    (en_line,) = run(copy, ENGLISH)
    assert en_line == f"error: {path}: invariant E03: field evidence.absence.fr[1]: pattern " \
                      f"is not a valid regular expression: {english}"
    (fr_line,) = run(copy, FRENCH)
    assert fr_line == f"erreur{NB}: {path}{NB}: invariant E03{NB}: champ " \
                      f"evidence.absence.fr[1]{NB}: le motif n'est pas une expression " \
                      f"régulière valide{NB}: {french}"


def test_the_web_page_explains_a_malformed_file_in_its_language(make_app, copy):
    path, line = broken(copy, "ethical.yaml", r"^      absence:$", "\tabsence:")
    client = make_app(NPIS_CATALOGUE=str(copy)).test_client()
    for lang, expected in (
            ("fr", f"{path}{NB}: YAML mal formé à la ligne {line}, colonne 1{NB}: une "
                   f"tabulation sert d'indentation{NB}: YAML n'accepte que des espaces"),
            ("en", f"{path}: malformed YAML at line {line}, column 1: found a tab character "
                   "that violates indentation")):
        page = client.get("/guide/suggestions", headers={"Accept-Language": lang})
        assert page.status_code == 500
        assert expected in html.unescape(page.get_data(as_text=True)), lang
