"""A heading naming an element that introduces a list ("Inclusion criteria:" then "Aged 18 to
65 years"): the list is quoted in the heading's place among the element's cue sentences, with
the heading, before a sentence elsewhere that only mentions the element's word ("Visit 0
(screening, week −2): eligibility, consent and baseline questionnaires.")."""

from __future__ import annotations

import io

import pytest

from checker.catalogue import get_catalogue
from checker.documents import extract_document
from checker.evidence.detect import detect_elements
from checker.evidence.suggest import suggest_answers

# language -> (title, [(heading level or None for a paragraph or "list" for bullets, text)])
PROTOCOLS = {
    "en": ("Aquatic exercise for fibromyalgia (AQUAFIB): protocol for a randomised trial", [
        (1, "Methods"),
        (2, "Study design"),
        (None, "AQUAFIB is a two-arm, parallel-group, assessor-blinded randomised controlled "
               "trial in two rheumatology departments."),
        (2, "Participants"),
        (None, "Patients are recruited from the rheumatology outpatient clinics of both "
               "hospitals."),
        (None, "Inclusion criteria:"),
        ("list", "Aged 18 to 65 years"),
        ("list", "Fibromyalgia diagnosed by ACR 2016 criteria"),
        ("list", "Able to attend five visits"),
        (2, "Intervention"),
        (None, "The intervention group attends two 45-minute sessions a week in a pool heated "
               "to 32 °C, led by a physiotherapist."),
        (2, "Schedule of visits"),
        (None, "Visit 0 (screening, week −2): eligibility, consent and baseline "
               "questionnaires."),
        (None, "Visit 1 (week 0): randomisation and first session."),
    ]),
    "fr": ("Exercice aquatique dans la fibromyalgie (AQUAFIB) : protocole d'essai randomisé", [
        (1, "Méthodes"),
        (2, "Plan de l'étude"),
        (None, "AQUAFIB est un essai contrôlé randomisé à deux bras parallèles, avec évaluateur "
               "en aveugle, mené dans deux services de rhumatologie."),
        (2, "Participants"),
        (None, "Les patients sont recrutés dans les consultations de rhumatologie des deux "
               "hôpitaux."),
        (None, "Critères d'inclusion :"),
        ("list", "Âge de 18 à 65 ans"),
        ("list", "Fibromyalgie diagnostiquée selon les critères ACR 2016"),
        ("list", "Capacité à se rendre à cinq visites"),
        (2, "Intervention"),
        (None, "Le groupe intervention suit deux séances de 45 minutes par semaine dans un "
               "bassin chauffé à 32 °C, encadrées par un kinésithérapeute."),
        (2, "Calendrier des visites"),
        (None, "Visite 0 (sélection, semaine −2) : vérification des critères d'inclusion, "
               "consentement et questionnaires initiaux."),
        (None, "Visite 1 (semaine 0) : randomisation et première séance."),
    ]),
}


def _docx(lang: str) -> bytes:
    docx = pytest.importorskip("docx")
    title, body = PROTOCOLS[lang]
    document = docx.Document()
    document.add_heading(title, 0)
    for level, text in body:
        if level is None:
            document.add_paragraph(text)
        elif level == "list":
            document.add_paragraph(text, style="List Bullet")
        else:
            document.add_heading(text, level)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize("lang", sorted(PROTOCOLS))
def test_the_criteria_list_is_quoted_before_a_visit_naming_eligibility(lang) -> None:
    """E10 (fair inclusion) quotes the eligibility criteria, the list under « Critères
    d'inclusion : » with its label, not the screening visit that names eligibility in
    passing, which stays quoted after it as item 10a's evidence; the answer is the same."""
    document = extract_document(_docx(lang), "aquafib.docx")
    detections = detect_elements(document, kind="protocol", lang=lang)
    criteria = [d for d in detections if d.element == "10a_Participants_inclusion"]
    label, item = PROTOCOLS[lang][1][5][1], PROTOCOLS[lang][1][6][1]
    assert " ".join(criteria[0].quote.split()) == f"{label} {item}", criteria
    assert criteria[1].quote.startswith(("Visit 0", "Visite 0")), criteria
    e10 = suggest_answers(get_catalogue(), "interventional", detections, lang,
                          document=document, kind="protocol")["E10"]
    assert " ".join(e10.quotations[0].text.split()) == f"{label} {item}", e10.quotations
    assert e10.answer == "partially_met"


def test_a_heading_over_running_text_is_no_list() -> None:
    """Under a heading that names the element but heads running sentences ("Eligibility"
    then "Adults aged 18 to 65 years with fibromyalgia are eligible."), nothing changes: the
    cue sentence itself is quoted, alone."""
    document = extract_document(
        b"# A trial\n\n## Eligibility\n\nAdults aged 18 to 65 years with fibromyalgia are "
        b"eligible.\n", "trial.md")
    detections = detect_elements(document, kind="protocol", lang="en")
    criteria = [d for d in detections if d.element == "10a_Participants_inclusion"]
    assert criteria[0].quote == "Adults aged 18 to 65 years with fibromyalgia are eligible."
