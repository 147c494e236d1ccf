"""A sentence about another matter than the invariant's, though it holds its words
(``evidence.other_matter``): E09 (participants' burden and compensation) does not quote staff
paid, an author's travel expenses or compensation for harm, and still quotes what the
participants are paid or reimbursed, whoever hands it over. And E02 (consent) quotes first
a sentence stating that consent is collected, not one where it only marks when something
else happens."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from suggestion_support import quoted, suggest

from checker.catalogue import get_catalogue
from checker.catalogue.patterns import any_pattern
from checker.catalogue.validate import validate
from checker.documents import extract_document, extract_path
from checker.evidence import Detection

HEAD = {"en": "# Protocol of a randomised trial\n\n## Procedures\n\n",
        "fr": "# Protocole d'un essai randomisé\n\n## Déroulement\n\n"}

STAFF = {  # quoted as E09's evidence before (its own words or its element's cues)
    "en": ["Therapists will be reimbursed for their travel to the training days.",
           "GPs will receive a £20 gift card for each patient referred.",
           "E.L.M. was an invited speaker at the Nutracon 2012 Conference, sponsored by the "
           "Global Organization for EPA and DHA Omega-3s (GOED), Anaheim, CA, March 7–8, 2012, "
           "and received reimbursement for travel expenses.",
           "Health economics were assessed using participants’ resource use diaries alongside "
           "costs for the delivery of 12 weeks of behavioral change intervention (researcher’s "
           "time, room hire charges, and travel expenses), and costs for the intervention "
           "materials."],
    "fr": ["Les frais de déplacement des investigateurs seront remboursés par le promoteur.",
           "Les attachés de recherche clinique recevront une indemnisation forfaitaire par "
           "visite.",
           "Une indemnité compensatrice sera versée aux médecins généralistes pour chaque "
           "patient adressé.",
           "M.P. a reçu une prise en charge de frais de déplacement pour la présentation des "
           "données de l'étude de la part d'AOP Orphan Pharmaceuticals AG.",
           "Le promoteur répondrait des demandes d’indemnisation pour tout préjudice non "
           "fautif subi du fait de la participation à cet essai.",
           "Le remboursement des frais de déplacement des enquêteurs est prévu au budget."],
}
PARTICIPANTS = {  # the participants' compensation or burden, sometimes beside a staff member
    "en": ["Participants will be reimbursed for their travel expenses.",
           "Participants received a $50 gift card for completion of each survey.",
           "The research assistant will give participants a $20 gift card after each visit.",
           "The therapist will reimburse participants' travel costs at each session.",
           "Participants' travel costs for their doctor's visits will be reimbursed.",
           "Group C will be reimbursed for their prescription charges for the intervention "
           "period."],
    "fr": ["Les frais de déplacement des participants seront remboursés.",
           "L'attachée de recherche remettra aux participants une carte cadeau de 20 € à "
           "chaque visite.",
           "Les frais de transport des patients seront remboursés par l'investigateur.",
           "Les investigateurs rembourseront aux patients leurs frais de déplacement.",
           "Les patients sont dédommagés pour leur temps par une carte-cadeau de 20 $ à "
           "chaque visite.",
           "Les frais de prescription du groupe C seront remboursés pendant la période "
           "d'intervention."],
}


@pytest.mark.parametrize(("lang", "sentence"),
                         [(lang, s) for lang, sentences in STAFF.items() for s in sentences])
def test_staff_paid_is_not_the_participants_compensation(lang, sentence) -> None:
    e09 = suggest(f"{HEAD[lang]}{sentence}\n", lang)["E09"]
    assert not quoted(e09, sentence[:40]), e09.quotations
    assert e09.answer == "not_reported"


@pytest.mark.parametrize(("lang", "sentence"),
                         [(lang, s) for lang, sentences in PARTICIPANTS.items()
                          for s in sentences])
def test_the_participants_compensation_is_still_quoted(lang, sentence) -> None:
    e09 = suggest(f"{HEAD[lang]}{sentence}\n", lang)["E09"]
    assert quoted(e09, sentence[:40]), e09.quotations
    assert e09.answer == "partially_met"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_an_element_found_only_about_staff_is_named_so(lang) -> None:
    """The GPs' gift card holds the burden element's cue: the element is found only in a
    sentence about another matter, which the rationale says, as for ``about``."""
    sentence = {"en": STAFF["en"][1], "fr": STAFF["fr"][2]}[lang]
    e09 = suggest(f"{HEAD[lang]}{sentence}\n", lang)["E09"]
    assert "X_burden" in e09.elements_inferred
    assert {"en": "about another matter", "fr": "sur un autre sujet"}[lang] \
        in e09.rationale[lang]


def test_other_matter_patterns_are_validated() -> None:
    """Patterns in one language only (the other would quote what they exclude), or that do
    not compile, are refused with where they are."""
    data = copy.deepcopy(get_catalogue().to_dict())
    e09 = next(inv for inv in data["invariants"] if inv["id"] == "E09")
    del e09["evidence"]["other_matter"]["fr"]
    e09["evidence"]["other_matter"]["en"] = ["(unclosed"]
    problems = [str(p) for p in validate(data, meta_file="alt.json")]
    assert any("E09" in p and "no patterns in 'fr'" in p and "evidence.other_matter" in p
               for p in problems), problems
    assert any("E09" in p and "not a valid regular expression" in p
               and "evidence.other_matter.en[0]" in p for p in problems), problems


CBT = Path(__file__).with_name("data") / "protocole_tcc_fr.md"
CONSENT = {  # a sentence stating how consent is collected, in each language
    "fr": "Le recueil du consentement sera réalisé par l'investigateur lors de la visite "
          "d'inclusion.",
    "en": "Written informed consent will be obtained by the investigator at the inclusion "
          "visit.",
}


def test_consent_as_a_moment_is_not_quoted_before_consent_being_collected() -> None:
    """The French CBT protocol's « Après recueil du consentement, les patients seront
    randomisés… » is about randomisation; E02 (consent) quotes first « un consentement écrit
    sera obtenu », and still quotes the randomisation sentence after it (its element's
    best sentence)."""
    e02 = suggest(extract_path(CBT), "fr")["E02"]
    assert e02.quotations[0].text == "Conformément à la loi Jardé, un consentement écrit " \
                                     "sera obtenu."
    assert any(q.text.startswith("Après recueil du consentement") for q in e02.quotations)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_consent_being_collected_is_quoted_in_the_invariants_own_words(lang) -> None:
    """The narrower French cues (« le recueil du consentement sera… ») still read a
    sentence that states how consent is collected."""
    e02 = suggest(("# Protocole\n\n## Éthique\n\n" if lang == "fr" else
                   "# Protocol\n\n## Ethics\n\n") + CONSENT[lang] + "\n", lang)["E02"]
    assert e02.quotations and e02.quotations[0].text == CONSENT[lang]


ELIGIBILITY = {  # consent named as a criterion of who may take part, not how it is sought
    "en": ["Inability or unwilling to give informed consent;",
           "Able to give written informed consent.",
           "3. Willing to provide written informed consent;",
           "Women were excluded if they: 1) did not intend to stay in Dar es Salaam for 2 "
           "years after enrollment; 2) were enrolled in any other clinical trial; or 3) did "
           "not provide informed consent.",
           "Additional inclusion criteria were as follows: a) 18 years of age or older, b) "
           "sufficient fluency in Danish, and c) willingness to provide informed consent."],
    "fr": ["Incapacité ou refus de donner un consentement éclairé ;",
           "Être en mesure de donner son consentement éclairé écrit.",
           "3. Capable de donner un consentement éclairé ;",
           "Les femmes étaient exclues si elles : 1) n'avaient pas l'intention de rester à "
           "Dar es Salaam ; 2) participaient à un autre essai clinique ; ou 3) ne donnaient "
           "pas leur consentement éclairé.",
           "Les critères de non-inclusion comprenaient le fait d'être jugé incapable de donner "
           "un consentement éclairé et le fait d'être sous tutelle."],
}
SOUGHT = {  # how consent is sought, beside the eligibility criteria
    "en": "After checking the inclusion and exclusion criteria, trained staff at each centre "
          "obtain written informed consent.",
    "fr": "Après vérification des critères d'inclusion et de non-inclusion, un personnel "
          "formé dans chaque centre recueille le consentement éclairé écrit.",
}


PARTICIPANTS = {"en": "# Protocol\n\n## Participants\n\n",
                "fr": "# Protocole\n\n## Participants\n\n"}


@pytest.mark.parametrize(("lang", "criterion"),
                         [(lang, c) for lang, criteria in ELIGIBILITY.items() for c in criteria])
def test_consent_as_an_eligibility_criterion_is_not_how_it_is_sought(lang, criterion) -> None:
    """E02 does not quote an eligibility criterion naming consent, before the sentence that
    says how consent is sought or instead of it; that sentence, though it names the
    criteria, is quoted."""
    alone = suggest(f"{PARTICIPANTS[lang]}{criterion}\n", lang)["E02"]
    assert not quoted(alone, criterion[:40]), alone.quotations
    both = suggest(f"{PARTICIPANTS[lang]}{criterion}\n\n{SOUGHT[lang]}\n", lang)["E02"]
    assert both.quotations[0].text == SOUGHT[lang], both.quotations
    assert not quoted(both, criterion[:40]), both.quotations


SCHEDULE_ROW = {  # a schedule of assessments' row, as a Word table's row is read
    "en": "| Informed consent | X |  |  |",
    "fr": "| Consentement éclairé | X |  |  |",
}


@pytest.mark.parametrize("lang", sorted(SCHEDULE_ROW))
def test_a_schedule_row_is_quoted_after_the_sentence_saying_how_consent_is_sought(lang) -> None:
    """A table's row of three cells or more (a Word table's, " | " apart) is a grid's row,
    quoted only after the sentences: Tom's protocol quoted "Informed consent | X | | |" before
    "A researcher will obtain written informed consent…"."""
    e02 = suggest(f"{PARTICIPANTS[lang]}{SCHEDULE_ROW[lang]}\n\n{SOUGHT[lang]}\n", lang)["E02"]
    assert e02.quotations[0].text == SOUGHT[lang], e02.quotations


TIMELINE = {  # language -> (what taking part involves, the trial's design)
    "en": ("At baseline and 9 months, assessments will include blood pressure, height, weight "
           "and a physical examination.",
           "This is a superiority, randomised trial with two parallel groups and a 1:1 "
           "allocation ratio."),
    "fr": ("À l'inclusion et à 9 mois, les évaluations comprendront la pression artérielle, la "
           "taille, le poids et un examen clinique.",
           "Il s'agit d'un essai de supériorité, randomisé, en deux groupes parallèles, avec un "
           "ratio d'allocation 1:1."),
}


@pytest.mark.parametrize("lang", sorted(TIMELINE))
def test_the_participant_timeline_for_e09_is_what_taking_part_involves(lang) -> None:
    """E09 quotes the participant timeline (item 13) from a sentence on visits or
    assessments, not from the trial's design (a French protocol's first sentence under
    « Schéma de l'étude »): the element is then found only about another matter."""
    for sentence, is_quoted in zip(TIMELINE[lang], (True, False), strict=True):
        document = extract_document((HEAD[lang] + sentence + "\n").encode(), "protocol.md")
        start = document.text.index(sentence)
        detection = Detection("13_Participant_timeline", sentence, start,
                              start + len(sentence), None, "Procedures", 0.9, 1)
        e09 = suggest(document, lang, detections=[detection])["E09"]
        assert quoted(e09, sentence[:40]) is is_quoted, e09.quotations
        assert ("13_Participant_timeline" in e09.elements_inferred) is not is_quoted


# Consent as the moment randomisation happens, before the sentence saying how it is sought.
INSOMNIA = (
    "# Group cognitive behavioural therapy for insomnia in primary care: protocol of a "
    "randomised controlled trial\n\n## Methods\n\n### Randomisation\n\nAfter written informed "
    "consent, participants are randomised 1:1 to group therapy or sleep hygiene advice by a "
    "web-based system using blocks of random size, stratified by centre.\n\n### Recruitment\n\n"
    "General practitioners give eligible patients the participant information sheet; a "
    "research nurse explains the study by telephone and obtains written informed consent at "
    "the baseline visit, at least 48 hours later.\n")


def test_consent_as_a_moment_comes_after_how_consent_is_sought_in_english() -> None:
    """"After written informed consent, participants are randomised…" holds E02's words only
    as when randomisation happens (``evidence.in_passing``), as « Après recueil du
    consentement » does in French: E02 quotes first how consent is sought (the information
    sheet, the nurse, the delay), then the randomisation sentence as item 26a's evidence."""
    e02 = suggest(INSOMNIA, "en")["E02"]
    assert [q.text[:32] for q in e02.quotations] == ["General practitioners give eligi",
                                                     "After written informed consent, "]
    assert e02.quotations[1].element == "26a_Consent_Obtaining"


@pytest.mark.parametrize(("lang", "sentence", "in_passing"), [
    ("en", "After informed consent, participants are randomised.", True),
    ("en", "Once consent was obtained, participants completed the baseline questionnaires.",
     True),
    ("en", "Participants will be randomised after giving written informed consent.", True),
    ("en", "Written informed consent will be obtained by the investigator at the inclusion "
           "visit.", False),
    ("en", "Following an explanation of the study, written informed consent will be "
           "obtained.", False),
    ("en", "Participants were recruited following informed consent procedures approved by "
           "the IRB.", False),
    ("fr", "Après recueil du consentement, les patients seront randomisés selon un ratio 1:1.",
     True),
    ("fr", "Les participants seront inclus après avoir donné leur consentement éclairé.", True),
    ("fr", "Une fois le consentement signé, le participant remplit les questionnaires.", True),
    ("fr", CONSENT["fr"], False),
    ("fr", "L'investigateur recueille le consentement après un délai de réflexion d'une "
           "semaine.", False),
])
def test_e02_tells_consent_as_a_moment_from_consent_sought(lang, sentence, in_passing) -> None:
    e02 = next(inv for inv in get_catalogue().invariants if inv.id == "E02")
    pattern = any_pattern(e02.evidence.in_passing_for(lang))
    assert bool(pattern.search(sentence)) is in_passing


def test_in_passing_patterns_are_validated() -> None:
    """Patterns in one language only, or that do not compile, are refused with where they
    are, as for ``other_matter``."""
    data = copy.deepcopy(get_catalogue().to_dict())
    e02 = next(inv for inv in data["invariants"] if inv["id"] == "E02")
    del e02["evidence"]["in_passing"]["fr"]
    e02["evidence"]["in_passing"]["en"] = ["(unclosed"]
    problems = [str(p) for p in validate(data, meta_file="alt.json")]
    assert any("E02" in p and "no patterns in 'fr'" in p and "evidence.in_passing" in p
               for p in problems), problems
    assert any("E02" in p and "not a valid regular expression" in p
               and "evidence.in_passing.en[0]" in p for p in problems), problems
