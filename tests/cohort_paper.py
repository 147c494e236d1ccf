"""A results paper of an observational cohort set as a journal prints it: two justified
columns, headings, and a "Table 1" with its caption and rows of figures (WeasyPrint), for the
tests of how tables and captions are read and quoted."""

from __future__ import annotations

import pytest

CSS = ("@page{size:A4;margin:2cm;@bottom-center{content:counter(page);font-size:7pt}}"
       "body{font-family:serif;font-size:9.5pt;columns:2;column-gap:0.8cm}"
       "p{text-align:justify;hyphens:auto;margin:0 0 0.5em}h1{font-size:14pt;column-span:all}"
       "h2{font-size:11pt}table{font-size:8pt;border-collapse:collapse;width:100%}"
       "td,th{padding:1pt 3pt;text-align:left}td+td,th+th{text-align:right}"
       "caption{text-align:left;font-size:8pt;caption-side:top;margin-bottom:3pt}")

ROWS = [
    ("Characteristic", "Walkers (n = 298)", "Non-walkers (n = 314)"),
    ("Age, years", "63.2 (8.1)", "64.0 (7.9)"),
    ("Body mass index, kg/m²", "26.1 (4.3)", "27.4 (4.9)"),
    ("Current smoker", "31 (10.4)", "52 (16.6)"),
    ("Diabetes", "24 (8.1)", "41 (13.1)"),
    ("Hormone therapy", "88 (29.5)", "79 (25.2)"),
    ("University degree", "121 (40.6)", "97 (30.9)"),
    ("Baseline SF-36 physical score", "48.3 (7.2)", "45.9 (8.0)"),
]

CAPTION = ("Table 1. Baseline characteristics of the 612 women by exposure. "
           "Values are mean (SD) or n (%).")

BODY = [
    ("h2", "Methods"),
    ("p", "We conducted a prospective cohort study of postmenopausal women recruited from "
          "twelve general practices in Lyon, France, between 2015 and 2017."),
    ("p", "Exposure was regular brisk walking of at least 150 minutes a week, reported with a "
          "validated questionnaire at inclusion and every six months."),
    ("p", "Potential confounders were identified a priori with a directed acyclic graph: age, "
          "body mass index, smoking, diabetes, hormone therapy and education."),
    ("p", "Hazard ratios were estimated with Cox models adjusted for these confounders, and "
          "residual confounding was assessed with the E-value."),
    ("p", "Outcome assessors were unaware of the participants' exposure, and women lost to "
          "follow-up were compared with those followed to the end of the study."),
    ("h2", "Results"),
    ("p", "Of 701 eligible women, 612 were included and 571 (93%) were followed for three "
          "years."),
    ("table", None),
    ("p", "Walkers were less often smokers and less often diabetic than non-walkers "
          "(Table 1)."),
    ("p", "After adjustment for the confounders, walking was associated with a lower risk of "
          "falls (hazard ratio 0.71, 95% CI 0.55 to 0.92)."),
    ("h2", "Discussion"),
    ("p", "Residual selection of healthier women into walking may have led us to overestimate "
          "the benefit, although excluding falls in the first six months changed little."),
]


def cohort_html(caption: str = CAPTION, rows: list[tuple[str, ...]] = ROWS) -> str:
    import html

    parts = ["<h1>Brisk walking and falls in postmenopausal women: a prospective cohort "
             "study</h1>"]
    for tag, text in BODY:
        if tag == "table":
            head, *body = rows
            cells = "".join(f"<th>{html.escape(c)}</th>" for c in head)
            lines = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row)
                            + "</tr>" for row in body)
            parts.append(f"<table><caption>{html.escape(caption)}</caption>"
                         f"<thead><tr>{cells}</tr></thead><tbody>{lines}</tbody></table>")
        else:
            parts.append(f"<{tag}>{html.escape(text)}</{tag}>")
    return (f"<html lang=en><head><style>{CSS}</style></head>"
            f"<body>{''.join(parts)}</body></html>")


def cohort_pdf(caption: str = CAPTION, rows: list[tuple[str, ...]] = ROWS) -> bytes:
    weasyprint = pytest.importorskip("weasyprint")
    return weasyprint.HTML(string=cohort_html(caption, rows)).write_pdf()
