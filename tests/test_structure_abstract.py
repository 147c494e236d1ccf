"""The abstract read as a reader reads it, and headings that keep all their text.

An abstract of run-in labels right after the title and the authors, with no "Abstract"
heading ("Background: … Methods: … Results: … Conclusions: …", « Contexte : … Méthodes : …
Résultats : … Conclusion : … »), is the abstract, in PDF, DOCX, Markdown and TXT; inside an
abstract or summary a run-in "Funding:" starts no back-matter section; a PDF heading wrapped
before a number alone ("Table of outcomes at week" / "12") keeps it; the usual section names
are data (headings.yaml), listed once.
"""

from __future__ import annotations

import io

import pytest
from suggestion_support import suggest

from checker.documents import extract_document
from checker.documents.abstract import abstract_label, is_abstract_title
from checker.documents.back_matter import back_matter_names
from checker.documents.headings import HEADINGS_PATH, usual_headings
from checker.documents.structure import is_known_heading
from checker.yaml_files import load_yaml

TITLE = {"en": "Physical activity during pregnancy and gestational diabetes: a prospective "
               "cohort study in France",
         "fr": "Activité physique pendant la grossesse et diabète gestationnel : une étude de "
               "cohorte prospective en France"}
AUTHORS = "Marie Dupont, Jean Martin, Claire Bernard"
PARTS = {
    "en": [("Background", "Physical activity may lower the risk of gestational diabetes, but "
                          "cohort data from routine care are scarce."),
           ("Methods", "We followed a prospective cohort of pregnant women attending three "
                       "maternity units in Lyon, France, between March 2019 and June 2021. "
                       "Women aged 18 years or older with a singleton pregnancy were eligible."),
           ("Results", "Of 612 eligible women, 540 were included and 498 completed follow-up."),
           ("Conclusions", "Regular physical activity during pregnancy was associated with a "
                           "lower risk of gestational diabetes.")],
    "fr": [("Contexte", "L'activité physique pourrait réduire le risque de diabète "
                        "gestationnel, mais les données de cohorte en soins courants sont rares."),
           ("Méthodes", "Nous avons suivi une cohorte prospective de femmes enceintes dans trois "
                        "maternités de Lyon entre mars 2019 et juin 2021."),
           ("Résultats", "Sur 612 femmes éligibles, 540 ont été incluses et 498 ont terminé le "
                         "suivi."),
           ("Conclusion", "Une activité physique régulière pendant la grossesse était associée "
                          "à un risque plus faible de diabète gestationnel.")],
}
COLON = {"en": ":", "fr": "\u00a0:"}
BODY = {
    "en": [("Introduction", "Gestational diabetes affects one pregnancy in ten."),
           ("Methods", "This prospective cohort study was conducted in three maternity units. "
                       "Women aged 18 years or older with a singleton pregnancy before 14 weeks "
                       "of gestation were eligible.")],
    "fr": [("Introduction", "Le diabète gestationnel touche une grossesse sur dix."),
           ("Méthodes", "Cette étude de cohorte prospective a été menée dans trois maternités.")],
}
NAME = {"en": "Abstract", "fr": "Résumé"}
RESULTS = {"en": "Of 612 eligible women", "fr": "Sur 612 femmes éligibles"}


def _section_of(doc, needle: str) -> str:
    return next(s.section for s in doc.sentences if needle in doc.sentence_text(s))


def _text(lang: str, bold: str = "") -> str:
    parts = "\n\n".join(f"{bold}{label}{COLON[lang]}{bold} {text}"
                        for label, text in PARTS[lang])
    body = "\n\n".join(f"{heading}\n\n{text}" for heading, text in BODY[lang])
    return f"{TITLE[lang]}\n\n{AUTHORS}\n\n{parts}\n\n{body}\n"


def _pdf(html: str) -> bytes:
    weasyprint = pytest.importorskip("weasyprint")
    return weasyprint.HTML(string=html).write_pdf()


def _html(lang: str, abstract: str, back: str = "") -> str:
    body = "".join(f"<h2>{heading}</h2><p>{text}</p>" for heading, text in BODY[lang])
    return (f'<html lang="{lang}"><body style="font-size: 10pt"><h1>{TITLE[lang]}</h1>'
            f"<p>{AUTHORS}</p>{abstract}{body}{back}</body></html>")


def _docx(lang: str, parts: list[tuple[str, str]]) -> bytes:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_heading(TITLE[lang], level=0)
    document.add_paragraph(AUTHORS)
    for label, text in parts:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label}{COLON[lang]}").bold = True
        paragraph.add_run(f" {text}")
    for heading, text in BODY[lang]:
        document.add_heading(heading, level=1)
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _assert_abstract(doc, lang: str) -> None:
    name = NAME[lang]
    assert _section_of(doc, RESULTS[lang]) == name
    for label, text in PARTS[lang]:
        assert _section_of(doc, text.split(",")[0][:30]) == name, label
    # The title and the authors are no part of it; the body's sections are as they were.
    assert _section_of(doc, AUTHORS) != name
    assert _section_of(doc, BODY[lang][0][1]) == "Introduction"
    abstract = next(s for s in doc.sections if s.title == name)
    introduction = next(s for s in doc.sections if s.title == "Introduction")
    assert abstract.end == introduction.start
    assert doc.text.startswith(f"{PARTS[lang][0][0]}", abstract.start) or \
        doc.text[abstract.start:].lstrip("*").startswith(PARTS[lang][0][0])


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_txt_abstract_of_run_in_labels_without_heading(lang: str) -> None:
    doc = extract_document(_text(lang).encode(), "paper.txt")
    _assert_abstract(doc, lang)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_markdown_abstract_of_bold_run_in_labels(lang: str) -> None:
    text = "# " + _text(lang, bold="**").replace("\n\nIntroduction\n", "\n\n## Introduction\n")
    text = text.replace(f"\n\n{BODY[lang][1][0]}\n", f"\n\n## {BODY[lang][1][0]}\n")
    doc = extract_document(text.encode(), "paper.md")
    _assert_abstract(doc, lang)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_docx_abstract_of_bold_run_in_labels(lang: str) -> None:
    doc = extract_document(_docx(lang, PARTS[lang]), "paper.docx")
    _assert_abstract(doc, lang)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_pdf_abstract_of_bold_run_in_labels(lang: str) -> None:
    abstract = "".join(f"<p><b>{label}{COLON[lang]}</b> {text}</p>"
                       for label, text in PARTS[lang])
    doc = extract_document(_pdf(_html(lang, abstract)), "paper.pdf")
    _assert_abstract(doc, lang)


def test_suggestions_place_an_abstract_sentence_in_the_abstract() -> None:
    """A suggestion that quotes the abstract says so: its place is no longer the body's."""
    doc = extract_document(_text("en").encode(), "cohort.txt")
    suggestions = suggest(doc, "en", study_type="observational", kind="paper")
    quoted = [q for s in suggestions.values() for q in s.quotations
              if q.text in " ".join(text for _, text in PARTS["en"])]
    assert quoted and all(q.section == "Abstract" for q in quoted)


@pytest.mark.parametrize("text", [
    # One labelled paragraph is no structured abstract.
    f"{TITLE['en']}\n\n{AUTHORS}\n\nObjective: To describe walking in pregnancy.\n\n"
    "Introduction\n\nWalking is common.\n",
    # Labels in the body, after its first section, are no abstract.
    f"{TITLE['en']}\n\nIntroduction\n\nWalking is common.\n\nMethods: We followed women.\n\n"
    "Results: Of 612 eligible women, 540 were included.\n",
    # Labels that are no abstract's ("Note:", "Warning:").
    f"{TITLE['en']}\n\nNote: This is a draft.\n\nWarning: Do not cite.\n\n"
    "Introduction\n\nWalking is common.\n",
])
def test_no_abstract_where_a_reader_sees_none(text: str) -> None:
    doc = extract_document(text.encode(), "paper.txt")
    assert not any(s.title in ("Abstract", "Résumé") for s in doc.sections)


def test_an_abstract_with_its_heading_is_left_as_it_was() -> None:
    text = _text("en").replace(f"{AUTHORS}\n\n", f"{AUTHORS}\n\nAbstract\n\n")
    doc = extract_document(text.encode(), "paper.txt")
    assert [s.title for s in doc.sections].count("Abstract") == 1
    assert _section_of(doc, RESULTS["en"]) == "Abstract"
    abstract = next(s for s in doc.sections if s.title == "Abstract")
    assert doc.text.startswith("Abstract", abstract.start)


@pytest.mark.parametrize(("line", "label"), [
    ("Background: Physical activity …", "background"),
    ("**Results.** Of 612 …", "results"),
    ("**Conclusions**: Regular …", "conclusions"),
    ("Résultats\u00a0: Sur 612 …", "résultats"),
    ("  Trial registration: NCT01234567", "trial registration"),
    ("Background", None),  # a line of its own: a heading, not a run-in label
    ("Results were similar in both groups.", None),
    ("Funding: National Institute …", None),
])
def test_abstract_label(line: str, label: str | None) -> None:
    assert abstract_label(line) == label


# --- A run-in "Funding:" inside an abstract or summary is one of its parts -----------------

LANCET = {
    "en": ("Summary", [("Background", "Gestational diabetes is common."),
                       ("Methods", "We did a prospective cohort study in three units."),
                       ("Findings", "Of 612 eligible women, 540 were included."),
                       ("Interpretation", "Activity was associated with less diabetes."),
                       ("Funding", "National Institute for Health and Care Research.")],
           "Funding.", "This study was funded by the National Institute for Health and Care "
                       "Research, which had no role in the analysis."),
    "fr": ("Résumé", [("Contexte", "Le diabète gestationnel est fréquent."),
                      ("Méthodes", "Nous avons mené une cohorte prospective dans trois unités."),
                      ("Résultats", "Sur 612 femmes éligibles, 540 ont été incluses."),
                      ("Conclusion", "L'activité était associée à moins de diabète."),
                      ("Financement", "Ligue contre le cancer.")],
           "Financement.", "Cette étude a été financée par la Ligue contre le cancer, sans rôle "
                           "dans l'analyse."),
}


def _assert_summary(doc, lang: str, heading: str | None = None) -> None:
    name, parts, _, back = LANCET[lang]
    heading = heading or name
    funding_label, funding_text = parts[-1]
    assert _section_of(doc, funding_text[:20]) == heading
    titles = [s.title for s in doc.sections]
    # No back-matter section between the summary and the body; the paper's own one stays.
    assert titles.index(heading) + 1 == titles.index("Introduction")
    assert _section_of(doc, back[:30]) == funding_label
    summary = next(s for s in doc.sections if s.title == heading)
    assert summary.end == next(s.start for s in doc.sections if s.title == "Introduction")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_pdf_summary_keeps_its_run_in_funding(lang: str) -> None:
    name, parts, label, back = LANCET[lang]
    abstract = f"<h2>{name}</h2>" + "".join(
        f"<p><b>{part}{COLON[lang]}</b> {text}</p>" for part, text in parts)
    doc = extract_document(_pdf(_html(lang, abstract, f"<p><b>{label}</b> {back}</p>")),
                           "paper.pdf")
    _assert_summary(doc, lang)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_markdown_and_docx_summary_keep_their_run_in_funding(lang: str) -> None:
    name, parts, label, back = LANCET[lang]
    text = (f"# {TITLE[lang]}\n\n{AUTHORS}\n\n## {name}\n\n"
            + "\n\n".join(f"**{part}{COLON[lang]}** {body}" for part, body in parts)
            + "".join(f"\n\n## {heading}\n\n{body}" for heading, body in BODY[lang])
            + f"\n\n**{label}** {back}\n")
    _assert_summary(extract_document(text.encode(), "paper.md"), lang)
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_heading(TITLE[lang], level=0)
    document.add_heading(name, level=1)
    for part, body in parts:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{part}{COLON[lang]}").bold = True
        paragraph.add_run(f" {body}")
    for heading, body in BODY[lang]:
        document.add_heading(heading, level=1)
        document.add_paragraph(body)
    paragraph = document.add_paragraph()
    paragraph.add_run(label).bold = True
    paragraph.add_run(f" {back}")
    buffer = io.BytesIO()
    document.save(buffer)
    _assert_summary(extract_document(buffer.getvalue(), "paper.docx"), lang)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_unheaded_abstract_keeps_its_run_in_funding(lang: str) -> None:
    _, parts, label, back = LANCET[lang]
    abstract = "".join(f"<p><b>{part}{COLON[lang]}</b> {text}</p>" for part, text in parts)
    doc = extract_document(_pdf(_html(lang, abstract, f"<p><b>{label}</b> {back}</p>")),
                           "paper.pdf")
    _assert_summary(doc, lang, NAME[lang])


def test_is_abstract_title() -> None:
    assert all(map(is_abstract_title, ["Abstract", "SUMMARY", "Résumé :", "1. Abstract"]))
    assert not any(map(is_abstract_title, ["Abstracts of posters", "Summary of findings",
                                           "Background"]))


# --- A wrapped heading keeps a number alone on its last line -------------------------------

@pytest.mark.parametrize(("heading", "title"), [
    ("Table of outcomes at week<br>12", "Table of outcomes at week 12"),
    ("Résultats à la semaine<br>12", "Résultats à la semaine 12"),
    ("Outcomes between<br>2019–2021", "Outcomes between 2019–2021"),
])
def test_pdf_heading_wrapped_before_a_number_keeps_it(heading: str, title: str) -> None:
    html = ('<html><body style="font-size: 10pt"><h1>A randomised trial of walking for knee '
            "osteoarthritis in older adults</h1><h2>1. Methods</h2><p>Participants walked "
            f"three times a week.</p><h2>{heading}</h2><p>The primary outcome was pain.</p>"
            "<h2>2. Results</h2><p>Pain fell by 20 mm.</p></body></html>")
    doc = extract_document(_pdf(html), "paper.pdf")
    assert title in [s.title for s in doc.sections]
    assert _section_of(doc, "primary outcome was pain") == title
    sentence = next(s for s in doc.sentences if doc.sentence_text(s).startswith(title[:8]))
    assert doc.is_heading(sentence) and doc.sentence_text(sentence).split() == title.split()


def test_pdf_number_alone_ends_its_heading() -> None:
    """"(N =" / "394)" ends a caption: a heading of the same style right after it is its own
    (a benchmark article's "Table 2. Outcomes … (N =" / "394)" then "Primary Outcome")."""
    html = ('<html><body style="font-size: 10pt"><h1>A randomised trial of walking for knee '
            "osteoarthritis in older adults</h1><h2>1. Results</h2><p>Of 412 adults screened, "
            "394 were randomised and analysed; none was lost to follow-up at 12 months.</p>"
            "<h3>Table 2. Outcomes at 12 months for all participants (N =<br>394)</h3>"
            "<h3>Primary outcome</h3><p>Pain fell by 20 mm in the walking group.</p>"
            "<h2>2. Discussion</h2><p>Walking helps older adults with knee osteoarthritis, as "
            "earlier trials of supervised exercise found.</p></body></html>")
    doc = extract_document(_pdf(html), "paper.pdf")
    titles = [s.title for s in doc.sections]
    assert "Table 2. Outcomes at 12 months for all participants (N = 394)" in titles
    assert _section_of(doc, "Pain fell by 20 mm") == "Primary outcome"


def test_docx_heading_broken_by_hand_keeps_its_lines() -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_heading("Methods", level=1)
    document.add_paragraph("Participants walked three times a week.")
    heading = document.add_heading("Outcomes at week", level=1)
    heading.runs[0].add_break()
    heading.add_run("12")
    document.add_paragraph("The primary outcome was pain.")
    buffer = io.BytesIO()
    document.save(buffer)
    doc = extract_document(buffer.getvalue(), "paper.docx")
    assert [s.title for s in doc.sections] == ["Methods", "Outcomes at week 12"]
    sentence = next(s for s in doc.sentences if doc.sentence_text(s).startswith("Outcomes"))
    assert doc.sentence_text(sentence) == "Outcomes at week\n12" and doc.is_heading(sentence)


@pytest.mark.parametrize("name", ["paper.txt", "paper.md"])
def test_text_heading_before_a_number_alone_keeps_it_as_text(name: str) -> None:
    text = ("A randomised trial of walking for knee osteoarthritis in older adults\n\n"
            "1. Methods\n\nParticipants walked.\n\n2. Outcomes at week\n12\n\n"
            "The primary outcome was pain.\n")
    doc = extract_document(text.encode(), name)
    read = " ".join(doc.sentence_text(s) for s in doc.sentences)
    assert "2. Outcomes at week 12 The primary outcome" in " ".join(read.split())


# --- The usual section names are data, each listed once ------------------------------------

def test_heading_names_are_listed_once() -> None:
    with HEADINGS_PATH.open(encoding="utf-8") as handle:
        data = load_yaml(handle)
    for language in ("en", "fr"):
        names = (data["usual"][language] + data["abstract"][language]
                 + data["back_matter"][language]["heading"]
                 + data["back_matter"][language]["run_in"])
        assert len(names) == len(set(names)), language
        assert all(name == name.lower() for name in names)


@pytest.mark.parametrize(("line", "known"), [
    ("Abstract", True), ("Résumé", True), ("METHODS:", True), ("Funding", True),
    ("Acknowledgments", True), ("Authors' contributions", True), ("Liens d'intérêts", True),
    ("Critères de non-inclusion", True), ("Mots-clés", True),
    # Since a walkthrough's protocol: the plural of "Primary outcome", the singular of
    # "Secondary outcomes", and their French names alike.
    ("Primary outcomes", True), ("Secondary outcome:", True),
    ("Critères de jugement principaux", True), ("Critère de jugement secondaire", True),
    # Back-matter names recognised as run-in labels only, as before.
    ("Disclosures", False), ("Funding sources", False), ("Data availability", False),
    ("Financements", False), ("Authors\u2019 contributions", False),
    ("Summary of findings", False),
])
def test_usual_headings_recognised_as_before(line: str, known: bool) -> None:
    assert is_known_heading(line) is known


def test_usual_headings_and_back_matter_labels_as_before() -> None:
    assert len(usual_headings()) == 106
    # 57 since a walkthrough's paper: "Patient and public involvement." (and its statement,
    # « Implication des patients (et du public) ») as run-in labels.
    assert len(back_matter_names()) == 57
    assert {"funding", "competing interests", "financement", "remerciements"} <= (
        usual_headings() & back_matter_names())
