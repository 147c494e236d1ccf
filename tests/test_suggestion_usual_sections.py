"""The catalogue's ``evidence.sections``: among sentences of equal place, a suggestion quotes
first those under a heading where the invariant's evidence is usually found."""

from __future__ import annotations

import pytest
from suggestion_support import suggest

from checker.catalogue import get_catalogue
from checker.documents import extract_document
from checker.evidence.usual_sections import heading_matches, heading_pattern, in_usual_sections

CONSENT = {  # language -> (protocol, its sentence under the consent heading, the other one)
    "en": ("# Group exercise for older adults with knee pain: protocol of a randomised trial\n\n"
           "## Methods\n\n### Study procedures\n\nAt the screening visit, the research assistant "
           "obtains informed consent and measures blood pressure as defined at each centre.\n\n"
           "### Consent\n\nInformed consent is obtained in a private examination room so that "
           "the discussion stays confidential.\n",
           "Informed consent is obtained in a private", "At the screening visit"),
    "fr": ("# Exercice en groupe chez les personnes âgées souffrant du genou : protocole d'essai "
           "randomisé\n\n## Méthodes\n\n### Déroulement de l'étude\n\nLors de la visite de "
           "sélection, l'assistant de recherche recueille le consentement éclairé et mesure la "
           "pression artérielle selon les procédures de chaque centre.\n\n### Consentement\n\n"
           "Chaque participant reçoit la note d'information et dispose d'une semaine de "
           "réflexion avant de signer.\n",
           "Chaque participant reçoit la note d'information", "Lors de la visite de sélection"),
}


@pytest.mark.parametrize("lang", sorted(CONSENT))
def test_the_consent_sections_sentence_is_quoted_first(lang) -> None:
    """E02 names "Consent" (« Consentement ») among its sections: the sentence under that
    heading comes before a study procedure's that also names consent, which stays quoted;
    the answer is the same."""
    protocol, in_section, elsewhere = CONSENT[lang]
    e02 = suggest(protocol, lang)["E02"]
    assert e02.quotations[0].text.startswith(in_section), e02.quotations
    assert any(q.text.startswith(elsewhere) for q in e02.quotations[1:]), e02.quotations
    # Neither states the right to withdraw, which E02 asks of a protocol (the French one
    # hands out its information note, read as item 32): partially met, whatever the headings.
    assert e02.answer == "partially_met"


def test_the_usual_section_does_not_come_before_the_own_report() -> None:
    """The place comes first: a "Consent" subsection of the discussion is still context,
    quoted after the methods' sentence."""
    protocol, in_section, elsewhere = CONSENT["en"]
    protocol = protocol.replace("### Consent", "## Discussion\n\n### Consent")
    e02 = suggest(protocol, "en")["E02"]
    assert e02.quotations[0].text.startswith(elsewhere), e02.quotations


@pytest.mark.parametrize(("title", "expected"), [
    ("Consent", True), ("8.3 Informed consent", True), ("CONSENT TO PARTICIPATE:", True),
    ("Consenting participants", False), ("Recruitment", False),
    ("Critères d’éligibilité", True), ("Ethique", False),
])
def test_a_heading_names_the_section_by_whole_words(title, expected) -> None:
    pattern = heading_pattern(["Consent", "Critères d'éligibilité", "Éthique"])
    assert heading_matches(title, pattern) is expected


def test_only_the_sentences_own_heading_counts() -> None:
    """"Methods" names a broad section: a sentence under "Methods > Outcomes" is not in it,
    one right under "Methods" is."""
    doc = extract_document(
        b"# A trial\n\n## Methods\n\nThe trial has two parallel groups of forty patients.\n\n"
        b"### Outcomes\n\nThe primary outcome is pain at twelve weeks on a visual scale.\n",
        "doc.md")
    positions = in_usual_sections(doc, ["Methods"])
    texts = [doc.sentence_text(doc.sentences[p]) for p in positions]
    assert any(t.startswith("The trial has two") for t in texts), texts
    assert not any(t.startswith("The primary outcome") for t in texts), texts
    assert in_usual_sections(doc, []) == frozenset()


BACK_MATTER = {  # language -> (a results paper's end, its declaration of interests)
    "en": ("# Group walking for chronic low back pain: a randomised controlled trial\n\n"
           "## Methods\n\nAdults with chronic low back pain were randomised to a walking group "
           "or usual care.\n\n## Results\n\nPain decreased more in the walking group.\n\n"
           "## Author contributions\n\nKD and JL analysed the data and wrote the manuscript.\n\n"
           "## Conflict of interest\n\nThe authors declare that the research was conducted "
           "in the absence of any commercial or financial relationships that could be "
           "construed as a potential conflict of interest.\n",
           "The authors declare that the research was conducted in the absence of any "
           "commercial or financial relationships that could be construed as a potential "
           "conflict of interest."),
    "fr": ("# Marche en groupe et lombalgie chronique : essai contrôlé randomisé\n\n"
           "## Méthodes\n\nDes adultes lombalgiques chroniques ont été randomisés entre un "
           "groupe de marche et les soins habituels.\n\n## Résultats\n\nLa douleur a davantage "
           "diminué dans le groupe de marche.\n\n## Contributions des auteurs\n\nKD et JL ont "
           "analysé les données et rédigé le manuscrit.\n\n## Conflit d'intérêts\n\n"
           "Les auteurs déclarent n'avoir aucun lien d'intérêts.\n",
           "Les auteurs déclarent n'avoir aucun lien d'intérêts."),
}


@pytest.mark.parametrize("lang", sorted(BACK_MATTER))
def test_the_declaration_of_interests_is_quoted_before_the_authors_roles(lang) -> None:
    """E05 (interests declared) quotes the declaration under "Conflict of interest"
    (« Conflit d'intérêts ») before who analysed the data, under "Author contributions",
    which comes first in the paper and stays quoted (item 5b)."""
    paper, declaration = BACK_MATTER[lang]
    e05 = suggest(paper, lang, kind="paper")["E05"]
    assert e05.quotations[0].text == declaration, e05.quotations
    assert any(q.element == "5b_Contributors_roles" for q in e05.quotations[1:]), e05.quotations


FRENCH_PROTOCOL = """# Marche nordique en groupe chez l'adulte lombalgique chronique : protocole \
d'essai contrôlé randomisé

## Méthodes

### Objectifs

Cet essai randomisé en groupes parallèles évalue l'effet de la marche nordique en groupe sur \
la douleur à 6 mois.

### Recrutement

Au total, 120 participants seront recrutés dans trois centres de rééducation, ce qui assure \
une puissance statistique de 80 % pour le critère principal.

### Plan de l'étude

Il s'agit d'un essai contrôlé randomisé multicentrique, en deux groupes parallèles, avec une \
évaluation en aveugle.

### Calcul de la taille de l'échantillon

Avec un risque alpha bilatéral de 5 % et une puissance de 80 %, 54 participants par groupe \
sont nécessaires pour détecter une différence de 0,5 écart-type du score de douleur ; 60 par \
groupe seront inclus pour tenir compte de 10 % de perdus de vue.
"""


@pytest.mark.parametrize(("invariant", "heading", "elsewhere"), [
    ("INT08", "Calcul de la taille de l'échantillon", "Recrutement"),
    ("INT01", "Plan de l'étude", "Objectifs"),
])
def test_french_protocol_headings_name_the_usual_sections(invariant, heading,
                                                          elsewhere) -> None:
    """A French protocol heads its sample size « Calcul de la taille de l'échantillon » (not
    only « Nombre de sujets nécessaires ») and its design « Plan de l'étude » (not only
    « Schéma de l'étude »): INT08 and INT01 quote the sentence under it first, the one
    under « Recrutement » or « Objectifs » after it."""
    suggestion = suggest(FRENCH_PROTOCOL, "fr")[invariant]
    assert [q.section for q in suggestion.quotations[:2]] == [heading, elsewhere]


ENGLISH_PROTOCOL = """# Supervised exercise for adults with chronic neck pain: protocol for a \
randomized controlled trial

## Methods

### Overview

Participants are randomized to twelve weeks of supervised exercise or to usual care; adverse \
events are recorded at every visit and participants are followed up at 3 and 6 months after \
the end of the programme.

The trial was approved by the regional ethics committee, and participants' data are kept \
confidential.

### Study visits

Outcomes are assessed at baseline, at the end of the 12-week programme and at a follow-up \
visit 6 months after the programme has ended; each visit lasts about 45 minutes.

### Monitoring

An independent data monitoring committee reviews all adverse events every six months and may \
recommend stopping the trial early.

### Data collection and management

Questionnaires are entered into a password-protected database, and only the trial team has \
access to identifiable data.
"""


@pytest.mark.parametrize(("invariant", "heading"), [
    ("INT09", "Study visits"),
    ("E08", "Monitoring"),
    ("E07", "Data collection and management"),
])
def test_english_protocol_headings_name_the_usual_sections(invariant, heading) -> None:
    """An English protocol heads its schedule "Study visits" (not only "Participant
    timeline"), its data monitoring committee and harms "Monitoring" (SPIRIT's heading) and
    its data handling "Data collection and management" (not only "Data management"): INT09,
    E08 and E07 quote the sentence under it first, the overview's after it."""
    suggestion = suggest(ENGLISH_PROTOCOL, "en")[invariant]
    assert [q.section for q in suggestion.quotations[:2]] == [heading, "Overview"]


@pytest.mark.parametrize(("invariant", "title", "expected"), [
    ("INT06", "Primary outcome measure", True),
    ("INT06", "Analysis for the primary endpoint", False),
    ("INT06", "Fatigue and psychosocial measures", False),
    ("INT02", "Control condition: usual care", True),
    ("INT02", "Study procedures—Intervention arm", False),
    ("INT11", "Intervention", False),
    ("E10", "Study population", False),
])
def test_english_names_do_not_match_a_heading_about_another_matter(invariant, title,
                                                                    expected) -> None:
    """A name matches inside a longer heading: INT06 names no "Endpoint" nor "Measures",
    INT02 and INT11 no "Intervention" in the singular, E10 no "Study population", which on
    the train split put an analysis, an instrument's validity, the NPI's arm, its planned
    dose or a population's description before the sentence the invariant is about."""
    names = get_catalogue().invariant(invariant).evidence.sections["en"]
    assert heading_matches(title, heading_pattern(names)) is expected


@pytest.mark.parametrize(("lang", "invariant", "title", "expected"), [
    ("en", "E02", "Consent for publication", False),
    ("en", "E02", "Ethics approval, consent to participate and consent for publication", True),
    ("en", "PRO06", "Availability of data and materials", False),
    ("en", "E04", "Availability of data and materials", True),
    ("en", "INT11", "Compliance with ethical standards", False),
    ("en", "IMP01", "Research in context", False),
    ("en", "INT07", "Publication and dissemination of results", False),
    ("en", "E13", "Publication and dissemination of results", True),
    ("fr", "E02", "Consentement à la publication", False),
    ("fr", "E02", "Approbation éthique et consentement à participer", True),
    ("fr", "PRO06", "Disponibilité des données et du matériel", False),
    ("fr", "E04", "Disponibilité des données et du matériel", True),
    ("fr", "PRO12", "Disponibilité des données et du matériel", True),
    ("fr", "PRO06", "Soins annexes et soins après l'essai", False),
    ("fr", "E03", "Résumé des auteurs", False),
    ("fr", "IMP01", "Recherche en contexte", False),
    ("fr", "INT07", "Communication, publication et diffusion des résultats", False),
    ("fr", "E13", "Communication, publication et diffusion des résultats", True),
])
def test_a_heading_of_its_own_is_not_the_usual_section_of_a_name_inside_it(
        lang, invariant, title, expected) -> None:
    """The catalogue's headings of their own ("Consent for publication", « Disponibilité des
    données et du matériel »…) hold a section's name in words about another matter: a name
    found only inside one of them does not count, unless the invariant names that heading
    itself (E04, PRO12, E13)."""
    catalogue = get_catalogue()
    names = catalogue.invariant(invariant).evidence.sections[lang]
    pattern = heading_pattern(names, catalogue.headings_of_their_own[lang])
    assert heading_matches(title, pattern) is expected


def test_consent_for_publication_is_not_where_consent_is_sought() -> None:
    """E02 (consent to take part) quotes how consent is sought before the back matter's
    consent to publish, which its name "Consent" matched as a usual section."""
    protocol = (
        "# Supervised exercise for knee osteoarthritis: protocol of a randomised trial\n\n"
        "## Methods\n\n### Recruitment\n\nResearch nurses approach eligible patients at the "
        "clinic, explain the study and obtain written informed consent before the baseline "
        "visit.\n\n## Declarations\n\n### Consent for publication\n\nParticipants give written "
        "informed consent for the publication of anonymised results.\n")
    e02 = suggest(protocol, "en")["E02"]
    assert [q.section for q in e02.quotations] == ["Recruitment", "Consent for publication"]
