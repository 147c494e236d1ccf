"""A reviewer reads a manuscript whose lines are numbered in the margin and writes to the
editor "p. 7, l. 212: …". The numbers are left out of the text (test_pdf_line_numbers.py);
each sentence keeps the line number its first line bears, and a suggestion's quotation is
located "p. 1, l. 33" as the reviewer would cite it, in the interface's language. A PDF
without line numbers is located as before, by page and section alone."""

from __future__ import annotations

import io

import pytest
from conftest import create_assessment, post
from suggestion_support import get_catalogue, suggest
from test_pdf_line_numbers import FUNDING, _lines, _manuscript, _page
from test_suggestions import answers_of

from checker.documents import extract_document
from checker.documents.model import LineMark
from checker.documents.pdf_line_numbers import NumberWord, line_marks
from checker.evidence.analysis import analysis_report, format_analysis
from checker.evidence.compare import compare_drafts
from checker.services.examples import _page_order
from checker.services.suggestions import _suggested_values
from exports.context import location
from exports.labels import labels


def _funding_line() -> int:
    """The number of the manuscript's line where the funding sentence starts (1-based)."""
    return next(number for number, (_, text) in enumerate(_lines(), start=1)
                if "Cette étude a été" in text)


@pytest.mark.parametrize(("numbers", "every"), [
    ("stamped", 1), ("before", 1), ("after", 1), ("stamped", 5), ("before", 5)])
def test_each_sentence_knows_the_line_it_starts_on(numbers: str, every: int) -> None:
    """Every line numbered, or every fifth (the lines between counted from the number above,
    evenly set as they are): the same line numbers, from 1 on the first page to the last."""
    document = extract_document(_manuscript(numbers, every), "manuscrit.pdf")
    lines = {" ".join(document.sentence_text(s).split()): s.line for s in document.sentences}
    assert lines["Financement"] == LineMark(1)
    assert lines[FUNDING] == LineMark(_funding_line())
    assert all(s.line is not None and s.line.last is None for s in document.sentences)
    # They go on from page to page, and go up with the text.
    firsts = [s.line.first for s in document.sentences]
    assert firsts == sorted(firsts) and document.sentences[-1].page == 3
    assert firsts[-1] > 66


def test_a_pdf_without_line_numbers_is_located_as_before() -> None:
    document = extract_document(_manuscript("none"), "manuscrit.pdf")
    assert document.line_marks == ()
    assert all(s.line is None for s in document.sentences)
    suggestion = suggest(document, "fr", kind="paper")["E06"]
    assert all(q.line is None for q in suggestion.quotations)
    assert all("line" not in q for q in suggestion.to_dict()["quotations"])
    assert _suggested_values(suggestion, "en")["page"].split("; ")[0] == "1"


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "p. 1, l. {line}, Financement"), ("fr", "p. 1, l. {line}, Financement")])
def test_the_suggested_quotation_is_located_by_page_and_line(lang: str, expected: str) -> None:
    """The answer's page field, as stored when the suggestion is offered and accepted, holds
    the line: the form shows it, and the results page, the reports and the review text place
    it "p. 1, l. 33"."""
    suggestion = suggest(_manuscript("stamped"), "fr", kind="paper",
                         name="manuscrit.pdf")["E06"]
    values = _suggested_values(suggestion, lang)
    assert values["page"].split("; ")[0] == f"1, l. {_funding_line()}"
    shown = location(labels(lang), values["page"], values["section"])
    assert shown.startswith(expected.format(line=_funding_line()))
    assert suggestion.to_dict()["quotations"][0]["line"] == str(_funding_line())


def test_the_cli_analysis_gives_the_line() -> None:
    document = extract_document(_manuscript("before", 5), "manuscrit.pdf")
    report = analysis_report(document, "paper", "fr", get_catalogue(), "interventional")
    funding = next(q for q in report["suggestions"]["E06"]["quotations"]
                   if " ".join(q["text"].split()) == FUNDING)
    assert funding["line"] == str(_funding_line())
    assert all("line" in detection for detection in report["detections"])
    text = "\n".join(format_analysis(report, get_catalogue(), "fr"))
    assert f"(p. 1, l. {_funding_line()}, Financement)" in text
    plain = analysis_report(extract_document(_manuscript("none"), "m.pdf"), "paper", "fr")
    assert not any("line" in detection for detection in plain["detections"])


def _numbers(*at: tuple[int, float]) -> list[NumberWord]:
    return [NumberWord(value, 60.0, baseline, 8.0, 0, 0) for value, baseline in at]


def test_lines_between_every_fifth_number_are_counted_or_given_as_a_span() -> None:
    """Every fifth line numbered: a line between two numbers is counted from the one above
    when the lines between are as many as the numbering counts and evenly set; with a blank
    line among them (the numbering counts it, the text has no line there) the line is given
    as the span it is in, "l. 5–9", never a number made up."""
    numbers = _numbers((5, 680.0), (10, 580.0), (15, 480.0), (20, 380.0), (25, 280.0))
    even = [760.0, 740.0, 720.0, 700.0, 680.0, 660.0, 640.0, 620.0, 600.0, 580.0, 560.0]
    assert [str(mark) for mark in line_marks(numbers, even)] == [
        "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "10\u201314"]
    # (Under 10, the lines down to 15 are not all there to be counted: a span.)
    # A title set apart above the first number is no numbered line.
    assert line_marks(numbers, [760.0, 680.0])[0] is None
    blank = [680.0, 660.0, 620.0, 600.0, 580.0]  # no text at 640: a blank line
    assert [str(mark) for mark in line_marks(numbers, blank)] == [
        "5", "5\u20139", "5\u20139", "5\u20139", "10"]
    # A running head far above the first number, a footnote far below the last: no line.
    assert line_marks(numbers, [800.0, 60.0]) == [None, None]
    assert line_marks([], [700.0]) == [None]


def test_every_line_numbered_a_line_between_is_named_by_the_number_above() -> None:
    numbers = _numbers(*((n, 760.0 - 20 * n) for n in range(1, 8)))
    assert line_marks(numbers, [740.0, 730.0, 720.0]) == [
        LineMark(1), LineMark(1), LineMark(2)]


def test_a_pdf_with_a_blank_line_between_fifth_numbers_gives_spans() -> None:
    """The manuscript's lines, every fifth numbered, with a blank line (a paragraph's space)
    among them: the lines after it up to the next number are given as a span."""
    words: list[tuple[float, int, str]] = []
    for row in range(26):
        if row != 6:
            words.append((90, row, f"Ligne {row + 1} du manuscrit soumis aux relecteurs de la "
                                   "revue, qui la lisent."))
        if (row + 1) % 5 == 0:
            words.append((50, row, str(row + 1)))
    document = extract_document(_page(words), "manuscrit.pdf")
    marks = {" ".join(document.sentence_text(s).split()).split()[1]: s.line
             for s in document.sentences}
    assert marks["5"] == LineMark(5) and marks["10"] == LineMark(10)
    assert marks["8"] == LineMark(5, 9) and marks["12"] == LineMark(12)
    assert marks["2"] == LineMark(2)


def test_the_page_order_of_an_example_reads_a_line_after_the_page() -> None:
    assert (_page_order("7"), _page_order("7, l. 212"), _page_order("2; 1")) == (7, 7, 0)


def test_the_form_and_the_results_page_give_the_line(app, auth_client) -> None:
    """The manuscript uploaded with the assessment: the suggestion offered in the form holds
    its line in the page field, and the results page places it "p. 1, l. 33"."""
    uid = create_assessment(auth_client, document_kind="paper", language="fr", document=(
        io.BytesIO(_manuscript("stamped")), "manuscrit.pdf"))
    funding = answers_of(app, uid)["E06"]
    assert funding.page.split("; ")[0] == f"1, l. {_funding_line()}"
    results = auth_client.get(f"/assessments/{uid}/results").get_data(as_text=True)
    assert f"p. 1, l. {_funding_line()}, Financement" in results


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_document_view_gives_a_quoted_sentence_s_line(app, auth_client, lang) -> None:
    """The page where the document is read with its quotations shows a quoted sentence's line
    as the reports place it ("p. 1, l. 33"): "l. 33" before it, said in full on hover; a
    sentence neither quoted nor detected gets none, nor any sentence of a PDF without line
    numbers."""
    from html import unescape

    post(auth_client, "/language", {"lang": lang, "next": "/"})
    uid = create_assessment(auth_client, document_kind="paper", language="fr", document=(
        io.BytesIO(_manuscript("stamped")), "manuscrit.pdf"))
    page = unescape(auth_client.get(f"/assessments/{uid}/document").get_data(as_text=True))
    line = _funding_line()
    hover = {"en": f"Line {line} in the margin of the document",
             "fr": f"Ligne {line} dans la marge du document"}[lang]
    assert f'<span class="line-mark" title="{hover}">l. {line}</span>' in page
    marks = page.count('class="line-mark"')
    assert 0 < marks < page.count("<p>") + page.count("<mark>")
    plain = create_assessment(auth_client, document_kind="paper", language="fr", document=(
        io.BytesIO(_manuscript("none")), "manuscrit.pdf"))
    page = auth_client.get(f"/assessments/{plain}/document").get_data(as_text=True)
    assert "<mark>" in page and 'class="line-mark"' not in page


def test_a_comparison_of_drafts_gives_the_line_only_beside_numbered_lines() -> None:
    catalogue = get_catalogue()
    plain = extract_document(_manuscript("none"), "v1.pdf")
    numbered = extract_document(_manuscript("stamped"), "v2.pdf")
    for before, after, lined in ((plain, plain, False), (plain, numbered, True)):
        found = compare_drafts(catalogue, "interventional", "paper", before, after).to_dict()
        quoted = [c["quotation"] for c in found["changes"] if c["quotation"]]
        assert quoted and all(("line" in q) == lined for q in quoted)


def test_a_heading_set_apart_between_two_numbers_is_still_counted() -> None:
    """A heading with space above it between lines 10 and 15: the four lines between are as
    many as the numbering counts, so each is counted, though not evenly set."""
    numbers = _numbers((5, 680.0), (10, 580.0), (15, 470.0), (20, 370.0), (25, 270.0))
    lines = [580.0, 560.0, 530.0, 510.0, 490.0, 470.0]  # 11, a heading (12) set apart, 13, 14
    assert [str(mark) for mark in line_marks(numbers, lines)] == [
        "10", "11", "12", "13", "14", "15"]
    # With a line too few (a blank line the numbering counts), a span.
    assert [str(mark) for mark in line_marks(numbers, [580.0, 530.0, 510.0, 490.0])] == [
        "10", "10\u201314", "10\u201314", "10\u201314"]


def test_the_changes_page_gives_a_quotations_page_and_line(app) -> None:
    """The page comparing two drafts says where the evidence is: "Page 3, l. 40."."""
    from flask import render_template_string

    from checker.evidence.quotes import Quotation

    with app.test_request_context("/"):
        lined = Quotation("…", 0, 1, 3, "Méthodes", "cue", LineMark(40))
        plain = Quotation("…", 0, 1, 3, "Méthodes", "cue")
        shown = render_template_string("{{ page_line(a) }}|{{ page_line(b) }}", a=lined, b=plain)
    assert shown == "3, l. 40|3"
