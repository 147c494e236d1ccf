"""A single-arm study saying it has no control group (« à un seul bras, sans groupe
contrôle », "with no control group"), and a programme offered in routine care (« proposé en
soins courants »), describe no comparator: E14 quoted them as "description of the comparator"
(found on a walkthrough's French MBCT feasibility protocol, DOCX, and cohort report,
Markdown)."""

from __future__ import annotations

import pytest
from suggestion_support import quotation_texts, quoted, suggest

from checker.documents import extract_document
from checker.evidence import detect_elements

SENTENCES = {
    "fr": ["Il s'agit d'une étude prospective de faisabilité, monocentrique, à un seul bras, "
           "sans groupe contrôle.",
           "Cette étude n'a pas de groupe témoin.",
           "L'absence de groupe de comparaison ne permet pas de conclure à l'efficacité du "
           "programme.",
           "Le programme a été proposé en soins courants dans trois centres "
           "médico-psychologiques."],
    "en": ["This is a prospective single-centre feasibility study with no control group.",
           "It is a single-arm study without a control group.",
           "The absence of a comparison group limits what can be concluded."],
}


@pytest.mark.parametrize(("lang", "sentence"),
                         [(lang, s) for lang, ss in SENTENCES.items() for s in ss])
def test_no_control_group_is_no_comparator(lang, sentence) -> None:
    text = f"# A feasibility study\n\n## 3. Methods\n\n{sentence}\n"
    document = extract_document(text.encode(), "protocol.md")
    detections = detect_elements(document, kind="protocol", lang=lang)
    assert not any(d.element == "X_comparator" and d.cue_match for d in detections), sentence
    e14 = suggest(text, lang, study_type="prototypical")["E14"]
    assert not quoted(e14, sentence[:30]), quotation_texts(e14)


@pytest.mark.parametrize(("lang", "sentence"), [
    ("fr", "Le groupe contrôle recevra les soins courants."),
    ("fr", "Les patients du groupe témoin bénéficient de la prise en charge habituelle."),
    ("en", "The control group will receive usual care."),
])
def test_a_control_group_is_still_a_comparator(lang, sentence) -> None:
    text = f"# A trial\n\n## 3. Methods\n\n{sentence}\n"
    document = extract_document(text.encode(), "protocol.md")
    detections = detect_elements(document, kind="protocol", lang=lang)
    assert any(d.element == "X_comparator" and d.cue_match for d in detections), sentence
