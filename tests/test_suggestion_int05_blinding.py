"""INT05 (blinding) reads who is blinded strictly, and only then waives the similarity of the
interventions where participants and providers cannot be blinded.

A met needs a sentence naming a role kept blind (the ``who_blinded`` particular): "The
research nurse who performed all assessments was blinded to the treatment allocation", « Le
médecin traitant et les patients sont en aveugle », not "a randomised controlled trial with a
blinded assessor" nor "single-blind" alone, nor a statement that blinding was impossible. Its
17a quotes that sentence first (``quoted_first``). The waiver of 17e, tried in 1.5.17 without
the particular and taken back after blind judging (its met rested on weak readings of who was
blinded), is back with it, and not where the same statement says assessors or investigators
cannot be blinded either. Detections are given, so the tests read the catalogue, not the
frozen model."""

from __future__ import annotations

import pytest
from suggestion_support import first_quotation, quoted

from checker.catalogue import get_catalogue
from checker.catalogue.patterns import any_pattern
from checker.catalogue.validate import validate
from checker.documents import extract_document
from checker.evidence import Detection, suggest_answers

SIMILARITY = "17e_Masking_Similarity"

OBJECTIVE = {
    "en": "To compare pain exposure physical therapy with conventional treatment in a "
          "randomised controlled trial with a blinded assessor.",
    "fr": "Comparer la kinésithérapie par exposition à la douleur au traitement conventionnel "
          "dans un essai contrôlé randomisé avec évaluateur en aveugle.",
}
DESIGN = {"en": "This was a single-blind randomised controlled trial in two hospitals.",
          "fr": "Il s'agissait d'un essai contrôlé randomisé en simple aveugle dans deux "
                "hôpitaux."}
WHO = {"en": "The research nurse who performed all assessments during follow-up was blinded "
             "to the treatment allocation.",
       "fr": "L'infirmière de recherche qui a réalisé toutes les évaluations du suivi ne "
             "connaissait pas le traitement attribué."}
CANNOT = {"en": "Given the nature of the interventions, it was not possible to blind the "
                "patients and the therapists.",
          "fr": "Compte tenu de la nature des interventions, il n'était pas possible de mettre "
                "en aveugle les patients et les thérapeutes."}
NOBODY = {"en": "Blinding of participants or investigators was not possible because of the "
                "nature of the intervention.",
          "fr": "La mise en insu des participants ou des enquêteurs n'était pas possible en "
                "raison de la nature de l'intervention."}
HEADINGS = {"en": ("Abstract", "Methods", "Blinding"), "fr": ("Résumé", "Méthodes", "Insu")}


def _paper(lang: str, who: bool = True, cannot: str | None = None) -> str:
    abstract, methods, blinding = HEADINGS[lang]
    lines = ["# PEPT trial", "", f"## {abstract}", "", OBJECTIVE[lang], "", f"## {methods}", "",
             DESIGN[lang], "", f"### {blinding}", ""]
    if who:
        lines += [WHO[lang], ""]
    lines += [cannot or CANNOT[lang], ""]
    return "\n".join(lines)


def _int05(text: str, lang: str, detected: dict[str, list[str]]):
    """INT05's suggestion for a paper whose elements are detected in the sentences holding
    the given words, in that rank order."""
    document = extract_document(text.encode(), "doc.md")
    detections = []
    for element, wordings in detected.items():
        for rank, words in enumerate(wordings, 1):
            sentence = next(s for s in document.sentences
                            if words in " ".join(document.sentence_text(s).split()))
            detections.append(Detection(element, document.sentence_text(sentence),
                                        sentence.start, sentence.end, None, sentence.section,
                                        0.95, rank))
    return suggest_answers(get_catalogue(), "interventional", detections, lang,
                           document=document, kind="paper")["INT05"]


def _detected(lang: str, who: bool = True, cannot: str | None = None) -> dict[str, list[str]]:
    return {"17a_Masking_People_masked": [OBJECTIVE[lang][:40]] + ([WHO[lang][:40]] if who
                                                                   else []),
            "17b_Masking_Not_masked": [(cannot or CANNOT[lang])[:40]],
            "17c_Masking_Type": [DESIGN[lang][:40]]}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_blinded_assessor_named_where_patients_and_therapists_cannot_be_is_met(lang):
    int05 = _int05(_paper(lang), lang, _detected(lang))
    assert SIMILARITY in int05.elements_not_applicable
    assert SIMILARITY not in int05.elements_missing
    assert int05.answer == "met"
    assert not int05.details_missing
    # Who is blinded is 17a's quotation, not the objective's "trial with a blinded assessor".
    assert quoted(int05, WHO[lang])
    assert not any(OBJECTIVE[lang][:40] in " ".join(q.text.split())
                   for q in int05.quotations if q.element == "17a_Masking_People_masked")


@pytest.mark.parametrize("cannot", [
    "Compte tenu de la nature de l'intervention, ni les patients ni les thérapeutes ne "
    "pourront être en aveugle.",
    "Les patients et les thérapeutes ne peuvent être en aveugle."])
def test_french_without_pas_says_patients_and_therapists_cannot_be_blinded(cannot):
    """Written French leaves out « pas » after « pouvoir » (« ne peuvent être en aveugle »,
    as the waiver's own reason says): the similarity is not asked either (a walkthrough's
    French protocol)."""
    int05 = _int05(_paper("fr", cannot=cannot), "fr", _detected("fr", cannot=cannot))
    assert SIMILARITY in int05.elements_not_applicable
    assert int05.answer == "met"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_blinded_assessor_only_as_the_design_label_is_not_who_is_blinded(lang):
    """The objective's "trial with a blinded assessor", "single-blind" and a statement that
    blinding is impossible name nobody kept blind: partially met, as the guidance says."""
    int05 = _int05(_paper(lang, who=False), lang, _detected(lang, who=False))
    assert SIMILARITY in int05.elements_not_applicable  # the waiver alone gives no met
    assert int05.answer == "partially_met"
    assert int05.details_missing == ["who_blinded"]
    assert first_quotation(int05)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_nobody_blindable_leaves_the_similarity_asked(lang):
    """Participants and investigators (the data collectors) cannot be blinded: no waiver."""
    int05 = _int05(_paper(lang, cannot=NOBODY[lang]), lang,
                   _detected(lang, cannot=NOBODY[lang]))
    assert SIMILARITY not in int05.elements_not_applicable
    assert SIMILARITY in int05.elements_missing
    assert int05.answer == "partially_met"


@pytest.mark.parametrize("lang, sentence", [
    ("en", "Outcome assessors could not be blinded to the intervention."),
    ("fr", "L'aveugle des évaluateurs est impossible."),
])
def test_assessors_who_cannot_be_blinded_leave_the_similarity_asked(lang, sentence):
    int05 = _int05(_paper(lang, cannot=sentence), lang, _detected(lang, cannot=sentence))
    assert SIMILARITY not in int05.elements_not_applicable


WHO_BLINDED = {"en": [
    ("Outcome assessors will be blinded to group allocation.", True),
    ("Blood analyses were done by personnel blinded for group allocation.", True),
    ("The trial nurse will also be blind to the allocation.", True),
    ("Outcomes are ascertained at a home visit by a researcher blind to allocation.", True),
    ("Severity of symptoms will be assessed by a blinded investigator (psychologist).", True),
    ("Participants, investigators, and study staff remained unaware of the treatment "
     "assignment.", True),
    ("A randomised controlled trial with a blinded assessor.", False),
    ("This is a single-blind randomised trial.", False),
    ("Patients and clinicians will not be blind to treatments provided during the trial.",
     False),
    ("It was not possible to blind the patients and the therapists.", False),
    ("Site investigators were blinded to block size.", False),
    ("The researcher who determined eligibility was unaware of the randomisation sequence.",
     False),
], "fr": [
    ("Le médecin traitant et les patients sont en aveugle.", True),
    ("Les participants et l'évaluateur étaient tous deux en aveugle du bras attribué.", True),
    ("Les évaluateurs seront en aveugle du bras attribué.", True),
    ("Le statisticien et les recruteurs ignoraient également le groupe de traitement.", True),
    ("Les critères sont évalués par un investigateur en aveugle.", True),
    ("Essai contrôlé randomisé avec évaluateur en aveugle.", False),
    ("Il s'agit d'un essai en simple aveugle.", False),
    ("Les patients et les diététiciens ne pouvaient pas ignorer le groupe d'allocation.", False),
    ("Les patients et les cliniciens ne seront pas en aveugle des traitements.", False),
    ("Les investigateurs étaient en aveugle de la taille des blocs.", False),
]}


@pytest.mark.parametrize("lang, sentence, names", [
    (lang, sentence, names) for lang, cases in WHO_BLINDED.items() for sentence, names in cases])
def test_who_is_blinded_is_a_role_said_to_be_kept_blind(lang, sentence, names):
    detail = next(d for d in get_catalogue().invariant("INT05").evidence.details
                  if d.id == "who_blinded")
    assert bool(any_pattern(detail.patterns_for(lang)).search(sentence)) is names


def test_quoted_first_must_qualify_one_of_the_invariants_elements():
    data = get_catalogue().to_dict()
    int05 = next(i for i in data["invariants"] if i["id"] == "INT05")
    int05["evidence"]["quoted_first"]["24_Ethics"] = {"en": ["\\bethics\\b"]}
    int05["evidence"]["quoted_first"]["17c_Masking_Type"] = {"en": ["(unclosed"]}
    problems = [str(p) for p in validate(data, meta_file="x", origins=[])]
    assert any("evidence.quoted_first.24_Ethics" in p for p in problems)
    assert any("evidence.quoted_first.17c_Masking_Type.en" in p for p in problems)
    assert validate(get_catalogue().to_dict(), meta_file="x", origins=[]) == []
