"""OBS08's particulars (``evidence.details``): a paper's *met* needs, as its guidance says,
those lost to follow-up compared with those followed (or none lost) and the direction or size
of residual bias discussed, wherever the paper says them: the flow is in its results, the
residual bias in its limitations (``discussion: true``), not in another work's findings."""

from __future__ import annotations

import pytest
from suggestion_support import quoted, suggest

from checker.documents import extract_document
from checker.evidence import Detection, detect_elements

TITLE = {"en": "# Adapted physical activity and fatigue after breast cancer: a cohort study",
         "fr": "# Activité physique adaptée et fatigue après un cancer du sein : une cohorte"}
INTRODUCTION = {
    "en": "## Introduction\n\nEarlier cohorts may have overestimated the benefit of exercise "
          "[4].",
    "fr": "## Introduction\n\nLes cohortes antérieures ont pu surestimer le bénéfice de "
          "l'exercice [4].",
}
METHODS = {
    "en": "## Methods\n\n### Bias\n\nTo limit selection bias, we included new users only. "
          "To limit reverse causality, events in the first 6 months were excluded in a "
          "sensitivity analysis.",
    "fr": "## Méthodes\n\n### Biais\n\nPour limiter le biais de sélection, seules les "
          "nouvelles pratiquantes ont été incluses. Pour limiter la causalité inverse, les "
          "événements des 6 premiers mois ont été exclus dans une analyse de sensibilité.",
}
FLOW = {
    "en": "Of the 812 eligible patients identified, 225 were not included (131 declined).",
    "fr": "Au total, 812 patientes éligibles ont été identifiées ; 225 n'ont pas été incluses "
          "(refus : 131).",
}
ANALYSED = {
    "en": "Of the 587 patients included, 518 (88%) were followed to 24 months and analysed.",
    "fr": "Sur les 587 patientes incluses, 518 (88 %) ont été suivies jusqu'à 24 mois et "
          "analysées.",
}
COMPARED = {
    "en": "Patients lost to follow-up were younger and more often smokers than those followed.",
    "fr": "Les patientes perdues de vue étaient plus jeunes et plus souvent fumeuses que les "
          "patientes suivies.",
}
NONE_LOST = {
    "en": "No patient was lost to follow-up.",
    "fr": "Aucune patiente n'a été perdue de vue.",
}
RESIDUAL = {
    "en": "Residual selection of more motivated patients probably led us to overestimate the "
          "benefit of the programme.",
    "fr": "Une sélection résiduelle de patientes plus motivées nous a probablement conduits à "
          "surestimer le bénéfice du programme.",
}
CITED_RESIDUAL = {
    "en": "Other cohorts may have overestimated the benefit of exercise [12].",
    "fr": "D'autres cohortes ont pu surestimer le bénéfice de l'exercice [12].",
}
RESULTS = {"en": "## Results", "fr": "## Résultats"}
LIMITATIONS = {"en": "## Discussion\n\n### Limitations", "fr": "## Discussion\n\n### Limites"}


def paper(lang: str, results: list[dict[str, str]], discussion: list[dict[str, str]],
          introduction: bool = False) -> str:
    parts = [TITLE[lang]]
    if introduction:
        parts.append(INTRODUCTION[lang])
    parts += [METHODS[lang], RESULTS[lang], " ".join(s[lang] for s in results)]
    if discussion:
        parts += [LIMITATIONS[lang], " ".join(s[lang] for s in discussion)]
    return "\n\n".join(parts) + "\n"


def obs08(text: str, lang: str, kind: str = "results"):
    """OBS08's suggestion, with the numbers analysed (item 37a) found in their sentence as
    the model finds them in a real paper (it does not in so short a French text)."""
    document = extract_document(text.encode(), "doc.md")
    detections = [d for d in detect_elements(document, kind=kind, lang=lang)
                  if d.element != "37a_Analysis_Numbers"]
    analysed = next(s for s in document.sentences
                    if ANALYSED[lang] in " ".join(document.sentence_text(s).split()))
    detections.append(Detection("37a_Analysis_Numbers", document.sentence_text(analysed),
                                analysed.start, analysed.end, None, analysed.section, 0.9, 1))
    return suggest(document, lang, study_type="observational", kind=kind,
                   detections=detections)["OBS08"]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_losses_compared_and_residual_bias_make_a_paper_met(lang):
    suggestion = obs08(paper(lang, [FLOW, ANALYSED, COMPARED], [RESIDUAL]), lang)
    assert suggestion.answer == "met", suggestion.rationale
    assert suggestion.details_missing == []
    # The limitations' sentence is quoted beside the flow, as evidence a reviewer can check.
    assert quoted(suggestion, RESIDUAL[lang])
    assert quoted(suggestion, COMPARED[lang])


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_flow_alone_is_partially_met_and_names_what_is_missing(lang):
    suggestion = obs08(paper(lang, [FLOW, ANALYSED], []), lang)
    assert suggestion.answer == "partially_met"
    assert suggestion.details_missing == ["losses_compared", "residual_bias"]
    reason = {"en": "those lost to follow-up", "fr": "la comparaison des perdus de vue"}[lang]
    assert reason in suggestion.rationale[lang]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_none_lost_needs_no_comparison(lang):
    suggestion = obs08(paper(lang, [FLOW, ANALYSED, NONE_LOST], [RESIDUAL]), lang)
    assert suggestion.answer == "met", suggestion.rationale


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_another_work_s_bias_is_not_this_paper_s_residual_bias(lang):
    """The introduction's earlier cohorts, and a discussion sentence citing a reference,
    speak of other studies."""
    suggestion = obs08(paper(lang, [FLOW, ANALYSED, COMPARED], [CITED_RESIDUAL], introduction=True),
                       lang)
    assert suggestion.answer == "partially_met"
    assert suggestion.details_missing == ["residual_bias"]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_protocol_is_not_asked_for_them(lang):
    """(A protocol is asked its own: the planned countermeasures, see
    test_suggestion_particulars_obs_mec.py.)"""
    suggestion = obs08(paper(lang, [FLOW, ANALYSED], []), lang, kind="protocol")
    assert "losses_compared" not in suggestion.details_missing
    assert "residual_bias" not in suggestion.details_missing


WHO_WAS_LOST = {
    "en": ["Older patients had higher odds of being lost to follow up.",
           "Of the 587 patients included, none were lost to follow-up at 24 months.",
           "Because almost all included patients were followed up, attrition bias is unlikely."],
    "fr": ["Les patientes plus âgées avaient un risque légèrement plus élevé d'être perdues de "
           "vue.",
           "Sur les 587 patientes incluses, aucune n'a été perdue de vue à 24 mois.",
           "La quasi-totalité des patientes incluses ont été suivies jusqu'à 24 mois."],
}


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("which", range(3))
def test_who_was_lost_or_that_almost_none_were_needs_no_other_comparison(lang, which):
    """The characteristics that predict loss compare those lost with those followed; losses
    too few to compare need no comparison."""
    sentence = {lang: WHO_WAS_LOST[lang][which]}
    suggestion = obs08(paper(lang, [FLOW, ANALYSED, sentence], [RESIDUAL]), lang)
    assert suggestion.answer == "met", suggestion.rationale
    assert quoted(suggestion, " ".join(sentence[lang].split()))


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_cohort_s_numbers_followed_and_analysed_are_its_numbers_analysed(lang):
    """A cohort paper gives the number followed up and analysed in one sentence (« 518 (88 %)
    ont été suivies jusqu'à 12 mois et analysées »), where the item's detection reads a
    trial's numbers analysed in each group: read as such, without injecting the detection."""
    suggestion = suggest(paper(lang, [FLOW, ANALYSED, COMPARED], [RESIDUAL]), lang,
                         study_type="observational", kind="results")["OBS08"]
    assert "37a_Analysis_Numbers" in suggestion.elements_found, suggestion.rationale
    assert suggestion.answer == "met", suggestion.rationale
    assert quoted(suggestion, " ".join(ANALYSED[lang].split()))


def test_a_duration_s_number_is_no_number_analysed():
    """"9 months and were included in the analysis" counts months, not people (a train
    protocol's sentence)."""
    sentence = {"en": "Of those, 101 completed all 3 measurements of self-efficacy at baseline, "
                      "3 months, and 9 months and were included in the analysis."}
    text = f"{TITLE['en']}\n\n{RESULTS['en']}\n\n{sentence['en']}\n"
    suggestion = suggest(text, "en", study_type="observational", kind="protocol")["OBS08"]
    assert "37a_Analysis_Numbers" not in suggestion.elements_found, suggestion.rationale
