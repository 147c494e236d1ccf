"""INT12 (providers and centres): the centres' eligibility, which its statement asks beside
the providers', read in a sentence whose subject is the centres (``evidence.worded`` for
item 10b, whose frozen detection may miss it): when or why they were eligible or chosen, what
they had to have or treat to take part, their eligibility criteria named as such. Not the
patients of a centre, not a random draw of centres, not the patients a centre must enrol
(a recruitment target), nor a list naming the centres.
"""

from __future__ import annotations

import pytest
from suggestion_support import suggest

ELEMENT = "10b_Center_interventionist_inclusion"
HEAD = {"en": "# Protocol\n\n## Study sites\n\n", "fr": "# Protocole\n\n## Lieux de l'étude\n\n"}


def int12(lang: str, sentence: str):
    return suggest(f"{HEAD[lang]}{sentence}\n", lang)["INT12"]


@pytest.mark.parametrize("lang, sentence", [
    ("en", "To participate, centres had to have a multidisciplinary team and treat at least "
           "50 patients with low back pain a year."),
    ("en", "Type III clinics were selected to participate in the study after talks with the "
           "ministry because of their larger patient volume."),
    ("en", "Eligible clinics met national criteria for antenatal care sites."),
    ("en", "Centre eligibility criteria included a dedicated falls clinic."),
    ("fr", "Les centres participants devaient prendre en charge au moins 50 patients "
           "lombalgiques par an."),
    ("fr", "Pour être inclus, les centres devaient disposer d'une équipe pluridisciplinaire."),
    ("fr", "Les centres ont été retenus en raison de leur volume d'activité."),
    ("fr", "Les critères d'éligibilité des centres comprenaient une consultation dédiée aux "
           "chutes."),
])
def test_the_centres_eligibility_is_read(lang: str, sentence: str) -> None:
    suggestion = int12(lang, sentence)
    assert suggestion.answer == "partially_met", suggestion.quotations
    assert any(q.element == ELEMENT and sentence[:30] in q.text
               for q in suggestion.quotations), suggestion.quotations


@pytest.mark.parametrize("lang, sentence", [
    # A list of the centres names them, without their criteria.
    ("en", "The participating centres are Lyon University Hospital, Grenoble University "
           "Hospital and Saint-Etienne University Hospital."),
    ("fr", "Les centres participants sont le CHU de Lyon, le CHU de Grenoble et le CHU de "
           "Saint-Étienne."),
    # A random draw of centres, and what centres do during the trial.
    ("en", "Twelve sites were chosen by a random draw because the budget allowed no more."),
    ("fr", "Les centres ont été choisis par tirage au sort car le budget ne permettait pas "
           "davantage."),
    ("en", "Participating centres must use analgesics only in case of pain."),
    ("fr", "Les centres participants devront transmettre les données chaque mois."),
    # The patients a centre must enrol in the trial: a recruitment target, no eligibility.
    ("en", "Each centre had to enrol at least 20 patients during the study period."),
    ("fr", "Chaque centre devait inclure au moins 20 patients pendant la période d'étude."),
    # The patients of a centre.
    ("fr", "Les enfants suivis dans les centres participants étaient éligibles s'ils avaient "
           "entre 2 et 5 ans."),
])
def test_no_centres_eligibility_in_other_sentences(lang: str, sentence: str) -> None:
    suggestion = int12(lang, sentence)
    assert not any(q.element == ELEMENT and sentence[:30] in q.text
                   for q in suggestion.quotations), suggestion.quotations
