"""A physiotherapy reviewer's walkthrough of a prototypical paper (a co-designed smartphone
home exercise programme after stroke, PDF) and a mechanistic protocol (acute exercise and
conditioned pain modulation in fibromyalgia, DOCX): the quotations its suggestions gave about
another matter, and what they missed (catalogue after 1.5.9)."""

from __future__ import annotations

import io

import pytest
from suggestion_support import first_quotation, quoted, suggest

from checker.documents import extract_document

MECHANISTIC = """# Acute aerobic exercise and conditioned pain modulation in fibromyalgia: protocol

## 2.1 Background and rationale

Exercise is recommended in fibromyalgia, but many patients report that a single bout of
exercise worsens their pain, which contributes to low adherence to exercise programmes.

## 2.2 Mechanism hypothesis

We hypothesise that a single 30-minute session of moderate-intensity aerobic cycling increases
CPM efficiency by activating descending inhibitory pain pathways. The causal chain tested is
therefore: exercise intensity → autonomic activity (HRV) → descending inhibition (CPM) →
clinical pain at 24 hours.

## 3.4 Experimental conditions

Each participant will complete four laboratory sessions in random order: quiet rest, light,
moderate and vigorous cycling for 30 minutes. Heart rate will be monitored continuously and the
workload adjusted every minute to keep it within the target range. The external workload
(watts) and the time spent in the target zone will be recorded to quantify the dose actually
received.

## 3.6 Outcomes

The primary mechanistic outcome is the change in CPM magnitude from before to 15 minutes after
each condition. This protocol has shown good test–retest reliability in fibromyalgia (ICC 0.76).

## 3.10 Statistical analysis

The primary analysis will use a linear mixed model with condition and period as fixed effects.
The dose–response relationship will be examined with linear and quadratic polynomial contrasts
across the control, light, moderate and vigorous conditions.

## 4.3 Risks, burden and compensation

Participants will complete five visits of about two hours each; they will receive £15 per visit
and their travel costs will be reimbursed.

## 4.5 Patient and public involvement

Two members of the regional fibromyalgia support association reviewed the study design, the
number and length of visits and the participant information sheet; their comments led us to
reduce the number of blood samples.
"""


@pytest.fixture(scope="module")
def mechanistic() -> dict:
    return suggest(MECHANISTIC, "en", study_type="mechanistic")


def test_a_cue_typed_with_a_hyphen_finds_a_journals_en_dash(mechanistic) -> None:
    """MEC07's own words "dose-response" find "dose–response" (an en dash, as journals and
    Word set it): the planned dose–response analysis was not quoted."""
    mec07 = mechanistic["MEC07"]
    assert first_quotation(mec07).startswith("The dose–response relationship will be examined"), (
        mec07.quotations)


def test_a_stated_causal_chain_is_the_mechanisms_logic_model(mechanistic) -> None:
    """MEC02 asks for the hypothesis grounded in a theory, a logic model or prior evidence: a
    causal chain from the exercise to the health outcome is one; it was 'partially met: does not
    seem to report a logic model or theoretical rationale'."""
    mec02 = mechanistic["MEC02"]
    assert mec02.answer == "met", mec02.rationale
    assert quoted(mec02, "causal chain tested is therefore"), mec02.quotations


def test_visits_their_length_and_what_they_pay_are_the_participants_burden(mechanistic
                                                                           ) -> None:
    """E09 reads five visits of two hours, £15 per visit and travel costs reimbursed (the
    clauses after a semicolon, and in the passive); it said 'does not seem to report:
    participant burden'."""
    e09 = mechanistic["E09"]
    assert "X_burden" in e09.elements_found
    assert first_quotation(e09).startswith("Participants will complete five visits"), e09.quotations


def test_the_dose_received_is_the_protocols_adherence_not_the_backgrounds(mechanistic
                                                                         ) -> None:
    """MEC03 (the NPI and its dose, as received) quoted the background's "low adherence to
    exercise programmes" as the participants' adherence; the protocol records "the dose
    actually received"."""
    mec03 = mechanistic["MEC03"]
    assert quoted(mec03, "to quantify the dose actually received"), mec03.quotations
    assert not quoted(mec03, "low adherence to exercise programmes"), mec03.quotations


def test_patients_reviewing_the_information_sheet_is_no_consent_evidence(mechanistic
                                                                          ) -> None:
    """E02 (consent) quoted the patient and public involvement sentence, for its "participant
    information sheet": that is the patients' involvement (E11), not how consent is sought."""
    assert not quoted(mechanistic["E02"], "support association reviewed"), (
        mechanistic["E02"].quotations)


def test_a_grant_an_investigator_received_is_no_participants_compensation() -> None:
    text = ("# Protocol\n\n## Funding\n\nPaul Atkinson received a $10 000 CAD grant from the "
            "New Brunswick Trauma Program to support the trial in Canada.\n")
    e09 = suggest(text, "en", study_type="mechanistic")["E09"]
    assert "X_burden" not in e09.elements_found, e09.quotations


PAPER = """# Co-design and feasibility of StrokeStep, a smartphone-supported home exercise programme

School of Health Sciences, University of Westbury, Westbury, United Kingdom.

Corresponding author: Hannah Whitcombe, School of Health Sciences, University of Westbury,
Westbury WB2 7QH, UK.

## Abstract

Results: Median adherence was 74% of prescribed sessions (IQR 58–86).

## Methods

### Programme theory and logic model

The logic model (Figure 1) links the resources, intervention components, mechanisms of action,
proximal outcomes (adherence, self-efficacy) and distal outcomes (walking capacity,
participation).

### Intervention

In short, the programme consists of a library of 36 functional exercises in four groups
(sit-to-stand and lower-limb strength, standing balance, walking practice, and upper-limb
reach), a daily plan, goal setting and a progress diary. Each participant received 30-minute
sessions five days a week for 12 weeks. The app (version 2.1) runs on Android and iOS and sends
reminders at times chosen by the participant.
"""


@pytest.fixture(scope="module")
def paper() -> dict:
    return suggest(PAPER, "en", study_type="prototypical", kind="paper")


def test_the_material_is_quoted_not_the_adherence_to_the_sessions(paper) -> None:
    """PRO06 (physical and digital material) quoted "Median adherence was 74% of prescribed
    sessions" (the intervention's description element, any of its sentences): it quotes the
    app, and no adherence figure."""
    pro06 = paper["PRO06"]
    assert first_quotation(pro06).startswith("The app (version 2.1) runs on Android and iOS"), (
        pro06.quotations)
    assert not quoted(pro06, "Median adherence"), pro06.quotations


def test_the_components_are_not_quoted_from_the_logic_models_boxes(paper) -> None:
    """PRO04 (what the NPI is made of) quoted first the logic model's sentence, which names
    "intervention components" among its boxes; it quotes what the programme consists of."""
    pro04 = paper["PRO04"]
    assert first_quotation(pro04).startswith("In short, the programme consists of"), (
        pro04.quotations)
    assert not quoted(pro04, "The logic model (Figure 1) links"), pro04.quotations
    assert not quoted(pro04, "Median adherence"), pro04.quotations


def test_an_authors_affiliation_is_not_the_context_of_use(paper) -> None:
    """PRO08 (where and how the NPI is used) quoted an author's affiliation, then the
    corresponding author's address."""
    pro08 = paper["PRO08"]
    assert not quoted(pro08, "School of Health Sciences"), pro08.quotations


def test_a_run_in_patient_involvement_label_quotes_its_text() -> None:
    """E11 quoted the bare label "Patient and public involvement." of a PDF paper's back
    matter: it is a run-in heading, as "Funding." is, and the sentence after it the evidence."""
    weasyprint = pytest.importorskip("weasyprint")
    html = ("<html lang='en'><body><h1>Co-design and feasibility of StrokeStep, a home exercise "
            "programme after stroke</h1><h2>Methods</h2><p>Thirty adults took part.</p>"
            "<h2>Declarations</h2><p><b>Patient and public involvement.</b> Two stroke "
            "survivors and a carer from the Westbury Stroke Club sat on the study steering "
            "group and commented on the participant information sheets.</p>"
            "<p><b>Funding.</b> This study was funded by the Stroke Research Foundation.</p>"
            "</body></html>")
    document = extract_document(weasyprint.HTML(string=html).write_pdf(), "paper.pdf")
    e11 = suggest(document, "en", study_type="prototypical", kind="paper")["E11"]
    assert first_quotation(e11).startswith("Two stroke survivors and a carer"), e11.quotations
    assert e11.quotations[0].section == "Patient and public involvement"


def test_a_docx_label_in_plain_type_heads_its_list() -> None:
    """A Word protocol's "Inclusion criteria:" typed as a plain paragraph before a bulleted
    list is a heading, as in a PDF or a text: its items are in an "Inclusion criteria"
    section, and the label alone was quoted as evidence of eligibility (E10, MEC01)."""
    docx = pytest.importorskip("docx")
    word = docx.Document()
    word.add_heading("3.3 Participants", 2)
    word.add_paragraph("Inclusion criteria:")
    word.add_paragraph("women and men aged 18 to 65 years;", style="List Bullet")
    word.add_paragraph("Exclusion criteria:")
    word.add_paragraph("pregnancy;", style="List Bullet")
    buffer = io.BytesIO()
    word.save(buffer)
    document = extract_document(buffer.getvalue(), "protocol.docx")
    sections = {document.sentence_text(s): s.section for s in document.sentences}
    assert sections["women and men aged 18 to 65 years;"] == "Inclusion criteria"
    assert sections["pregnancy;"] == "Exclusion criteria"
    labels = [s for s in document.sentences if document.sentence_text(s) == "Inclusion criteria:"]
    assert labels and document.is_heading(labels[0])


MECANISTIQUE = """# Exercice aérobie aigu et modulation de la douleur dans la fibromyalgie

## 2.2 Hypothèse de mécanisme

Nous faisons l'hypothèse qu'une séance unique de 30 minutes de pédalage d'intensité modérée
augmente l'efficacité de la modulation conditionnée de la douleur. La chaîne causale testée est
donc : intensité de l'exercice → activité autonome (VFC) → inhibition descendante → douleur
clinique à 24 heures.

## 3.10 Analyse statistique

La relation dose–réponse sera examinée par des contrastes polynomiaux linéaires et
quadratiques.

## 4.3 Risques, contraintes et indemnisation

Les participants effectueront cinq visites d'environ deux heures ; ils recevront 15 € par visite
et leurs frais de déplacement seront remboursés.

## 4.5 Implication des patients

Deux membres de l'association régionale de patients fibromyalgiques ont relu le protocole et la
note d'information ; leurs remarques nous ont conduits à réduire le nombre de prélèvements.
"""

ARTICLE = """# Co-conception et faisabilité de StrokeStep, un programme d'exercices à domicile

Service de rééducation neurologique, CHU de Lyon, Lyon, France.

## Résumé

Résultats : L'observance médiane était de 74 % des séances prescrites.

## Méthodes

### Théorie du programme et modèle logique

Le modèle logique (figure 1) relie les ressources, les composantes de l'intervention, les
mécanismes d'action et les résultats attendus.

### Intervention

Le programme se compose d'une bibliothèque de 36 exercices fonctionnels répartis en quatre
groupes. Chaque participant a réalisé des séances de 30 minutes cinq jours par semaine pendant
12 semaines. L'application (version 2.1) fonctionne sous Android et iOS et envoie des rappels.
"""


def test_the_french_mechanistic_protocol_is_read_as_the_english_one() -> None:
    """The same fixes in French: « chaîne causale » (MEC02 met), « dose–réponse » with an en
    dash (MEC07), visits, a sum per visit and travel costs reimbursed (E09), patients who
    reread the information sheet (not E02's evidence)."""
    suggestions = suggest(MECANISTIQUE, "fr", study_type="mechanistic")
    assert suggestions["MEC02"].answer == "met", suggestions["MEC02"].rationale
    assert quoted(suggestions["MEC02"], "La chaîne causale testée est donc")
    assert first_quotation(suggestions["MEC07"]).startswith(
        "La relation dose–réponse sera examinée")
    assert "X_burden" in suggestions["E09"].elements_found, suggestions["E09"].quotations
    assert not quoted(suggestions["E02"], "ont relu le protocole et la"), (
        suggestions["E02"].quotations)


def test_the_french_prototypical_paper_is_read_as_the_english_one() -> None:
    """PRO04 quotes what the programme « se compose d'une » (its elided cue), not the logic
    model's boxes nor the adherence figure; PRO06 the app, not the adherence; PRO08 no
    affiliation."""
    suggestions = suggest(ARTICLE, "fr", study_type="prototypical", kind="paper")
    pro04, pro06, pro08 = (suggestions[i] for i in ("PRO04", "PRO06", "PRO08"))
    assert first_quotation(pro04).startswith("Le programme se compose d'une bibliothèque"), (
        pro04.quotations)
    assert not quoted(pro04, "Le modèle logique (figure 1) relie"), pro04.quotations
    assert first_quotation(pro06).startswith("L'application (version 2.1) fonctionne"), (
        pro06.quotations)
    assert not quoted(pro06, "observance médiane"), pro06.quotations
    assert not quoted(pro08, "Service de rééducation neurologique"), pro08.quotations
