"""Editing an assessment's details: answers kept, suggestions made again, bad input refused."""

from __future__ import annotations

import html
import io
import re
from pathlib import Path

import pytest
from conftest import ASSESSMENT_FORM, create_assessment, login, make_user, post, save_answer
from sqlalchemy import select

from checker.extensions import db
from checker.models import Answer, Assessment

PAPER = """Supervised walking after stroke: a randomised controlled trial

Methods
The trial was approved by the ethics committee CPP Ouest III, and all participants gave
written informed consent. Of 180 patients screened, 120 were randomised and 112 were analysed.

Results
Walking speed was significantly higher in the walking group at 12 weeks (mean difference
0.12 m/s, 95% CI 0.05 to 0.19, p < 0.001). Adverse events did not differ between groups.
"""


def upload(text: str = PAPER) -> dict:
    return {"document": (io.BytesIO(text.encode("utf-8")), "paper.txt")}


def assessment_row(app, uid: str) -> Assessment:
    with app.app_context():
        row = db.session.scalar(select(Assessment).where(Assessment.uid == uid))
        db.session.expunge(row)
        return row


def answers(app, uid: str) -> dict[str, Answer]:
    with app.app_context():
        row = db.session.scalar(select(Assessment).where(Assessment.uid == uid))
        found = {a.invariant_id: a for a in row.answers}
        for answer in found.values():
            db.session.expunge(answer)
        return found


def edit(client, uid: str, **changes):
    return post(client, f"/assessments/{uid}/edit", {**ASSESSMENT_FORM, **changes})


def test_edit_page_shows_the_current_details(auth_client, assessment):
    page = auth_client.get(f"/assessments/{assessment}").get_data(as_text=True)
    assert f'href="/assessments/{assessment}/edit"' in page
    page = auth_client.get(f"/assessments/{assessment}/edit").get_data(as_text=True)
    assert f'value="{ASSESSMENT_FORM["title"]}"' in page
    assert re.search(r'<input checked[^>]*value="protocol"', page)
    assert 'name="csrf_token"' in page and 'type="file"' not in page


def test_saving_changes_the_details_and_keeps_the_answers(app, auth_client, assessment):
    saved = save_answer(auth_client, assessment, "E01", answer="met", justification="CPP")
    assert saved.status_code == 302
    response = edit(auth_client, assessment, title="  Walking after stroke (v2) ",
                    reference="NCT07654321")
    assert response.status_code == 302 and response.headers["Location"].endswith(assessment)
    row = assessment_row(app, assessment)
    assert (row.title, row.reference) == ("Walking after stroke (v2)", "NCT07654321")
    assert answers(app, assessment)["E01"].answer == "met"
    page = auth_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "details were saved" in page
    again = edit(auth_client, assessment, title="Walking after stroke (v2)",
                 reference="NCT07654321")
    assert "Nothing was changed" in auth_client.get(again.headers["Location"]).get_data(
        as_text=True)


def test_another_study_type_keeps_the_answers_that_no_longer_apply(app, auth_client, assessment):
    save_answer(auth_client, assessment, "INT01", answer="met", justification="Hypothesis stated")
    edit(auth_client, assessment, study_type="observational")
    page = auth_client.get(f"/assessments/{assessment}").get_data(as_text=True)
    assert 'id="inv-OBS01"' in page and 'id="inv-INT01"' not in page
    assert answers(app, assessment)["INT01"].answer == "met"  # stored, not counted
    edit(auth_client, assessment, study_type="interventional")
    page = auth_client.get(f"/assessments/{assessment}").get_data(as_text=True)
    assert "1 of 30 invariants answered" in page


def test_bad_details_are_refused_and_nothing_changes(app, auth_client, assessment):
    response = edit(auth_client, assessment, title="", study_type="astrology",
                    npi_name="Kept NPI name")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Please correct the fields marked below" in page
    assert 'value="Kept NPI name"' in page  # what the user typed is kept on the page
    row = assessment_row(app, assessment)
    assert (row.title, row.study_type, row.npi_name) == (
        ASSESSMENT_FORM["title"], "interventional", ASSESSMENT_FORM["npi_name"])
    long = edit(auth_client, assessment, title="x" * 301)
    assert long.status_code == 400 and assessment_row(app, assessment).title == \
        ASSESSMENT_FORM["title"]


def test_editing_needs_the_owner_and_the_form_token(app, auth_client, assessment):
    no_token = auth_client.post(f"/assessments/{assessment}/edit",
                                data={**ASSESSMENT_FORM, "title": "Forged"})
    assert no_token.status_code == 400
    make_user(app, "bob")
    bob = app.test_client()
    login(bob, "bob")
    assert bob.get(f"/assessments/{assessment}/edit").status_code == 404
    assert edit(bob, assessment, title="Taken over").status_code == 404
    assert auth_client.get("/assessments/nope/edit").status_code == 404
    assert assessment_row(app, assessment).title == ASSESSMENT_FORM["title"]
    assert app.test_client().get(f"/assessments/{assessment}/edit").status_code == 302


def test_a_paper_set_up_as_a_protocol_is_pointed_out_and_can_be_changed(app, auth_client):
    response = post(auth_client, "/assessments/new", {**ASSESSMENT_FORM, **upload()},
                    content_type="multipart/form-data", follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "This document reads like a published paper" in page
    assert "suggestions were made for a protocol" in page
    uid = response.request.path.rstrip("/").split("/")[-1]
    analysis = auth_client.get(f"/assessments/{uid}/analysis.json").get_json()
    assert analysis["kind_guess"]["kind"] == "paper" and analysis["kind_contradicted"]
    edit_page = auth_client.get(f"/assessments/{uid}/edit").get_data(as_text=True)
    assert "The document paper.txt reads like a published paper" in edit_page
    assert "written in" not in edit_page  # too short a text to say its language for sure
    before = answers(app, uid)
    assert all(a.origin == "suggestion" for a in before.values())
    response = edit(auth_client, uid, document_kind="paper")
    assert assessment_row(app, uid).document_kind == "paper"
    page = auth_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "reads like" not in page  # the choice now fits the document
    after = answers(app, uid)
    assert set(after) == set(before)
    # The pending suggestions were made again for a paper (a new version of each changed one).
    assert any(after[i].version > before[i].version for i in after)
    assert all(a.origin == "suggestion" for a in after.values())


def test_a_protocol_set_up_as_a_protocol_gets_no_warning(auth_client):
    from test_suggestions import PROTOCOL

    response = post(auth_client, "/assessments/new", {**ASSESSMENT_FORM, **upload(PROTOCOL)},
                    content_type="multipart/form-data", follow_redirects=True)
    assert "reads like" not in response.get_data(as_text=True)


def test_french_interface(app, auth_client, assessment):
    post(auth_client, "/language", {"lang": "fr"})
    page = auth_client.get(f"/assessments/{assessment}/edit").get_data(as_text=True)
    assert "Modifier" in page
    create = post(auth_client, "/assessments/new", {**ASSESSMENT_FORM, **upload()},
                  content_type="multipart/form-data", follow_redirects=True)
    assert "se lit comme un article publié" in create.get_data(as_text=True)


def test_the_document_page_cites_only_the_current_study_type(app, auth_client):
    from test_suggestions import PROTOCOL

    response = post(auth_client, "/assessments/new", {**ASSESSMENT_FORM, **upload(PROTOCOL)},
                    content_type="multipart/form-data")
    uid = response.headers["Location"].rstrip("/").split("/")[-1]
    edit(auth_client, uid, study_type="prototypical")
    assert any(i.startswith("PRO") and a.quotation for i, a in answers(app, uid).items())
    edit(auth_client, uid, study_type="interventional")
    page = auth_client.get(f"/assessments/{uid}/document").get_data(as_text=True)
    assert "#inv-PRO" not in page and "q-PRO" not in page


def test_accept_all_confirms_only_the_suggestions_of_the_current_study_type(app, auth_client):
    from test_suggestions import PROTOCOL

    response = post(auth_client, "/assessments/new", {**ASSESSMENT_FORM, **upload(PROTOCOL)},
                    content_type="multipart/form-data")
    uid = response.headers["Location"].rstrip("/").split("/")[-1]
    edit(auth_client, uid, study_type="mechanistic")
    edit(auth_client, uid, study_type="interventional")
    page = auth_client.get(f"/assessments/{uid}").get_data(as_text=True)
    assert "Accept all 30 suggestions" in page
    accepted = post(auth_client, f"/assessments/{uid}/suggestions/accept", follow_redirects=True)
    assert "30 suggestions accepted" in accepted.get_data(as_text=True)
    stored = answers(app, uid)
    # The mechanistic suggestions, never shown since, stay unconfirmed.
    assert all(a.origin == "suggestion" for i, a in stored.items() if i.startswith("MEC"))
    assert all(a.origin == "human" for i, a in stored.items() if not i.startswith("MEC"))


def test_the_edit_page_says_which_language_the_document_is_written_in(app, auth_client):
    french = (Path(__file__).parent / "data" / "protocole_tcc_fr.md").read_bytes()
    uid = create_assessment(auth_client, document=(io.BytesIO(french), "protocole.md"))
    edit_page = auth_client.get(f"/assessments/{uid}/edit").get_data(as_text=True)
    assert "It is written in French." in edit_page
    post(auth_client, "/language", {"lang": "fr"})
    edit_page = auth_client.get(f"/assessments/{uid}/edit").get_data(as_text=True)
    assert "Il est rédigé en français." in edit_page


def test_the_language_is_stored_as_a_code_however_it_is_sent(app, auth_client):
    uid = create_assessment(auth_client, language="Français")
    assert assessment_row(app, uid).language == "fr"
    for sent, stored in (("en-GB", "en"), ("de-CH", "de"), ("pt_BR", "pt"), ("es", "es")):
        response = post(auth_client, f"/assessments/{uid}/edit",
                        {**ASSESSMENT_FORM, "language": sent})
        assert response.status_code == 302, sent
        assert assessment_row(app, uid).language == stored


def _options(page: str, name: str = "language") -> list[tuple[str, str, bool]]:
    """(value, label, selected) of the options of the select ``name``."""
    select_html = page.split(f'name="{name}"', 1)[1].split("</select>", 1)[0]
    return [(value, html.unescape(label), bool(selected)) for selected, value, label in
            re.findall(r'<option( selected)? value="([^"]*)">([^<]*)</option>', select_html)]


def test_the_language_is_chosen_from_a_list_in_the_interface_language(auth_client):
    """Clinicians pick the language by its name, in their own language; English and French,
    the languages of nearly every document, come first."""
    page = auth_client.get("/assessments/new").get_data(as_text=True)
    assert '<select id="language" name="language" required>' in page
    assert "<datalist" not in page and 'list="document-languages"' not in page
    options = _options(page)
    assert options[:2] == [("en", "English", True), ("fr", "French", False)]
    assert ("de", "German", False) in options and len(options) > 100
    post(auth_client, "/language", {"lang": "fr"})
    options = _options(auth_client.get("/assessments/new").get_data(as_text=True))
    assert options[:3] == [("en", "Anglais", False), ("fr", "Français", True),
                           ("ab", "Abkhaze", False)]
    names = [label for _value, label, _selected in options[2:]]
    assert ("de", "Allemand", False) in options
    assert names.index("Espagnol") < names.index("Éwé") < names.index("Féroïen")  # accents aside


def test_a_language_with_only_a_three_letter_code_can_be_chosen(app, auth_client):
    """Filipino, Hawaiian or Fon have no two-letter code: they are in the list, named in the
    interface's language, and stored and shown by their three-letter code."""
    options = _options(auth_client.get("/assessments/new").get_data(as_text=True))
    assert {("fil", "Filipino", False), ("haw", "Hawaiian", False),
            ("fon", "Fon", False), ("sm", "Samoan", False)} <= set(options)
    names = [label for _value, label, _selected in options[2:]]
    # Among the others, by name: "fil" between "fj" and "fi".
    assert names.index("Fijian") < names.index("Filipino") < names.index("Finnish")
    assert names.index("Hausa") < names.index("Hawaiian") < names.index("Hebrew")
    uid = create_assessment(auth_client, language="haw")
    assert assessment_row(app, uid).language == "haw"
    assert "<dd>Hawaiian</dd>" in auth_client.get(f"/assessments/{uid}").get_data(as_text=True)
    assert ("haw", "Hawaiian", True) in _options(
        auth_client.get(f"/assessments/{uid}/edit").get_data(as_text=True))
    post(auth_client, "/language", {"lang": "fr"})
    assert "<dd>Hawaïen</dd>" in auth_client.get(f"/assessments/{uid}").get_data(as_text=True)
    options = _options(auth_client.get(f"/assessments/{uid}/edit").get_data(as_text=True))
    assert options[:2] == [("en", "Anglais", False), ("fr", "Français", False)]
    assert ("haw", "Hawaïen", True) in options and ("fil", "Filipino", False) in options
    # A code CLDR replaced by another, or the three-letter form of a two-letter one, is
    # stored as the code of the list.
    for sent, stored in (("tl", "fil"), ("deu", "de"), ("fon", "fon")):
        response = post(auth_client, f"/assessments/{uid}/edit",
                        {**ASSESSMENT_FORM, "language": sent})
        assert response.status_code == 302, sent
        assert assessment_row(app, uid).language == stored


def test_languages_cldr_counts_no_speakers_of_can_be_chosen(app, auth_client):
    """Dinka, Mizo and Hmong are in the list though CLDR's data leaves them out, named in the
    interface's language and sorted by name; one chosen is stored by its code and named."""
    options = _options(auth_client.get("/assessments/new").get_data(as_text=True))
    assert {("din", "Dinka", False), ("lus", "Mizo", False),
            ("hmn", "Hmong", False)} <= set(options)
    names = [label for _value, label, _selected in options[2:]]
    assert names.index("Dargwa") < names.index("Dinka") < names.index("Divehi")
    assert names.index("Hiri Motu") < names.index("Hmong") < names.index("Hungarian")
    uid = create_assessment(auth_client, language="lus")
    assert assessment_row(app, uid).language == "lus"
    assert "<dd>Mizo</dd>" in auth_client.get(f"/assessments/{uid}").get_data(as_text=True)
    post(auth_client, "/language", {"lang": "fr"})
    assert "<dd>Mizo</dd>" in auth_client.get(f"/assessments/{uid}").get_data(as_text=True)
    options = _options(auth_client.get(f"/assessments/{uid}/edit").get_data(as_text=True))
    assert ("lus", "Mizo", True) in options and ("hmn", "Hmong", False) in options
    names = [label for _value, label, _selected in options[2:]]
    assert names.index("Mitchif") < names.index("Mizo") < names.index("Mohawk")
    assert names.index("Hiri motu") < names.index("Hmong") < names.index("Hongrois")


@pytest.mark.parametrize("sent", ["sux", "und", "zxx", "tlh"])
def test_no_dead_language_nor_a_code_that_names_none(app, auth_client, sent):
    response = post(auth_client, "/assessments/new", {**ASSESSMENT_FORM, "language": sent})
    assert response.status_code == 400
    assert "is not a language npis-checker knows" in html.unescape(
        response.get_data(as_text=True))


@pytest.mark.parametrize("sent", ["Español", "xx", "Klingon", "12"])
def test_a_language_the_list_does_not_hold_is_refused_clearly(app, auth_client, sent):
    response = post(auth_client, "/assessments/new", {**ASSESSMENT_FORM, "language": sent,
                                                      "title": "Kept title"})
    page = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 400
    assert (f"“{sent}” is not a language npis-checker knows: choose the language of the "
            "document from the list.") in page
    assert 'value="Kept title"' in page  # nothing typed is lost
    uid = create_assessment(auth_client, language="en")
    response = post(auth_client, f"/assessments/{uid}/edit",
                    {**ASSESSMENT_FORM, "language": sent, "title": "Changed"})
    assert response.status_code == 400
    assert "is not a language npis-checker knows" in html.unescape(
        response.get_data(as_text=True))
    row = assessment_row(app, uid)
    assert (row.language, row.title) == ("en", ASSESSMENT_FORM["title"])


def test_a_language_stored_before_the_list_still_shows_and_edits(app, auth_client):
    """An assessment whose language was typed freely ("Deutsch", "de-CH") keeps it while
    another detail is edited; it is offered first, and another choice replaces it."""
    uid = create_assessment(auth_client)

    def store_language(value: str) -> None:
        with app.app_context():
            db.session.get(Assessment, assessment_row(app, uid).id).language = value
            db.session.commit()

    store_language("Deutsch")
    page = auth_client.get(f"/assessments/{uid}").get_data(as_text=True)
    assert "<dd>Deutsch</dd>" in page
    edit = auth_client.get(f"/assessments/{uid}/edit").get_data(as_text=True)
    assert _options(edit)[0] == ("Deutsch", "Deutsch", True)
    response = post(auth_client, f"/assessments/{uid}/edit",
                    {**ASSESSMENT_FORM, "language": "Deutsch", "title": "Renamed"})
    assert response.status_code == 302
    row = assessment_row(app, uid)
    assert (row.title, row.language) == ("Renamed", "Deutsch")
    post(auth_client, f"/assessments/{uid}/edit", {**ASSESSMENT_FORM, "language": "de"})
    assert assessment_row(app, uid).language == "de"
    options = _options(auth_client.get(f"/assessments/{uid}/edit").get_data(as_text=True))
    assert "Deutsch" not in [value for value, _label, _selected in options]
    assert ("de", "German", True) in options
    store_language("de-CH")
    post(auth_client, "/language", {"lang": "fr"})
    edit = auth_client.get(f"/assessments/{uid}/edit").get_data(as_text=True)
    assert _options(edit)[0] == ("de-CH", "Allemand (de-CH)", True)
    assert "<dd>Allemand</dd>" in auth_client.get(f"/assessments/{uid}").get_data(as_text=True)
    store_language("tl")  # a code the list holds under the one that replaced it ("fil")
    edit = auth_client.get(f"/assessments/{uid}/edit").get_data(as_text=True)
    assert _options(edit)[0] == ("tl", "Tagalog (tl)", True)
    assert "<dd>Tagalog</dd>" in auth_client.get(f"/assessments/{uid}").get_data(as_text=True)
