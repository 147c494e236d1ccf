"""An element's sentence quoted only when it is on the invariant's topic (``evidence.about``,
``evidence.other_matter``), as an audit of the train split found them too generous: MEC08
(mediation or moderation) does not rest on the main comparison's statistical methods, IMP10
(the costs of delivering the NPI) on a disease's cost or the participants' travel costs, E07
(data protection) on double data entry or range checks."""

from __future__ import annotations

import pytest
from suggestion_support import quoted, suggest

STATS_HEAD = {"en": "# Protocol of a randomised trial\n\n## Statistical analysis\n\n",
              "fr": "# Protocole d'un essai randomisé\n\n## Analyse statistique\n\n"}
MAIN_ANALYSIS = {  # the main comparison only (train: "We performed logistic regression…")
    "en": "The statistical analysis will be conducted by means of SAS or SPSS. We will use "
          "logistic regression comparing the intervention arm with the control arm, adjusted "
          "for baseline values. A linear mixed model will include group, time and the "
          "group-by-time interaction.",
    "fr": "L'analyse statistique sera réalisée au moyen de SAS ou SPSS. Nous utiliserons une "
          "régression logistique comparant le bras intervention au bras témoin, ajustée sur "
          "les valeurs initiales. Un modèle linéaire mixte inclura le groupe, le temps et "
          "l'interaction groupe × temps.",
}
MODERATION = {
    "en": "Secondary analyses will test whether baseline anxiety moderates the effect of the "
          "intervention, entering an anxiety by group interaction term in the model.",
    "fr": "Des analyses secondaires examineront si l'anxiété initiale modère l'effet de "
          "l'intervention, en introduisant dans le modèle un terme d'interaction entre "
          "l'anxiété et le groupe.",
}
SUBGROUPS = {
    "en": "Pre-specified subgroup analyses will be performed for sex and cognitive status.",
    "fr": "Des analyses en sous-groupes prédéfinis seront réalisées selon le sexe et le "
          "statut cognitif.",
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_mec08_does_not_rest_on_the_main_comparison(lang) -> None:
    """The main analysis (SPIRIT/CONSORT 20a) or a group-by-time interaction is no mediation
    or moderation analysis: MEC08 is not reported, and its rationale names the statistical
    methods as found only in sentences about another matter."""
    mec08 = suggest(STATS_HEAD[lang] + MAIN_ANALYSIS[lang] + "\n", lang,
                    study_type="mechanistic")["MEC08"]
    assert mec08.answer == "not_reported", mec08.quotations
    assert not mec08.quotations
    assert "20a_Statistical_methods_Outcomes" in mec08.elements_found
    assert ("another matter" if lang == "en" else "autre sujet") in mec08.rationale[lang]


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("analysis", [MODERATION, SUBGROUPS])
def test_mec08_quotes_a_moderation_or_subgroup_analysis(lang, analysis) -> None:
    """A moderation analysis or pre-specified subgroups beside the main analysis are
    MEC08's evidence (partially met: no mediation analysis is named)."""
    mec08 = suggest(STATS_HEAD[lang] + MAIN_ANALYSIS[lang] + "\n\n" + analysis[lang] + "\n",
                    lang, study_type="mechanistic")["MEC08"]
    assert mec08.answer == "partially_met", mec08.rationale
    assert mec08.quotations[0].text == analysis[lang], mec08.quotations
    assert not quoted(mec08, MAIN_ANALYSIS[lang][:40])
