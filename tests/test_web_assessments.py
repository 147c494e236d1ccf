"""Creating assessments, the invariant form page, ownership (404 for anyone else)."""

from __future__ import annotations

import re

from conftest import ASSESSMENT_FORM, create_assessment, login, make_user, post, save_answer
from markupsafe import escape
from sqlalchemy import select

from checker.catalogue import get_catalogue, pick
from checker.extensions import db
from checker.models import Assessment, CatalogueSnapshot


def test_new_form_offers_catalogue_study_types(auth_client):
    page = auth_client.get("/assessments/new").get_data(as_text=True)
    catalogue = get_catalogue()
    for st in catalogue.study_types:
        assert pick(st.label, "en") in page
        assert pick(st.purpose, "en").split(":")[0] in page  # what each study type is for
    assert 'enctype="multipart/form-data"' in page
    assert 'name="csrf_token"' in page
    # The optional document is what brings the suggestions: its help says so.
    assert "npis-checker reads it and suggests an answer for each invariant" in page


def test_no_study_type_is_chosen_in_advance(auth_client):
    """The invariants follow from the study type: a hurried person must choose one, not keep
    the first of the list."""
    page = auth_client.get("/assessments/new").get_data(as_text=True)
    select_html = re.search(r'<select[^>]*name="study_type".*?</select>', page, re.S).group()
    assert "required" in select_html.split(">")[0]
    first = re.search(r"<option[^>]*>", select_html).group()
    assert 'value=""' in first and "selected" not in select_html
    response = post(auth_client, "/assessments/new", {**ASSESSMENT_FORM, "study_type": ""},
                    content_type="multipart/form-data")
    assert response.status_code == 400
    assert "This field is required." in response.get_data(as_text=True)


def test_create_records_catalogue_and_snapshot(app, auth_client):
    uid = create_assessment(auth_client)
    catalogue = get_catalogue()
    with app.app_context():
        assessment = db.session.scalar(select(Assessment).where(Assessment.uid == uid))
        assert assessment.title == ASSESSMENT_FORM["title"]
        assert assessment.reference == "NCT01234567"
        assert assessment.catalogue_id == catalogue.id
        assert assessment.catalogue_version == catalogue.version
        assert assessment.catalogue_fingerprint == catalogue.fingerprint
        snapshot = db.session.get(CatalogueSnapshot, catalogue.fingerprint)
        assert snapshot.data == catalogue.to_dict()


def test_bad_values_rerender_with_user_values(auth_client):
    data = {**ASSESSMENT_FORM, "study_type": "astrology", "title": "My kept title"}
    response = post(auth_client, "/assessments/new", data, content_type="multipart/form-data")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "My kept title" in page
    assert "Not a valid choice" in page or "Choose one" in page

    data = {**ASSESSMENT_FORM, "title": "", "domain": "spiritual"}
    response = post(auth_client, "/assessments/new", data, content_type="multipart/form-data")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "This field is required." in page
    assert ASSESSMENT_FORM["npi_name"] in page


def test_form_page_has_one_form_per_applicable_invariant(auth_client, assessment):
    page = auth_client.get(f"/assessments/{assessment}").get_data(as_text=True)
    applicable = get_catalogue().invariants_for("interventional")
    actions = re.findall(r'action="/assessments/[0-9a-f]+/answers/([A-Z0-9]+)"', page)
    assert actions == [inv.id for inv in applicable]
    assert f"0 of {len(applicable)} invariants answered" in page
    assert "MEC01" not in page  # other study types' invariants are not asked


def test_guidance_follows_document_kind(auth_client):
    inv = get_catalogue().invariant("E01")
    protocol = create_assessment(auth_client, document_kind="protocol")
    paper = create_assessment(auth_client, document_kind="paper")
    protocol_page = auth_client.get(f"/assessments/{protocol}").get_data(as_text=True)
    paper_page = auth_client.get(f"/assessments/{paper}").get_data(as_text=True)
    protocol_met = pick(inv.guidance_protocol.met, "en")
    paper_met = pick(inv.guidance_paper.met, "en")
    assert protocol_met in protocol_page and paper_met not in protocol_page
    assert paper_met in paper_page and protocol_met not in paper_page
    protocol_example = str(escape(pick(inv.example("protocol"), "en")))
    paper_example = str(escape(pick(inv.example("paper"), "en")))
    assert protocol_example in protocol_page and paper_example not in protocol_page
    assert paper_example in paper_page and protocol_example not in paper_page


def test_not_applicable_is_only_offered_where_allowed(auth_client, assessment):
    page = auth_client.get(f"/assessments/{assessment}").get_data(as_text=True)
    catalogue = get_catalogue()
    for inv in catalogue.invariants_for("interventional"):
        offered = f'name="{inv.id}-answer" type="radio" value="not_applicable"' in page
        assert offered == inv.na_allowed, inv.id


def test_index_lists_only_own_assessments(app, auth_client):
    create_assessment(auth_client, title="Alice study")
    make_user(app, "bob")
    bob = app.test_client()
    login(bob, "bob")
    create_assessment(bob, title="Bob study")
    page = auth_client.get("/").get_data(as_text=True)
    assert "Alice study" in page and "Bob study" not in page


def test_unknown_and_foreign_assessment_are_404_without_data(app, auth_client, assessment):
    make_user(app, "mallory")
    other = app.test_client()
    login(other, "mallory")
    paths = [
        f"/assessments/{assessment}", f"/assessments/{assessment}/results",
        f"/assessments/{assessment}/answers/E01", f"/assessments/{assessment}/report.pdf",
        f"/assessments/{assessment}/report.xlsx", f"/assessments/{assessment}/export.json",
    ]
    for path in paths:
        response = other.get(path)
        assert response.status_code == 404, path
        assert ASSESSMENT_FORM["title"] not in response.get_data(as_text=True)
        assert auth_client.get(path.replace(assessment, "0" * 32)).status_code == 404
    response = post(other, f"/assessments/{assessment}/answers/E01",
                    {"E01-answer": "not_met", "E01-version": "0"})
    assert response.status_code == 404
    with app.app_context():
        stored = db.session.scalar(select(Assessment).where(Assessment.uid == assessment))
        assert stored.answers == []


def test_delete_asks_first_then_removes_the_assessment_and_its_dossier_membership(
        app, auth_client, assessment):
    from checker.models import AnswerHistory, Dossier, DossierStudy

    save_answer(auth_client, assessment, "E01", 0, answer="met", justification="CPP")
    with app.app_context():
        owner = db.session.scalar(select(Assessment).where(Assessment.uid == assessment))
        dossier = Dossier(uid="d" * 32, owner_id=owner.owner_id, npi_name="Walking",
                          domain="physical", health_problem="Stroke", country="France",
                          screening_domain="", screening_version="")
        db.session.add(dossier)
        db.session.flush()
        db.session.add(DossierStudy(dossier_id=dossier.id, assessment_id=owner.id))
        db.session.commit()
    page = auth_client.get(f"/assessments/{assessment}/delete").get_data(as_text=True)
    assert "1 answer and its whole history will be deleted" in page
    assert "removed from these dossiers: Walking" in page
    # Without the form's token nothing happens.
    assert auth_client.post(f"/assessments/{assessment}/delete").status_code == 400
    make_user(app, "bob")
    bob = app.test_client()
    login(bob, "bob")
    assert post(bob, f"/assessments/{assessment}/delete").status_code == 404
    response = post(auth_client, f"/assessments/{assessment}/delete", follow_redirects=True)
    assert "deleted" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(Assessment).where(Assessment.uid == assessment)) is None
        assert db.session.scalars(select(AnswerHistory)).all() == []
        assert db.session.scalars(select(DossierStudy)).all() == []
        assert db.session.scalar(select(Dossier)) is not None  # the dossier itself stays
    assert auth_client.get(f"/assessments/{assessment}").status_code == 404


def test_new_form_language_follows_the_interface(auth_client):
    page = auth_client.get("/assessments/new").get_data(as_text=True)
    assert '<option selected value="en">English</option>' in page
    post(auth_client, "/language", {"lang": "fr"})
    page = auth_client.get("/assessments/new").get_data(as_text=True)
    assert '<option selected value="fr">Français</option>' in page


def test_deleting_an_assessment_deletes_its_files_unless_another_assessment_lists_them(
        app, auth_client):
    import io
    from pathlib import Path

    def document(text: bytes) -> dict:
        return {"document": (io.BytesIO(text), "protocol.txt")}

    shared = b"A shared protocol text: participants will walk daily.\n"
    own = b"A protocol only the first assessment lists, then Bob too.\n"
    first = create_assessment(auth_client, **document(own))
    post(auth_client, f"/assessments/{first}/document", document(shared),
         content_type="multipart/form-data")
    second = create_assessment(auth_client, title="Second", **document(shared))
    make_user(app, "bob")
    bob = app.test_client()
    login(bob, "bob")
    bobs = create_assessment(bob, **document(own))
    uploads = Path(app.config["UPLOAD_DIR"])

    def stored() -> int:
        return len(list(uploads.glob("*.txt")))

    assert stored() == 2
    assert "deleted too, unless another assessment" in auth_client.get(
        f"/assessments/{first}/delete").get_data(as_text=True)
    post(auth_client, f"/assessments/{first}/delete")
    assert stored() == 2  # Bob lists the first text, Alice's second assessment the other
    post(bob, f"/assessments/{bobs}/delete")
    assert stored() == 1
    assert "A shared protocol text" in auth_client.get(
        f"/assessments/{second}/document").get_data(as_text=True)
    post(auth_client, f"/assessments/{second}/delete")
    assert stored() == 0


def test_an_imported_fingerprint_does_not_keep_the_file_and_a_stuck_file_stops_nothing(
        app, auth_client):
    import io
    from pathlib import Path

    text = b"A protocol of a walking programme after stroke, version 1.\n"
    uid = create_assessment(auth_client, document=(io.BytesIO(text), "protocol.txt"))
    exported = auth_client.get(f"/assessments/{uid}/export.json").data
    make_user(app, "bob")
    bob = app.test_client()
    login(bob, "bob")
    assert post(bob, "/assessments/import", {"file": (io.BytesIO(exported), "a.json")},
                content_type="multipart/form-data").status_code == 302
    uploads = Path(app.config["UPLOAD_DIR"])
    (uploads / (next(uploads.glob("*.txt")).stem + ".zzz")).mkdir()  # cannot be unlinked
    assert post(auth_client, f"/assessments/{uid}/delete").status_code == 302
    assert auth_client.get(f"/assessments/{uid}").status_code == 404  # deleted all the same
    assert not list(uploads.glob("*.txt"))  # Bob's import names it but never held it


def test_the_new_form_says_which_fields_are_required_and_means_it(auth_client):
    """"Every field is required unless its label says optional" must stay true: each control
    whose label does not say so is marked required for the browser and assistive technology."""
    from lxml import html as lxml_html

    page = auth_client.get("/assessments/new").get_data(as_text=True)
    assert "Every field is required unless its label says “optional”." in page
    tree = lxml_html.fromstring(page)
    form = tree.xpath("//form[@enctype='multipart/form-data']")[0]
    checked = 0
    for label in form.xpath(".//label[@for]"):
        control = form.xpath(f".//*[@id='{label.get('for')}']")
        if not control or control[0].get("type") == "radio":
            continue
        optional = "optional" in label.text_content()
        assert (control[0].get("required") is None) == optional, label.text_content()
        checked += 1
    for group in form.xpath(".//fieldset[.//input[@type='radio']]"):
        assert "optional" not in group.xpath("./legend")[0].text_content()
        assert all(radio.get("required") is not None for radio in group.xpath(".//input"))
        checked += 1
    assert checked >= 8


def test_a_change_of_study_type_says_how_many_answers_it_hides(auth_client):
    """The answers to invariants the new study type lacks vanish from the form: the message
    says how many, and that they come back, rather than only "Your answers are kept"."""
    uid = create_assessment(auth_client)  # interventional
    for inv_id in ("INT03", "INT04"):
        save_answer(auth_client, uid, inv_id, 0, answer="met", justification="Typed.")
    save_answer(auth_client, uid, "E01", 0, answer="met")  # ethical: every study type has it
    details = {**ASSESSMENT_FORM, "study_type": "observational"}
    page = post(auth_client, f"/assessments/{uid}/edit", details,
                follow_redirects=True).get_data(as_text=True)
    assert ("2 of your answers are to invariants this study type does not have: they are "
            "kept, hidden, and come back if you change the study type back.") in \
        page.replace("&#39;", "'")
    post(auth_client, "/language", {"lang": "fr"})
    page = post(auth_client, f"/assessments/{uid}/edit", ASSESSMENT_FORM,
                follow_redirects=True).get_data(as_text=True)
    assert "masquée" not in page  # back to interventional: none hidden
    page = post(auth_client, f"/assessments/{uid}/edit", details,
                follow_redirects=True).get_data(as_text=True)
    assert ("2\u00a0de vos réponses portent sur des invariants que ce type d'étude n'a pas\u00a0: "
            "elles sont conservées, masquées, et reviennent si vous rétablissez le type "
            "d'étude.") in page.replace("&#39;", "'")
