"""Who delivers a French protocol's NPI, named in the feminine or with a speciality
(« deux psychologues cliniciennes formées à la MBCT »), is a qualification statement: E12
quotes it, not the title page's coordinating investigator nor an objective naming the
instructors (found on a walkthrough's MBCT protocol, DOCX)."""

from __future__ import annotations

import pytest
from suggestion_support import first_quotation, quotation_texts, suggest

from checker.documents import extract_document
from checker.evidence import detect_elements

PROTOCOL = (
    "# MBCT-Rec : faisabilité d'un programme de pleine conscience\n\n"
    "Investigatrice coordinatrice : Sophie Laurent, psychologue clinicienne, Service de "
    "psychiatrie adulte, CHU de Bordeaux\n\n"
    "## 2. Objectifs\n\n"
    "Les objectifs secondaires sont d'évaluer l'acceptabilité du programme et la fidélité de "
    "sa délivrance par les instructeurs.\n\n"
    "## 4. Intervention\n\n"
    "Le programme comprend huit séances hebdomadaires de 2 h 30 en groupe. {who}\n")


@pytest.mark.parametrize("who", [
    "Les instructeurs sont deux psychologues cliniciennes formées à la MBCT, supervisées "
    "mensuellement par un formateur certifié.",
    "Les séances sont animées par des infirmières diplômées d'État formées au programme.",
    "Les groupes sont animés par deux thérapeutes formés à la MBCT.",
])
def test_who_delivers_the_npi_is_quoted_for_e12(who) -> None:
    text = PROTOCOL.format(who=who)
    document = extract_document(text.encode(), "protocole.md")
    detections = detect_elements(document, kind="protocol", lang="fr")
    assert any(d.element == "X_professional_qualification" and who[:25] in d.quote and d.cue_match
               for d in detections), who
    e12 = suggest(text, "fr", study_type="prototypical")["E12"]
    assert first_quotation(e12).startswith(who[:25]), quotation_texts(e12)
