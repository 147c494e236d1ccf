"""Screening rules and evidence-sufficiency rules, with their boundary cases."""

from __future__ import annotations

import pytest

from checker.services.screening import (
    ScreeningError,
    _load,
    load_questionnaire,
    screen,
)
from checker.services.sufficiency import StudyEvidence, assess_sufficiency


def npi_answers() -> dict[str, str]:
    q = load_questionnaire()
    return {question.id: (question.required or "no") for question in q.questions}


# --- screening ---------------------------------------------------------------------------


def test_a_typical_npi_passes():
    result = screen(npi_answers(), "physical")
    assert result.is_npi and result.reasons == []


def test_digital_application_is_a_medical_device():
    answers = npi_answers() | {"digital_device": "yes"}
    result = screen(answers, "psychosocial")
    assert not result.is_npi
    assert result.excluded_by == ["digital_device"]
    assert result.reasons == ["A digital application or monitoring system is a medical device, "
                              "not an NPI."]
    fr = screen(answers, "psychosocial", lang="fr")
    assert "dispositif médical" in fr.reasons[0]


@pytest.mark.parametrize("question", ["product", "approach", "single_technique", "organisation",
                                      "public_measure", "diagnostic", "daily_living"])
def test_each_exclusion_rule(question):
    result = screen(npi_answers() | {question: "yes"}, "nutritional")
    assert not result.is_npi and result.excluded_by == [question]


def test_the_educational_approach_question_does_not_exclude_a_patient_education_programme():
    """The NPI definition counts therapeutic patient education as psychosocial: the question
    that excludes "an educational approach" says, in both languages, that a defined programme
    of it is not one, so that a submitter answers no for it."""
    question = next(q for q in load_questionnaire().questions if q.id == "discipline")
    assert "therapeutic patient education" in question.text["en"]
    assert "éducation thérapeutique du patient" in question.text["fr"]
    assert "in general" in question.text["en"] and "en général" in question.text["fr"]


def test_definition_requirements():
    result = screen(npi_answers() | {"professional": "no", "non_invasive": "no"}, "physical")
    assert not result.is_npi
    assert set(result.excluded_by) == {"professional", "non_invasive"}


def test_unknown_domain_excludes():
    result = screen(npi_answers(), "spiritual")
    assert not result.is_npi and result.excluded_by == ["domain"]


def test_incomplete_answers_are_refused():
    answers = npi_answers()
    del answers["product"]
    answers["diagnostic"] = "maybe"
    with pytest.raises(ScreeningError, match="product, diagnostic|diagnostic, product"):
        screen(answers, "physical")


def test_malformed_questionnaire(tmp_path):
    bad = tmp_path / "s.yaml"
    bad.write_text("questions:\n  - id: x\n    text: {en: a, fr: b}\n    reason: {en: a, fr: b}\n")
    with pytest.raises(ScreeningError, match="exactly one of excludes_if / required"):
        _load(bad)
    bad.write_text("questions: [\n")
    with pytest.raises(ScreeningError, match="cannot read"):
        _load(bad)


# --- sufficiency -------------------------------------------------------------------------


def study(key, study_type, verdict="compliant", country="France", kind="paper", peer=True):
    return StudyEvidence(key=key, title=key, study_type=study_type, document_kind=kind,
                         verdict=verdict, country=country, peer_reviewed=peer)


def complete_dossier():
    return [
        study("proto", "prototypical"),
        study("mech", "mechanistic"),
        study("rct1", "interventional"),
        study("rct2", "interventional"),
        study("impl", "implementation"),
    ]


def test_minimum_reached_with_exactly_two_interventional(catalogue):
    result = assess_sufficiency(catalogue, "France", complete_dossier())
    assert result.minimum_reached
    assert result.missing == []
    effective = next(c for c in result.criteria if c.criterion == "effective")
    assert effective.count == 2 and effective.reached
    assert result.coverage["mechanisms"] == ["mech"]
    assert set(result.coverage["risks"]) == {"mech", "rct1", "rct2", "impl"}


def test_one_interventional_is_not_enough(catalogue):
    studies = [s for s in complete_dossier() if s.key != "rct2"]
    result = assess_sufficiency(catalogue, "France", studies)
    assert not result.minimum_reached
    for criterion in ("effective", "safe"):
        status = next(c for c in result.criteria if c.criterion == criterion)
        assert status.count == 1 and not status.reached
    assert any("1 more compliant interventional study needed (1 of 2)" in m
               for m in result.missing)


def test_implementation_in_another_country_does_not_count(catalogue):
    studies = [s for s in complete_dossier() if s.key != "impl"]
    studies.append(study("impl-be", "implementation", country="Belgium"))
    result = assess_sufficiency(catalogue, "France", studies)
    implementable = next(c for c in result.criteria if c.criterion == "implementable")
    assert not implementable.reached and implementable.count == 0
    assert any("conducted in France" in m for m in result.missing)
    # The same study does count for a dossier deployed in Belgium (case-insensitive).
    assert assess_sufficiency(catalogue, "belgium", studies).criteria[-1].reached


def test_non_compliant_study_does_not_count(catalogue):
    studies = [s for s in complete_dossier() if s.key != "rct2"]
    studies.append(study("rct-bad", "interventional", verdict="not_compliant"))
    studies.append(study("rct-res", "interventional", verdict="compliant_with_reservations"))
    result = assess_sufficiency(catalogue, "France", studies)
    assert result.counts_by_type["interventional"] == 1
    bad = next(s for s in result.standings if s.study.key == "rct-bad")
    assert not bad.counts and "verdict" in bad.reasons[0]
    assert not result.minimum_reached
    # The reason names the verdicts that count: "with reservations" is not one of them.
    reserved = next(s for s in result.standings if s.study.key == "rct-res")
    assert reserved.reasons == ["its assessment verdict is not one that counts "
                                "(only “Compliant”)"]
    french = assess_sufficiency(catalogue, "France", studies, lang="fr")
    assert next(s for s in french.standings if s.study.key == "rct-res").reasons == [
        "le verdict de son évaluation ne fait pas partie de ceux qui comptent "
        "(seulement «\u00a0Conforme\u00a0»)"]


def test_protocol_and_non_peer_reviewed_do_not_count(catalogue):
    studies = [s for s in complete_dossier() if s.key not in ("proto", "mech")]
    studies += [study("proto-protocol", "prototypical", kind="protocol"),
                study("mech-preprint", "mechanistic", peer=False)]
    result = assess_sufficiency(catalogue, "France", studies, lang="fr")
    assert result.counts_by_type["prototypical"] == 0
    assert result.counts_by_type["mechanistic"] == 0
    reasons = {s.study.key: s.reasons for s in result.standings}
    assert "protocole" in reasons["proto-protocol"][0]
    assert "comité de lecture" in reasons["mech-preprint"][0]
    assert any("Mécanismes" in m for m in result.missing)


def test_empty_dossier_lists_everything_missing(catalogue):
    """A line per minimum, then the NPI sheet fields named together: each is of a type some
    minimum asks for, whose line is above (a walkthrough's charity manager read nine lines
    repeating those types)."""
    result = assess_sufficiency(catalogue, "France", [])
    assert not result.minimum_reached
    assert len(result.missing) == len(catalogue.evidence_rules) + 1
    fields = result.missing[-1]
    assert fields.startswith("NPI sheet fields not covered by a compliant study yet: ")
    assert all(field.label["en"] in fields for field in catalogue.sheet_fields)
    assert fields.endswith("The compliant studies that the minimums above still need will "
                           "cover them.")


def test_what_is_missing_reads_as_french(catalogue):
    """Each missing study in one bracket-free phrase, its count beside the criterion (not
    "(type : interventionnelle) (0 sur 2)"), and a sheet field asking for a compliant study
    of some type, not for a "compliant study type"."""
    studies = [s for s in complete_dossier() if s.key not in ("rct2", "impl", "mech")]
    missing = assess_sufficiency(catalogue, "France", studies, lang="fr").missing
    # "type" is masculine: « de type interventionnel », not « interventionnelle ».
    assert ("Efficace (1 sur 2)\u00a0: il manque 1 étude conforme de type interventionnel"
            in missing)
    only_prototypical = assess_sufficiency(catalogue, "France", studies[:1], lang="fr").missing
    assert any(line.startswith("Rubriques de la fiche INM pas encore couvertes par une étude "
                               "conforme\u00a0: ") and "Risques" in line
               for line in only_prototypical)
    assert ("Implémentable (0 sur 1)\u00a0: il manque 1 étude conforme de type implémentation "
            "dans le pays visé (France)" in missing)
    assert ("Rubrique de la fiche INM pas encore couverte par une étude conforme\u00a0: "
            "Mécanismes. Une étude conforme qu'il manque pour les minimums ci-dessus la "
            "couvrira." in missing)
    assert not any(") (" in line for line in missing)


def test_what_is_missing_names_the_studies_of_that_type_that_do_not_count_yet(catalogue):
    """A submitter who holds a prototypical paper rated "Compliant with reservations" reads
    "1 more compliant prototypical study needed" as "find another study": the line says which
    study of the dossier is of that type, why it does not count, and whether making it count
    is enough; numbered as the dossier's list of studies."""
    studies = [study("proto", "prototypical", verdict="compliant_with_reservations"),
               study("mech", "mechanistic"),
               study("rct1", "interventional", verdict="compliant_with_reservations"),
               study("impl", "implementation", kind="protocol")]
    missing = assess_sufficiency(catalogue, "France", studies).missing
    assert ("Described: 1 more compliant prototypical study needed (0 of 1). Study 1 "
            "(prototypical) does not count yet: its assessment verdict is not one that "
            "counts (only “Compliant”). Making it count meets this minimum without another "
            "study. To raise a verdict, see why it is not a better one (the dossier's list of "
            "studies) and what to look for and add to the dossier.") in missing
    effective = next(m for m in missing if m.startswith("Effective:"))
    assert "Study 3 (interventional) does not count yet" in effective
    assert "Even once it counts, 1 more will be needed." in effective
    implementable = next(m for m in missing if m.startswith("Implementable:"))
    assert "Study 4 (implementation) does not count yet: a protocol" in implementable
    assert "Study 4, a protocol, will not count whatever its verdict." in implementable
    assert "Making it count" not in implementable
    assert "To raise a verdict" not in implementable  # its verdict is not the reason
    # Where the minimum asks for the country of deployment, a study elsewhere is not named:
    # making it count would not meet it (the country notes say why it does not count there).
    abroad = [*studies[:3], study("impl", "implementation", kind="protocol", country="Spain")]
    implementable = next(m for m in assess_sufficiency(catalogue, "France", abroad).missing
                         if m.startswith("Implementable:"))
    assert implementable == ("Implementable: 1 more compliant implementation study conducted "
                             "in France needed (0 of 1)")
    # Two of a type: numbered together, each with its reasons.
    two = assess_sufficiency(catalogue, "France", studies + [
        study("rct2", "interventional", verdict="not_compliant", peer=False)]).missing
    effective = next(m for m in two if m.startswith("Effective:"))
    assert "Studies 3 and 5 (interventional) do not count yet: study 3: " in effective
    assert "Making them count meets this minimum without another study." in effective
    french = assess_sufficiency(catalogue, "France", studies, lang="fr").missing
    assert ("Décrite (0 sur 1)\u00a0: il manque 1 étude conforme de type prototypique. "
            "L'étude 1, de type prototypique, ne compte pas encore\u00a0: le verdict de son "
            "évaluation ne fait pas partie de ceux qui comptent (seulement «\u00a0Conforme"
            "\u00a0»). Si elle compte, ce minimum est atteint sans autre étude.") in " ".join(
        french)
    # No study of the type in the dossier: the line as before.
    assert "Explainable" not in " ".join(missing)
    alone = assess_sufficiency(catalogue, "France", studies[1:]).missing
    assert "Described: 1 more compliant prototypical study needed (0 of 1)" in alone


def test_a_protocol_held_is_not_counted_on_to_meet_a_minimum(catalogue):
    """A submitter who adds a trial's protocol and its results paper (both interventional,
    neither "Compliant" yet) read « Si elles comptent, ce minimum est atteint sans autre
    étude » and took the one trial for the two interventional studies asked: a protocol
    never counts, so the line says so and counts only the paper."""
    studies = [study("proto", "prototypical"),
               study("trial-protocol", "interventional", kind="protocol",
                     verdict="compliant_with_reservations", peer=False),
               study("trial-paper", "interventional", verdict="compliant_with_reservations")]
    effective = next(m for m in assess_sufficiency(catalogue, "France", studies).missing
                     if m.startswith("Effective:"))
    assert "Studies 2 and 3 (interventional) do not count yet: study 2: " in effective
    assert "Study 2, a protocol, will not count whatever its verdict." in effective
    assert "Even once study 3 counts, 1 more will be needed." in effective
    assert "Making them count" not in effective
    assert "To raise a verdict" in effective  # study 3's verdict is one reason
    french = next(m for m in assess_sufficiency(catalogue, "France", studies, lang="fr").missing
                  if m.startswith("Efficace"))
    assert ("L'étude 2, un protocole, ne comptera pas, quel que soit son verdict. Même si "
            "l'étude 3 compte, il en manquera encore 1.") in french
    assert "Si elles comptent" not in french
    # Two papers beside the protocol: making them count is enough, and they are named.
    more = [*studies, study("trial-2", "interventional", verdict="not_compliant")]
    effective = next(m for m in assess_sufficiency(catalogue, "France", more).missing
                     if m.startswith("Effective:"))
    assert "Making studies 3 and 4 count meets this minimum without another study." in effective
    # A protocol alone: no promise at all, and no verdict to raise.
    alone = [studies[0], studies[1]]
    effective = next(m for m in assess_sufficiency(catalogue, "France", alone).missing
                     if m.startswith("Effective:"))
    assert effective.endswith("Study 2, a protocol, will not count whatever its verdict.")


def test_a_sheet_field_no_minimum_would_cover_keeps_its_own_line(catalogue):
    """A field only a study type no minimum asks for would cover (observational, here) is not
    implied by the minimums' lines: it keeps its line and its types."""
    from dataclasses import replace

    first = catalogue.sheet_fields[0]
    changed = replace(catalogue, sheet_fields=(
        replace(first, evidenced_by=("observational",)), *catalogue.sheet_fields[1:]))
    missing = assess_sufficiency(changed, "France", []).missing
    assert missing[-1] == (f"NPI sheet field not covered by a compliant study: "
                           f"{first.label['en']} (needs a compliant study of type "
                           "observational)")
    together = missing[-2]
    assert first.label["en"] not in together.split(":", 1)[1].split(".")[0].split(", ")
    # Covered by a compliant observational study, its line goes; the others stay together.
    covered = assess_sufficiency(changed, "France", [study("obs", "observational")]).missing
    assert not any(line.startswith("NPI sheet field not covered") for line in covered)
    assert covered[-1].startswith("NPI sheet fields not covered by a compliant study yet: ")
    assert first.label["en"] not in covered[-1]
