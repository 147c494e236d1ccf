"""Tables read from their layout: a header row is never quoted on its own (PDF, DOCX), and a
PDF table whose cells sit close together, or whose rows hold one figure, is read row by row
rather than run together (and into the paragraph after it)."""

from __future__ import annotations

import io

import pytest

from checker.documents import extract_document
from checker.evidence.detect import detect_elements
from checker.evidence.features import SentenceIndex, matching_sentences
from checker.evidence.quotes import verify_quotation
from checker.evidence.suggest import _cue_quotations
from tests.cohort_paper import cohort_pdf

BEFORE = "Of 104 randomised patients, 102 were analysed at twelve weeks after the start."
AFTER = "The groups were similar at baseline in age and in the severity of their pain."
CSS = ("body{font-family:serif;font-size:10pt;width:16cm}p{text-align:justify}"
       "table{font-size:%s;border-collapse:collapse}td,th{padding:1pt %s 1pt 0;text-align:%s}"
       "caption{text-align:left;caption-side:top}")


def _table_pdf(caption: str, head: list[str], rows: list[list[str]], *, size: str = "10pt",
               padding: str = "12pt", align: str = "left") -> bytes:
    weasyprint = pytest.importorskip("weasyprint")
    header = "".join(f"<th>{cell}</th>" for cell in head)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>"
                   for row in rows)
    html = (f"<html lang=en><head><style>{CSS % (size, padding, align)}</style></head><body>"
            f"<h2>Results</h2><p>{BEFORE}</p><table><caption>{caption}</caption>"
            f"<thead><tr>{header}</tr></thead><tbody>{body}</tbody></table><p>{AFTER}</p>"
            "</body></html>")
    return weasyprint.HTML(string=html).write_pdf()


def _sentences(document) -> list[str]:
    return [" ".join(document.sentence_text(s).split()) for s in document.sentences]


def _headers(document) -> list[str]:
    return [" ".join(document.sentence_text(s).split()) for s in document.sentences
            if document.is_table_header(s)]


HEAD = ["Variable", "Supervised exercise (n = 52)", "Usual care (n = 50)"]
ROWS = [["Age, years", "63.2 (8.1)", "64.0 (7.9)"],
        ["Women, n (%)", "31 (59.6)", "28 (56.0)"],
        ["Pain score", "5.1 (1.2)", "5.3 (1.4)"]]


@pytest.fixture(scope="module")
def bold_header():
    """A header row set in bold in the body's size, above a caption with no stop."""
    return extract_document(_table_pdf("Table 2 Baseline characteristics", HEAD, ROWS),
                            "table.pdf")


def test_a_pdf_header_row_is_a_unit_of_its_own_and_no_heading(bold_header):
    sentences = _sentences(bold_header)
    header = "Variable | Supervised exercise (n = 52) | Usual care (n = 50)"
    assert _headers(bold_header) == [header]
    assert "Table 2 Baseline characteristics" in sentences
    assert [" | ".join(row) for row in ROWS] == sentences[-4:-1]
    # Bold as a heading is, it heads no section: the table and the text after it are the
    # Results'.
    assert {s.section for s in bold_header.sentences[1:]} == {"Results"}
    assert sentences[-1] == AFTER


def test_a_header_row_is_never_quoted(bold_header):
    index = SentenceIndex(matching_sentences(bold_header))
    assert not _cue_quotations(bold_header, index, ("usual care", "supervised exercise"))
    detections = detect_elements(bold_header, kind="paper", lang="en")
    assert not [d for d in detections
                if any(start <= d.start < end for start, end in bold_header.table_headers)]


def test_the_cohort_header_row_wrapped_over_lines_is_its_table_header():
    document = extract_document(cohort_pdf(), "cohort.pdf")
    assert _headers(document) == ["Characteristic | Walkers (n = 298) Non-walkers (n = 314)"]
    # The caption above it and the rows under it are no header.
    assert "Values are mean (SD) or n (%)." in _sentences(document)
    assert not any(document.is_table_header(s) for s in document.sentences
                   if document.sentence_text(s).startswith(("Table 1.", "Age, years")))


def test_text_above_a_table_is_no_header():
    """A paragraph's last line over the table ends a sentence; a caption opens with its
    label: neither is read as the header, which there is none of here."""
    pdf = _table_pdf("Table 2. Outcomes at twelve weeks in the two groups", [], ROWS)
    document = extract_document(pdf, "table.pdf")
    assert not document.table_headers
    assert "Table 2. Outcomes at twelve weeks in the two groups" in _sentences(document)


DENSE = [["Age, years", "63.2 (8.1)", "64.0 (7.9)"],
         ["Women, n (%)", "31 (59.6)", "28 (56.0)"],
         ["Pain score", "5.1 (1.2)", "5.3 (1.4)"],
         ["Body mass index", "26.1 (4.3)", "27.4 (4.9)"]]
FLOW = [["Assessed for eligibility", "212"], ["Excluded", "108"], ["Randomised", "104"],
        ["Analysed at 12 weeks", "102"]]


@pytest.mark.parametrize(("head", "rows", "style", "header"), [
    # Cells a third of a font size apart: the widest label's row has no gap at all.
    (["Variable", "Exercise", "Usual care"], DENSE, {"size": "9pt", "padding": "3pt"},
     "Variable | Exercise | Usual care"),
    # One figure per row, left- or right-aligned; a header right-aligned over figures sets
    # its cells a word space apart.
    (["Stage", "Participants"], FLOW, {"size": "9pt", "padding": "24pt"},
     "Stage | Participants"),
    (["Stage", "Participants"], FLOW, {"size": "9pt", "padding": "6pt", "align": "right"},
     "Stage Participants"),
])
def test_a_close_or_one_figure_pdf_table_is_read_row_by_row(head, rows, style, header):
    """Each row is a unit, its cells " | " apart as a DOCX's row reads, even where a
    cell as wide as its column leaves only a word space before the next."""
    document = extract_document(_table_pdf("Table 2. Participants", head, rows, **style),
                                "table.pdf")
    sentences = _sentences(document)
    assert [" | ".join(row) for row in rows] == sentences[-len(rows) - 1:-1]
    assert sentences[-1] == AFTER and BEFORE in sentences
    assert _headers(document) == [header]


def test_lines_ending_with_numbers_in_running_text_are_no_table():
    """Short lines of a paragraph, each ending with a number and starting alike, share
    columns as a table's rows do; but their words are a word space apart, as no table's
    cells are: they are read as before, one sentence."""
    weasyprint = pytest.importorskip("weasyprint")
    lines = ["Visits were planned at week 0", "and then at week 4", "and then at week 12",
             "and then at week 24"]
    html = ("<html lang=en><head><style>body{font-size:10pt;width:16cm}</style></head><body>"
            f"<h2>Methods</h2><p>{'<br>'.join(lines)}.</p><p>{AFTER}</p></body></html>")
    document = extract_document(weasyprint.HTML(string=html).write_pdf(), "visits.pdf")
    assert _sentences(document)[-2:] == [" ".join(lines) + ".", AFTER]


def _docx_table(rows: list[list[str]], *, repeat_header: bool = False,
                bold_header: bool = False) -> bytes:
    import docx
    from docx.oxml import OxmlElement

    made = docx.Document()
    made.add_heading("Results", 1)
    made.add_paragraph("Table 2. Baseline characteristics by group.")
    table = made.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).paragraphs[0].add_run(value).bold = bold_header and r == 0
    if repeat_header:
        table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    made.add_paragraph(AFTER)
    out = io.BytesIO()
    made.save(out)
    return out.getvalue()


KEY_VALUES = [["Sponsor", "Hospices Civils de Lyon, usual care department"],
              ["Registry", "ClinicalTrials.gov NCT01234567"]]


@pytest.mark.parametrize(("rows", "repeat", "header"), [
    ([HEAD, *ROWS], False, "Variable | Supervised exercise (n = 52) | Usual care (n = 50)"),
    # A table of words: its first row is a row like the others, unless Word repeats it as
    # the header row on each page.
    (KEY_VALUES, False, None),
    (KEY_VALUES, True, "Sponsor | Hospices Civils de Lyon, usual care department"),
])
def test_a_docx_header_row(rows, repeat, header):
    document = extract_document(_docx_table(rows, repeat_header=repeat), "table.docx")
    assert _headers(document) == ([header] if header else [])
    index = SentenceIndex(matching_sentences(document))
    quoted = [q.text for q in _cue_quotations(document, index, ("usual care",))]
    assert (header is None) == bool(quoted)


def test_an_odt_header_row():
    """LibreOffice's "Heading" rows (``table:table-header-rows``) are the table's header."""
    from tests.test_documents import _odt

    cells = "".join(f"<table:table-cell><text:p>{cell}</text:p></table:table-cell>"
                    for cell in ["Critère", "Groupe exercice", "Soins usuels"])
    row = ("<table:table-row><table:table-cell><text:p>Douleur</text:p></table:table-cell>"
           "<table:table-cell><text:p>3,1</text:p></table:table-cell>"
           "<table:table-cell><text:p>4,3</text:p></table:table-cell></table:table-row>")
    body = ("<text:h text:outline-level=\"1\">Résultats</text:h>"
            "<text:p>Les soins usuels ont été décrits plus haut dans le texte.</text:p>"
            "<table:table><table:table-header-rows><table:table-row>"
            f"{cells}</table:table-row></table:table-header-rows>{row}</table:table>")
    document = extract_document(_odt(body), "resultats.odt")
    assert _headers(document) == ["Critère | Groupe exercice | Soins usuels"]
    assert "Douleur | 3,1 | 4,3" in _sentences(document)
    index = SentenceIndex(matching_sentences(document))
    assert [q.text for q in _cue_quotations(document, index, ("soins usuels",))] == [
        "Les soins usuels ont été décrits plus haut dans le texte."]


# A TIDieR table, English and French: a label, then a cell of text (one label wraps).
TIDIER = {
    "en": [["Item", "Description"],
           ["Who provided", "Three registered physiotherapists with at least five years' "
            "experience delivered all sessions."],
           ["Where", "Sessions took place in the hospital's outpatient gym."],
           ["When and how much", "Twelve 45-minute sessions over six weeks."]],
    "fr": [["Élément", "Description"],
           ["Qui", "Trois kinésithérapeutes diplômés d'État ayant au moins cinq ans "
            "d'expérience assurent toutes les séances."],
           ["Où", "Les séances ont lieu dans la salle de rééducation de l'hôpital de jour."],
           ["Quand et combien", "Douze séances de 45 minutes réparties sur six semaines."]],
}
INTRO = {"en": "The intervention is described following the TIDieR checklist in Table 1.",
         "fr": "L'intervention est décrite selon la grille TIDieR dans le tableau 1."}


def _text_table_pdf(lang: str, *, bold: bool = False) -> bytes:
    weasyprint = pytest.importorskip("weasyprint")
    head, *rows = TIDIER[lang]
    body = "".join(f"<tr><td>{label}</td><td>{text}</td></tr>" for label, text in rows)
    labels = "font-weight:bold;" if bold else ""
    html = (f"<html lang={lang}><head><style>body{{font-size:10pt;width:16cm}}"
            "table{font-size:9pt;border-collapse:collapse}td,th{padding:2pt 6pt 2pt 0;"
            f"vertical-align:top;text-align:left}}td:first-child{{width:2.4cm;{labels}}}"
            "</style></head>"
            f"<body><h2>Intervention</h2><p>{INTRO[lang]}</p><table><tr><th>{head[0]}</th>"
            f"<th>{head[1]}</th></tr>{body}</table><p>{AFTER}</p></body></html>")
    return weasyprint.HTML(string=html).write_pdf()


def _docx_rows(lang: str) -> bytes:
    import docx

    made = docx.Document()
    made.add_heading("Intervention", 1)
    made.add_paragraph(INTRO[lang])
    table = made.add_table(rows=len(TIDIER[lang]), cols=2)
    for r, row in enumerate(TIDIER[lang]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    made.add_paragraph(AFTER)
    out = io.BytesIO()
    made.save(out)
    return out.getvalue()


@pytest.mark.parametrize(("lang", "bold"), [("en", False), ("fr", False), ("en", True)])
def test_a_pdf_table_of_text_reads_its_cells_apart_as_a_docx_row(lang, bold):
    """A reviewer read "Who provided Three registered physiotherapists …" as broken English:
    a PDF's row of text reads its label, even wrapped over two lines ("When and how" over
    "much"), then " | " and the next cell, as the DOCX's row does; each row is a unit. A
    label set in bold, wrapped, heads no section."""
    rows = [" | ".join(row) for row in TIDIER[lang]]
    pdf = extract_document(_text_table_pdf(lang, bold=bold), "tidier.pdf")
    assert _sentences(pdf) == ["Intervention", INTRO[lang], *rows, AFTER]
    assert [section.title for section in pdf.sections] == ["Intervention"]
    docx_document = extract_document(_docx_rows(lang), "tidier.docx")
    assert [s for s in _sentences(docx_document) if " | " in s] == rows
    # Quoted as read: its words verbatim in the document's text, the label set apart.
    index = SentenceIndex(matching_sentences(pdf))
    cue = {"en": "physiotherapists", "fr": "kinésithérapeutes"}[lang]
    quoted = [" ".join(q.text.split()) for q in _cue_quotations(pdf, index, (cue,))]
    assert quoted == [rows[1]]


def test_a_hanging_list_number_is_no_cell():
    """A numbered list set with a hanging indent leaves a wide space after each number, at
    one place on every item: no table's cells."""
    weasyprint = pytest.importorskip("weasyprint")
    items = ["Smith J, Jones K. Exercise after hip fracture. Lancet. 2020;395:1-10.",
             "Brown A. Group training for older people. BMJ. 2019;364:l100."]
    html = ("<html lang=en><head><style>body{font-size:10pt;width:16cm}"
            "p.ref{padding-left:2.5em;text-indent:-2.5em}</style></head><body>"
            "<h2>References</h2>"
            + "".join(f'<p class="ref">{n}.<span style="display:inline-block;width:2em">'
                      f"</span>{item}</p>" for n, item in enumerate(items, start=1))
            + "</body></html>")
    document = extract_document(weasyprint.HTML(string=html).write_pdf(), "refs.pdf")
    assert " | " not in document.text


def test_numbered_headings_set_with_a_tab_are_no_cells():
    """Headings whose number is set a tab's width from their title, their titles starting
    at one place, are no table's rows: they head their sections, with no " | "."""
    weasyprint = pytest.importorskip("weasyprint")
    tab = '<span style="display:inline-block;width:2.5em"></span>'
    html = ("<html lang=en><head><style>body{font-size:10pt;width:16cm}h3{font-size:10pt}"
            "</style></head><body><h2>Methods</h2>"
            f"<h3>2.1{tab}Design</h3><p>{BEFORE}</p>"
            f"<h3>2.2{tab}Participants</h3><p>{AFTER}</p></body></html>")
    document = extract_document(weasyprint.HTML(string=html).write_pdf(), "methods.pdf")
    assert " | " not in document.text
    assert [" ".join(s.title.split()) for s in document.sections][1:] == [
        "2.1 Design", "2.2 Participants"]


def test_a_row_copied_without_its_bar_is_found():
    """A quotation a person pastes from a PDF viewer (the cells a space apart), or from Word
    (a tab), or saved before the rows' cells were set apart, is found in the PDF's and the
    DOCX's text, which read " | " between them (an empty cell's bars alike); the letters
    must still match."""
    label, cell = TIDIER["en"][1]
    for document in (extract_document(_text_table_pdf("en"), "tidier.pdf"),
                     extract_document(_docx_rows("en"), "tidier.docx")):
        for pasted in (f"{label} {cell}", f"{label}\t{cell}", f"{label} | {cell}"):
            assert verify_quotation(document.text, pasted, tolerant_whitespace=True)
        assert not verify_quotation(document.text, f"{label} | Two{cell[5:]}",
                                    tolerant_whitespace=True)
        assert not verify_quotation(document.text, f"{label} {cell}")


SCHEDULE = [["Outcome measure", "Time points"],
            ["SCAS-C child anxiety", "Baseline, 6 and 12 months"],
            ["CHU-9D quality of life", "Baseline and 12 months"]]


def _schedule_pdf(head_cell: str) -> bytes:
    weasyprint = pytest.importorskip("weasyprint")
    head, *rows = SCHEDULE
    html = ("<html lang=en><head><style>body{font-size:10pt;width:16cm}"
            "table{font-size:10pt;border-collapse:collapse}td,th{padding:2pt 8pt 2pt 0;"
            "text-align:left;font-weight:normal}th{font-weight:bold}td:first-child,th:first-child"
            "{width:5cm}</style></head><body>"
            f"<h2>Outcomes</h2><p>{BEFORE}</p><table><tr>"
            + "".join(f"<{head_cell}>{cell}</{head_cell}>" for cell in head) + "</tr>"
            + "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>"
                      for row in rows) + f"</table><p>{AFTER}</p></body></html>")
    return weasyprint.HTML(string=html).write_pdf()


@pytest.mark.parametrize(("head_cell", "header"), [("th", True), ("td", False)])
def test_a_text_tables_bold_first_row_is_its_header(head_cell, header):
    """A table of text has no row of figures under its header row: its first row is the
    header when set in bold over rows that are not, in a PDF as in a DOCX; in regular type
    it is a row like the others. The last row, whose cells end with no stop, no longer runs
    on into the paragraph after the table."""
    rows = [" | ".join(row) for row in SCHEDULE]
    pdf = extract_document(_schedule_pdf(head_cell), "schedule.pdf")
    assert _sentences(pdf) == ["Outcomes", BEFORE, *rows, AFTER]
    assert _headers(pdf) == (rows[:1] if header else [])
    made = [row[:] for row in SCHEDULE]
    docx_document = extract_document(_docx_table(made, bold_header=header), "schedule.docx")
    assert _headers(docx_document) == (rows[:1] if header else [])


def test_a_table_whose_labels_alone_are_bold_has_its_header_row():
    """TIDIER's labels set in bold: the header row "Item | Description", wholly bold, is the
    header; no row under it, its description in regular type, is."""
    pdf = extract_document(_text_table_pdf("en", bold=True), "tidier.pdf")
    assert _headers(pdf) == ["Item | Description"]


def test_a_text_tables_last_row_does_not_run_on_into_the_paragraph_after():
    """The schedule's last row, its cells ending with no stop, ran on into the paragraph
    after the table (a smaller type, at the table's left edge), quoted as one sentence
    ("Strengths and Difficulties Questionnaire | Baseline and 12 months Pupils complete
    …")."""
    weasyprint = pytest.importorskip("weasyprint")
    rows = [["SCAS-C child anxiety", "Baseline, 6 and 12 months"],
            ["RCADS-P parent-reported anxiety", "Baseline, 6 and 12 months"],
            ["Strengths and Difficulties Questionnaire", "Baseline and 12 months"]]
    after = "Pupils complete the questionnaires in class, which takes about 20 minutes."
    html = ("<html lang=en><head><style>body{font-size:10pt;width:16cm}"
            "table{font-size:9pt;border-collapse:collapse}td{padding:2pt 8pt 2pt 0;"
            "text-align:left}</style></head><body><h2>Outcomes</h2><table>"
            + "".join(f"<tr><td>{label}</td><td>{times}</td></tr>" for label, times in rows)
            + f"</table><p>{after}</p></body></html>")
    document = extract_document(weasyprint.HTML(string=html).write_pdf(), "schedule.pdf")
    assert _sentences(document)[-2:] == [" | ".join(rows[-1]), after]


@pytest.mark.parametrize(("style", "header"), [("Light List Accent 1", True),
                                               ("Table Grid", False)])
def test_a_docx_tables_style_may_set_its_header_row_in_bold(style, header):
    """Word's table styles ("Light List Accent 1", "Grid Table 4"…) set the first row in bold
    when the table applies their header row format: the row names the columns as if typed in
    bold."""
    import docx

    made = docx.Document()
    made.add_heading("Outcomes", 1)
    table = made.add_table(rows=len(SCHEDULE), cols=2, style=style)
    for r, row in enumerate(SCHEDULE):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    out = io.BytesIO()
    made.save(out)
    document = extract_document(out.getvalue(), "schedule.docx")
    assert _headers(document) == (["Outcome measure | Time points"] if header else [])


SCHEDULE_FR = [["Critère de jugement", "Temps de mesure"],
               ["Anxiété de l'enfant (SCAS-C)", "Inclusion, 6 et 12 mois"],
               ["Qualité de vie (CHU-9D)", "Inclusion et 12 mois"]]


def _styled_first_row_docx(first_row: str, *, applied: bool = True,
                           rows: list[list[str]] = SCHEDULE) -> bytes:
    """A table of ``rows`` in a house table style whose first-row format is
    ``first_row`` (the children of its ``w:tblStylePr``), applied or not by the table."""
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    made = docx.Document()
    style = made.styles.add_style("House Table", WD_STYLE_TYPE.TABLE)
    style.element.append(parse_xml(
        f'<w:tblStylePr {nsdecls("w")} w:type="firstRow">{first_row}</w:tblStylePr>'))
    made.add_heading("Outcomes", 1)
    table = made.add_table(rows=len(rows), cols=2, style=style)
    look = table._tbl.tblPr.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblLook")
    if look is None:
        look = parse_xml(f'<w:tblLook {nsdecls("w")}/>')
        table._tbl.tblPr.append(look)
    look.set("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}firstRow",
             "1" if applied else "0")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    out = io.BytesIO()
    made.save(out)
    return out.getvalue()


SHADED = ('<w:rPr><w:color w:val="FFFFFF"/></w:rPr>'
          '<w:tcPr><w:shd w:val="clear" w:fill="1F4E79"/></w:tcPr>')


@pytest.mark.parametrize(("first_row", "applied", "header"), [
    # A dark band with white letters in plain type, as a house style sets its header row.
    (SHADED, True, True),
    ('<w:rPr><w:caps/></w:rPr>', True, True),
    # The table not applying its style's header row format, or a format that shows nothing.
    (SHADED, False, False),
    ('<w:rPr><w:b w:val="0"/><w:color w:val="auto"/></w:rPr>'
     '<w:tcPr><w:shd w:val="clear" w:fill="FFFFFF"/></w:tcPr>', True, False),
])
def test_a_docx_tables_style_may_set_its_header_row_apart_in_plain_type(first_row, applied,
                                                                       header):
    """Word's "Header Row" box (``tblLook firstRow``) is ticked for nearly every table: the
    first row is the header only when the table's style formats it so that it shows apart
    (shaded, coloured, in capitals), not merely because the box is ticked."""
    document = extract_document(_styled_first_row_docx(first_row, applied=applied),
                                "schedule.docx")
    assert _headers(document) == (["Outcome measure | Time points"] if header else [])
    assert "SCAS-C child anxiety | Baseline, 6 and 12 months" in _sentences(document)


def test_a_french_docx_tables_shaded_header_row() -> None:
    document = extract_document(_styled_first_row_docx(SHADED, rows=SCHEDULE_FR), "suivi.docx")
    assert _headers(document) == ["Critère de jugement | Temps de mesure"]
    assert "Anxiété de l'enfant (SCAS-C) | Inclusion, 6 et 12 mois" in _sentences(document)
