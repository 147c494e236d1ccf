"""A manuscript sent to a journal's reviewers: its PDF numbers every line (or every fifth) in
the left margin. The numbers are no part of the text: a quotation must not hold them, the
sentence that runs past them (and on to the next page) stays whole, and the running head
above them is still left out, as in the same PDF without the numbers. PDF producers write the
numbers after the page's text (stamped by the submission system), or each beside its line,
before or after the line's words."""

from __future__ import annotations

import textwrap

import pytest
from pdf_support import pdf_of_objects
from suggestion_support import first_quotation, suggest

from checker.documents import extract_document

HEAD = "Archives de pediatrie - Manuscrit soumis pour evaluation"
PARAGRAPHS = [
    "Financement",
    "Les enfants ont été inclus entre mars 2021 et septembre 2023 dans trois centres de "
    "brûlés pédiatriques. " * 23
    + "Cette étude a été financée par le Fonds de la recherche scientifique (convention "
    "T.0184.21), le Fonds national suisse (subside 32003B_198765) et la Fondation de France. "
    "Les financeurs n'ont joué aucun rôle dans la conception de l'étude, le recueil et "
    "l'analyse des données, la décision de publier ou la rédaction du manuscrit.",
    "Remerciements",
    "Les auteurs remercient les enfants et leurs parents ainsi que les équipes infirmières des "
    "trois centres, qui ont rendu cette étude possible. " * 20,
]
FUNDING = ("Cette étude a été financée par le Fonds de la recherche scientifique (convention "
           "T.0184.21), le Fonds national suisse (subside 32003B_198765) et la Fondation de "
           "France.")
TOP, BOTTOM, PITCH, SIZE = 760.0, 90.0, 20.0, 11.0


def _lines() -> list[tuple[str, str]]:
    """(font, text) per line of the body: headings in bold, paragraphs wrapped."""
    lines = []
    for index, paragraph in enumerate(PARAGRAPHS):
        if index % 2 == 0:
            lines.append(("B", paragraph))
        else:
            lines += [("R", line) for line in textwrap.wrap(paragraph, 78)]
    return lines


def _escaped(text: str) -> bytes:
    return text.encode("cp1252").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(
        b")", b"\\)")


def _manuscript(numbers: str, every: int = 1) -> bytes:
    """The manuscript's PDF over pages of 33 lines, with a running head and a page number,
    and its lines numbered on from page to page in the margin: ``numbers`` "stamped" (after
    each page's text), "before" or "after" each line's words, or "none"."""
    body = _lines()
    per_page = int((TOP - BOTTOM) // PITCH)
    pages = [body[at:at + per_page] for at in range(0, len(body), per_page)]
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    kids = []
    count = 0
    for number, page in enumerate(pages, start=1):
        content = [b"BT /R 9 Tf 90 800 Td (" + _escaped(HEAD) + b") Tj ET",
                   b"BT /R 10 Tf 300 50 Td (%d) Tj ET" % number]
        stamped = []
        y = TOP
        for font, text in page:
            count += 1
            label = b"BT /N 8 Tf 50 %.1f Td (%d) Tj ET" % (y, count)
            shown = numbers != "none" and count % every == 0
            line = b"BT /%s %.1f Tf 90 %.1f Td (" % (font.encode(), SIZE, y) + _escaped(
                text) + b") Tj ET"
            if shown and numbers == "before":
                content.append(label)
            content.append(line)
            if shown and numbers == "after":
                content.append(label)
            if shown and numbers == "stamped":
                stamped.append(label)
            y -= PITCH
        stream = b"\n".join(content + stamped)
        page_object = len(objects) + 1
        kids.append(page_object)
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                       b"/Resources << /Font << /R %d 0 R /B %d 0 R /N %d 0 R >> >> >>"
                       % (page_object + 1, 3 * len(pages) + 3, 3 * len(pages) + 4,
                          3 * len(pages) + 5))
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        objects.append(b"<< >>")  # keeps three objects per page
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % kid for kid in kids), len(kids))
    for font in (b"Times-Roman", b"Times-Bold", b"Helvetica"):
        objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /%s "
                       b"/Encoding /WinAnsiEncoding >>" % font)
    return pdf_of_objects(objects)


def _sentences(data: bytes) -> list[str]:
    doc = extract_document(data, "manuscrit.pdf")
    return [" ".join(doc.sentence_text(s).split()) for s in doc.sentences]


@pytest.mark.parametrize(("numbers", "every"), [
    ("stamped", 1), ("before", 1), ("after", 1), ("stamped", 5), ("before", 5)])
def test_margin_line_numbers_are_no_part_of_the_text(numbers: str, every: int) -> None:
    plain = _sentences(_manuscript("none"))
    assert len(extract_document(_manuscript("none"), "m.pdf").pages) >= 3
    assert FUNDING in plain and not any(HEAD in sentence for sentence in plain)
    assert _sentences(_manuscript(numbers, every)) == plain


def test_the_sentence_past_a_page_break_is_quoted_whole_beside_line_numbers() -> None:
    """A reviewer's PDF: the funding sentence, cut by the page's numbers stamped after its
    first lines, was quoted up to "(subside" and the funding answered partly met."""
    suggestion = suggest(_manuscript("stamped"), "fr", kind="paper",
                         name="manuscrit.pdf")["E06"]
    assert first_quotation(suggestion) == FUNDING


def _page(words: list[tuple[float, int, str]]) -> bytes:
    """A one-page PDF of ``words``: where each starts across the page, on which line (20
    points apart), its text."""
    content = [b"BT /R 11 Tf %.1f %d Td (" % (left, 760 - 20 * line) + _escaped(text)
               + b") Tj ET" for left, line, text in words]
    stream = b"\n".join(content)
    return pdf_of_objects([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /R 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /Encoding /WinAnsiEncoding >>",
    ])


def test_numbers_starting_lines_inside_the_text_are_kept() -> None:
    """Numbers that start lines at the text's left edge (a count, a dose) are the text's own,
    and so are a checklist's item numbers in a table's first column, under its caption."""
    counts = [f"{n} enfants ont reçu {n} séances d'hypnose dans le centre {n}." for n in
              range(1, 9)]
    page = _page([(90, i, line) for i, line in enumerate(counts)])
    text = " ".join(extract_document(page, "counts.pdf").text.split())
    assert all(line in text for line in counts)
    items = ["Titre descriptif", "Enregistrement de l'essai", "Version du protocole",
             "Financement", "Rôles et responsabilités", "Contexte et justification",
             "Objectifs", "Schéma de l'essai"]
    checklist = [(90, 0, "Tableau S1. Liste de contrôle SPIRIT et page du protocole")]
    for number, item in enumerate(items, start=1):
        checklist += [(90, number, str(number)), (130, number, item)]
    text = extract_document(_page(checklist), "checklist.pdf").text
    assert all(str(number) in text.split() for number in range(1, 9))
