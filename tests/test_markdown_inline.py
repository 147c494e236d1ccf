"""A Markdown document reads as the page shows it: its quotations hold no emphasis marks
(« **Méthode.** Étude de cohorte … » was quoted with its asterisks), no backticks and no
link addresses, while its headings, its run-in back matter and its verbatim checks stay."""

from __future__ import annotations

import pytest
from suggestion_support import suggest

from checker.documents import extract_document
from checker.documents.markdown_inline import plain_markdown
from checker.evidence.quotes import verify_quotation


@pytest.mark.parametrize(("marked", "plain"), [
    ("**Méthode.** Étude de cohorte *prospective* et _multicentrique_.",
     "Méthode. Étude de cohorte prospective et multicentrique."),
    ("**Methods.** A *prospective* cohort, __multicentre__ and ***open***.",
     "Methods. A prospective cohort, multicentre and open."),
    ("**Outcomes, *primary* and secondary**", "Outcomes, primary and secondary"),
    ("Scored with `PHQ-9` and ``the `raw` score``.", "Scored with PHQ-9 and the `raw` score."),
    ("See [the protocol](https://example.org/a_b_(c) \"title\") and ![flow](flow.png).",
     "See the protocol and flow."),
    ("Cited as [[12]](#ref-12), [13] and <https://osf.io/a_b>.",
     "Cited as [12], [13] and https://osf.io/a_b."),
    ("Registered at [ClinicalTrials.gov][ctg].\n\n[ctg]: https://clinicaltrials.gov",
     "Registered at ClinicalTrials.gov.\n\n[ctg]: https://clinicaltrials.gov"),
    # What is not a mark stays: escapes, words with underscores, lone or spaced asterisks,
    # a list's bullets, a fenced block.
    (r"An \*escaped\* star", "An *escaped* star"),
    ("file_name_v2 and NCT_01 and snake_case", "file_name_v2 and NCT_01 and snake_case"),
    ("Age*, BMI* and p < 0.05*; 3 * 4 * 5", "Age*, BMI* and p < 0.05*; 3 * 4 * 5"),
    ("* first **item**\n* second item", "* first item\n* second item"),
    ("```\n**kept** as typed\n```\nthen **bold**", "```\n**kept** as typed\n```\nthen bold"),
    # Emphasis never runs over a blank line or into the next list item.
    ("**open\n\nclosed**", "**open\n\nclosed**"),
    ("- *one\n- two*", "- *one\n- two*"),
])
def test_inline_marks_are_read_as_shown(marked: str, plain: str) -> None:
    assert plain_markdown(marked).text == plain


def test_what_the_bold_marks_told_is_kept_in_the_plain_text_s_offsets() -> None:
    read = plain_markdown("Text *here*.\n\n**Funding.** Ligue.\n\n**Critères d'inclusion**\n")
    assert read.text == "Text here.\n\nFunding. Ligue.\n\nCritères d'inclusion\n"
    assert read.run_in == [(12, "Funding")]
    assert read.bold_lines == frozenset({29})


PAPER = {
    "fr": ("# Activité physique et fatigue après un cancer : une étude de cohorte\n\n"
           "## Méthodes\n\n"
           "**Méthode.** Étude de cohorte *prospective* menée dans `trois` centres "
           "[(voir le registre)](https://example.org).\n\n"
           "**Critères d'inclusion**\n\n- adultes de 18 à 70 ans ;\n- consentement écrit.\n\n"
           "## Discussion\n\nLa fatigue a diminué.\n\n"
           "**Financement.** Cette étude a été financée par la Ligue contre le cancer.\n"),
    "en": ("# Physical activity and fatigue after cancer: a cohort study\n\n"
           "## Methods\n\n"
           "**Design.** A *prospective* cohort study run in `three` centres "
           "[(see the registry)](https://example.org).\n\n"
           "**Inclusion criteria**\n\n- adults aged 18 to 70;\n- written consent.\n\n"
           "## Discussion\n\nFatigue decreased.\n\n"
           "**Funding.** This study was funded by the Ligue contre le cancer.\n"),
}
COHORT = {"fr": "Étude de cohorte prospective menée dans trois centres (voir le registre).",
          "en": "A prospective cohort study run in three centres (see the registry)."}
CRITERIA = {"fr": "Critères d'inclusion", "en": "Inclusion criteria"}
FUNDING = {"fr": "Financement", "en": "Funding"}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_markdown_document_reads_as_shown_with_its_headings(lang: str) -> None:
    doc = extract_document(PAPER[lang].encode(), "paper.md")
    texts = [doc.sentence_text(s) for s in doc.sentences]
    assert COHORT[lang] in texts
    assert not any(mark in doc.text for mark in ("**", "`", "](", "*p"))
    # A paragraph wholly in bold still heads a part, a bold run-in label the back matter.
    heading = next(s for s in doc.sentences if doc.sentence_text(s) == CRITERIA[lang])
    assert doc.is_heading(heading)
    assert [s.title for s in doc.sections][-1] == FUNDING[lang]
    assert doc.sections[-1].level == 2
    assert next(s for s in doc.sentences if "Ligue" in doc.sentence_text(s)).section \
        == FUNDING[lang]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_markdown_document_s_quotations_hold_no_marks(lang: str) -> None:
    suggestions = suggest(PAPER[lang], study_type="observational", kind="paper",
                          name="paper.md")
    doc = extract_document(PAPER[lang].encode(), "paper.md")
    quotations = [q.text for s in suggestions.values() for q in s.quotations]
    assert quotations and not any("**" in q or "`" in q for q in quotations)
    assert all(verify_quotation(doc.text, q) for q in quotations)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_quotation_taken_with_its_marks_before_is_still_found(lang: str) -> None:
    """A quotation stored from the text read with its marks (« **Méthode.** Étude … ») is
    found in the text read without them, where quotations are looked for leniently (the
    document page, the comparison of two versions); the letters still have to match."""
    from checker.evidence.quotes import locate_quotation

    doc = extract_document(PAPER[lang].encode(), "paper.md")
    line = next(line for line in PAPER[lang].splitlines() if "`" in line)
    stored = line[:line.index(" [")]  # "**Méthode.** Étude de cohorte *prospective* … `trois` …"
    assert stored.startswith("**") and not verify_quotation(doc.text, stored)
    span = locate_quotation(doc.text, stored, tolerant_whitespace=True)
    assert span is not None and doc.text[span[0]:span[1]].startswith(("Méthode.", "Design."))
    assert locate_quotation(doc.text, stored.replace("c", "k"), tolerant_whitespace=True) is None


MARKDOWN_TABLE = """# Protocole

## Critères de jugement

| Critère | Mesure | Temps de mesure |
|---|:---:|---|
| Seuil de douleur à la pression | Algomètre | Avant et après chaque séance |

Résultats attendus
---

Les mesures seront faites par un évaluateur en aveugle.
"""


def test_a_markdown_table_header_row_is_known_as_such():
    """The row above a Markdown table's delimiter row names its columns (« | Critère | Mesure |
    Temps de mesure | » was MEC07's first quotation): never quoted, its body rows still are."""
    document = extract_document(MARKDOWN_TABLE.encode("utf-8"), "protocole.md")
    headers = [document.sentence_text(s) for s in document.sentences
               if document.is_table_header(s)]
    assert headers == ["| Critère | Mesure | Temps de mesure |"]
    body = next(s for s in document.sentences if "Algomètre" in document.sentence_text(s))
    assert not document.is_table_header(body)


def test_a_plain_text_table_and_a_setext_heading_have_no_header_row():
    """A plain text's pipes are its author's (the element model was trained on plain texts
    read without header rows), and "Résultats attendus" over "---" is a heading, no table."""
    plain = extract_document(MARKDOWN_TABLE.encode("utf-8"), "protocole.txt")
    assert plain.table_headers == []
    setext = extract_document(b"Resultats attendus\n---\n\nText follows here.\n", "p.md")
    assert setext.table_headers == []
