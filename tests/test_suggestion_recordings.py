"""A French protocol's sessions recorded to check their fidelity (« l'enregistrement audio de
deux séances ») are no registration in a public registry: a French « enregistrement » is a
recording as often as a registration (E03, found on a walkthrough's MBCT protocol, DOCX)."""

from __future__ import annotations

import pytest
from suggestion_support import quotation_texts, quoted, suggest

PROTOCOL = {
    "fr": ("# MBCT-Rec : protocole d'une étude de faisabilité\n\n"
           "## 4. Intervention\n\n"
           "Le programme comprend huit séances hebdomadaires de 2 h 30 en groupe. {recording}\n\n"
           "## 8. Considérations éthiques\n\n"
           "Le protocole a reçu l'avis favorable du Comité de protection des personnes "
           "Sud-Ouest et Outre-Mer III.\n\n{registration}"),
    "en": ("# MBCT-Rec: protocol of a feasibility study\n\n"
           "## 4. Intervention\n\n"
           "The programme has eight weekly group sessions of 2.5 hours. {recording}\n\n"
           "## 8. Ethics\n\n"
           "The protocol was approved by the Comité de protection des personnes Sud-Ouest et "
           "Outre-Mer III.\n\n{registration}"),
}
RECORDINGS = {
    "fr": ["La fidélité de la délivrance sera évaluée par l'enregistrement audio de deux "
           "séances tirées au sort et leur cotation avec l'échelle MBI:TAC.",
           "Toutes les séances seront enregistrées afin d'évaluer la fidélité des instructeurs.",
           "L'enregistrement vidéo des séances permettra une supervision mensuelle."],
    "en": ["Delivery fidelity will be assessed from audio recordings of two randomly chosen "
           "sessions rated with the MBI:TAC.",
           "All sessions will be audio-recorded to assess the instructors' fidelity."],
}
REGISTRATION = {
    "fr": "L'étude est enregistrée sur ClinicalTrials.gov (NCT06543210) depuis le 2 avril 2025.\n",
    "en": "The study was registered on ClinicalTrials.gov (NCT06543210) on 2 April 2025.\n",
}


@pytest.mark.parametrize(("lang", "recording"),
                         [(lang, r) for lang, rs in RECORDINGS.items() for r in rs])
def test_a_recording_of_the_sessions_is_no_registration(lang, recording) -> None:
    text = PROTOCOL[lang].format(recording=recording, registration="")
    e03 = suggest(text, lang, study_type="prototypical")["E03"]
    assert not quoted(e03, recording[:30]), quotation_texts(e03)
    assert e03.answer in ("not_reported", "not_met"), (e03.answer, quotation_texts(e03))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_registration_beside_a_recording_is_still_quoted(lang) -> None:
    text = PROTOCOL[lang].format(recording=RECORDINGS[lang][0],
                                 registration=REGISTRATION[lang])
    e03 = suggest(text, lang, study_type="prototypical")["E03"]
    assert quotation_texts(e03) and "NCT06543210" in quotation_texts(e03)[0], \
        quotation_texts(e03)
    assert not quoted(e03, RECORDINGS[lang][0][:30]), quotation_texts(e03)


def test_a_registration_before_the_first_session_is_still_one() -> None:
    text = PROTOCOL["fr"].format(recording="", registration=(
        "L'étude a été enregistrée avant la première séance dans un registre public "
        "(NCT06543210).\n"))
    e03 = suggest(text, "fr", study_type="prototypical")["E03"]
    assert quoted(e03, "enregistrée avant la première séance"), quotation_texts(e03)
