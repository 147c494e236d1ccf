"""A protocol revised from draft to draft (an English group psychotherapy trial): the
suggestions say what each draft states, no more (catalogue data: INT08's assumptions, INT05's
protocol wording, the providers' qualification)."""

from __future__ import annotations

from suggestion_support import in_first_sentence, suggest

from checker.documents import extract_document
from checker.evidence import detect_elements, verify_quotation

DRAFT_1 = """# GROUPWORK: a randomised trial of group compassion-focused therapy — protocol

## Background

Small uncontrolled studies suggest that group CFT reduces depressive symptoms, but no
adequately powered randomised trial has compared group CFT with usual care.

## Intervention

Participants allocated to the intervention will attend group compassion-focused therapy
sessions over several weeks, in addition to usual care. Groups will be run by trained
therapists at the community mental health team bases.

## Sample size

We plan to recruit 120 participants over 18 months.

## Statistical methods

The primary analysis will compare BDI-II scores at 6 months between the two groups.
"""

DRAFT_2 = """# GROUPWORK: a randomised trial of group compassion-focused therapy — protocol

## Intervention

Participants allocated to the intervention will attend 12 weekly group sessions of
compassion-focused therapy, each lasting 90 minutes, with 8 to 10 participants per group.
Groups will be run by two clinical psychologists trained in CFT at the community mental
health team bases, with fortnightly supervision.

## Sample size

A sample size of 128 participants (64 per arm) gives 90% power at a two-sided 5%
significance level to detect a difference of 5 points on the BDI-II (standard deviation
10), allowing for 20% loss to follow-up. We plan to recruit these 128 participants over 18
months.

## Blinding

Because of the nature of the intervention, participants and therapists cannot be blinded to
allocation. Outcome assessors will be blinded to allocation, and participants will be asked
not to reveal their group to them.
"""


def _verified_suggestions(text: str):
    """The draft's suggestions, each of their quotations checked to be verbatim."""
    document = extract_document(text.encode(), "protocol.md")
    suggestions = suggest(document, "en")
    for suggestion in suggestions.values():
        assert all(verify_quotation(document.text, q.text) for q in suggestion.quotations)
    return suggestions


def test_a_recruitment_target_alone_is_no_sample_size_calculation():
    """Draft 1 states how many it will recruit, with no assumption: INT08 is partially met
    (it was met, quoting the target and a background sentence about powered trials, which
    is about other trials)."""
    int08 = _verified_suggestions(DRAFT_1)["INT08"]
    assert int08.answer == "partially_met"
    assert [q.text for q in int08.quotations] == [
        "We plan to recruit 120 participants over 18 months."]
    assert ("Found only in sentences about another matter (check): how the sample size was "
            "calculated.") in int08.rationale["en"]


def test_a_calculation_named_without_any_assumption_is_partially_met():
    """Both elements found in one sentence that gives no assumption: the catalogue's detail
    (one assumption at least) makes it partially met, and says what is missing."""
    text = ("# Sample size\n\nThe sample size was calculated for the primary outcome: 120 "
            "participants will be recruited.\n\n# Recruitment\n\nCare coordinators will "
            "approach eligible patients.\n")
    document = extract_document(text.encode(), "protocol.md")
    detections = in_first_sentence(document, ("14a_Sample_size", "14b_Sample_Calculation"))
    int08 = suggest(document, "en", detections=detections)["INT08"]
    assert int08.answer == "partially_met" and int08.details_missing == ["assumptions"]
    assert "an assumption of the calculation" in int08.rationale["en"]
    assert "une hypothèse du calcul" in int08.rationale["fr"]
    # With its power and the difference to detect, the same sentence makes it met.
    text = text.replace("120 participants will be recruited",
                        "120 participants give 90% power to detect a difference of 5 points")
    document = extract_document(text.encode(), "protocol.md")
    detections = in_first_sentence(document, ("14a_Sample_size", "14b_Sample_Calculation"))
    assert suggest(document, "en", detections=detections)["INT08"].answer == "met"


def test_a_calculation_with_its_assumptions_is_met_and_not_quoted_from_the_group_size():
    int08 = _verified_suggestions(DRAFT_2)["INT08"]
    assert int08.answer == "met" and int08.details_missing == []
    texts = [q.text for q in int08.quotations]
    assert texts[0].startswith("A sample size of 128 participants")
    # "8 to 10 participants per group" is a therapy group's size, not the sample's.
    assert not any("8 to 10 participants per group" in t for t in texts)


def test_a_protocols_assessor_blinding_is_quoted():
    """"Outcome assessors will be blinded to allocation" (a plan, in the future tense) is
    the evidence of blinded outcome assessment a reviewer looks for."""
    int05 = _verified_suggestions(DRAFT_2)["INT05"]
    assert any(q.text.startswith("Outcome assessors will be blinded to allocation")
               for q in int05.quotations)


def test_clinical_psychologists_trained_in_the_therapy_are_qualified_professionals():
    suggestions = _verified_suggestions(DRAFT_2)
    for invariant in ("E12", "INT12"):
        assert "X_professional_qualification" in suggestions[invariant].elements_found, \
            invariant
    assert any("two clinical psychologists trained in CFT" in q.text
               for q in suggestions["E12"].quotations)


def test_a_health_nurse_or_an_authors_title_is_no_qualification_statement(catalogue):
    text = ("# Methods\n\nNo health nurse receives more than two visits during the study.\n\n"
            "# Authors\n\nAnu Kangasniemi, Researcher, Health Psychologist, M.Sc., Clinical "
            "Psychologist, Research Center for Sport.\n")
    document = extract_document(text.encode(), "protocol.md")
    detections = detect_elements(document, kind="protocol", lang="en")
    assert "X_professional_qualification" not in {d.element for d in detections}


def test_the_assumptions_are_read_as_written(catalogue):
    """« ET » is the French abbreviation of a standard deviation in capitals only: « et 49 »
    is "and 49"; "SD 10" is one, "sd" alone is not written so."""
    from checker.catalogue.patterns import any_pattern

    int08 = catalogue.invariant("INT08")
    (detail,) = int08.evidence.details
    french = any_pattern(tuple(detail.patterns_for("fr")))
    english = any_pattern(tuple(detail.patterns_for("en")))
    assert not french.search("50 pour le bras A, 48 pour le bras B et 49 pour le bras C.")
    assert french.search("un écart-type de 10 points") and french.search("(ET 10)")
    assert french.search("une puissance de 90 % et un risque alpha de 5 %")
    assert english.search("(SD 10)") and english.search("90% power")
    assert not english.search("We plan to recruit 120 participants over 18 months.")
