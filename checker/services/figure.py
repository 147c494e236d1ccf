"""A robvis-style summary figure of one assessment, as standalone SVG.

Top: a traffic-light grid, one row per invariant, each judgement a coloured circle carrying a
symbol so the figure still reads in greyscale print. Bottom: one stacked bar per kind
(ethical, methodological) with the share of each answer. The SVG has fixed pixel dimensions and
generic fonts so it embeds identically in the web page, the PDF and a journal submission.
"""

from __future__ import annotations

import unicodedata
from xml.sax.saxutils import escape

from checker.catalogue import Catalogue, pick
from exports.labels import labels

from .records import AssessmentRecord
from .scoring import KINDS, UNANSWERED, ScoreResult

# Colour-blind-safe palette (after robvis), with a symbol per judgement for greyscale print;
# the ink of each symbol and percentage contrasts 4.5:1 or more with its fill.
STYLE = {
    "met": ("#1B7837", "+", "#FFFFFF"),
    "partially_met": ("#F1C232", "~", "#000000"),
    "not_met": ("#B2182B", "\u2212", "#FFFFFF"),
    "not_reported": ("#8C8C8C", "?", "#000000"),  # black: white on this grey is 3.4:1
    "not_applicable": ("#D9E6F2", "NA", "#000000"),
    UNANSWERED: ("#FFFFFF", "", "#000000"),
}
ORDER = ("met", "partially_met", "not_met", "not_reported", "not_applicable", UNANSWERED)

WIDTH = 680
ROW = 15
NBSP = "\u00a0"
FONT = "font-family:'DejaVu Sans','Liberation Sans',Arial,Helvetica,sans-serif"
TITLE_CHARS = 96
# Advance widths of DejaVu Sans in thousandths of the font size (the figure's first font), to
# space the legend evenly; an accented letter counts as its base letter, anything else 0.6.
_WIDTHS = dict(zip(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ .,;:'()-/",
    (613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411,
     521, 392, 634, 592, 818, 592, 592, 525, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295,
     656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 318, 318,
     318, 337, 337, 275, 390, 390, 361, 337), strict=True))


def _text_width(text: str, size: float) -> float:
    """The width of ``text`` set in DejaVu Sans at ``size`` px (digits are 0.636 em)."""
    total = 0
    for char in text:
        base = unicodedata.normalize("NFD", char)[0]
        total += 636 if base.isdigit() else _WIDTHS.get(base, 600)
    return total * size / 1000


def _text(x: float, y: float, content: str, *, size: float = 11, anchor: str = "start",
          weight: str = "normal", fill: str = "#000000") -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
        f'font-weight="{weight}" fill="{fill}">{escape(content)}</text>'
    )


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def _symbol_path(cx: float, cy: float, symbol: str) -> str:
    """+, ~ and − drawn as strokes: crisper than glyphs and much cheaper for PDF renderers."""
    if symbol == "+":
        return f"M{cx - 3.5:.1f} {cy:.1f}h7M{cx:.1f} {cy - 3.5:.1f}v7"
    if symbol == "\u2212":
        return f"M{cx - 3.5:.1f} {cy:.1f}h7"
    if symbol == "~":
        return (f"M{cx - 3.8:.1f} {cy + 0.8:.1f}q1.9 -3 3.8 -0.8t3.8 -0.8")
    return ""


def _circle(cx: float, cy: float, answer: str, r: float = 6.5) -> str:
    fill, symbol, ink = STYLE[answer]
    dash = ' stroke-dasharray="2,2"' if answer == UNANSWERED else ""
    parts = [
        f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{r}" fill="{fill}" stroke="#333333" '
        f'stroke-width="0.8"{dash}/>'
    ]
    path = _symbol_path(cx, cy, symbol)
    if path:
        parts.append(f'<path d="{path}" stroke="{ink}" stroke-width="1.8" fill="none" '
                     'stroke-linecap="round"/>')
    elif symbol:
        size = 7 if symbol == "NA" else 11
        parts.append(_text(cx, cy + size * 0.36, symbol, size=size, anchor="middle",
                           weight="bold", fill=ink))
    return "".join(parts)


def _answer_label(catalogue: Catalogue, answer: str, lang: str) -> str:
    if answer == UNANSWERED:
        return labels(lang)["unanswered"]
    return pick(catalogue.scoring.answer(answer).label, lang)


def _bar(catalogue: Catalogue, score: ScoreResult, kind: str, y: float, lang: str) -> list[str]:
    lab = labels(lang)
    rows = [r for r in score.rows if r.invariant.kind == kind]
    x0, width, height = 180.0, WIDTH - 200.0, 22.0
    out = [_text(10, y + 15, f"{lab[kind]} (n={len(rows)})", size=11, weight="bold")]
    if not rows:
        return out
    x = x0
    for answer in ORDER:
        n = sum(1 for r in rows if r.effective == answer)
        if not n:
            continue
        w = width * n / len(rows)
        fill, _, ink = STYLE[answer]
        # French writes "42 %" (no-break space), English "42%".
        pct = f"{round(100 * n / len(rows))}{NBSP if lang == 'fr' else ''}%"
        name = escape(_answer_label(catalogue, answer, lang))
        colon = f"{NBSP}:" if lang == "fr" else ":"
        out.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{height}" fill="{fill}" '
            f'stroke="#333333" stroke-width="0.6"><title>{name}{colon} {n} ({pct})</title></rect>'
        )
        if w >= 30:
            out.append(_text(x + w / 2, y + 15, pct, size=10, anchor="middle",
                             weight="bold", fill=ink))
        x += w
    return out


def summary_svg(catalogue: Catalogue, record: AssessmentRecord, score: ScoreResult,
                lang: str) -> str:
    """Standalone SVG document summarising the judgements of ``score``."""
    lab = labels(lang)
    title = lab["figure_title"]
    body: list[str] = []
    y = 22.0
    body.append(_text(10, y, _shorten(record.title or record.npi_name, 80), size=12, weight="bold"))
    body.append(_text(WIDTH - 40, y, lab["judgement"], size=9, anchor="middle"))
    y += 10
    for kind in KINDS:
        rows = [r for r in score.rows if r.invariant.kind == kind]
        if not rows:
            continue
        y += 18
        body.append(_text(10, y, lab[f"{kind}_invariants"], size=11, weight="bold"))
        y += 6
        for i, row in enumerate(rows):
            top = y + i * ROW
            if i % 2 == 0:
                body.append(f'<rect x="6" y="{top:.1f}" width="{WIDTH - 12}" height="{ROW}" '
                            'fill="#F3F3F3"/>')
            cy = top + ROW / 2
            body.append(_text(10, cy + 4, row.invariant.id, size=10, weight="bold"))
            name = pick(row.invariant.title, lang)
            body.append(
                f"<g><title>{escape(row.invariant.id)} {escape(name)}{lab['colon']} "
                f"{escape(_answer_label(catalogue, row.effective, lang))}</title>"
                + _text(58, cy + 4, _shorten(name, TITLE_CHARS), size=10)
                + "</g>"
            )
            body.append(_circle(WIDTH - 40, cy, row.effective))
            if row.unconfirmed:
                body.append(_text(WIDTH - 24, cy + 4, "*", size=12, weight="bold"))
        y += len(rows) * ROW
    y += 24
    body.append(_text(10, y, lab["summary"], size=12, weight="bold"))
    y += 10
    for kind in KINDS:
        body += _bar(catalogue, score, kind, y, lang)
        y += 32
    # Legend: every judgement with its symbol, in the catalogue's wording.
    y += 6
    x = 10.0
    for answer in ORDER:
        label = _answer_label(catalogue, answer, lang)
        step = 18 + _text_width(label, 10) + 16  # symbol, label, then the same gap each time
        if x + step > WIDTH - 10:
            x, y = 10.0, y + 20
        body.append(_circle(x + 7, y, answer))
        body.append(_text(x + 18, y + 4, label, size=10))
        x += step
    y += 22
    if score.unconfirmed:
        body.append(_text(10, y, lab["suggestion_mark"], size=10))
        y += 16
    height = int(y + 6)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" aria-labelledby="npis-fig-title" style="{FONT}">'
        f'<title id="npis-fig-title">{escape(title)}</title>'
        f'<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#FFFFFF"/>'
        + "".join(body)
        + "</svg>"
    )
