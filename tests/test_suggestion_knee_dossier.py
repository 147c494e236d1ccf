"""Suggestions on the five papers of a knee osteoarthritis programme's dossier (a community
adapted physical activity programme: mechanistic study, cohort, development and feasibility
study, randomised trial, implementation evaluation), in English and French, as a
methodologist re-reading a charity programme manager's verdict reads them.

Each test names a part of an invariant that such papers word in their own way (a sample size
justified by its precision, a radiographic grade, RE-AIM outcomes defined one by one…), so
that the answer was wrong or the quotation beside the point (an author's affiliations, a
feasibility study's progression criteria, a sensitivity analysis for responders); and the
sentence or answer that must now be given."""

from __future__ import annotations

import pytest
from suggestion_support import first_quotation, quotation_texts, quoted, suggest

COHORT = {
    "en": """# Pain and function over 12 months in adults attending a community exercise programme

## Methods

### Study design and setting

We conducted a prospective cohort study in 14 community leisure centres in England.
All people starting the programme between April 2021 and March 2022 were invited, and
followed until March 2023.

### Exposure

The programme comprises 24 group sessions of 60 minutes (twice weekly for 12 weeks) led by
adapted physical activity instructors in leisure centres.

### Variables

Outcomes were collected by postal or online questionnaire at baseline, 3, 6 and 12 months.

### Bias

To reduce attrition, non-responders received two reminders and a telephone call.

### Study size

We estimated that 300 participants would allow the proportion improving by 10 or more points
to be estimated within ±6%.
""",
    "fr": """# Douleur et fonction sur 12 mois chez des adultes suivant un programme d'exercice

## Méthodes

### Schéma et cadre de l'étude

Nous avons mené une étude de cohorte prospective dans 14 centres sportifs municipaux en France.
Toutes les personnes commençant le programme entre avril 2021 et mars 2022 ont été invitées et
suivies jusqu'en mars 2023.

### Exposition

Le programme comprend 24 séances collectives de 60 minutes (deux fois par semaine pendant
12 semaines) encadrées par des enseignants en activité physique adaptée.

### Variables

Les questionnaires ont été recueillis par courrier ou en ligne à l'inclusion, 3, 6 et 12 mois.

### Biais

Pour limiter les perdus de vue, les non-répondants ont reçu deux relances et un appel.

### Taille de l'échantillon

Nous avons estimé que 300 participants permettraient d'estimer la proportion de patients
améliorés à ±6 % près.
""",
}


@pytest.fixture(scope="module", params=["en", "fr"])
def cohort(request) -> tuple[str, dict]:
    lang = request.param
    return lang, suggest(COHORT[lang], lang, study_type="observational", kind="paper",
                         name="paper.md")


def test_a_sample_size_justified_by_its_precision_is_met(cohort) -> None:
    """OBS09: "300 participants would allow the proportion … to be estimated within ±6%" is
    the number planned and how it was set, where no "sample size" is written."""
    lang, suggestions = cohort
    suggestion = suggestions["OBS09"]
    assert suggestion.answer == "met", (suggestion.elements_missing,
                                        suggestion.elements_inferred)
    assert first_quotation(suggestion).startswith(
        {"en": "We estimated that 300", "fr": "Nous avons estimé que 300"}[lang])


def test_a_cohort_followed_until_a_date_at_stated_time_points(cohort) -> None:
    """OBS06: the cohort "invited, and followed until March 2023" (its dates) with
    questionnaires "at baseline, 3, 6 and 12 months" (its timeline): found and quoted, where
    both were "not reported" beside the retention."""
    lang, suggestions = cohort
    suggestion = suggestions["OBS06"]
    for element in ("13_Participant_timeline", "35b_Followup_dates"):
        assert element in suggestion.elements_found, (suggestion.elements_missing,
                                                      quotation_texts(suggestion))
        assert element not in suggestion.elements_inferred


def test_sessions_led_by_adapted_physical_activity_instructors_name_the_providers(cohort) -> None:
    """E12: the profession with its field before it ("led by adapted physical activity
    instructors", « encadrées par des enseignants en activité physique adaptée ») is quoted:
    partially met, no longer not reported."""
    lang, suggestions = cohort
    suggestion = suggestions["E12"]
    assert suggestion.answer == "partially_met"
    assert quoted(suggestion, {"en": "led by adapted physical activity instructors",
                               "fr": "encadrées par des enseignants"}[lang])


MECHANISTIC = {
    "en": """# Neuromuscular mechanisms of an exercise programme in knee osteoarthritis

## Methods

### Design

This was a single-group mechanistic study with repeated measures before and after the
programme.

### Ethics and consent

Participants were informed that they could withdraw at any time without any effect on their
usual care.

### Participants

Inclusion criteria were: age 50 years or over; knee pain on most days; radiographic
tibiofemoral OA (Kellgren–Lawrence grade 2 or above).

### Outcomes

Average knee pain over the previous week was rated on a 0–10 NRS.

### Statistical analysis

Missing post-programme data were not imputed; a sensitivity analysis using multiple
imputation gave similar results.

## Results

Mean age was 66 years and 57% had Kellgren–Lawrence grade 3 or 4 at baseline.
""",
    "fr": """# Mécanismes neuromusculaires d'un programme d'exercice dans la gonarthrose

## Méthodes

### Schéma

Il s'agit d'une étude mécanistique à un seul groupe avec des mesures répétées avant et après
le programme.

### Éthique et consentement

Les participants pouvaient se retirer à tout moment sans conséquence sur leur prise en charge.

### Participants

Les critères d'inclusion étaient : âge de 50 ans ou plus ; douleur du genou la plupart des
jours ; gonarthrose fémoro-tibiale radiographique (grade 2 ou plus de Kellgren et Lawrence).

### Critères de jugement

La douleur moyenne du genou a été évaluée sur une échelle numérique de 0 à 10.

### Analyse statistique

Les données manquantes n'ont pas été imputées ; une analyse de sensibilité par imputation
multiple a donné des résultats similaires.

## Résultats

L'âge moyen était de 66 ans et 57 % avaient un grade 3 ou 4 de Kellgren et Lawrence à
l'inclusion.
""",
}


@pytest.fixture(scope="module", params=["en", "fr"])
def mechanistic(request) -> tuple[str, dict]:
    lang = request.param
    return lang, suggest(MECHANISTIC[lang], lang, study_type="mechanistic", kind="paper",
                         name="paper.md")


def test_a_radiographic_grade_is_a_recognised_criterion(mechanistic) -> None:
    """MEC01: "radiographic tibiofemoral OA (Kellgren–Lawrence grade 2 or above)" defines the
    condition by a recognised classification, no longer "does not seem to report"."""
    lang, suggestions = mechanistic
    assert "X_diagnosis_criteria" in suggestions["MEC01"].elements_found


def test_a_sensitivity_analysis_explores_no_responders(mechanistic) -> None:
    """MEC12: a sensitivity analysis of missing data is no exploration of who responds:
    nothing else reports it, so not reported rather than partially met."""
    lang, suggestions = mechanistic
    suggestion = suggestions["MEC12"]
    assert suggestion.answer == "not_reported", quotation_texts(suggestion)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_group_by_time_interaction_is_no_effect_modifier(lang: str) -> None:
    """MEC12: a group-by-time interaction term (« groupe × temps ») models the change over
    time, not who responds."""
    analysis = {"en": "Missing post-programme data were not imputed; a sensitivity analysis using "
                      "multiple\nimputation gave similar results.",
                "fr": "Les données manquantes n'ont pas été imputées ; une analyse de sensibilité "
                      "par imputation\nmultiple a donné des résultats similaires."}[lang]
    over_time = {"en": "A group-by-time interaction term compared the change between visits.",
                 "fr": "Un terme d'interaction groupe × temps a comparé l'évolution entre les "
                       "visites."}[lang]
    assert analysis in MECHANISTIC[lang]
    text = MECHANISTIC[lang].replace(analysis, over_time)
    suggestion = suggest(text, lang, study_type="mechanistic", kind="paper",
                         name="paper.md")["MEC12"]
    assert suggestion.answer == "not_reported", quotation_texts(suggestion)


def test_a_sensitivity_analysis_is_no_dose_response(mechanistic) -> None:
    """MEC07: a sensitivity analysis of missing data neither relates the dose to the change
    nor shows which changed first: it is not quoted."""
    lang, suggestions = mechanistic
    assert not quoted(suggestions["MEC07"], {"en": "sensitivity analysis",
                                             "fr": "analyse de sensibilité"}[lang])


def test_the_pain_outcome_is_quoted_as_the_health_outcome(mechanistic) -> None:
    """MEC06: pain "rated on a 0–10 NRS" (« évaluée sur une échelle numérique ») is the
    health outcome measured beside the markers."""
    lang, suggestions = mechanistic
    assert first_quotation(suggestions["MEC06"]).startswith(
        {"en": "Average knee pain", "fr": "La douleur moyenne"}[lang])


def test_the_design_sentence_not_the_right_to_withdraw(mechanistic) -> None:
    """MEC04: the design stated ("This was a single-group mechanistic study") is quoted first,
    and the right to withdraw "without any effect on their usual care" is no comparator."""
    lang, suggestions = mechanistic
    suggestion = suggestions["MEC04"]
    assert first_quotation(suggestion).startswith(
        {"en": "This was a single-group", "fr": "Il s'agit d'une étude"}[lang])
    assert not quoted(suggestion, {"en": "withdraw", "fr": "se retirer"}[lang])


FEASIBILITY = {
    "en": """# Development and feasibility of an exercise programme for knee osteoarthritis

¹ Active Joints UK, Sheffield, United Kingdom ² School of Sport, Leeds, United Kingdom

## Abstract

Results: Thirty-one participants were recruited. No serious adverse events occurred.

## Methods

### Intervention development

The team then drafted a logic model.
The programme targets two mechanisms: increasing quadriceps strength, and reducing fear of
movement through graded exposure.
These are expected to reduce pain and improve function.

### The programme

What: 24 group sessions of 60 minutes, twice weekly for 12 weeks, in groups of up to 12, each
with a warm-up, progressive strengthening, aerobic exercise, graded exposure, and cool-down.
Tailoring: exercise level is chosen from three levels and progressed using a pain-monitoring
rule.

### Feasibility study design

A single-arm feasibility study was carried out at two leisure centres in Sheffield, England.

### Progression criteria

Pre-specified progression criteria, following a traffic-light system, were: recruitment of at
least 30 participants in 12 weeks, at least 75% retention and no serious adverse event related
to the programme.
Adverse events were recorded by instructors at each session.

## Results

Median attendance was 19 of 24 sessions.
Fidelity checklists showed 91% of planned components delivered.

### Safety

Nine participants reported transient increases in knee pain. No serious adverse events occurred.
""",
    "fr": """# Développement et faisabilité d'un programme d'exercice pour la gonarthrose

¹ Association Genoux Actifs, Lyon, France ² Faculté des sports, Université de Lyon, France

## Résumé

Résultats : trente et un participants ont été recrutés. Aucun événement indésirable grave n'est
survenu.

## Méthodes

### Développement de l'intervention

L'équipe a ensuite rédigé un modèle logique.
Le programme cible deux mécanismes : augmenter la force du quadriceps, et réduire la peur du
mouvement par l'exposition graduée.
Ils devraient permettre de réduire la douleur et d'améliorer la fonction.

### Le programme

Contenu : 24 séances collectives de 60 minutes, deux fois par semaine pendant 12 semaines,
chacune comprenant un échauffement, du renforcement progressif, un exercice aérobie, une
exposition graduée, et un retour au calme.
Personnalisation : le niveau d'exercice est choisi parmi trois niveaux et progressé selon une
règle de surveillance de la douleur.

### Schéma de l'étude de faisabilité

Une étude de faisabilité à un seul bras a été réalisée dans deux centres sportifs de Lyon, en
France.

### Critères de progression

Les critères de passage à l'essai définitif, selon un système de feux tricolores, étaient : au
moins 30 participants recrutés en 12 semaines, une rétention d'au moins 75 % et aucun
événement indésirable grave lié au programme.
Les événements indésirables ont été recueillis par les intervenants à chaque séance.

## Résultats

L'assiduité médiane était de 19 séances sur 24.
Les grilles de fidélité montraient 91 % des composantes prévues délivrées.

### Tolérance

Neuf participants ont signalé une hausse passagère de la douleur. Aucun événement indésirable
grave n'est survenu.
""",
}


@pytest.fixture(scope="module", params=["en", "fr"])
def feasibility(request) -> tuple[str, dict]:
    lang = request.param
    return lang, suggest(FEASIBILITY[lang], lang, study_type="prototypical", kind="paper",
                         name="paper.md")


def test_the_authors_affiliations_are_not_the_context_of_use(feasibility) -> None:
    """PRO08: affiliations numbered by superscripts name a country and a school, not where the
    programme is used: the study's own sentence is quoted first."""
    lang, suggestions = feasibility
    suggestion = suggestions["PRO08"]
    assert not quoted(suggestion, "¹")
    assert first_quotation(suggestion).startswith(
        {"en": "A single-arm feasibility study", "fr": "Une étude de faisabilité"}[lang])


def test_the_sessions_each_with_their_parts_are_the_components(feasibility) -> None:
    """PRO04: the TIDieR "What" listing what each session holds is quoted first and is what
    the programme is made of; attendance and a fidelity percentage are not."""
    lang, suggestions = feasibility
    suggestion = suggestions["PRO04"]
    assert suggestion.answer == "met", (suggestion.details_missing, quotation_texts(suggestion))
    assert first_quotation(suggestion).startswith({"en": "What:", "fr": "Contenu :"}[lang])
    assert not quoted(suggestion, {"en": "Median attendance", "fr": "L'assiduité"}[lang])
    assert not quoted(suggestion, {"en": "Fidelity checklists", "fr": "Les grilles"}[lang])


def test_the_programme_s_schedule_is_its_timeline(feasibility) -> None:
    """PRO05: "24 group sessions …, twice weekly for 12 weeks" is the participants' timeline
    of the NPI: met."""
    lang, suggestions = feasibility
    suggestion = suggestions["PRO05"]
    assert "13_Participant_timeline" in suggestion.elements_found
    assert suggestion.answer == "met", suggestion.elements_missing


def test_the_tailoring_rule_not_the_progression_criteria(feasibility) -> None:
    """PRO09: the tailoring rule is the personalisation rule (read in its own words when the
    element's only cue sentence is about another matter); a feasibility study's progression
    criteria decide whether a trial goes ahead."""
    lang, suggestions = feasibility
    suggestion = suggestions["PRO09"]
    assert first_quotation(suggestion).startswith(
        {"en": "Tailoring:", "fr": "Personnalisation :"}[lang])
    assert not quoted(suggestion, {"en": "progression criteria",
                                   "fr": "critères de passage"}[lang])
    assert "X_personalisation" in suggestion.elements_found
    assert "X_personalisation" not in suggestion.elements_inferred


def test_a_sentence_restated_word_for_word_is_quoted_once(feasibility) -> None:
    """E08: "No serious adverse events occurred." in the abstract and again in the results is
    quoted once; and the progression criteria, which name a serious adverse event among the
    criteria for a trial, are no stopping rule: how harms were recorded comes next."""
    lang, suggestions = feasibility
    texts = quotation_texts(suggestions["E08"])
    assert len(texts) == len(set(texts)), texts
    assert not quoted(suggestions["E08"], {"en": "progression criteria",
                                           "fr": "critères de passage"}[lang])
    assert quoted(suggestions["E08"], {"en": "Adverse events were recorded",
                                       "fr": "événements indésirables ont été recueillis"}[lang])


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_statistical_adjustment_or_good_clinical_practice_is_neither(lang: str) -> None:
    """PRO09: an estimate "adjusted using a negative binomial regression model" is no
    personalisation rule; PRO08: a study "conducted in accordance with Good Clinical Practice"
    (« menée conformément aux bonnes pratiques cliniques ») is not quoted as where the
    study was carried out."""
    tailoring = {"en": "Tailoring: exercise level is chosen from three levels and progressed "
                       "using a pain-monitoring\nrule.",
                 "fr": "Personnalisation : le niveau d'exercice est choisi parmi trois niveaux "
                       "et progressé selon une\nrègle de surveillance de la douleur."}[lang]
    adjusted = {"en": "Incidence was adjusted using a negative binomial regression model.",
                "fr": "L'incidence a été ajustée à l'aide d'un modèle de régression binomiale "
                      "négative."}[lang]
    place = {"en": "A single-arm feasibility study was carried out at two leisure centres in "
                   "Sheffield, England.",
             "fr": "Une étude de faisabilité à un seul bras a été réalisée dans deux centres "
                   "sportifs de Lyon, en\nFrance."}[lang]
    practice = {"en": "The study was conducted in accordance with Good Clinical Practice "
                      "across England.",
                "fr": "L'étude a été menée conformément aux bonnes pratiques cliniques dans "
                      "toute la France."}[lang]
    text = FEASIBILITY[lang].replace(tailoring, adjusted).replace(place, practice)
    assert adjusted in text and practice in text
    suggestions = suggest(text, lang, study_type="prototypical", kind="paper", name="paper.md")
    assert not quoted(suggestions["PRO09"], adjusted)
    # Not in the invariant's own words (an element's detection may still read the sentence).
    assert not any(q.element == "cue" and practice in " ".join(q.text.split())
                   for q in suggestions["PRO08"].quotations)


def test_the_benefit_expected_is_the_main_expected_benefit(feasibility) -> None:
    """PRO01: "These are expected to reduce pain and improve function" (« devraient permettre
    de réduire la douleur ») states the main expected benefit: quoted first."""
    lang, suggestions = feasibility
    assert first_quotation(suggestions["PRO01"]).startswith(
        {"en": "These are expected to reduce pain", "fr": "Ils devraient permettre"}[lang])


def test_the_mechanisms_targeted_are_quoted(feasibility) -> None:
    """PRO03: "The programme targets two mechanisms: …" states the hypothesised mechanisms."""
    lang, suggestions = feasibility
    assert quoted(suggestions["PRO03"], {"en": "targets two mechanisms",
                                         "fr": "cible deux mécanismes"}[lang])


TRIAL = {
    "en": """# A community exercise programme versus usual care for knee OA: a randomised trial

## Methods

### Interventions

All participants received usual care from their GP, which could include analgesics, referral
to physiotherapy and advice.

### Outcomes

The primary outcome was KOOS pain at 12 weeks.
Secondary outcomes, at 12 weeks and 12 months, were KOOS function and quality of life.

## Declarations

Competing interests: GL is a trustee of Active Joints UK.
Patient and public involvement: A patient advisory group contributed to the design, and two
members sat on the trial steering committee.
""",
    "fr": """# Programme d'exercice contre soins habituels dans la gonarthrose : un essai randomisé

## Méthodes

### Interventions

Tous les participants ont reçu la prise en charge habituelle de leur médecin, qui pouvait
comprendre des antalgiques, une orientation en kinésithérapie et des conseils.

### Critères de jugement

Le critère principal était la douleur KOOS à 12 semaines.
Les critères secondaires, à 12 semaines et 12 mois, étaient la fonction KOOS et la qualité de
vie.

## Déclarations

Liens d'intérêts : GL est administrateur de l'association Genoux Actifs.
Implication des patients : un groupe de patients a contribué à la conception, et deux membres
ont siégé au comité de pilotage de l'essai.
""",
}


@pytest.fixture(scope="module", params=["en", "fr"])
def trial(request) -> tuple[str, dict]:
    lang = request.param
    return lang, suggest(TRIAL[lang], lang, study_type="interventional", kind="paper",
                         name="paper.md")


def test_usual_care_with_what_it_may_include_is_concomitant_care(trial) -> None:
    """INT14: usual care "which could include analgesics, referral to physiotherapy" states
    the concomitant care allowed, though not how it was recorded: partially met."""
    lang, suggestions = trial
    suggestion = suggestions["INT14"]
    assert suggestion.answer == "partially_met"
    assert first_quotation(suggestion).startswith(
        {"en": "All participants received usual care", "fr": "Tous les participants"}[lang])


def test_outcomes_at_later_time_points_are_the_timeline(trial) -> None:
    """INT09: outcomes "at 12 weeks and 12 months" after a 12-week programme are its
    timeline beyond the NPI."""
    lang, suggestions = trial
    assert "13_Participant_timeline" in suggestions["INT09"].elements_found


def test_a_patient_involvement_statement_is_not_about_interests(trial) -> None:
    """E05: the PPI statement (members on the steering committee) is E11's matter, neither
    the contributors' roles nor a committee's independence."""
    lang, suggestions = trial
    suggestion = suggestions["E05"]
    assert not quoted(suggestion, {"en": "steering committee", "fr": "comité de pilotage"}[lang])


IMPLEMENTATION = {
    "en": """# Scaling up an exercise programme for knee OA: an implementation evaluation

¹ School of Healthcare Sciences, Cardiff University, Cardiff, UK ² Active Joints UK, Sheffield, UK

## Abstract

Results: Main facilitators were a named champion and funding included in local contracts;
barriers were instructor turnover, cost to participants after the programme and transport.

## Background

The implementation package included instructor training and accreditation and quarterly
support calls.

## Methods

### Design

We conducted a mixed-methods implementation evaluation, using the RE-AIM framework to
structure outcomes and the CFIR to explore determinants.

### Setting

The programme was offered in leisure centres run by seven providers in three regions of
England.
Participants paid £2 per session in most sites; some sites offered free places funded by the
local authority.

### Outcomes

Reach: number and proportion of referred people who started, and their representativeness by
deprivation.
Adoption: proportion of invited sites that delivered at least one programme.

### Analysis

Delivery costs were estimated from site budgets.

## Results

2,184 people were referred and 1,612 started the programme.
Participants from the most deprived quintile were under-represented (14% of starters versus
22% of the population).
Fourteen of 71 trained instructors left within the year.
Barriers were instructor turnover, cost to participants after the programme and transport.

## Declarations

Funding: Sport England (grant SE-2023-0415).
""",
    "fr": """# Déploiement d'un programme d'exercice : une évaluation d'implémentation

¹ École de santé publique, Lyon, France ² Association Genoux Actifs, Lyon, France

## Résumé

Résultats : les principaux leviers étaient un référent nommé et un financement inscrit dans
les contrats locaux ; les freins étaient le départ des intervenants, le coût pour les
participants après le programme et le transport.

## Contexte

Le dispositif d'implémentation comprenait la formation et l'accréditation des intervenants et
des appels de soutien trimestriels.

## Méthodes

### Schéma

Nous avons mené une évaluation d'implémentation à méthodes mixtes, le cadre RE-AIM pour
structurer les critères et le CFIR pour explorer les déterminants.

### Cadre

Le programme a été proposé dans des centres sportifs gérés par sept opérateurs dans trois
régions de France.
Les participants payaient 2 € par séance dans la plupart des sites ; certains sites
proposaient des places gratuites financées par la commune.

### Critères

Portée : nombre et proportion des personnes orientées ayant commencé, et leur représentativité
selon la défavorisation.
Adoption : proportion des sites invités ayant proposé au moins un programme.

### Analyse

Les coûts de mise en œuvre ont été estimés à partir des budgets des sites.

## Résultats

2 184 personnes ont été orientées et 1 612 ont commencé le programme.
Les participants du quintile le plus défavorisé étaient sous-représentés (14 % des
participants contre 22 % de la population).
Quatorze des 71 éducateurs formés ont quitté la structure dans l'année.

## Déclarations

Financement : Agence nationale du sport (subvention ANS-2023-0415).
""",
}


@pytest.fixture(scope="module", params=["en", "fr"])
def implementation(request) -> tuple[str, dict]:
    lang = request.param
    return lang, suggest(IMPLEMENTATION[lang], lang, study_type="implementation",
                         kind="paper", name="paper.md")


def test_a_framework_applied_is_its_theoretical_rationale(implementation) -> None:
    """IMP02: RE-AIM used "to structure outcomes" and the CFIR "to explore determinants" is
    the framework applied: met."""
    lang, suggestions = implementation
    suggestion = suggestions["IMP02"]
    assert suggestion.answer == "met", (suggestion.elements_missing, quotation_texts(suggestion))


def test_re_aim_outcomes_defined_one_by_one_are_the_outcomes(implementation) -> None:
    """IMP04: "Reach: number and proportion of …" defines the outcomes, where none is called
    primary or secondary."""
    lang, suggestions = implementation
    assert "12a_Outcomes_Definitions" in suggestions["IMP04"].elements_found
    assert "12a_Outcomes_Definitions" not in suggestions["IMP04"].elements_inferred


def test_reach_by_deprivation_with_its_flow(implementation) -> None:
    """IMP12: the most deprived quintile under-represented is quoted, and the flow from
    referral to start gives its numerator and denominator."""
    lang, suggestions = implementation
    suggestion = suggestions["IMP12"]
    assert "34_Flow" in suggestion.elements_found
    assert "34_Flow" not in suggestion.elements_inferred
    assert quoted(suggestion, {"en": "most deprived quintile were under-represented",
                               "fr": "défavorisé étaient sous-représentés"}[lang])


def test_the_country_from_the_study_not_the_affiliations(implementation) -> None:
    """IMP01: where the programme was offered is quoted first; the affiliations are not."""
    lang, suggestions = implementation
    suggestion = suggestions["IMP01"]
    assert not quoted(suggestion, "¹")
    assert first_quotation(suggestion).startswith(
        {"en": "The programme was offered", "fr": "Le programme a été proposé"}[lang])


def test_what_participants_pay_is_not_the_funding(implementation) -> None:
    """E06: "Participants paid £2 per session …; free places funded by the local authority"
    is not the study's funding."""
    lang, suggestions = implementation
    assert not quoted(suggestions["E06"], {"en": "paid £2", "fr": "payaient 2"}[lang])


def test_the_delivery_cost_before_a_barrier(implementation) -> None:
    """IMP10: the delivery costs estimated are quoted first, not a barrier naming a cost."""
    lang, suggestions = implementation
    assert first_quotation(suggestions["IMP10"]).startswith(
        {"en": "Delivery costs were estimated", "fr": "Les coûts de mise en œuvre"}[lang])


def test_a_cost_without_an_economic_method_is_partially_met(implementation) -> None:
    """IMP10: costs "estimated from site budgets" and a cost per starter, with no economic
    analysis, perspective or costing method, are partially met; the same paper adding a
    cost-effectiveness analysis from the health service's perspective is met."""
    lang, suggestions = implementation
    suggestion = suggestions["IMP10"]
    assert suggestion.answer == "partially_met"
    assert suggestion.details_missing == ["economic_method"]
    added = {"en": "Delivery costs were estimated from site budgets, and a cost-effectiveness "
                   "analysis was done from the health service perspective.",
             "fr": "Les coûts de mise en œuvre ont été estimés à partir des budgets des sites, "
                   "et une analyse coût-efficacité a été menée."}[lang]
    before = {"en": "Delivery costs were estimated from site budgets.",
              "fr": "Les coûts de mise en œuvre ont été estimés à partir des budgets des "
                    "sites."}[lang]
    text = IMPLEMENTATION[lang].replace(before, added)
    assert text != IMPLEMENTATION[lang]
    assert suggest(text, lang, study_type="implementation", kind="paper",
                   name="paper.md")["IMP10"].answer == "met"


@pytest.mark.parametrize("invariant", ["E12", "IMP09"])
def test_staff_who_left_are_not_the_providers_qualification(implementation, invariant) -> None:
    """E12, IMP09: instructors who left are a threat to sustainability; the training and
    accreditation is the providers' qualification."""
    lang, suggestions = implementation
    suggestion = suggestions[invariant]
    assert not quoted(suggestion, {"en": "left within the year", "fr": "ont quitté"}[lang])
    assert quoted(suggestion, {"en": "training and accreditation",
                               "fr": "l'accréditation des intervenants"}[lang])
