"""A catalogue element found only in a background sentence citing another work is that work's:
the walkthrough's single-arm protocol, whose « 1. Justification scientifique » says that
meta-analyses found MBCT better « par rapport aux soins habituels (Kuyken et al., 2016) »,
reports no comparator (E14). The study's own comparator in its methods still counts, as does a
citing sentence that speaks of the study itself (« notre essai », "this is a … trial")."""

from __future__ import annotations

import pytest
from suggestion_support import suggest

PROTOCOL = {
    "fr": """# MBCT-Rec : faisabilité d'un programme de pleine conscience en groupe

## 1. Justification scientifique

Le risque de rechute après trois épisodes dépressifs dépasse 70 %. Les méta-analyses d'essais \
randomisés montrent que la MBCT réduit de 31 % le risque de rechute à 60 semaines par rapport \
aux soins habituels (Kuyken et al., 2016).

## 2. Méthode

Il s'agit d'une étude prospective de faisabilité, monocentrique, à un seul bras. {methods}

## 3. Critères d'inclusion

Adultes de 18 à 70 ans ayant présenté au moins trois épisodes dépressifs selon le DSM-5.
""",
    "en": """# MBCT-Rec: feasibility of a group mindfulness programme

## 1. Scientific rationale

The risk of relapse after three depressive episodes exceeds 70%. Meta-analyses of randomised \
trials show that MBCT reduces the risk of relapse at 60 weeks by 31% compared with usual care \
(Kuyken et al., 2016).

## 2. Methods

This is a prospective single-centre single-arm feasibility study. {methods}

## 3. Inclusion criteria

Adults aged 18 to 70 years with at least three depressive episodes according to DSM-5.
""",
}
OWN_COMPARATOR = {
    "fr": "Les résultats seront comparés par rapport aux soins habituels d'un groupe témoin.",
    "en": "Outcomes will be compared with usual care in a control group.",
}


OWN_CITING = {
    "fr": ("(Kuyken et al., 2016).", "(Kuyken et al., 2016), comme dans notre essai."),
    "en": ("(Kuyken et al., 2016).", "(Kuyken et al., 2016), as in our trial."),
}


def _e14(lang: str, methods: str = "", text: str | None = None):
    return suggest((text or PROTOCOL[lang]).format(methods=methods), study_type="prototypical",
                   name="protocol.md")["E14"]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_comparator_cited_from_the_background_is_not_the_study_s(lang: str) -> None:
    e14 = _e14(lang)
    assert "X_comparator" not in e14.elements_found
    assert not any("Kuyken" in q.text for q in e14.quotations)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_study_s_own_comparator_still_counts(lang: str) -> None:
    e14 = _e14(lang, OWN_COMPARATOR[lang])
    assert "X_comparator" in e14.elements_found


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_citing_sentence_about_the_study_itself_still_counts(lang: str) -> None:
    text = PROTOCOL[lang].replace(*OWN_CITING[lang])
    assert "X_comparator" in _e14(lang, text=text).elements_found


# A background or discussion sentence citing a source yet stating what the study itself does,
# without "this trial": "our" with another noun than the authors' group or knowledge, its
# participants' plan in the future tense, and, in the discussion, "the intervention".
OWN_WITHOUT_THIS_TRIAL = {
    "en": ["In our centres, outcomes are compared with usual care (Kuyken et al., 2016).",
           "Participants will receive MBCT or usual care, as in Kuyken et al. (2016)."],
    "fr": ["Dans nos centres, les résultats sont comparés aux soins habituels (Kuyken et al., "
           "2016).",
           "Les participants recevront la MBCT ou les soins habituels, comme chez Kuyken et al. "
           "(2016)."],
}
STILL_ANOTHER_WORK_S = {
    "en": ["Our group showed that MBCT reduces relapse compared with usual care (Kuyken et al., "
           "2016).",
           "To our knowledge, MBCT has only been compared with usual care (Kuyken et al., 2016)."],
    "fr": ["Notre équipe a montré que la MBCT réduit la rechute par rapport aux soins habituels "
           "(Kuyken et al., 2016).",
           "À notre connaissance, la MBCT n'a été comparée qu'aux soins habituels (Kuyken et al., "
           "2016)."],
}
DISCUSSION = {
    "en": ("\n## 4. Discussion\n\nThe intervention was compared with usual care, as in Kuyken "
           "et al. (2016).\n"),
    "fr": ("\n## 4. Discussion\n\nL'intervention a été comparée aux soins habituels, comme chez "
           "Kuyken et al. (2016).\n"),
}
def _with_background(lang: str, sentence: str) -> str:
    """The protocol with ``sentence`` in place of its background's meta-analysis."""
    background = PROTOCOL[lang].split("\n\n")[2]
    cited = background[background.index(". ") + 2:]
    return PROTOCOL[lang].replace(cited, sentence)


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("which", [0, 1])
def test_a_citing_sentence_stating_the_study_s_own_practice_still_counts(lang: str,
                                                                         which: int) -> None:
    text = _with_background(lang, OWN_WITHOUT_THIS_TRIAL[lang][which])
    assert "X_comparator" in _e14(lang, text=text).elements_found


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("which", [0, 1])
def test_the_authors_group_or_knowledge_is_not_the_study(lang: str, which: int) -> None:
    text = _with_background(lang, STILL_ANOTHER_WORK_S[lang][which])
    assert "X_comparator" not in _e14(lang, text=text).elements_found


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_intervention_in_the_discussion_is_the_study_s(lang: str) -> None:
    assert "X_comparator" in _e14(lang, text=PROTOCOL[lang] + DISCUSSION[lang]).elements_found
    # In the background, "the intervention" citing a source may be another work's.
    discussed = DISCUSSION[lang].split("\n\n")[-1].strip()
    assert "X_comparator" not in _e14(lang, text=_with_background(lang, discussed)
                                      ).elements_found
