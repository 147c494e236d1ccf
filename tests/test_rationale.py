"""A suggestion's rationale reads as a reviewer's note, in English and in French: it becomes
the answer's justification once accepted, and goes as written into the reports and the
structured review pasted to authors. A quotation joined from several places gives the place of
each part. Answers accepted with the earlier wording are still the suggestion's words."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from types import SimpleNamespace

from conftest import create_assessment, post
from pypdf import PdfReader
from test_evidence import _Catalogue, _invariant
from test_suggestions import answers_of, upload

from checker.evidence import Detection, suggest_answers
from checker.evidence.rationale import evidence_rationale
from checker.evidence.suggest import Quotation, Suggestion
from checker.extensions import db
from checker.services.locations import joined_location, location_parts
from checker.services.records import AnswerRecord
from checker.services.suggestions import _suggested_values
from exports.context import location
from exports.labels import labels

NBSP = "\u00a0"


def test_found_missing_and_inferred_elements_read_as_a_reviewer_s_note(catalogue):
    rationale = evidence_rationale(catalogue, ["31d_Sharing_Data", "3b_Protocol_access"],
                                   ["25_Amendments", "12b_Outcomes_Changes"], False,
                                   ["3b_Protocol_access"])
    assert rationale["en"] == (
        "The document reports: data sharing. It does not seem to report: protocol amendments; "
        "changes to outcomes after the study began. Perhaps reported, with no sentence to show "
        "it (check): where the protocol can be accessed.")
    assert rationale["fr"] == (
        f"Le document rapporte{NBSP}: partage des données. Il ne semble pas rapporter{NBSP}: "
        f"amendements au protocole{NBSP}; changements des critères de jugement après le "
        "début de l'étude. Le document aborde peut-être, sans phrase qui le montre (à vérifier)"
        f"{NBSP}: accès au protocole.")


def test_no_item_code_nor_detector_wording(catalogue):
    """The SPIRIT/CONSORT codes stay in the JSON analysis and the document view."""
    rationale = evidence_rationale(catalogue, ["17a_Masking_People_masked"],
                                   ["21b_Interim_analyses"], False, [])
    for text in rationale.values():
        assert "SPIRIT" not in text and "17a" not in text and "détect" not in text.lower()
        assert "detect" not in text.lower()
    assert rationale["en"] == ("The document reports: who is blinded. It does not seem to "
                               "report: interim analyses.")


def test_names_holding_commas_are_separated_by_semicolons(catalogue):
    rationale = evidence_rationale(catalogue, [], ["30_Post_trial_care", "4_Funding"], False, [])
    assert rationale["en"] == ("The document does not seem to report: ancillary care and care "
                               "after the study, compensation; sources of funding.")
    assert rationale["fr"] == (f"Le document ne semble pas rapporter{NBSP}: soins annexes et après "
                               f"l'étude, indemnisation{NBSP}; sources de financement.")


def test_a_sentence_in_the_invariant_s_words_alone(catalogue):
    rationale = evidence_rationale(catalogue, [], ["X_patient_involvement", "X_codesign"], True, [])
    # The quotation may show what the usual wording did not find: the note does not say the
    # document lacks it, which would contradict the quotation shown under it.
    rationale = evidence_rationale(catalogue, [], ["X_patient_involvement", "X_codesign"], True, [],
                                   cue_quoted=True)
    assert rationale["en"] == ("The quotation holds this invariant's key words. Not found in "
                               "the document in the words usually used for them; the quotation "
                               "may say them in other words (check): patient and public "
                               "involvement; co-design with users or practitioners.")
    assert rationale["fr"].startswith(
        f"La citation contient les mots-clés de cet invariant. Le document ne les énonce pas "
        f"avec les mots habituels{NBSP}; la citation les énonce peut-être autrement (à "
        f"vérifier){NBSP}: implication des patients")
    for text in rationale.values():
        assert "does not" not in text and "ne semble pas" not in text


def test_an_element_inferred_beside_a_quotation_in_the_invariant_s_words(catalogue):
    """E01 quoted a CPP sentence by its own cues while its approval element was inferred:
    "Perhaps reported, with no sentence to show it" read against the sentence shown."""
    rationale = evidence_rationale(catalogue, ["24_Ethics"], [], False, ["24_Ethics"],
                                   cue_quoted=True)
    label = catalogue.element_label("24_Ethics", "en")
    assert rationale["en"] == ("Not found in the document in the words usually used for it; "
                               "the quotation may say it in other words (check): "
                               f"{label[0].lower()}{label[1:]}.")
    assert "no sentence" not in rationale["en"] and "sans phrase" not in rationale["fr"]
    assert rationale["fr"].startswith(
        f"Le document ne l'énonce pas avec les mots habituels{NBSP}; la citation l'énonce "
        f"peut-être autrement (à vérifier){NBSP}:")


def test_the_note_on_words_not_found_is_plain_for_a_submitter(catalogue):
    """« Formulation habituelle non trouvée » and "Usual wording not found" read as jargon to
    a submitter reading a dossier's reports: the note says what was not found, where, and what
    to check, and never that the document lacks it (the quotation may say it)."""
    for found, unquoted in (([], []), (["24_Ethics"], ["24_Ethics"])):
        rationale = evidence_rationale(catalogue, found, ["X_codesign"] if not found else [],
                                       True, unquoted, cue_quoted=True)
        for text in rationale.values():
            assert "wording" not in text and "Formulation" not in text
            assert "does not seem" not in text and "ne semble pas" not in text
        assert "in other words (check)" in rationale["en"]
        assert f"autrement (à vérifier){NBSP}:" in rationale["fr"]


def test_an_acronym_keeps_its_capitals():
    catalogue = SimpleNamespace(element_label=lambda element, lang: element)
    rationale = evidence_rationale(catalogue, ["NPI dose", "Dose"], [], False, [])
    assert rationale["en"] == "The document reports: NPI dose; dose."


def test_nothing_asked_of_this_kind_of_document_and_nothing_found():
    catalogue = SimpleNamespace(element_label=lambda element, lang: element)
    assert evidence_rationale(catalogue, [], [], False, []) == {
        "en": "The document reports nothing that shows this.",
        "fr": "Le document ne rapporte rien qui l'atteste."}


def test_an_observational_study_s_design_is_not_said_missing(catalogue):
    """OBS01 of a cohort paper: its trial-design element, which reads a trial's design, is
    named as such and only as not seeming to be reported; a neutral name ("study design (…,
    cohort…)") made the note deny a cohort design the paper reports."""
    obs01 = catalogue.invariant("OBS01")
    assert "8a_Design_Type" in obs01.evidence.elements
    rationale = evidence_rationale(catalogue, ["X_observational_design"], ["8a_Design_Type"], False,
                                   [])
    for text in rationale.values():
        assert "cohort" not in text
    assert rationale["en"].endswith("It does not seem to report: trial design (parallel, "
                                    "cluster, crossover…).")
    assert rationale["fr"].endswith(f"Il ne semble pas rapporter{NBSP}: schéma de l'essai "
                                    "(parallèle, en grappes, croisé…).")
    e03 = evidence_rationale(catalogue, ["3a_Registry_number"], [], False, [])
    assert e03["en"] == "The document reports: registry and registration number."


def test_a_suggestion_s_rationale_in_both_languages_from_detections():
    """Through suggest_answers, with the element ids as their names."""
    catalogue = _Catalogue([_invariant("E02", ["26a_Consent_Obtaining",
                                               "32_Informed_consent_materials"], [])])
    detection = Detection("26a_Consent_Obtaining", "Consent will be obtained in writing.", 0,
                          36, None, "", 0.8, 1)
    e02 = suggest_answers(catalogue, "interventional", [detection])["E02"]
    assert e02.rationale == {
        "en": "The document reports: 26a_Consent_Obtaining. It does not seem to report: "
              "32_Informed_consent_materials.",
        "fr": f"Le document rapporte{NBSP}: 26a_Consent_Obtaining. Il ne semble pas "
              f"rapporter{NBSP}: 32_Informed_consent_materials."}


# --- the place of each part of a quotation ----------------------------------------------

def _suggestion(*places: tuple[int | None, str]) -> Suggestion:
    quotations = [Quotation(f"Sentence number {n} of the document.", n * 100, n * 100 + 30,
                            page, section, "cue") for n, (page, section) in enumerate(places)]
    return Suggestion("E03", "met", 0.9, quotations=quotations,
                      rationale={"en": "r", "fr": "r"})


def test_parts_from_several_places_each_give_theirs():
    values = _suggested_values(_suggestion((2, "2.1 Study design"), (1, "Abstract")), "en")
    assert (values["page"], values["section"]) == ("2; 1", "2.1 Study design; Abstract")
    assert location_parts(values["page"], values["section"]) == [
        ("2", "2.1 Study design"), ("1", "Abstract")]
    assert location(labels("en"), values["page"], values["section"]) == \
        "p. 2, 2.1 Study design; p. 1, Abstract"
    assert location(labels("fr"), values["page"], values["section"]) == \
        f"p. 2, 2.1 Study design{NBSP}; p. 1, Abstract"


def test_parts_from_one_place_give_it_once():
    values = _suggested_values(_suggestion((2, "Methods"), (2, "Methods")), "en")
    assert (values["page"], values["section"]) == ("2", "Methods")
    assert location(labels("en"), "2", "Methods") == "p. 2, Methods"


def test_a_part_without_page_or_section():
    values = _suggested_values(_suggestion((None, "Methods"), (None, "")), "en")
    assert (values["page"], values["section"]) == ("", "Methods; ")
    # A part in no section stands before the first heading: named so, not left out.
    assert location(labels("en"), values["page"], values["section"]) == \
        "Methods; start of the document"
    assert location(labels("fr"), values["page"], values["section"]) == \
        f"Methods{NBSP}; début du document"
    values = _suggested_values(_suggestion((1, "2.1 Design"), (1, "")), "en")
    assert location(labels("en"), values["page"], values["section"]) == \
        "p. 1, 2.1 Design; p. 1"


def test_parts_from_one_place_among_others_give_it_once():
    """Two sentences of one section and one of another (a DOCX, without pages; a PDF): the
    reports name each place once, in the order of the parts."""
    values = _suggested_values(_suggestion((None, "7. Sécurité"), (None, "7. Sécurité"),
                                           (None, "2.2 Objectifs secondaires")), "fr")
    assert location(labels("fr"), values["page"], values["section"]) == \
        f"7. Sécurité{NBSP}; 2.2 Objectifs secondaires"
    values = _suggested_values(_suggestion((2, "Methods"), (1, "Abstract"), (2, "Methods")),
                               "en")
    assert location(labels("en"), values["page"], values["section"]) == \
        "p. 2, Methods; p. 1, Abstract"


def test_long_sections_still_pair_and_fit_the_field():
    page, section = joined_location([("1", "A" * 150), ("2", "B; C " * 40), ("3", "D")])
    assert len(section) <= 200 and page == "1; 2; 3"
    parts = location_parts(page, section)
    assert [p for p, _ in parts] == ["1", "2", "3"] and parts[2][1] == "D"
    assert parts[0][1].endswith("…")


def test_what_a_person_typed_is_shown_as_typed():
    assert location(labels("en"), "3", "Methods; Results") == "p. 3, Methods; Results"
    assert location(labels("en"), "", "") == ""
    assert location_parts("12", "Methods") == [("12", "Methods")]


# --- through the web ----------------------------------------------------------------------

TWO_PLACES = """Yoga for chronic low back pain: a randomised trial protocol

Abstract
Trial registration: ClinicalTrials.gov NCT01234567, registered on 2 April 2024.

Methods
The trial was registered on ClinicalTrials.gov (NCT01234567) on 2 April 2024, before the
first participant was included.
"""


def test_the_reports_give_the_place_of_each_part(app, auth_client):
    uid = create_assessment(auth_client, **upload(TWO_PLACES))
    e03 = answers_of(app, uid)["E03"]
    assert "\n[…]\n" in e03.quotation
    # A text file has no pages: the sections, in the order of the parts.
    parts = location_parts(e03.page, e03.section)
    assert e03.page == "" and sorted(parts) == [("", "Abstract"), ("", "Methods")]
    sections = [section for _, section in parts]
    review = auth_client.get(f"/assessments/{uid}/review.txt?lang=en").get_data(as_text=True)
    assert "; ".join(sections) in review
    review = auth_client.get(f"/assessments/{uid}/review.txt?lang=fr").get_data(as_text=True)
    assert f"{NBSP}; ".join(sections) in review
    results = auth_client.get(f"/assessments/{uid}/results").get_data(as_text=True)
    assert f"<td>{'; '.join(sections)}</td>" in results


def test_an_answer_accepted_with_the_earlier_wording_is_still_the_suggestion_s(app,
                                                                               auth_client):
    """Answers keep the rationale they were suggested with (``suggested_justification``): an
    answer accepted before the wording changed still reads as the suggestion's words in the
    reports, and a new run of suggestions leaves it alone."""
    earlier = {"en": "Elements detected: Ethics approval (SPIRIT/CONSORT 24).",
               "fr": f"Éléments détectés{NBSP}: Avis du comité d'éthique (SPIRIT/CONSORT 24)."}
    uid = create_assessment(auth_client, **upload())
    e01 = answers_of(app, uid)["E01"]
    assert e01.suggested_justification["en"].startswith("The document reports")
    with app.app_context():
        row = db.session.get(type(e01), e01.id)
        row.justification, row.suggested_justification = earlier["en"], earlier
        db.session.commit()
    post(auth_client, f"/assessments/{uid}/suggestions/E01/accept", {"version": e01.version})
    post(auth_client, f"/assessments/{uid}/suggestions")  # the new wording, for pending ones
    e01 = answers_of(app, uid)["E01"]
    assert (e01.origin, e01.justification) == ("human", earlier["en"])
    assert e01.suggested_justification == earlier
    results = auth_client.get(f"/assessments/{uid}/results").get_data(as_text=True)
    assert "(suggestion&#39;s rationale, accepted by alice)" in results \
        or "(suggestion's rationale, accepted by alice)" in results
    pdf = auth_client.get(f"/assessments/{uid}/report.pdf?lang=fr").get_data()
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
                    .split())
    assert re.sub(r"\s", " ", f"acceptée par alice){NBSP}: {earlier['fr']}") in \
        re.sub(r"\s", " ", text)
    record = AnswerRecord("E01", "met", earlier["en"], origin="human",
                          suggested_justification=earlier)
    assert record.accepted_rationale
    assert not replace(record, justification=earlier["en"] + " Checked.").accepted_rationale


def test_an_accepted_suggestion_keeps_the_particulars_quoted_after_its_first_three():
    quotations = [Quotation(f"Sentence number {n} of the document.", n * 100, n * 100 + 30,
                            n + 1, "Methods", element)
                  for n, element in enumerate(["cue", "cue", "cue", "cue", "detail:grading",
                                               "secondary"])]
    suggestion = Suggestion("INT13", "met", 0.9, quotations=quotations,
                            rationale={"en": "r", "fr": "r"})
    values = _suggested_values(suggestion, "en")
    kept = [part.strip() for part in values["quotation"].split("[…]")]
    # the first three, then the particular and the further part, not the fourth cue sentence
    assert kept == [f"Sentence number {n} of the document." for n in (0, 1, 2, 4, 5)]
    assert values["page"] == "1; 2; 3; 5; 6"
