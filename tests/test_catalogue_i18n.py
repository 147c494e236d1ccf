"""A malformed catalogue's errors in the reader's language: `npis-check catalogue validate`
(and every command loading a catalogue) in the command line's, the web app's error page in
the page's. Paths, ids, field names and values stay as written; the words around them, and
the JSON Schema's refusals, are translated (French typography: a no-break space before the
colon, « » with no-break spaces inside)."""

from __future__ import annotations

import copy
import html
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from checker import cli_i18n
from checker.catalogue import CatalogueError, get_catalogue, load_catalogue
from checker.catalogue.schema_messages import schema_messages
from checker.catalogue.validate import validate
from checker.cli import main

NB = "\u00a0"
FRENCH = {"NPIS_LANG": "fr"}
ENGLISH = {"NPIS_LANG": "en"}


def fr(text: str) -> str:
    """« text » as French writes a quotation."""
    return f"«{NB}{text}{NB}»"


@pytest.fixture(scope="module")
def builtin_data() -> dict:
    return get_catalogue().to_dict()


def index_of(data: dict, invariant_id: str) -> int:
    return next(i for i, inv in enumerate(data["invariants"]) if inv["id"] == invariant_id)


def inv(data: dict, invariant_id: str) -> dict:
    return data["invariants"][index_of(data, invariant_id)]


def written(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "alt.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def changed(change: Callable[[dict], Any]) -> Callable[[Path, dict], Path]:
    """A catalogue: the built-in one with ``change`` made, written as JSON."""
    def make(tmp_path: Path, data: dict) -> Path:
        data = copy.deepcopy(data)
        change(data)
        return written(tmp_path, data)
    return make


def file_with(name: str, text: str) -> Callable[[Path, dict], Path]:
    def make(tmp_path: Path, data: dict) -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path
    return make


def with_include(include: Any, part: str | None = None
                 ) -> Callable[[Path, dict], Path | tuple[Path, Path]]:
    """A catalogue.yaml including ``include``, with ``part.yaml`` holding ``part`` (then the
    file the problem is in)."""
    def make(tmp_path: Path, data: dict) -> Path | tuple[Path, Path]:
        meta = {k: v for k, v in data.items() if k != "invariants"}
        meta["include"] = include
        path = tmp_path / "catalogue.yaml"
        path.write_text(yaml.safe_dump(meta, allow_unicode=True), encoding="utf-8")
        if part is None:
            return path
        (tmp_path / "part.yaml").write_text(part, encoding="utf-8")
        return path, tmp_path / "part.yaml"
    return make


def no_cues(data: dict) -> None:
    inv(data, "E02")["evidence"]["cues"]["fr"] = []


def detail_for_another_type(data: dict) -> None:
    inv(data, "INT11")["evidence"]["details"][0]["study_types"] = ["observational"]


def wrong_counts(data: dict) -> None:
    data["counts"]["ethical"] = 15
    data["counts"]["per_study_type"]["interventional"] = 99


# (catalogue, where the problem is, the English message, the French one). The location and
# the message are checked together: "invariant E01: field weight: …".
CASES = [
    # The files themselves.
    ("yaml", file_with("catalogue.yaml", "id: x\nname: {en: [unclosed\n"),
     "", "malformed YAML at line 3, column 1: ", f"YAML mal formé à la ligne 3, colonne 1{NB}: "),
    ("json", file_with("cat.json", '{"id": "x",'), "",
     "malformed JSON at line 1, column 12: Expecting property name",
     f"JSON mal formé à la ligne 1, colonne 12{NB}: un nom de champ entre guillemets doubles "
     "est attendu"),
    ("missing file", lambda tmp_path, data: tmp_path / "nope.yaml", "",
     "file not found", "fichier introuvable"),
    ("not a mapping", file_with("list.yaml", "- 1\n- 2\n"), "",
     "the catalogue file must contain a mapping",
     "le fichier du catalogue doit contenir un dictionnaire"),
    ("include not a list", with_include("part.yaml"), "field include",
     "must be a list of file names", "doit être une liste de noms de fichiers"),
    ("included file without invariants", with_include(["part.yaml"], "title: x\n"), "",
     "an included file must contain an 'invariants' list",
     f"un fichier inclus doit contenir une liste {fr('invariants')}"),
    # The JSON Schema, one case per rule it uses.
    ("type", changed(lambda d: inv(d, "E01").update(weight="abc")),
     "invariant E01: field weight", "'abc' is not of type 'number'",
     f"{fr('abc')} n'est pas de type {fr('number')}"),
    ("required", changed(lambda d: inv(d, "E01").pop("title")), "invariant E01",
     "'title' is a required property", f"le champ {fr('title')} est obligatoire"),
    ("additional property", changed(lambda d: inv(d, "E01").update(colour="red")),
     "invariant E01", "Additional properties are not allowed ('colour' was unexpected)",
     f"champ non permis ici ({fr('colour')})"),
    ("additional properties", changed(lambda d: inv(d, "E01").update(colour="red", size=2)),
     "invariant E01",
     "Additional properties are not allowed ('colour', 'size' were unexpected)",
     f"champs non permis ici ({fr('colour')}, {fr('size')})"),
    ("enum", changed(lambda d: inv(d, "OBS02").update(kind="moral")),
     "invariant OBS02: field kind", "'moral' is not one of ['ethical', 'methodological']",
     f"{fr('moral')} n'est pas l'une des valeurs permises ({fr('ethical')}, "
     f"{fr('methodological')})"),
    ("const", changed(lambda d: d.update(format_version=2)), "field format_version",
     "1 was expected", "la valeur attendue est 1"),
    ("pattern", changed(lambda d: d.update(languages=["EN", "fr"])), "field languages[0]",
     "'EN' does not match '^[a-z]{2}$'",
     f"{fr('EN')} ne correspond pas au motif {fr('^[a-z]{2}$')}"),
    ("minItems", changed(lambda d: inv(d, "E01").update(study_types=[])),
     "invariant E01: field study_types", "[] should be non-empty", "[] ne doit pas être vide"),
    ("minLength", changed(lambda d: inv(d, "E01")["title"].update(fr="")),
     "invariant E01: field title.fr", "'' should be non-empty",
     f"{fr('')} ne doit pas être vide"),
    ("uniqueItems", changed(lambda d: d.update(languages=["en", "en"])), "field languages",
     "['en', 'en'] has non-unique elements", "['en', 'en'] contient des éléments en double"),
    ("minProperties",
     changed(lambda d: inv(d, "E03")["evidence"]["details"][0].update(patterns={})),
     "invariant E03: field evidence.details[0].patterns", "{} should be non-empty",
     "{} ne doit pas être vide"),
    ("minimum", changed(lambda d: d["counts"].update(ethical=-1)), "field counts.ethical",
     "-1 is less than the minimum of 0", "-1 est inférieur au minimum, 0"),
    ("maximum", changed(lambda d: d["minimum_evidence"].update(expert_agreement=1.5)),
     "field minimum_evidence.expert_agreement", "1.5 is greater than the maximum of 1",
     "1.5 est supérieur au maximum, 1"),
    ("exclusiveMinimum", changed(lambda d: inv(d, "E01").update(weight=0)),
     "invariant E01: field weight", "0 is less than or equal to the minimum of 0",
     "0 est inférieur ou égal au minimum, 0"),
    ("a text per kind's shapes", changed(lambda d: inv(d, "MEC07").update(remedy=["Add it."])),
     "invariant MEC07: field remedy",
     "['Add it.'] is not of type 'object' (expected one text per language ({en: …, fr: …})",
     f"['Add it.'] n'est pas de type {fr('object')} (attendu{NB}: un texte par langue (clés "
     "en et fr)"),
    # An element's flag that it tells what the study does (own_report): true or false, and no
    # other key beside its id and label (a misspelt flag would be ignored).
    ("element flag type", changed(lambda d: d["extra_elements"][10].update(own_report="yes")),
     "field extra_elements[10].own_report", "'yes' is not of type 'boolean'",
     f"{fr('yes')} n'est pas de type {fr('boolean')}"),
    ("element flag misspelt",
     changed(lambda d: d["reporting_elements"][0].update(own_reprot=True)),
     "field reporting_elements[0]",
     "Additional properties are not allowed ('own_reprot' was unexpected)",
     f"champ non permis ici ({fr('own_reprot')})"),
    # The catalogue's own rules.
    ("missing translation", changed(lambda d: inv(d, "INT03")["guidance"]["paper"]["met"]
                                    .pop("fr")),
     "invariant INT03: field guidance.paper.met", "missing translation 'fr'",
     f"traduction manquante{NB}: {fr('fr')}"),
    ("no cues", changed(no_cues), "invariant E02: field evidence.cues",
     "no evidence cues in 'fr'", f"aucun indice de preuve en {fr('fr')}"),
    ("no patterns", changed(lambda d: inv(d, "E03")["evidence"]["absence"].pop("fr")),
     "invariant E03: field evidence.absence", "no patterns in 'fr'",
     f"aucun motif en {fr('fr')}"),
    ("duplicate id", changed(lambda d: d["criteria"].append(copy.deepcopy(d["criteria"][0]))),
     "field criteria", "duplicate id '", f"identifiant en double{NB}: «{NB}"),
    ("duplicate invariant", changed(lambda d: d["invariants"][1].update(id="E01")),
     "invariant E01: field id", "duplicate id (first defined in ",
     "identifiant en double (défini d'abord dans "),
    ("unknown study type", changed(lambda d: inv(d, "MEC01").update(study_types=["anecdotal"])),
     "invariant MEC01: field study_types", "unknown study type 'anecdotal'",
     f"type d'étude inconnu{NB}: {fr('anecdotal')}"),
    ("ethical for every type", changed(lambda d: inv(d, "E05").update(
        study_types=["interventional"])),
     "invariant E05: field study_types", "an ethical invariant must apply to every study type",
     "un invariant éthique doit s'appliquer à tous les types d'étude"),
    ("unknown sheet field", changed(lambda d: inv(d, "PRO04")["sheet_fields"].append("price")),
     "invariant PRO04: field sheet_fields", "unknown sheet field 'price'",
     f"rubrique de la fiche inconnue{NB}: {fr('price')}"),
    ("sheet field not evidenced",
     changed(lambda d: inv(d, "MEC02")["sheet_fields"].append("protocol")),
     "invariant MEC02: field sheet_fields",
     "sheet field 'protocol' is not evidenced by its study type",
     f"la rubrique de la fiche {fr('protocol')} n'est renseignée par aucun des types d'étude"),
    ("unknown criterion", changed(lambda d: inv(d, "IMP02").update(criteria=["famous"])),
     "invariant IMP02: field criteria", "unknown criterion 'famous'",
     f"critère inconnu{NB}: {fr('famous')}"),
    ("unknown standard", changed(lambda d: inv(d, "E02")["crosswalk"][0].update(
        standard="MADE-UP")),
     "invariant E02: field crosswalk[0].standard", "unknown standard 'MADE-UP'",
     f"référentiel inconnu{NB}: {fr('MADE-UP')}"),
    ("not an item", changed(lambda d: inv(d, "E01")["crosswalk"][0].update(items=["99z"])),
     "invariant E01: field crosswalk[0].items", "'99z' is not an item of ",
     f"{fr('99z')} n'est pas un item de "),
    ("unknown element", changed(lambda d: inv(d, "E02")["evidence"].update(
        elements=["X_telepathy"])),
     "invariant E02: field evidence.elements", "unknown detection element 'X_telepathy'",
     f"élément de détection inconnu{NB}: {fr('X_telepathy')}"),
    ("not its element", changed(lambda d: inv(d, "E04")["evidence"]["about"].update(
        X_other={"en": ["x"], "fr": ["x"]})),
     "invariant E04: field evidence.about.X_other",
     "'X_other' is not one of the invariant's elements",
     f"{fr('X_other')} n'est pas l'un des éléments de l'invariant"),
    ("duplicate detail", changed(lambda d: inv(d, "E01")["evidence"]["details"].append(
        copy.deepcopy(inv(d, "E01")["evidence"]["details"][1]))),
     "invariant E01: field evidence.details", "duplicate detail id 'reference'",
     f"identifiant de détail en double{NB}: {fr('reference')}"),
    ("discussion without anywhere", changed(lambda d: inv(d, "E01")["evidence"]["details"][0]
                                            .update(discussion=True, anywhere=False)),
     "invariant E01: field evidence.details[0].discussion",
     "'discussion: true' needs 'anywhere: true'",
     f"{fr('discussion')} vaut true{NB}: {fr('anywhere')} doit alors valoir true aussi"),
    ("a detail scoped to another study type", changed(detail_for_another_type),
     "invariant INT11: field evidence.details[0].study_types",
     "detail 'adherence_measured' names study type 'observational', to which the invariant "
     "does not apply",
     f"le détail {fr('adherence_measured')} nomme le type d'étude {fr('observational')}, "
     "auquel l'invariant ne s'applique pas"),
    ("pattern", changed(lambda d: inv(d, "E01")["evidence"]["details"][0]["patterns"].update(
        fr=["avis (favorable"])),
     "invariant E01: field evidence.details[0].patterns.fr[0]",
     "pattern is not a valid regular expression: missing ), unterminated subpattern",
     f"le motif n'est pas une expression régulière valide{NB}: à la position 5 "
     f"({fr('(favorable')}){NB}: parenthèse ouvrante jamais refermée"),
    ("patterns together", changed(lambda d: inv(d, "E01")["evidence"]["details"][0]["patterns"]
                                  .update(en=["(?P<body>ethics)", "(?P<body>IRB)"])),
     "invariant E01: field evidence.details[0].patterns.en",
     "patterns do not compile together: redefinition of group name 'body'",
     f"les motifs ne se compilent pas ensemble{NB}: le nom de groupe {fr('body')} est donné "
     "deux fois"),
    ("not applicable without when", changed(lambda d: inv(d, "E03").update(
        not_applicable={"allowed": True})),
     "invariant E03: field not_applicable.when",
     "'when' is required when not applicable is allowed",
     f"{fr('when')} est obligatoire quand la réponse {fr('non applicable')} est permise"),
    ("unknown SCTM item", changed(lambda d: d["reporting_elements"][0].update(id="99z")),
     "field reporting_elements[0].id", "unknown SCTM item '99z'",
     f"item SCTM inconnu{NB}: {fr('99z')}"),
    ("unknown verdict", changed(lambda d: d["minimum_evidence"]["counting_verdicts"].append(
        "famous")),
     "field minimum_evidence.counting_verdicts", "unknown verdict 'famous'",
     f"verdict inconnu{NB}: {fr('famous')}"),
    ("answer not defined", changed(lambda d: d["scoring"].update(answers=[
        a for a in d["scoring"]["answers"] if a["id"] != "not_reported"])),
     "field scoring.answers", "answer 'not_reported' must be defined",
     f"la réponse {fr('not_reported')} doit être définie"),
    ("unknown answer", changed(lambda d: d["scoring"]["verdicts"][0]["ethical_forbidden"]
                               .append("famous")),
     "field scoring.verdicts[0].ethical_forbidden", "unknown answer 'famous'",
     f"réponse inconnue{NB}: {fr('famous')}"),
    ("conditional last verdict", changed(lambda d: d["scoring"]["verdicts"][-1].update(
        methodological_min=0.1)),
     "field scoring.verdicts", "the last verdict must be unconditional (the fallback)",
     "le dernier verdict doit être sans condition"),
    ("counts", changed(wrong_counts), "field counts.ethical",
     "declares 15 ethical invariants, found 14",
     f"invariants éthiques déclarés{NB}: 15, trouvés{NB}: 14"),
    ("counts per study type", changed(wrong_counts),
     "field counts.per_study_type.interventional",
     "declares 99 methodological invariants for 'interventional', found ",
     f"invariants méthodologiques déclarés pour {fr('interventional')}{NB}: 99, trouvés"),
    ("no declared count", changed(lambda d: d["counts"]["per_study_type"].pop("mechanistic")),
     "field counts.per_study_type", "no declared count for study type 'mechanistic'",
     f"aucun nombre déclaré pour le type d'étude {fr('mechanistic')}"),
]


def located(path: Path, where: str, message: str, french: bool) -> str:
    """The problem's line from ``path`` on: the location words in the language."""
    if not french:
        return f"{path}: {where}: {message}" if where else f"{path}: {message}"
    where = where.replace("field ", "champ ").replace(": ", f"{NB}: ")
    return (f"{path}{NB}: {where}{NB}: {message}" if where else f"{path}{NB}: {message}")


def run(args: list[str], env: dict[str, str]):
    return CliRunner().invoke(main, args, env=env, prog_name="npis-check")


@pytest.mark.parametrize("make, where, english, french",
                         [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_each_kind_of_error_in_english_and_french(tmp_path, builtin_data, monkeypatch, make,
                                                  where, english, french):
    """Through `catalogue validate` (exit 1, each problem a line after "error: ") and through
    the loader, whose problems the caller words with its language's gettext."""
    made = make(tmp_path, builtin_data)
    path, shown = made if isinstance(made, tuple) else (made, made)
    shown = shown.resolve()  # as the loader names it
    for env, prefix, expected, is_french in (
            (ENGLISH, "error: ", english, False), (FRENCH, f"erreur{NB}: ", french, True)):
        result = run(["catalogue", "validate", str(path)], env)
        assert result.exit_code == 1, result.output
        lines = result.output.splitlines()
        assert lines and all(line.startswith(prefix) for line in lines), result.output
        assert any(line.startswith(prefix + located(shown, where, expected, is_french))
                   for line in lines), result.output
        if is_french:  # nothing of the English message is left over
            assert english not in result.output
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(path)
    assert any(problem.text().startswith(located(shown, where, english, False))
               for problem in caught.value.problems)
    monkeypatch.setenv("NPIS_LANG", "fr")
    assert any(problem.text(cli_i18n._).startswith(located(shown, where, french, True))
               for problem in caught.value.problems)
    # English stays the default wording, and the exception's own text.
    assert str(caught.value) == caught.value.text()


def test_every_problem_is_listed_in_both_languages(tmp_path, builtin_data):
    """Several problems in several files: every one is listed, one a line, in each
    language, with the file each comes from."""
    data = copy.deepcopy(builtin_data)
    meta = {k: v for k, v in data.items() if k != "invariants"}
    meta["include"] = ["one.yaml", "two.yaml"]
    meta["criteria"].append(copy.deepcopy(meta["criteria"][0]))
    first, second = data["invariants"][:40], data["invariants"][40:]
    first[0]["criteria"] = ["famous"]
    second[0]["study_types"].append("anecdotal")
    for name, content in (("catalogue.yaml", meta), ("one.yaml", {"invariants": first}),
                          ("two.yaml", {"invariants": second})):
        (tmp_path / name).write_text(yaml.safe_dump(content, allow_unicode=True),
                                     encoding="utf-8")
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(tmp_path)
    problems = caught.value.problems
    assert len(problems) == 3
    english = run(["catalogue", "validate", str(tmp_path)], ENGLISH)
    french = run(["catalogue", "validate", str(tmp_path)], FRENCH)
    assert english.exit_code == french.exit_code == 1
    assert english.output.splitlines() == [f"error: {p.text()}" for p in problems]
    assert len(french.output.splitlines()) == 3
    for file in ("catalogue.yaml", "one.yaml", "two.yaml"):
        assert sum(str(tmp_path / file) in line for line in french.output.splitlines()) == 1
    assert f"{tmp_path / 'one.yaml'}{NB}: invariant {first[0]['id']}{NB}: champ criteria{NB}: " \
           f"critère inconnu{NB}: {fr('famous')}" in french.output


def test_other_commands_loading_a_catalogue_speak_the_same_language(tmp_path, builtin_data):
    """`analyse --study-type` and `demo` refuse a malformed catalogue in the command line's
    language too, every problem said (`analyse`: one a line, as `catalogue validate`)."""
    data = copy.deepcopy(builtin_data)
    inv(data, "E01")["weight"] = "abc"
    inv(data, "E02")["weight"] = "abc"
    path = written(tmp_path, data)
    document = Path(__file__).with_name("data") / "trial_protocol_v1_en.md"
    message = f"invariant E01{NB}: champ weight{NB}: {fr('abc')} n'est pas de type " \
              f"{fr('number')}"
    result = run(["analyse", str(document), "--study-type", "interventional",
                  "--catalogue", str(path)], FRENCH)
    assert result.exit_code == 1 and f"erreur{NB}: {path}{NB}: {message}" in result.output
    assert [line.split(f"{NB}: champ")[0] for line in result.output.splitlines()] == [
        f"erreur{NB}: {path}{NB}: invariant {ident}" for ident in ("E01", "E02")]
    result = run(["demo", "--out", str(tmp_path / "out"), "--catalogue", str(path)], FRENCH)
    assert result.exit_code == 1 and message in result.output
    result = run(["demo", "--out", str(tmp_path / "out"), "--catalogue", str(path)], ENGLISH)
    assert "invariant E01: field weight: 'abc' is not of type 'number'" in result.output


def test_the_web_page_says_it_in_the_page_s_language(make_app, tmp_path, builtin_data):
    """A configured catalogue that cannot be loaded: the page says why in its language."""
    data = copy.deepcopy(builtin_data)
    inv(data, "E01")["weight"] = "abc"
    client = make_app(NPIS_CATALOGUE=str(written(tmp_path, data))).test_client()
    for lang, expected in (
            ("fr", f"invariant E01{NB}: champ weight{NB}: {fr('abc')} n'est pas de type "
                   f"{fr('number')}"),
            ("en", "invariant E01: field weight: 'abc' is not of type 'number'")):
        page = client.get("/guide/suggestions", headers={"Accept-Language": lang})
        assert page.status_code == 500
        assert expected in html.unescape(page.get_data(as_text=True)), lang


def test_serve_says_at_start_what_the_catalogue_lacks(make_app, tmp_path, monkeypatch,
                                                      capsys):
    """The server's warm-up, finding the configured catalogue unloadable, says why on
    standard error, in the command line's language (the pages then say so too)."""
    import exports.pdf
    from checker.cli_reports import _warm_up

    monkeypatch.setattr(exports.pdf, "warm_up", lambda: None)
    monkeypatch.setenv("NPIS_LANG", "fr")
    missing = tmp_path / "missing.yaml"
    _warm_up(make_app(NPIS_CATALOGUE=str(missing)))
    err = capsys.readouterr().err
    assert f"attention{NB}: le catalogue ne peut pas être chargé" in err
    assert f"{missing}{NB}: fichier introuvable" in err


# --- the JSON Schema's rules the catalogue's schema does not use (yet) ----------------------


@pytest.mark.parametrize("schema, instance, english, french", [
    ({"type": "array", "minItems": 2}, ["a"], "['a'] is too short: at least 2 items are expected",
     f"['a'] est trop courte{NB}: au moins 2 éléments sont attendus"),
    ({"type": "array", "maxItems": 1}, ["a", "b"], "['a', 'b'] has too many items (maximum: 1)",
     f"['a', 'b'] a trop d'éléments (maximum{NB}: 1)"),
    ({"minLength": 3}, "ab", "'ab' is too short: at least 3 characters are expected",
     f"{fr('ab')} est trop court{NB}: au moins 3 caractères sont attendus"),
    ({"maxLength": 1}, "ab", "'ab' is too long (maximum length: 1)",
     f"{fr('ab')} est trop long (longueur maximale{NB}: 1)"),
    ({"minProperties": 2}, {"a": 1}, "{'a': 1} does not have enough properties: at least 2",
     f"{{'a': 1}} n'a pas assez de champs{NB}: au moins 2 sont attendus"),
    ({"maxProperties": 1}, {"a": 1, "b": 2}, "has too many properties (maximum: 1)",
     f"a trop de champs (maximum{NB}: 1)"),
    ({"exclusiveMaximum": 1}, 1, "1 is greater than or equal to the maximum of 1",
     "1 est supérieur ou égal au maximum, 1"),
    ({"type": ["string", "null"]}, 3, "3 is not of type 'string', 'null'",
     f"3 n'est pas de type {fr('string')}, {fr('null')}"),
    ({"anyOf": [{"type": "string"}, {"type": "integer"}]}, [1],
     "[1] has none of the accepted shapes", "[1] n'a aucune des formes acceptées"),
    ({"oneOf": [{"type": "string"}, {"type": "integer"}]}, [1],
     "[1] has none of the accepted shapes", "[1] n'a aucune des formes acceptées"),
    ({"oneOf": [{"type": "integer"}, {"minimum": 0}]}, 1,
     "1 has more than one of the accepted shapes", "1 a plus d'une des formes acceptées"),
    ({"multipleOf": 2}, 3, "3 does not follow the schema's rule 'multipleOf'",
     f"3 ne respecte pas la règle {fr('multipleOf')} du schéma"),
    ({"type": "integer"}, "line\n" + "x" * 300, "'line\\nxxxx",
     f"«{NB}line\\nxxxx"),
])
def test_schema_rules_are_worded_in_both_languages(monkeypatch, schema, instance, english,
                                                   french):
    """Each rule worded from its name and value, a generic message for any other; a long or
    multi-line value is shown on one line, cut."""
    (error,) = jsonschema.Draft202012Validator(schema).iter_errors(instance)
    (message,) = schema_messages(error)
    assert english in message.render()
    monkeypatch.setenv("NPIS_LANG", "fr")
    assert french in message.render(cli_i18n._)
    assert len(message.render()) < 250


def test_the_npis_model_s_structure_and_a_catalogue_that_is_no_mapping(builtin_data,
                                                                       monkeypatch):
    data = copy.deepcopy(builtin_data)
    data["invariants"] = [i for i in data["invariants"] if i["id"] != "E14"]
    data["counts"]["ethical"] = 13
    (problem,) = validate(data, meta_file="x.yaml", builtin=True)
    (not_mapping,) = validate([], meta_file="x.yaml")
    assert problem.text() == "x.yaml: field counts.ethical: the NPIS Model has 14 ethical " \
                             "invariants"
    assert str(not_mapping) == not_mapping.text() == "x.yaml: the catalogue must be a mapping"
    monkeypatch.setenv("NPIS_LANG", "fr")
    assert problem.text(cli_i18n._) == f"x.yaml{NB}: champ counts.ethical{NB}: le modèle " \
                                       "NPIS compte 14 invariants éthiques"
    assert not_mapping.text(cli_i18n._) == f"x.yaml{NB}: le catalogue doit être un " \
                                           "dictionnaire (des clés et leurs valeurs)"
