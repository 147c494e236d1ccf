"""What a CPP member screening a French observational protocol (RIPH3, information and
non-opposition) reads in the ethical suggestions: the ID-RCB number on the title page is no
registration in a public registry (E03)."""

from __future__ import annotations

import pytest

from checker.catalogue import get_catalogue
from checker.documents import extract_document
from checker.evidence.detect import detect_elements
from checker.evidence.suggest import suggest_answers

TITLE = {
    "fr": ("# LOMBAREHAB : cohorte prospective multicentrique d'adultes lombalgiques chroniques\n\n"
           "Recherche impliquant la personne humaine de catégorie 3 (RIPH3)\n\n"
           "{id_line}\n\n"
           "Promoteur : CHU de Valmont\n\n"
           "Version 1.2 du 3 novembre 2026\n\n"
           "## 3. Schéma de l'étude\n\n"
           "Il s'agit d'une cohorte prospective multicentrique menée dans 8 centres de médecine "
           "physique et de réadaptation.\n\n"
           "## 8. Aspects éthiques et réglementaires\n\n"
           "Le protocole est soumis au Comité de protection des personnes Sud-Ouest et "
           "Outre-Mer III.\n\n{registration}"),
    "en": ("# LOMBAREHAB: a prospective multicentre cohort of adults with chronic low back pain\n\n"
           "Research involving the human person, category 3\n\n"
           "{id_line}\n\n"
           "Sponsor: Valmont University Hospital\n\n"
           "Version 1.2, 3 November 2026\n\n"
           "## 3. Study design\n\n"
           "This is a prospective multicentre cohort in 8 rehabilitation centres.\n\n"
           "## 8. Ethics\n\n"
           "The protocol is submitted to the Comité de protection des personnes Sud-Ouest et "
           "Outre-Mer III.\n\n{registration}"),
}
ID_RCB = {"fr": "Numéro ID-RCB : 2026-A01873-45", "en": "ID-RCB number: 2026-A01873-45"}
TO_BE_REGISTERED = {
    "fr": "L'étude sera enregistrée sur ClinicalTrials.gov avant l'inclusion du premier "
          "participant.\n",
    "en": "The study will be registered on ClinicalTrials.gov before the first participant is "
          "included.\n",
}


def _suggestions(text: str, lang: str, study_type: str = "observational"):
    document = extract_document(text.encode(), "protocole.md")
    detections = detect_elements(document, kind="protocol", lang=lang)
    return suggest_answers(get_catalogue(), study_type, detections, lang,
                           document=document, kind="protocol")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_id_rcb_number_is_not_the_registration(lang) -> None:
    """The title page's ID-RCB number was quoted as E03's registry number, and the sentence
    saying the study will be registered on ClinicalTrials.gov was not quoted at all."""
    text = TITLE[lang].format(id_line=ID_RCB[lang], registration=TO_BE_REGISTERED[lang])
    e03 = _suggestions(text, lang)["E03"]
    quoted = [q.text for q in e03.quotations]
    assert not any("RCB" in q for q in quoted), quoted
    assert any("ClinicalTrials.gov" in q for q in quoted), quoted
    assert e03.answer == "partially_met"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_an_id_rcb_number_alone_is_named_as_another_matter(lang) -> None:
    text = TITLE[lang].format(id_line=ID_RCB[lang], registration="")
    e03 = _suggestions(text, lang, "interventional")["E03"]
    assert not e03.quotations, e03.quotations
    assert e03.answer in ("not_reported", "not_met")
    # In French the registry element's cues find the ID-RCB line only, which the rationale
    # names; in English the element is inferred from the whole text.
    if lang == "fr":
        assert "sur un autre sujet" in e03.rationale["fr"], e03.rationale


@pytest.mark.parametrize(("lang", "line"), [
    ("fr", "ID-RCB : 2026-A01873-45 ; ClinicalTrials.gov : NCT06123456"),
    ("en", "ID-RCB 2026-A01873-45; registration: NCT06123456"),
    ("fr", "Numéro EudraCT : 2026-001234-56 ; ID-RCB : 2026-A01873-45"),
])
def test_a_registry_named_beside_the_id_rcb_is_still_quoted(lang, line) -> None:
    text = TITLE[lang].format(id_line=line, registration="")
    e03 = _suggestions(text, lang)["E03"]
    assert any("RCB" in q.text for q in e03.quotations), e03.quotations
