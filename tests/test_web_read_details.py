"""The document first: "Read details from the document" on the new-assessment form fills in
what the document states, marked for checking, never over what the person typed; then the
assessment is created with that document as before."""

from __future__ import annotations

import io
import re

from conftest import ASSESSMENT_FORM, post
from docx_support import docx_bytes
from sqlalchemy import select
from test_document_details import ENGLISH_PROTOCOL

from checker.extensions import db
from checker.models import Answer, Assessment

READ = "/assessments/new/read"
EMPTY = {"title": "", "document_kind": "", "study_type": "", "npi_name": "", "domain": "",
         "country": "", "language": "en", "reference": ""}


def read(client, name: str | None = "protocol.txt", data: bytes = ENGLISH_PROTOCOL.encode(),
         **values):
    form = {**EMPTY, **values}
    if name is not None:
        form["document"] = (io.BytesIO(data), name)
    return post(client, READ, form, content_type="multipart/form-data")


def value_of(page: str, name: str) -> str:
    """The value of the field ``name``: a text field's, or the option selected in a list."""
    match = re.search(rf'<input [^>]*name="{name}"[^>]*value="([^"]*)"', page)
    if match:
        return match.group(1)
    select = re.search(rf'<select [^>]*name="{name}"[^>]*>(.*?)</select>', page, re.S)
    selected = select and re.search(r'<option selected value="([^"]*)"', select.group(1))
    return selected.group(1) if selected else ""


def checked_kind(page: str) -> str | None:
    match = re.search(r'<input checked [^>]*name="document_kind"[^>]*value="(\w+)"', page)
    return match.group(1) if match else None


def readings_of(page: str) -> str:
    import html

    return html.unescape(value_of(page, "document_readings"))


def test_reading_fills_the_empty_fields_marks_them_and_asks_about_the_study_type(auth_client):
    response = read(auth_client, npi_name="Supervised walking")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert value_of(page, "title") == ("Supervised walking after stroke: protocol for a "
                                       "randomised controlled trial (WALK)")
    assert checked_kind(page) == "protocol"
    assert (value_of(page, "language"), value_of(page, "reference"),
            value_of(page, "country")) == ("en", "NCT01234567", "France")
    assert value_of(page, "npi_name") == "Supervised walking"  # typed, not a detail read
    for name in ("title", "document_kind", "language", "reference", "country"):
        assert f'id="{name}-note">Read from the document: check it.</p>' in page
    assert 'id="npi_name-note"' not in page
    # The study type is asked about, never chosen.
    assert ("its title says “randomised controlled trial”, which suggests the study type "
            "“Interventional”. Choose it yourself if it fits.") in page
    assert '<option selected value="">' in page
    assert "The document protocol.txt is kept" in page
    # The fields read, in the form's order, by their names ("Reference", not its label's
    # "Reference (optional)").
    assert re.search(r"Read from protocol.txt:\s*Title, Document kind, Country, Language of the "
                     r"document, Reference\.", page)


def test_then_creating_attaches_the_document_and_suggests_as_before(app, auth_client):
    page = read(auth_client).get_data(as_text=True)
    form = {name: value_of(page, name)
            for name in ("title", "language", "reference", "country")}
    response = post(auth_client, "/assessments/new", {
        **form, "document_kind": checked_kind(page), "study_type": "interventional",
        "npi_name": "Supervised walking", "domain": "physical",
        "document_readings": readings_of(page)}, content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    with app.app_context():
        assessment = db.session.scalar(select(Assessment))
        assert (assessment.title, assessment.country, assessment.reference,
                assessment.document_filename) == (form["title"], "France", "NCT01234567",
                                                  "protocol.txt")
        assert db.session.scalar(select(Answer).where(Answer.origin == "suggestion"))


def test_what_the_person_typed_is_never_replaced(auth_client):
    typed = {"title": "My walking trial", "document_kind": "paper", "country": "Belgium",
             "language": "fr", "reference": "DOI 10.1000/xyz"}
    page = read(auth_client, **typed).get_data(as_text=True)
    assert checked_kind(page) == "paper"
    for name in ("title", "country", "language", "reference"):
        assert value_of(page, name) == typed[name]
        assert f'id="{name}-note"' not in page
    # What the document reads instead is shown, for the person to compare.
    assert "Kept as you filled them in:" in page
    assert "Country (the document reads “France”)" in page
    assert "Document kind (the document reads “Study protocol”)" in page


def test_a_second_document_replaces_the_first_ones_readings_not_the_persons(auth_client):
    first = read(auth_client).get_data(as_text=True)
    second_text = ("Nordic walking and COPD: a prospective cohort study\n\n"
                   "Methods\n\nPeople with COPD who walk in clubs were followed for two "
                   "years. Walking was recorded each month and was associated with a higher "
                   "walking distance at two years (p < 0.01). Participants were included in "
                   "twelve clubs.\n")
    page = read(auth_client, "cohort.txt", second_text.encode(),
                title=value_of(first, "title"), document_kind=checked_kind(first),
                language=value_of(first, "language"), reference=value_of(first, "reference"),
                country="Spain",  # changed by the person after the first reading
                document_readings=readings_of(first)).get_data(as_text=True)
    assert value_of(page, "title") == "Nordic walking and COPD: a prospective cohort study"
    assert value_of(page, "reference") == ""  # the first document's, not this one's
    assert value_of(page, "country") == "Spain"
    assert checked_kind(page) == "paper"
    assert "suggests the study type “Observational”" in page
    assert "The document cohort.txt is kept" in page


def test_marks_stay_on_a_form_sent_back_with_an_error_but_leave_a_changed_field(auth_client):
    page = read(auth_client).get_data(as_text=True)
    response = post(auth_client, "/assessments/new", {
        "title": value_of(page, "title"), "document_kind": "protocol", "language": "en",
        "reference": value_of(page, "reference"), "country": "Belgium",
        "study_type": "", "npi_name": "Walking", "domain": "",
        "document_readings": readings_of(page)}, content_type="multipart/form-data")
    assert response.status_code == 400
    again = response.get_data(as_text=True)
    assert 'id="title-note"' in again and 'id="reference-note"' in again
    assert 'id="country-note"' not in again
    assert "suggests the study type “Interventional”" in again
    assert "The document protocol.txt is kept" in again


def test_the_details_of_a_french_document_in_the_french_interface(auth_client):
    post(auth_client, "/language", {"lang": "fr"})
    text = ("Marche nordique après un AVC : protocole d'un essai contrôlé randomisé\n\n"
            "Méthodes\n\nL'essai sera mené au Royaume-Uni, dans trois hôpitaux. Les "
            "participants seront répartis au hasard et seront suivis pendant un an. Les "
            "évaluateurs ne connaîtront pas le groupe des participants. L'essai est "
            "enregistré sous le numéro ID-RCB 2024-A01234-56.\n")
    page = read(auth_client, "protocole.txt", text.encode(), language="fr").get_data(
        as_text=True)
    assert (value_of(page, "country"), value_of(page, "reference"),
            value_of(page, "language")) == ("Royaume-Uni", "ID-RCB 2024-A01234-56", "fr")
    assert 'id="title-note">Lu dans le document\u00a0: vérifiez-le.</p>' in page
    assert "Lu dans protocole.txt\u00a0:" in page
    assert "suggère le type d'étude «\u00a0Interventionnelle\u00a0»" in page


def test_an_english_document_replaces_the_interfaces_suggested_language(auth_client):
    post(auth_client, "/language", {"lang": "fr"})
    page = read(auth_client, language="fr").get_data(as_text=True)
    assert value_of(page, "language") == "en"
    assert value_of(page, "country") == "France"


def test_a_refused_file_says_why_and_keeps_the_typed_values(app, auth_client):
    response = read(auth_client, "protocol.pdf", b"this is not a pdf at all",
                    title="Kept title", npi_name="Walking")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "This file is not a valid PDF (corrupt or mislabelled)." in page
    assert value_of(page, "title") == "Kept title" and value_of(page, "npi_name") == "Walking"
    assert 'id="document-error"' in page and "is kept" not in page
    field = re.search(r'<input [^>]*type="file"[^>]*>', page).group()
    assert 'aria-invalid="true"' in field and "document-error" in field


def test_a_scan_says_why_and_is_kept_for_the_assessment(app, auth_client):
    from weasyprint import HTML

    scan = HTML(string="<html><body></body></html>").write_pdf()
    response = read(auth_client, "scan.pdf", scan, title="Walking after stroke")
    # Nothing on the form to correct: the reason is the notice's, not a field error.
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "error-summary" not in page and 'id="document-error"' not in page
    assert '<div class="notice" id="details-read"' in page
    # The reason is a sentence of its own, not run on after a colon.
    assert ("No details could be read from scan.pdf. No text could be extracted: the file is "
            "empty, or it is a scanned image without text.") in page
    assert "The document scan.pdf is kept" in page
    assert "choose it again" not in page
    assert value_of(page, "title") == "Walking after stroke"
    # What a document read earlier gave goes with it: the scan is now the one chosen.
    first = read(auth_client).get_data(as_text=True)
    page = read(auth_client, "scan.pdf", scan, title=value_of(first, "title"),
                reference=value_of(first, "reference"), country="Spain",
                document_readings=readings_of(first)).get_data(as_text=True)
    assert (value_of(page, "title"), value_of(page, "reference"),
            value_of(page, "country")) == ("", "", "Spain")
    assert "-note" not in page
    created = post(auth_client, "/assessments/new", dict(ASSESSMENT_FORM),
                   content_type="multipart/form-data")
    assert created.status_code == 302
    with app.app_context():
        assert db.session.scalar(select(Assessment)).document_filename == "scan.pdf"


def test_reading_without_a_document_asks_for_one(auth_client):
    response = read(auth_client, None, title="Typed")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Choose the document to read its details from." in page
    assert value_of(page, "title") == "Typed"


def test_a_kept_document_is_read_again_without_choosing_it(auth_client):
    read(auth_client, title="Typed")
    page = read(auth_client, None).get_data(as_text=True)
    assert value_of(page, "reference") == "NCT01234567"


def test_the_reading_page_reloaded_goes_back_to_the_form(auth_client):
    response = auth_client.get(READ)
    assert response.status_code == 302 and response.headers["Location"].endswith(
        "/assessments/new")


def test_enter_in_a_field_still_creates_the_assessment(auth_client):
    """A form's default button (Enter in a field) is its first submit button: the page's
    first is the one that creates, not the one that reads."""
    page = auth_client.get("/assessments/new").get_data(as_text=True)
    form = page[page.index('<form method="post" action="/assessments/new"'):]
    first = re.search(r"<button[^>]*>[^<]*</button>", form).group()
    assert "formaction" not in first and "Create the assessment" in first
    assert f'formaction="{READ}"' in form


def test_a_refused_posts_page_does_not_show_the_readings_as_typed_text(auth_client):
    response = auth_client.post("/assessments/new", data={
        "csrf_token": "forged", "title": "My title",
        "document_readings": '{"study_type_hint": "interventional"}'})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "My title" in page and "study_type_hint" not in page


FEASIBILITY_PAPER_FR = """Éducation Thérapeutique du Patient 2023;15(2):20204
https://doi.org/10.1051/tpe/2023011

# Co-conception et faisabilité de DIAPASON, programme d'éducation thérapeutique : étude prototypique

## Résumé

Contexte : l'éducation thérapeutique améliore l'équilibre glycémique. Objectif : co-concevoir
un programme et en tester la faisabilité. Résultats : 24 patients ont participé en France.

## Méthodes

Six ateliers ont réuni 14 patients et 11 professionnels de deux maisons de santé en France.

## Résultats

Sur 41 personnes éligibles, 24 ont été incluses (59 %).
La satisfaction moyenne était de 4,3 sur 5 (IC 95 % 4,1 à 4,5).
Vingt et une personnes ont été suivies jusqu'à trois mois.

## Discussion

Le programme est faisable en soins primaires.
"""


def test_a_paper_with_no_registration_gives_its_doi_as_reference(auth_client):
    """A submitter read « remplit … la référence » and saw it empty for a co-design paper
    whose DOI stands under its journal's line: a paper that states no registration number
    gives its one DOI; a registration number, where stated, stays the reference."""
    page = read(auth_client, "faisabilite.md", FEASIBILITY_PAPER_FR.encode(),
                language="fr").get_data(as_text=True)
    assert checked_kind(page) == "paper"
    assert value_of(page, "reference") == "10.1051/tpe/2023011"
    registered = FEASIBILITY_PAPER_FR.replace(
        "24 patients ont participé en France.", "24 patients ont participé en France. "
        "Enregistrement : ClinicalTrials.gov NCT04876543.")
    page = read(auth_client, "faisabilite.md", registered.encode(),
                language="fr").get_data(as_text=True)
    assert value_of(page, "reference") == "NCT04876543"
    # A protocol proposes no DOI (its own, if any, is not the paper's).
    page = read(auth_client).get_data(as_text=True)
    assert value_of(page, "reference") == "NCT01234567"


# A French psychologist's protocol whose title names no design: the design from its abstract,
# the NPI's name from its title.
INSOMNIA_DOCX = [
    ("TCC de groupe chez des adultes souffrant d'insomnie chronique : protocole de l'étude "
     "SOMNI-GROUPE", "Title"),
    ("Résumé", "Heading 1"),
    ("Introduction : des essais randomisés antérieurs ont montré l'intérêt de la TCC "
     "individuelle pour l'insomnie.", None),
    ("Méthodes et analyse : il s'agit d'un essai contrôlé randomisé multicentrique comparant la "
     "TCC de groupe à la liste d'attente chez 180 adultes.", None),
    ("Méthodes", "Heading 1"),
    ("L'étude sera menée en France, dans trois centres du sommeil. Elle a été approuvée par un "
     "comité de protection des personnes.", None),
]


def test_a_docx_gives_the_npi_s_name_and_the_design_it_states(auth_client):
    post(auth_client, "/language", {"lang": "fr"})
    page = read(auth_client, "protocole.docx", docx_bytes(INSOMNIA_DOCX),
                language="fr").get_data(as_text=True)
    assert value_of(page, "npi_name") == "TCC de groupe"
    assert ('id="npi_name-note">Lu dans le document\u00a0: son titre dit « TCC de groupe chez des '
            "adultes souffrant d&#39;insomnie chronique : protocole ». Vérifiez-le.</p>") in page
    assert ("Lu dans le document\u00a0: « Méthodes et analyse : il s&#39;agit d&#39;un essai "
            "contrôlé randomisé », ce qui suggère le type d'étude « Interventionnelle »") in page
    assert '<option selected value="">' in page  # the study type is asked, not chosen
    assert re.search(r"Lu dans protocole.docx\s*:\s*Titre, Type de document, Nom de "
                     r"l'intervention non médicamenteuse, Pays", page)


def test_a_npi_name_typed_is_kept_beside_the_one_read(auth_client):
    page = read(auth_client, "protocole.docx", docx_bytes(INSOMNIA_DOCX),
                npi_name="Thérapie de groupe").get_data(as_text=True)
    assert value_of(page, "npi_name") == "Thérapie de groupe"
    assert 'id="npi_name-note"' not in page
    assert ("Name of the non-pharmacological intervention (the document reads "
            "“TCC de groupe”)") in page
    assert "Read from the document: it says “Méthodes et analyse" in page
