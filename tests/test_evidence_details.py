"""Particulars an invariant asks for (catalogue ``evidence.details``): a suggestion is met only
when they are stated beside its evidence, and the reviewer sees the sentence that states them."""

from __future__ import annotations

import pytest

from checker.catalogue import get_catalogue
from checker.documents import extract_document
from checker.evidence import Detection, suggest_answers, verify_quotation


@pytest.fixture(scope="module")
def catalogue():
    return get_catalogue()


def _suggest(catalogue, text: str, element: str | tuple[str, ...], invariant: str,
             lang: str = "en", with_document: bool = True):
    """The suggestion for ``invariant`` when ``element`` (or each of several) is detected in
    the document's first sentence after its heading."""
    document = extract_document(text.encode(), "protocol.md")
    sentence = next(s for s in document.sentences if not document.is_heading(s))
    detections = [Detection(e, document.sentence_text(sentence), sentence.start, sentence.end,
                            None, sentence.section, 0.9, 1)
                  for e in ((element,) if isinstance(element, str) else element)]
    suggestions = suggest_answers(catalogue, "interventional", detections, lang,
                                  document=document if with_document else None)
    suggestion = suggestions[invariant]
    assert all(verify_quotation(document.text, q.text) for q in suggestion.quotations)
    return suggestion


def test_a_protocol_only_submitted_to_the_committee_is_partially_met(catalogue):
    suggestion = _suggest(catalogue, "# Ethics\n\nThe protocol was submitted to the CPP "
                          "Sud-Est II on 3 March 2024.\n", "24_Ethics", "E01")
    assert suggestion.answer == "partially_met"
    assert suggestion.details_missing == ["approval", "reference"]
    assert "Not stated beside this evidence: the committee's approval (not only a submission "\
           "to it); the approval reference." in suggestion.rationale["en"]
    # Worded in French for one detail or several, whatever their gender.
    assert "Ce qui n'est pas indiqué à côté de ces éléments\u00a0: l'avis favorable du comité "\
           "(pas seulement sa saisine)\u00a0; la référence de l'avis." in suggestion.rationale["fr"]


def test_approval_with_reference_and_date_is_met(catalogue):
    suggestion = _suggest(catalogue, "# Ethics\n\nThe protocol was approved by the CPP "
                          "Sud-Est II (ref. 2024-A01234-56) on 12 March 2024.\n",
                          "24_Ethics", "E01")
    assert suggestion.answer == "met" and suggestion.details_missing == []
    assert "Not stated" not in suggestion.rationale["en"]


def test_a_detail_in_the_next_sentence_counts_and_is_quoted(catalogue):
    suggestion = _suggest(catalogue, "# Ethics\n\nThe protocol was approved by the Ethics "
                          "Committee of Lyon (approval number 2019-123).\nThe approval was "
                          "given on 5 May 2019.\n\n# Methods\n\nAdults aged 18 to 65 were "
                          "eligible.\n", "24_Ethics", "E01")
    assert suggestion.answer == "met"
    texts = [q.text for q in suggestion.quotations]
    assert "The approval was given on 5 May 2019." in texts
    assert next(q for q in suggestion.quotations
                if q.text.startswith("The approval was")).element == "detail:date"


def test_a_date_two_sentences_away_does_not_count(catalogue):
    suggestion = _suggest(catalogue, "# Ethics\n\nThe protocol was approved by the Ethics "
                          "Committee of Lyon (approval number 2019-123).\nParticipants give "
                          "written consent.\nRecruitment started on 5 May 2019.\n",
                          "24_Ethics", "E01")
    assert suggestion.answer == "partially_met" and suggestion.details_missing == ["date"]


def test_approval_to_be_sought_is_no_approval(catalogue):
    suggestion = _suggest(catalogue, "# Ethics\n\nThe protocol (version 2, 12 March 2024, "
                          "ref. P-2024-17) will be submitted to the IRB for approval.\n",
                          "24_Ethics", "E01")
    assert suggestion.answer == "partially_met" and suggestion.details_missing == ["approval"]


def test_a_registry_number_is_not_an_approval_reference(catalogue):
    suggestion = _suggest(catalogue, "# Ethics\n\nThe study was approved by the IRB of "
                          "Emory University in June 2015 and registered at ClinicalTrials.gov "
                          "(registration number NCT02239250).\n", "24_Ethics", "E01")
    assert suggestion.details_missing == ["reference"]


def test_french_wording(catalogue):
    met = _suggest(catalogue, "# Éthique\n\nLe protocole a reçu l'avis favorable du CPP "
                   "Sud-Est II (réf. 2024-A01234-56) le 12 mars 2024.\n", "24_Ethics", "E01",
                   lang="fr")
    assert met.answer == "met"
    submitted = _suggest(catalogue, "# Éthique\n\nLe protocole a été soumis au CPP Sud-Est II "
                         "pour avis.\n", "24_Ethics", "E01", lang="fr")
    assert submitted.answer == "partially_met"
    assert submitted.details_missing == ["approval", "reference", "date"]
    numbered = _suggest(catalogue, "# Éthique\n\nLe comité d'éthique de l'hôpital d'Anvers a "
                        "approuvé le protocole le 17 octobre 2016 sous le numéro de protocole "
                        "EC UZA 16/35/360.\n", "24_Ethics", "E01", lang="fr")
    assert numbered.answer == "met"


def test_registration_needs_its_identifier_and_date(catalogue):
    met = _suggest(catalogue, "# Registration\n\nThe trial was registered at ClinicalTrials.gov "
                   "(NCT01234567) on 2 May 2023.\n", "3a_Registry_number", "E03")
    assert met.answer == "met"
    no_date = _suggest(catalogue, "# Registration\n\nThe trial is registered at "
                       "ClinicalTrials.gov (NCT01234567).\n", "3a_Registry_number", "E03")
    assert no_date.answer == "partially_met" and no_date.details_missing == ["date"]
    planned = _suggest(catalogue, "# Registration\n\nThe trial will be registered at "
                       "ClinicalTrials.gov before the first inclusion.\n",
                       "3a_Registry_number", "E03")
    assert planned.details_missing == ["identifier", "date"]


def test_without_the_document_details_cannot_be_checked(catalogue):
    """Elements alone (no text to search) keep the element rule: the CLI's JSON of detections
    can be turned into suggestions without the document."""
    suggestion = _suggest(catalogue, "# Ethics\n\nThe protocol was submitted to the CPP.\n",
                          "24_Ethics", "E01", with_document=False)
    assert suggestion.answer == "met" and suggestion.details_missing == []


def test_invariants_without_details_are_unchanged(catalogue):
    suggestion = _suggest(catalogue, "# Data\n\nData are pseudonymised and stored on a secure "
                          "server of the sponsor.\n", ("27_Confidentiality", "19_Data_Management"),
                          "E07")
    assert suggestion.answer == "met" and suggestion.details_missing == []


FUNDING = ("4_Funding", "5a_Sponsor")


def test_funding_needs_grant_numbers_and_the_funders_role(catalogue):
    met = _suggest(catalogue, "# Funding\n\nThe trial, sponsored by the Hospices Civils de "
                   "Lyon, is funded by the French Ministry of Health (PHRC-N 2019, grant "
                   "PHRC-19-0345).\nThe funder had no role in the design, analysis or "
                   "reporting of the trial.\n", FUNDING, "E06")
    assert met.answer == "met" and met.details_missing == []
    unnumbered = _suggest(catalogue, "# Funding\n\nThe trial, sponsored by the Hospices Civils "
                          "de Lyon, is funded by research awards from two charities.\n",
                          FUNDING, "E06")
    assert unnumbered.answer == "partially_met"
    assert unnumbered.details_missing == ["grant", "role"]


def test_an_unfunded_study_needs_no_grant_number(catalogue):
    suggestion = _suggest(catalogue, "# Funding\n\nThe study, sponsored by the University of "
                          "Lille, received no specific funding; the sponsor had no role in its "
                          "analysis.\n", FUNDING, "E06")
    assert suggestion.answer == "met"


def test_funding_in_french(catalogue):
    suggestion = _suggest(catalogue, "# Financement\n\nL'étude, promue par le CHU de Lille, est "
                          "financée par l'ANR (subvention n° ANR-21-CE17-0012) ; le financeur "
                          "n'a joué aucun rôle dans l'analyse.\n", FUNDING, "E06", lang="fr")
    assert suggestion.answer == "met"
    year_only = _suggest(catalogue, "# Financement\n\nL'étude, promue par le CHU de Lille, a "
                         "reçu un financement de la Fondation de France en 2021.\n", FUNDING,
                         "E06", lang="fr")
    assert year_only.details_missing == ["grant", "role"]
