"""INT01 asks the trial's explanatory–pragmatic positioning, INT02 why its comparator was
chosen (particulars a met needs, ``evidence.details``).

An audit of train found INT01 met on the word "pragmatic" alone (« essai pragmatique
randomisé en grappes »), though its paper guidance reads a trial called pragmatic "without
showing how its conditions resemble usual care" as partially met, and INT02 met on a
comparator named and described but never justified, which its protocol guidance reads as
partially met. INT01's ``positioning``: PRECIS-2, the continuum, a pragmatic design tied to
usual conditions of care or drawn on for care, domains described as usual care. INT02's
``justification`` (protocol) and ``choice_discussed`` (paper): why the comparator was chosen
or what it controls for, why another was declined, or how it bears on the size of the
effect. Detections are given, so the tests read the catalogue, not the frozen model."""

from __future__ import annotations

import pytest
from suggestion_support import quoted

from checker.catalogue import get_catalogue
from checker.documents import extract_document
from checker.evidence import Detection, suggest_answers

HEADINGS = {"en": ("Methods", "Trial design", "Interventions", "Discussion"),
            "fr": ("Méthodes", "Schéma de l'étude", "Interventions", "Discussion")}
DESIGN = {"en": "This is a multicentre, pragmatic, parallel-group randomised superiority trial "
                "with a 1:1 allocation ratio.",
          "fr": "Il s'agit d'un essai randomisé multicentrique, pragmatique, de supériorité, en "
                "groupes parallèles, avec un ratio d'allocation de 1:1."}
COMPARATOR = {"en": "Participants in the control group receive usual care, i.e. the "
                    "physiotherapy prescribed by their general practitioner.",
              "fr": "Les participants du groupe contrôle bénéficient des soins courants, "
                    "c'est-à-dire de la kinésithérapie prescrite par leur médecin traitant."}


def _suggest(lang: str, kind: str, design_text: str = "", interventions_text: str = "",
             discussion_text: str = ""):
    """The suggestions for a document whose design sentence is detected as INT01's elements
    and whose comparator sentence as INT02's, with the given further sentences."""
    methods, design, interventions, discussion = HEADINGS[lang]
    text = "\n".join([
        "# Trial", "", f"## {methods}", "", f"### {design}", "", DESIGN[lang], "",
        design_text, "", f"### {interventions}", "", COMPARATOR[lang], "",
        interventions_text, "", f"## {discussion}", "", discussion_text, ""])
    document = extract_document(text.encode(), "doc.md")
    detections = []
    for elements, words in ((("8a_Design_Type", "8b_Design_Framework", "X_pragmatic"),
                             DESIGN[lang]),
                            (("X_comparator", "11a_Intervention_Description"),
                             COMPARATOR[lang])):
        sentence = next(s for s in document.sentences
                        if words[:40] in " ".join(document.sentence_text(s).split()))
        detections += [Detection(element, document.sentence_text(sentence), sentence.start,
                                 sentence.end, None, sentence.section, 0.95, 1)
                       for element in elements]
    return suggest_answers(get_catalogue(), "interventional", detections, lang,
                           document=document, kind=kind)


# -- INT01: the word "pragmatic" is not a positioning ---------------------------------------

@pytest.mark.parametrize("kind", ["protocol", "paper"])
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_pragmatic_named_without_positioning_is_partially_met(lang, kind):
    int01 = _suggest(lang, kind)["INT01"]
    assert set(int01.elements_found) == {"8a_Design_Type", "8b_Design_Framework",
                                         "X_pragmatic"}
    assert int01.answer == "partially_met"
    assert int01.details_missing == ["positioning"]
    assert {"en": "explanatory–pragmatic positioning",
            "fr": "positionnement explicatif–pragmatique"}[lang] in int01.rationale[lang]


@pytest.mark.parametrize("lang, sentence", [
    ("en", "To describe the pragmatic characteristics of the trial, we used the PRECIS-2 tool "
           "(Table 1)."),
    ("en", "The study design is pragmatically oriented as our primary goal is to understand if "
           "the intervention works under usual-care conditions."),
    ("en", "The study was designed as a pragmatic trial rather than an explanatory trial."),
    ("en", "This study is an experimental study with a focus on efficacy and not a pragmatic "
           "trial with a focus on effectiveness."),
    ("en", "As this is a pragmatic trial, there are no restrictions on care and interventions "
           "permitted during the trial."),
    ("en", "The programme is delivered by the usual nursing staff of each ward."),
    ("en", "Broad eligibility criteria were chosen to reflect the patients seen in practice."),
    ("en", "In order to resemble ordinary practice, patients and clinicians were not blind to "
           "treatments."),
    ("fr", "Afin de reproduire la pratique courante, ni les patients ni les cliniciens n'étaient "
           "en aveugle."),
    ("en", "As parents were blinded, the research strategy was not to explore the effect of "
           "acupuncture pragmatically as an adjunct to usual care, but rather to investigate "
           "its specific effect."),
    ("fr", "Les parents étant en aveugle, la stratégie de recherche ne consistait pas à explorer "
           "de manière pragmatique l'effet de l'acupuncture, mais plutôt à déterminer son effet "
           "spécifique."),
    ("fr", "Pour décrire les caractéristiques pragmatiques de l'essai, nous avons utilisé "
           "l'outil PRECIS-2 (Tableau 1)."),
    ("fr", "Il s'agit d'une étude pragmatique qui tient compte des conditions de travail réelles "
           "de la pratique clinique quotidienne en soins primaires."),
    ("fr", "L'étude a été conçue comme un essai pragmatique plutôt qu'explicatif."),
    ("fr", "Cet outil permet de coter les essais sur un continuum allant d'explicatif à "
           "pragmatique."),
    ("fr", "L'essai étant délibérément pragmatique dans sa conception, les soins habituels "
           "n'étaient pas standardisés."),
    ("fr", "S'agissant d'un essai pragmatique, il n'y a pas de restrictions concernant les soins "
           "autorisés pendant l'essai."),
])
def test_a_positioning_makes_int01_met(lang, sentence):
    for kind in ("protocol", "paper"):
        int01 = _suggest(lang, kind, design_text=sentence)["INT01"]
        assert (int01.answer, int01.details_missing) == ("met", []), (kind, int01.rationale)
        assert quoted(int01, sentence[:40]), int01.quotations


@pytest.mark.parametrize("lang, sentence", [
    # A consequence drawn for something other than care.
    ("en", "As this was a pragmatic trial testing a hypothesis about access, there were no "
           "pre-specified stopping guidelines."),
    ("fr", "S'agissant d'un essai pragmatique testant une hypothèse sur l'accès, aucune règle "
           "d'arrêt n'avait été prédéfinie."),
    # "Pragmatic" of something else, or the design only likened to a pragmatic trial.
    ("en", "Our sample size was pragmatic, with the aim of including sufficient participants."),
    ("fr", "Il se rapproche toutefois d'un essai contrôlé randomisé pragmatique en groupes "
           "parallèles."),
    ("fr", "La taille de notre échantillon était pragmatique."),
])
def test_no_positioning_from_other_pragmatic_wordings(lang, sentence):
    """Bad input: none of these situates the trial on the continuum."""
    int01 = _suggest(lang, "paper", design_text=sentence)["INT01"]
    assert int01.details_missing == ["positioning"], int01.quotations


# -- INT02: a comparator named and described is not a comparator justified -----------------

@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_comparator_described_but_not_justified_is_partially_met(lang):
    protocol = _suggest(lang, "protocol")["INT02"]
    assert set(protocol.elements_found) == {"X_comparator", "11a_Intervention_Description"}
    assert protocol.answer == "partially_met"
    assert protocol.details_missing == ["justification"]
    assert {"en": "why this comparator was chosen",
            "fr": "pourquoi ce comparateur a été choisi"}[lang] in protocol.rationale[lang]
    paper = _suggest(lang, "paper")["INT02"]
    assert paper.answer == "partially_met"
    assert paper.details_missing == ["choice_discussed"]
    assert {"en": "the choice of comparator discussed",
            "fr": "le choix du comparateur discuté"}[lang] in paper.rationale[lang]


@pytest.mark.parametrize("lang, sentence", [
    ("en", "Usual care has been chosen as the comparator because it is the care currently "
           "offered."),
    ("en", "Usual care reflects current practice in the participating centres."),
    ("en", "The use of an active control group will help account for any placebo effects."),
    ("en", "A wait-list control group is not ethically justified, as participants would go "
           "untreated all winter."),
    ("en", "Use of a placebo was unacceptable to the health service."),
    ("en", "Community partners requested a control group with a delayed intervention."),
    ("fr", "Les soins courants ont été choisis comme comparateur car ils sont la prise en "
           "charge habituelle."),
    ("fr", "Les soins courants reflètent la pratique clinique actuelle des centres."),
    ("fr", "La séance de relaxation permettra de contrôler l'effet d'attention du programme."),
    ("fr", "Pour des raisons éthiques, le groupe contrôle recevra des conseils plutôt qu'aucune "
           "intervention."),
    ("fr", "Un placebo serait contraire à l'éthique dans cette population."),
    # The choice weighed (train: a protocol's "In selection of an adequate control
    # condition, it is important …").
    ("en", "In selection of an adequate control condition, it is important that participants "
           "find the activity meaningful."),
    ("fr", "Dans le choix d'une condition témoin adéquate, il est important que les "
           "participants trouvent l'activité pertinente."),
    ("fr", "Les partenaires communautaires ayant demandé un groupe témoin avec intervention "
           "différée, le suivi à long terme sera impossible."),
])
def test_a_comparator_justified_makes_int02_met(lang, sentence):
    int02 = _suggest(lang, "protocol", interventions_text=sentence)["INT02"]
    assert (int02.answer, int02.details_missing) == ("met", []), int02.rationale
    assert quoted(int02, sentence[:40]), int02.quotations


@pytest.mark.parametrize("lang, sentence", [
    ("en", "Only half the teachers were trained while the other half were wait-list controls "
           "and this may have diluted the effect of the intervention."),
    ("en", "Because usual care already included physiotherapy, the between-group difference may "
           "underestimate the effect of the programme."),
    ("en", "Some suggested that the benefits were partly due to the harmful effects of the "
           "mineral oil placebo."),
    ("fr", "Les soins courants comportant déjà une kinésithérapie, la différence entre groupes "
           "sous-estime peut-être l'effet du programme."),
    ("fr", "Certains ont suggéré que les bénéfices étaient en partie dus au placebo d'huile "
           "minérale."),
    ("fr", "Même si un groupe témoin actif comporte des risques, il aurait été contraire à "
           "l'éthique de priver ces patients du traitement effectif."),
    ("en", "Even though there are risks associated with an active control group, it would have "
           "been unethical to deprive these patients of the actual treatment."),
    ("en", "Our collective decision to balance research and community priorities led to the "
           "choice of a delayed control study design."),
    ("en", "It seems rather undoable to conduct a placebo-controlled physical therapy trial, "
           "given the nature of the treatment."),
    ("fr", "Notre décision collective a conduit au choix d'un plan d'étude avec groupe témoin "
           "différé."),
    ("fr", "Il semble plutôt irréalisable de mener un essai de kinésithérapie contrôlé contre "
           "placebo, compte tenu de la nature du traitement."),
])
def test_a_paper_discussing_its_comparator_is_met(lang, sentence):
    int02 = _suggest(lang, "paper", discussion_text=sentence)["INT02"]
    assert (int02.answer, int02.details_missing) == ("met", []), int02.rationale
    assert quoted(int02, sentence[:40]), int02.quotations


@pytest.mark.parametrize("lang, sentence", [
    # SPIRIT 6b's heading names the rationale without stating it.
    ("en", "### Explanation for the choice of comparators {6b}"),
    ("fr", "### Justification du choix des comparateurs {6b}"),
    # A placebo matched to the NPI serves the blinding, not the question.
    ("en", "The placebo tablet is matched to the study drug for taste, colour and size."),
    ("fr", "Les gélules de placebo sont identiques à celles du programme."),
    # Staff counted in whole time equivalents; components isolated in a later study.
    ("en", "The team comprises a 0.5 whole time equivalent physiotherapist in the control "
           "wards."),
    ("en", "Dismantling studies to isolate the active components of our therapy will follow."),
    ("fr", "Des études de démantèlement pour isoler les composantes actives suivront."),
    # A result of the control group.
    ("en", "The prevalence was 12.9% in the control arm."),
    # What the control group was asked to do, not who asked for it; attentional control, a
    # cognitive function tested (train).
    ("en", "Participants in the control group were requested to continue their usual "
           "activities."),
    ("fr", "Il a été demandé aux femmes du groupe témoin de poursuivre leurs activités "
           "quotidiennes habituelles."),
    ("fr", "Cette tâche évalue le contrôle attentionnel soutenu des participants du groupe "
           "témoin."),
    # Homeopathic dilutions beside a placebo arm are no diluted effect (train).
    ("fr", "Au total, 44 patients ont été randomisés : 16 dilutions Q/anamnèse I, 7 "
           "placebo/anamnèse I, 14 dilutions Q/anamnèse II."),
])
def test_no_justification_from_other_wordings(lang, sentence):
    """Bad input: none of these says why the comparator was chosen."""
    for kind, detail in (("protocol", "justification"), ("paper", "choice_discussed")):
        int02 = _suggest(lang, kind, interventions_text=sentence)["INT02"]
        assert int02.details_missing == [detail], (kind, int02.quotations)


# -- The discussion's sentences citing a reference while speaking of the study itself ------

@pytest.mark.parametrize("lang, own, other", [
    ("en", "Although it may appear less intensive than in the literature [29], this is a "
           "pragmatic study that takes into account the actual working conditions in daily "
           "clinical practice.",
     "Pragmatic trials under real-world conditions remain rare in primary care [29]."),
    ("fr", "Bien qu'elle puisse sembler moins intensive que dans la littérature [29], il s'agit "
           "d'une étude pragmatique qui tient compte des conditions de travail réelles de la "
           "pratique clinique quotidienne.",
     "Les essais pragmatiques en conditions réelles restent rares en soins primaires [29]."),
])
def test_a_discussion_sentence_citing_a_reference_counts_when_it_speaks_of_the_study(
        lang, own, other):
    """A detail read in the discussion is read in its sentences citing no other work, and
    (train: a protocol's "…literature [29], this is a pragmatic study that takes into account
    the actual working conditions…", "because community partners requested having a control
    group with a delayed intervention, we … [34]") in those citing one while speaking of the
    study itself (sections.yaml ``own_study``: we, our, this study); not in those speaking of
    others' trials."""
    int01 = _suggest(lang, "protocol", discussion_text=own)["INT01"]
    assert (int01.answer, int01.details_missing) == ("met", []), int01.rationale
    assert quoted(int01, own[:40]), int01.quotations
    int01 = _suggest(lang, "protocol", discussion_text=other)["INT01"]
    assert int01.details_missing == ["positioning"], int01.quotations
