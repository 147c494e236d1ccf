"""INT14 (co-interventions): a treatment the participants may go on with is classified as
permitted, as the invariant asks, even when an eligibility criterion says so."""

from __future__ import annotations

import pytest
from suggestion_support import suggest

# language -> (protocol, the criterion allowing an ongoing treatment)
PROTOCOL = {
    "en": ("# Supervised exercise after breast cancer: protocol of a randomised controlled "
           "trial\n\n## Methods\n\n### Eligibility criteria\n\nWomen aged 18 or over, treated "
           "for breast cancer (stages I to III), who completed chemotherapy and radiotherapy "
           "at least 6 months before inclusion (ongoing hormone therapy allowed), are "
           "eligible.\n\n### Interventions\n\nThe exercise programme consists of two "
           "supervised sessions a week for 12 weeks.\n",
           "Women aged 18 or over, treated for breast cancer"),
    "fr": ("# Activité physique supervisée après un cancer du sein : protocole d'essai "
           "contrôlé randomisé\n\n## Méthodes\n\n### Critères d'éligibilité\n\nSont incluses "
           "les femmes de 18 ans ou plus traitées pour un cancer du sein (stades I à III), "
           "ayant terminé la chimiothérapie et la radiothérapie depuis au moins 6 mois "
           "(hormonothérapie en cours autorisée).\n\n### Interventions\n\nLe programme "
           "comprend deux séances supervisées par semaine pendant 12 semaines.\n",
           "Sont incluses les femmes de 18 ans ou plus"),
}


@pytest.mark.parametrize("lang", sorted(PROTOCOL))
def test_an_ongoing_treatment_allowed_in_a_criterion_is_quoted(lang) -> None:
    """« hormonothérapie en cours autorisée » names a concomitant treatment permitted: INT14
    quotes the criterion, partially met (nothing says how it is recorded, nor in which
    arms), where it said nothing."""
    protocol, criterion = PROTOCOL[lang]
    int14 = suggest(protocol, lang)["INT14"]
    assert int14.answer == "partially_met"
    assert int14.quotations[0].text.startswith(criterion), int14.quotations
