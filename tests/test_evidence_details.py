"""Particulars an invariant asks for (catalogue ``evidence.details``): a suggestion is met only
when they are stated beside its evidence, and the reviewer sees the sentence that states them."""

from __future__ import annotations

from pathlib import Path

from suggestion_support import in_first_sentence, suggest

from checker.documents import extract_document
from checker.evidence import suggest_answers, verify_quotation


def _suggest(catalogue, text: str, element: str | tuple[str, ...], invariant: str,
             lang: str = "en", with_document: bool = True, kind: str | None = None):
    """The suggestion for ``invariant`` when ``element`` (or each of several) is detected in
    the document's first sentence after its heading; ``kind``: the document's, if known."""
    document = extract_document(text.encode(), "protocol.md")
    detections = in_first_sentence(document, (element,) if isinstance(element, str) else element)
    suggestions = suggest_answers(catalogue, "interventional", detections, lang,
                                  document=document if with_document else None, kind=kind)
    suggestion = suggestions[invariant]
    assert all(verify_quotation(document.text, q.text) for q in suggestion.quotations)
    return suggestion


def test_a_protocol_only_submitted_to_the_committee_is_partially_met(catalogue):
    suggestion = _suggest(catalogue, "# Ethics\n\nThe protocol was submitted to the CPP "
                          "Sud-Est II on 3 March 2024.\n", "24_Ethics", "E01")
    assert suggestion.answer == "partially_met"
    assert suggestion.details_missing == ["approval", "reference"]
    assert "The quoted passages do not state: the committee's approval (not only a submission "\
           "to it); the approval reference." in suggestion.rationale["en"]
    # Worded in French for one detail or several, whatever their gender.
    assert "Ces passages n'indiquent pas\u00a0: l'avis favorable du comité "\
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
    # A registration still to be made is a plan, stated as such (catalogue 1.5.5,
    # evidence.not_yet): partially met, quoting the plan, not short of its particulars.
    assert planned.answer == "partially_met" and planned.details_missing == []
    assert "still to be done" in planned.rationale["en"]
    assert planned.quotations[0].text.startswith("The trial will be registered")


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


TRANSPARENCY = ("3b_Protocol_access", "25_Amendments", "12b_Outcomes_Changes", "31d_Sharing_Data")


def test_a_protocol_gives_its_version_and_date(catalogue):
    met = _suggest(catalogue, "# Amendments\n\nSubstantial amendments will be approved by the "
                   "CPP before they are applied and recorded in the registry; de-identified data "
                   "will be shared on request after publication.\nThis is protocol version 3.0, "
                   "dated 2 May 2024.\n", TRANSPARENCY, "E04", kind="protocol")
    assert met.answer == "met" and met.details_missing == []
    version = next(q for q in met.quotations if q.element == "detail:version")
    assert version.text == "This is protocol version 3.0, dated 2 May 2024."
    unversioned = _suggest(catalogue, "# Amendments\n\nSubstantial amendments will be approved "
                           "by the CPP before they are applied; de-identified data will be shared "
                           "on request.\n", TRANSPARENCY, "E04", kind="protocol")
    assert unversioned.answer == "partially_met" and unversioned.details_missing == ["version"]
    assert "The quoted passages do not state: the protocol's version and date." \
        in unversioned.rationale["en"]
    assert "Ces passages n'indiquent pas\u00a0: la version et la date du " \
           "protocole." in unversioned.rationale["fr"]


def test_a_version_without_a_date_is_not_enough(catalogue):
    suggestion = _suggest(catalogue, "# Amendments\n\nAmendments to the protocol (V.1.0) will be "
                          "approved by the IRB (No. DJ-17-14) before they are applied.\n",
                          TRANSPARENCY, "E04", kind="protocol")
    assert suggestion.details_missing == ["version"]


def test_a_paper_says_where_its_protocol_can_be_read(catalogue):
    """A paper is not asked its protocol's version, but where the protocol or the analysis
    plan can be read: a reference, a supplement, a repository, on request."""
    for where in ("The protocol and the statistical analysis plan have been published [12].",
                  "The design is detailed in the published protocol (Borg et al., 2017).",
                  "The full protocol is available from the corresponding author on request.",
                  "The trial protocol can be found in Supplement 1."):
        # The elements' sentence states the changes (E04 quotes item 25 only from a change to
        # the protocol, catalogue 1.5.6); where the protocol can be read follows it.
        met = _suggest(catalogue, "# Methods\n\nThere were no changes to the methods after the "
                       f"trial began, and data are available on request. {where}\n",
                       TRANSPARENCY, "E04", kind="paper")
        assert met.answer == "met" and met.details_missing == [], where
    silent = _suggest(catalogue, "# Methods\n\nThe protocol was approved by the IRB and amended "
                      "once; results of the per-protocol analysis are available in Table 3.\n",
                      TRANSPARENCY, "E04", kind="paper")
    assert silent.answer == "partially_met" and silent.details_missing == ["access"]
    assert "where the protocol or the statistical analysis plan can be read" \
        in silent.rationale["en"]


def test_without_the_kind_every_detail_is_asked(catalogue):
    suggestion = _suggest(catalogue, "# Methods\n\nThe protocol was approved by the IRB and "
                          "amended once; data are shared on request.\n", TRANSPARENCY, "E04")
    assert suggestion.details_missing == ["version", "access"]


DISSEMINATION = ("31a_Dissemination", "31b_Authorship")


def test_a_protocol_commits_to_a_time_and_to_all_results(catalogue):
    met = _suggest(catalogue, "# Dissemination\n\nAll results, whatever their direction, will "
                   "be submitted to a peer-reviewed journal within 12 months of the last "
                   "follow-up, with authorship following the ICMJE criteria.\n", DISSEMINATION,
                   "E13", kind="protocol")
    assert met.answer == "met" and met.details_missing == []
    registry = _suggest(catalogue, "# Dissemination\n\nSummary results will be posted on "
                        "ClinicalTrials.gov no later than one year after the end of the trial, "
                        "and authors will meet the ICMJE criteria.\n", DISSEMINATION, "E13",
                        kind="protocol")
    assert registry.answer == "met"
    vague = _suggest(catalogue, "# Dissemination\n\nThe results will be published in a "
                     "peer-reviewed journal in a timely manner; authorship will follow the ICMJE "
                     "criteria.\n", DISSEMINATION, "E13", kind="protocol")
    assert vague.answer == "partially_met"
    assert vague.details_missing == ["time", "all_results"]
    assert "The quoted passages do not state: the time within which the results will be "\
           "published; that all results will be published whatever their direction (or "\
           "posted in the registry)." in vague.rationale["en"]


def test_a_paper_is_not_asked_its_time_to_publish(catalogue):
    suggestion = _suggest(catalogue, "# Dissemination\n\nThe results will be shared with "
                          "participants by letter; all authors meet the ICMJE criteria.\n",
                          DISSEMINATION, "E13", kind="paper")
    assert suggestion.answer == "met" and suggestion.details_missing == []


def test_transparency_and_publication_in_french(catalogue):
    versioned = _suggest(catalogue, "# Modifications\n\nLes modifications substantielles seront "
                         "soumises au CPP avant leur mise en œuvre ; les données désidentifiées "
                         "seront partagées sur demande.\nIl s'agit de la version 3.0 du "
                         "protocole, datée du 9 octobre 2024.\n", TRANSPARENCY, "E04",
                         lang="fr", kind="protocol")
    assert versioned.answer == "met"
    published = _suggest(catalogue, "# Méthodes\n\nLe protocole et le plan d'analyse "
                         "statistique figurent en annexe S1 ; aucune modification n'a été faite "
                         "et les données sont disponibles sur demande.\n", TRANSPARENCY, "E04",
                         lang="fr", kind="paper")
    assert published.answer == "met"
    committed = _suggest(catalogue, "# Diffusion\n\nTous les résultats, quel qu'en soit le "
                         "sens, seront soumis à une revue à comité de lecture dans les 12 mois "
                         "suivant le dernier suivi ; les auteurs respecteront les critères de "
                         "l'ICMJE.\n", DISSEMINATION, "E13", lang="fr", kind="protocol")
    assert committed.answer == "met"
    vague = _suggest(catalogue, "# Diffusion\n\nLes résultats seront publiés dans une revue à "
                     "comité de lecture ; les auteurs respecteront les critères de l'ICMJE.\n",
                     DISSEMINATION, "E13", lang="fr", kind="protocol")
    assert vague.details_missing == ["time", "all_results"]
    assert "Ces passages n'indiquent pas\u00a0: le délai de publication des "\
           "résultats\u00a0; que tous les résultats seront publiés quel qu'en soit le sens (ou "\
           "déposés dans le registre)." in vague.rationale["fr"]


FRENCH_CBT_PROTOCOL = Path(__file__).with_name("data") / "protocole_tcc_fr.md"


def test_a_french_protocol_without_its_version_is_partially_transparent():
    """The CBT protocol handles amendments and data sharing but gives no version of itself;
    the same protocol with its version and date beside its data-sharing sentence is met."""
    text = FRENCH_CBT_PROTOCOL.read_text("utf-8")
    suggestion = suggest(text)["E04"]
    assert suggestion.answer == "partially_met" and suggestion.details_missing == ["version"]
    assert suggestion.rationale["fr"].endswith(
        "Ces passages n'indiquent pas\u00a0: la version et la date du "
        "protocole.")
    shared = "Les données anonymisées seront partagées sur demande motivée après publication."
    assert shared in text
    versioned = text.replace(shared, f"{shared} Il s'agit de la version 2.0 du protocole, "
                             "datée du 3 mars 2025.")
    assert suggest(versioned)["E04"].answer == "met"
