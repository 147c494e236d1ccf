"""A detail's ``waived_when``: a particular not asked of a document whose own report shows it
does not apply. OBS08 asks how losses to follow-up are handled (a protocol) or compared (a
paper), which a cross-sectional survey, repeated or not, cannot say: it follows no one. It was
partially met at best, whatever else the study did against its biases. Still asked where the
same study follows people over time (a cross-sectional baseline followed by a 12-month
follow-up, a cohort), and where only another study is cross-sectional."""

from __future__ import annotations

import pytest
from suggestion_support import quoted, suggest

from checker.catalogue.loader import assemble, resolve_path
from checker.catalogue.validate import validate
from checker.documents import extract_document
from checker.evidence import Detection, detect_elements

TITLE = {"en": "# Walking groups and falls in older adults: study protocol",
         "fr": "# Marche en groupe et chutes chez les personnes âgées : protocole"}
BIAS = {
    "en": "### Bias\n\nRecall bias is a risk in this study, as walking is self-reported.",
    "fr": "### Biais\n\nLe biais de mémorisation est un risque dans cette étude, la marche "
          "étant déclarée par les participants.",
}
CONFOUNDING = {
    "en": "### Statistical analysis\n\nThe prevalence ratio will be adjusted for age, sex and "
          "baseline frailty.",
    "fr": "### Analyse statistique\n\nLe rapport de prévalence sera ajusté sur l'âge, le sexe "
          "et la fragilité initiale.",
}
METHODS = {"en": "## Methods", "fr": "## Méthodes"}
# The designs stated in the study's own methods.
CROSS_SECTIONAL = {
    "en": ["This is a repeated cross-sectional survey of older adults attending walking groups "
           "in 2027 and 2028.",
           "All data will be collected at a single time point, during one visit to each "
           "walking group.",
           "Older adults attending walking groups will answer a one-off survey."],
    "fr": ["Il s'agit d'une enquête transversale répétée auprès des personnes âgées participant "
           "à des groupes de marche en 2027 et 2028.",
           "Cette étude transversale sera menée auprès des personnes âgées participant à des "
           "groupes de marche.",
           "Les données seront recueillies lors d'une seule visite, avec un seul temps de "
           "mesure."],
}
LONGITUDINAL = {
    "en": ["A cross-sectional baseline survey will be followed by a 12-month follow-up of the "
           "same participants.",
           "A cross-sectional survey will be conducted in a cohort of 400 older adults."],
    "fr": ["Une enquête transversale initiale sera suivie d'un suivi à 12 mois des mêmes "
           "participants.",
           "Une enquête transversale sera menée dans une cohorte de 400 personnes âgées."],
}
REASON = {"en": "Not asked of this document: losses to follow-up (a cross-sectional study "
                "follows no one over time).",
          "fr": "Non demandé pour ce document\u00a0: perdus de vue (une étude transversale ne "
                "suit personne dans le temps)."}


def protocol(lang: str, design: str, introduction: str = "") -> str:
    parts = [TITLE[lang]]
    if introduction:
        parts.append({"en": "## Introduction", "fr": "## Introduction"}[lang] + "\n\n"
                     + introduction)
    parts += [METHODS[lang], {"en": "### Design", "fr": "### Schéma"}[lang] + "\n\n" + design,
              BIAS[lang], CONFOUNDING[lang]]
    return "\n\n".join(parts) + "\n"


def obs08(text: str, lang: str, kind: str = "protocol"):
    return suggest(text, lang, study_type="observational", kind=kind)["OBS08"]


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("which", range(3))
def test_a_cross_sectional_protocol_is_not_asked_how_it_handles_losses(lang, which):
    suggestion = obs08(protocol(lang, CROSS_SECTIONAL[lang][which]), lang)
    assert suggestion.answer == "met", suggestion.rationale
    assert suggestion.details_missing == []
    assert suggestion.details_waived == ["losses_handling"]
    # The reason, from the catalogue, in both languages of the note.
    for said in ("en", "fr"):
        assert REASON[said] in suggestion.rationale[said]


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("which", range(2))
def test_a_cross_sectional_study_that_also_follows_people_is_still_asked(lang, which):
    suggestion = obs08(protocol(lang, LONGITUDINAL[lang][which]), lang)
    assert suggestion.answer == "partially_met"
    assert suggestion.details_missing == ["losses_handling"]
    assert suggestion.details_waived == []
    assert REASON[lang] not in suggestion.rationale[lang]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_another_study_s_cross_sectional_design_waives_nothing(lang):
    """The background's surveys are other studies': this one is a cohort's protocol."""
    background = {"en": "Earlier cross-sectional surveys linked walking groups with fewer "
                        "falls [3].",
                  "fr": "Plusieurs enquêtes transversales ont associé les groupes de marche à "
                        "moins de chutes [3]."}[lang]
    design = {"en": "Participants will be recruited from walking groups.",
              "fr": "Les participants seront recrutés dans des groupes de marche."}[lang]
    suggestion = obs08(protocol(lang, design, background), lang)
    assert suggestion.details_missing == ["losses_handling"]
    assert suggestion.details_waived == []


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_losses_handled_all_the_same_are_quoted_and_not_waived(lang):
    """A waived particular the document states still counts, as a waived element does."""
    handled = {"en": "Missing data will be handled by multiple imputation.",
               "fr": "Les données manquantes seront traitées par imputation multiple."}[lang]
    suggestion = obs08(protocol(lang, f"{CROSS_SECTIONAL[lang][0]} {handled}"), lang)
    assert suggestion.answer == "met"
    assert suggestion.details_waived == []
    assert quoted(suggestion, handled)
    assert REASON[lang] not in suggestion.rationale[lang]


# A paper of two cross-sectional surveys: its residual bias is still asked, not its losses.
PAPER = {
    "en": "# Walking groups and falls in older adults: two cross-sectional surveys\n\n"
          "## Methods\n\nA cross-sectional survey was conducted in 2027 and again, in a new "
          "sample, in 2028. To limit selection bias, walking groups were drawn at random.\n\n"
          "## Results\n\nOf the 812 eligible adults identified, 225 were not included (131 "
          "declined). Of the 587 adults included, 518 (88%) were analysed.\n\n"
          "## Discussion\n\n### Limitations\n\nResidual selection of more active adults "
          "probably led us to overestimate the benefit of walking groups.\n",
    "fr": "# Marche en groupe et chutes chez les personnes âgées : deux enquêtes "
          "transversales\n\n## Méthodes\n\nUne enquête transversale a été menée en 2027 puis, "
          "auprès d'un nouvel échantillon, en 2028. Pour limiter le biais de sélection, les "
          "groupes de marche ont été tirés au sort.\n\n## Résultats\n\nAu total, 812 "
          "personnes éligibles ont été identifiées ; 225 n'ont pas été incluses (refus : 131). "
          "Sur les 587 personnes incluses, 518 (88 %) ont été analysées.\n\n"
          "## Discussion\n\n### Limites\n\nUne sélection résiduelle de personnes plus actives "
          "nous a probablement conduits à surestimer le bénéfice des groupes de marche.\n",
}
ANALYSED = {"en": "518 (88%) were analysed.", "fr": "518 (88 %) ont été analysées."}


def paper_obs08(text: str, lang: str):
    """OBS08's suggestion for a paper, with the numbers analysed (item 37a) found in their
    sentence, as the model finds them in a real paper (not always in so short a text)."""
    document = extract_document(text.encode(), "doc.md")
    detections = [d for d in detect_elements(document, kind="results", lang=lang)
                  if d.element != "37a_Analysis_Numbers"]
    analysed = next(s for s in document.sentences
                    if ANALYSED[lang] in " ".join(document.sentence_text(s).split()))
    detections.append(Detection("37a_Analysis_Numbers", document.sentence_text(analysed),
                                analysed.start, analysed.end, None, analysed.section, 0.9, 1))
    return suggest(document, lang, study_type="observational", kind="results",
                   detections=detections)["OBS08"]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_cross_sectional_paper_is_not_asked_to_compare_those_lost(lang):
    suggestion = paper_obs08(PAPER[lang], lang)
    assert suggestion.answer == "met", suggestion.rationale
    assert suggestion.details_waived == ["losses_compared"]
    assert REASON[lang] in suggestion.rationale[lang]
    # Its residual bias is still asked, and quoted.
    without = PAPER[lang].split({"en": "## Discussion", "fr": "## Discussion"}[lang])[0]
    suggestion = paper_obs08(without, lang)
    assert suggestion.answer == "partially_met"
    assert suggestion.details_missing == ["residual_bias"]
    assert suggestion.details_waived == ["losses_compared"]


def _obs08_details(data: dict) -> list[dict]:
    invariant = next(i for i in data["invariants"] if i["id"] == "OBS08")
    return invariant["evidence"]["details"]


def _problems(data: dict) -> list[str]:
    return [str(p) for p in validate(data, meta_file="catalogue.yaml")]


def test_the_built_in_waiver_is_valid_and_loaded():
    data, _ = assemble(resolve_path(None))
    assert _problems(data) == []
    waived = {d["id"] for d in _obs08_details(data) if d.get("waived_when")}
    assert waived == {"losses_compared", "losses_handling"}


def test_a_waiver_without_its_reason_is_refused():
    data, _ = assemble(resolve_path(None))
    detail = _obs08_details(data)[0]
    detail["waived_when"] = {"patterns": {"en": ["cross-sectional"]}}
    messages = _problems(data)
    assert any("'reason' is a required property" in m and "waived_when" in m
               for m in messages), messages


def test_a_waiver_s_unknown_field_is_refused():
    data, _ = assemble(resolve_path(None))
    detail = _obs08_details(data)[0]
    detail["waived_when"] = {**detail["waived_when"], "except": {"en": ["cohort"]}}
    messages = _problems(data)
    assert any("'except' was unexpected" in m and "waived_when" in m for m in messages), messages


@pytest.mark.parametrize("field", ["patterns", "unless"])
def test_a_waiver_s_faulty_pattern_is_refused_where_it_stands(field):
    data, _ = assemble(resolve_path(None))
    detail = _obs08_details(data)[0]
    detail["waived_when"] = {**detail["waived_when"], field: {"en": ["(cross-sectional"]}}
    messages = _problems(data)
    assert any("pattern is not a valid regular expression" in m
               and f"evidence.details[0].waived_when.{field}.en[0]" in m
               for m in messages), messages


def test_an_element_waiver_s_exceptions_are_checked_too():
    data, _ = assemble(resolve_path(None))
    invariant = next(i for i in data["invariants"] if i["id"] == "INT03")
    waiver = invariant["evidence"]["waived"]["16c_Randomization_Block_size"]
    waiver["unless"] = {"en": ["(blocks"]}
    messages = _problems(data)
    assert any("evidence.waived.16c_Randomization_Block_size.unless.en[0]" in m
               for m in messages), messages
