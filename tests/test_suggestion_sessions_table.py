"""A prototypical protocol's table of the sessions' content quoted for its components
(PRO04), and one weekly session with its length quoted as its dose (PRO05), in French and
English (a French psychologist's MBCT protocol, DOCX; its table's header row is in regular
type, unshaded, so it reads as a row like the others)."""

from __future__ import annotations

import io
import re

import docx

from tests.suggestion_support import quotation_texts, quoted, suggest

FR_ROWS = [("Séance", "Thème", "Pratiques principales"),
           ("1", "Le pilote automatique", "Exercice du raisin, scan corporel"),
           ("2", "Faire face aux obstacles", "Scan corporel, méditation sur la respiration"),
           ("3", "Rester présent", "Méditation assise, son et pensées")]
EN_ROWS = [("Session", "Theme", "Main practices"),
           ("1", "Automatic pilot", "Raisin exercise, body scan"),
           ("2", "Dealing with barriers", "Body scan, breathing meditation"),
           ("3", "Staying present", "Sitting meditation, sounds and thoughts")]

FR_INTRO = [("Résumé", "Cette étude évalue la faisabilité d'un programme de thérapie "
             "cognitive basée sur la pleine conscience en groupe de huit séances hebdomadaires "
             "de 2 h 30 pour la dépression récurrente."),
            ("4. Intervention", "Le programme suit le manuel de Segal, Williams et Teasdale. "
             "Il est délivré en groupe de 10 à 12 participants, à raison d'une séance "
             "hebdomadaire de 2 h 30 pendant huit semaines.")]
EN_INTRO = [("Summary", "This study assesses the feasibility of a mindfulness-based "
             "cognitive therapy programme of eight weekly sessions of 2.5 hours for recurrent "
             "depression."),
            ("4. Intervention", "The programme follows the manual by Segal, Williams and "
             "Teasdale. It is delivered to groups of 10 to 12 participants, one 2.5-hour "
             "session a week for eight weeks.")]


def _protocol(intro: list[tuple[str, str]], caption: str,
              rows: list[tuple[str, str, str]], after: str) -> bytes:
    document = docx.Document()
    for heading, text in intro:
        document.add_heading(heading, level=1)
        document.add_paragraph(text)
    document.add_paragraph(caption)
    table = document.add_table(rows=len(rows), cols=3)
    table.style = "Table Grid"
    for i, row in enumerate(rows):
        for j, cell in enumerate(row):
            table.cell(i, j).text = cell
    document.add_paragraph(after)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


FR_DOCX = _protocol(FR_INTRO, "Tableau 1. Contenu des séances du programme", FR_ROWS,
                    "La fidélité sera évaluée par l'enregistrement de deux séances.")
EN_DOCX = _protocol(EN_INTRO, "Table 1 – Session content", EN_ROWS,
                    "Fidelity will be assessed from recordings of two sessions.")


def _prototypical(data: bytes) -> dict:
    return suggest(data, study_type="prototypical", name="protocol.docx")


def test_sessions_table_rows_are_quoted_for_the_components_fr() -> None:
    pro04 = _prototypical(FR_DOCX)["PRO04"]
    assert quoted(pro04, "1 | Le pilote automatique | Exercice du raisin, scan corporel")
    assert not any(text.startswith("Séance | Thème") for text in quotation_texts(pro04))


def test_sessions_table_rows_are_quoted_for_the_components_en() -> None:
    pro04 = _prototypical(EN_DOCX)["PRO04"]
    assert quoted(pro04, "1 | Automatic pilot | Raisin exercise, body scan")
    assert not any(text.startswith("Session | Theme") for text in quotation_texts(pro04))


def test_a_table_under_another_header_is_not_quoted_for_the_components() -> None:
    rows = [("Visite", "Date", "Examens"), ("S0", "Inclusion", "BDI-II, RRS, FFMQ"),
            ("S9", "Fin du programme", "BDI-II, RRS, FFMQ")]
    pro04 = _prototypical(_protocol(FR_INTRO, "Tableau 2. Calendrier", rows, "Fin."))["PRO04"]
    assert not quoted(pro04, "Inclusion | BDI-II")


def test_one_weekly_session_with_its_length_is_the_dose_fr() -> None:
    assert quoted(_prototypical(FR_DOCX)["PRO05"],
                  "à raison d'une séance hebdomadaire de 2 h 30")


def test_one_weekly_session_with_its_length_is_the_dose_en() -> None:
    assert quoted(_prototypical(EN_DOCX)["PRO05"], "one 2.5-hour session a week")


def test_a_weekly_session_without_its_length_is_no_dose() -> None:
    text = ("# Intervention\n\nLa séance hebdomadaire de relaxation porte sur la respiration "
            "et le relâchement musculaire progressif.\n")
    # Not in the invariant's own words (the element "dose" may still read it).
    pro05 = suggest(text, study_type="prototypical")["PRO05"]
    assert not [q for q in pro05.quotations if q.element == "cue"]


def test_a_sessions_table_states_what_the_npi_is_made_of() -> None:
    # Its rows quoted, the justification no longer says the quoted passages do not state
    # what the NPI is made of.
    for data in (FR_DOCX, EN_DOCX):
        assert "components" not in _prototypical(data)["PRO04"].details_missing


def test_rows_under_a_matching_header_to_the_tables_end() -> None:
    from checker.documents.tables import rows_under

    texts = ["Tableau 1. Contenu des séances", "Séance | Thème | Pratiques",
             "1 | Pilote automatique | Raisin", "2 | Obstacles | Scan corporel",
             "La fidélité sera évaluée.", "Visite | Date", "S0 | Inclusion"]
    assert rows_under(texts, re.compile(r"^séance\b.*\|.*\bthème", re.IGNORECASE)) == [2, 3]
