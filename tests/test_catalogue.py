"""The built-in catalogue, the loader and every validation error path."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from checker.catalogue import (
    DOCUMENT_KINDS,
    CatalogueError,
    get_catalogue,
    load_catalogue,
    pick,
)
from checker.catalogue.validate import INVARIANT_TEXT_FIELDS, KIND_TEXT_FIELDS, validate
from checker.cli import main
from invariants import BUILTIN_CATALOGUE


@pytest.fixture(scope="module")
def builtin():
    return get_catalogue()


@pytest.fixture
def data(builtin):
    return builtin.to_dict()


def write_json(tmp_path: Path, data: dict, name: str = "alt.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def problems_of(tmp_path: Path, data: dict) -> list[str]:
    path = write_json(tmp_path, data)
    with pytest.raises(CatalogueError) as info:
        load_catalogue(path)
    return [str(p) for p in info.value.problems]


def index_of(data: dict, invariant_id: str) -> int:
    return next(i for i, inv in enumerate(data["invariants"]) if inv["id"] == invariant_id)


# --- the built-in catalogue --------------------------------------------------------------


def test_builtin_counts(builtin):
    kinds = [inv.kind for inv in builtin.invariants]
    assert kinds.count("ethical") == 14
    assert kinds.count("methodological") == 63
    assert [st.id for st in builtin.study_types] == [
        "observational", "mechanistic", "prototypical", "interventional", "implementation"
    ]
    expected = {"mechanistic": 12, "observational": 11, "prototypical": 12,
                "interventional": 16, "implementation": 12}
    for study_type, n in expected.items():
        invs = builtin.invariants_for(study_type)
        assert len(invs) == 14 + n
        assert all(i.is_ethical for i in invs[:14])
        assert not any(i.is_ethical for i in invs[14:])


def test_builtin_ids_unique_and_stable_pattern(builtin):
    ids = [inv.id for inv in builtin.invariants]
    assert len(ids) == len(set(ids))
    assert ids[:14] == [f"E{n:02d}" for n in range(1, 15)]
    prefixes = {"mechanistic": "MEC", "observational": "OBS", "prototypical": "PRO",
                "interventional": "INT", "implementation": "IMP"}
    for inv in builtin.invariants[14:]:
        assert inv.id.startswith(prefixes[inv.study_types[0]])


def test_builtin_every_text_field_in_french_and_english(builtin):
    kind_fields = [f"{field}.{kind}" for field in KIND_TEXT_FIELDS for kind in DOCUMENT_KINDS]
    kind_fields.append("remedy.dossier")
    for inv in builtin.invariants:
        raw = builtin.data["invariants"][builtin.invariants.index(inv)]
        for field in (*INVARIANT_TEXT_FIELDS, *kind_fields):
            node = raw
            for key in field.split("."):
                node = node[key]
            for lang in ("en", "fr"):
                assert node.get(lang, "").strip(), f"{inv.id} {field} lacks {lang}"
            assert node["en"] != node["fr"], f"{inv.id} {field}: French equals English"
        if inv.na_allowed:
            assert inv.na_when and inv.na_when["en"] and inv.na_when["fr"]
        assert inv.evidence.cues["en"] and inv.evidence.cues["fr"]


def test_builtin_remedy_and_example_are_worded_for_a_paper_too(builtin):
    """A results paper is not told to "add to the protocol" nor shown plans in the future tense:
    every invariant has its own paper remedy (what to ask the authors to report), the advice for
    a dossier apart from it (where a published paper's missing part may be found), and a paper
    example, in both languages."""
    for inv in builtin.invariants:
        dossier = inv.dossier_advice("paper")
        assert dossier is not None, inv.id
        assert inv.dossier_advice("protocol") is None, inv.id
        for lang in ("en", "fr"):
            remedy, example = inv.remedy("paper")[lang], inv.example("paper")[lang]
            assert remedy != inv.remedy("protocol")[lang], f"{inv.id} remedy {lang}"
            assert example != inv.example("protocol")[lang], f"{inv.id} example {lang}"
            # The authors' remedy is for a reviewer writing to them: no dossier in it.
            assert not re.search(r"\bdossier\b|already published|déjà publié", remedy), \
                f"{inv.id} remedy {lang}"
            # The dossier advice reads alone: a sentence of its own, no "if" left over, no
            # pronoun standing for what the authors' remedy lists.
            assert re.fullmatch(r"[A-Z][^\n]*\.", dossier[lang]), f"{inv.id} dossier {lang}"
            assert not re.search(r"already published|déjà publié|\bfor (?:these|them|it)\b|"
                                 r"Cherchez-l(?:es|a)\b|ces (?:éléments|rôles)", dossier[lang]), \
                f"{inv.id} dossier {lang}"
            assert re.search(r"\bdossier\b", dossier[lang]), f"{inv.id} dossier {lang}"
        assert inv.remedy("paper")["en"].startswith(("Ask the authors", "Check that")), inv.id
        assert not re.search(r"\b(?:will|shall) be\b", inv.example("paper")["en"]), inv.id
        for text in (inv.remedy("paper")["fr"], dossier["fr"], inv.example("paper")["fr"]):
            # French typography: a no-break space before : ; ? ! % € and inside « »,
            # straight apostrophes.
            assert not re.search(r" [:;?!»%€]|«[^\u00a0]|\u2019", text), (inv.id, text)


def test_builtin_crosswalk_uses_fine_grained_codes(builtin):
    labels = Path(__file__).resolve().parents[1].parent / "shared/benchmarks/spirit-consort-tm"
    sctm = next(s for s in builtin.standards if s.id == "SCTM")
    assert len(sctm.items) == 83
    if (labels / "labels.csv").exists():
        import csv

        with open(labels / "labels.csv", encoding="utf-8") as handle:
            codes = {row["item"] for row in csv.DictReader(handle)}
        assert set(sctm.items) == codes
    used = {item for inv in builtin.invariants for ref in inv.crosswalk
            if ref.standard == "SCTM" for item in ref.items}
    assert len(used) >= 50, "most fine-grained SPIRIT/CONSORT items should be mapped"


def test_builtin_metadata(builtin):
    assert builtin.version
    assert "not" in builtin.provenance["en"].lower() and "NPIS" in builtin.provenance["fr"]
    assert {f.id for f in builtin.sheet_fields} == {
        "designation", "main_benefit", "secondary_benefits", "risks", "mechanisms",
        "target_population", "protocol", "professional", "context_of_use"}
    assert {c.id for c in builtin.criteria} == {
        "described", "explainable", "effective", "safe", "implementable"}
    points = {a.id: a.points for a in builtin.scoring.answers}
    assert points == {"met": 2, "partially_met": 1, "not_met": 0, "not_reported": 0,
                      "not_applicable": None}
    assert [v.methodological_min for v in builtin.scoring.verdicts] == [0.8, 0.6, None]
    rules = {(r.criterion, r.study_type): r.minimum for r in builtin.evidence_rules}
    assert rules[("effective", "interventional")] == 2
    assert any(r.same_country for r in builtin.evidence_rules if r.criterion == "implementable")


def test_every_criterion_and_sheet_field_is_fed(builtin):
    fed_criteria = {c for inv in builtin.invariants for c in inv.criteria}
    assert fed_criteria == {c.id for c in builtin.criteria}
    fed_fields = {f for inv in builtin.invariants for f in inv.sheet_fields}
    assert fed_fields == {f.id for f in builtin.sheet_fields}


# --- loader ------------------------------------------------------------------------------


def test_directory_and_file_paths_load_the_same(builtin):
    assert load_catalogue(BUILTIN_CATALOGUE.parent).fingerprint == builtin.fingerprint


def test_json_export_reloads_identically(tmp_path, builtin):
    result = CliRunner().invoke(main, ["catalogue", "export", "--format", "json"])
    assert result.exit_code == 0
    exported = json.loads(result.output)
    assert exported["fingerprint"] == builtin.fingerprint
    assert len(exported["invariants"]) == 77
    path = tmp_path / "exported.json"
    path.write_text(result.output, encoding="utf-8")
    reloaded = load_catalogue(path)
    assert reloaded.fingerprint == builtin.fingerprint


def one_text_for_both_kinds(data: dict) -> dict:
    """The catalogue as version 1.0 wrote it: one remedy and one example per invariant."""
    for inv in data["invariants"]:
        for field in KIND_TEXT_FIELDS:
            inv[field] = inv[field]["protocol"]
    return data


def test_json_export_keeps_the_texts_per_document_kind(tmp_path, builtin):
    result = CliRunner().invoke(main, ["catalogue", "export", "--format", "json"])
    exported = json.loads(result.output)
    raw = exported["invariants"][index_of(exported, "INT06")]
    assert set(raw["example"]) == {"protocol", "paper"}
    assert set(raw["remedy"]) == {"protocol", "paper", "dossier"}
    path = tmp_path / "exported.json"
    path.write_text(result.output, encoding="utf-8")
    reloaded = load_catalogue(path).invariant("INT06")
    for kind in DOCUMENT_KINDS:
        assert reloaded.remedy(kind) == builtin.invariant("INT06").remedy(kind)
        assert reloaded.example(kind) == builtin.invariant("INT06").example(kind)
        assert reloaded.dossier_advice(kind) == builtin.invariant("INT06").dossier_advice(kind)


def test_one_text_for_both_kinds_is_still_a_valid_catalogue(tmp_path, data):
    """A catalogue written before texts per document kind existed (a site's own, or an older
    export) loads as it is, its one remedy and example serving protocols and papers alike, and
    exports and reloads unchanged."""
    old = one_text_for_both_kinds(data)
    path = write_json(tmp_path, old)
    catalogue = load_catalogue(path)
    inv = catalogue.invariant("E04")
    raw = old["invariants"][index_of(old, "E04")]
    assert inv.remedy("paper") == inv.remedy("protocol") == raw["remedy"]
    assert inv.example("paper") == inv.example("protocol") == raw["example"]
    result = CliRunner().invoke(main, ["catalogue", "--catalogue", str(path), "export",
                                       "--format", "json"])
    assert result.exit_code == 0, result.output
    exported = json.loads(result.output)
    assert exported["invariants"][index_of(exported, "E04")]["remedy"] == raw["remedy"]
    (tmp_path / "again.json").write_text(result.output, encoding="utf-8")
    assert load_catalogue(tmp_path / "again.json").fingerprint == catalogue.fingerprint


def test_texts_per_kind_and_one_text_can_be_mixed(tmp_path, data):
    inv = data["invariants"][index_of(data, "OBS03")]
    inv["example"] = {"en": "One example for both.", "fr": "Un exemple pour les deux."}
    catalogue = load_catalogue(write_json(tmp_path, data))
    obs03 = catalogue.invariant("OBS03")
    assert obs03.example("paper")["fr"] == obs03.example("protocol")["fr"] == \
        "Un exemple pour les deux."
    assert obs03.remedy("paper") != obs03.remedy("protocol")


def test_environment_variable_selects_alternative(tmp_path, monkeypatch, data):
    data["version"] = "9.9.9"
    path = write_json(tmp_path, data)
    monkeypatch.setenv("NPIS_CATALOGUE", str(path))
    assert load_catalogue().version == "9.9.9"


def test_alternative_catalogue_with_its_own_counts(tmp_path, data):
    data["id"] = "tiny"
    data["invariants"] = [data["invariants"][0], data["invariants"][index_of(data, "INT01")]]
    data["counts"] = {"ethical": 1, "methodological": 1,
                      "per_study_type": {st["id"]: 0 for st in data["study_types"]}}
    data["counts"]["per_study_type"]["interventional"] = 1
    catalogue = load_catalogue(write_json(tmp_path, data))
    assert [i.id for i in catalogue.invariants_for("interventional")] == ["E01", "INT01"]


# --- every error path --------------------------------------------------------------------


def test_malformed_yaml_names_file_and_line(tmp_path):
    bad = tmp_path / "catalogue.yaml"
    bad.write_text("id: x\nname: {en: [unclosed\n", encoding="utf-8")
    with pytest.raises(CatalogueError) as info:
        load_catalogue(bad)
    message = str(info.value)
    assert str(bad) in message and "malformed YAML at line" in message


def test_malformed_json(tmp_path):
    bad = tmp_path / "cat.json"
    bad.write_text('{"id": "x",', encoding="utf-8")
    with pytest.raises(CatalogueError, match="malformed JSON at line 1"):
        load_catalogue(bad)


def test_missing_file_and_non_mapping(tmp_path):
    with pytest.raises(CatalogueError, match="file not found"):
        load_catalogue(tmp_path / "nope.yaml")
    (tmp_path / "list.yaml").write_text("- 1\n- 2\n", encoding="utf-8")
    with pytest.raises(CatalogueError, match="must contain a mapping"):
        load_catalogue(tmp_path / "list.yaml")


def test_broken_include_names_the_included_file(tmp_path, data):
    meta = {k: v for k, v in data.items() if k != "invariants"}
    meta["include"] = ["part.yaml"]
    (tmp_path / "catalogue.yaml").write_text(yaml.safe_dump(meta, allow_unicode=True))
    (tmp_path / "part.yaml").write_text("invariants:\n  - id: E01\n    kind: [\n")
    with pytest.raises(CatalogueError) as info:
        load_catalogue(tmp_path)
    assert "part.yaml" in str(info.value) and "malformed YAML" in str(info.value)


def test_invariant_problem_names_its_source_file(tmp_path, data):
    meta = {k: v for k, v in data.items() if k != "invariants"}
    meta["include"] = ["one.yaml", "two.yaml"]
    first, second = data["invariants"][:40], copy.deepcopy(data["invariants"][40:])
    second[0]["criteria"] = ["famous"]
    (tmp_path / "catalogue.yaml").write_text(yaml.safe_dump(meta, allow_unicode=True))
    (tmp_path / "one.yaml").write_text(yaml.safe_dump({"invariants": first}, allow_unicode=True))
    (tmp_path / "two.yaml").write_text(yaml.safe_dump({"invariants": second}, allow_unicode=True))
    with pytest.raises(CatalogueError) as info:
        load_catalogue(tmp_path)
    (problem,) = info.value.problems
    assert problem.file.endswith("two.yaml")
    assert problem.invariant == second[0]["id"] and problem.field == "criteria"


def test_duplicate_id(tmp_path, data):
    data["invariants"][1]["id"] = "E01"
    problems = problems_of(tmp_path, data)
    assert any("invariant E01: field id: duplicate id" in p for p in problems)


def test_duplicate_answer_id(tmp_path, data):
    data["scoring"]["answers"].append(copy.deepcopy(data["scoring"]["answers"][0]))
    problems = problems_of(tmp_path, data)
    assert any("scoring.answers" in p and "duplicate id" in p for p in problems), problems


def test_missing_translation(tmp_path, data):
    del data["invariants"][index_of(data, "INT03")]["guidance"]["paper"]["met"]["fr"]
    problems = problems_of(tmp_path, data)
    assert any("invariant INT03: field guidance.paper.met: missing translation 'fr'" in p
               for p in problems)


@pytest.mark.parametrize("remedy, message", [
    ({"protocol": {"en": "Add it.", "fr": "Ajoutez-le."}},
     "field remedy: 'paper' is a required property"),
    ({"protocol": "Add it.", "paper": {"en": "Ask for it.", "fr": "Demandez-le."}},
     "field remedy.protocol: 'Add it.' is not of type 'object'"),
    ({"protocol": {"en": "Add it.", "fr": "Ajoutez-le."},
      "paper": {"en": "Ask for it.", "fr": "Demandez-le."}, "en": "Stray text."},
     "field remedy: Additional properties are not allowed ('en' was unexpected)"),
    (["Add it."], "field remedy: ['Add it.'] is not of type 'object'"),
])
def test_malformed_text_per_kind_says_which_shapes_are_accepted(tmp_path, data, remedy,
                                                                 message):
    data["invariants"][index_of(data, "MEC07")]["remedy"] = remedy
    problems = problems_of(tmp_path, data)
    assert len(problems) == 1, problems
    assert f"invariant MEC07: {message}" in problems[0]
    assert "{protocol: {en: …, fr: …}, paper: {en: …, fr: …}}" in problems[0]


def test_a_remedy_may_give_the_advice_for_a_dossier_or_not(tmp_path, data):
    """`remedy.dossier` is optional: a catalogue without it (up to 1.4.1, or a site's own)
    loads, and its invariants give no advice for a dossier; one with it gives it for a paper
    only."""
    mec07 = data["invariants"][index_of(data, "MEC07")]
    mec07["remedy"]["dossier"] = {"en": "Look in the appendix.", "fr": "Cherchez en annexe."}
    del data["invariants"][index_of(data, "INT06")]["remedy"]["dossier"]
    catalogue = load_catalogue(write_json(tmp_path, data))
    assert catalogue.invariant("MEC07").dossier_advice("paper") == {
        "en": "Look in the appendix.", "fr": "Cherchez en annexe."}
    assert catalogue.invariant("MEC07").dossier_advice("protocol") is None
    assert catalogue.invariant("INT06").dossier_advice("paper") is None
    assert catalogue.invariant("INT06").remedy("paper") == data["invariants"][
        index_of(data, "INT06")]["remedy"]["paper"]


@pytest.mark.parametrize("remedy, message", [
    ({"protocol": {"en": "Add it.", "fr": "Ajoutez-le."},
      "paper": {"en": "Ask for it.", "fr": "Demandez-le."}, "dossier": "Look for it."},
     "field remedy.dossier: 'Look for it.' is not of type 'object'"),
    ({"en": "Add it.", "fr": "Ajoutez-le.", "dossier": {"en": "Look.", "fr": "Cherchez."}},
     "field remedy: 'protocol' is a required property"),
    ({"protocol": {"en": "Add it.", "fr": "Ajoutez-le."},
      "paper": {"en": "Ask for it.", "fr": "Demandez-le."},
      "dossiers": {"en": "Look.", "fr": "Cherchez."}},
     "field remedy: Additional properties are not allowed ('dossiers' was unexpected)"),
    ({"protocol": {"en": "Add it.", "fr": "Ajoutez-le."},
      "paper": {"en": "Ask for it.", "fr": "Demandez-le."}, "dossier": {"en": ""}},
     "field remedy.dossier.en: '' should be non-empty"),
])
def test_a_malformed_dossier_advice_is_refused_with_its_place(tmp_path, data, remedy, message):
    data["invariants"][index_of(data, "MEC07")]["remedy"] = remedy
    problems = problems_of(tmp_path, data)
    assert any(f"invariant MEC07: {message}" in p for p in problems), problems
    assert all("invariant MEC07: field remedy" in p for p in problems), problems
    # The shapes a remedy accepts, the advice for a dossier among them.
    assert "dossier: {en: …, fr: …}" in problems[0]


def test_missing_translation_of_a_dossier_advice(tmp_path, data):
    del data["invariants"][index_of(data, "OBS08")]["remedy"]["dossier"]["fr"]
    problems = problems_of(tmp_path, data)
    assert problems == [p for p in problems if "OBS08" in p], problems
    assert any("invariant OBS08: field remedy.dossier: missing translation 'fr'" in p
               for p in problems), problems


def test_missing_translation_of_a_paper_text(tmp_path, data):
    del data["invariants"][index_of(data, "IMP05")]["example"]["paper"]["fr"]
    data["invariants"][index_of(data, "E02")]["remedy"]["protocol"]["en"] = " "
    problems = problems_of(tmp_path, data)
    assert any("invariant IMP05: field example.paper: missing translation 'fr'" in p
               for p in problems), problems
    assert any("invariant E02: field remedy.protocol: missing translation 'en'" in p
               for p in problems), problems


def test_missing_translation_of_one_text_for_both_kinds(tmp_path, data):
    one_text_for_both_kinds(data)
    del data["invariants"][index_of(data, "PRO04")]["remedy"]["fr"]
    assert any("invariant PRO04: field remedy: missing translation 'fr'" in p
               for p in problems_of(tmp_path, data))


def test_empty_translation_in_metadata(tmp_path, data):
    data["study_types"][0]["purpose"]["fr"] = "  "
    assert any("study_types[0].purpose: missing translation 'fr'" in p
               for p in problems_of(tmp_path, data))


def test_unknown_study_type(tmp_path, data):
    data["invariants"][index_of(data, "MEC01")]["study_types"] = ["anecdotal"]
    problems = problems_of(tmp_path, data)
    assert any("invariant MEC01: field study_types: unknown study type 'anecdotal'" in p
               for p in problems)


def test_unknown_sheet_field(tmp_path, data):
    data["invariants"][index_of(data, "PRO04")]["sheet_fields"].append("price")
    assert any("invariant PRO04: field sheet_fields: unknown sheet field 'price'" in p
               for p in problems_of(tmp_path, data))


def test_sheet_field_must_be_evidenced_by_the_study_type(tmp_path, data):
    data["invariants"][index_of(data, "MEC02")]["sheet_fields"].append("protocol")
    assert any("invariant MEC02: field sheet_fields: sheet field 'protocol' is not evidenced"
               in p for p in problems_of(tmp_path, data))


def test_bad_crosswalk_code(tmp_path, data):
    inv = data["invariants"][index_of(data, "E01")]
    inv["crosswalk"][0]["items"] = ["99z_Not_An_Item"]
    problems = problems_of(tmp_path, data)
    assert any("invariant E01: field crosswalk[0].items: '99z_Not_An_Item' is not an item of"
               in p for p in problems)


def test_unknown_standard_and_element(tmp_path, data):
    inv = data["invariants"][index_of(data, "E02")]
    inv["crosswalk"].append({"standard": "MADE-UP", "items": ["1"]})
    inv["evidence"]["elements"] = ["X_telepathy"]
    problems = problems_of(tmp_path, data)
    assert any("invariant E02" in p and "unknown standard 'MADE-UP'" in p for p in problems)
    assert any("invariant E02: field evidence.elements: unknown detection element" in p
               for p in problems)


def test_evidence_details_are_checked(tmp_path, data):
    """A detail's pattern is a regular expression: one that cannot compile is refused with
    its place, as are a detail id given twice and a label missing a language."""
    details = data["invariants"][index_of(data, "E01")]["evidence"]["details"]
    details[0]["patterns"]["fr"] = ["avis (favorable"]
    details.append(copy.deepcopy(details[1]))
    del details[2]["label"]["fr"]
    problems = problems_of(tmp_path, data)
    assert any("invariant E01: field evidence.details[0].patterns.fr[0]: pattern is not a "
               "valid regular expression: missing )" in p for p in problems)
    assert any("invariant E01: field evidence.details: duplicate detail id 'reference'" in p
               for p in problems)
    assert any("invariant E01: field evidence.details[2].label: missing translation 'fr'" in p
               for p in problems)


def test_patterns_are_checked_as_the_evidence_layer_reads_them(tmp_path, data):
    """The evidence layer reads a field's patterns in one language as one alternation: two
    patterns that each compile but not together (a group name given twice) would fail every
    suggestion for the invariant, so they are refused; a faulty pattern is named by its place
    even when it is not the first."""
    details = data["invariants"][index_of(data, "E01")]["evidence"]["details"]
    details[0]["patterns"]["en"] = ["(?P<body>ethics) committee", "(?P<body>IRB)"]
    details[1]["patterns"]["en"] = ["approved", "approv(ed"]
    problems = problems_of(tmp_path, data)
    assert any("invariant E01: field evidence.details[0].patterns.en: patterns do not compile "
               "together: redefinition of group name 'body'" in p for p in problems)
    assert any("invariant E01: field evidence.details[1].patterns.en[1]: pattern is not a "
               "valid regular expression: missing )" in p for p in problems)
    assert not any("details[1].patterns.en[0]" in p for p in problems)


def test_a_study_type_s_patterns_alone_are_checked_when_asked(tmp_path, data):
    """A command suggesting for one study type compiles only its invariants' patterns to
    check them: a faulty pattern of another type's invariant does not stop it, one of its own
    does, and a load without a study type checks them all."""
    inv = data["invariants"][index_of(data, "INT11")]  # interventional only
    inv["evidence"]["details"][0]["patterns"]["en"] = ["adher(ence"]
    path = write_json(tmp_path, data)
    assert load_catalogue(path, patterns_of="observational").invariant("INT11")
    for scope in ("interventional", None):
        with pytest.raises(CatalogueError) as info:
            load_catalogue(path, patterns_of=scope)
        assert any("invariant INT11" in str(p) and "not a valid regular expression" in str(p)
                   for p in info.value.problems)


def test_a_detail_in_the_discussion_must_be_stated_anywhere(tmp_path, data):
    """``discussion: true`` widens where a detail stated ``anywhere`` is looked for: on a
    detail looked for beside its evidence it would be silently ignored, so it is refused."""
    detail = data["invariants"][index_of(data, "E01")]["evidence"]["details"][0]
    detail["discussion"] = True
    detail.pop("anywhere", None)
    problems = problems_of(tmp_path, data)
    assert any("invariant E01: field evidence.details[0].discussion: 'discussion: true' "
               "needs 'anywhere: true'" in p for p in problems)
    detail["anywhere"] = True
    catalogue = load_catalogue(write_json(tmp_path, data))
    assert catalogue.invariant("E01").evidence.details[0].discussion


def test_a_details_sections_are_checked(tmp_path, data):
    """A detail's ``sections`` name headings and the wordings read under them: a wording that
    cannot compile is refused with its place, as are sections without their names; valid
    ones are read per language."""
    detail = data["invariants"][index_of(data, "PRO04")]["evidence"]["details"][0]
    detail["sections"]["patterns"]["fr"] = ["compren(d"]
    problems = problems_of(tmp_path, data)
    assert any("invariant PRO04: field evidence.details[0].sections.patterns.fr[0]: pattern "
               "is not a valid regular expression: missing )" in p for p in problems)
    detail["sections"] = {"patterns": {"en": ["includes"]}}
    assert any("invariant PRO04: field evidence.details[0].sections" in p
               and "names" in p for p in problems_of(tmp_path, data))
    detail["sections"] = {"names": {"en": ["Intervention"]}, "patterns": {"en": ["includes"]}}
    sections = load_catalogue(write_json(tmp_path, data)).invariant(
        "PRO04").evidence.details[0].sections
    assert sections.names_for("en") == ("Intervention",)
    assert sections.patterns_for("en") == ("includes",)
    assert sections.names_for("fr") == () and sections.patterns_for("fr") == ()


def test_evidence_detail_needs_patterns(tmp_path, data):
    details = data["invariants"][index_of(data, "E03")]["evidence"]["details"]
    details[0]["patterns"] = {}
    problems = problems_of(tmp_path, data)
    assert any("invariant E03: field evidence.details[0].patterns" in p for p in problems)


def test_evidence_detail_kinds_are_checked(tmp_path, data):
    details = data["invariants"][index_of(data, "E04")]["evidence"]["details"]
    details[0]["kinds"] = ["results"]
    problems = problems_of(tmp_path, data)
    assert any("invariant E04: field evidence.details[0].kinds[0]: 'results' is not one of "
               "['protocol', 'paper']" in p for p in problems)


def test_reporting_element_names_are_checked(tmp_path, data):
    named = copy.deepcopy(data)
    named["reporting_elements"][0]["id"] = "99z_Not_An_Item"
    assert any("reporting_elements[0].id: unknown SCTM item '99z_Not_An_Item'" in p
               for p in problems_of(tmp_path, named))
    data["reporting_elements"][1]["label"]["fr"] = ""
    assert any("reporting_elements[1].label.fr" in p for p in problems_of(tmp_path, data))


def test_wrong_counts(tmp_path, data):
    data["counts"]["per_study_type"]["interventional"] = 15
    data["invariants"] = [i for i in data["invariants"] if i["id"] != "E14"]
    problems = problems_of(tmp_path, data)
    assert any("counts.ethical: declares 14 ethical invariants, found 13" in p for p in problems)
    assert any("counts.per_study_type.interventional: declares 15" in p for p in problems)


def test_builtin_structure_enforced(data):
    data["invariants"] = [i for i in data["invariants"] if i["id"] != "E14"]
    data["counts"]["ethical"] = 13
    assert validate(data, meta_file="x", origins=[], builtin=False) == []
    problems = [str(p) for p in validate(data, meta_file="x", origins=[], builtin=True)]
    assert any("the NPIS Model has 14 ethical invariants" in p for p in problems)


def test_schema_error_names_invariant_and_field(tmp_path, data):
    data["invariants"][index_of(data, "OBS02")]["kind"] = "moral"
    problems = problems_of(tmp_path, data)
    assert any("invariant OBS02: field kind:" in p for p in problems)


def test_na_allowed_requires_when(tmp_path, data):
    inv = data["invariants"][index_of(data, "E03")]
    inv["not_applicable"] = {"allowed": True}
    assert any("invariant E03: field not_applicable.when" in p
               for p in problems_of(tmp_path, data))


def test_ethical_must_apply_to_all_study_types(tmp_path, data):
    data["invariants"][index_of(data, "E05")]["study_types"] = ["interventional"]
    assert any("invariant E05: field study_types: an ethical invariant must apply" in p
               for p in problems_of(tmp_path, data))


def test_scoring_answers_and_fallback_verdict(tmp_path, data):
    data["scoring"]["answers"] = [a for a in data["scoring"]["answers"]
                                  if a["id"] != "not_reported"]
    data["scoring"]["verdicts"][-1]["methodological_min"] = 0.1
    problems = problems_of(tmp_path, data)
    assert any("answer 'not_reported' must be defined" in p for p in problems)
    assert any("unknown answer 'not_reported'" in p for p in problems)
    assert any("last verdict must be unconditional" in p for p in problems)


# --- command line ------------------------------------------------------------------------


def test_cli_validate_builtin_ok():
    result = CliRunner().invoke(main, ["catalogue", "validate"])
    assert result.exit_code == 0, result.output
    assert "77 invariants (14 ethical, 63 methodological)" in result.output


def test_cli_validate_bad_file_fails_with_precise_error(tmp_path, data):
    data["invariants"][index_of(data, "IMP02")]["criteria"] = ["famous"]
    path = write_json(tmp_path, data)
    result = CliRunner().invoke(main, ["catalogue", "validate", str(path)])
    assert result.exit_code == 1
    assert f"{path}: invariant IMP02: field criteria: unknown criterion 'famous'" in result.output


def test_cli_list_and_show_in_both_languages(builtin):
    runner = CliRunner()
    result = runner.invoke(main, ["catalogue", "list", "--study-type", "implementation",
                                  "--lang", "fr"])
    assert result.exit_code == 0
    lines = [line for line in result.output.splitlines() if line.strip() and
             not line.startswith("—")]
    assert len(lines) == 26
    assert builtin.invariant("IMP01").title["fr"] in result.output
    result = runner.invoke(main, ["catalogue", "show", "int05", "--kind", "paper"])
    assert result.exit_code == 0
    int05 = builtin.invariant("INT05")
    assert int05.guidance_paper.met["en"] in result.output
    assert f"[paper] remedy: {int05.remedy('paper')['en']}" in result.output
    assert f"[paper] example: {int05.example('paper')['en']}" in result.output
    assert int05.remedy("protocol")["en"] not in result.output
    result = runner.invoke(main, ["catalogue", "show", "INT05", "--lang", "fr"])
    assert f"[protocol] remedy: {int05.remedy('protocol')['fr']}" in result.output
    assert int05.example("paper")["fr"] not in result.output
    result = runner.invoke(main, ["catalogue", "list", "--study-type", "anecdotal"])
    assert result.exit_code != 0 and "unknown study type 'anecdotal'" in result.output
    result = runner.invoke(main, ["catalogue", "show", "ZZZ99"])
    assert result.exit_code != 0 and "no invariant 'ZZZ99'" in result.output


def test_cli_markdown_checklist(builtin):
    result = CliRunner().invoke(main, ["catalogue", "export", "--format", "markdown",
                                       "--study-type", "prototypical", "--lang", "fr"])
    assert result.exit_code == 0
    out = result.output
    assert out.startswith("# Grille du modèle NPIS")
    assert out.count("\n### ") == 26
    assert builtin.invariant("PRO12").example("protocol")["fr"] in out
    assert "☐ Respecté" in out
    result = CliRunner().invoke(main, ["catalogue", "export", "--format", "markdown",
                                       "--study-type", "prototypical", "--kind", "paper"])
    assert builtin.invariant("PRO12").example("paper")["en"] in result.output
    assert builtin.invariant("PRO12").example("protocol")["en"] not in result.output


def test_cli_global_catalogue_option(tmp_path, data):
    data["version"] = "2.0.0-site"
    path = write_json(tmp_path, data)
    result = CliRunner().invoke(main, ["catalogue", "--catalogue", str(path), "validate"])
    assert result.exit_code == 0 and "v2.0.0-site" in result.output


def test_a_study_type_is_named_after_type_in_the_masculine(builtin):
    """« de type interventionnel »: the type agrees with « type », where the label agrees
    with « étude »; a catalogue without `type_label` (up to 1.5.1) uses the label."""
    from dataclasses import replace

    from checker.services.checklist import checklist_markdown

    interventional = builtin.study_type("interventional")
    assert pick(interventional.label, "fr") == "Interventionnelle"
    assert interventional.type_name("fr") == "interventionnel"
    assert builtin.study_type("observational").type_name("fr") == "observationnel"
    assert interventional.type_name("en") == "interventional"
    assert replace(interventional, type_label={}).type_name("fr") == "interventionnelle"
    # A French checklist's title: « étude implémentation » is no French.
    assert checklist_markdown(builtin, "implementation", "fr").startswith(
        "# Grille du modèle NPIS — étude de type implémentation (protocole)")
