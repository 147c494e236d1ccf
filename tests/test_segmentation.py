"""Sentence segmentation and headings on documents as people write them (hard-wrapped text,
hand-written Markdown, citation numbers, abbreviations)."""

from __future__ import annotations

import io

import pytest

from checker.documents import Document, extract_document
from checker.documents.sentences import wrap_width

WRAPPED_TXT = (
    "Mediterranean diet coaching after myocardial infarction: protocol for a randomised\r\n"
    "controlled trial\r\n\r\n"
    "ABSTRACT\r\n\r\n"
    "Methods and analysis: MED-HEART is a two-arm, parallel-group randomised trial in 6\r\n"
    "cardiac rehabilitation centres in Spain and France. The primary outcome is the 14-item\r\n"
    "MEDAS score at 12 months.\r\n\r\n"
    "2.2 Eligibility criteria\r\n\r\n"
    "Inclusion criteria:\r\n\r\n"
    "  - adults aged 18 to 75 years,\r\n"
    "  - hospitalised for a myocardial infarction (type 1) in\r\n"
    "    the previous 3 months.\r\n\r\n"
    "Exclusion criteria:\r\n\r\n"
    "  - severe renal failure\r\n\r\n"
    "2.3 Interventions\r\n\r\n"
    "Participants will receive the standard written advice leaflet of the European\r\n"
    "Society of Cardiology, given by the cardiologist at discharge. No further dietary\r\n"
    "intervention will be provided during the trial. 10 UK dietitians will deliver the\r\n"
    "10 sessions to participants in the intervention group, who are seen every month,\r\n"
    "at each centre.\r\n\r\n"
    "2.5 Schedule of assessments\r\n\r\n"
    "  Visit            Baseline   M3    M6\r\n"
    "  MEDAS               X       X     X\r\n\r\n"
    "2.6 Sample size\r\n\r\n"
    "A difference of 1.0 point in MEDAS (SD 2.5) is considered clinically relevant. With\r\n"
    "alpha = 0.05 (two-sided) and 90% power, 133 patients per group are needed.\r\n"
)


def _texts(doc: Document) -> list[str]:
    return [doc.sentence_text(s) for s in doc.sentences]


def test_hard_wrapped_txt_reads_a_line_break_as_a_space_of_the_paragraph() -> None:
    doc = extract_document(WRAPPED_TXT.encode(), "protocol.txt")
    texts = _texts(doc)
    assert ("The primary outcome is the 14-item\nMEDAS score at 12 months.") in texts
    assert ("No further dietary\nintervention will be provided during the trial.") in texts
    assert ("hospitalised for a myocardial infarction (type 1) in\n    the previous 3 months."
            in texts)
    # a row of a table laid out with spaces stays a line of its own
    assert "MEDAS               X       X     X" in texts
    # a wrapped line that starts with a number is text, not a numbered heading
    assert "10 sessions to participants in the intervention group" not in " ".join(
        s.title for s in doc.sections)


def test_a_typed_text_is_measured_once_for_its_headings_and_its_sentences(monkeypatch) -> None:
    import checker.documents as documents

    widths: list[int | None] = []

    def measured(text: str) -> int | None:
        widths.append(wrap_width(text))
        return widths[-1]

    monkeypatch.setattr(documents, "wrap_width", measured)
    doc = extract_document(WRAPPED_TXT.encode(), "protocol.txt")
    assert len(widths) == 1 and widths[0]
    assert "No further dietary\nintervention will be provided during the trial." in _texts(doc)


def test_label_line_is_a_part_of_its_section_not_a_top_level_section() -> None:
    doc = extract_document(WRAPPED_TXT.encode(), "protocol.txt")
    sections = {s.title: s for s in doc.sections}
    assert sections["Inclusion criteria"].level == sections["2.2 Eligibility criteria"].level + 1
    assert sections["Exclusion criteria"].end == sections["2.3 Interventions"].start
    sample = next(s for s in doc.sentences if doc.sentence_text(s).startswith("A difference"))
    assert sample.section == "2.6 Sample size"


def test_a_txt_written_one_line_per_paragraph_is_not_hard_wrapped() -> None:
    """The benchmark's .txt files hold each paragraph on one long line: read as before."""
    paragraph = ("Participants were randomised by a computer-generated list held by an "
                 "independent statistician, in blocks of four, stratified by centre. ")
    text = "Title of the trial\n\n## Methods\n\n" + "\n\n".join(
        [paragraph * 2, "Short line one\nShort line two\nShort line three", paragraph * 3])
    assert wrap_width(text) is None
    doc = extract_document(text.encode(), "protocol.txt")
    assert "Short line two" in _texts(doc)
    assert wrap_width(WRAPPED_TXT.replace("\r\n", "\n")) is not None


def test_numbered_heading_is_one_heading_sentence() -> None:
    """"1. BACKGROUND" keeps its number: it is its section's title, and a sentence "1." of
    its own (then "BACKGROUND") read as neither heading nor text."""
    text = ("A trial of diet coaching\n\n1. BACKGROUND\n\nDiet matters after an infarction.\n\n"
            "2. Methods and design\n\nThis is a randomised trial.\n\n"
            "2.1. Participants\n\n1. Adults aged 18 to 75 years.\n")
    doc = extract_document(text.encode(), "protocol.txt")
    texts = _texts(doc)
    assert "1." not in texts and "BACKGROUND" not in texts
    for title in ("1. BACKGROUND", "2. Methods and design", "2.1. Participants"):
        heading = doc.sentences[texts.index(title)]
        assert doc.is_heading(heading) and heading.section == title
    assert "Adults aged 18 to 75 years." in texts  # a list item's number is trimmed


def test_docx_numbered_heading_keeps_its_number() -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_heading("1. Introduction", level=1)
    document.add_paragraph("Fatigue is frequent after cancer.")
    buffer = io.BytesIO()
    document.save(buffer)
    doc = extract_document(buffer.getvalue(), "protocol.docx")
    heading = doc.sentences[0]
    assert doc.sentence_text(heading) == "1. Introduction" and doc.is_heading(heading)
    assert doc.text_under(0) == 1


MARKDOWN = (
    "Activité physique adaptée chez les patients dialysés : protocole\n\n"
    "Résumé\n------\n\n"
    "**Contexte.** La fatigue touche 60 à 90 % des patients. L’activité physique adaptée\n"
    "pourrait la réduire. **Méthodes.**\nEssai contrôlé randomisé en deux groupes.\n\n"
    "Méthodes\n========\n\n"
    "### Schéma de l’étude\n\n"
    "Essai contrôlé randomisé, multicentrique.\n\n"
    "**Critères d’inclusion**\n\n- patient adulte ;\n- consentement écrit.\n\n"
    "**Critères de non-inclusion**\n\n1. amputation ;\n2. troubles cognitifs.\n\n"
    "### Éthique\n\n"
    "Le protocole a été approuvé par le CPP Sud-Ouest le 5 décembre\n"
    "2023. Chaque patient donnera son consentement écrit.\n"
    "Financement\nLe projet est financé par le PHRC.\n"
)


def test_markdown_setext_and_bold_headings() -> None:
    doc = extract_document(MARKDOWN.encode(), "protocole.md")
    levels = {s.title: s.level for s in doc.sections}
    assert levels["Résumé"] == 2 and levels["Méthodes"] == 1
    assert levels["Critères d’inclusion"] == levels["Critères de non-inclusion"] == 4
    texts = _texts(doc)
    assert "Résumé" in texts and "Méthodes" in texts  # without the underline
    # A paragraph wholly in bold heads a part, read as the page shows it, without its marks.
    for title in ("Résumé", "Critères d’inclusion", "Critères de non-inclusion"):
        assert doc.is_heading(doc.sentences[texts.index(title)])
    assert doc.sentences[texts.index("troubles cognitifs.")].section == "Critères de non-inclusion"


def test_markdown_wrapped_line_starting_with_a_year_is_no_list_item() -> None:
    doc = extract_document(MARKDOWN.encode(), "protocole.md")
    texts = _texts(doc)
    assert ("Le protocole a été approuvé par le CPP Sud-Ouest le 5 décembre\n2023.") in texts
    assert "amputation ;" in texts and "troubles cognitifs." in texts  # a list's items
    # a usual section name on a line of its own stands alone, even without a blank line
    assert "Financement" in texts and "Le projet est financé par le PHRC." in texts


def test_markdown_bold_run_in_label_starts_a_sentence() -> None:
    doc = extract_document(MARKDOWN.encode(), "protocole.md")
    texts = _texts(doc)
    assert "L’activité physique adaptée\npourrait la réduire." in texts
    # Read as the page shows it, without its marks, the label ends its sentence as a DOCX's
    # bold "Méthodes." does.
    assert texts[texts.index("Méthodes."):][:2] == [
        "Méthodes.", "Essai contrôlé randomisé en deux groupes."]
    assert not any("*" in text for text in texts)


def _split(text: str) -> list[str]:
    doc = extract_document(("Title of the document\n\n" + text).encode(), "a.txt")
    return _texts(doc)[1:]


def test_citation_number_after_the_full_stop_ends_the_sentence() -> None:
    assert _split("Fatigue is frequent in survivors.12 Exercise reduces it.13,14 Adherence is "
                  "poor.") == ["Fatigue is frequent in survivors.12", "Exercise reduces it.13,14",
                               "Adherence is poor."]
    assert _split("Outcome assessors were blinded.[12] Participants were not.") == [
        "Outcome assessors were blinded.[12]", "Participants were not."]
    assert _split("The trial is registered (ISRCTN98765432).1 All participants gave written "
                  "informed consent.")[1] == "All participants gave written informed consent."
    # a number's decimals and an abbreviation's number are no citations
    for text in ("Scores rose from 1.5 to 2.3 Participants said so.", "See Fig.2 Flow chart.",
                 "As in Smith et al.12 Jones found the same."):
        assert len(_split(text)) == 1


def test_closing_guillemet_after_a_space_ends_the_quoted_sentence() -> None:
    assert _split("« Nous avons tout essayé. » Cette phrase résume le vécu des patients.") == [
        "« Nous avons tout essayé. »", "Cette phrase résume le vécu des patients."]
    assert len(_split("« Nous avons tout essayé. » a-t-elle dit.")) == 1


def test_abbreviation_like_sentence_ends() -> None:
    assert _split("Each session lasts 45 min. Chaque séance est encadrée.")[0] == (
        "Each session lasts 45 min.")
    assert _split("Les séances durent 1 h. Elles sont collectives.")[0] == "Les séances durent 1 h."
    assert _split("Walking, cycling, etc. The physiotherapist checked the diary.")[0] == (
        "Walking, cycling, etc.")
    assert _split("It follows the state of the art. Sessions are in groups.")[0] == (
        "It follows the state of the art.")
    assert _split("Participants were allocated to arm A. Those in arm B had usual care.")[0] == (
        "Participants were allocated to arm A.")
    assert _split("Vitamin D was given to group C. Group D received a placebo.")[0] == (
        "Vitamin D was given to group C.")


def test_a_capital_closing_a_hyphenated_name_ends_a_sentence() -> None:
    """"CBT-I." (CBT for insomnia), « TCC-I. », "HAM-D.", "CGI‐I." are no initials: a
    walkthrough's paper read "… components of CBT-I. Therapists were licensed clinical
    psychologists …" as one sentence, quoted for INT12 as the comparator's rationale."""
    assert _split("It was chosen to isolate the components of CBT-I. Therapists were "
                  "licensed clinical psychologists.")[0] == (
        "It was chosen to isolate the components of CBT-I.")
    assert _split("Le groupe contrôle se verra proposer la TCC-I. Les données seront "
                  "pseudonymisées.")[0] == "Le groupe contrôle se verra proposer la TCC-I."
    assert _split("Depression was rated on the HAM-D. Similarly, anxiety was rated.")[0] == (
        "Depression was rated on the HAM-D.")
    assert _split("Improvement was assessed with the CGI\u2010I. Nevertheless, it held.")[0] == (
        "Improvement was assessed with the CGI\u2010I.")
    # A French compound first name's initials stay one: « J.-P. Sartre ».
    assert len(_split("As J.-P. Sartre wrote in 1943.")) == 1


def test_abbreviations_and_initials_do_not_end_a_sentence() -> None:
    for text in ("As Smith et al. Smith said.", "Core exercises, e.g. Pilates and yoga.",
                 "Seen by Dr. Martin today.", "See p. 12 and vs. Control arm.",
                 "M. Dupont a signé.", "See Fig. 2 and No. 3 here.",
                 "Written by J. Smith and A. Martin.", "Selon l'art. L1121-1 du code.",
                 "Conformément à l'art. L. 1121-1 du code de la santé publique.",
                 "Selon les art. R. 1123-20 et L. 1122-2 du code.",
                 "Measured at wk. 4 and wk. 12 and in Sect. 2.3 here."):
        assert len(_split(text)) == 1, text


def test_markdown_html_comments_and_inline_tags_are_read_as_the_page_shows_them() -> None:
    text = ("# Protocole\n\n<!-- Note interne : ## Section cachée, à retirer -->\n\n"
            "## Méthodes\n\nL'essai est randomisé <b>en grappes</b>.<br>Les centres sont "
            "tirés au sort.\n").encode()
    doc = extract_document(text, "wiki.md")
    assert "cachée" not in doc.text and "<b>" not in doc.text
    assert [s.title for s in doc.sections] == ["Protocole", "Méthodes"]
    sentences = [doc.sentence_text(s) for s in doc.sentences]
    assert "L'essai est randomisé en grappes." in sentences
    assert "Les centres sont tirés au sort." in sentences


def test_numbered_criteria_of_a_typed_text_are_list_items_not_headings() -> None:
    text = ("Walking after stroke: protocol\n\n1. Introduction\nStroke is common.\n\n"
            "2. Eligibility criteria\nInclusion criteria:\n1. Adults aged 18 to 70 years\n"
            "2. Able to walk ten metres\nExclusion criteria:\n1. Are pregnant\n"
            "2. Cannot attend weekly classes\n\n3. Interventions\nParticipants will walk.\n")
    doc = extract_document(text.encode(), "protocol.txt")
    titles = [s.title for s in doc.sections]
    assert "1. Introduction" in titles and "3. Interventions" in titles
    assert not any(t.startswith(("1. Adults", "2. Able", "1. Are", "2. Cannot")) for t in titles)
    adults = next(s for s in doc.sentences if "Adults aged" in doc.sentence_text(s))
    assert adults.section in ("Inclusion criteria:", "Inclusion criteria")


def test_text_copied_from_a_pdf_viewer_keeps_its_sentences_whole() -> None:
    """Lines cut where the page's lines ended, no blank line between paragraphs: a line with
    no stop goes on when the next starts in lower case or it ends with a word no sentence
    ends with; headings, tables and column lists stay lines of their own."""
    text = ("Diet protocol\nThe primary outcome is the\nMediterranean Diet Adherence Screener "
            "score at\nsix months. Nurses who collect it will be blinded to\nallocation.\n"
            "Secondary outcomes\nWeight and waist circumference.\n"
            "NPI  Narcissistic Personality Inventory\nn-3  omega-3 fatty acids\n")
    doc = extract_document(text.encode(), "copied.txt")
    sentences = [" ".join(doc.sentence_text(s).split()) for s in doc.sentences]
    assert ("The primary outcome is the Mediterranean Diet Adherence Screener score at six "
            "months.") in sentences
    assert "Nurses who collect it will be blinded to allocation." in sentences
    assert "Secondary outcomes" in sentences
    assert "NPI Narcissistic Personality Inventory" in sentences  # its own line


COPIED = (
    "Mediterranean diet coaching after myocardial infarction: a randomised trial\n"
    "Marie Dupont, Jean Martin, Claire Petit\n"
    "Abstract\n"
    "Background: Adherence to a Mediterranean diet lowers the risk of a new cardiac event,\n"
    "but few patients keep to it after discharge. We will test whether coaching by a\n"
    "dietitian improves adherence at 12 months in adults after a myocardial infarction.\n"
    "Methods: MED-HEART is a two-arm, parallel-group randomised trial in six cardiac\n"
    "rehabilitation centres in Spain and France. Adherence will be validated using the 14-item\n"
    "Mediterranean Diet Adherence Screener at baseline, 3, 6 and 12 months. A research nurse\n"
    "blinded to allocation will measure anxiety with the self-rated French or Spanish Hospital\n"
    "Anxiety and Depression Scale at each of the four visits to the rehabilitation centre.\n"
    "Dietary assessment\n"
    "Participants will complete a three-day food record, checked by a dietitian blinded to\n"
    "allocation, before each visit; the records are entered in the same nutrient software\n"
    "used in all six centres, by a dietitian who does not know the participant's group\n"
    "Eligibility criteria\n"
    "Adults aged 18 to 75 years, hospitalised for a myocardial infarction in the last three\n"
    "- able to give written consent, and to attend the visits in one of the six centres.\n"
    "Visit\tBaseline\tMonth 3\tMonth 6\tMonth 12\tFood record\tMEDAS\tHADS\tWeight\tWaist\n"
    "Nurse\tX\tX\tX\tX\tX\tX\tX\tX\tX\tX\tX\tX\tX\tX\tX\tX\tX\tX\tX\tX\tX\tX\tX\tX\tX\tX\n")


@pytest.mark.parametrize("end", ["", "\n"])
def test_a_line_cut_by_the_page_width_goes_on_before_a_capital(end: str) -> None:
    """Copied from a PDF viewer: a line ending with a number made an adjective ("the
    14-item"), or as wide as the text's full lines, goes on on the next line even when that
    starts with a capital; a short line with no stop (a heading, an author line), a list
    item and a table's rows do not."""
    doc = extract_document((COPIED.rstrip("\n") + end).encode(), "copied.txt")
    texts = [" ".join(doc.sentence_text(s).split()) for s in doc.sentences]
    assert texts[:3] == ["Mediterranean diet coaching after myocardial infarction: a randomised "
                         "trial", "Marie Dupont, Jean Martin, Claire Petit", "Abstract"]
    assert ("Adherence will be validated using the 14-item Mediterranean Diet Adherence "
            "Screener at baseline, 3, 6 and 12 months.") in texts
    assert ("A research nurse blinded to allocation will measure anxiety with the self-rated "
            "French or Spanish Hospital Anxiety and Depression Scale at each of the four visits "
            "to the rehabilitation centre.") in texts
    assert "Dietary assessment" in texts and "Eligibility criteria" in texts
    assert ("Adults aged 18 to 75 years, hospitalised for a myocardial infarction in the last "
            "three") in texts
    assert texts[-2].startswith("Visit") and texts[-1].startswith("Nurse")
