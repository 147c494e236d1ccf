"""A prototypical study of a co-designed, smartphone-supported self-management programme
(walkthrough: a health psychologist's development-and-feasibility protocol and paper on
chronic low back pain): the study's own procedures (a usability test "while thinking aloud",
the System Usability Scale, the list of its feasibility outcomes, its hypothesis tests) not
read as the NPI's sessions, components or objectives; the mechanisms stated as hypotheses;
the manual "(version 1.0, …)" freely available; the NPI offered after a GP's referral; a
feasibility study not asked for a data monitoring committee, and its rule for stopping a
participant read; medical-writing help not read as authorship; a single-arm study's
intervention not named "for each group"."""

from __future__ import annotations

import pytest
from suggestion_support import first_quotation, quoted, suggest

PROTOCOL = {
    "en": "\n\n".join((
        '# BackOnTrack: development and single-arm feasibility study of a smartphone-supported '
        'self-management programme for chronic low back pain',
        'Digital Health Behaviour Lab, School of Psychology, University of Leeds, Leeds, UK',
        '## Methods',
        '### Design',
        'This is a three-phase development study followed by a single-arm feasibility study.',
        '### Setting',
        'The programme is offered by practice nurses at the first musculoskeletal appointment, '
        'after referral by the general practitioner, as an adjunct to usual care.',
        '### Usability testing',
        'Eight to twelve patients will use the app prototype while thinking aloud, in sessions '
        'of about 60 minutes.',
        '### The intervention',
        'BackOnTrack is a six-week programme that consists of four components: pain education, '
        'graded activity, pacing and goal setting, and relaxation skills.',
        'It combines two face-to-face sessions with a practice nurse (60 minutes at the start '
        'and 30 minutes at week 3) and the BackOnTrack smartphone app used at home for six weeks.',
        '### Safety',
        'Adverse events will be recorded at each nurse session and at 6 and 12 weeks and '
        'reported to the chief investigator. Participation will be stopped for any participant '
        'who develops a red flag or a serious adverse event related to the programme.',
    )) + "\n",
    "fr": "\n\n".join((
        "# DosActif : développement et étude de faisabilité à un bras d'un programme "
        "d'autogestion de la lombalgie chronique appuyé sur une application",
        '## Méthodes',
        '### Schéma',
        "Il s'agit d'une étude de faisabilité à un bras, précédée de deux phases de "
        'développement.',
        '### Contexte',
        'Le programme est proposé par les infirmières de cabinet lors de la première '
        'consultation, aux patients adressés par leur médecin traitant, en complément de la '
        'prise en charge habituelle.',
        "### Tests d'utilisabilité",
        "Huit à douze patients utiliseront le prototype de l'application en pensant à voix "
        "haute, lors de séances d'environ 60 minutes.",
        "### L'intervention",
        'DosActif est un programme de six semaines qui se compose de quatre composantes : '
        "éducation à la douleur, activité graduée, gestion du rythme et fixation d'objectifs, et "
        'relaxation.',
        'Il associe deux séances en présentiel avec une infirmière (60 minutes au début et 30 '
        "minutes à la semaine 3) et l'application DosActif utilisée à domicile pendant six "
        'semaines.',
        '### Sécurité',
        'Les événements indésirables seront recueillis à chaque séance infirmière et à 6 et 12 '
        "semaines et déclarés à l'investigateur coordonnateur. La participation sera interrompue "
        "pour tout participant présentant un signal d'alerte ou un événement indésirable grave "
        'lié au programme.',
    )) + "\n",
}

PAPER = {
    "en": "\n\n".join((
        '# Co-design and feasibility of BackOnTrack, a smartphone-supported self-management '
        'programme for chronic low back pain',
        '## Methods',
        '### Feasibility study',
        'We conducted a single-arm feasibility study in two general practices in Leeds, UK.',
        'Feasibility outcomes were recruitment rate, retention, adherence (modules completed, '
        'nurse sessions attended) and acceptability.',
        'Mean changes from baseline were estimated with 95% confidence intervals; no hypothesis '
        'tests were performed.',
        '### Usability testing',
        'Ten patients used the prototype while thinking aloud. Each session lasted about 60 '
        'minutes and ended with the System Usability Scale.',
        '## Results',
        '### Programme theory',
        'The final logic model links the four components to two hypothesised mechanisms, reduced '
        'fear-avoidance and increased pain self-efficacy, and to lower pain interference.',
        '### The programme',
        'The final programme consists of four components: pain education, graded activity with a '
        'personalised walking plan, pacing and goal setting, and relaxation skills.',
        'It lasts six weeks and combines two face-to-face sessions with a practice nurse (60 '
        'minutes in week 1 and 30 minutes in week 3) with one app module each week.',
        'Three participants reported a flare-up of back pain; no serious adverse events occurred.',
        '## Discussion',
        'The BackOnTrack intervention manual (version 1.0, March 2027) describes the components, '
        'session procedures and nurse training, and is freely available on the Open Science '
        'Framework.',
        '## Acknowledgements',
        'Medical-writing assistance was provided by Northside Communications, Leeds, and was '
        'funded by the University of Leeds.',
    )) + "\n",
    "fr": "\n\n".join((
        "# Co-conception et faisabilité de DosActif, un programme d'autogestion de la lombalgie "
        'chronique appuyé sur une application',
        '## Méthodes',
        '### Étude de faisabilité',
        'Nous avons mené une étude de faisabilité à un bras dans deux maisons de santé de Lyon.',
        'Les critères de jugement de faisabilité étaient le taux de recrutement, la rétention, '
        "l'observance (modules terminés, séances infirmières suivies) et l'acceptabilité.",
        'Les variations moyennes ont été estimées avec leur intervalle de confiance à 95 % ; '
        "aucun test d'hypothèse n'a été réalisé.",
        '## Résultats',
        '### Théorie du programme',
        'Le modèle logique final relie les quatre composantes à deux mécanismes supposés, la '
        "réduction de l'évitement lié à la peur et l'augmentation du sentiment d'efficacité "
        'personnelle, et à une moindre interférence de la douleur.',
        '### Le programme',
        'Le programme final se compose de quatre composantes : éducation à la douleur, activité '
        'graduée, gestion du rythme et relaxation.',
        '## Discussion',
        "Le manuel de l'intervention DosActif (version 1.0, mars 2027) décrit les composantes, "
        'le déroulement des séances et la formation des infirmières, et il est librement '
        "accessible sur l'Open Science Framework.",
    )) + "\n",
}

def _protocol(lang: str):
    return suggest(PROTOCOL[lang], lang, study_type="prototypical", kind="protocol")


def _paper(lang: str):
    return suggest(PAPER[lang], lang, study_type="prototypical", kind="paper")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_usability_test_thinking_aloud_is_no_session_of_the_programme(lang):
    suggestions = _protocol(lang)
    voice = {"en": "thinking aloud", "fr": "voix haute"}[lang]
    for invariant in ("PRO04", "PRO05", "PRO06"):
        assert not quoted(suggestions[invariant], voice), invariant
    dose = {"en": "It combines two face-to-face sessions",
            "fr": "Il associe deux séances en présentiel"}[lang]
    assert first_quotation(suggestions["PRO05"]).startswith(dose)


def test_the_system_usability_scale_and_the_feasibility_outcomes_are_no_sessions():
    suggestions = _paper("en")
    for invariant in ("PRO04", "PRO05"):
        assert not quoted(suggestions[invariant], "System Usability Scale"), invariant
        assert not quoted(suggestions[invariant], "Feasibility outcomes were"), invariant
    assert first_quotation(suggestions["PRO05"]).startswith("It lasts six weeks")


def test_outcomes_collected_at_time_points_are_still_a_timeline():
    text = PROTOCOL["en"] + ("\n### Outcomes\n\nClinical outcomes are collected at baseline, "
                             "6 weeks and 12 weeks.\n")
    pro05 = suggest(text, "en", study_type="prototypical", kind="protocol")["PRO05"]
    assert "13_Participant_timeline" in pro05.elements_found
    assert quoted(pro05, "Clinical outcomes are collected at baseline")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_hypothesis_tests_are_no_objective(lang):
    pro01 = _paper(lang)["PRO01"]
    tests = {"en": "hypothesis tests", "fr": "test d'hypothèse"}[lang]
    assert not quoted(pro01, tests)
    assert pro01.answer != "met", pro01.rationale


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_mechanisms_stated_as_hypotheses(lang):
    pro03 = _paper(lang)["PRO03"]
    assert "X_mechanism_hypothesis" in pro03.elements_found
    words = {"en": "two hypothesised mechanisms", "fr": "deux mécanismes supposés"}[lang]
    assert quoted(pro03, words)
    assert not quoted(_paper(lang)["PRO01"], words)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_manual_with_its_version_number_is_available(lang):
    pro12 = _paper(lang)["PRO12"]
    assert "31c_Sharing_Materials" in pro12.elements_found, pro12.rationale
    assert pro12.answer == "met", pro12.rationale


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_programme_offered_after_a_referral_is_its_use(lang):
    pro08 = _protocol(lang)["PRO08"]
    words = {"en": "after referral by the general practitioner",
             "fr": "adressés par leur médecin traitant"}[lang]
    assert quoted(pro08, words)
    assert "use" not in pro08.details_missing


def test_an_affiliation_naming_a_lab_is_no_place_of_use():
    pro08 = _protocol("en")["PRO08"]
    assert not quoted(pro08, "Digital Health Behaviour Lab")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_feasibility_study_is_not_asked_for_a_data_monitoring_committee(lang):
    e08 = _protocol(lang)["E08"]
    assert "21a_Data_monitoring_committee" not in e08.elements_missing
    assert "21a_Data_monitoring_committee" in e08.elements_not_applicable
    said = {"en": "Not asked of this document: data monitoring committee (a pilot or "
                  "feasibility study",
            "fr": "Non demandé pour ce document\u00a0: comité de surveillance"}[lang]
    assert said in e08.rationale[lang], e08.rationale[lang]
    assert "data monitoring committee" not in _paper("en")["E08"].rationale["en"].split(
        "Not asked")[0]


def test_a_trial_citing_a_previous_pilot_study_is_still_asked_for_one():
    text = ("# Exercise for knee pain: protocol of a randomised trial\n\n## Methods\n\n"
            "A previous pilot study [3] showed the trial was feasible.\n\n"
            "Adverse events will be recorded at each session in both groups.\n")
    e08 = suggest(text, "en", study_type="interventional", kind="protocol")["E08"]
    assert "21a_Data_monitoring_committee" in e08.elements_missing


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_rule_for_stopping_a_participant_is_a_stopping_rule(lang):
    e08 = _protocol(lang)["E08"]
    assert "21c_Stopping_guidelines" in e08.elements_found, e08.rationale
    words = {"en": "stopped for any participant", "fr": "interrompue pour tout participant"}
    assert quoted(e08, words[lang])


def test_medical_writing_help_is_no_authorship_criterion():
    e13 = _paper("en")["E13"]
    assert not quoted(e13, "Medical-writing assistance")
    text = PAPER["en"] + ("\n## Authors' contributions\n\nAll authors meet the ICMJE criteria "
                          "for authorship.\n")
    e13 = suggest(text, "en", study_type="prototypical", kind="paper")["E13"]
    assert quoted(e13, "ICMJE criteria")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_single_arm_study_is_not_said_to_describe_each_group(lang):
    rationale = _protocol(lang)["PRO04"].rationale[lang]
    named = {"en": "intervention described (for each group, if several)",
             "fr": "intervention décrite (pour chaque groupe, s'il y en a plusieurs)"}[lang]
    assert named in rationale, rationale


def test_a_trial_with_an_internal_pilot_is_still_asked_for_one():
    text = ("# Exercise for knee pain: protocol of a randomised trial\n\n## Methods\n\n"
            "This is a multicentre randomised controlled trial with an internal pilot study.\n\n"
            "Adverse events will be recorded at each session in both groups.\n")
    e08 = suggest(text, "en", study_type="interventional", kind="protocol")["E08"]
    assert "21a_Data_monitoring_committee" in e08.elements_missing


TAILORING = {
    "en": ("\n### Tailoring\n\nNurses will tailor the exercise plan and the weekly goals to each "
           "participant's baseline activity and preferences; the education content and the "
           "order of modules are fixed.\n"),
    "fr": ("\n### Personnalisation\n\nLes infirmières adapteront le plan d'exercice et les "
           "objectifs hebdomadaires au niveau initial de chaque participant ; le contenu "
           "éducatif et l'ordre des modules sont fixes.\n"),
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_parts_tailored_to_each_participant_and_those_fixed(lang):
    pro09 = suggest(PROTOCOL[lang] + TAILORING[lang], lang, study_type="prototypical",
                    kind="protocol")["PRO09"]
    assert "11b_Intervention_Modification" in pro09.elements_found, pro09.rationale
    words = {"en": "the order of modules are fixed", "fr": "l'ordre des modules sont fixes"}
    assert quoted(pro09, words[lang])
    assert pro09.answer == "met", pro09.rationale


def test_a_part_tailored_to_each_person_without_a_criterion_is_no_rule():
    text = PROTOCOL["en"] + ("\n### Tailoring\n\nThe education content is fixed, while nurses "
                             "tailor the weekly goals to each person.\n")
    pro09 = suggest(text, "en", study_type="prototypical", kind="protocol")["PRO09"]
    assert "11b_Intervention_Modification" not in pro09.elements_found
    assert quoted(pro09, "The education content is fixed")
