"""PDF report of one assessment, rendered by WeasyPrint from ``templates/reports``."""

from __future__ import annotations

import base64
import logging
import math
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from checker.catalogue import Catalogue
from checker.services.figure import summary_svg
from checker.services.records import AssessmentRecord
from checker.services.scoring import ScoreResult
from checker.services.stamps import ReportStamp

from .context import build_context
from .stamping import PDF_WRITE_OPTIONS
from .templating import environment, reports_dir

TEMPLATE = "report.html"
STYLESHEET = "report.css"

# WeasyPrint logs every unsupported CSS property of the inline SVG; they are harmless.
logging.getLogger("weasyprint").setLevel(logging.ERROR)
logging.getLogger("fontTools").setLevel(logging.ERROR)


@lru_cache(maxsize=1)
def _fonts_and_css() -> tuple[FontConfiguration, CSS]:
    # Parsing the stylesheet and the font configuration once saves time on every report.
    fonts = FontConfiguration()
    css = CSS(filename=str(reports_dir() / STYLESHEET), font_config=fonts)
    return fonts, css


# Text in the report's fonts and weights, to load them before the first report.
_WARM_UP_HTML = ('<p>npis-checker <strong>report</strong> <em>« »</em> '
                 '<span class="mono">NPIS-CHK</span></p>')


def warm_up() -> None:
    """Do once, when the server starts, what the first report of a process otherwise waits
    for: WeasyPrint's import, the font configuration and stylesheet, the fonts' loading and
    the template's compilation (about a third of that report's time, 0.35 s of 1.1 s)."""
    fonts, css = _fonts_and_css()
    environment().get_template(TEMPLATE)
    HTML(string=_WARM_UP_HTML).write_pdf(stylesheets=[css], font_config=fonts)


def render_html(catalogue: Catalogue, record: AssessmentRecord, score: ScoreResult, lang: str,
                report_id: str, stamp: ReportStamp | None = None,
                quotation_checks: dict[str, bool | None] | None = None,
                answers_to_check: Sequence[str] = ()) -> str:
    """The report as HTML (what the PDF is printed from)."""
    context = build_context(catalogue, record, score, lang, report_id,
                            quotation_checks=quotation_checks,
                            answers_to_check=answers_to_check)
    context["stamp"] = stamp
    figure_max_mm = figure_max_height_mm(len(context["notices"]), len(context["warnings"]),
                                         context["shortfalls"], bool(context["provisional"]))
    shapes, layer = figure_layers(summary_svg(catalogue, record, score, context["lang"]),
                                  figure_max_mm)
    context["figure"] = svg_image_source(shapes)
    context["figure_texts"] = layer
    context["figure_max_mm"] = figure_max_mm
    return environment().get_template(TEMPLATE).render(**context)


_SVG = "http://www.w3.org/2000/svg"
ET.register_namespace("", _SVG)  # the figure's SVG written back as it came, unprefixed
# A4 less the page margins of report.css (16 mm each side) and the body's 8 px each side:
# the width of the summary figure's image, in CSS pixels.
_PX_PER_MM = 96 / 25.4
_TEXT_WIDTH_PX = (210 - 2 * 16) * _PX_PER_MM - 2 * 8
# The baseline of a line of DejaVu Sans set with no line height lies this many ems under the
# line's top: half its ascent (0.928 em) less half its descent (0.236 em).
_BASELINE_EM = 0.346


@dataclass(frozen=True)
class FigureText:
    """One text of the summary figure, placed in the figure's pixels: ``left`` and ``top``
    are its box's, whose line holds its baseline where the SVG had it."""

    left: float
    top: float
    content: str
    size: str
    weight: str
    fill: str
    anchor: str


@dataclass(frozen=True)
class FigureTexts:
    """The summary figure's texts, on a layer the figure's size and scale set over it."""

    texts: list[FigureText]
    width: str
    height: str
    left_mm: float
    scale: float
    style: str


def figure_layers(svg: str, max_mm: float) -> tuple[str, FigureTexts]:
    """The summary figure split for the PDF: its SVG without its texts, drawn as the image,
    and its texts, set as HTML over it, for the same page. WeasyPrint draws SVG text letter
    by letter, one Pango layout each: the ~1,900 letters of the figure cost about a fifth of
    a report's work (instructions counted), the same texts as HTML about an eighth.

    The image is as wide as the text (``width: 100%``), at most ``max_mm`` tall, and its SVG
    keeps its proportions, centred in it: the layer gets the same scale and offset."""
    root = ET.fromstring(svg)
    parents = {child: parent for parent in root.iter() for child in parent}
    texts = []
    for node in list(root.iter(f"{{{_SVG}}}text")):
        size = float(node.get("font-size", "16"))
        texts.append(FigureText(float(node.get("x", "0")),
                                float(node.get("y", "0")) - _BASELINE_EM * size,
                                node.text or "", node.get("font-size", "16"),
                                node.get("font-weight", "normal"), node.get("fill", "#000000"),
                                node.get("text-anchor", "start")))
        parents[node].remove(node)
    width, height = float(root.get("width")), float(root.get("height"))
    scale = min(_TEXT_WIDTH_PX / width, max_mm * _PX_PER_MM / height)
    layer = FigureTexts(texts, root.get("width"), root.get("height"),
                        (_TEXT_WIDTH_PX - width * scale) / 2 / _PX_PER_MM, scale,
                        root.get("style", ""))
    return ET.tostring(root, encoding="unicode"), layer


def svg_image_source(svg: str) -> str:
    """The summary figure as an image's data URL. Set inline in the HTML, the same SVG went
    through WeasyPrint's (pure Python) HTML parser and its ~350 elements through the page's
    style cascade, then was drawn as an image all the same: about a tenth of a report's time,
    for the same pages to the pixel."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


# What the summary page holds above the figure, measured on rendered reports (A4, 259 mm of
# text height): with nothing but the verdict and the scores, the figure may be 185 mm tall (at
# full width it is about 183 mm for the 30 invariants of the interventional study type, so it
# is not shrunk); each notice takes about 12 mm; the lines saying why the verdict is not a
# better one take 1.5 mm plus 4.2 mm per printed line of about 95 characters (8.5 pt); a
# verdict resting on unconfirmed suggestions, the line that says so, about 6 mm.
_FIGURE_MM = 185
_PROVISIONAL_MM = 8
_NOTICE_MM = 12
_SHORTFALLS_MM = 1.5
_SHORTFALL_LINE_MM = 4.2
_SHORTFALL_LINE_CHARS = 95


def figure_max_height_mm(notices: int, warnings: int, shortfalls: Sequence[str],
                         provisional: bool = False) -> int:
    """How tall the summary figure may be, so that it stays on the summary page under the
    verdict, why it is not a better one, the scores and the notices: pushed to a page of its
    own, it left that page half empty. It shrinks, keeping its proportions, to no less than
    100 mm."""
    boxes = notices + (warnings + 1 if warnings else 0)
    printed = sum(math.ceil(len(line) / _SHORTFALL_LINE_CHARS) for line in shortfalls)
    below = _SHORTFALLS_MM + _SHORTFALL_LINE_MM * printed if printed else 0
    below += _PROVISIONAL_MM if provisional else 0
    return max(100, math.floor(_FIGURE_MM - _NOTICE_MM * boxes - below))


def render_pdf(catalogue: Catalogue, record: AssessmentRecord, score: ScoreResult, lang: str,
               report_id: str, stamp: ReportStamp | None = None,
               quotation_checks: dict[str, bool | None] | None = None,
               answers_to_check: Sequence[str] = ()) -> bytes:
    """The PDF report as bytes (A4, page numbers, running header with the report id).

    With a ``stamp`` (see :mod:`checker.services.issued_reports`) the report prints its
    signature and carries it in the PDF metadata for ``npis-check verify``.
    """
    html = render_html(catalogue, record, score, lang, report_id, stamp, quotation_checks,
                       answers_to_check)
    fonts, css = _fonts_and_css()
    document = HTML(string=html, base_url=str(reports_dir()))
    return document.write_pdf(stylesheets=[css], font_config=fonts, **PDF_WRITE_OPTIONS)
