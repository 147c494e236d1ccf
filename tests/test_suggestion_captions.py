"""A caption names what a figure or table shows ("Figure 1 Timeline of the study visits."),
where a sentence states it: a suggestion quotes the sentences first, the caption after them."""

from __future__ import annotations

import pytest
from suggestion_support import suggest

from checker.documents import extract_document
from checker.documents.tables import is_caption_sentence
from checker.evidence.detect import detect_elements

# language -> (protocol, its caption, the sentence stating the participants' timeline)
TIMELINE = {
    "en": ("# Nordic walking groups for adults with chronic low back pain: protocol of a "
           "randomised controlled trial\n\n## Methods\n\n### Participant timeline\n\n"
           "Figure 1 Timeline of the study visits.\n\n"
           "Participants attend three study visits: at baseline, after the 12-week programme "
           "and at 6 months, when the questionnaires are completed and physical function is "
           "assessed.\n\n### Interventions\n\nThe walking group meets twice a week for 12 weeks "
           "with a trained physiotherapist.\n",
           "Figure 1 Timeline of the study visits.", "Participants attend three study visits"),
    "fr": ("# Marche nordique en groupe chez l'adulte lombalgique chronique : protocole d'essai "
           "contrôlé randomisé\n\n## Méthodes\n\n### Calendrier de l'étude\n\n"
           "Figure 1 : Calendrier des visites de l'étude.\n\n"
           "Les participants sont évalués lors de trois visites de suivi : à l'inclusion, à la "
           "fin du programme de 12 semaines et à 6 mois.\n\n### Interventions\n\n"
           "Le groupe de marche se réunit deux fois par semaine pendant 12 semaines avec un "
           "kinésithérapeute formé.\n",
           "Figure 1 : Calendrier des visites de l'étude.",
           "Les participants sont évalués lors de trois visites"),
}


@pytest.mark.parametrize("lang", sorted(TIMELINE))
def test_the_participant_timeline_is_quoted_from_a_sentence_before_a_caption(lang) -> None:
    """E09 (participants' burden) and INT09 (follow-up) quote the participant timeline
    (SPIRIT 13) from the sentence saying when the visits are, not from the figure's caption
    that comes first in the document (its element's first sentence)."""
    protocol, caption, sentence = TIMELINE[lang]
    doc = extract_document(protocol.encode(), "protocol.md")
    timeline = [d.quote for d in detect_elements(doc, kind="protocol", lang=lang)
                if d.element == "13_Participant_timeline"]
    assert timeline[0] == caption  # the element's own order is left as it is
    suggestions = suggest(protocol, lang)
    for invariant in ("E09", "INT09"):
        quotations = suggestions[invariant].quotations
        assert quotations and quotations[0].text.startswith(sentence), (invariant, quotations)
        assert quotations[0].element == "13_Participant_timeline"


@pytest.mark.parametrize("lang", sorted(TIMELINE))
def test_a_caption_alone_is_still_quoted(lang) -> None:
    """With no sentence stating the timeline, the caption is the element's evidence still:
    the answer and the quotation stay."""
    protocol, caption, sentence = TIMELINE[lang]
    protocol = "\n\n".join(p for p in protocol.split("\n\n") if not p.startswith(sentence))
    e09 = suggest(protocol, lang)["E09"]
    assert [q.text for q in e09.quotations] == [caption]
    assert e09.answer == "partially_met"


def test_a_caption_in_the_invariants_own_words_comes_after_a_sentence() -> None:
    """INT15 (analysis) reads "flow diagram": the sentence saying what the flow diagram will
    report comes before the caption that names it, though the caption comes first."""
    protocol = ("# Nordic walking groups for adults with chronic low back pain: protocol of a "
                "randomised controlled trial\n\n## Methods\n\n### Statistical analysis\n\n"
                "Figure 2 CONSORT flow diagram of the trial.\n\n"
                "The number of participants analysed in each group will be reported in a "
                "CONSORT flow diagram.\n")
    int15 = suggest(protocol, "en")["INT15"]
    assert [q.text[:25] for q in int15.quotations] == ["The number of participant",
                                                         "Figure 2 CONSORT flow dia"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Figure 1 Trial Overview.", True),
    ("Fig. 2 Timeline of PAMELA study", True),
    ("Fig. 2. CONSORT flow diagram.", True),
    ("**Figure 1.** Trial overview", True),
    ("FIGURE 1 Study flow chart.", True),
    ("Tableau 1 : Calendrier des visites", True),
    ("Figure 2 – Schéma de l'étude", True),
    # a sentence that refers to a figure, a bare label, no label at all
    ("Figure 1 details the Trial Assessment Schedule.", False),
    ("Table 2 summarizes inclusion and exclusion criteria.", False),
    ("Figures 1-3 show the flow of participants.", False),
    ("Figure 1 and Table 2 show the schedule.", False),
    ("Table 1.", False),
    ("Participants attend three study visits.", False),
])
def test_a_caption_is_told_from_a_sentence_that_refers_to_a_figure(text, expected) -> None:
    assert is_caption_sentence(text) is expected
