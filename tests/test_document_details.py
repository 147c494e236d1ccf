"""Details read from a document to pre-fill a new assessment: title, kind, language, trial
registration number, country and a study type hint, each by a rule that holds or leaves the
detail empty; and the merge with what the person typed (services/document_details.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx_support import docx_bytes

from checker.documents import Document, extract_document
from checker.evidence.stated_details import (
    country_code,
    document_title,
    read_details,
    registration_number,
    study_type_hint,
)
from checker.services.countries import country_name
from checker.services.document_details import (
    HINT_TYPE,
    HINT_WORDS,
    dump_readings,
    parse_readings,
    prefill,
    readings_of,
)

DATA = Path(__file__).parent / "data"

ENGLISH_PROTOCOL = """\
Supervised walking after stroke: protocol for a randomised controlled trial (WALK)

Abstract

Background: walking is good for people after a stroke. Methods: we will randomise 120 adults
to supervised walking or usual care. Trial registration: ClinicalTrials.gov NCT01234567,
registered on 1 March 2024.

Methods

The trial will take place in three hospitals in France. Participants will be randomised in
blocks of four and will be followed for six months. Outcomes will be assessed by physiotherapists
who will not know the allocation. The primary outcome will be the six-minute walk distance.

Discussion

A similar trial in the United Kingdom will help us compare the results.
"""


def doc(text: str, name: str = "protocol.txt"):
    return extract_document(text.encode(), name)


def test_an_english_protocol_gives_its_title_kind_language_reference_and_country() -> None:
    details = read_details(doc(ENGLISH_PROTOCOL))
    assert details.title == ("Supervised walking after stroke: protocol for a randomised "
                             "controlled trial (WALK)")
    assert (details.document_kind, details.language) == ("protocol", "en")
    assert details.reference == "NCT01234567"
    # The United Kingdom is named in the discussion only: another trial, not this one's.
    assert details.country == "FR"
    assert details.study_type_hint.study_type == "interventional"
    assert details.study_type_hint.words == "randomised controlled trial"


@pytest.mark.parametrize("name, title, kind, reference, study_type, country", [
    ("article_etp_fr.md", "Effet d'un programme d'éducation thérapeutique sur l'équilibre "
     "glycémique des patients diabétiques de type 2 : essai contrôlé randomisé", "paper",
     "NCT04567890", "interventional", ""),
    ("protocole_apa_fr.md", "Efficacité d'un programme d'activité physique adaptée chez les "
     "patients atteints de lombalgie chronique : protocole d'un essai contrôlé randomisé "
     "multicentrique (APALOMB)", "protocol", "NCT01234567", "interventional", "FR"),
    ("cohorte_observationnelle_fr.md", None, "paper", "", "observational", "FR"),
    ("protocole_implementation_fr.md", None, "protocol", "", "implementation", ""),
    ("protocole_mecanistique_fr.md", None, "protocol", "NCT06123456", "mechanistic", "FR"),
    ("programme_prototypique_fr.md", None, "paper", "", "prototypical", ""),
])
def test_french_documents(name, title, kind, reference, study_type, country) -> None:
    document = extract_document((DATA / name).read_bytes(), name)
    details = read_details(document)
    first_line = (DATA / name).read_text(encoding="utf-8").splitlines()[0]
    assert details.title == (title or first_line.removeprefix("# "))
    assert (details.document_kind, details.language, details.reference) == (
        kind, "fr", reference)
    assert details.study_type_hint.study_type == study_type
    # Each of them names France, if at all, in its background only ("en France"); three name
    # a Comité de protection des personnes (a French body) in their own report.
    assert details.country == country


def test_a_french_setting_gives_the_country() -> None:
    text = ("Marche nordique et BPCO : protocole d'un essai randomisé\n\n## Méthodes\n\n"
            "L'étude sera menée en France, dans six centres de réadaptation. Les participants "
            "seront répartis au hasard dans deux groupes et suivis pendant un an.\n")
    assert country_code(doc(text, "protocole.md")) == "FR"


def test_a_docx_title_in_the_title_style() -> None:
    data = docx_bytes([
        ("Version 2, 12 March 2024", None),
        ("Tai chi for fall prevention in older adults: a cluster randomised trial", "Title"),
        ("Methods", "Heading 1"),
        ("Care homes in Australia will be randomised to tai chi classes or usual activities. "
         "Falls will be recorded by staff for twelve months in every home.", None),
        ("The trial was registered with ANZCTR (ACTRN12624000123456).", None),
    ])
    details = read_details(extract_document(data, "protocol.docx"))
    assert details.title == ("Tai chi for fall prevention in older adults: a cluster randomised "
                             "trial")
    assert details.reference == "ACTRN12624000123456"
    assert details.country == "AU"


def _pdf(html: str) -> bytes:
    weasyprint = pytest.importorskip("weasyprint")
    return weasyprint.HTML(string=html).write_pdf()


def test_a_pdf_title_is_its_largest_heading_not_the_journal_header() -> None:
    data = _pdf("<html lang=en><body><p style='font-size:8pt'>Trials 2024, 25:123</p>"
                "<p><b>STUDY PROTOCOL</b> Open Access</p>"
                "<h1>Supervised walking after stroke: protocol for a randomised controlled "
                "trial (WALK)</h1><p>Jane Doe, John Smith</p><h2>Abstract</h2>"
                "<p>Background: walking helps. Methods: we will randomise 120 adults. Trial "
                "registration: ISRCTN12345678, registered on 1 March 2024.</p>"
                "<h2>Methods</h2><p>The trial will take place in three hospitals across the "
                "UK. Participants will be randomised and will be followed for a year.</p>"
                "</body></html>")
    details = read_details(extract_document(data, "walk.pdf"))
    assert details.title == ("Supervised walking after stroke: protocol for a randomised "
                             "controlled trial (WALK)")
    assert (details.reference, details.country) == ("ISRCTN12345678", "GB")


def test_a_pdf_without_a_heading_gives_no_title() -> None:
    """A PDF's first line may be a journal's name or a licence: without typography to tell
    its title, none is given."""
    data = _pdf("<html lang=en><body><p>Trials 2024, 25:123 and more words here</p>"
                "<p>Participants will be randomised. They will walk.</p></body></html>")
    assert document_title(extract_document(data, "plain.pdf")) == ""


@pytest.mark.parametrize("text", [
    "Abstract\n\nParticipants will be randomised.\n",  # a section name
    "Protocol v2\n\nParticipants will be randomised.\n",  # too short to name a study
    "Participants will be randomised to walking.\n\nThey will walk.\n",  # a sentence
    "Participants will be randomised. They will walk.\n\nMore text.\n",  # running text
    "2.1 Study design and setting\n\nParticipants will be randomised.\n",  # numbered heading
])
def test_what_is_no_title(text: str) -> None:
    assert document_title(doc(text)) == ""


@pytest.mark.parametrize("kind_heading", ["Protocole de recherche", "Study protocol",
                                          "Protocole de l'essai clinique",
                                          "Clinical trial protocol"])
def test_a_heading_naming_the_kind_of_document_is_not_the_title(kind_heading: str) -> None:
    """« # Protocole de recherche » over the study's own title (a French fMRI protocol in
    Markdown): the form was filled with « Protocole de recherche »."""
    text = (f"# {kind_heading}\n\n## MOBI-IRM : substrats cérébraux de l'hypoalgésie induite "
            "par la mobilisation vertébrale\n\n**Version 1.2 du 3 novembre 2026**\n\n"
            "## 1. Justification\n\nLa lombalgie chronique est fréquente.\n")
    assert document_title(doc(text, "p.md")) == (
        "MOBI-IRM : substrats cérébraux de l'hypoalgésie induite par la mobilisation vertébrale")


def test_a_title_naming_its_kind_among_other_words_is_kept() -> None:
    assert document_title(doc("# Protocole de recherche MOBI-IRM en IRM fonctionnelle\n\n"
                              "Texte.\n", "p.md")) == (
        "Protocole de recherche MOBI-IRM en IRM fonctionnelle")


def test_a_title_label_and_markup_are_left_out() -> None:
    assert document_title(doc("**Title: Walking after stroke, a trial**\n\nMore text.\n",
                              "p.md")) == "Walking after stroke, a trial"


@pytest.mark.parametrize("sentence, expected", [
    ("Registered at ClinicalTrials.gov (NCT01234567).", "NCT01234567"),
    ("Registered at ClinicalTrials.gov (NCT 01234567).", "NCT 01234567"),  # as written
    ("The grant NCT012345678 funds the trial.", ""),  # nine digits: no NCT number
    ("ISRCTN registry: ISRCTN 12345678.", "ISRCTN 12345678"),
    ("EudraCT number 2019-001234-56.", "EudraCT 2019-001234-56"),
    ("EU CT number: 2023-503456-12-00.", "EU CT 2023-503456-12-00"),
    ("German Clinical Trials Register DRKS00012345.", "DRKS00012345"),
    ("Registered with ChiCTR2000012345 in 2020.", "ChiCTR2000012345"),
    ("Registered as ChiCTR-IOR-17012345.", "ChiCTR-IOR-17012345"),
    ("L'étude a reçu le numéro ID-RCB 2024-A01234-56.", "ID-RCB 2024-A01234-56"),
    ("Registered UMIN000012345.", "UMIN000012345"),
    ("Registered with CTRI/2020/05/025123.", "CTRI/2020/05/025123"),
    ("Registered PACTR202001123456789.", "PACTR202001123456789"),
    # Every other WHO ICTRP primary registry, as papers write them.
    ("The trial was registered in the Netherlands Trial Register (NTR4567) on 2 May 2014.",
     "NTR4567"),
    ("Trial registration: Netherlands Trial Register, NL7154, registered 26 June 2018.",
     "NL7154"),
    ("The study is registered in the Overview of Medical Research in the Netherlands "
     "(NL-OMON52345).", "NL-OMON52345"),
    ("Trial registration: Iranian Registry of Clinical Trials IRCT20180101038164N1.",
     "IRCT20180101038164N1"),
    ("The protocol was registered at IRCT (IRCT2015030321312N1).", "IRCT2015030321312N1"),
    ("Registered in the Japan Registry of Clinical Trials (jRCTs031180123).",
     "jRCTs031180123"),
    ("jRCT registration number: jRCT1031200456.", "jRCT1031200456"),
    ("Registered with JapicCTI-183456.", "JapicCTI-183456"),
    ("Registered with the JMA Center for Clinical Trials (JMA-IIA00123).", "JMA-IIA00123"),
    ("Clinical Research Information Service of Korea, KCT0003456.", "KCT0003456"),
    ("Thai Clinical Trials Registry: TCTR20200101001.", "TCTR20200101001"),
    ("Registered at the Sri Lanka Clinical Trials Registry, SLCTR/2019/012.",
     "SLCTR/2019/012"),
    ("Registro Brasileiro de Ensaios Clínicos (ReBEC) RBR-3yygq9.", "RBR-3yygq9"),
    ("Registered in ReBEC under RBR-10x7bqpk.", "RBR-10x7bqpk"),
    ("Registered in the Cuban Public Registry of Clinical Trials (RPCEC00000123).",
     "RPCEC00000123"),
    ("El ensayo fue registrado en REPEC con el código PER-012-19.", "PER-012-19"),
    ("Lebanese Clinical Trials Registry: LBCTR2020043495.", "LBCTR2020043495"),
    ("Registered with ITMCTR2024000123.", "ITMCTR2024000123"),
    ("EU Clinical Trials Register: EUCTR2019-001234-56-FR.", "EUCTR2019-001234-56-FR"),
    ("L'essai est enregistré dans le registre néerlandais sous le numéro NTR4567.",
     "NTR4567"),
    ("L'essai est enregistré sur le registre iranien (IRCT20190212042645N2).",
     "IRCT20190212042645N2"),
])
def test_registration_numbers(sentence: str, expected: str) -> None:
    text = f"A walking trial for older adults\n\n## Methods\n\nParticipants will walk. {sentence}\n"
    assert registration_number(doc(text, "p.md")) == expected


@pytest.mark.parametrize("sentence", [
    # Almost a registry's number: a digit short or too many, or another kind of number.
    "Registered as NCT0123456.",
    "Registered as KCT000345.",
    "Registered as TCTR2020010100.",
    "Registered as jRCTs03118012.",
    "The trial will be registered with IRCT20180101038164.",  # no serial ("N1") yet
    "The CCMO approved the study (NL12345.078.17).",  # an ethics file number, no registry
    "Site NL123456 recruited most participants.",
    "The RBR-scale was completed at baseline.",  # no number at all
    "Its SLCTR/2019 number will follow.",
    "Grant PER-2019-12 funded the trial.",
    "The study ran from 2019-2021 with grant 2019-00123.",
    "Participants walked 12345678 steps in total, 20200101001 seconds.",
])
def test_what_is_no_registration_number(sentence: str) -> None:
    text = f"A walking trial for older adults\n\n## Methods\n\nParticipants will walk. {sentence}\n"
    assert registration_number(doc(text, "p.md")) == ""


def test_a_public_registry_of_any_country_before_a_french_authorisation() -> None:
    text = ("Essai de marche chez la personne âgée\n\n## Méthodes\n\nL'étude a reçu le "
            "numéro ID-RCB 2024-A01234-56. Elle est aussi enregistrée sur le registre "
            "brésilien (RBR-3yygq9).\n")
    assert registration_number(doc(text, "p.md")) == "RBR-3yygq9"


def test_a_registration_number_broken_over_two_lines_of_a_pdf_is_read_whole() -> None:
    """A PDF's line may end within a number, at one of its hyphens or at its space: the
    number is read whole, and still only from the study's own report."""
    def pdf_with(registration: str) -> Document:
        return extract_document(_pdf(
            "<html lang=en><body><h1>Walking after stroke: a pilot study</h1><h2>Background"
            "</h2><p>An earlier study (ID-RCB 2019-<br>A00001-11) found that walking helps.</p>"
            "<h2>Methods</h2><p>The study was conducted in France and registered under "
            f"{registration} on 2 December 2022.</p></body></html>"), "walk.pdf")

    document = pdf_with("the number ID-RCB 2022-<br>A01234-56")
    assert "2022-\nA01234-56" in document.text  # as the page shows it
    assert registration_number(document) == "ID-RCB 2022-A01234-56"
    assert registration_number(pdf_with("ISRCTN<br>12345678")) == "ISRCTN 12345678"
    assert registration_number(pdf_with("a number to come")) == ""  # not the background's


def test_the_first_registration_number_outside_the_background_and_references() -> None:
    text = ("A walking trial for older adults\n\n## Background\n\nAn earlier trial "
            "(NCT09999999) found walking helps.\n\n## Methods\n\nThis trial is registered as "
            "ISRCTN12345678 and NCT01234567.\n\n## References\n\n1. Doe J. A trial. "
            "NCT08888888.\n")
    assert registration_number(doc(text, "p.md")) == "ISRCTN12345678"
    only_elsewhere = text.replace("ISRCTN12345678 and NCT01234567", "pending")
    assert registration_number(doc(only_elsewhere, "p.md")) == ""


def test_a_public_registration_number_before_a_national_authorisation() -> None:
    """A French protocol gives its ID-RCB (an authorisation, looked up nowhere) before its
    ClinicalTrials.gov number: the reference is the number a reader can look up."""
    text = ("Essai de marche chez la personne âgée\n\n## Méthodes\n\nL'étude a reçu le "
            "numéro ID-RCB 2024-A01234-56. Elle est enregistrée sur ClinicalTrials.gov "
            "(NCT01234567).\n")
    assert registration_number(doc(text, "p.md")) == "NCT01234567"
    alone = text.replace(" Elle est enregistrée sur ClinicalTrials.gov (NCT01234567).", "")
    assert registration_number(doc(alone, "p.md")) == "ID-RCB 2024-A01234-56"


@pytest.mark.parametrize("sentence, expected", [
    ("Participants will be recruited in France.", "FR"),
    ("Participants will be recruited in the Netherlands.", "NL"),
    ("Participants will be recruited across England and Wales.", "GB"),
    ("Les participants seront recrutés aux États-Unis.", "US"),
    ("Participants will be recruited in Papua New Guinea.", "PG"),
    ("Participants will be recruited in France and Belgium.", ""),  # two countries
    ("Participants will be recruited in Georgia.", ""),  # a state as often as a country
    ("Participants will be recruited in three hospitals.", ""),  # no country named
    # A country after a place, set off by a comma or in brackets.
    ("Participants will be recruited in the Lyon metropolitan area, France.", "FR"),
    ("The trial was performed at St. Olavs Hospital, in Trondheim, Norway.", "NO"),
    ("Setting: primary health care centres in Catalonia (Spain).", "ES"),
    ("Participants were recruited in London, Ontario, Canada.", "CA"),
    ("In three hospitals in Lyon, France, 120 adults were randomised.", "FR"),
    ("Les participants seront recrutés dans la métropole lyonnaise (France).", "FR"),
    ("L'étude se déroulera au CHU de Lyon, France.", "FR"),
    ("Participants will be recruited in Lyon (France) and Geneva (Switzerland).", ""),
    # No place: a year or a phrase before the comma; a country not alone in its brackets.
    ("In 2019, France introduced a falls prevention programme.", ""),
    ("In addition, France has a national registry of falls.", ""),
    ("Three hospitals take part in this study (China-Japan Friendship Hospital and "
     "Beijing Hospital).", ""),
    # Another study's country, or a comparison.
    ("Participants were older than in France.", ""),
    ("Results will be compared with studies in France.", ""),
    ("Falls are as frequent as those reported in studies in Lyon, France.", ""),
    ("La prévalence des chutes est plus élevée qu'en France.", ""),
    ("Les chutes y sont moins fréquentes que celles observées en France.", ""),
    ("Les patients que nous recruterons en France marcheront.", "FR"),  # no comparison
    ("Comme les essais menés en Belgique, cet essai durera un an.", ""),
    # A guideline's country: where the NPI is recommended, not where the study takes place.
    ("MBCT is recommended by NICE in the United Kingdom to prevent relapse.", ""),
    ("La MBCT est recommandée au Royaume-Uni pour la prévention des rechutes.", ""),
    ("Ce programme est préconisé en Belgique depuis 2015.", ""),
])
def test_countries(sentence: str, expected: str) -> None:
    text = f"A walking trial for older adults\n\n## Methods\n\n{sentence}\n"
    assert country_code(doc(text, "p.md")) == expected


@pytest.mark.parametrize("sentences, expected", [
    # No sentence says where: the national bodies named give the country, if of one.
    ("Le protocole a reçu l'avis favorable du Comité de protection des personnes Sud "
     "Méditerranée I. Le traitement des données suit la méthodologie MR-001 de la CNIL.",
     "FR"),
    ("Financement : PHRC-I 2024. Numéro ID-RCB : 2024-A01234-56.", "FR"),
    ("The study was approved by an NHS Research Ethics Committee and the Health Research "
     "Authority.", "GB"),
    ("Approval: NHS REC and the ANSM.", ""),  # two countries' bodies: none
    # A walkthrough's laboratory protocol and feasibility paper (United Kingdom).
    ("Participants will be recruited from the rheumatology clinics of Northfield Teaching "
     "Hospitals NHS Trust. Personal data will be processed in accordance with the UK General "
     "Data Protection Regulation.", "GB"),
    ("The study was approved by the Wales Research Ethics Committee 6 (REC reference "
     "23/WA/0112) on 21 February 2023.", "GB"),
    ("The study was approved by the Wales Research Ethics Committee 6 (REC reference 23/\n"
     "WA/0112) on 21 February 2023.", "GB"),  # as a PDF's line wraps it
    # A stated country comes first; a CHU is also Belgian and Québécois.
    ("Participants will be recruited in Belgium. Data are handled as the CNIL requires.",
     "BE"),
    ("Les patients sont suivis au CHU de Liège.", ""),
    # A French protocol's abstract names the country where the NPI is recommended: its CPP
    # still gives the study's own.
    ("La MBCT est recommandée au Royaume-Uni pour la prévention des rechutes, mais elle "
     "reste peu proposée en routine. Le protocole a reçu l'avis favorable du Comité de "
     "protection des personnes Sud-Ouest et Outre-Mer III.", "FR"),
])
def test_a_national_body_gives_the_country_when_none_is_stated(sentences: str,
                                                               expected: str) -> None:
    text = f"Un essai de marche\n\n## Méthodes\n\n{sentences}\n"
    assert country_code(doc(text, "p.md")) == expected


def test_a_national_body_counts_only_in_the_study_s_own_report() -> None:
    text = ("Un essai de marche\n\n## Introduction\n\nLa CNIL a publié en 2019 un guide.\n\n"
            "## Méthodes\n\nLes patients sont recrutés dans trois hôpitaux.\n")
    assert country_code(doc(text, "p.md")) == ""


def test_a_country_after_a_place_is_read_only_from_the_study_s_own_report() -> None:
    text = ("A walking trial for older adults\n\n## Background\n\nA trial in Geneva "
            "(Switzerland) found that walking helps.\n\n## Methods\n\nParticipants will "
            "be recruited in the Lyon metropolitan area, France.\n\n## References\n\n"
            "1. Doe J. Walking in Madrid, Spain. BMJ 2020.\n")
    assert country_code(doc(text, "p.md")) == "FR"
    elsewhere = text.replace("the Lyon metropolitan area, France", "three hospitals")
    assert country_code(doc(elsewhere, "p.md")) == ""


def test_country_names_follow_the_interface_language() -> None:
    assert (country_name("GB", "en"), country_name("GB", "fr")) == (
        "United Kingdom", "Royaume-Uni")
    assert country_name("", "fr") == ""


@pytest.mark.parametrize("title, study_type, words", [
    ("Mechanisms of exercise in depression: a randomised trial", "mechanistic", "Mechanisms"),
    ("Scaling up a falls programme: a hybrid type 2 effectiveness-implementation trial",
     "implementation", "implementation trial"),
    ("Co-design of a walking programme for older adults", "prototypical", "Co-design"),
    ("Nordic walking and COPD: a prospective cohort study", "observational",
     "prospective cohort study"),
    ("Essai randomisé de la marche nordique", "interventional", "Essai randomisé"),
    # A walkthrough's mechanistic protocol read as interventional for its "randomised".
    ("Acute aerobic exercise and conditioned pain modulation in fibromyalgia: protocol for a "
     "randomised, assessor-blinded, within-subject crossover laboratory study (EXCITE-FM)",
     "mechanistic", "within-subject crossover laboratory study"),
    ("Exercice aérobie aigu et modulation de la douleur : étude croisée intra-sujet "
     "randomisée", "mechanistic", "étude croisée intra-sujet"),
])
def test_the_study_type_hint_names_the_most_specific_design(title, study_type, words) -> None:
    hint = study_type_hint(title)
    assert (hint.study_type, hint.words) == (study_type, words)


def test_no_study_type_hint_without_a_design_in_the_title() -> None:
    assert study_type_hint("Walking after stroke") is None


def test_readings_leave_out_a_value_longer_than_its_field() -> None:
    from checker.evidence.stated_details import DocumentDetails

    long_title = "Walking " * 50
    readings = readings_of(DocumentDetails(title=long_title, country="FR"), "fr")
    assert readings == {"country": "France"}


def test_prefill_keeps_what_the_person_typed_and_replaces_what_the_page_put() -> None:
    readings = {"title": "Walking trial", "language": "en", "country": "France",
                "reference": "NCT01234567", HINT_TYPE: "interventional",
                HINT_WORDS: "randomised"}
    typed = {"title": "My own title", "language": "fr", "country": "",
             "reference": "NCT00000001", "document_kind": ""}
    earlier = {"reference": "NCT00000001"}  # what an earlier document gave
    result = prefill(typed, readings, earlier, {"language": "fr"})
    assert result.values == {"title": "My own title", "language": "en", "country": "France",
                             "reference": "NCT01234567", "document_kind": "", "npi_name": ""}
    assert result.kept == {"title": "Walking trial"}
    assert set(result.readings) == {"language", "country", "reference", HINT_TYPE, HINT_WORDS}


def test_prefill_empties_what_an_earlier_document_gave_and_the_new_one_does_not() -> None:
    typed = {"title": "First document's title", "language": "en", "document_kind": "paper"}
    earlier = {"title": "First document's title", "language": "en", "document_kind": "paper"}
    result = prefill(typed, {}, earlier, {"language": "fr"})
    assert result.values == {"title": "", "language": "fr", "document_kind": "",
                             "reference": "", "country": "", "npi_name": ""}
    assert result.readings == {} and result.kept == {}


def test_readings_travel_as_json_and_anything_else_is_ignored() -> None:
    readings = {"title": "Walking « trial »", "document_kind": "paper"}
    assert parse_readings(dump_readings(readings)) == readings
    assert dump_readings({}) == ""
    for junk in ["", "not json", "[1, 2]", '{"title": 3}', '{"evil": "x"}',
                 '{"document_kind": "poem"}', '{"title": "' + "x" * 401 + '"}', "[" * 5000]:
        assert parse_readings(junk) == {}


# One registration number of each public registry that the details reader names.
REGISTRY_EXAMPLES = ["NCT01234567", "NCT 01234567", "ISRCTN12345678", "ACTRN12612000123456",
                     "2023-512345-12-00", "2019-001234-12", "DRKS00012345",
                     "ChiCTR-IOR-17012345", "ChiCTR2000012345", "UMIN000012345",
                     "CTRI/2018/05/013456", "PACTR201812345678901", "jRCTs031180123",
                     "jRCT2031190123", "JapicCTI-183456", "JMA-IIA00123", "NTR4567", "NL7154",
                     "NL-OMON52345", "IRCT20180101038164N1", "KCT0003456", "TCTR20200101001",
                     "SLCTR/2019/012", "RBR-3yygq9", "RPCEC00000123", "PER-012-19",
                     "LBCTR2020043495", "ITMCTR2024000123", "EUCTR2019-001234-56-FR"]


def test_every_registry_read_from_a_document_is_an_identifier_for_e03() -> None:
    """The registry patterns live in two places for two uses: the details reader
    (stated_details_cues.yaml) names the registry of one exact number, and the catalogue's
    E03 detail, which any catalogue may word, accepts any identifier. A registry added to the
    reader must be one E03 accepts, or a number read into the form would leave E03 without
    its identifier."""
    import re

    from checker.catalogue import get_catalogue
    from checker.evidence.stated_details import get_details_cues

    detail = next(d for d in get_catalogue().invariant("E03").evidence.details
                  if d.id == "identifier")
    for lang in ("en", "fr"):
        accepts = re.compile("|".join(detail.patterns_for(lang)), re.IGNORECASE)
        for registry in get_details_cues().registries:
            if registry.authorisation:  # an ID-RCB is no registration
                continue
            examples = [n for n in REGISTRY_EXAMPLES if registry.pattern.fullmatch(n)]
            assert examples, registry.name  # each registry has its example above
            for number in examples:
                assert accepts.search(f"Registered as {number}."), (lang, registry.name)


@pytest.mark.parametrize("text, expected", [
    # The acknowledgements name the colleagues' country, not the study's.
    ("## Methods\n\nWomen were recruited from two hospitals in São Paulo.\n\n"
     "## Acknowledgements\n\nWe thank colleagues in Canada for their advice.\n", ""),
    ("## Methods\n\nWomen were recruited from two hospitals in Brazil.\n\n"
     "## Acknowledgements\n\nWe thank colleagues in Canada for their advice.\n", "BR"),
    # The funder's country, under a heading or a run-in label.
    ("## Methods\n\nWomen were recruited from two hospitals.\n\n## Funding\n\nThis work "
     "was funded by the National Institutes of Health in the United States.\n", ""),
    ("## Methods\n\nWomen were recruited in France.\n\n**Funding.** This work was funded "
     "by a foundation in Switzerland.\n\n**Competing interests.** One author consults for "
     "a company in Germany.\n", "FR"),
    # The national bodies the study deals with still give its country.
    ("## Méthodes\n\nLes patientes ont été recrutées dans deux hôpitaux.\n\nL'étude a reçu "
     "l'avis favorable du Comité de protection des personnes Sud-Est II.\n\n"
     "## Financement\n\nL'étude a été financée par une fondation basée en Suisse.\n", "FR"),
])
def test_the_back_matter_does_not_say_where_the_study_takes_place(text: str,
                                                                  expected: str) -> None:
    """A paper's funding, competing interests, acknowledgements and contributions name
    the countries of funders, companies and colleagues, not where the study took place."""
    assert country_code(doc(f"An exercise trial after breast cancer\n\n{text}", "p.md")) \
        == expected


def test_a_pdf_title_wrapped_before_the_number_of_type_2_stays_whole() -> None:
    """« … vivant avec le diabète de type » / « 2 dans les groupes de médecine de famille … »:
    the line starting with the number was read as a numbered heading of its own, and the form
    was filled with the title cut at « de type »."""
    title = ("Mise en œuvre d'un programme d'éducation thérapeutique de groupe pour les "
             "personnes vivant avec le diabète de type 2 dans les groupes de médecine de "
             "famille du Québec : évaluation mixte")
    # The line breaks of the walkthrough's two-column paper.
    wrapped = title.replace(" de groupe", "<br>de groupe").replace(" 2 dans", "<br>2 dans")
    data = _pdf("<html lang=fr><body><h1 style='font-size:15pt'>"
                f"{wrapped}</h1><p>Geneviève Tremblay, Mathieu Gagnon</p><h2>Résumé</h2>"
                "<p>Contexte : l'éducation thérapeutique de groupe améliore le contrôle "
                "glycémique. Méthodes : évaluation mixte dans 18 GMF.</p><h2>1. Introduction"
                "</h2><p>Les patients y participent peu. Nous avons évalué sa mise en œuvre."
                "</p><h2>2. Méthodes</h2><p>Le devis était mixte.</p></body></html>")
    document = extract_document(data, "article.pdf")
    assert read_details(document).title == title
    # A numbered heading after a complete one stays its own.
    assert "2. Méthodes" in [section.title for section in document.sections]


def test_a_place_of_several_words_before_its_country_in_brackets() -> None:
    """« dans les GMF de trois régions du Québec (Canada) »: seven words before the country
    in brackets, where the reader allowed six."""
    text = ("Éducation thérapeutique en GMF : évaluation mixte\n\n## Méthodes\n\n"
            "L'étude s'est déroulée dans les GMF de trois régions du Québec (Canada) : "
            "l'Estrie, la Mauricie et le Bas-Saint-Laurent. Les séances ont eu lieu dans les "
            "locaux des GMF.\n")
    assert country_code(doc(text, "article.md")) == "CA"
