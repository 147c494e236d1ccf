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


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_mec08_reads_its_statistical_method_in_a_moderation_tested(lang) -> None:
    """A moderation tested is the statistical method MEC08 asks (20a), so the main
    analysis' sentences are not named as the method found only about another matter."""
    mec08 = suggest(STATS_HEAD[lang] + MAIN_ANALYSIS[lang] + "\n\n" + MODERATION[lang] + "\n",
                    lang, study_type="mechanistic")["MEC08"]
    assert "20a_Statistical_methods_Outcomes" in mec08.elements_found
    assert ("another matter" if lang == "en" else "autre sujet") not in mec08.rationale[lang], (
        mec08.rationale)


IMP_HEAD = {"en": "# Protocol of an implementation study\n\n## Methods\n\n",
            "fr": "# Protocole d'une étude d'implémentation\n\n## Méthodes\n\n"}
NOT_THE_NPIS_COST = {  # train sentences IMP10 quoted as its evidence
    "en": ["Type 2 diabetes is a growing epidemic with significant clinical, social, and "
           "financial costs associated with its complications.",
           "This ratio was chosen as it would minimize costs and behavioral changes in women "
           "from the remaining cohort.",
           "Caregivers were given incentives to participate, including cost of transport, "
           "and/or a small gift such as a towel or baby item.",
           "Participants' travel costs will be reimbursed at each visit."],
    "fr": ["Le diabète de type 2 est une épidémie croissante, aux coûts cliniques, sociaux et "
           "financiers considérables liés à ses complications.",
           "Ce ratio a été choisi parce qu'il permettait de réduire au minimum les coûts et "
           "les changements de comportement chez les femmes du reste de la cohorte.",
           "Les aidants recevaient des incitations à participer, dont le coût du transport, "
           "et/ou un petit cadeau.",
           "Les frais de déplacement des participants seront remboursés à chaque visite."],
}
THE_NPIS_COST = {
    "en": ["The cost of delivering the intervention per participant will be estimated from "
           "staff time, training and materials.",
           "A cost-effectiveness analysis will be conducted from the health care payer's "
           "perspective.",
           "The participants were reimbursed for their transportation costs, which added to "
           "the cost of the intervention."],
    "fr": ["Le coût de l'intervention par participant sera estimé à partir du temps de "
           "personnel, de la formation et du matériel.",
           "Une analyse coût-efficacité sera conduite selon la perspective du payeur.",
           "Les frais de transport des participants étaient remboursés, ce qui a augmenté le "
           "coût de l'intervention."],
}


@pytest.mark.parametrize(("lang", "sentence"),
                         [(lang, s) for lang, sentences in NOT_THE_NPIS_COST.items()
                          for s in sentences])
def test_imp10_does_not_quote_a_cost_that_is_not_the_npis(lang, sentence) -> None:
    """A disease's cost, a design minimising costs or the participants' incentives and
    reimbursed travel are no costing of the NPI: IMP10 is not reported on them alone."""
    imp10 = suggest(IMP_HEAD[lang] + sentence + "\n", lang,
                    study_type="implementation")["IMP10"]
    assert imp10.answer == "not_reported", imp10.quotations
    assert not imp10.quotations


@pytest.mark.parametrize(("lang", "sentence"),
                         [(lang, s) for lang, sentences in THE_NPIS_COST.items()
                          for s in sentences])
def test_imp10_quotes_the_npis_cost(lang, sentence) -> None:
    """What delivering the NPI costs, or its economic evaluation, is IMP10's evidence, even
    beside the participants' reimbursed travel, after sentences about another cost (two:
    an element keeps three sentences at most)."""
    others = "\n\n".join(NOT_THE_NPIS_COST[lang][i] for i in (0, 2))
    imp10 = suggest(IMP_HEAD[lang] + others + "\n\n" + sentence + "\n", lang,
                    study_type="implementation")["IMP10"]
    assert imp10.answer in ("partially_met", "met"), imp10.rationale
    assert imp10.quotations[0].text == sentence, imp10.quotations
    for i in (0, 2):
        assert not quoted(imp10, NOT_THE_NPIS_COST[lang][i][:40]), imp10.quotations


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_mec08_reads_its_statistical_method_in_the_mediation_analysis(lang) -> None:
    """When the main analysis' sentences hold no mediation, the sentence naming the
    mediation analysis is the statistical method MEC08 asks (20a), so MEC08 can be met."""
    mediation = {
        "en": "A mediation analysis will estimate the indirect effect of the intervention on "
              "pain through self-efficacy, with bootstrap confidence intervals.",
        "fr": "Une analyse de médiation estimera l'effet indirect de l'intervention sur la "
              "douleur par l'auto-efficacité, avec des intervalles de confiance bootstrap.",
    }[lang]
    mec08 = suggest(STATS_HEAD[lang] + MAIN_ANALYSIS[lang] + "\n\n" + mediation + "\n", lang,
                    study_type="mechanistic")["MEC08"]
    assert mec08.answer == "met", mec08.rationale
    assert "20a_Statistical_methods_Outcomes" in mec08.elements_found
    assert [q.text for q in mec08.quotations] == [mediation], mec08.quotations


E07_HEAD = {"en": "# Protocol of a randomised trial\n\n## Data management\n\n",
            "fr": "# Protocole d'un essai randomisé\n\n## Gestion des données\n\n"}
DATA_QUALITY = {  # train sentences E07 quoted as its evidence
    "en": ["All measured data will be assembled in a computer database and analyzed using "
           "SPSS 17.0.",
           "Data will be double entered into a purpose-built Microsoft Access database with "
           "range and consistency checks."],
    "fr": ["Toutes les données mesurées seront rassemblées dans une base de données "
           "informatique et analysées à l'aide de SPSS 17.0.",
           "Les données ont fait l'objet d'une double saisie dans une base de données "
           "Microsoft Access conçue à cet effet, comportant des contrôles de plage et de "
           "cohérence."],
}
PROTECTED = {
    "en": ["Data will be entered into a password-protected database accessible only to the "
           "research team.",
           "Study data will be stored in a locked cabinet at the study centre and destroyed "
           "after 10 years.",
           "All data will be pseudonymised before entry into the study database."],
    "fr": ["Les données seront saisies dans une base protégée par mot de passe, accessible "
           "uniquement à l'équipe de recherche.",
           "Les données seront conservées dans une armoire fermée à clé au centre de l'étude "
           "et détruites après 10 ans.",
           "Toutes les données seront pseudonymisées avant leur saisie dans la base de "
           "l'étude."],
}


@pytest.mark.parametrize(("lang", "sentence"),
                         [(lang, s) for lang, sentences in DATA_QUALITY.items()
                          for s in sentences])
def test_e07_does_not_rest_on_data_entry_and_quality(lang, sentence) -> None:
    """Double data entry, range checks or the analysis software say nothing of how the data
    are protected: E07 is not reported on them alone."""
    e07 = suggest(E07_HEAD[lang] + sentence + "\n", lang)["E07"]
    assert e07.answer == "not_reported", e07.quotations
    assert not e07.quotations


@pytest.mark.parametrize(("lang", "sentence"),
                         [(lang, s) for lang, sentences in PROTECTED.items()
                          for s in sentences])
def test_e07_quotes_how_the_data_are_protected(lang, sentence) -> None:
    """Secure storage, restricted access, destruction or pseudonymisation is E07's evidence,
    quoted before (and instead of) a data entry sentence."""
    e07 = suggest(E07_HEAD[lang] + DATA_QUALITY[lang][1] + "\n\n" + sentence + "\n",
                  lang)["E07"]
    assert e07.answer in ("partially_met", "met"), e07.rationale
    assert e07.quotations[0].text == sentence, e07.quotations
    assert not quoted(e07, DATA_QUALITY[lang][1][:40]), e07.quotations


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_flow_mediated_dilation_is_no_mediation(lang) -> None:
    """An outcome named "flow-mediated dilation" (« dilatation médiée par le flux ») is no
    mediation analysis: the main analysis of it is not MEC08's evidence."""
    fmd = {"en": "Macrovascular function was assessed using percentage change in flow-mediated "
                 "dilation, compared between groups with a t-test.",
           "fr": "La fonction macrovasculaire a été évaluée par la variation en pourcentage de "
                 "la dilatation médiée par le flux, comparée entre les groupes par un test t."}
    mec08 = suggest(STATS_HEAD[lang] + MAIN_ANALYSIS[lang] + "\n\n" + fmd[lang] + "\n", lang,
                    study_type="mechanistic")["MEC08"]
    assert not quoted(mec08, fmd[lang][:40]), mec08.quotations
    assert mec08.answer == "not_reported", mec08.rationale


@pytest.mark.parametrize(("lang", "sentence"), [
    ("en", "Scores will be included as potential mediators or moderators of treatment effect."),
    ("fr", "Les scores seront inclus en tant que médiateurs ou modificateurs potentiels de "
           "l'effet du traitement.")])
def test_mec08_reads_mediators_included_in_the_model(lang, sentence) -> None:
    """Scores included as mediators or moderators (train: a protocol MEC08 judged met on its
    main analysis) are the statistical method MEC08 asks, so it stays met."""
    mec08 = suggest(STATS_HEAD[lang] + MAIN_ANALYSIS[lang] + "\n\n" + sentence + "\n", lang,
                    study_type="mechanistic")["MEC08"]
    assert mec08.answer == "met", mec08.rationale
    assert [q.text for q in mec08.quotations] == [sentence], mec08.quotations
