"""A journal-style two-column paper's title set over three or four lines on its first page,
between a running head, the journal's name and the authors: read whole, so that the design it
names still hints at the study type (a walkthrough's RCT title was cut after two of its four
lines, "… versus usual care for people", at a line ending with a comma)."""

from __future__ import annotations

import pytest

from checker.documents import extract_document
from checker.evidence.stated_details import read_details

_BODY = ("Participants with knee osteoarthritis were recruited from general practices and "
         "randomised to the programme or to usual care, and outcomes were assessed at 12 weeks "
         "and 12 months by assessors who did not know the allocation. ") * 4
_SECTIONS = {"en": ("Introduction", "Methods", "Results", "Discussion", "Conclusions"),
             "fr": ("Introduction", "Méthodes", "Résultats", "Discussion", "Conclusion")}


def _paper(title_html: str, lang: str = "en", *, title_size: str = "16pt") -> bytes:
    """A journal's article: its reference and name over the article's type, the title, the
    authors in bold and their affiliations across the page, then two columns; the later pages
    bear a running head (the authors and the journal)."""
    weasyprint = pytest.importorskip("weasyprint")
    abstract = "Abstract" if lang == "en" else "Résumé"
    sections = "".join(f"<h2>{name}</h2>" + f"<p>{_BODY}</p>" * 3
                       for name in _SECTIONS[lang])
    html = f"""<html lang={lang}><head><style>
      @page {{ size: A4; margin: 2cm 1.8cm; @top-center {{
               content: "Abara et al. Clinical Rehabilitation"; font-size: 7.5pt }} }}
      @page :first {{ @top-center {{ content: none }} }}
      body {{ font-family: 'DejaVu Serif', serif; font-size: 9.5pt }}
      h1 {{ font-size: {title_size} }} h2 {{ font-size: 11pt }}
      .journal {{ font-size: 20pt; font-weight: bold }} .kind {{ font-size: 8pt }}
      .authors {{ font-size: 10pt; font-weight: bold }} .small {{ font-size: 7.5pt }}
      .cols {{ column-count: 2; column-gap: 0.7cm }}
    </style></head><body>
      <p class=small>Clinical Rehabilitation 2025, Vol. 39(6) 702–716 © The Author(s) 2025</p>
      <p class=journal>Clinical Rehabilitation</p><p class=kind>ORIGINAL ARTICLE</p>
      <h1>{title_html}</h1>
      <p class=authors>Helen Abara<sup>1</sup>, Sarah J. Holloway<sup>2</sup> and Gareth
        Lloyd<sup>2</sup></p>
      <p class=small>¹ Centre for Primary Care, University of Manchester, Manchester, UK
        ² University of Leeds, Leeds, UK</p>
      <div class=cols><h2>{abstract}</h2><p>Objective: to assess whether the programme
        reduces knee pain compared with usual care.</p>{sections}</div>
    </body></html>"""
    return weasyprint.HTML(string=html).write_pdf()


def _details(data: bytes):
    document = extract_document(data, "paper.pdf")
    return document, read_details(document)


RCT_TITLE = ("Effectiveness of a community adapted physical activity programme (Move Well) "
             "versus usual care for people with knee osteoarthritis: a pragmatic, multicentre, "
             "randomised controlled trial")


def test_a_four_line_title_with_a_line_ending_on_a_comma_is_read_whole() -> None:
    document, details = _details(_paper(
        "Effectiveness of a community adapted physical activity<br>programme (Move Well) "
        "versus usual care for people<br>with knee osteoarthritis: a pragmatic, multicentre,"
        "<br>randomised controlled trial"))
    assert details.title == RCT_TITLE
    assert details.study_type_hint.study_type == "interventional"
    assert details.study_type_hint.words == "randomised controlled trial"
    # The authors and the abstract stay out of the title, the journal's name above it too.
    assert [section.title for section in document.sections[:2]] == [RCT_TITLE, "Abstract"]


def test_a_title_wrapped_by_the_page_is_read_whole() -> None:
    """The same title as the page wraps it (its third line ends on "a pragmatic,")."""
    document = extract_document(_paper(RCT_TITLE), "paper.pdf")
    assert "a pragmatic,\nmulticentre" in document.text  # as the test means it
    assert read_details(document).title == RCT_TITLE


def test_a_title_line_starting_with_a_number_goes_on_with_the_title() -> None:
    """"12 weeks of …" at the start of a title's line is no section's number."""
    _, details = _details(_paper(
        "Supervised walking in adults with knee osteoarthritis:<br>12 weeks of group sessions "
        "versus usual care in<br>primary care, a randomised controlled trial"))
    assert details.title == ("Supervised walking in adults with knee osteoarthritis: 12 weeks "
                             "of group sessions versus usual care in primary care, a "
                             "randomised controlled trial")
    assert details.study_type_hint.study_type == "interventional"


def test_a_french_title_over_three_lines() -> None:
    _, details = _details(_paper(
        "Efficacité d'un programme d'activité physique adaptée<br>chez les personnes atteintes "
        "de gonarthrose : essai<br>pragmatique, multicentrique,<br>contrôlé randomisé", "fr"))
    assert details.title == ("Efficacité d'un programme d'activité physique adaptée chez les "
                             "personnes atteintes de gonarthrose : essai pragmatique, "
                             "multicentrique, contrôlé randomisé")
    assert details.study_type_hint.study_type == "interventional"


def test_numbered_headings_of_one_style_stay_apart() -> None:
    """Section headings set alike one under the other, each numbered, are two headings; a bare
    number under a numbered heading too ("5 Methods" then "6 Results")."""
    weasyprint = pytest.importorskip("weasyprint")
    body = f"<p>{_BODY}</p>"
    data = weasyprint.HTML(string=(
        "<html lang=en><body style='font-size:9.5pt'><h1 style='font-size:16pt'>Walking "
        "after stroke: a randomised controlled trial of group sessions</h1><h2>Abstract</h2>"
        f"{body}<h2>5.4. Statistical methods</h2><h2>5.4.1. Sample size</h2>{body}"
        f"<h2>5 Methods</h2><h2>6 Results</h2>{body}</body></html>")).write_pdf()
    titles = [section.title for section in extract_document(data, "p.pdf").sections]
    assert {"5.4. Statistical methods", "5.4.1. Sample size", "5 Methods",
            "6 Results"} <= set(titles)


def test_bold_lines_of_body_size_ending_with_a_comma_are_no_heading() -> None:
    """A paragraph set in bold at the body's size, its lines ending on commas, is text: the
    comma goes on to the next line only in a line set larger than the body (a title)."""
    weasyprint = pytest.importorskip("weasyprint")
    body = f"<p>{_BODY}</p>"
    data = weasyprint.HTML(string=(
        "<html lang=en><body style='font-size:9.5pt'><h1 style='font-size:16pt'>Walking "
        "after stroke: a randomised controlled trial of group sessions</h1><h2>Abstract</h2>"
        f"{body}<p><b>Key messages: walking in groups,<br>supervised by physiotherapists,<br>"
        f"Improves balance</b></p>{body}</body></html>")).write_pdf()
    titles = [section.title for section in extract_document(data, "p.pdf").sections]
    assert not any("walking in groups" in title for title in titles)
