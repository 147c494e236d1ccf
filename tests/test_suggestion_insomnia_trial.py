"""What a trial methodologist reviewing a pragmatic trial of nurse-delivered group CBT for
insomnia reads in the suggestions: the hypnotics participants keep and whose use is recorded
are its co-interventions (INT14), the statistician who sets up the minimisation is who
generated the sequence (INT04), the raters' intraclass correlation is no therapist effect
(INT12), and a sequence "not accessible" to those enrolling is no accessibility for
participants (E10)."""

from __future__ import annotations

import pytest
from suggestion_support import quotation_texts, quoted, suggest

from checker.documents import extract_document
from checker.evidence import Detection

PROTOCOL = {
    "en": ("# NIGHT: group CBT for insomnia delivered by practice nurses, protocol of a "
           "pragmatic randomised controlled trial\n\n"
           "## Interventions\n\n"
           "The intervention consists of six weekly 90-minute group sessions delivered by two "
           "practice nurses.\n"
           "Participants in both arms will continue to receive usual care from their general "
           "practitioner, including hypnotic prescriptions, with no restriction.\n"
           "Use of hypnotics and other treatments for sleep will be recorded at each "
           "assessment.\n\n"
           "## Allocation\n\n"
           "Participants will be randomised by the clinical trials unit using a web-based "
           "randomisation system after the baseline assessment.\n"
           "Allocation will use minimisation with a random element, balancing on hub, baseline "
           "severity and current hypnotic use.\n"
           "The minimisation algorithm will be set up by the trial statistician, who will have "
           "no role in recruitment.\n"
           "Research assistants will enrol participants and obtain the allocation from the "
           "system; allocation will be concealed until the participant has been irrevocably "
           "entered.\n"),
    "fr": ("# NUIT : TCC de groupe de l'insomnie dispensée par des infirmières, protocole d'un "
           "essai contrôlé randomisé pragmatique\n\n"
           "## Interventions\n\n"
           "L'intervention comprend six séances de groupe hebdomadaires de 90 minutes animées "
           "par deux infirmières.\n"
           "Les participants des deux bras poursuivront leur prise en charge habituelle, y "
           "compris la prescription d'hypnotiques, sans restriction.\n"
           "L'utilisation d'hypnotiques et d'autres traitements du sommeil sera recueillie à "
           "chaque évaluation.\n"),
}

# language -> the sentences INT14 quotes in the protocol
RECORDED = {
    "en": ("Use of hypnotics and other treatments for sleep will be recorded",
           "continue to receive usual care from their general practitioner, including hypnotic"),
    "fr": ("L'utilisation d'hypnotiques et d'autres traitements du sommeil sera recueillie",
           "y compris la prescription d'hypnotiques"),
}

PAPER = {
    "en": ("# NIGHT: nurse-delivered group CBT for insomnia, a pragmatic randomised "
           "controlled trial\n\n"
           "## Methods\n\n"
           "### Interventions\n\n"
           "Group CBT-I consisted of six weekly 90-minute sessions delivered by two practice "
           "nurses following the NIGHT manual.\n"
           "Twenty-four practice nurses from 19 practices completed the three-day training "
           "course; they were registered nurses with a median of 11 years (range 3-27) of "
           "practice nursing experience.\n"
           "Both groups continued usual care, including hypnotic prescriptions.\n\n"
           "### Fidelity\n\n"
           "Of 312 audio-recorded sessions, 64 (21%) were rated by two independent raters.\n"
           "Mean adherence to core components was 87% (SD 9%); inter-rater agreement was good "
           "(intraclass correlation 0.81).\n\n"
           "### Randomisation\n\n"
           "Research assistants enrolled participants and obtained allocations after "
           "baseline; the sequence was not accessible to them.\n\n"
           "## Results\n\n"
           "### Secondary outcomes\n\n"
           "Hypnotic use at 52 weeks was 21% and 29%.\n\n"
           "### Therapist effects\n\n"
           "The intraclass correlation for nurses was 0.02 (95% CI 0.00 to 0.09).\n\n"
           "## Discussion\n\n"
           "### Limitations\n\n"
           "The groups were held in English only, and people from minority ethnic groups were "
           "under-represented (6%).\n"),
    "fr": ("# NUIT : TCC de groupe de l'insomnie dispensée par des infirmières, essai "
           "contrôlé randomisé pragmatique\n\n"
           "## Méthodes\n\n"
           "### Interventions\n\n"
           "La TCC-I de groupe comprenait six séances hebdomadaires de 90 minutes animées par "
           "deux infirmières.\n"
           "Les 24 infirmières avaient une médiane de 11 ans d'expérience (étendue 3-27).\n\n"
           "### Fidélité\n\n"
           "La fidélité moyenne aux composantes était de 87 % ; l'accord inter-juges était bon "
           "(corrélation intraclasse 0,81).\n\n"
           "### Randomisation\n\n"
           "Les assistants de recherche incluaient les participants ; la liste de "
           "randomisation n'était pas accessible aux assistants.\n\n"
           "## Résultats\n\n"
           "La prise d'hypnotiques à 52 semaines était de 21 % et de 29 %.\n"
           "La corrélation intraclasse des infirmières était de 0,02.\n\n"
           "## Discussion\n\n"
           "Les hommes étaient sous-représentés (32 %).\n"),
}

# language -> (INT12's experience sentence, the raters' agreement, E10's accessibility
# that is concealment, E10's under-representation, INT14's use at follow-up)
PAPER_WORDS = {
    "en": ("a median of 11 years (range 3-27)", "inter-rater agreement",
           "the sequence was not accessible", "were under-represented",
           "Hypnotic use at 52 weeks"),
    "fr": ("une médiane de 11 ans d'expérience", "l'accord inter-juges",
           "n'était pas accessible", "étaient sous-représentés",
           "La prise d'hypnotiques à 52 semaines"),
}


@pytest.mark.parametrize("lang", sorted(PROTOCOL))
def test_hypnotics_kept_and_recorded_are_the_co_interventions(lang) -> None:
    """INT14 said not reported, its element found only in a sentence about usual care: the
    hypnotics both arms keep and whose use is recorded at each assessment say which
    concomitant care is allowed and that it is recorded, not how it is analysed, so
    partially met."""
    int14 = suggest(PROTOCOL[lang], lang)["INT14"]
    # met when the detection also finds its element in the recording sentence
    assert int14.answer in ("partially_met", "met")
    for words in RECORDED[lang]:
        assert quoted(int14, words), quotation_texts(int14)


def test_usual_care_alone_is_no_co_intervention() -> None:
    """Usual care kept, with no drug named, stays E14's and INT02's: INT14 does not quote
    it."""
    protocol = ("# A trial of group CBT for insomnia: protocol\n\n## Interventions\n\n"
                "Participants in both arms will continue to receive usual care from their "
                "general practitioner.\nUse of the workbook will be recorded at each "
                "session.\n")
    int14 = suggest(protocol, "en")["INT14"]
    assert int14.answer == "not_reported", quotation_texts(int14)


@pytest.mark.parametrize("lang, sentence", [
    ("en", "A significant reduction in the use of analgesics was recorded after the programme."),
    ("fr", "Une réduction significative de l'utilisation d'antalgiques a été enregistrée après "
           "le programme."),
])
def test_a_fall_in_a_drug_s_use_is_an_effect(lang, sentence) -> None:
    """A fall in the use of a drug, "recorded", is an effect of the NPI, not the
    co-interventions recorded in every arm: INT14 does not quote it."""
    document = f"# A programme for chronic pain\n\n## Background\n\n{sentence}\n"
    int14 = suggest(document, lang)["INT14"]
    assert int14.answer == "not_reported", quotation_texts(int14)


def test_who_sets_up_the_minimisation_generated_the_sequence() -> None:
    """INT04 named "who generated the sequence" as found only in sentences about another
    matter, the protocol's only sentence detected for it: the statistician who sets up the
    minimisation, with no role in recruitment, is who generated it."""
    document = extract_document(PROTOCOL["en"].encode(), "doc.md")
    sentence = next(s for s in document.sentences
                    if document.sentence_text(s).startswith("The minimisation algorithm"))
    detections = [Detection("16g_Personnel_Sequence", document.sentence_text(sentence),
                            sentence.start, sentence.end, None, sentence.section, 0.8, 1)]
    int04 = suggest(document, "en", detections=detections)["INT04"]
    assert quoted(int04, "The minimisation algorithm will be set up by the trial statistician")
    # The web-based randomisation system (16e) and the research assistants who enrol (16h)
    # are read in INT04's own wording (evidence.worded), whatever the items' detection found.
    assert int04.elements_found == ["16e_Allocation_Mechanism", "16g_Personnel_Sequence",
                                    "16h_Personnel_Enrollment"]
    assert not int04.elements_inferred


@pytest.mark.parametrize("lang", sorted(PAPER))
def test_a_paper_s_providers_clustering_and_representation(lang) -> None:
    """INT12 quotes the nurses' experience, not the raters' intraclass correlation; E10 the
    under-represented participants, not a sequence inaccessible to those enrolling; INT14
    the hypnotics' use at 52 weeks."""
    experience, raters, concealed, under, use = PAPER_WORDS[lang]
    suggestions = suggest(PAPER[lang], lang, kind="paper")
    int12, e10, int14 = suggestions["INT12"], suggestions["E10"], suggestions["INT14"]
    assert quoted(int12, experience), quotation_texts(int12)
    assert not quoted(int12, raters), quotation_texts(int12)
    assert quoted(e10, under), quotation_texts(e10)
    assert not quoted(e10, concealed), quotation_texts(e10)
    assert quoted(int14, use), quotation_texts(int14)
    assert int14.answer == "partially_met"


# language -> (a results paper's outcomes, fidelity and competing interests; the fidelity
# sentence; the manual's authors' interests)
FIDELITY = {
    "en": ("# NIGHT: a pragmatic randomised controlled trial\n\n## Methods\n\n"
           "### Interventions\n\n"
           "Group CBT-I was delivered by practice nurses following the NIGHT treatment manual "
           "(version 2.0).\n\n"
           "### Fidelity\n\n"
           "Mean adherence to core components was 87% (SD 9%) and mean competence 4.2 of 6; "
           "inter-rater agreement was good.\n\n"
           "### Outcomes\n\n"
           "The primary outcome was the Insomnia Severity Index at 26 weeks, collected online "
           "by research assistants blinded to allocation.\n\n"
           "## Competing interests\n\n"
           "HJM and RT are authors of the NIGHT treatment manual and receive no royalties.\n",
           "Mean adherence to core components", "receive no royalties"),
    "fr": ("# NUIT : un essai contrôlé randomisé pragmatique\n\n## Méthodes\n\n"
           "### Interventions\n\n"
           "La TCC-I de groupe était dispensée par des infirmières selon le manuel de "
           "traitement NUIT (version 2.0).\n\n"
           "### Fidélité\n\n"
           "La fidélité moyenne aux composantes était de 87 % et la compétence moyenne de "
           "4,2 sur 6 selon la grille de fidélité.\n\n"
           "### Critères de jugement\n\n"
           "Le critère de jugement principal était l'index de sévérité de l'insomnie à 26 "
           "semaines, recueilli en ligne par des assistants de recherche.\n\n"
           "## Liens d'intérêts\n\n"
           "HJM et RT sont les auteurs du manuel de traitement NUIT et ne perçoivent pas de "
           "droits d'auteur.\n",
           "La fidélité moyenne aux composantes", "droits d'auteur"),
}


@pytest.mark.parametrize("lang", sorted(FIDELITY))
def test_fidelity_ratings_and_the_manual_s_authors(lang) -> None:
    """The sessions' fidelity ratings are no data collection of the primary outcome (INT06),
    and the manual's authors' royalties are E05's interests, not INT10's manual."""
    paper, fidelity, royalties = FIDELITY[lang]
    suggestions = suggest(paper, lang, kind="paper")
    assert not quoted(suggestions["INT06"], fidelity), quotation_texts(suggestions["INT06"])
    assert not quoted(suggestions["INT10"], royalties), quotation_texts(suggestions["INT10"])
    assert quoted(suggestions["E05"], royalties), quotation_texts(suggestions["E05"])
