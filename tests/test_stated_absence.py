"""A sentence that states that what an invariant asks is not done ("Patients were not
involved.") is not its evidence; an explicit statement of absence is suggested not met, a
statement that it is still to be done partially met, and silence never not met
(``evidence.absence`` and ``evidence.not_yet`` in the catalogue)."""

from __future__ import annotations

import copy

import pytest
from suggestion_support import quotation_texts, suggest

from checker.catalogue import get_catalogue
from checker.catalogue.loader import catalogue_from_data
from checker.catalogue.validate import validate
from checker.evidence.suggest import ABSENCE, NOT_YET, suggest_answers

# The walkthrough's first draft of an interventional trial protocol (tom-trial-protocol-v1).
HEAD = {
    "en": "# Group therapeutic patient education in type 2 diabetes: protocol of a randomised "
          "trial\n\n## Administrative information\n\nProtocol version 1.0, 2 October 2026.\n\n"
          "## Methods\n\nAdults with type 2 diabetes will be randomised (1:1) to the group "
          "programme or usual care.\n",
    "fr": "# Éducation thérapeutique en groupe dans le diabète de type 2 : protocole d'un "
          "essai randomisé\n\n## Informations administratives\n\nProtocole version 1.0 du "
          "2 octobre 2026.\n\n## Méthodes\n\nLes adultes atteints de diabète de type 2 seront "
          "randomisés (1:1) entre le programme en groupe et les soins courants.\n",
}


NOT_INVOLVED = [
    ("en", "paper", "Patients were not involved."),  # the walkthrough's
    ("en", "paper", "Patients and public were not involved in the design of the study."),
    ("en", "protocol", "The study was designed without involvement from patients or the "
                       "public."),
    ("en", "paper", "There was no patient or public involvement in this study."),
    ("fr", "paper", "Les patients n'ont pas été associés à la conception de l'étude."),
    ("fr", "protocol", "Les patients et le public ne sont pas activement impliqués dans "
                       "le déroulement de cette étude."),
    ("fr", "paper", "Il n'y a pas eu de participation des patients à cette étude."),
]


@pytest.mark.parametrize("lang, kind, sentence", NOT_INVOLVED)
def test_patients_not_involved_is_not_met_quoting_it(lang: str, kind: str,
                                                      sentence: str) -> None:
    """E11: a sentence saying patients were not involved is no evidence of their involvement
    (it was "Partially met, Elements detected: Patient and public involvement"): it is the
    document's own statement that they were not, so not met, quoting it."""
    heading = "Patient and public involvement" if lang == "en" else \
        "Implication des patients et du public"
    e11 = suggest(f"{HEAD[lang]}\n## {heading}\n\n{sentence}\n", lang, kind=kind)["E11"]
    assert e11.answer == "not_met", (e11.answer, e11.quotations)
    assert quotation_texts(e11) == [sentence]
    assert e11.quotations[0].element == ABSENCE
    assert "X_patient_involvement" not in e11.elements_found
    assert "states" in e11.rationale["en"] and "indique" in e11.rationale["fr"]
    assert "The document reports" not in e11.rationale["en"]


@pytest.mark.parametrize("lang", sorted(HEAD))
def test_silence_is_never_not_met(lang: str) -> None:
    """Without a word on involvement, E11 is not reported, not "not met"."""
    e11 = suggest(HEAD[lang], lang)["E11"]
    assert e11.answer == "not_reported"


@pytest.mark.parametrize("lang, text", [
    ("en", "## Background\n\nIn earlier trials of group education, patients were not "
           "involved in the design."),
    ("fr", "## Contexte\n\nDans les essais antérieurs d'éducation en groupe, les patients "
           "n'ont pas été associés à la conception."),
])
def test_a_statement_about_other_studies_is_not_this_ones(lang: str, text: str) -> None:
    """Only the trial's own report states what this trial did: a background sentence about
    earlier trials is not quoted as evidence, nor as this trial's absence (not "not met")."""
    e11 = suggest(f"{HEAD[lang]}\n{text}\n", lang)["E11"]
    assert e11.answer == "not_reported", (e11.answer, e11.quotations)


@pytest.mark.parametrize("lang, text", [
    ("en", "Two patient partners from a diabetes association co-designed the sessions. "
           "Patients were not involved in the statistical analysis."),
    ("fr", "Deux patients partenaires d'une association de patients diabétiques ont "
           "co-construit les séances. Les patients n'ont pas été associés à l'analyse "
           "statistique."),
])
def test_involvement_reported_elsewhere_wins(lang: str, text: str) -> None:
    """A statement that patients were not involved in one stage does not undo the involvement
    reported beside it: the suggestion rests on that, and does not quote the absence."""
    e11 = suggest(f"{HEAD[lang]}\n{text}\n", lang)["E11"]
    assert e11.answer in ("partially_met", "met"), e11.answer
    assert e11.quotations and all(q.element != ABSENCE for q in e11.quotations)
    assert not any("analys" in quoted for quoted in quotation_texts(e11)), quotation_texts(e11)


@pytest.mark.parametrize("lang, sentence", [
    ("en", "Trial registration: to be registered."),  # the walkthrough's
    ("en", "The trial will be registered at ClinicalTrials.gov."),
    ("fr", "Enregistrement de l'essai : à enregistrer."),
    ("fr", "L'essai sera enregistré sur ClinicalTrials.gov."),
])
def test_a_registration_still_to_be_made_is_a_plan_not_a_registration(
        lang: str, sentence: str) -> None:
    """E03: "to be registered" is not the trial's registration (no registry identifier was
    "detected"); for a protocol it is a plan to register, which E03's guidance calls
    partially met, quoted as such."""
    e03 = suggest(f"{HEAD[lang]}\n{sentence}\n", lang)["E03"]
    assert e03.answer == "partially_met", (e03.answer, e03.quotations)
    assert quotation_texts(e03) == [sentence]
    assert e03.quotations[0].element == NOT_YET
    assert e03.elements_found == []
    assert "still to be done" in e03.rationale["en"]


@pytest.mark.parametrize("lang, sentence", [
    ("en", "The trial was not registered in a public registry."),
    ("fr", "L'étude n'a pas été enregistrée dans un registre public."),
])
def test_a_trial_not_registered_is_not_met(lang: str, sentence: str) -> None:
    e03 = suggest(f"{HEAD[lang]}\n{sentence}\n", lang, kind="paper")["E03"]
    assert e03.answer == "not_met", (e03.answer, e03.quotations)
    assert quotation_texts(e03) == [sentence]


@pytest.mark.parametrize("lang, sentence", [
    # A registration made late, declared with its reason: partially met (E03's guidance).
    ("en", "Due to a misunderstanding in the process, the study was not registered in "
           "ClinicalTrials.gov before commencing the data collection."),
    ("fr", "À la suite d'un malentendu dans la procédure, l'étude n'a pas été enregistrée "
           "sur ClinicalTrials.gov avant le début du recueil des données."),
])
def test_a_late_registration_is_not_an_absence(lang: str, sentence: str) -> None:
    e03 = suggest(f"{HEAD[lang]}\n{sentence}\n", lang, kind="paper")["E03"]
    assert e03.answer != "not_met"


@pytest.mark.parametrize("lang, sentence", [
    ("en", "Adverse events will be registered and reported to the sponsor."),
    ("fr", "Les événements indésirables seront enregistrés et déclarés au promoteur."),
])
def test_recording_is_not_registration(lang: str, sentence: str) -> None:
    """"will be registered" (recorded) of adverse events states nothing about E03."""
    e03 = suggest(f"{HEAD[lang]}\n{sentence}\n", lang)["E03"]
    assert e03.answer == "not_reported", (e03.answer, e03.quotations)


@pytest.mark.parametrize("lang, invariant, kind, sentence", [
    ("en", "E05", "paper", "Competing interests: none declared."),
    ("fr", "E05", "paper", "Liens d'intérêts : les auteurs déclarent n'avoir aucun lien "
                           "d'intérêts."),
    ("en", "E06", "paper", "No funding was received for this study."),
    ("fr", "E06", "paper", "Cette étude n'a bénéficié d'aucun financement."),
    ("en", "INT13", "paper", "No adverse events occurred in either group during the trial."),
    ("fr", "INT13", "paper", "Aucun événement indésirable n'est survenu dans l'un ou l'autre "
                             "groupe pendant l'essai."),
])
def test_a_declaration_of_none_stays_evidence(lang: str, invariant: str, kind: str,
                                              sentence: str) -> None:
    """Declaring no competing interests, no funding or no adverse event reports the item:
    these invariants have no absence patterns, and the declaration is quoted as evidence."""
    suggestion = suggest(f"{HEAD[lang]}\n{sentence}\n", lang, kind=kind)[invariant]
    assert suggestion.answer in ("met", "partially_met"), (suggestion.answer,
                                                          suggestion.quotations)
    assert sentence in quotation_texts(suggestion)
    assert all(q.element not in (ABSENCE, NOT_YET) for q in suggestion.quotations)


def test_without_the_document_nothing_is_stated() -> None:
    """From detections alone (no document to read statements in) nothing is ever not met."""
    suggestions = suggest_answers(get_catalogue(), "interventional", [], "en")
    assert {s.answer for s in suggestions.values()} == {"not_reported"}


def _catalogue_data() -> dict:
    return copy.deepcopy(get_catalogue().to_dict())


def test_absence_patterns_are_validated() -> None:
    """Absence patterns in one language only, or that do not compile, are refused with
    where they are."""
    data = _catalogue_data()
    e11 = next(inv for inv in data["invariants"] if inv["id"] == "E11")
    del e11["evidence"]["absence"]["fr"]
    e03 = next(inv for inv in data["invariants"] if inv["id"] == "E03")
    e03["evidence"]["not_yet"]["en"] = ["(unclosed"]
    problems = [str(p) for p in validate(data, meta_file="alt.json")]
    assert any("E11" in p and "no patterns in 'fr'" in p and "evidence.absence" in p
               for p in problems), problems
    assert any("E03" in p and "not a valid regular expression" in p
               and "evidence.not_yet.en[0]" in p for p in problems), problems


def test_the_catalogue_reads_absence_patterns() -> None:
    e11 = get_catalogue().invariant("E11")
    assert e11.evidence.absence_for("fr") and e11.evidence.absence_for("en")
    assert e11.evidence.absence_for("de") == e11.evidence.absence_for("en")
    e05 = get_catalogue().invariant("E05")
    assert e05.evidence.absence == {} and e05.evidence.not_yet == {}
    assert catalogue_from_data(_catalogue_data()).invariant("E03").evidence.not_yet
