"""Tables and captions: a caption's bare label is never a quotation, and a PDF table's rows
are read as short units of their own, quoted only when no sentence says the same."""

from __future__ import annotations

import pytest
from suggestion_support import suggest

from checker.documents import extract_document
from checker.documents.tables import LEADING_LABEL, is_caption_label, is_table_row, quoted_last
from checker.evidence.detect import detect_elements
from checker.evidence.features import SentenceIndex, matching_sentences
from checker.evidence.quotes import verify_quotation
from checker.evidence.suggest import _cue_quotations
from tests.cohort_paper import ROWS, cohort_pdf


def _sentences(document) -> list[str]:
    return [" ".join(document.sentence_text(s).split()) for s in document.sentences]


@pytest.fixture(scope="module")
def cohort():
    return extract_document(cohort_pdf(), "cohort.pdf")


@pytest.fixture(scope="module")
def cohort_suggestions(cohort):
    detections = detect_elements(cohort, kind="paper", lang="en")
    return detections, suggest(cohort, "en", study_type="observational", kind="paper",
                               detections=detections)


@pytest.mark.parametrize("label", ["Table 1.", "Table 1", "Figure 2", "FIGURE 2", "Fig. 3:",
                                   "TABLE II", "Tableau 1.", "« Tableau 1. »", "Table S2.",
                                   "Supplementary Table 1.", "**Table 3.**", "Figure 2b"])
def test_a_caption_label_alone_is_a_label(label):
    assert is_caption_label(label)


@pytest.mark.parametrize("text", [
    "Table 1. Baseline characteristics of the 612 women by exposure",
    "Tableau 1. Caractéristiques initiales des participantes",
    "Table 1 shows the baseline characteristics.",
    "Tables were checked twice.",
])
def test_a_caption_or_a_sentence_is_no_bare_label(text):
    assert not is_caption_label(text)


@pytest.mark.parametrize("row", [
    "Age, years 63.2 (8.1) 64.0 (7.9)",
    "Body mass index, kg/\nm² 26.1 (4.3) 27.4 (4.9)",
    "Current smoker 31 (10.4) 52 (16.6)",
    "Fumeuse 31 (10,4 %) 52 (16,6 %)",
    "Baseline SF-36 physical score 48.3 (7.2) 45.9 (8.0)",
    "Falls 0.71 (0.55–0.92) <0.001",
])
def test_rows_of_figures_are_table_rows(row):
    assert is_table_row(row) and quoted_last(row)


@pytest.mark.parametrize("sentence", [
    "Registered 26 May 2014.",
    "Registration Date: August 2, 2012",
    "Enrolment took place between Sept 16, 2015 and Mar 11, 2016.",
    "Of 701 eligible women, 612 were included and 571 (93%) were followed for three years.",
    "After adjustment, the hazard ratio was 0.71 (95% CI 0.55 to 0.92).",
    "Session 1 (60 min)",
    "Answering categories are 0%, 25%, 50%, 75% and 100%.",
])
def test_sentences_with_figures_and_dates_are_no_table_rows(sentence):
    assert not is_table_row(sentence) and not quoted_last(sentence)


def test_rows_run_together_are_quoted_last():
    soup = " ".join(" ".join(row) for row in ROWS)
    assert len(soup) > 300 and quoted_last(soup)
    sentence = ("Patients are eligible if they (1) are aged 18 years or older, (2) have had "
                "an opioid use disorder for 12 months or more, " * 4)
    assert len(sentence) > 300 and not quoted_last(sentence)


CAPTIONS = [
    ("Table 1. Baseline characteristics of the 612 women by exposure.", "Values are mean (SD)."),
    ("Tableau 1. Caractéristiques initiales des 612 femmes selon l'exposition.",
     "Les valeurs sont des moyennes (ET)."),
    ("Fig. 2. Flow of participants through the study.", "Numbers are women."),
    ("Supplementary Table S1. Adverse events by group.", "None was serious."),
]


def _docx(paragraphs: list[str]) -> bytes:
    import io

    import docx

    made = docx.Document()
    made.add_heading("Results", 1)
    for paragraph in paragraphs:
        made.add_paragraph(paragraph)
    out = io.BytesIO()
    made.save(out)
    return out.getvalue()


@pytest.mark.parametrize(("caption", "after"), CAPTIONS)
def test_a_caption_label_ends_no_sentence_of_a_word_processor(caption, after):
    document = extract_document(_docx([f"{caption} {after}"]), "results.docx")
    sentences = _sentences(document)
    assert caption in sentences and after in sentences
    assert not any(is_caption_label(s) for s in sentences)


@pytest.mark.parametrize(("caption", "after"), CAPTIONS)
@pytest.mark.parametrize("name", ["results.txt", "results.md"])
def test_a_caption_label_ends_no_sentence_of_a_typed_text(caption, after, name):
    """TXT and Markdown read a caption as a word processor's: "Table 1." is no sentence of
    its own there either, and the caption's sentence starts with its label, verbatim."""
    text = f"Results\n\n{caption} {after}\n"
    document = extract_document(text.encode(), name)
    sentences = _sentences(document)
    assert [caption, after] == sentences[-2:]
    assert not any(is_caption_label(s) for s in sentences)
    first = document.sentences[-2]
    assert document.text[first.start:first.end] == caption and first.section == "Results"


def test_two_labels_stay_two_sentences():
    document = extract_document(_docx(["Table 1. Table 2. Flow of participants."]),
                                "labels.docx")
    assert "Table 1." in _sentences(document)


def test_the_pdf_caption_is_one_sentence_with_its_label(cohort):
    sentences = _sentences(cohort)
    assert "Table 1. Baseline characteristics of the 612 women by exposure." in sentences
    assert not any(is_caption_label(s) for s in sentences)


def test_each_row_of_a_pdf_table_is_a_unit_of_its_own(cohort):
    sentences = _sentences(cohort)
    for label, *cells in ROWS[1:]:
        figures = " | ".join(cells)
        holding = [s for s in sentences if figures in s]
        assert len(holding) == 1, (figures, holding)
        # The row alone: its label (wrapped or not) and its cells " | " apart, as a DOCX's
        # row reads, no other row's figures.
        row = holding[0]
        assert row.endswith(figures) and len(row) <= len(label) + len(figures) + 3, row
        assert is_table_row(row)
    # The text around the table is read as it was.
    assert ("Walkers were less often smokers and less of‐ ten diabetic than non-walkers "
            "(Table 1).") in sentences
    assert ("Of 701 eligible women, 612 were included and 571 (93%) were followed for three "
            "years.") in sentences
    assert any(s.startswith("After adjustment for the confounders") and s.endswith("0.92).")
               for s in sentences)


def test_no_quotation_of_the_cohort_is_a_label_or_a_table(cohort, cohort_suggestions):
    detections, suggestions = cohort_suggestions
    quotes = [d.quote for d in detections] + [q.text for s in suggestions.values()
                                               for q in s.quotations]
    assert quotes
    for quote in quotes:
        assert verify_quotation(cohort.text, quote)
        assert not is_caption_label(quote), quote
        # No more than one row's figures: no table swallowed.
        rows = sum(" ".join(cells) in " ".join(quote.split()) for _, *cells in ROWS[1:])
        assert rows <= 1, quote
        assert len(quote) < 400, quote


def test_obs07_quotes_the_caption_not_its_label(cohort_suggestions):
    _, suggestions = cohort_suggestions
    texts = [" ".join(q.text.split()) for q in suggestions["OBS07"].quotations]
    assert "Table 1." not in texts
    assert any(t.startswith("Potential confounders were identified a priori") for t in texts)


def test_a_table_row_is_quoted_after_the_sentences_that_say_as_much():
    text = ("# Methods\n\nWe followed a cohort of 612 women in Lyon, France, for three years.\n\n"
            "# Results\n\n"
            "Potential confounders 12 (4.1) 15 (5.0)\n\n"
            "Potential confounders were chosen a priori with a directed acyclic graph, and "
            "hazard ratios were adjusted for them.\n")
    document = extract_document(text.encode(), "cohort.md")
    detections = detect_elements(document, kind="paper", lang="en")
    suggestions = suggest(document, "en", study_type="observational", kind="paper",
                          detections=detections)
    quotations = suggestions["OBS07"].quotations
    assert quotations and quotations[0].text.startswith("Potential confounders were chosen")
    rows = [i for i, q in enumerate(quotations) if is_table_row(q.text)]
    assert all(i > 0 for i in rows)
    # A sentence only close in vocabulary, a pointer, is never a table's row here.
    assert not [d for d in detections if not d.cue_match and is_table_row(d.quote)]
    # The invariant's own words: the row holds them first, the sentence is quoted first.
    index = SentenceIndex(matching_sentences(document))
    cues = _cue_quotations(document, index, ("potential confounders",))
    assert [q.text[:25] for q in cues] == ["Potential confounders wer",
                                           "Potential confounders 12 "]


def test_a_pdf_paragraph_full_of_figures_is_no_table():
    """Justified running text in narrow columns, full of figures, stretches the spaces of a
    line of few words as wide as a table's gap between cells ("and 31 (10.4) 52"), but all
    alike: it is no table's row, and its sentences are read whole."""
    weasyprint = pytest.importorskip("weasyprint")
    text = ("Mean values were 63.2 (8.1) 64.0 (7.9) years, 26.1 (4.3) 27.4 (4.9) kg/m², "
            "48.3 (7.2) 45.9 (8.0) points and 31 (10.4) 52 (16.6) smokers in the two groups.")
    html = ("<html><head><style>body{columns:4;font-size:9.5pt}p{text-align:justify}"
            "</style></head><body lang=en>" + f"<p>{text} {text}</p>" * 3 + "</body></html>")
    document = extract_document(weasyprint.HTML(string=html).write_pdf(), "numbers.pdf")
    assert _sentences(document) == [text] * 6


def test_a_label_standing_alone_is_never_quoted():
    """A label set apart from its caption ("Table 1." as a paragraph of its own) stays a
    sentence of the text, but no detection or suggestion quotes it."""
    text = ("# Methods\n\nWe followed a cohort of 612 women in Lyon, France, for three years.\n\n"
            "# Results\n\nTable 1.\n\nBaseline characteristics of the 612 women by exposure.\n\n"
            "Walkers were less often smokers than non-walkers (Table 1).\n")
    document = extract_document(text.encode(), "cohort.md")
    assert "Table 1." in _sentences(document)
    detections = detect_elements(document, kind="paper", lang="en")
    suggestions = suggest(document, "en", study_type="observational", kind="paper",
                          detections=detections)
    quotes = [d.quote for d in detections] + [q.text for s in suggestions.values()
                                               for q in s.quotations]
    assert any("Baseline characteristics" in quote for quote in quotes)
    assert not [quote for quote in quotes if is_caption_label(quote)]


@pytest.mark.parametrize("text", ["Figure is shown.", "Figures in the text show it.",
                                  "table iv", "Tablet 1"])
def test_a_word_that_starts_like_a_label_is_none(text):
    assert not is_caption_label(text)
    assert not LEADING_LABEL.match(text)


@pytest.mark.parametrize(("caption", "quoted"), [
    ("Fig. 2. CONSORT flow diagram.", False),  # three words: a fragment, label or not
    ("Fig. 2. CONSORT flow diagram of the trial.", True),
])
def test_a_caption_label_counts_no_words_of_a_quotation(caption, quoted):
    text = f"# Results\n\n{caption}\n\nAll randomised women were analysed.\n"
    document = extract_document(text.encode(), "results.md")
    assert caption in _sentences(document)
    index = SentenceIndex(matching_sentences(document))
    found = [q.text for q in _cue_quotations(document, index, ("flow diagram",))]
    assert found == ([caption] if quoted else [])


@pytest.mark.parametrize(("text", "last"), [
    ("Informed consent | X |  |  |  |  |", True),  # a Word table's row, cells " | " apart
    ("| Visit | Baseline | Month 6 |", True),  # a Markdown table's row
    ("Sponsor | University of Lyon", False),  # a label and its sentence
    ("Scores ranged from 12 | 13 in one arm.", False),
    ("A researcher will obtain written informed consent.", False),
])
def test_a_grid_row_of_three_cells_is_quoted_last(text, last) -> None:
    assert quoted_last(text) is last
