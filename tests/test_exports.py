"""PDF and Excel reports read back as a person or a program would read them."""

from __future__ import annotations

import dataclasses
import io
import re
from datetime import datetime
from xml.sax.saxutils import escape

import openpyxl
import pytest
from pypdf import PdfReader

from checker.catalogue import pick
from checker.demo import load_demo
from checker.services.figure import summary_svg
from checker.services.records import DocumentVersion
from checker.services.reports import REPORT_ID_PATTERN, new_report_id
from checker.services.review_text import review_text
from checker.services.scoring import score_assessment
from exports.excel import DATA_COLUMNS, render_xlsx
from exports.labels import labels
from exports.pdf import render_html, render_pdf

REPORT_ID = "NPIS-CHK-5C1E7A42-20261123120000-AB12"


def flat(text: str) -> str:
    """Whitespace-normalised text; a line break after a hyphen is not a space."""
    return re.sub(r"-\s+", "-", " ".join(text.split()))


@pytest.fixture(scope="module")
def score(catalogue, demo):
    return score_assessment(catalogue, demo)


@pytest.fixture(scope="module", params=["en", "fr"])
def pdf(request, catalogue, demo, score):
    lang = request.param
    reader = PdfReader(io.BytesIO(render_pdf(catalogue, demo, score, lang, REPORT_ID)))
    pages = [flat(page.extract_text()) for page in reader.pages]
    return lang, reader, pages


@pytest.fixture(scope="module", params=["en", "fr"])
def workbook(request, catalogue, demo, score):
    lang = request.param
    data = render_xlsx(catalogue, demo, score, lang, REPORT_ID)
    return lang, openpyxl.load_workbook(io.BytesIO(data))


def test_pdf_metadata(pdf, demo):
    _, reader, _ = pdf
    meta = reader.metadata
    assert demo.title in meta.title
    assert meta.author == demo.assessor
    assert REPORT_ID in meta.subject and REPORT_ID in meta.get("/Keywords")


def test_pdf_content(pdf, catalogue, demo, score):
    lang, reader, pages = pdf
    text = " ".join(pages)
    lab = labels(lang)
    assert len(reader.pages) >= 5
    # Running header with the report id and page numbers on every page.
    for number, page in enumerate(pages, start=1):
        assert REPORT_ID in page
        assert f"{lab['page']} {number} {lab['of']} {len(pages)}" in page
    cover = pages[0]
    for value in (demo.npi_name, demo.country, demo.reference, demo.document_filename,
                  demo.document_sha256, demo.assessor, catalogue.fingerprint, catalogue.version):
        assert value in cover, value
    assert score.verdict(lang) in text
    assert pick(catalogue.invariant("INT06").title, lang) in text
    assert flat(demo.answers["INT06"].quotation) in text
    assert flat(pick(catalogue.provenance, lang)) in text
    assert flat(pick(catalogue.scoring.rules_text, lang)) in text
    assert flat(lab["label_statement"]) in text
    assert flat(lab["unconfirmed"]) in text  # E11 and INT14 are unconfirmed suggestions
    # What is missing and how to fix it, from the catalogue.
    assert flat(pick(catalogue.invariant("INT13").remedy("protocol"), lang)) in text


def test_pdf_language_is_distinct(catalogue, demo, score):
    fr = flat(PdfReader(io.BytesIO(render_pdf(catalogue, demo, score, "fr", REPORT_ID)))
              .pages[1].extract_text())
    assert "Conforme avec réserves" in fr and "Score méthodologique" in fr
    assert "64,3" in fr


def test_quotations_carry_the_document_language(catalogue, demo, score):
    """A French report of an English paper: the quotation is read out as English."""
    html = render_html(catalogue, demo, score, "fr", REPORT_ID)
    quotation = demo.answers["INT06"].quotation
    assert f'<span lang="en">{quotation[:40]}' in html
    assert html.startswith("<!DOCTYPE html>") and '<html lang="fr">' in html
    # A language typed as a name the software does not know gets no (wrong) lang.
    unknown = dataclasses.replace(demo, language="Deutsch")
    html = render_html(catalogue, unknown, score, "fr", REPORT_ID)
    assert f"<span>{quotation[:40]}" in html


def test_pdf_flags_an_incomplete_assessment(catalogue, demo):
    partial = load_demo(catalogue)
    del partial.answers["INT08"]
    partial_score = score_assessment(catalogue, partial)
    reader = PdfReader(io.BytesIO(render_pdf(catalogue, partial, partial_score, "en", REPORT_ID)))
    text = flat(" ".join(p.extract_text() for p in reader.pages))
    assert "Incomplete assessment: invariants not answered yet, 1 of 30" in text


def test_the_summary_figure_stays_on_the_summary_page_under_many_notices(catalogue, demo):
    """Five notices (another catalogue, incomplete, unconfirmed, quotations not found and not
    checked) once pushed the figure to a page of its own and left the summary page half
    empty: it now shrinks to stay under them."""
    answers = dict(demo.answers)
    for invariant_id in list(answers)[:3]:
        del answers[invariant_id]
    for invariant_id in list(answers)[3:8]:
        answers[invariant_id] = dataclasses.replace(answers[invariant_id], origin="suggestion")
    crowded = dataclasses.replace(demo, answers=answers, catalogue_fingerprint="0" * 64)
    checks = {k: (False if i % 3 == 0 else None) for i, k in enumerate(answers)}
    crowded_score = score_assessment(catalogue, crowded)
    reader = PdfReader(io.BytesIO(render_pdf(catalogue, crowded, crowded_score, "fr",
                                             REPORT_ID, quotation_checks=checks)))
    summary = flat(reader.pages[1].extract_text())
    assert summary.count("Le document évalué n'a pas pu être relu") == 1  # the fifth notice
    assert "Figure de synthèse" in summary and "INT16" in summary
    # and the next page is the detail's, not the rest of the summary
    assert flat(reader.pages[2].extract_text()).startswith("Réponses par invariant")


def test_workbook_sheets_and_summary(workbook, score, demo):
    lang, wb = workbook
    lab = labels(lang)
    assert wb.sheetnames == [lab["sheet_summary"], lab["sheet_detail"], lab["sheet_gaps"],
                             {"en": "Data", "fr": "Données"}[lang]]
    summary = wb[lab["sheet_summary"]]
    pairs = {row[0]: row[1] for row in summary.iter_rows(values_only=True) if row[0]}
    assert pairs[lab["report_id"]] == REPORT_ID
    assert pairs[lab["verdict"]] == lab(
        "verdict_provisional", verdict=score.verdict(lang),
        provisional=lab("provisional_many", count=2, answers=30))  # the demo's 2 suggestions
    assert pairs[lab["npi"]] == demo.npi_name
    assert pairs[lab["file_sha256"]] == demo.document_sha256
    assert pairs[lab["provenance"]].startswith(
        "This catalogue" if lang == "en" else "Ce catalogue")
    assert wb.properties.identifier == REPORT_ID
    assert wb.properties.creator == demo.assessor
    assert wb.properties.language == lang


def test_workbook_detail(workbook, catalogue, score):
    lang, wb = workbook
    lab = labels(lang)
    detail = wb[lab["sheet_detail"]]
    assert detail.freeze_panes == "B2"
    assert detail.auto_filter.ref == f"A1:L{len(score.rows) + 1}"
    assert detail.cell(1, 10).value == lab["quote_check"]
    assert detail.cell(1, 1).value == lab["invariant"]
    ids = [detail.cell(r, 1).value for r in range(2, detail.max_row + 1)]
    assert ids == [row.invariant.id for row in score.rows]
    assert detail.cell(2, 7).alignment.wrap_text
    rules = [rule for cf in detail.conditional_formatting for rule in cf.rules]
    assert len(rules) == 5 and all(rule.dxf.fill is not None for rule in rules)
    int13 = ids.index("INT13") + 2
    assert detail.cell(int13, 4).value == pick(catalogue.scoring.answer("not_met").label, lang)
    # One row's category is in the singular ("Éthique", not the plural of a group heading).
    categories = {detail.cell(r, 2).value for r in range(2, detail.max_row + 1)}
    assert categories == ({"Ethical", "Methodological"} if lang == "en"
                          else {"Éthique", "Méthodologique"})


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_workbook_detail_says_where_the_fingerprint_is(catalogue, demo, score, lang):
    """The PDF says a quotation was found in the document "(SHA-256 above)"; in the Detail
    sheet the fingerprint is not above but on the Summary sheet, and it says so."""
    lab = labels(lang)
    checks = {"E01": True, "E02": False}
    wb = openpyxl.load_workbook(io.BytesIO(render_xlsx(catalogue, demo, score, lang, REPORT_ID,
                                                       quotation_checks=checks)))
    detail = wb[lab["sheet_detail"]]
    check = {detail.cell(r, 1).value: detail.cell(r, 10).value
             for r in range(2, detail.max_row + 1)}
    assert check["E01"] == lab["quote_found_workbook"] and lab["sheet_summary"] in check["E01"]
    assert check["E02"] == lab["quote_not_found"]


def test_workbook_how_to_fix_it(workbook, catalogue, score):
    """The Excel report says what is missing and how to fix it, as the PDF does."""
    lang, wb = workbook
    lab = labels(lang)
    sheet = wb[lab["sheet_gaps"]]
    assert [c.value for c in sheet[1]] == [lab["invariant"], lab["title"], lab["answer"],
                                           lab["expected_protocol"], lab["how_to_fix"],
                                           lab["example"]]
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert list(rows) == [gap.invariant.id for gap in (*score.unmet, *score.unreported)]
    int13 = catalogue.invariant("INT13")
    assert rows["INT13"][2] == pick(catalogue.scoring.answer("not_met").label, lang)
    assert rows["INT13"][3:] == (pick(int13.guidance("protocol").met, lang),
                                 pick(int13.remedy("protocol"), lang),
                                 pick(int13.example("protocol"), lang))
    assert rows["E11"][2].endswith(f"({lab['unconfirmed'].lower()})")  # a suggestion
    assert sheet.freeze_panes == "B2" and sheet.cell(2, 5).alignment.wrap_text


@pytest.mark.parametrize("kind, lang", [("protocol", "fr"), ("paper", "en"), ("paper", "fr")])
def test_reports_word_how_to_fix_it_for_the_kind_of_document(catalogue, demo, kind, lang):
    """A paper's report asks for what a paper can give; a protocol's says what to add."""
    record = dataclasses.replace(demo, document_kind=kind)
    score = score_assessment(catalogue, record)
    other = "paper" if kind == "protocol" else "protocol"
    int13 = catalogue.invariant("INT13")  # not met in the demo
    pdf = PdfReader(io.BytesIO(render_pdf(catalogue, record, score, lang, REPORT_ID)))
    text = flat(" ".join(page.extract_text() for page in pdf.pages))
    for wording in (int13.remedy(kind), int13.example(kind)):
        assert flat(pick(wording, lang)) in text
    for wording in (int13.remedy(other), int13.example(other)):
        assert flat(pick(wording, lang)) not in text
    # What is expected is said to be the paper's (or the protocol's), as in the review.
    lab = labels(lang)
    assert flat(f"{lab[f'expected_{kind}']}{lab['colon']}") in text
    assert flat(f"{lab[f'expected_{other}']}{lab['colon']}") not in text
    wb = openpyxl.load_workbook(io.BytesIO(render_xlsx(catalogue, record, score, lang,
                                                       REPORT_ID)))
    rows = {row[0]: row for row in wb[lab["sheet_gaps"]].iter_rows(values_only=True)}
    assert rows[lab["invariant"]][3] == lab[f"expected_{kind}"]
    assert rows["INT13"][4:6] == (pick(int13.remedy(kind), lang),
                                  pick(int13.example(kind), lang))


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_papers_reports_give_the_advice_for_a_dossier_labelled(catalogue, demo, lang):
    """Apart from what to ask the authors, a paper's PDF and Excel reports say, labelled, what
    a submitter whose paper is already published should look for and add to the dossier; a
    protocol's reports do not."""
    lab = labels(lang)
    int13 = catalogue.invariant("INT13")  # not met in the demo
    advice = pick(int13.dossier_advice("paper"), lang)
    labelled = flat(f"{lab['for_a_dossier']}{lab['colon']} {advice}")
    for kind in ("paper", "protocol"):
        record = dataclasses.replace(demo, document_kind=kind)
        score = score_assessment(catalogue, record)
        pdf = PdfReader(io.BytesIO(render_pdf(catalogue, record, score, lang, REPORT_ID)))
        text = flat(" ".join(page.extract_text() for page in pdf.pages))
        wb = openpyxl.load_workbook(io.BytesIO(render_xlsx(catalogue, record, score, lang,
                                                           REPORT_ID)))
        sheet = wb[lab["sheet_gaps"]]
        header = [cell.value for cell in sheet[1]]
        rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
        if kind == "paper":
            # After the authors' remedy and its example, which do not carry it.
            assert labelled in text
            assert text.index(flat(pick(int13.example("paper"), lang))) < text.index(labelled)
            assert advice not in pick(int13.remedy("paper"), lang)
            assert header[-1] == lab["for_a_dossier"]
            assert rows["INT13"][-1] == advice
            assert all(row[-1] for row in rows.values())  # every invariant gives one
        else:
            assert flat(lab["for_a_dossier"]) not in text and advice not in text
            assert lab["for_a_dossier"] not in header


def revised(demo):
    """The demo as assessed on the second of two uploaded drafts."""
    first = DocumentVersion("apa-fatigue-v1.docx", "a" * 64, 1000, datetime(2026, 9, 1, 8, 0),
                            "alice")
    current = DocumentVersion(demo.document_filename, demo.document_sha256, demo.document_size,
                              datetime(2026, 10, 2, 14, 30), "bob")
    return dataclasses.replace(demo, document_versions=[first, current])


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_reports_say_which_draft_was_assessed(catalogue, demo, lang):
    """A researcher who uploaded a revised draft sees, in each report, which version of the
    document it assessed and which came before."""
    record = revised(demo)
    score = score_assessment(catalogue, record)
    lab = labels(lang)
    version = lab("document_version_value", number=2, total=2, when="2026-10-02 14:30 UTC",
                  who="bob")
    earlier = lab("earlier_version_value", file="apa-fatigue-v1.docx",
                  when="2026-09-01 08:00 UTC", sha256="a" * 12)
    html = flat(render_html(catalogue, record, score, lang, REPORT_ID))
    assert version in html and earlier in html
    wb = openpyxl.load_workbook(io.BytesIO(render_xlsx(catalogue, record, score, lang,
                                                       REPORT_ID)))
    summary = {row[0]: row[1] for row in wb[lab["sheet_summary"]].iter_rows(values_only=True)}
    assert summary[lab["document_version"]] == version
    assert summary[lab["earlier_versions"]] == earlier
    text = review_text(catalogue, record, lang, score=score)
    assert f"- {lab['document_version']}{lab['colon']} {version}" in text
    # One document only: nothing said about versions.
    assert lab["document_version"] not in flat(render_html(catalogue, demo, score, lang,
                                                           REPORT_ID))


@pytest.mark.parametrize("lang,size", [("en", "39,583"), ("fr", "39\u00a0583")])
def test_the_file_size_is_grouped_by_thousands(catalogue, demo, lang, size):
    """"Size (bytes) 39583" is hard to read; French groups digits with a no-break space."""
    record = dataclasses.replace(demo, document_size=39583)
    score = score_assessment(catalogue, record)
    lab = labels(lang)
    assert f"<th>{lab['file_size']}</th><td class=\"\">{size}</td>" \
        in render_html(catalogue, record, score, lang, REPORT_ID)


def test_text_that_starts_like_a_formula_stays_text(catalogue, demo):
    """A quotation "= 12 patients" or a typed "=HYPERLINK(…)" must not become a formula when
    the workbook is opened (an error cell, or a live link: formula injection)."""
    answers = dict(demo.answers)
    answers["E01"] = dataclasses.replace(answers["E01"],
                                         justification='=HYPERLINK("http://example.org","x")',
                                         quotation="= 12 patients were included")
    record = dataclasses.replace(demo, answers=answers, title="=1+1")
    data = render_xlsx(catalogue, record, score_assessment(catalogue, record), "en", REPORT_ID)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    cells = [cell for ws in wb.worksheets for row in ws.iter_rows() for cell in row
             if isinstance(cell.value, str) and cell.value.startswith("=")]
    assert {cell.value for cell in cells} >= {
        '=HYPERLINK("http://example.org","x")', "= 12 patients were included", "=1+1"}
    assert all(cell.data_type == "s" for cell in cells)


def test_data_sheet_is_tidy(workbook, score, demo):
    _, wb = workbook
    data = wb.worksheets[-1]
    rows = list(data.iter_rows(values_only=True))
    assert rows[0] == DATA_COLUMNS
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", name) for name in rows[0])
    assert len(set(rows[0])) == len(rows[0])
    assert not data.merged_cells.ranges
    assert len(rows) == 1 + len(score.rows)
    records = [dict(zip(DATA_COLUMNS, row, strict=True)) for row in rows[1:]]
    by_id = {r["invariant_id"]: r for r in records}
    assert by_id["INT03"]["answer"] == "not_applicable" and by_id["INT03"]["points"] is None
    assert by_id["INT06"]["points"] == 2 and by_id["INT06"]["weighted_max"] == 2
    assert by_id["E11"]["origin"] == "suggestion" and by_id["E11"]["confirmed"] is False
    assert by_id["E01"]["confirmed_by"] == demo.assessor
    assert isinstance(by_id["E01"]["updated_at"], datetime)
    assert {r["assessment_uid"] for r in records} == {demo.uid}


def test_a_french_workbook_names_every_sheet_in_french_and_keeps_the_data_keys(workbook):
    """A French submitter found one sheet named in English ("Data"): it is « Données » in a
    French report, while its column names stay the README's machine-readable keys, which a
    note on its first cell and a line of the summary say in the report's language."""
    lang, wb = workbook
    data = wb.worksheets[-1]
    assert data.title == {"en": "Data", "fr": "Données"}[lang]
    assert next(data.iter_rows(values_only=True)) == DATA_COLUMNS  # the same keys in both
    note = data["A1"].comment.text
    summary = [cell for row in wb.worksheets[0].iter_rows(values_only=True) for cell in row
               if cell]
    assert note in summary
    if lang == "fr":
        assert "La feuille «\u00a0Données\u00a0» est destinée aux logiciels" in note
        assert "les mêmes dans les rapports en français et en anglais" in note
        assert "Data" not in wb.sheetnames
        headers = [c for ws in wb.worksheets[1:-1] for c in next(ws.iter_rows(values_only=True))]
        assert "Invariant" in headers and "Titre" in headers and "Title" not in headers
    else:
        assert note.startswith('The "Data" sheet is for software: one header row of fixed '
                               "column names")


def test_data_sheet_reads_with_pandas(catalogue, demo, score):
    pandas = pytest.importorskip("pandas")
    frame = pandas.read_excel(io.BytesIO(render_xlsx(catalogue, demo, score, "en", REPORT_ID)),
                              sheet_name="Data")
    assert list(frame.columns) == list(DATA_COLUMNS)
    assert len(frame) == 30
    assert frame["points"].sum() == 41  # 23 ethical + 18 methodological
    # As the README reads either language's report: the last sheet, the same columns.
    french = pandas.read_excel(io.BytesIO(render_xlsx(catalogue, demo, score, "fr", REPORT_ID)),
                               sheet_name=-1)
    assert list(french.columns) == list(DATA_COLUMNS) and len(french) == 30


def test_summary_svg(catalogue, demo, score):
    svg = summary_svg(catalogue, demo, score, "fr")
    assert svg.startswith("<svg") and 'role="img"' in svg and "<title" in svg
    assert svg.count("<circle") >= len(score.rows)
    assert "sans-serif" in svg
    assert "Respecté" in svg and "Non applicable" in svg  # legend in the catalogue's words
    assert ">NA<" in svg and ">?<" in svg  # greyscale-safe symbols
    assert "71\u00a0%" in svg  # ethical bar: 10 of 14 met, written the French way
    assert "71%" in summary_svg(catalogue, demo, score, "en")


def test_summary_svg_row_titles_follow_the_language_typography(catalogue, demo, score):
    """Each row's tooltip ("E01 title: answer") has French typography in French."""
    e01 = pick(catalogue.invariant("E01").title, "fr")
    answer = next(r for r in score.rows if r.invariant.id == "E01").effective
    label = pick(catalogue.scoring.answer(answer).label, "fr")
    assert f"<title>E01 {escape(e01)}\u00a0: {escape(label)}</title>" \
        in summary_svg(catalogue, demo, score, "fr")
    english = pick(catalogue.invariant("E01").title, "en")
    assert f"<title>E01 {escape(english)}: " in summary_svg(catalogue, demo, score, "en")


def test_report_ids_are_unique_and_readable(demo):
    ids = {new_report_id(demo) for _ in range(50)}
    # Drawn within a second or two, they differ by their 4-hex-digit random suffix alone, so two
    # of the 50 match about one run in fifty: a constant suffix would give one or two ids.
    assert len(ids) >= 45
    assert all(REPORT_ID_PATTERN.match(i) for i in ids)
    assert next(iter(ids)).startswith("NPIS-CHK-5C1E7A42-")


def test_reports_say_who_confirmed_each_answer_and_when(pdf, workbook, demo):
    """A decision record is traceable: each confirmed answer says by whom and when (its last
    save), in the PDF and in the Excel Detail sheet."""
    e01 = demo.answers["E01"]
    assert e01.confirmed_by and e01.updated_at
    when = e01.updated_at.strftime("%Y-%m-%d %H:%M UTC")
    lang, _reader, pages = pdf
    expected = labels(lang)("confirmed_by_on", who=e01.confirmed_by, when=when)
    assert flat(expected) in " ".join(pages)
    lang, wb = workbook
    detail = wb[labels(lang)["sheet_detail"]]
    ids = [detail.cell(r, 1).value for r in range(2, detail.max_row + 1)]
    assert detail.cell(ids.index("E01") + 2, 12).value == labels(lang)(
        "confirmed_by_on", who=e01.confirmed_by, when=when)


def _figure_as_one_svg(html: str, svg: str) -> str:
    """The report's HTML with its summary figure drawn as before: the whole SVG, texts and
    all, as the image, and no text layer over it."""
    import base64

    html = re.sub(r'<div class="figure-texts".*?</div>', "", html, flags=re.S)
    whole = "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return re.sub(r'<img src="data:image/svg\+xml;base64,[^"]+"', f'<img src="{whole}"', html)


@pytest.mark.parametrize("lang, crowded", [("fr", False), ("en", True)])
def test_the_pdf_sets_the_figure_s_texts_over_its_shapes(catalogue, demo, lang, crowded):
    """WeasyPrint draws SVG text letter by letter (a fifth of a report's time): the PDF draws
    the figure's shapes as an SVG image and sets its texts as HTML over them, and the pages
    look and read as when the whole SVG was the image, also for a figure shrunk under many
    notices. (The figure on the web page and in a journal stays one SVG, texts and all.)"""
    import base64

    import pypdfium2
    from weasyprint import HTML

    from exports.pdf import _fonts_and_css
    from exports.templating import reports_dir

    record = demo
    if crowded:
        answers = dict(demo.answers)
        for invariant_id in list(answers)[:3]:
            del answers[invariant_id]
        record = dataclasses.replace(demo, answers=answers, catalogue_fingerprint="0" * 64)
    score = score_assessment(catalogue, record)
    svg = summary_svg(catalogue, record, score, lang)
    html = render_html(catalogue, record, score, lang, REPORT_ID)
    source = re.search(r'<img src="data:image/svg\+xml;base64,([^"]+)"', html).group(1)
    shapes = base64.b64decode(source).decode("utf-8")
    assert "<text" in svg and "<text" not in shapes and "<rect" in shapes
    assert html.count('<span class="start"') + html.count('<span class="middle"') == (
        svg.count("<text"))
    fonts, css = _fonts_and_css()

    def pages(page_html: str) -> tuple[list, list[list[str]]]:
        pdf = HTML(string=page_html, base_url=str(reports_dir())).write_pdf(
            stylesheets=[css], font_config=fonts)
        images = [page.render(scale=1).to_pil().convert("L") for page in
                  list(pypdfium2.PdfDocument(pdf))[:2]]
        words = [flat(page.extract_text()).split() for page in PdfReader(io.BytesIO(pdf)).pages]
        return images, words

    (images, words), (before, words_before) = pages(html), pages(_figure_as_one_svg(html, svg))
    assert words == words_before  # the same words in the same order, on the same pages
    assert "INT16" in words[1]
    assert images[0].tobytes() == before[0].tobytes()
    # The summary page: no text moved (a line moved or gone changes thousands of pixels of
    # the 500,000); glyphs drawn one by one or in a run may round a pixel apart, no more.
    changed = [abs(a - b) for a, b in zip(images[1].tobytes(), before[1].tobytes(), strict=True)]
    assert sum(1 for d in changed if d > 64) < 500


def test_the_figure_s_text_layer_takes_the_image_s_scale_and_place():
    """Full width when the figure fits, else shrunk to the height left and centred: the texts
    follow the image, each on its SVG baseline."""
    from exports.pdf import figure_layers

    svg = ('<svg xmlns="http://www.w3.org/2000/svg" width="680" height="400" '
           'style="font-family:sans-serif"><rect x="0" y="0" width="680" height="400"/>'
           '<g><title>t</title><text x="10.0" y="22.0" font-size="12" text-anchor="start" '
           'font-weight="bold" fill="#000000">A &amp; B</text></g>'
           '<text x="640.0" y="30.0" font-size="10" text-anchor="middle" font-weight="normal" '
           'fill="#FFFFFF">NA</text></svg>')
    shapes, layer = figure_layers(svg, 185)
    assert "<text" not in shapes and shapes.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert [(t.content, t.left, t.anchor, t.weight, t.fill) for t in layer.texts] == [
        ("A & B", 10.0, "start", "bold", "#000000"), ("NA", 640.0, "middle", "normal", "#FFFFFF")]
    assert layer.texts[0].top == pytest.approx(22 - 0.346 * 12)
    width_px = 178 * 96 / 25.4 - 16  # A4 less the page margins and the body's
    assert layer.scale == pytest.approx(width_px / 680) and layer.left_mm == 0
    assert layer.style == "font-family:sans-serif"
    _, shrunk = figure_layers(svg, 50)
    assert shrunk.scale * 400 == pytest.approx(50 * 96 / 25.4)
    assert shrunk.left_mm * 96 / 25.4 * 2 + 680 * shrunk.scale == pytest.approx(width_px)


def _human_only(record):
    """The record with every answer given by a person, none from a suggestion."""
    answers = {key: dataclasses.replace(answer, origin="human")
               for key, answer in record.answers.items()}
    return dataclasses.replace(record, answers=answers)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_reports_say_how_often_the_detection_behind_suggested_answers_is_right(
        catalogue, demo, lang):
    """The demo has two unconfirmed suggestions: the method section gives the held-out figures
    of the document's language, in the PDF and in the Excel summary; a report whose answers
    were all given by a person has no such paragraph."""
    from checker.services.detection_guide import measurement

    english = next(row for row in measurement().figures if row.language == "en")
    recall = f"{100 * english.recall:.1f}"
    recall = recall.replace(".", ",") + "\u00a0%" if lang == "fr" else recall + "%"
    opening = {"en": "Answers that began as automatic suggestions: 2.",
               "fr": "Réponses issues de suggestions automatiques : 2."}[lang]
    score = score_assessment(catalogue, demo)
    reader = PdfReader(io.BytesIO(render_pdf(catalogue, demo, score, lang, REPORT_ID)))
    text = flat(" ".join(page.extract_text() for page in reader.pages)).replace("\u00a0", " ")
    assert opening in text and recall.replace("\u00a0", " ") in text
    assert ("in English" if lang == "en" else "en anglais") in text
    cells = [str(cell) for row in openpyxl.load_workbook(io.BytesIO(render_xlsx(
        catalogue, demo, score, lang, REPORT_ID))).worksheets[0].values for cell in row if cell]
    assert any(cell.startswith(opening.replace(" :", "\u00a0:")) for cell in cells)

    by_people = _human_only(demo)
    people_score = score_assessment(catalogue, by_people)
    html = render_html(catalogue, by_people, people_score, lang, REPORT_ID)
    assert opening.replace(" :", "\u00a0:") not in html
    cells = [str(cell) for row in openpyxl.load_workbook(io.BytesIO(render_xlsx(
        catalogue, by_people, people_score, lang, REPORT_ID))).worksheets[0].values
             for cell in row if cell]
    assert not any(cell.startswith(opening.replace(" :", "\u00a0:")) for cell in cells)


def test_a_french_document_gets_the_french_figures(catalogue, demo):
    from checker.services.detection_guide import measurement

    french = next(row for row in measurement().figures if row.language == "fr")
    record = dataclasses.replace(demo, language="fr")
    html = render_html(catalogue, record, score_assessment(catalogue, record), "en", REPORT_ID)
    found = f"in French (articles translated from English), it found {100 * french.recall:.1f}%"
    assert found in " ".join(html.split())
