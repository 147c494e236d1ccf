"""A diet-coaching trial's results paper, reviewed again by the French dietitian of
test_suggestion_diet_paper.py: what the first walkthrough left alone. E05 (conflicts of
interest) quotes the link declared before « Les autres auteurs déclarent … »; INT11 (adherence
and dose received) quotes the sessions attended before the sessions planned; INT09 (follow-up
after the NPI) quotes the time points after the programme ended, not the date follow-up
ended; INT01 (design) does not quote the keywords line; INT02 (comparator) quotes what the
control group received, not its results; INT04 (allocation concealment) does not quote the
blinded assessor as who enrolled participants.

The paper is written once per language, in Markdown and (French) in a DOCX built from it."""

from __future__ import annotations

import io
from functools import cache

import pytest
from docx import Document as WordDocument
from suggestion_support import quotation_texts, suggest

from checker.evidence import Suggestion

# The paper's paragraphs (a heading's marks as in Markdown), joined by blank lines.
PARAGRAPHS = {
    "fr": (
        "# Effet d'un accompagnement diététique de groupe sur l'adhésion au régime "
        'méditerranéen après un infarctus du myocarde : essai contrôlé randomisé '
        'multicentrique',
        'Julie Martin¹, Thomas Lemaire², Claire Dubois¹',
        '¹ Service de cardiologie, CHU de Tours, Tours, France',
        '## Résumé',
        "Objectif. Évaluer l'effet d'un programme d'éducation thérapeutique diététique de "
        "groupe sur l'adhésion au régime méditerranéen 12 mois après un infarctus du "
        'myocarde.',
        'Méthodes. Essai contrôlé randomisé multicentrique chez 312 patients.',
        'Résultats. À 12 mois, le score MEDAS moyen était de 9,1 dans le groupe intervention '
        'et de 7,2 dans le groupe témoin.',
        'Mots-clés : essai randomisé ; régime méditerranéen ; infarctus du myocarde ; '
        'éducation thérapeutique ; diététique',
        '## Introduction',
        'Le régime méditerranéen réduit la récidive après un infarctus du myocarde, mais '
        "l'adhésion au régime diminue dans les mois qui suivent la sortie de l'hôpital.",
        '## Méthodes',
        "### Schéma de l'étude",
        'Nous avons conduit un essai pragmatique, multicentrique, en deux groupes parallèles,'
        ' dans trois centres de réadaptation cardiaque de la région Centre-Val de Loire, afin'
        " d'évaluer le programme dans les conditions de la pratique courante.",
        '### Participants',
        'Les patients âgés de 18 à 80 ans hospitalisés pour un infarctus du myocarde étaient '
        'éligibles.',
        '### Randomisation',
        'Les patients ont été randomisés selon un ratio 1:1 par blocs de taille variable, '
        "stratifiés par centre, au moyen d'une liste générée par ordinateur par un "
        'statisticien indépendant.',
        'Les critères de jugement ont été recueillis par une attachée de recherche clinique '
        "en aveugle du groupe d'allocation.",
        '### Interventions',
        'Le programme comprenait huit séances collectives hebdomadaires de 2 heures animées '
        'par un diététicien, suivies de deux appels téléphoniques à 3 et 6 mois.',
        "Le groupe témoin a bénéficié d'une consultation diététique individuelle avant la "
        "sortie et de la remise d'une brochure sur le régime méditerranéen.",
        '### Critères de jugement',
        "Le critère de jugement principal était le score d'adhésion au régime méditerranéen "
        'MEDAS à 12 mois.',
        "Les patients ont été évalués à l'inclusion, à 2 mois (fin du programme), puis à 6 et"
        ' 12 mois, soit 4 et 10 mois après la fin du programme.',
        "Le suivi s'est achevé en juin 2025.",
        '## Résultats',
        '### Participation au programme',
        'Dans le groupe intervention, les patients ont assisté en moyenne à 6,4 séances sur 8'
        ' ; 121 (77,6 %) ont assisté à au moins six séances.',
        '### Critère de jugement principal',
        "Dans le groupe témoin, le score MEDAS est passé de 6,8 à l'inclusion à 7,2 à 12 "
        'mois.',
        'Dans le groupe intervention, il est passé de 6,9 à 9,1 (différence ajustée 1,8 ; IC '
        'à 95 % 1,3 à 2,3).',
        '## Discussion',
        "Un programme structuré d'éducation thérapeutique améliore durablement l'adhésion au "
        'régime méditerranéen.',
        "## Liens d'intérêts",
        "Les autres auteurs déclarent ne pas avoir de liens d'intérêts. T. Lemaire a reçu des"
        ' honoraires de Lesieur pour des conférences.',
        '## Financement',
        "Cette étude a été financée par l'Agence régionale de santé Centre-Val de Loire.",
    ),
    "en": (
        '# Effect of group dietary coaching on adherence to the Mediterranean diet after '
        'myocardial infarction: a multicentre randomised controlled trial',
        'Julie Martin¹, Thomas Lemaire², Claire Dubois¹',
        '¹ Department of Cardiology, Tours University Hospital, Tours, France',
        '## Abstract',
        'Objective. To assess the effect of a group dietary education programme on adherence '
        'to the Mediterranean diet 12 months after myocardial infarction.',
        'Methods. Multicentre randomised controlled trial in 312 patients.',
        'Results. At 12 months, the mean MEDAS score was 9.1 in the intervention group and '
        '7.2 in the control group.',
        'Keywords: randomised trial; Mediterranean diet; myocardial infarction; patient '
        'education; dietetics',
        '## Introduction',
        'The Mediterranean diet reduces recurrence after myocardial infarction, but adherence'
        ' to the diet declines in the months after discharge.',
        '## Methods',
        '### Study design',
        'We conducted a pragmatic, multicentre, parallel-group trial in three cardiac '
        'rehabilitation centres, to evaluate the programme under the conditions of everyday '
        'practice.',
        '### Participants',
        'Patients aged 18 to 80 years admitted for myocardial infarction were eligible.',
        '### Randomisation',
        'Patients were randomised 1:1 in blocks of variable size, stratified by centre, using'
        ' a computer-generated list prepared by an independent statistician.',
        'Outcomes were collected by a research assistant blinded to group allocation.',
        '### Interventions',
        'The programme comprised eight weekly 2-hour group sessions led by a dietitian, '
        'followed by two telephone calls at 3 and 6 months.',
        'The control group had one individual dietary consultation before discharge and a '
        'leaflet on the Mediterranean diet.',
        '### Outcomes',
        'The primary outcome was the MEDAS adherence score at 12 months.',
        'Patients were assessed at baseline, at 2 months (end of the programme), then at 6 '
        'and 12 months, that is 4 and 10 months after the end of the programme.',
        'Follow-up ended in June 2025.',
        '## Results',
        '### Attendance',
        'In the intervention group, patients attended a mean of 6.4 sessions out of 8; 121 '
        '(77.6%) attended at least six sessions.',
        '### Primary outcome',
        'In the control group, the MEDAS score went from 6.8 at baseline to 7.2 at 12 months.',
        'In the intervention group, it went from 6.9 to 9.1 (adjusted difference 1.8; 95% CI '
        '1.3 to 2.3).',
        '## Discussion',
        'A structured education programme durably improves adherence to the Mediterranean '
        'diet.',
        '## Competing interests',
        'The other authors declare no competing interests. T. Lemaire received fees from '
        'Lesieur for lectures.',
        '## Funding',
        'This study was funded by the regional health agency.',
    ),
}
PAPER = {lang: "\n\n".join(paragraphs) + "\n" for lang, paragraphs in PARAGRAPHS.items()}

# What each fault's test looks for, per language: the sentences (their start) to quote first,
# and those never to quote.
WORDS = {
    "fr": {
        "link": "T. Lemaire a reçu des honoraires de Lesieur",
        "others": "Les autres auteurs déclarent",
        "attended": "Dans le groupe intervention, les patients ont assisté",
        "planned": "Le programme comprenait huit séances",
        "time_points": "Les patients ont été évalués à l'inclusion",
        "end_date": "Le suivi s'est achevé en juin 2025",
        "design": "Nous avons conduit un essai pragmatique",
        "keywords": "Mots-clés",
        "comparator": "Le groupe témoin a bénéficié",
        "results": ("À 12 mois, le score MEDAS", "Dans le groupe témoin, le score MEDAS"),
        "assessor": "Les critères de jugement ont été recueillis par une attachée",
    },
    "en": {
        "link": "T. Lemaire received fees from Lesieur",
        "others": "The other authors declare",
        "attended": "In the intervention group, patients attended",
        "planned": "The programme comprised eight weekly",
        "time_points": "Patients were assessed at baseline",
        "end_date": "Follow-up ended in June 2025",
        "design": "We conducted a pragmatic",
        "keywords": "Keywords",
        "comparator": "The control group had one individual",
        "results": ("At 12 months, the mean MEDAS", "In the control group, the MEDAS score"),
        "assessor": "Outcomes were collected by a research assistant",
    },
}


def _docx(markdown: str) -> bytes:
    """The paper as its authors' DOCX: Word's title and heading styles for the Markdown's."""
    word = WordDocument()
    styles = {"# ": "Title", "## ": "Heading 1", "### ": "Heading 2"}
    for block in markdown.split("\n\n"):
        marks = next((m for m in ("### ", "## ", "# ") if block.startswith(m)), None)
        if marks is None:
            word.add_paragraph(block.strip())
        else:
            word.add_paragraph(block[len(marks):].strip(), style=styles[marks])
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


@cache
def _suggestions(lang: str, form: str = "md") -> dict[str, Suggestion]:
    text = PAPER[lang]
    if form == "docx":
        return suggest(_docx(text), lang, kind="paper", name="article.docx")
    return suggest(text, lang, kind="paper")


FORMS = [("fr", "md"), ("en", "md"), ("fr", "docx")]


def _quoted(lang: str, form: str, invariant: str) -> list[str]:
    return quotation_texts(_suggestions(lang, form)[invariant])


@pytest.mark.parametrize(("lang", "form"), FORMS)
def test_e05_quotes_the_link_declared_before_the_other_authors_none(lang, form) -> None:
    words = WORDS[lang]
    quoted = _quoted(lang, form, "E05")
    assert quoted and quoted[0].startswith(words["link"]), quoted
    assert any(q.startswith(words["others"]) for q in quoted), quoted


@pytest.mark.parametrize(("lang", "form"), FORMS)
def test_int11_quotes_the_sessions_attended_before_the_sessions_planned(lang, form) -> None:
    """A results paper reports the dose received in its results (« Participation au
    programme »): it comes before the dose planned in the methods."""
    words = WORDS[lang]
    quoted = _quoted(lang, form, "INT11")
    assert quoted and quoted[0].startswith(words["attended"]), quoted
    assert any(q.startswith(words["planned"]) for q in quoted), quoted



@pytest.mark.parametrize(("lang", "form"), FORMS)
def test_int09_quotes_the_time_points_after_the_programme_not_the_end_date(lang,
                                                                           form) -> None:
    """« Le suivi s'est achevé en juin 2025 » dates the study; it says nothing of how long
    participants were followed after the programme ended."""
    words = WORDS[lang]
    quoted = _quoted(lang, form, "INT09")
    assert quoted and quoted[0].startswith(words["time_points"]), quoted
    assert not any(q.startswith(words["end_date"]) for q in quoted), quoted


@pytest.mark.parametrize(("lang", "form"), FORMS)
def test_int02_quotes_what_the_control_group_received_not_its_results(lang, form) -> None:
    words = WORDS[lang]
    quoted = _quoted(lang, form, "INT02")
    assert quoted and quoted[0].startswith(words["comparator"]), quoted
    assert not any(q.startswith(words["results"]) for q in quoted), quoted
    # Nor the sessions attended, for the interventions of each group (SPIRIT 11a).
    assert not any(q.startswith(words["attended"]) for q in quoted), quoted


@pytest.mark.parametrize(("lang", "form"), FORMS)
def test_int04_quotes_no_blinded_assessor_as_who_enrolled(lang, form) -> None:
    """A research assistant who collected the outcomes blinded is no one who enrolled or
    assigned participants (SPIRIT 16h)."""
    suggestion = _suggestions(lang, form)["INT04"]
    quoted = quotation_texts(suggestion)
    assert not any(q.startswith(WORDS[lang]["assessor"]) for q in quoted), quoted
    assert "16h_Personnel_Enrollment" not in suggestion.elements_found \
        or "16h_Personnel_Enrollment" in suggestion.elements_inferred


@pytest.mark.parametrize(("lang", "form"), FORMS)
def test_int01_quotes_no_keywords_line(lang, form) -> None:
    """« Mots-clés : essai randomisé ; … » lists index terms: it evidences no design."""
    words = WORDS[lang]
    quoted = _quoted(lang, form, "INT01")
    assert quoted and quoted[0].startswith(words["design"]), quoted
    assert not any(q.startswith(words["keywords"]) for q in quoted), quoted


@pytest.mark.parametrize(("lang", "heading", "terms"), [
    ("fr", "Mots-clés", "Essai contrôlé randomisé ; essai pragmatique ; régime méditerranéen ; "
                        "infarctus du myocarde."),
    ("en", "Keywords", "Randomised controlled trial; pragmatic trial; Mediterranean diet; "
                       "myocardial infarction."),
])
def test_no_invariant_quotes_the_terms_under_a_keywords_heading(lang, heading, terms) -> None:
    """The keywords under a heading of their own are no evidence either, for any invariant."""
    paragraphs = [f"## {heading}\n\n{terms}" if p.startswith(WORDS[lang]["keywords"]) else p
                  for p in PARAGRAPHS[lang]]
    suggestions = suggest("\n\n".join(paragraphs) + "\n", lang, kind="paper")
    for invariant, suggestion in suggestions.items():
        assert not any(q.startswith(terms[:30]) for q in quotation_texts(suggestion)), \
            (invariant, quotation_texts(suggestion))


@pytest.mark.parametrize(("lang", "sentence"), [
    ("fr", "Les auteurs déclarent ne pas avoir de liens d'intérêts."),
    ("en", "The authors declare no competing interests."),
    ("fr", "T. Lemaire a reçu des honoraires de Lesieur ; les autres auteurs déclarent ne pas "
           "avoir de liens d'intérêts."),
    ("en", "T. Lemaire received fees from Lesieur; the other authors declare no competing "
           "interests."),
])
def test_e05_still_quotes_a_declaration_that_is_not_about_the_other_authors(lang,
                                                                             sentence) -> None:
    """Only a sentence opening on "the other authors" is read as referring to a link declared
    beside it: all authors declaring none, or the link and the others in one sentence, is the
    declaration itself."""
    heading = {"fr": "## Liens d'intérêts", "en": "## Competing interests"}[lang]
    paragraphs = list(PARAGRAPHS[lang])
    paragraphs[paragraphs.index(heading) + 1] = sentence
    e05 = suggest("\n\n".join(paragraphs) + "\n", lang, kind="paper")["E05"]
    assert quotation_texts(e05)[:1] == [sentence], quotation_texts(e05)


def test_int11_quotes_the_sessions_attended_under_a_heading_of_the_authors_own() -> None:
    """In English too, under a results heading the catalogue does not name ("Participation in
    the programme", not "Attendance"), the sessions attended come first."""
    paragraphs = ["### Participation in the programme" if p == "### Attendance" else p
                  for p in PARAGRAPHS["en"]]
    int11 = suggest("\n\n".join(paragraphs) + "\n", "en", kind="paper")["INT11"]
    quoted = quotation_texts(int11)
    assert quoted and quoted[0].startswith(WORDS["en"]["attended"]), quoted
