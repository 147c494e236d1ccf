"""Suggestions on a submitted multicentre trial of clinical hypnosis against usual
distraction for children's burn dressings, as a physiotherapist-researcher reviewing it for a
French-language journal reads them (English and French).

A statement that quality of life was not measured was quoted as the secondary outcomes'
evidence (*met*); the assessors' blinding, "without knowing the group", the sound removed to
mask the suggestions, was not quoted at all; and the analgesia both groups received as usual,
a co-intervention, left *INT14* not reported."""

from __future__ import annotations

import pytest
from suggestion_support import first_quotation, quoted, suggest

PAPER = {
    "en": """# Hypnosis versus usual distraction for children's burn dressings: a randomised trial

## Methods

### Interventions

In both groups, analgesia followed each centre's usual protocol (regular paracetamol, oral
morphine 30 minutes before the dressing, nitrous oxide on request), and the doses given were
recorded.

In the hypnosis group, a nurse trained in medical hypnosis led a conversational hypnosis
session throughout each of the first three dressing changes.

### Secondary outcomes

Secondary outcomes were self-reported pain on the Faces Pain Scale-Revised after each dressing,
anxiety before the dressing on a visual analogue scale, and post-traumatic stress symptoms
three months after discharge.
Quality of life was not measured.

### Blinding

Because of the nature of the intervention, neither the children, their parents nor the nurses
could be blinded to the allocation.
The outcome assessors rated the video recordings without knowing the group, the sound being
removed to mask the hypnotic suggestions.
""",
    "fr": """# Hypnose versus distraction lors des pansements de l'enfant brûlé : essai randomisé

## Matériel et méthodes

### Interventions

Dans les deux groupes, l'analgésie médicamenteuse suivait le protocole habituel de chaque
centre (paracétamol systématique, morphine orale 30 minutes avant le soin, MEOPA à la
demande) ; les doses administrées ont été recueillies.

Dans le groupe hypnose, une infirmière formée à l'hypnose médicale menait une séance
d'hypnose conversationnelle pendant chacune des trois premières réfections de pansement.

### Critères de jugement secondaires

Les critères secondaires étaient la douleur auto-évaluée sur l'échelle des visages FPS-R après
chaque soin, l'anxiété avant le soin sur une échelle visuelle analogique, et les symptômes de
stress post-traumatique trois mois après la sortie.
La qualité de vie n'a pas été mesurée.

### Insu

En raison de la nature de l'intervention, ni les enfants, ni les parents, ni les soignants ne
pouvaient être en insu du groupe de randomisation.
Les évaluateurs du critère principal cotaient les vidéos sans connaître le groupe, la bande
sonore étant supprimée pour masquer les suggestions hypnotiques.
""",
}
NOT_MEASURED = {"en": "Quality of life was not measured.",
                "fr": "La qualité de vie n'a pas été mesurée."}
ASSESSORS = {"en": "rated the video recordings without knowing the group",
             "fr": "cotaient les vidéos sans connaître le groupe"}
ANALGESIA = {"en": "In both groups, analgesia followed each centre's usual protocol",
             "fr": "Dans les deux groupes, l'analgésie médicamenteuse suivait le protocole "
                   "habituel"}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_quality_of_life_not_measured_is_no_evidence_of_it(lang: str) -> None:
    """INT07 was *met*, quoting "Quality of life was not measured." first: the other
    secondary outcomes evidence it in part, and the statement is no quotation of it."""
    int07 = suggest(PAPER[lang], lang, kind="paper")["INT07"]
    assert int07.answer == "partially_met", int07.quotations
    assert not quoted(int07, NOT_MEASURED[lang])
    assert "FPS-R" in first_quotation(int07) or "Faces Pain Scale" in first_quotation(int07)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_assessors_rating_without_knowing_the_group_are_quoted(lang: str) -> None:
    """INT05 quoted who could not be blinded, never the assessors who were, nor how."""
    int05 = suggest(PAPER[lang], lang, kind="paper")["INT05"]
    assert quoted(int05, ASSESSORS[lang]), int05.quotations
    assert "17c_Masking_Type" in int05.elements_found


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_usual_analgesia_in_both_groups_is_a_co_intervention(lang: str) -> None:
    """INT14 was *not reported*: the analgesia both groups received by the centres' usual
    protocol is the concomitant care the trial allowed."""
    int14 = suggest(PAPER[lang], lang, kind="paper")["INT14"]
    assert int14.answer == "partially_met", int14.quotations
    assert first_quotation(int14).startswith(ANALGESIA[lang])
