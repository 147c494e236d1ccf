"""An abstract set under a bold run-in label of its name ("**Abstract.** **Background:** …",
« **Résumé.** … ») is read as under its heading, in PDF, DOCX and Markdown: its paragraphs are
in an "Abstract" (« Résumé ») section up to the body's first heading, the label is a heading
(no evidence), and a "Summary." label further on heads nothing."""

from __future__ import annotations

import io

import pytest

from checker.documents import extract_document

TITLE = {"en": "Group mindfulness-based cognitive therapy for recurrent depression: a "
               "randomised controlled trial",
         "fr": "Thérapie cognitive basée sur la pleine conscience en groupe pour la dépression "
               "récurrente : un essai randomisé"}
AUTHORS = "Sophie Laurent, Marc Dubreuil, Claire Fontaine"
NAME = {"en": "Abstract", "fr": "Résumé"}
PARTS = {
    "en": [("Background:", "Mindfulness-based cognitive therapy prevents depressive relapse."),
           ("Methods:", "In this two-arm randomised controlled trial, 148 adults in remission "
                        "were randomly assigned to group therapy or usual care."),
           ("Results:", "Relapse occurred in 23 of 74 participants in the therapy group."),
           ("Funding:", "French Ministry of Health.")],
    "fr": [("Contexte\u00a0:", "La thérapie cognitive basée sur la pleine conscience prévient "
                               "les rechutes dépressives."),
           ("Méthodes\u00a0:", "Dans cet essai randomisé à deux bras, 148 adultes en rémission "
                               "ont été répartis entre la thérapie et les soins habituels."),
           ("Résultats\u00a0:", "Une rechute est survenue chez 23 des 74 participants du "
                                "groupe de thérapie."),
           ("Financement\u00a0:", "Ministère de la Santé.")],
}
BODY = {"en": ("Introduction", "Depression is a leading cause of disability worldwide."),
        "fr": ("Introduction", "La dépression est une cause majeure d'incapacité.")}


def _section_of(doc, needle: str) -> str:
    # A PDF's lines are wrapped anywhere: words compared one space apart.
    return next(s.section for s in doc.sentences
                if needle in " ".join(doc.sentence_text(s).split()))


def _assert_abstract(doc, lang: str, label_alone: bool = True) -> None:
    name = NAME[lang]
    for _, text in PARTS[lang]:
        assert _section_of(doc, text[:25]) == name, text
    assert _section_of(doc, AUTHORS) != name
    assert _section_of(doc, BODY[lang][1]) == "Introduction"
    # The label is the abstract's heading, no evidence of anything; its text is as written
    # (Markdown's "**Abstract.** **Background:** …" is one sentence, as "**Funding.** …" is).
    if label_alone:
        label = next(s for s in doc.sentences if doc.sentence_text(s).strip() == f"{name}.")
        assert doc.is_heading(label)
    abstract = next(s for s in doc.sections if s.title == name)
    assert abstract.end == next(s.start for s in doc.sections if s.title == "Introduction")
    # "Funding:" inside the abstract is one of its parts: no back-matter section.
    assert [s.title for s in doc.sections].count(name) == 1
    assert not any(s.title in ("Funding", "Financement") for s in doc.sections)


def _pdf(html: str) -> bytes:
    weasyprint = pytest.importorskip("weasyprint")
    return weasyprint.HTML(string=html).write_pdf()


def _html(lang: str, abstract: str, body: str = "") -> str:
    heading, text = BODY[lang]
    return (f'<html lang="{lang}"><body style="font-size: 10pt"><h1>{TITLE[lang]}</h1>'
            f"<p>{AUTHORS}</p>{abstract}<h2>{heading}</h2><p>{text}</p>{body}</body></html>")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_pdf_run_in_abstract_label_opens_the_abstract(lang: str) -> None:
    # As the walkthrough's paper: the label, then the parts' own bold labels, in one block.
    parts = " ".join(f"<b>{label}</b> {text}" for label, text in PARTS[lang])
    abstract = f"<div><b>{NAME[lang]}.</b> {parts}</div>"
    _assert_abstract(extract_document(_pdf(_html(lang, abstract)), "paper.pdf"), lang)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_pdf_unstructured_abstract_of_two_paragraphs(lang: str) -> None:
    first, *others = PARTS[lang]
    abstract = (f"<p><b>{NAME[lang]}.</b> {first[1]}</p>"
                f"<p>{' '.join(text for _, text in others)}</p>")
    _assert_abstract(extract_document(_pdf(_html(lang, abstract)), "paper.pdf"), lang)


def _docx(lang: str) -> bytes:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_heading(TITLE[lang], level=0)
    document.add_paragraph(AUTHORS)
    paragraph = document.add_paragraph()
    paragraph.add_run(f"{NAME[lang]}.").bold = True
    for label, text in PARTS[lang]:
        paragraph.add_run(f" {label}").bold = True
        paragraph.add_run(f" {text}")
    heading, text = BODY[lang]
    document.add_heading(heading, level=1)
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_docx_and_markdown_run_in_abstract_label(lang: str) -> None:
    _assert_abstract(extract_document(_docx(lang), "paper.docx"), lang)
    parts = " ".join(f"**{label}** {text}" for label, text in PARTS[lang])
    heading, text = BODY[lang]
    markdown = (f"# {TITLE[lang]}\n\n{AUTHORS}\n\n**{NAME[lang]}.** {parts}\n\n"
                f"## {heading}\n\n{text}\n")
    _assert_abstract(extract_document(markdown.encode(), "paper.md"), lang, label_alone=False)


def test_summary_label_in_the_body_heads_nothing() -> None:
    body = ("<h2>Discussion</h2><p>The trial was conducted in a single centre.</p>"
            "<p><b>Summary.</b> Group therapy reduced relapse over twelve months.</p>")
    doc = extract_document(_pdf(_html("en", "", body)), "paper.pdf")
    assert _section_of(doc, "reduced relapse over twelve") == "Discussion"
    assert not any(s.title == "Summary" for s in doc.sections)
