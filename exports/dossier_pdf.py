"""PDF report of an NPI dossier (screening, sufficiency, coverage, studies), by WeasyPrint."""

from __future__ import annotations

from weasyprint import HTML

from checker.services.dossier_view import DossierView
from checker.services.stamps import ReportStamp

from .dossier_context import build_dossier_context
from .pdf import _fonts_and_css
from .stamping import PDF_WRITE_OPTIONS
from .templating import environment, reports_dir

TEMPLATE = "dossier.html"


def render_dossier_html(view: DossierView, stamp: ReportStamp) -> str:
    return environment().get_template(TEMPLATE).render(**build_dossier_context(view, stamp))


def render_dossier_pdf(view: DossierView, stamp: ReportStamp) -> bytes:
    """The dossier report as PDF bytes, stamped (printed and in the PDF metadata)."""
    fonts, css = _fonts_and_css()  # same stylesheet as the assessment report
    document = HTML(string=render_dossier_html(view, stamp), base_url=str(reports_dir()))
    return document.write_pdf(stylesheets=[css], font_config=fonts, **PDF_WRITE_OPTIONS)
