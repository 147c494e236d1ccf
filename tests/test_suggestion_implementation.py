"""Implementation study suggestions on documents written as an implementation team writes
them: a French hybrid type 2 protocol in DOCX (a title page, then numbered headings) for a
fall-prevention exercise programme in nursing homes (EHPAD), and the English two-column
results paper of an earlier implementation of the same programme (a PDF).

Each test names the sentence a reviewer assembling an NPI sheet looks for, which the
suggestion must quote (first, where another sentence holds the invariant's words too)."""

from __future__ import annotations

import io

import pytest
from suggestion_support import first_quotation, quotation_texts, suggest

from checker.documents import extract_document
from checker.evidence.detect import detect_elements

TITLE_PAGE = [
    "Groupement Hospitalier de Territoire Loire-Vendée-Océan",
    "PROTOCOLE DE RECHERCHE IMPLIQUANT LA PERSONNE HUMAINE – CATÉGORIE 2",
    "Implémentation d'un programme d'exercices d'équilibre et de renforcement musculaire pour "
    "prévenir les chutes dans 12 EHPAD des Pays de la Loire : étude hybride "
    "efficacité-implémentation de type 2 (IMPLÉ-PIED)",
    "Version n°2.1 du 14 mars 2026",
    "Promoteur : Centre hospitalier départemental de Vendée, 85000 La Roche-sur-Yon",
]

# (heading level, heading) or (None, paragraph), in the protocol's order.
PROTOCOL = [
    (1, "Résumé"),
    (None, "Titre : Implémentation d'un programme d'exercices d'équilibre et de renforcement "
           "musculaire pour prévenir les chutes dans 12 EHPAD des Pays de la Loire."),
    (None, "Méthode : Étude hybride efficacité-implémentation de type 2, multicentrique, en "
           "stepped-wedge, avec une évaluation de processus mixte (quantitative et "
           "qualitative)."),
    (1, "2. Objectifs"),
    (2, "2.2 Objectifs secondaires"),
    (None, "Identifier les freins et les leviers à la mise en œuvre à l'aide du CFIR 2.0."),
    (1, "3. Cadre conceptuel"),
    (None, "Le Consolidated Framework for Implementation Research (CFIR 2.0) sera utilisé pour "
           "identifier les déterminants de la mise en œuvre avant le démarrage, pour construire "
           "les guides d'entretien et pour coder les entretiens."),
    (None, "Le cadre RE-AIM structure le choix des critères de jugement et le plan d'analyse "
           "quantitative."),
    (None, "Un modèle logique (figure 1) relie les stratégies d'implémentation retenues aux "
           "résultats d'implémentation attendus et aux résultats cliniques."),
    (1, "4. Méthodes"),
    (2, "4.2 Lieux de l'étude"),
    (None, "L'étude se déroule dans 12 EHPAD de Loire-Atlantique et de Vendée (Pays de la "
           "Loire, France) : 7 publics hospitaliers, 3 associatifs et 2 privés commerciaux, "
           "dont 5 en zone rurale."),
    (None, "Ces établissements ont été choisis pour refléter la diversité des EHPAD de la région "
           "où le programme a vocation à être déployé en routine, financé par le forfait soins."),
    (2, "4.4 Intervention"),
    (None, "Le programme comprend deux séances hebdomadaires de 60 minutes pendant 12 "
           "semaines, animées par un enseignant en activité physique adaptée formé au "
           "programme."),
    (None, "Les composantes clés du programme sont définies dans le manuel d'intervention ; "
           "les composantes adaptables (musique, supports, horaires) sont laissées au choix "
           "des équipes."),
    (2, "4.5 Recueil des données"),
    (None, "Des entretiens semi-directifs sont menés avec 3 à 5 professionnels par EHPAD à 3 "
           "mois et à 12 mois."),
    (1, "5. Stratégies d'implémentation"),
    (None, "Elles comprennent : une formation de deux jours des enseignants APA et d'une "
           "journée des équipes soignantes, un référent chutes par établissement et une "
           "facilitation externe mensuelle."),
    (1, "6. Fidélité"),
    (None, "La fidélité de mise en œuvre est évaluée selon le cadre de Carroll : adhésion au "
           "contenu, dose délivrée, qualité de délivrance et réceptivité des participants."),
    (None, "Une séance est considérée comme fidèle si au moins 80 % des composantes clés sont "
           "délivrées."),
    (1, "7. Adaptations"),
    (None, "Les adaptations du programme sont recueillies de façon prospective au moyen du "
           "cadre FRAME (Framework for Reporting Adaptations and Modifications-Expanded)."),
    (None, "Pour chaque modification, sont documentés : le moment, le caractère planifié ou "
           "non, l'auteur de la décision, le contenu modifié et sa raison."),
    (1, "8. Implication des parties prenantes"),
    (None, "Le protocole a été co-construit avec un comité de pilotage réunissant deux "
           "directeurs d'EHPAD, un médecin coordonnateur, deux aides-soignantes, un enseignant "
           "APA et une représentante du conseil de la vie sociale."),
    (1, "9. Critères de jugement"),
    (2, "9.1 Critères d'implémentation"),
    (None, "Portée : proportion de résidents éligibles ayant participé à au moins une séance, "
           "et comparaison de leurs caractéristiques (âge, sexe, niveau GIR, troubles "
           "cognitifs) avec celles des résidents éligibles non participants."),
    (None, "Maintien : proportion d'EHPAD délivrant encore le programme 12 mois après la fin "
           "de la facilitation externe."),
    (1, "12. Financement"),
    (None, "L'étude est financée par le Programme de recherche infirmière et paramédicale (PHRIP "
           "2025) et par l'ARS Pays de la Loire pour la rémunération des enseignants APA."),
]

PAPER = """<html><head><style>
@page { size: A4; margin: 18mm 15mm; }
body { font-family: 'DejaVu Serif', serif; font-size: 9.5pt; }
.cols { column-count: 2; column-gap: 6mm; }
h1 { font-size: 15pt; } h2 { font-size: 10.5pt; } h3 { font-size: 9.5pt; font-style: italic; }
</style></head><body>
<h1>Scaling up a balance and strength exercise programme to prevent falls in nursing homes in
Brittany, France: a RE-AIM evaluation of a hybrid type 2 implementation study</h1>
<p>Nursing Research Unit, University Hospital of Brest, France.</p>
<p><b>Abstract</b><br/><b>Results:</b> Ten of 14 invited nursing homes adopted the programme.
Fidelity to core components was 78%.</p>
<div class="cols">
<h2>Methods</h2>
<h3>Setting</h3>
<p>Nursing homes in France are funded by the national health insurance for care and by the
departmental councils for dependency.</p>
<p>The study took place in 10 public and private not-for-profit nursing homes in the Finistère
and Côtes-d'Armor departments of Brittany, France, four of them in rural areas.</p>
<h3>Implementation strategies</h3>
<p>Implementation strategies included a two-day training of instructors, a one-day training of
care staff, a fall prevention champion in each nursing home and monthly external
facilitation.</p>
<h3>Outcomes</h3>
<p>Adaptations were recorded prospectively by each champion in a log structured according to
the Framework for Reporting Adaptations and Modifications-Expanded (FRAME).</p>
<h3>Ethics</h3>
<p>The study was approved by the Comité de protection des personnes Ouest VI on 12 November
2020.</p>
<p>Residents or their legal representatives were informed and could object to the use of
their data, as French law allows for this category of research.</p>
<h2>Results</h2>
<h3>Adaptations</h3>
<p>Forty-one adaptations were logged: 29 were planned and 12 reactive, most concerned the timing
and the music of the sessions, and 37 were judged fidelity-consistent.</p>
<h3>Maintenance</h3>
<p>Twelve months after external facilitation ended, 6 of the 10 nursing homes were still
delivering the programme, four of them funded by their care budget.</p>
<h2>Declarations</h2>
<p><b>Funding:</b> This work was funded by the Regional Health Agency of Brittany (grant
ARS-BZH-2020-114). The funder had no role in the design, analysis or writing.</p>
</div></body></html>"""


def _docx() -> bytes:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for line in TITLE_PAGE:
        document.add_paragraph(line)
    document.add_page_break()
    for level, text in PROTOCOL:
        if level is None:
            document.add_paragraph(text)
        else:
            document.add_heading(text, level)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _pdf() -> bytes:
    weasyprint = pytest.importorskip("weasyprint")
    return weasyprint.HTML(string=PAPER).write_pdf()


@pytest.fixture(scope="module")
def protocol() -> dict:
    return suggest(_docx(), "fr", study_type="implementation", name="protocole_imple_pied.docx")


@pytest.fixture(scope="module")
def paper() -> dict:
    return suggest(_pdf(), "en", study_type="implementation", kind="paper",
                   name="brittany_paper.pdf")


def test_the_sites_sentence_is_the_deployment_setting(protocol, paper) -> None:
    """IMP01: where the study takes place (« L'étude se déroule dans 12 EHPAD… », "The study
    took place in 10 … nursing homes") names the country, the region and the sites; it was
    not quoted at all, the French title, the sponsor's address and an affiliation were."""
    assert first_quotation(protocol["IMP01"]).startswith("L'étude se déroule dans 12 EHPAD")
    assert any(q.startswith("The study took place in 10 public")
               for q in quotation_texts(paper["IMP01"])), quotation_texts(paper["IMP01"])


def test_the_adaptations_log_comes_before_fidelity_to_the_core_components(protocol,
                                                                         paper) -> None:
    """IMP06: adaptations recorded with FRAME are quoted first; a sentence on the fidelity to
    the core components (« 80 % des composantes clés sont délivrées », "Fidelity to core
    components was 78%") is no adaptation and is not quoted."""
    assert first_quotation(protocol["IMP06"]).startswith(
        "Les adaptations du programme sont recueillies")
    assert not any("80 % des composantes clés" in q for q in quotation_texts(protocol["IMP06"]))
    assert any(q.startswith("Les composantes clés du programme sont définies")
               for q in quotation_texts(protocol["IMP06"]))  # core versus adaptable: still evidence
    assert first_quotation(paper["IMP06"]).startswith("Adaptations were recorded prospectively")
    assert not any(q.startswith("Fidelity to core components")
                   for q in quotation_texts(paper["IMP06"]))


def test_the_barriers_objective_comes_before_the_design_summary(protocol) -> None:
    """IMP08: « Identifier les freins et les leviers à la mise en œuvre » (an article between
    the words) comes before the abstract's design sentence, which names a process evaluation
    but no barrier."""
    assert first_quotation(protocol["IMP08"]).startswith("Identifier les freins et les leviers")


def test_the_training_of_the_providers_is_quoted(protocol, paper) -> None:
    """IMP09 (training pathway): the days of training of the instructors and care staff are
    quoted, first in the paper, where the abstract's fidelity figure came first."""
    assert any(q.startswith("Elles comprennent : une formation de deux jours")
               for q in quotation_texts(protocol["IMP09"])), quotation_texts(protocol["IMP09"])
    assert first_quotation(paper["IMP09"]).startswith(
        "Implementation strategies included a two-day")


def test_continued_delivery_is_a_sustainability_measure(protocol) -> None:
    """IMP11: the proportion of nursing homes still delivering the programme 12 months after
    the external facilitation ends is a sustainability measure, without a funding plan: the
    protocol partially meets it (it was not reported)."""
    assert protocol["IMP11"].answer == "partially_met"
    assert first_quotation(protocol["IMP11"]).startswith(
        "Maintien : proportion d'EHPAD délivrant encore")


def test_reach_among_eligible_residents_is_quoted(protocol) -> None:
    """IMP12: reach among eligible residents, compared with non-participants, without a
    social stratification: partially met (it was not reported)."""
    assert protocol["IMP12"].answer == "partially_met"
    assert first_quotation(protocol["IMP12"]).startswith(
        "Portée : proportion de résidents éligibles")


def test_non_opposition_is_how_consent_is_sought(paper) -> None:
    """E02: residents or their legal representatives who could object (the French
    non-opposition) say how participation was agreed: partially met, quoted (it was not
    reported)."""
    assert paper["E02"].answer == "partially_met"
    assert first_quotation(paper["E02"]).startswith("Residents or their legal representatives")


def test_the_residents_council_is_user_involvement(protocol) -> None:
    """E11: a representative of the nursing home's residents' council (« conseil de la vie
    sociale », residents and families) on the steering committee that co-built the protocol
    is the users' involvement in its design: met (it was partially met, "patient and public
    involvement" said missing)."""
    assert protocol["E11"].answer == "met"
    assert "patient_involvement" in " ".join(protocol["E11"].elements_found)
    assert first_quotation(protocol["E11"]).startswith("Le protocole a été co-construit")


def test_an_apa_instructor_trained_to_the_programme_is_qualified(protocol) -> None:
    """E12: « un enseignant en activité physique adaptée formé au programme » (the words the
    abbreviation « enseignant en APA » stands for) names the providers' qualification."""
    assert "X_professional_qualification" in protocol["E12"].elements_found
    assert any("enseignant en activité physique adaptée formé au programme" in q
               for q in quotation_texts(protocol["E12"])), quotation_texts(protocol["E12"])


def test_when_something_takes_place_is_no_setting() -> None:
    """IMP01 reads where a study "will take place in", not when a survey does ("will take
    place in 2027."), which is never quoted; a sentence naming both stays evidence."""
    protocol = (
        "# Community health workers for schizophrenia care in rural Ethiopia: protocol of an "
        "implementation study\n\n## Methods\n\n### Study setting\n\n"
        "A follow-up survey of community members will take place in 2027.\n\n"
        "The trial will take place in Sodo district, Gurage Zone, in Ethiopia.\n\n"
        "Training sessions will take place in 2026 at the two health centres of the Gurage "
        "Zone.\n")
    imp01 = suggest(protocol, "en", study_type="implementation")["IMP01"]
    quoted = quotation_texts(imp01)
    assert quoted[0].startswith("The trial will take place in Sodo district"), quoted
    assert not any(q.startswith("A follow-up survey") for q in quoted), quoted
    assert any(q.startswith("Training sessions will take place in 2026") for q in quoted), quoted


def test_a_process_report_says_whom_the_programme_reached() -> None:
    """IMP12: a French process-evaluation report in Markdown says reach as the catalogue's own
    example does (« Le programme a touché 118 des 302 résidents éligibles »): partially met
    (no social stratification), quoted (it was not reported)."""
    report = (
        "# Évaluation de processus du programme PIED-EHPAD : rapport intermédiaire à 12 mois\n\n"
        "## Résultats\n\n### Portée\n\n"
        "Le programme a touché 118 des 302 résidents éligibles (39 %) ; les résidents en GIR 2 "
        "étaient moins souvent inclus.\n")
    imp12 = suggest(report, "fr", study_type="implementation", kind="paper")["IMP12"]
    assert imp12.answer == "partially_met"
    assert first_quotation(imp12).startswith(
        "Le programme a touché 118 des 302 résidents éligibles")


def test_a_hospital_group_of_territory_is_no_setting() -> None:
    """The element *country and deployment setting* reads « territoire » (a health territory),
    not the name of the hospital group heading the title page (« Groupement Hospitalier de
    Territoire Loire-Vendée-Océan »), which it quoted as where the study takes place."""
    document = extract_document(_docx(), "protocole_imple_pied.docx")
    found = [d for d in detect_elements(document, kind="protocol", lang="fr")
             if d.element == "X_country_setting"]
    assert found, "the sites sentence names EHPAD in France"
    assert not any(d.quote.startswith("Groupement Hospitalier") for d in found), found


def test_adaptations_recorded_with_frame_meet_imp06(protocol, paper) -> None:
    """IMP06: adaptations recorded in a FRAME log, beside the core components (the protocol)
    or whether each adaptation kept fidelity to them (the paper), are what it asks: met (both
    were partially met, for lacking a participant's personalisation rules and a trial's
    criteria for modifying the intervention, which it no longer lists)."""
    for suggestion in (protocol["IMP06"], paper["IMP06"]):
        assert suggestion.answer == "met", suggestion
        assert suggestion.elements_found == ["X_adaptations"]
        assert "personnalisation" not in suggestion.rationale["fr"]


def test_adaptations_without_a_recording_are_partially_met() -> None:
    """IMP06: adaptations mentioned without saying how they are recorded nor what must not
    change are partially met, the justification naming both; an individual tailoring alone
    is no adaptation to the setting (not reported)."""
    protocol = (
        "# Exercice en groupe dans 8 EHPAD : protocole d'une étude d'implémentation\n\n"
        "## Méthodes\n\n### Intervention\n\n"
        "Le programme a été adapté au contexte de chaque EHPAD par son équipe soignante.\n\n"
        "L'intensité des exercices est individualisée selon la tolérance de chaque résident.\n")
    imp06 = suggest(protocol, "fr", study_type="implementation")["IMP06"]
    assert imp06.answer == "partially_met"
    assert imp06.details_missing == ["recording", "core"]
    assert "registre FRAME" in imp06.rationale["fr"]
    assert "composantes clés à préserver" in imp06.rationale["fr"]
    tailoring = protocol.replace(
        "Le programme a été adapté au contexte de chaque EHPAD par son équipe soignante.\n\n", "")
    imp06 = suggest(tailoring, "fr", study_type="implementation")["IMP06"]
    assert imp06.answer == "not_reported", imp06


def test_how_nursing_homes_are_paid_for_is_not_the_study_funding(protocol, paper) -> None:
    """E06: how nursing homes or the programme in routine are paid for ("funded by the
    national health insurance for care", "funded by their care budget", « financé par le
    forfait soins ») is not the study's funding, which the funding statement names: only it
    is quoted (both were quoted after it, in the funder's own words "funded by")."""
    assert first_quotation(paper["E06"]).startswith("Funding: This work was funded by the Regional")
    assert not any("health insurance" in q or "care budget" in q
                   for q in quotation_texts(paper["E06"])), quotation_texts(paper["E06"])
    assert first_quotation(protocol["E06"]).startswith("L'étude est financée par le Programme")
    assert not any("forfait soins" in q for q in quotation_texts(protocol["E06"])), (
        quotation_texts(protocol["E06"]))


def test_the_framework_comes_before_the_logic_model(protocol) -> None:
    """IMP02 asks for a named implementation framework and how it is used, ideally through a
    logic model: the sentence naming the CFIR in English (« Le Consolidated Framework for
    Implementation Research (CFIR 2.0) sera utilisé pour… ») comes first, the logic model's
    after it (it came first, the framework's best sentence being an objective outside the
    « Cadre conceptuel » section)."""
    quoted = quotation_texts(protocol["IMP02"])
    assert quoted[0].startswith("Le Consolidated Framework for Implementation Research"), quoted
    assert any(q.startswith("Un modèle logique (figure 1)") for q in quoted[1:]), quoted


def test_the_training_comes_before_the_fidelity_monitoring(protocol) -> None:
    """IMP09 describes the pathway that prepares the providers, the monitoring of fidelity
    after the training last: the days of training are quoted first, the assessment of fidelity
    (« La fidélité de mise en œuvre est évaluée selon le cadre de Carroll… », the element
    *fidelity*'s sentence) after them (it came first, « fidélité de mise en œuvre » being one
    of IMP09's own words)."""
    quoted = quotation_texts(protocol["IMP09"])
    assert quoted[0].startswith("Elles comprennent : une formation de deux jours"), quoted
    assert any(q.startswith("La fidélité de mise en œuvre est évaluée") for q in quoted), quoted


REPORT = (
    "# Évaluation de processus du programme PIED-EHPAD dans 12 EHPAD des Pays de la Loire : "
    "rapport intermédiaire à 12 mois\n\n"
    "Unité de recherche paramédicale, GHT Loire-Vendée-Océan — rapport au comité de pilotage, "
    "février 2027\n\n"
    "## Méthodes\n\n"
    "Les données ont été recueillies dans les registres de séances, les grilles d'observation "
    "de la fidélité et 31 entretiens semi-directifs avec des professionnels.\n\n"
    "## Résultats\n\n### Portée\n\n"
    "Le programme a touché 118 des 302 résidents éligibles (39 %) ; les résidents en GIR 2 "
    "étaient moins souvent inclus.\n\n"
    "### Adaptations\n\n"
    "Deux EHPAD ont réduit la durée des séances à 45 minutes faute de disponibilité de la "
    "salle, adaptation jugée non conforme aux composantes clés par le comité de pilotage.\n")


def test_reach_is_an_implementation_outcome_of_a_french_report() -> None:
    """IMP04: RE-AIM's reach in French (« portée », said as « Le programme a touché 118 des
    302 résidents éligibles ») is an implementation outcome: the reach sentence of a process
    report is quoted (only its data collection sentence was)."""
    report = suggest(REPORT, "fr", study_type="implementation", kind="paper")
    assert any(q.startswith("Le programme a touché 118 des 302")
               for q in quotation_texts(report["IMP04"])), quotation_texts(report["IMP04"])
    document = extract_document(REPORT.encode(), "rapport.md")
    outcomes = [d.quote for d in detect_elements(document, kind="paper", lang="fr")
                if d.element == "X_implementation_outcomes"]
    assert any(q.startswith("Le programme a touché") for q in outcomes), outcomes


def test_a_report_masthead_is_no_stakeholder_involvement() -> None:
    """IMP07: a process report's masthead (« Unité de recherche paramédicale, GHT
    Loire-Vendée-Océan — rapport au comité de pilotage, février 2027 ») names the committee as
    the report's reader, not who sits on it: it is not quoted (it was, first); the committee
    judging an adaptation stays evidence."""
    imp07 = suggest(REPORT, "fr", study_type="implementation", kind="paper")["IMP07"]
    quoted = quotation_texts(imp07)
    assert not any(q.startswith("Unité de recherche paramédicale") for q in quoted), quoted
    assert any(q.startswith("Deux EHPAD ont réduit la durée") for q in quoted), quoted


def test_whom_the_programme_reached_is_an_implementation_outcome_in_english() -> None:
    """IMP04: an English process report's "the instructors reached 118 of the 302 eligible
    residents" is RE-AIM's reach, as « a touché … éligibles » is in French: partially met,
    quoted (it was not reported)."""
    report = (
        "# Process evaluation of a falls-prevention exercise programme in nursing homes: "
        "12-month report\n\n## Results\n\n### Participation\n\n"
        "Over 12 months, the instructors reached 118 of the 302 eligible residents (39%); "
        "residents with severe dependency took part less often.\n")
    imp04 = suggest(report, "en", study_type="implementation", kind="paper")["IMP04"]
    assert imp04.answer == "partially_met"
    assert first_quotation(imp04).startswith(
        "Over 12 months, the instructors reached 118 of the 302")
