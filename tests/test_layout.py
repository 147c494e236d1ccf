"""Layout faults found by looking at the pages and reports as images (visual review).

The browser test checks the one fault that can be measured from the page: nothing makes the
page scroll sideways, on a phone or a desktop, with long and unbroken titles in the tables.
The others are checked as the CSS rules that fix them.
"""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

import pytest
from browser_support import ARGS, BROWSER, CHROMIUM
from conftest import PASSWORD, make_user
from dossier_support import PEER, imported_study

ROOT = Path(__file__).resolve().parents[1]
APP_CSS = (ROOT / "static" / "app.css").read_text(encoding="utf-8")
LONG_TITLE = "Cohort_" + "_".join(["APAFATIGUE2024"] * 6)


def rule(selector: str, css: str = APP_CSS) -> str:
    """The declarations of the first rule whose selector is exactly ``selector``."""
    match = re.search(r"(?:^|[}\n])\s*" + re.escape(selector) + r"\s*\{([^}]*)\}", css)
    assert match, f"no rule for {selector}"
    return match.group(1)


def dossier_of_one_study(app, user: str, **study: object) -> tuple[str, str]:
    """(study uid, dossier uid): a dossier holding one peer-reviewed interventional study."""
    from checker.services.accounts import find_user
    from checker.services.dossiers import DossierFields, add_study, create_dossier

    uid = imported_study(app, user, "interventional", publication=PEER, **study)
    with app.app_context():
        owner = find_user(user)
        dossier = create_dossier(owner, DossierFields(
            npi_name="Supervised walking", domain="physical",
            health_problem="Falls in older adults", country="France"))
        add_study(dossier, uid, owner)
        return uid, dossier.uid


def test_a_scrolling_table_holds_its_hidden_labels():
    """Visually hidden labels (position: absolute) in a scrolling table's cells sat outside the
    scrolling box and made the whole page scroll sideways: the box positions them."""
    assert "position: relative" in rule(".table-scroll")
    assert "overflow-wrap: anywhere" in rule('.table-scroll th[scope="row"]')
    assert "min-width" in rule(".table-scroll .text-cell")


def test_small_layout_rules():
    # A badge wraps as one box, not split over two lines with half a border each.
    assert "display: inline-block" in rule(".badge")
    # A moment in a table is not broken at the hyphens of its date.
    assert "white-space: nowrap" in rule(".table time, .nowrap")
    # The detected elements: one column on a phone, an item never split between columns.
    assert "18rem" in rule(".detected-index ul")
    assert "break-inside: avoid" in rule(".detected-index li")
    # A long title is seen whole in its field, not 40 characters of it.
    assert "max-width: none" in rule(".field-wide input")
    # A legend of several lines stays inside its box.
    assert "float: left" in rule("fieldset > legend")
    # An answer's history on a phone: the change under when/who, not squeezed out of sight.
    media = APP_CSS[APP_CSS.index("table.history thead"):]
    assert "display: block" in rule("table.history td.text-cell", media)


def _signed_in_page(browser, base: str, username: str, width: int, locale: str = "en-US"):
    """A page of ``browser`` (its language ``locale``), ``width`` px wide, signed in as
    ``username`` on the home page at ``base``."""
    page = browser.new_context(locale=locale,
                               viewport={"width": width, "height": 800}).new_page()
    page.goto(f"{base}/auth/login")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(f"{base}/")
    return page


def _partly_answered(app, username: str, unanswered: int, suggested: int) -> str:
    """The uid of an interventional assessment of ``username`` whose first ``unanswered``
    invariants have no answer and the ``suggested`` next ones an unconfirmed suggestion."""
    from checker.catalogue import get_catalogue
    from checker.services.accounts import find_user
    from checker.services.assessments import import_record
    from checker.services.records import AnswerRecord, AssessmentRecord

    catalogue = get_catalogue()
    invariants = catalogue.invariants_for("interventional")
    answers = {inv.id: AnswerRecord(inv.id, "met", justification="Stated.",
                                    origin="suggestion" if n < unanswered + suggested
                                    else "human")
               for n, inv in enumerate(invariants) if n >= unanswered}
    record = AssessmentRecord(
        uid="partly", title="Marche supervisée après un AVC", document_kind="protocol",
        study_type="interventional", npi_name="Marche supervisée", domain="physical",
        country="France", language="fr", catalogue_id=catalogue.id,
        catalogue_version=catalogue.version, catalogue_fingerprint=catalogue.fingerprint,
        assessor=username, answers=answers)
    with app.app_context():
        return import_record(record, find_user(username), catalogue).uid


@pytest.mark.parametrize("locale", ["fr-FR", "en-US"])
@BROWSER[0]
@BROWSER[1]
def test_the_sticky_progress_bar_keeps_to_one_row_at_1280_px(live_server, make_app, locale):
    """In French the bar's label, count, note on suggestions and button took two rows at
    1280 px (a sticky bar twice as high over every invariant); the links to the invariants
    left, when few enough to list, take one line of their own under the row."""
    sync_api = pytest.importorskip("playwright.sync_api")
    app = make_app()
    make_user(app, "bar")
    # 10 left, 4 of them unconfirmed suggestions: 14, too many to list; then 8 (4 + 4).
    many_left = _partly_answered(app, "bar", unanswered=10, suggested=4)
    few_left = _partly_answered(app, "bar", unanswered=4, suggested=4)
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = _signed_in_page(browser, live_server, "bar", 1280, locale)
            page.goto(f"{live_server}/assessments/{many_left}")
            assert page.locator("html").get_attribute("lang") == locale[:2]
            assert page.locator(".pending-count").is_visible()
            bar = page.locator("#progress").bounding_box()
            button = page.locator("#progress .results-link").bounding_box()
            # One row: as high as its button, with the bar's padding and border (17 px).
            assert bar["height"] <= button["height"] + 20, (bar, button)

            page.goto(f"{live_server}/assessments/{few_left}")
            remaining = page.locator("#progress .remaining")
            assert remaining.is_visible()
            row = page.locator("#progress .results-link").bounding_box()
            line = remaining.bounding_box()
            assert line["y"] >= row["y"] + row["height"], (row, line)
            bar = page.locator("#progress").bounding_box()
            assert bar["height"] <= row["height"] + line["height"] + 30, (bar, row, line)
        finally:
            browser.close()


HOME_COUNTS = {"fr-FR": ("17 sur 30 par une personne",
                         "17 invariants sur 30 renseignés par une personne",
                         "13 suggestions non confirmées"),
               "en-US": ("17 of 30 by a person", "17 of 30 invariants answered by a person",
                         "13 unconfirmed suggestions")}


@pytest.mark.parametrize("locale", ["fr-FR", "en-US"])
@BROWSER[0]
@BROWSER[1]
def test_the_home_list_progress_count_takes_at_most_two_lines_at_1280_px(live_server, make_app,
                                                                        locale):
    """In French the home list's count ("17 invariants sur 30 renseignés par une personne")
    took three lines of its narrow column at 1280 px: the cell words it as the reports do
    ("17 sur 30 par une personne"), the full sentences kept for screen readers and as the
    cell's tooltip."""
    sync_api = pytest.importorskip("playwright.sync_api")
    app = make_app()
    make_user(app, "liste")
    _partly_answered(app, "liste", unanswered=0, suggested=13)
    short, full, pending = HOME_COUNTS[locale]
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = _signed_in_page(browser, live_server, "liste", 1280, locale)
            cell = page.locator("td.progress-cell")
            shown = cell.locator("[aria-hidden=true]")
            assert shown.inner_text() == short
            # The line boxes of the count as laid out: one, or two at most.
            assert shown.evaluate("e => e.getClientRects().length") <= 2
            assert cell.locator(".visually-hidden").inner_text() == full
            assert pending in cell.inner_text()
            separator = "\u00a0; " if locale == "fr-FR" else "; "
            assert shown.get_attribute("title") == f"{full}{separator}{pending}"
        finally:
            browser.close()


@pytest.mark.parametrize("width", [375, 1280])
@BROWSER[0]
@BROWSER[1]
def test_no_page_scrolls_sideways(live_server, make_app, width):
    from checker.services.accounts import find_user
    from checker.services.dossiers import DossierFields, add_study, create_dossier

    sync_api = pytest.importorskip("playwright.sync_api")
    app = make_app()
    make_user(app, "wide")
    uids = [imported_study(app, "wide", "interventional", title=LONG_TITLE, publication=PEER),
            imported_study(app, "wide", "mechanistic", title="Mechanisms " * 12)]
    with app.app_context():
        user = find_user("wide")
        dossier = create_dossier(user, DossierFields(
            npi_name="Supervised walking " + LONG_TITLE, domain="physical",
            health_problem="Falls in older adults", country="France"))
        for uid in uids:
            add_study(dossier, uid, user)
        dossier_uid = dossier.uid
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": 800})
            page.goto(f"{live_server}/auth/login")
            page.locator("input[name=username]").fill("wide")
            page.locator("input[name=password]").fill(PASSWORD)
            page.locator("main button[type=submit]").click()
            page.wait_for_url(f"{live_server}/")
            for path in ["/", "/dossiers", f"/dossiers/{dossier_uid}",
                         f"/dossiers/{dossier_uid}/sufficiency",
                         f"/assessments/{uids[0]}/results"]:
                page.goto(live_server + path)
                scroll, client = page.evaluate(
                    "[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
                assert scroll <= client, f"{path} at {width} px: {scroll} > {client} px"
        finally:
            browser.close()


def _text_overflow(data: bytes) -> list[tuple[int, float, str]]:
    """Text runs that reach into the right margin (16 mm) of a PDF's pages, or past the page."""
    import pypdfium2 as pdfium

    found = []
    pdf = pdfium.PdfDocument(data)
    for number in range(len(pdf)):
        page = pdf[number]
        limit = page.get_width() - 16 / 25.4 * 72 + 1  # points; 1 pt of rounding
        text = page.get_textpage()
        for i in range(text.count_rects()):
            left, bottom, right, top = text.get_rect(i)
            if right > limit:
                found.append((number + 1, round(right), text.get_text_bounded(
                    left, bottom, right, top)[:40]))
    return found


def test_a_long_unbroken_title_stays_inside_the_pdf_pages(app, auth_client, user):
    """A title without spaces ran past the right edge of the page in the dossier report (study
    heading), and squeezed the labels of its key/value table to a word per line."""
    uid, dossier_uid = dossier_of_one_study(app, user, title=LONG_TITLE)
    for path in (f"/dossiers/{dossier_uid}/report.pdf", f"/assessments/{uid}/report.pdf"):
        for lang in ("en", "fr"):
            response = auth_client.get(f"{path}?lang={lang}")
            assert response.status_code == 200
            assert _text_overflow(response.get_data()) == [], (path, lang)


@pytest.mark.parametrize(("declared", "lang", "shown"), [
    ("en", "fr", "Anglais"), ("English", "en", "English"), ("fr", "en", "French"),
    ("français", "fr", "Français"), ("de", "fr", "Allemand"), ("de", "en", "German"),
    ("Deutsch", "fr", "Deutsch"), ("haw", "fr", "Hawaïen"), ("fil", "en", "Filipino")])
def test_reports_name_the_document_language(declared, lang, shown):
    """The reports printed the language code ("en") where the web page says "English"."""
    from dataclasses import replace

    from checker.catalogue import get_catalogue
    from checker.demo import load_demo
    from checker.services.scoring import score_assessment
    from exports.context import build_context

    catalogue = get_catalogue()
    record = replace(load_demo(catalogue), language=declared)
    ctx = build_context(catalogue, record, score_assessment(catalogue, record), lang, "R-1")
    assert dict(ctx["study"])[ctx["lab"]["language"]] == shown


def _print_settings(ws) -> tuple:
    fit = ws.sheet_properties.pageSetUpPr.fitToPage if ws.sheet_properties.pageSetUpPr else None
    return (ws.page_setup.orientation, bool(fit), ws.page_setup.fitToWidth,
            ws.print_title_rows)


def test_workbooks_print_on_a4_and_keep_headings_on_one_line(app, auth_client, user):
    """The summary sheets had no print settings (column B of the assessment summary, 90 wide,
    printed on a second page) and their title and headings wrapped inside column A."""
    import io

    import openpyxl

    from checker.catalogue import get_catalogue
    from checker.demo import load_demo
    from checker.services.scoring import score_assessment
    from exports.excel import render_xlsx

    catalogue = get_catalogue()
    record = load_demo(catalogue)
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(
        catalogue, record, score_assessment(catalogue, record), "fr", "R-1")))
    summary, detail = book.worksheets[0], book.worksheets[1]
    assert _print_settings(summary) == ("portrait", True, 1, None)
    assert _print_settings(detail) == ("landscape", True, 1, "$1:$1")
    assert not summary["A1"].alignment.wrap_text  # the title runs across column B
    assert summary["A2"].alignment.wrap_text  # a key wraps in its column

    _, dossier_uid = dossier_of_one_study(app, user)
    response = auth_client.get(f"/dossiers/{dossier_uid}/report.xlsx?lang=fr")
    book = openpyxl.load_workbook(io.BytesIO(response.get_data()))
    summary, studies, coverage = book.worksheets[:3]
    assert _print_settings(summary)[:3] == ("landscape", True, 1)
    headings = [row[0] for row in summary.iter_rows()
                if row[0].font.bold and row[0].value and row[1].value in (None, "")]
    assert headings and not any(cell.alignment.wrap_text for cell in headings)
    assert _print_settings(studies)[0] == "landscape" and studies.print_title_cols == "$A:$B"
    assert _print_settings(coverage) == ("landscape", True, 1, "$1:$1")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_figure_legend_is_evenly_spaced(lang):
    """The legend's items were spaced by their number of characters: a long label
    ("Partiellement respecté") was followed by a gap three times that after a short one."""
    from checker.catalogue import get_catalogue
    from checker.demo import load_demo
    from checker.services.figure import _text_width, summary_svg
    from checker.services.scoring import score_assessment
    from exports.context import answer_label

    catalogue = get_catalogue()
    record = load_demo(catalogue)
    svg = summary_svg(catalogue, record, score_assessment(catalogue, record), lang)
    names = [answer_label(catalogue, a, lang) for a in
             ("met", "partially_met", "not_met", "not_reported", "not_applicable")]
    starts = {}
    for x, text in re.findall(r'<text x="([\d.]+)" y="[\d.]+" font-size="10"[^>]*>([^<]+)</text>',
                              svg):
        starts.setdefault(text, float(x))
    assert set(names) <= set(starts), starts
    # Each label starts 18 px after its symbol's left edge; the next symbol follows its end.
    gaps = [starts[b] - 18 - (starts[a] + _text_width(a, 10)) for a, b in pairwise(names)]
    assert max(gaps) - min(gaps) < 0.5, gaps
    # The table of widths is close to the font's own: "Respecté" / "Met" etc. are measured,
    # not counted in characters.
    assert _text_width("Partiellement respecté", 10) == pytest.approx(113.0, abs=1.5)


def test_the_title_field_takes_the_page_width(auth_client):
    page = auth_client.get("/assessments/new").get_data(as_text=True)
    assert re.search(r'<div class="field field-wide\s*">\s*<label for="title"', page)


@pytest.mark.parametrize("locale", ["fr-FR", "en-US"])
@BROWSER[0]
@BROWSER[1]
def test_the_site_header_keeps_to_one_row_at_1280_px(live_server, make_app, locale):
    """In French the language buttons went to a second row of the header at 1280 px (a
    walkthrough): they read "EN" / "FR" (named in full for screen readers)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    app = make_app()
    make_user(app, "marie.dupont")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = _signed_in_page(browser, live_server, "marie.dupont", 1280, locale)
            nav = page.locator(".site-header nav").bounding_box()
            switch = page.locator(".lang-switch").bounding_box()
            assert abs(switch["y"] - nav["y"]) < nav["height"], (nav, switch)
            french = page.locator(".lang-switch").get_by_role("button", name="Français")
            assert french.get_attribute("lang") == "fr"
        finally:
            browser.close()
