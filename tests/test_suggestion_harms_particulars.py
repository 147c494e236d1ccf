"""The particulars of harms (``evidence.details``), as E08's and INT13's guidance asks them.

E08 (participant safety): a protocol of a study assigning an NPI states the contraindications
screened before inclusion and the criteria for stopping the NPI in a participant (its
study-level rule is already its element 21c), not asked of an observational study, which
assigns none (``study_types``); a paper states the number or nature of its adverse events, or
that there were none. INT13 (harms in every arm): a paper reports its harms so too, and the
collection in every arm is read in a sentence about harms, not in a diary kept for something
else. Elements are given where the sentences stand, as the model finds them in a real
document (it does not in so short a text).
"""

from __future__ import annotations

import json

import pytest
from suggestion_support import quoted, suggest

from checker.catalogue import get_catalogue
from checker.catalogue.errors import CatalogueError
from checker.catalogue.loader import load_catalogue
from checker.documents import Document, extract_document
from checker.evidence import Detection

TEXT = {
    "title": {"en": "# Supervised exercise after a heart attack: a randomised trial",
              "fr": "# Exercice supervisé après un infarctus : un essai randomisé"},
    "methods": {"en": "## Methods", "fr": "## Méthodes"},
    "results": {"en": "## Results", "fr": "## Résultats"},
    "contraindications": {
        "en": "People with a contraindication to exercise on a medical exercise test before "
              "inclusion will be excluded.",
        "fr": "Les personnes présentant une contre-indication à l'exercice lors d'une épreuve "
              "d'effort médicale avant l'inclusion seront exclues.",
    },
    "collected": {
        "en": "Adverse events will be recorded at every session in both groups.",
        "fr": "Les événements indésirables seront recueillis à chaque séance dans les deux "
              "groupes.",
    },
    "stop_session": {
        "en": "A session will be stopped if chest pain or dizziness occurs.",
        "fr": "La séance sera interrompue en cas de douleur thoracique ou de malaise.",
    },
    "committee": {
        "en": "An independent data monitoring committee will review the safety data every "
              "six months.",
        "fr": "Un comité de surveillance indépendant examinera les données de sécurité tous "
              "les six mois.",
    },
    "trial_rule": {
        "en": "The committee may recommend stopping the trial if there is evidence of harm.",
        "fr": "Le comité pourra recommander l'arrêt de l'essai en cas de preuve d'un effet "
              "nocif.",
    },
    "recorded": {
        "en": "Adverse events were recorded at every session in both groups.",
        "fr": "Les événements indésirables ont été recueillis à chaque séance dans les deux "
              "groupes.",
    },
    "counted": {
        "en": "Adverse events occurred in 14 of 120 participants (12%) in the exercise group "
              "and in 9 of 118 (8%) in the control group.",
        "fr": "Des événements indésirables sont survenus chez 14 des 120 participants (12 %) "
              "du groupe exercice et chez 9 des 118 (8 %) du groupe contrôle.",
    },
    "serious": {
        "en": "Two serious adverse events occurred, one in each group.",
        "fr": "Deux événements indésirables graves sont survenus, un dans chaque groupe.",
    },
    "none": {
        "en": "No adverse events occurred in either group.",
        "fr": "Aucun événement indésirable n'est survenu dans l'un ou l'autre groupe.",
    },
    "vague": {
        "en": "Adverse events were examined and the programme was well tolerated.",
        "fr": "Les événements indésirables ont été examinés et le programme a été bien toléré.",
    },
}

# Where each element stands: the sentence holding these words, by key of TEXT.
PROTOCOL_ELEMENTS = {"22_Harms_non-systematic": "collected",
                     "21a_Data_monitoring_committee": "committee",
                     "21c_Stopping_guidelines": "trial_rule"}


def _detections(document: Document, elements: dict[str, str], lang: str) -> list[Detection]:
    """Each element detected in the sentence of its TEXT key, as the model would."""
    found = []
    for element, key in elements.items():
        words = TEXT[key][lang][:30]
        sentence = next(s for s in document.sentences
                        if words in " ".join(document.sentence_text(s).split()))
        found.append(Detection(element, document.sentence_text(sentence), sentence.start,
                               sentence.end, None, sentence.section, 0.9, 1))
    return found


def _suggestions(lang: str, methods: list[str], results: list[str] | None, elements,
                 study_type: str = "interventional"):
    parts = [TEXT["title"][lang], TEXT["methods"][lang],
             " ".join(TEXT[key][lang] for key in methods)]
    if results is not None:
        parts += [TEXT["results"][lang], " ".join(TEXT[key][lang] for key in results)]
    document = extract_document(("\n\n".join(parts) + "\n").encode(), "doc.md")
    kind = "protocol" if results is None else "results"
    return suggest(document, lang, study_type=study_type, kind=kind,
                   detections=_detections(document, elements, lang))


def _label(invariant: str, detail: str, lang: str) -> str:
    inv = next(i for i in get_catalogue().invariants if i.id == invariant)
    return next(d for d in inv.evidence.details if d.id == detail).label[lang]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_e08_protocol_met_with_contraindications_and_a_participant_stopping_rule(lang):
    e08 = _suggestions(lang, ["contraindications", "collected", "stop_session", "committee",
                              "trial_rule"], None, PROTOCOL_ELEMENTS)["E08"]
    assert e08.answer == "met", e08.rationale
    assert e08.details_missing == []
    # Each particular's sentence is quoted beside the others.
    assert quoted(e08, TEXT["contraindications"][lang][:40])
    assert quoted(e08, TEXT["stop_session"][lang][:40])


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_e08_protocol_without_them_is_partially_met_and_says_what_is_missing(lang):
    e08 = _suggestions(lang, ["collected", "committee", "trial_rule"], None,
                       PROTOCOL_ELEMENTS)["E08"]
    assert e08.answer == "partially_met"
    assert e08.details_missing == ["contraindications", "participant_stopping"]
    for detail in e08.details_missing:
        assert _label("E08", detail, lang) in e08.rationale[lang]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_e08_protocol_study_level_rule_alone_is_no_participant_rule(lang):
    """The trial's own stopping rule (its element 21c) does not say when a participant's
    NPI is stopped."""
    e08 = _suggestions(lang, ["contraindications", "collected", "committee", "trial_rule"],
                       None, PROTOCOL_ELEMENTS)["E08"]
    assert e08.answer == "partially_met"
    assert e08.details_missing == ["participant_stopping"]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_e08_observational_protocol_is_not_asked_contraindications_nor_a_stopping_rule(lang):
    """A study assigning no NPI screens no contraindication to it and stops it in no one."""
    e08 = _suggestions(lang, ["collected", "committee", "trial_rule"], None,
                       PROTOCOL_ELEMENTS, study_type="observational")["E08"]
    assert e08.answer == "met", e08.rationale
    assert e08.details_missing == []


# A paper's E08 also asks its safety committee and stopping rule (SPIRIT 21a, 21c).
PAPER_ELEMENTS = {"22_Harms_non-systematic": "recorded", "40_Harms_results": "counted",
                  "21a_Data_monitoring_committee": "committee",
                  "21c_Stopping_guidelines": "trial_rule"}
PAPER_METHODS = ["recorded", "committee", "trial_rule"]


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("invariant", ["E08", "INT13"])
def test_paper_met_with_adverse_events_counted_by_group(lang, invariant):
    """INT13 also asks how serious they were (test_suggestion_harms_severity.py)."""
    suggestion = _suggestions(lang, PAPER_METHODS, ["counted", "serious"],
                              PAPER_ELEMENTS)[invariant]
    assert suggestion.answer == "met", suggestion.rationale
    assert suggestion.details_missing == []


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("invariant", ["E08", "INT13"])
def test_paper_met_with_an_explicit_statement_of_none(lang, invariant):
    suggestion = _suggestions(lang, PAPER_METHODS, ["none"],
                              {**PAPER_ELEMENTS, "40_Harms_results": "none"})[invariant]
    assert suggestion.answer == "met", suggestion.rationale


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("invariant", ["E08", "INT13"])
def test_paper_with_harms_in_vague_terms_is_partially_met(lang, invariant):
    suggestion = _suggestions(lang, PAPER_METHODS, ["vague"],
                              {**PAPER_ELEMENTS, "40_Harms_results": "vague"})[invariant]
    assert suggestion.answer == "partially_met"
    assert suggestion.details_missing[0] == "events_reported"
    assert _label(invariant, "events_reported", lang) in suggestion.rationale[lang]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_observational_paper_still_asked_its_adverse_events(lang):
    """A paper of any study that reports harms says how many or that there were none."""
    e08 = _suggestions(lang, PAPER_METHODS, ["vague"],
                       {**PAPER_ELEMENTS, "40_Harms_results": "vague"},
                       study_type="observational")["E08"]
    assert e08.details_missing == ["events_reported"]


DIARY = {
    "en": "Participants will keep an exercise diary.",
    "fr": "Les participants tiendront un carnet d'exercice.",
}
HARMS_DIARY = {
    "en": "Participants will note any symptom or side effect in a diary.",
    "fr": "Les participants noteront tout symptôme ou effet indésirable dans un carnet.",
}
GRADED = {
    "en": "Their severity will be graded as mild, moderate or severe, for adverse events.",
    "fr": "L'intensité des événements indésirables sera gradée en légère, modérée ou sévère.",
}
PLANNED = {
    "en": "Adverse events will be recorded.",
    "fr": "Les événements indésirables seront recueillis.",
}


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize(("diary", "missing"), [(DIARY, ["every_arm"]), (HARMS_DIARY, [])])
def test_int13_every_arm_is_a_diary_of_harms_not_any_diary(lang, diary, missing):
    """Right after the harms sentence, an exercise diary says nothing of how harms are
    collected; a diary of symptoms and side effects does."""
    TEXT["planned"], TEXT["diary"], TEXT["graded"] = PLANNED, diary, GRADED
    try:
        int13 = _suggestions(lang, ["planned", "diary", "graded"], None,
                             {"22_Harms_non-systematic": "planned"})["INT13"]
    finally:
        for key in ("planned", "diary", "graded"):
            del TEXT[key]
    assert int13.details_missing == missing
    assert int13.answer == ("met" if not missing else "partially_met")


def test_a_detail_asked_of_a_study_type_the_invariant_does_not_apply_to_is_refused(tmp_path):
    """``study_types`` names only types of the invariant: another would never be asked."""
    data = get_catalogue().to_dict()
    inv = next(i for i in data["invariants"] if i["id"] == "INT11")  # interventional only
    inv["evidence"]["details"] = [{"id": "x", "label": {"en": "x", "fr": "x"},
                                   "patterns": {"en": ["x"]},
                                   "study_types": ["observational", "interventional"]}]
    path = tmp_path / "alt.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CatalogueError) as info:
        load_catalogue(path)
    assert [str(p) for p in info.value.problems] == [
        f"{path}: invariant INT11: field evidence.details[0].study_types: detail 'x' names "
        "study type 'observational', to which the invariant does not apply"]
