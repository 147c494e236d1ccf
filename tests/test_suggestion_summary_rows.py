"""A summary table's two-cell row ("Ethics approval | Approved by …", « Avis éthique | Avis
favorable … ») labels what a sentence of the text states in full: where both say it, the
sentence is quoted first, the row after it (still quoted), as a caption is; where no sentence
says it, the row is quoted. A protocol's summary table on its first page came before the
body sentence it restates."""

from __future__ import annotations

import io

import pytest
from suggestion_support import first_quotation, quotation_texts, suggest

from checker.documents.tables import in_cells

ROWS = {
    "en": [("Trial registration", "NCT01234567, registered on 3 March 2024"),
           ("Ethics approval", "Approved by the regional ethics committee on 2 February 2024"),
           ("Interventionists", "Sessions delivered by qualified physiotherapists with three "
                                "years of experience"),
           ("Process evaluation", "Barriers and facilitators of implementation explored in "
                                  "interviews with staff")],
    "fr": [("Enregistrement", "NCT01234567, enregistré le 3 mars 2024"),
           ("Avis éthique", "Avis favorable du comité de protection des personnes le "
                            "2 février 2024"),
           ("Intervenants", "Séances dispensées par des masseurs-kinésithérapeutes diplômés "
                            "d'État ayant trois années d'expérience"),
           ("Évaluation de processus", "Freins et leviers de la mise en œuvre explorés par "
                                       "des entretiens avec les équipes")],
}
BODY = {
    "en": ("Walking for health: a randomised controlled trial protocol", "Table 1 Trial summary",
           "Methods", "Study procedures",
           "Participants attend twelve weekly group walking sessions of 60 minutes. The "
           "sessions are delivered by qualified physiotherapists with three years of "
           "experience. Barriers and facilitators of implementation are explored in "
           "semi-structured interviews with the staff of each site.", "Governance",
           "The protocol was approved by the regional ethics committee on 2 February 2024."),
    "fr": ("Marcher pour la santé : protocole d'essai contrôlé randomisé",
           "Tableau 1 Résumé de l'essai", "Méthodes", "Déroulement de l'étude",
           "Les participants suivent douze séances hebdomadaires de marche en groupe de 60 "
           "minutes. Les séances sont dispensées par des masseurs-kinésithérapeutes diplômés "
           "d'État ayant trois années d'expérience. Les freins et leviers de la mise en œuvre "
           "sont explorés par des entretiens semi-directifs avec les équipes de chaque site.",
           "Gouvernance",
           "Le protocole a reçu un avis favorable du comité de protection des personnes le "
           "2 février 2024."),
}


def _protocol(lang: str, body: bool = True) -> bytes:
    docx = pytest.importorskip("docx")
    title, caption, methods, procedures, delivery, governance, approval = BODY[lang]
    document = docx.Document()
    document.add_heading(title, 0)
    document.add_paragraph(caption)
    table = document.add_table(rows=len(ROWS[lang]), cols=2)
    for row, cells in zip(table.rows, ROWS[lang], strict=True):
        row.cells[0].text, row.cells[1].text = cells
    if body:
        document.add_heading(methods, 1)
        document.add_heading(procedures, 2)
        document.add_paragraph(delivery)
        document.add_heading(governance, 2)
        document.add_paragraph(approval)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_body_sentence_comes_before_the_summary_row(lang) -> None:
    document = _protocol(lang)
    suggestions = {**suggest(document, lang, name="protocol.docx"),
                   **suggest(document, lang, study_type="implementation", name="protocol.docx")}
    _, _, _, _, procedures, _, approval = BODY[lang]
    _, delivery, barriers = procedures.split(". ")
    for invariant, sentence, label in (("E01", approval, ROWS[lang][1][0]),
                                       ("E12", f"{delivery}.", ROWS[lang][2][0]),
                                       ("IMP08", barriers, ROWS[lang][3][0])):
        quoted = quotation_texts(suggestions[invariant])
        assert first_quotation(suggestions[invariant]) == sentence, (invariant, quoted)
        # The row is not dropped: it comes after the sentence.
        assert any(q.startswith(f"{label} | ") for q in quoted[1:]), quoted


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_row_no_sentence_restates_is_quoted(lang) -> None:
    suggestions = suggest(_protocol(lang, body=False), lang, name="protocol.docx")
    assert first_quotation(suggestions["E01"]).startswith(f"{ROWS[lang][1][0]} | "), \
        quotation_texts(suggestions["E01"])


def test_a_row_in_cells() -> None:
    assert in_cells("Ethics approval | Approved by the committee")
    assert in_cells("Informed consent | X |  | X")
    assert not in_cells("Participants (n = 40) were randomised 1:1.")
    assert not in_cells("The |x| notation")
