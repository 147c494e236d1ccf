"""Benchmark: the same articles read from PDF instead of plain text.

Usage: python scripts/bench_pdf_elements.py --data DIR [--split valid] [--cache DIR]

Most users upload PDFs, whose text keeps the page's lines, hyphenation and columns; the
benchmark's documents are plain text. This renders each article of the split as a two-column,
justified, hyphenated PDF with a running head and page numbers (WeasyPrint; Markdown headings
become headings), reads it back with
the application's own PDF reader, detects the elements, and prints micro/macro-F1 for the text
and PDF versions, how often their decisions agree, and the seconds per PDF (extraction and
detection). Rendered PDFs are kept in ``--cache`` for later runs.
"""

from __future__ import annotations

import argparse
import html
import re
import tempfile
import time
from pathlib import Path

import numpy as np

from checker.documents import extract_path
from checker.evidence import detect_elements
from checker.evidence.model import get_model
from checker.evidence.training import Article, load_benchmark, micro_macro

# A journal's page: two justified, hyphenated columns, a running head and a page number.
CSS = ("@page{@top-center{content:'Trials (2024) 25:101 https://doi.org/10.1186/s13063';"
       "font-size:7pt}@bottom-center{content:'Page ' counter(page) ' of ' counter(pages);"
       "font-size:7pt}}"
       "body{font-family:serif;font-size:9.5pt;columns:2;column-gap:1cm}"
       "p{text-align:justify;hyphens:auto}h2{font-size:12pt}h3{font-size:10pt}")


def render(article: Article, target: Path) -> None:
    from weasyprint import HTML

    body = []
    for paragraph in article.path.read_text(encoding="utf-8").split("\n"):
        if not paragraph.strip():
            continue
        heading = re.match(r"^(#+)\s*(.*)", paragraph)
        if heading:
            level = min(len(heading.group(1)), 4)
            body.append(f"<h{level}>{html.escape(heading.group(2))}</h{level}>")
        else:
            body.append(f"<p>{html.escape(paragraph)}</p>")
    page = f"<html lang=en><head><style>{CSS}</style></head><body>{''.join(body)}</body></html>"
    HTML(string=page).write_pdf(target)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True, type=Path)
    parser.add_argument("--split", default="valid")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "npis-pdf")
    args = parser.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    articles = [a for a in load_benchmark(args.data) if a.split == args.split]
    items = get_model().items
    labels, from_text, from_pdf = [], [], []
    seconds = 0.0
    for article in articles:
        pdf = args.cache / f"{article.kind}-{article.path.stem}.pdf"
        if not pdf.exists():
            render(article, pdf)
        kind = "paper" if article.kind == "results" else "protocol"
        text_found = {d.element for d in detect_elements(extract_path(article.path), kind=kind)}
        start = time.perf_counter()
        pdf_found = {d.element for d in detect_elements(extract_path(pdf), kind=kind)}
        seconds += time.perf_counter() - start
        labels.append([article.labels[i] for i in items])
        from_text.append([i in text_found for i in items])
        from_pdf.append([i in pdf_found for i in items])
    y, text_d, pdf_d = np.array(labels), np.array(from_text), np.array(from_pdf)
    for name, decisions in (("text", text_d), ("pdf", pdf_d)):
        micro, macro = micro_macro(y, decisions)
        print(f"{name}: micro_f1={micro:.4f} macro_f1={macro:.4f}")
    print(f"agreement={float((text_d == pdf_d).mean()):.4f} "
          f"s_per_pdf={seconds / max(1, len(articles)):.3f} documents={len(articles)}")


if __name__ == "__main__":
    main()
