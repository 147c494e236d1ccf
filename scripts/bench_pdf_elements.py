"""Benchmark: the same articles read from PDF instead of plain text.

Usage: python scripts/bench_pdf_elements.py --data DIR [--split valid] [--cache DIR]
       [--style indent]

Most users upload PDFs, whose text keeps the page's lines, hyphenation and columns; the
benchmark's documents are plain text. This renders each article of the split as a two-column,
justified, hyphenated PDF with a running head and page numbers (WeasyPrint; Markdown headings
become headings), with ``--style indent`` its paragraphs marked by a first-line indent only and
no space between them (many journals, Word's body text), reads it back with the application's
own PDF reader, detects the elements, and prints how many of the plain text's sentences the
PDF's read the same (as a person reads a quotation: line breaks as spaces, words hyphenated at a
line's end resolved), micro/macro-F1 for the text and PDF versions, how often their decisions
agree, and the seconds per PDF (extraction and detection). Rendered PDFs are kept in
``--cache`` for later runs.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import re
import tempfile
from collections import Counter
from pathlib import Path

from checker.documents import Document, extract_path
from checker.documents.language import detect_language
from checker.evidence.bench import run_benchmark
from checker.evidence.features import document_spelling, readable_text
from checker.evidence.training import load_benchmark

# A journal's page: two justified, hyphenated columns, a running head and a page number.
CSS = ("@page{@top-center{content:'Trials (2024) 25:101 https://doi.org/10.1186/s13063';"
       "font-size:7pt}@bottom-center{content:'Page ' counter(page) ' of ' counter(pages);"
       "font-size:7pt}}"
       "body{font-family:serif;font-size:9.5pt;columns:2;column-gap:1cm}"
       "p{text-align:justify;hyphens:auto}h2{font-size:12pt}h3{font-size:10pt}")
# Paragraphs told apart by their first line's indent alone: a paragraph that ends with no
# stop (a list item, a title) sits right above the next one's first line.
STYLES = {"journal": CSS, "indent": CSS + "p{margin:0;text-indent:1.5em}"}


def render(text: str, target: Path, css: str = CSS) -> None:
    from weasyprint import HTML

    body = []
    for paragraph in text.split("\n"):
        if not paragraph.strip():
            continue
        heading = re.match(r"^(#+)\s*(.*)", paragraph)
        if heading:
            level = min(len(heading.group(1)), 4)
            body.append(f"<h{level}>{html.escape(heading.group(2))}</h{level}>")
        else:
            body.append(f"<p>{html.escape(paragraph)}</p>")
    # The document's language, for the hyphenation of its lines.
    page = (f"<html lang={detect_language(text)}><head><style>{css}</style></head>"
            f"<body>{''.join(body)}</body></html>")
    HTML(string=page).write_pdf(target)


def read_sentences(document: Document) -> Counter[str]:
    """The document's sentences as a person reads them, one space for any whitespace and no
    Markdown heading mark."""
    spelling = document_spelling(document)
    return Counter(" ".join(readable_text(document.sentence_text(s), spelling).split())
                   .lstrip("# ") for s in document.sentences)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True, type=Path)
    parser.add_argument("--split", default="valid")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "npis-pdf")
    parser.add_argument("--style", choices=sorted(STYLES), default="journal")
    args = parser.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    rendered: dict[Path, Path] = {}
    for article in load_benchmark(args.data):
        if article.split == args.split:
            text = article.path.read_text(encoding="utf-8")
            # By content: the English corpus and its French translation share file names.
            digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
            style = "" if args.style == "journal" else f"-{args.style}"  # older caches' names
            pdf = args.cache / f"{article.kind}-{article.path.stem}-{digest}{style}.pdf"
            if not pdf.exists():
                render(text, pdf, STYLES[args.style])  # before the run: not what is timed
            rendered[article.path] = pdf
    same = total = 0
    for text_path, pdf in rendered.items():
        from_text = read_sentences(extract_path(text_path))
        same += sum((from_text & read_sentences(extract_path(pdf))).values())
        total += sum(from_text.values())
    print(f"sentences: {same} of the text's {total} read the same ({same / max(1, total):.4f})")
    from_text = run_benchmark(args.data, args.split)
    from_pdf = run_benchmark(args.data, args.split, read=lambda path: extract_path(rendered[path]))
    for name, result in (("text", from_text), ("pdf", from_pdf)):
        print(f"{name}: micro_f1={result.micro.f1:.4f} macro_f1={result.macro_f1:.4f}")
    same = sum(from_pdf.decisions[key] == value for key, value in from_text.decisions.items())
    print(f"agreement={same / max(1, len(from_text.decisions)):.4f} "
          f"s_per_pdf={from_pdf.seconds_per_doc:.3f} documents={from_pdf.documents}")


if __name__ == "__main__":
    main()
