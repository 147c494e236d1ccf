"""Benchmark: the same articles pasted as text copied from a PDF viewer.

Usage: python scripts/bench_viewer_copy.py --data DIR [--split train] [--cache DIR]
       [--style page|journal] [--pages line|blank] [--hyphens] [--show N]

Users often paste, or save as .txt, the text they copied from a PDF viewer: the page's lines
cut where they ended, no blank line between paragraphs. This renders each article of the
split as a justified PDF (``page``: one column; ``journal``: two), without hyphenation as a
browser prints, or with it (``--hyphens``: words cut at a line's end with a hyphen, as word
processors and journals set them, in the article's language), copies its text as a viewer
built on PDFium does (its text, line by line), joins the pages with a line break (one
selection across pages) or a blank line (``--pages blank``: pasted page by page), reads that
text back as a .txt, and prints how many of the plain text's sentences are read the same
(headings included; spacing aside, so a word read as "person- centred" or "treat-ment" is
not), how many of the copy's sentences are the text's, and how often the detected elements
agree. ``--show N`` prints the first N sentences of the copy that are not the text's. Rendered
PDFs and copied texts are kept in ``--cache`` for later runs.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import tempfile
from collections import Counter
from pathlib import Path

from bench_pdf_elements import render  # beside this script

from checker.documents import Document, extract_document, extract_path
from checker.evidence.bench import run_benchmark
from checker.evidence.training import load_benchmark

# A page as a word processor or a preprint server sets it: no running head (it would be
# pasted inside paragraphs), no hyphenation unless asked (a PDF viewer copies a hyphenated
# word as two lines' ends).
_BODY = ("body{font-family:serif;font-size:10pt}p{text-align:justify;margin:0 0 .6em}"
         "h2{font-size:12pt}h3{font-size:10pt}")
STYLES = {"page": _BODY, "journal": _BODY + "body{font-size:9.5pt;columns:2;column-gap:1cm}"}
# Hyphenation by the page's language (render() sets <html lang>; WeasyPrint hyphenates with
# pyphen's dictionaries).
HYPHENS = "p{hyphens:auto}"
PAGE_BREAKS = {"line": "\n", "blank": "\n\n"}


def viewer_copy(pdf: Path, page_break: str) -> str:
    """The PDF's text as a viewer copies it: each page's lines, a line break between them."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        pages = [page.get_textpage().get_text_range() for page in document]
    finally:
        document.close()
    # PDFium writes U+FFFE for a hyphen where it joined a word cut at a line's end.
    return page_break.join(page.replace("\r\n", "\n").replace("\ufffe", "-\n").strip("\n")
                           for page in pages) + "\n"


def sentences(document: Document) -> list[str]:
    """The document's sentences as read: one space for any whitespace, no Markdown heading
    mark. A word hyphenated at a line's end counts as read the same only if the reader joined
    it as the text spells it."""
    return [" ".join(document.sentence_text(s).split()).lstrip("# ")
            for s in document.sentences]


def _hyphens_aside(read: Counter[str]) -> Counter[str]:
    """The sentences with a hyphen's following space left out ("person- centred" and
    "person-centred" alike): the measure before the reader joined words cut at a line's end."""
    return Counter(re.sub(r"-\s+", "-", sentence) for sentence in read.elements())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True, type=Path)
    parser.add_argument("--split", default="train")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "npis-copy")
    parser.add_argument("--style", choices=sorted(STYLES), default="page")
    parser.add_argument("--pages", choices=sorted(PAGE_BREAKS), default="line")
    parser.add_argument("--hyphens", action="store_true",
                        help="hyphenate the lines as word processors and journals do")
    parser.add_argument("--show", type=int, default=0)
    args = parser.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    copies: dict[Path, Path] = {}
    same = same_hyphens_aside = text_total = copy_total = 0
    unmatched: list[tuple[str, str]] = []
    for article in load_benchmark(args.data):
        if article.split != args.split:
            continue
        text = article.path.read_text(encoding="utf-8")
        # By content: the English corpus and its French translation share file names.
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
        hyphens = "-hyphens" if args.hyphens else ""
        stem = f"{article.kind}-{article.path.stem}-{digest}-{args.style}{hyphens}"
        pdf = args.cache / f"{stem}.pdf"
        if not pdf.exists():
            render(text, pdf, STYLES[args.style] + (HYPHENS if args.hyphens else ""))
        copy = args.cache / f"{stem}-{args.pages}.txt"
        copy.write_text(viewer_copy(pdf, PAGE_BREAKS[args.pages]), encoding="utf-8")
        copies[article.path] = copy
        from_text = Counter(sentences(extract_path(article.path)))
        from_copy = sentences(extract_document(copy.read_bytes(), copy.name))
        same += sum((from_text & Counter(from_copy)).values())
        same_hyphens_aside += sum(
            (_hyphens_aside(from_text) & _hyphens_aside(Counter(from_copy))).values())
        text_total += sum(from_text.values())
        copy_total += len(from_copy)
        unmatched += [(article.path.name, s) for s in from_copy if s not in from_text]
    print(f"sentences: {same} of the text's {text_total} read the same "
          f"({same / max(1, text_total):.4f}); {same} of the copy's {copy_total} "
          f"({same / max(1, copy_total):.4f}); a line-end hyphen's space aside, "
          f"{same_hyphens_aside} ({same_hyphens_aside / max(1, text_total):.4f})")
    for name, sentence in unmatched[:args.show]:
        print(f"  {name}: {sentence[:300]}")
    from_text = run_benchmark(args.data, args.split)
    from_copy = run_benchmark(args.data, args.split,
                              read=lambda path: extract_path(copies[path]))
    for name, result in (("text", from_text), ("copy", from_copy)):
        print(f"{name}: micro_f1={result.micro.f1:.4f} macro_f1={result.macro_f1:.4f} "
              f"unverified_quotes={result.unverified_quotes}")
    agree = sum(from_copy.decisions[key] == value for key, value in from_text.decisions.items())
    print(f"agreement={agree / max(1, len(from_text.decisions)):.4f} "
          f"documents={from_copy.documents}")


if __name__ == "__main__":
    main()
