"""Implementation study suggestions on the process evaluation of a regional roll-out (a
results paper: reach, adoption, fidelity, adaptations, costs, interviews), and on the title
page and the stakeholders of the hybrid trial that scales the programme up, in English and
French, as an implementation team writes them.

Each test names a sentence a reviewer assembling an NPI sheet would not accept as the
invariant's evidence (an author's affiliation, the costing of staff time, what happened after
the funding ended, a background's gap, the next study announced), or a statement of the
paper's limitations that says what the study did not do."""

from __future__ import annotations

import io

import pytest
from suggestion_support import first_quotation, quotation_texts, quoted, suggest

PAPER_EN = """# Implementing the Otago Exercise Programme in general practice: a process evaluation

Amara Okafor, Rachel Hughes

2Midlands Partnership University NHS Foundation Trust, Stafford, UK.

## Background

Falls affect one in three people aged 65 and over each year [1].
Few studies have reported fidelity or adaptations in routine care.

## Methods

### Setting

The roll-out took place in 9 general practices in North Staffordshire, England, between April
2022 and March 2024.

### Intervention

The programme was delivered as five home visits by a community physiotherapist and a weekly
group session led by an exercise instructor.

### Costs

Implementation costs were calculated from the NHS perspective using micro-costing of staff
time, training, venue hire and materials, in 2023 pounds sterling.

## Results

### Maintenance

Twelve months after project funding ended, five of the nine practices were still delivering
the programme.

## Discussion

### Strengths and limitations

We did not measure falls outcomes, so we cannot say whether the effectiveness of the
programme was retained in routine care.
Patients were not involved in the design of this evaluation.

## Conclusions

A stepped-wedge hybrid trial is now under way.

## Declarations

Funding: This work was funded by the NIHR Applied Research Collaboration West Midlands.
"""

PAPER_FR = """# Mise en œuvre du programme Otago en soins primaires : une évaluation de processus

Amara Okafor, Rachel Hughes

## Introduction

Les chutes concernent une personne âgée de 65 ans et plus sur trois chaque année [1].
Peu d'études ont rapporté la fidélité ou les adaptations en soins courants.

## Méthodes

### Lieu

Le déploiement a eu lieu dans 9 cabinets de médecine générale de Bretagne, en France, d'avril
2022 à mars 2024.

### Intervention

Le programme comprenait cinq visites à domicile d'un masseur-kinésithérapeute et une séance
collective hebdomadaire animée par un enseignant en activité physique adaptée.

### Coûts

Les coûts d'implémentation ont été calculés du point de vue de l'Assurance maladie par
micro-costing du temps des professionnels, de la formation, de la location des salles et du
matériel, en euros 2023.

## Résultats

### Maintien

Douze mois après la fin du financement, cinq des neuf cabinets délivraient encore le
programme.

## Discussion

### Forces et limites

Nous n'avons pas mesuré les critères cliniques, et ne pouvons donc pas dire si l'efficacité
du programme s'est maintenue en soins courants.
Les patients n'ont pas été impliqués dans la conception de cette évaluation.

## Conclusion

Un essai hybride en stepped-wedge est actuellement en cours.

## Déclarations

Financement : ce travail a été financé par l'Agence régionale de santé de Bretagne.
"""

PAPERS = {"en": PAPER_EN, "fr": PAPER_FR}
# What each paper says in its limitations, and the sentences no invariant below may quote.
LIMITS = {
    "en": {"E11": "Patients were not involved in the design of this evaluation.",
           "IMP05": "We did not measure falls outcomes"},
    "fr": {"E11": "Les patients n'ont pas été impliqués dans la conception de cette évaluation.",
           "IMP05": "Nous n'avons pas mesuré les critères cliniques"},
}
FUNDING_ENDED = {"en": "Twelve months after project funding ended",
                 "fr": "Douze mois après la fin du financement"}
COSTING = {"en": "Implementation costs were calculated", "fr": "Les coûts d'implémentation"}
OTHER_STUDIES = {"en": ("Few studies have reported", "A stepped-wedge hybrid trial"),
                 "fr": ("Peu d'études ont rapporté", "Un essai hybride en stepped-wedge")}


@pytest.fixture(scope="module", params=["en", "fr"])
def paper(request) -> tuple[str, dict]:
    lang = request.param
    return lang, suggest(PAPERS[lang], lang, study_type="implementation", kind="paper",
                         name="paper.md")


def test_an_affiliation_naming_a_partnership_is_no_stakeholder_involvement(paper) -> None:
    """IMP07: "Midlands Partnership University NHS Foundation Trust" is an author's
    affiliation, not a partnership with stakeholders; it made the answer partially met."""
    lang, suggestions = paper
    assert not any("Partnership" in q for q in quotation_texts(suggestions["IMP07"]))
    if lang == "en":
        assert suggestions["IMP07"].answer == "not_reported"


def test_what_happened_after_the_funding_ended_is_not_the_funding(paper) -> None:
    """E06: the programme still delivered after the funding ended is its sustainability, not
    who funded the study; the funding statement is the funding's evidence."""
    lang, suggestions = paper
    texts = quotation_texts(suggestions["E06"])
    assert not any(q.startswith(FUNDING_ENDED[lang]) for q in texts), texts
    assert texts and "financé" in texts[0] or "funded" in texts[0]


@pytest.mark.parametrize("invariant", ["E12", "IMP09"])
def test_the_costing_of_staff_time_and_training_is_not_who_delivers(paper, invariant) -> None:
    """E12, IMP09: micro-costing staff time and training names no professional and no
    training pathway; it was quoted first (as who delivers the intervention)."""
    lang, suggestions = paper
    texts = quotation_texts(suggestions[invariant])
    assert not any(q.startswith(COSTING[lang]) for q in texts), texts


@pytest.mark.parametrize("invariant", ["E11", "IMP05"])
def test_a_limitation_of_the_study_itself_states_what_was_not_done(paper, invariant) -> None:
    """E11, IMP05: the paper's limitations say that patients were not involved and that its
    health outcomes were not measured, of this evaluation itself: not met, quoting them (they
    were not read, being in the discussion, and the answer was not reported, or partially
    met on a background's gap about other studies)."""
    lang, suggestions = paper
    suggestion = suggestions[invariant]
    assert suggestion.answer == "not_met", (suggestion.answer, quotation_texts(suggestion))
    assert first_quotation(suggestion).startswith(LIMITS[lang][invariant])


def test_other_studies_and_the_next_study_are_no_design_of_this_one(paper) -> None:
    """IMP05: a background's gap ("Few studies have reported … in routine care") and the
    conclusion's next trial ("A stepped-wedge hybrid trial is now under way") are not this
    study's effectiveness in routine conditions."""
    lang, suggestions = paper
    texts = quotation_texts(suggestions["IMP05"])
    assert not any(q.startswith(OTHER_STUDIES[lang]) for q in texts), texts


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_limitation_about_another_study_citing_it_states_nothing(lang: str) -> None:
    """A discussion sentence that cites another work, though it names this study, says
    nothing of what this study did: no not met from it."""
    sentence = {"en": "Unlike our study, patients were not involved in the trial by Smith et "
                      "al. [12].",
                "fr": "Contrairement à notre étude, les patients n'ont pas été impliqués dans "
                      "l'essai de Martin et al. [12]."}[lang]
    text = PAPERS[lang].replace(LIMITS[lang]["E11"], sentence)
    suggestions = suggest(text, lang, study_type="implementation", kind="paper",
                          name="paper.md")
    assert suggestions["E11"].answer == "not_reported", quotation_texts(suggestions["E11"])


INSTITUTION_EN = "Keele and Staffordshire Primary Care Research Partnership"
TITLE_EN = "STEADY-PC: scaling up a falls-prevention exercise programme in primary care"
INVOLVEMENT_EN = [
    "The programme was co-designed with a patient and public involvement group of eight older "
    "people with experience of falls.",
    "The group shaped the recruitment letter, and two members sit on the Trial Steering "
    "Committee.",
    "Involvement will be reported using GRIPP2-SF.",
    "A stakeholder advisory group including the Integrated Care Board commissioner, the "
    "community physiotherapy service lead and two practice managers will meet every six "
    "months."]


def _protocol_docx(involvement: list[str]) -> bytes:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph(INSTITUTION_EN)  # above the title, as the institution's name
    document.add_heading(TITLE_EN, 0)
    document.add_paragraph("Protocol version 1.3, 12 May 2026")
    document.add_heading("10. Patient and public involvement", 1)
    for line in involvement:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_the_stakeholder_group_not_the_title_page_institution_is_quoted() -> None:
    """IMP07: the element "stakeholder involvement" quotes the advisory group, not the title
    page's "… Research Partnership"; a partnership in lower case still counts."""
    suggestions = suggest(_protocol_docx(INVOLVEMENT_EN), "en", study_type="implementation",
                          name="protocol.docx")
    texts = quotation_texts(suggestions["IMP07"])
    assert not any(q.startswith("Keele and Staffordshire") for q in texts), texts
    assert any(q.startswith("A stakeholder advisory group") for q in texts), texts
    partnership = [line.replace("A stakeholder advisory group including",
                                "The programme will be run in partnership with")
                   for line in INVOLVEMENT_EN]
    texts = quotation_texts(suggest(_protocol_docx(partnership), "en",
                                    study_type="implementation",
                                    name="protocol.docx")["IMP07"])
    assert any(q.startswith("The programme will be run in partnership with") for q in texts)


DELIVERED = {"en": "The programme was delivered as five home visits by a community physiotherapist",
             "fr": "Le programme comprenait cinq visites à domicile"}


def test_who_delivers_the_sessions_is_quoted_for_qualified_professionals(paper) -> None:
    """E12: the intervention's own sentence naming who delivers and leads the sessions
    ("delivered as five home visits by a community physiotherapist … led by an exercise
    instructor", « … animée par un enseignant en activité physique adaptée ») is quoted first;
    the costing of staff time was, then a fidelity result. Their qualifications unstated: not
    met in full."""
    lang, suggestions = paper
    assert first_quotation(suggestions["E12"]).startswith(DELIVERED[lang]), \
        quotation_texts(suggestions["E12"])
    assert suggestions["E12"].answer == "partially_met"


@pytest.mark.parametrize(("lang", "sentence", "quoted"), [
    ("en", "These classes are led by a dietitian and a psychologist.", True),
    ("en", "Group sessions are run by two exercise instructors.", True),
    ("en", "All assessments were conducted by a research nurse blind to allocation.", False),
    ("fr", "Les séances collectives sont animées par deux éducateurs sportifs.", True),
    ("fr", "Les évaluations sont conduites par une infirmière de recherche.", False),
])
def test_sessions_led_or_run_by_a_profession(lang: str, sentence: str, quoted: bool) -> None:
    """E12 reads sessions led or run by a profession, not an assessment conducted by one."""
    heading, intro = {"en": ("Intervention", "The programme has twelve weekly classes."),
                      "fr": ("Intervention", "Le programme comprend douze séances "
                                             "hebdomadaires.")}[lang]
    text = f"# Protocol\n\n## {heading}\n\n{intro}\n{sentence}\n"
    suggestion = suggest(text, lang, study_type="implementation", name="protocol.md")["E12"]
    assert (sentence in quotation_texts(suggestion)) is quoted, quotation_texts(suggestion)


def test_e12_routine_care_delivered_by_nurses_is_the_setting_not_the_providers() -> None:
    """« Les soins primaires sont dispensés par des infirmiers » describes the setting's care:
    only sessions, classes, visits, a programme or an intervention so delivered name who
    delivers the NPI."""
    text = ("# Protocole\n\n## Cadre\n\nLes soins primaires sont dispensés par des infirmiers et "
            "des agents de santé dans sept centres de santé.\n\n## Intervention\n\nLes séances "
            "collectives sont animées par deux kinésithérapeutes formés au programme.\n")
    e12 = suggest(text, "fr")["E12"]
    assert first_quotation(e12).startswith("Les séances collectives sont animées"), e12.quotations
    assert not quoted(e12, "Les soins primaires sont dispensés")
