"""A diet-coaching trial's results paper, as a French dietitian reviewing it reads it (a
walkthrough's Mediterranean-diet education trial after myocardial infarction, in a two-column
PDF and in DOCX): INT11 (participants' adherence and dose received) quotes the sessions
attended, not the trial's aim or primary outcome, adherence to the diet, and reads the dose of
sessions with words between (« huit séances collectives hebdomadaires de 2 heures »); E02
(consent) does not quote patient partners who helped write the information sheet; E06
(funding and sponsor) does not quote a data-sharing statement as the sponsor's; INT05
(blinding) quotes who is blinded and who cannot be (« … étaient en aveugle », « ne pouvaient
pas ignorer le groupe »); the title items, and the invariants that skip the title, read the
document's title, not an article type or a journal's name above it."""

from __future__ import annotations

import io

import pytest
from docx import Document as WordDocument
from suggestion_support import quotation_texts, suggest

from checker.documents import extract_document
from checker.evidence.detect import detect_elements

HEAD = {"en": "# Report of a randomised trial\n\n",
        "fr": "# Compte rendu d'un essai randomisé\n\n"}


def _suggest(text: str, lang: str, invariant: str):
    return suggest(text, lang, kind="paper")[invariant]


ADHERENCE = {
    "fr": {
        "aim": "## Résumé\n\nÉvaluer l'effet d'un programme d'éducation thérapeutique associé à "
               "un accompagnement diététique, délivré par des diététiciens, sur l'adhésion au "
               "régime méditerranéen 12 mois après un infarctus du myocarde.\n\n",
        "outcome": "## Critères de jugement\n\nLe critère de jugement principal était le score "
                   "d'adhésion au régime méditerranéen MEDAS à 12 mois.\n\n",
        "conclusion": "Un programme structuré d'éducation thérapeutique améliore durablement "
                      "l'adhésion au régime méditerranéen.\n\n",
        "dose": "## Interventions\n\nLe programme comprenait huit séances collectives "
                "hebdomadaires de 2 heures animées par un diététicien.\n\n",
        "attended": "## Participation au programme\n\nDans le groupe intervention, les patients "
                    "ont assisté en moyenne à 6,4 séances sur 8 ; 121 (77,6 %) ont assisté à "
                    "au moins six séances.\n\n",
    },
    "en": {
        "aim": "## Abstract\n\nTo assess the effect of a therapeutic education programme "
               "delivered by dietitians on adherence to the Mediterranean diet 12 months "
               "after myocardial infarction.\n\n",
        "outcome": "## Outcomes\n\nThe primary outcome was the MEDAS adherence score at 12 "
                   "months.\n\n",
        "conclusion": "A structured education programme durably improves adherence to the "
                      "Mediterranean diet.\n\n",
        "dose": "## Interventions\n\nThe programme comprised eight weekly 2-hour group sessions "
                "led by a dietitian.\n\n",
        "attended": "## Attendance\n\nIn the intervention group, patients attended a mean of 6.4 "
                    "sessions out of 8; 121 (77.6%) attended at least six sessions.\n\n",
    },
}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_int11_quotes_the_sessions_attended_not_adherence_to_the_diet(lang) -> None:
    parts = ADHERENCE[lang]
    text = HEAD[lang] + "".join(parts[k] for k in ("aim", "outcome", "dose", "attended",
                                                   "conclusion"))
    int11 = _suggest(text, lang, "INT11")
    quoted = quotation_texts(int11)
    assert any(q.startswith(parts["attended"].split("\n\n")[1][:40]) for q in quoted), quoted
    for other in ("aim", "outcome", "conclusion"):
        sentence = parts[other].split("\n\n")[-2]
        assert not any(sentence[:40] in q for q in quoted), (other, quoted)
    assert {"X_adherence", "X_dose"} <= set(int11.elements_found)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_adherence_to_the_diet_alone_is_named_as_another_matter(lang) -> None:
    """Adherence to the diet as the aim or the outcome does not evidence INT11, and the
    rationale says its words were found only about another matter."""
    parts = ADHERENCE[lang]
    int11 = _suggest(HEAD[lang] + parts["aim"] + parts["outcome"], lang, "INT11")
    assert not any("adh" in q.lower() for q in quotation_texts(int11)), quotation_texts(int11)
    assert {"en": "about another matter", "fr": "sur un autre sujet"}[lang] \
        in int11.rationale[lang]


@pytest.mark.parametrize(("lang", "sentence"), [
    ("fr", "Deux patients partenaires ont participé à la conception du programme et à la "
           "rédaction de la note d'information ; ils ont été associés à l'interprétation des "
           "résultats."),
    ("en", "Two patient partners were involved in designing the programme and in writing "
           "the participant information sheet."),
])
def test_e02_does_not_quote_patient_partners_writing_the_information_sheet(lang,
                                                                            sentence) -> None:
    consent = {"fr": "Tous les participants ont reçu une note d'information et ont signé un "
                     "consentement éclairé écrit avant toute procédure de l'étude.",
               "en": "All participants received an information sheet and gave written "
                     "informed consent before any study procedure."}[lang]
    heading = {"fr": "## Considérations éthiques\n\n", "en": "## Ethics\n\n"}[lang]
    e02 = _suggest(HEAD[lang] + heading + consent + "\n\n" + sentence + "\n", lang, "E02")
    assert quotation_texts(e02)[0] == consent
    assert not any(sentence[:40] in q for q in quotation_texts(e02)), quotation_texts(e02)


FUNDING = {
    "fr": ("## Financement\n\nCette étude a été financée par l'Agence régionale de santé "
           "Centre-Val de Loire et par la Fondation Bonduelle. Les financeurs n'ont joué aucun "
           "rôle dans la conception de l'étude, l'analyse des données ou la rédaction de "
           "l'article.\n\n## Partage des données\n\nLes données individuelles pseudonymisées "
           "peuvent être obtenues auprès de l'auteure correspondante sur demande motivée, après "
           "accord du promoteur.\n",
           "Les données individuelles"),
    "en": ("## Funding\n\nThis study was funded by the regional health agency and by a food "
           "company's foundation. The funders had no role in the design of the study, the "
           "analysis of the data or the writing of the article.\n\n## Data sharing\n\n"
           "De-identified individual data can be obtained from the corresponding author on "
           "reasonable request, with the sponsor's agreement.\n",
           "De-identified individual data"),
}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_e06_quotes_no_data_sharing_statement_as_the_sponsor(lang) -> None:
    text, data_sharing = FUNDING[lang]
    e06 = _suggest(HEAD[lang] + text, lang, "E06")
    quoted = quotation_texts(e06)
    assert not any(q.startswith(data_sharing) for q in quoted), quoted
    assert quoted and quoted[0].startswith({"fr": "Cette étude a été financée",
                                            "en": "This study was funded"}[lang]), quoted
    # No sponsor is named: who funded is there, who the sponsor is is not.
    assert e06.answer == "partially_met"


def _docx(paragraphs: list[tuple[str, str | None]]) -> bytes:
    word = WordDocument()
    for text, style in paragraphs:
        word.add_paragraph(text, style=style)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def test_title_items_quote_the_title_not_the_article_type_above_it() -> None:
    """« Article original » above the title (as a French journal's submission sets it) is
    neither the title the title items judge nor the title that most invariants skip."""
    title = ("Effet d'un programme d'éducation thérapeutique diététique après infarctus du "
             "myocarde : essai contrôlé randomisé multicentrique")
    data = _docx([("Article original", None), (title, "Title"), ("Résumé", "Heading 1"),
                  ("Objectif. Évaluer l'effet d'un programme d'éducation thérapeutique.", None),
                  ("Méthodes", "Heading 1"),
                  ("Les patients ont été randomisés entre le programme et les soins "
                   "habituels.", None)])
    document = extract_document(data, "article.docx")
    assert document.sentence_text(document.sentences[document.title_position]) == title
    detections = detect_elements(document, kind="paper", lang="fr")
    titles = [d for d in detections if d.element.startswith("1") and d.element[1:2].isalpha()]
    assert titles and all(d.quote == title for d in titles), [d.quote for d in titles]


@pytest.mark.parametrize(("lang", "sentence"), [
    ("fr", "Les patients et les diététiciens ne pouvaient pas ignorer le groupe d'allocation ; "
           "les évaluateurs des critères de jugement et le statisticien étaient en aveugle."),
    ("en", "Patients and dietitians could not be unaware of their group; the outcome assessors "
           "and the statistician were blinded to group allocation."),
])
def test_int05_quotes_who_is_blinded_and_who_cannot_be(lang, sentence) -> None:
    heading = {"fr": "## Randomisation et aveugle\n\n", "en": "## Randomisation and blinding\n\n"}
    design = {"fr": "## Schéma\n\nIl s'agit d'un essai randomisé pragmatique en deux groupes "
                    "parallèles, multicentrique.\n\n",
              "en": "## Design\n\nThis was a pragmatic, multicentre, parallel-group randomised "
                    "trial.\n\n"}[lang]
    int05 = _suggest(HEAD[lang] + design + heading[lang] + sentence + "\n", lang, "INT05")
    assert quotation_texts(int05) and quotation_texts(int05)[0] == sentence, quotation_texts(int05)
