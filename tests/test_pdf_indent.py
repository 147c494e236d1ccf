"""PDF paragraphs marked by a first-line indent only, no space between them (many journals,
Word's body text): a paragraph that ends with no stop (a title, an author line, a heading set
as text, a list item, a caption) ends before the next one, and a sentence that runs on across
lines, even onto an indented line, stays whole."""

from __future__ import annotations

import pytest

from checker.documents import extract_document

INDENT = "p { margin: 0; text-indent: 1.5em }"
# Every word capitalised: each of its lines starts in upper case, as a new paragraph does.
RUN_ON = ("Participants Will Be Recruited From The Stroke Units Of Twelve University Hospitals "
          "In France And Belgium And Followed For Twelve Months After Discharge.")
ABSTRACT = ("Walking speed is often reduced after a stroke and limits participation in daily "
            "life. We will test a supervised walking programme delivered in twelve "
            "rehabilitation centres. ")
UNSTOPPED = [
    "Walking After Stroke In Older Adults: A Randomised Trial",
    "Marie Dupont, Jean Martin",  # in ragged lines, a line near full may have been wrapped
    "Department of Neurology, University Hospital of Lyon, France",
    "Secondary outcomes",
    "1. Lower Mortality At Twelve Months",
    "2. Fewer Readmissions To Hospital",
    "Table 1 Baseline Characteristics Of The Randomised Adults",
]
AFTER_LIST = "Anxiety will be measured with the Hospital Anxiety and Depression Scale."
# A colon ends no sentence: the list's first item would run on from it.
LIST_INTRO = "The secondary outcomes will be:"


def _pdf(html: str) -> bytes:
    weasyprint = pytest.importorskip("weasyprint")
    return weasyprint.HTML(string=html).write_pdf()


def _sentences(css: str, body: str) -> list[str]:
    html = (f"<html lang=en><head><style>@page {{ size: A4; margin: 2cm }}"
            f" body {{ font-size: 10pt; hyphens: none }} {css}</style></head>"
            f"<body>{body}</body></html>")
    doc = extract_document(_pdf(html), "paper.pdf")
    return [" ".join(doc.sentence_text(s).split()) for s in doc.sentences]


def _paper() -> str:
    """A title page's unstopped lines, each a paragraph above the next one's indented first
    line, and sentences that run on across their lines."""
    paragraphs = [*UNSTOPPED[:4], ABSTRACT * 3, LIST_INTRO, *UNSTOPPED[4:], AFTER_LIST,
                  f"{RUN_ON} {ABSTRACT * 2}{RUN_ON}", *[ABSTRACT * 4] * 6]
    return "".join(f"<p>{text}</p>" for text in paragraphs)


@pytest.mark.parametrize("layout", [
    "",  # one column, left-aligned: lines end ragged
    "p { text-align: justify }",
    "p { font-size: 11pt; text-indent: 0.5in }",  # a word processor's default indent
    "body { columns: 2; column-gap: 1cm } p { text-align: justify }",
    "body { columns: 2; column-gap: 1cm }",
])
def test_an_unstopped_paragraph_ends_before_the_next_indented_one(layout: str) -> None:
    texts = _sentences(f"{INDENT} {layout}", _paper())
    first = "Walking speed is often reduced after a stroke and limits participation in daily life."
    for line in [*UNSTOPPED, LIST_INTRO, AFTER_LIST, first]:
        assert line in texts
    assert texts.count(RUN_ON) == 2


def test_a_sentence_runs_on_across_the_column_break() -> None:
    """The first column ends full inside a sentence whose next line, the top of the second
    column, is no paragraph's first line."""
    css = f"{INDENT} body {{ columns: 2; column-gap: 1cm }} p {{ text-align: justify }}"
    texts = _sentences(css, f"<p>{' '.join([RUN_ON] * 30)}</p>")
    assert texts == [RUN_ON] * 30


@pytest.mark.parametrize("align", ["left", "justify"])
def test_list_items_with_hanging_indents_stay_whole(align: str) -> None:
    """Each item's lines after the first are indented under its text."""
    css = (f"{INDENT} p {{ text-align: {align} }}"
           " p.item { padding-left: 1.5em; text-indent: -1.5em }")
    items = "".join(f"<p class=item>{n}. {RUN_ON}</p>" for n in range(1, 5))
    texts = _sentences(css, f"<p>{ABSTRACT}</p>{items}<p>{ABSTRACT}</p>")
    assert texts.count(f"{RUN_ON}") == 4


@pytest.mark.parametrize(("align", "margin"), [
    ("justify", "0 2.5em"),  # its lines end at an edge of their own
    ("left", "0 0 0 2.5em"),
])
def test_a_block_quote_stays_whole(align: str, margin: str) -> None:
    css = (f"{INDENT} p {{ text-align: {align} }}"
           f" blockquote {{ margin: {margin} }} blockquote p {{ text-indent: 0 }}")
    texts = _sentences(css, f"<p>{ABSTRACT}</p><blockquote><p>{RUN_ON} {RUN_ON}</p>"
                            f"</blockquote><p>{ABSTRACT}</p>")
    assert texts.count(RUN_ON) == 2


def test_centred_lines_stay_whole_and_end_before_the_indented_paragraph_under_them() -> None:
    caption = ("Table 2 Primary And Secondary Outcomes At Twelve Months In The Intention To "
               "Treat Population Of The Walking After Stroke Trial In Older Adults")
    for align in ("left", "justify"):
        css = f"{INDENT} p {{ text-align: {align} }} p.centred {{ text-align: center }}"
        texts = _sentences(css, f"<p>{ABSTRACT * 3}</p><p class=centred>{caption}</p>"
                                f"<p>{ABSTRACT * 3}</p>")
        assert caption in texts
        assert texts.count("Walking speed is often reduced after a stroke and limits "
                           "participation in daily life.") == 6


def test_affiliations_with_footnote_markers_are_lines_of_their_own() -> None:
    affiliations = ["Department of Neurology, University Hospital of Lyon, France",
                    "Clinical Research Unit, Hospices Civils de Lyon, France"]
    body = "".join(f"<p><sup>{n}</sup>{text}</p>" for n, text in enumerate(affiliations, 1))
    texts = _sentences(INDENT, f"<p>{UNSTOPPED[1]}</p>{body}<p>{ABSTRACT * 3}</p>")
    assert [UNSTOPPED[1], *(f"{n}{text}" for n, text in enumerate(affiliations, 1))] \
        == texts[:3]


def test_the_unindented_first_paragraph_after_a_heading() -> None:
    """A heading's first paragraph starts at the margin (journals, LaTeX): it still ends
    before the indented paragraph under it."""
    css = f"{INDENT} h2 {{ font-size: 10pt; margin: 6pt 0 0 }} h2 + p {{ text-indent: 0 }}"
    texts = _sentences(css, f"<p>{ABSTRACT * 3}</p><h2>Eligibility</h2>"
                            "<p>Adults aged 65 years or over with a first stroke</p>"
                            f"<p>{AFTER_LIST}</p>")
    assert texts[-3:] == ["Eligibility", "Adults aged 65 years or over with a first stroke",
                          AFTER_LIST]


@pytest.mark.parametrize("after_figure", [
    "{figure}Hospital",  # inside its paragraph: the line under the figure is not indented
    "</p>{figure}<p>Hospital",  # a paragraph of its own, as a word processor may set it
])
def test_a_sentence_goes_on_under_a_figure(after_figure: str) -> None:
    """The line above the figure ends with a word no sentence ends with: the sentence goes on
    under it, though a figure's height and maybe an indent lie between them."""
    figure = "<span style='display: block; height: 3cm; border: 1px solid'></span>"
    body = (f"<p>{ABSTRACT * 3}Anxiety will be measured with the"
            f"{after_figure.format(figure=figure)} Anxiety and Depression Scale at baseline.</p>"
            f"<p>{ABSTRACT}</p>")
    texts = _sentences(INDENT, body)
    assert ("Anxiety will be measured with the Hospital Anxiety and Depression Scale at "
            "baseline.") in texts


@pytest.mark.parametrize("align", ["left", "justify"])
def test_a_one_line_paragraph_that_fills_its_column_ends_before_the_next(align: str) -> None:
    """The unstopped paragraph's one line is as wide as the column (the column is made as
    wide as it), so no rule about a short last line can tell it ends: the next paragraph's
    indented first line starts where it starts, and a paragraph that went on would have gone
    on at the column's left edge."""
    css = (f"{INDENT} p {{ text-align: {align} }} .one {{ white-space: nowrap }}"
           " body { display: grid; grid-template-columns: min-content }")
    title = UNSTOPPED[0]
    texts = _sentences(css, f"<p>{ABSTRACT * 6}</p><p class=one>{title}</p>"
                            f"<p>{ABSTRACT * 3}</p>")
    assert title in texts
    assert texts.count("Walking speed is often reduced after a stroke and limits "
                       "participation in daily life.") == 9


@pytest.mark.parametrize("css", [
    INDENT,
    "p { margin: 0; text-align: justify }",  # no indent: justified lines show the edges
])
def test_a_centred_line_ends_before_the_centred_line_under_it(css: str) -> None:
    """A caption and an author line, each centred, no space between them: the author line's
    first word would have fitted on the caption's line, on either side of it; and no line of
    a paragraph goes on under the centred author line."""
    caption = "Figure 1 Flow Of Participants Through The Walking After Stroke Trial"
    centred = "p.centred { text-align: center; text-indent: 0 }"
    texts = _sentences(f"{css} {centred}", f"<p>{ABSTRACT * 3}</p><p class=centred>{caption}</p>"
                                           f"<p class=centred>{UNSTOPPED[1]}</p>"
                                           f"<p>{ABSTRACT * 3}</p>")
    assert caption in texts and UNSTOPPED[1] in texts


@pytest.mark.parametrize("columns", ["", "body { columns: 2; column-gap: 1cm }"])
def test_an_unstopped_paragraph_whose_last_line_is_full_ends_before_the_next(
        columns: str) -> None:
    """As in a text copied from a PDF viewer, the paragraph's last line is as wide as its
    full lines (set justified here) and ends with no stop: only the next paragraph's indent
    tells it ends, since none of the paragraph's lines but its first starts indented."""
    unstopped = " ".join([RUN_ON[:-1]] * 2)
    css = f"{INDENT} {columns} p {{ text-align: justify }} .full {{ text-align-last: justify }}"
    texts = _sentences(css, f"<p>{ABSTRACT * 3}</p><p class=full>{unstopped}</p>"
                            f"<p>{ABSTRACT * 3}</p>")
    assert unstopped in texts
    assert texts.count("Walking speed is often reduced after a stroke and limits "
                       "participation in daily life.") == 6
