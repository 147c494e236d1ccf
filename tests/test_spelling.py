"""British and American spellings of the invariants' English literal cues (spelling.py): a
cue "randomised controlled trial" finds a US journal's "randomized controlled trial", and the
rules make only real variants ("exercise" is no "exercize", "four" no "for")."""

from __future__ import annotations

import pytest
from suggestion_support import quotation_texts, suggest

from checker.evidence.spelling import english_variants, phrase_variants, word_variants


@pytest.mark.parametrize(("british", "american"), [
    ("randomised", "randomized"), ("randomisation", "randomization"),
    ("organisations", "organizations"), ("minimise", "minimize"), ("minimising", "minimizing"),
    ("hypothesised", "hypothesized"), ("emphasise", "emphasize"), ("criticise", "criticize"),
    ("synthesised", "synthesized"),
    ("summarise", "summarize"), ("categorised", "categorized"), ("stabiliser", "stabilizer"),
    ("pseudonymisation", "pseudonymization"), ("individualised", "individualized"),
    ("analyse", "analyze"), ("analysed", "analyzed"), ("analysing", "analyzing"),
    ("paralysed", "paralyzed"),
    ("behaviour", "behavior"), ("behavioural", "behavioral"), ("colour", "color"),
    ("favourable", "favorable"), ("unfavourable", "unfavorable"), ("tumours", "tumors"),
    ("neighbourhood", "neighborhood"), ("labourer", "laborer"),
    ("centre", "center"), ("centres", "centers"), ("centred", "centered"),
    ("multicentre", "multicenter"), ("fibre", "fiber"), ("metres", "meters"),
    ("centimetre", "centimeter"), ("millilitres", "milliliters"), ("titre", "titer"),
    ("programme", "program"), ("programmes", "programs"), ("judgement", "judgment"),
    ("enrolment", "enrollment"), ("enrol", "enroll"), ("counselling", "counseling"),
    ("counsellor", "counselor"), ("modelled", "modeled"), ("labelled", "labeled"),
    ("travelled", "traveled"), ("traveller", "traveler"), ("ageing", "aging"),
    ("haemoglobin", "hemoglobin"), ("haematology", "hematology"), ("paediatric", "pediatric"),
    ("orthopaedic", "orthopedic"), ("oedema", "edema"), ("lymphoedema", "lymphedema"),
    ("anaemia", "anemia"), ("hypoglycaemia", "hypoglycemia"), ("glycaemic", "glycemic"),
    ("ischaemic", "ischemic"), ("oestrogen", "estrogen"), ("oesophageal", "esophageal"),
    ("anaesthetist", "anesthetist"), ("diarrhoea", "diarrhea"), ("foetal", "fetal"),
])
def test_a_word_has_its_other_spelling_both_ways(british: str, american: str) -> None:
    assert american in word_variants(british)
    assert british in word_variants(american)


@pytest.mark.parametrize(("british", "american"), [
    ("licence", "license"), ("practise", "practice")])
def test_a_british_only_word_has_its_american_spelling_one_way(british: str,
                                                              american: str) -> None:
    """American "license" and "practice" are also British (the verb, the noun): they give no
    "licence" nor "practise"."""
    assert word_variants(british) == (british, american)  # not "practize"
    assert word_variants(american) == (american,)


@pytest.mark.parametrize("word", [
    # -ise words that take no -ize
    "exercise", "exercises", "exercised", "otherwise", "promise", "promising", "expertise",
    "advise", "advised", "precise", "concise", "premise", "premises", "supervise", "supervised",
    "unsupervised", "surprise", "surprising", "noise", "raise", "raised", "wise", "rise",
    "arise", "arising", "franchise", "merchandise", "compromise", "devise", "revise",
    "revised", "televise", "comprise", "comprising", "enterprise", "disguise", "improvise",
    "incise", "excise", "chastise", "despise", "demise", "poise", "poised", "guise", "cruise",
    "bruise", "praise", "clockwise", "stepwise", "advertising", "uprising", "sunrise",
    "anise", "treatise", "paradise", "appraiser", "miser", "riser",
    # -ize words that take no -ise
    "size", "sizes", "downsize", "seize", "seized", "prize", "capsize", "maize",
    # -yses is also the plural of -ysis; "lyse" is the same in both
    "analyses", "analysis", "lysed",
    # -our / -or that are no variant
    "four", "hour", "your", "our", "pour", "tour", "course", "flour", "vigorous", "rigorous",
    "laborious", "honorary", "humoral", "tumoral", "colorectal", "laboratory", "collaborator",
    "elaborate", "paramour", "error", "major", "doctor",
    # -er that is no -tre, -tre in no -ter
    "cluster", "clusters", "accelerometer", "micrometer", "pedometer", "water", "better",
    "after", "parameter", "diameter", "centrifuge",
    # parts that are no medical word's
    "chemotherapy", "hemisphere", "anemometer", "academia", "estranged", "level", "model",
    "label", "total",
    "hypothesis", "crises", "HbA",
])
def test_a_word_that_is_no_variant_keeps_its_only_spelling(word: str) -> None:
    assert word_variants(word) == (word,)


def test_capitals_are_kept() -> None:
    assert word_variants("Centre") == ("Centre", "Center")
    assert word_variants("CENTRE") == ("CENTRE", "CENTER")
    assert phrase_variants("Cluster Randomised") == ("Cluster Randomised", "Cluster Randomized")


def test_a_phrase_varies_each_word_and_keeps_what_is_between() -> None:
    assert phrase_variants("randomised controlled trial") == (
        "randomised controlled trial", "randomized controlled trial")
    assert phrase_variants("user-centred design") == ("user-centred design",
                                                      "user-centered design")
    assert set(phrase_variants("the programme's behaviour")) == {
        "the programme's behaviour", "the programme's behavior",
        "the program's behaviour", "the program's behavior"}
    assert phrase_variants("HbA1c will be measured") == ("HbA1c will be measured",)


def test_english_variants_keep_each_cue_first_and_once() -> None:
    assert english_variants(["minimise attrition", "minimize attrition", "exercise"]) == (
        "minimise attrition", "minimize attrition", "exercise")


US_PROTOCOL = """# A walking programme for older adults: protocol

## Methods

The visits are scheduled to reduce the time participants spend travelling.

The mixed model will include a random effect for center to account for clustering by site.
"""


def test_a_british_cue_finds_a_us_spelled_sentence() -> None:
    """INT12's own words "random effect for centre" find a US protocol's "random effect for
    center" (they found nothing: a cue was matched only as typed)."""
    int12 = suggest(US_PROTOCOL, "en", study_type="interventional")["INT12"]
    assert any("random effect for center" in text for text in quotation_texts(int12)), (
        int12.quotations)
    assert any(q.element == "cue" and "random effect for center" in q.text
               for q in int12.quotations)


def test_french_cues_have_no_english_variants() -> None:
    """The variants are English spellings: a French cue is matched as typed."""
    from checker.catalogue import get_catalogue
    from checker.evidence.suggest import _cues

    catalogue = get_catalogue()
    invariant = next(i for i in catalogue.invariants if i.id == "INT01")
    assert _cues(invariant, "fr") == tuple(invariant.evidence.cues["fr"])
    assert "randomized controlled trial" in _cues(invariant, "en")
