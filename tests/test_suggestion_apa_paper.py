"""What an English adapted physical activity trial paper reports, as a French dossier's
walkthrough found it missed (catalogue and extra-element data, not the SCTM items).

- Its later time point is follow-up evidence (INT09): a paper reporting its effect "at 6
  months", after a 12-week programme, was suggested "not reported" for follow-up beyond the
  end of the NPI, and the dossier asked the submitter to look for a follow-up that the paper
  already reports.
- Its providers' profession named first ("clinical exercise physiologists trained to the
  protocol") states their qualification (INT12, E12), as "trained physiotherapists" does.
- The control group's access to the programme afterwards, in the paper and in the French
  protocol of the dossier (« Elles se verront proposer le programme à l'issue de leur
  participation »), is quoted for no loss of chance (E14).
"""

from __future__ import annotations

import pytest
from suggestion_support import quotation_texts, suggest

PAPERS = {
    "en": ("An exercise programme after breast cancer: a randomised trial\n\n## Methods\n\n"
           "Women were randomised to a 12-week supervised exercise programme or to usual "
           "care. The control group was offered the programme after the 6-month "
           "follow-up.\n\n## Results\n\nFatigue improved more in the exercise group at 12 "
           "weeks. The effect was attenuated but persisted at 6 months (2.9 points, 95% CI "
           "0.3 to 5.5).\n"),
    "fr": ("Un programme d'exercice après un cancer du sein : essai randomisé\n\n"
           "## Méthodes\n\nLes patientes ont été réparties entre un programme d'exercice "
           "supervisé de 12 semaines et les soins courants.\n\n## Résultats\n\nLa fatigue a "
           "davantage diminué dans le groupe exercice à 12 semaines. L'effet persistait à 6 "
           "mois (2,9 points ; IC à 95 % 0,3 à 5,5), soit trois mois après la fin du "
           "programme.\n"),
}
LATER = {"en": "persisted at 6 months", "fr": "L'effet persistait à 6 mois"}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_paper_s_later_time_point_is_follow_up_evidence(lang: str) -> None:
    suggestion = suggest(PAPERS[lang], lang, kind="paper")["INT09"]
    assert suggestion.answer == "partially_met"
    assert any(LATER[lang] in q for q in quotation_texts(suggestion))


def test_providers_named_before_their_training_state_a_qualification() -> None:
    text = ("An exercise programme after breast cancer: a randomised trial\n\n## Methods\n\n"
            "Women were randomised to a 12-week supervised exercise programme or to usual "
            "care. Sessions were delivered by clinical exercise physiologists trained to the "
            "protocol in a one-day workshop, in hospital rehabilitation gyms.\n")
    suggestion = suggest(text, "en", kind="paper")["INT12"]
    assert suggestion.answer == "partially_met"
    assert "X_professional_qualification" in suggestion.elements_found
    assert any("physiologists trained to the protocol" in q for q in quotation_texts(suggestion))


@pytest.mark.parametrize("lang, kind, text, access", [
    ("fr", "protocol", "Un programme d'APA après un cancer du sein : protocole d'essai "
     "randomisé\n\n## Groupe contrôle\n\nLes participantes du groupe contrôle bénéficient "
     "des soins courants. Elles se verront proposer le programme à l'issue de leur "
     "participation (à 12 mois).\n", "Elles se verront proposer le programme"),
    ("en", "paper", "An exercise programme after breast cancer: a randomised trial\n\n"
     "## Methods\n\nThe control group received a leaflet on physical activity, and were "
     "offered the programme after the 6-month follow-up.\n",
     "were offered the programme after the 6-month follow-up"),
])
def test_the_control_group_s_access_afterwards_is_quoted(lang: str, kind: str, text: str,
                                                         access: str) -> None:
    suggestion = suggest(text, lang, kind=kind)["E14"]
    assert any(access in q for q in quotation_texts(suggestion)), quotation_texts(suggestion)
