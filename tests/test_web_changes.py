"""What a revised draft changed: suggestions on two versions, the person's lost quotations
(web page and `npis-check compare`)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import create_assessment, login, make_user, post, save_answer
from test_suggestions import PROTOCOL, answers_of, upload

from checker.catalogue import get_catalogue
from checker.cli import main
from checker.documents import extract_document
from checker.evidence.compare import compare_drafts, format_comparison
from checker.extensions import db
from checker.models import Assessment

RANDOMISATION = """Randomisation
Participants will be randomly allocated (1:1) using a computer-generated sequence with
permuted blocks of variable size, stratified by centre. Allocation will be concealed with a
secure web-based system.
"""
FIRST_DRAFT = PROTOCOL.replace(RANDOMISATION, "")
FUNDING = "This trial is funded by the French Ministry of Health (PHRC 2023)."


def upload_revision(client, uid: str, text: str, name: str):
    return post(client, f"/assessments/{uid}/document", upload(text, name),
                content_type="multipart/form-data", follow_redirects=True)


def shas(app, uid: str) -> list[str]:
    with app.app_context():
        assessment = db.session.scalar(db.select(Assessment).where(Assessment.uid == uid))
        return [d.sha256 for d in assessment.documents]


def test_the_comparison_sees_what_a_revision_adds_and_removes() -> None:
    catalogue = get_catalogue()
    first = extract_document(FIRST_DRAFT.encode(), "v1.txt")
    second = extract_document(PROTOCOL.encode(), "v2.txt")
    forward = compare_drafts(catalogue, "interventional", "protocol", first, second)
    int03 = next(c for c in forward.changes if c.invariant_id == "INT03")
    assert (int03.before, int03.after, int03.change) == ("not_reported", "met", "better")
    assert "16a_Randomization_Generation" in int03.elements_gained
    assert int03.quotation.text in second.text and "computer-generated" in int03.quotation.text
    assert forward.count("worse") == 0 and len(forward.changes) == 30
    backward = compare_drafts(catalogue, "interventional", "protocol", second, first)
    int03 = next(c for c in backward.changes if c.invariant_id == "INT03")
    assert int03.change == "worse" and "16a_Randomization_Generation" in int03.elements_lost
    assert int03.quotation.text in second.text  # what is gone, quoted from the earlier draft
    same = compare_drafts(catalogue, "interventional", "protocol", first, first)
    assert same.count("same") == 30


def test_the_changes_page_after_a_revised_draft(app, auth_client):
    uid = create_assessment(auth_client, **upload(FIRST_DRAFT, "v1.txt"))
    e02 = answers_of(app, uid)["E02"]
    save_answer(auth_client, uid, "E02", e02.version, answer="met", justification="Funder named.",
                quotation=FUNDING, section="Funding")
    revised = PROTOCOL.replace(FUNDING, "The funding is described in the appendix.")
    text = upload_revision(auth_client, uid, revised, "v2.txt").get_data(as_text=True)
    assert "What changed since the previous draft" in text
    page = auth_client.get(f"/assessments/{uid}/changes")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'id="before-version">v1.txt' in html and 'id="after-version">v2.txt' in html
    assert 'id="change-INT03"' in html and "computer-generated sequence" in html
    assert "Your quotations that the later draft no longer contains" in html
    assert FUNDING in html.split('id="lost-title"')[1]
    assert answers_of(app, uid)["E02"].answer == "met"  # nothing was changed by looking


def test_any_two_versions_can_be_compared(app, auth_client):
    uid = create_assessment(auth_client, **upload(FIRST_DRAFT, "v1.txt"))
    upload_revision(auth_client, uid, PROTOCOL, "v2.txt")
    upload_revision(auth_client, uid, FIRST_DRAFT + "\nA note.\n", "v3.txt")
    v1, v2, v3 = shas(app, uid)
    default = auth_client.get(f"/assessments/{uid}/changes").get_data(as_text=True)
    assert 'id="before-version">v2.txt' in default and 'id="after-version">v3.txt' in default
    assert '<select id="before" name="before">' in default
    chosen = auth_client.get(f"/assessments/{uid}/changes?before={v1}&after={v2}")
    html = chosen.get_data(as_text=True)
    assert 'id="before-version">v1.txt' in html and 'id="change-INT03"' in html
    assert auth_client.get(f"/assessments/{uid}/changes?before=deadbeef").status_code == 404
    backwards = auth_client.get(f"/assessments/{uid}/changes?before={v2}&after={v1}")
    html = backwards.get_data(as_text=True)  # shown in upload order
    assert 'id="before-version">v1.txt' in html and 'id="after-version">v2.txt' in html
    same = auth_client.get(f"/assessments/{uid}/changes?before={v3}&after={v3}")
    assert "Both sides are the same version" in same.get_data(as_text=True)



def test_the_later_drafts_suggestion_can_replace_an_answer_given_before(app, auth_client):
    uid = create_assessment(auth_client, **upload(FIRST_DRAFT, "v1.txt"))
    int03 = answers_of(app, uid)["INT03"]
    save_answer(auth_client, uid, "INT03", int03.version, answer="not_met",
                justification="No sequence generation described.")
    upload_revision(auth_client, uid, PROTOCOL, "v2.txt")
    html = auth_client.get(f"/assessments/{uid}/changes").get_data(as_text=True)
    row = html.split('id="change-INT03"')[1].split("</tr>")[0]
    assert "/suggestions/INT03/adopt" in row and "Use the later draft" in row
    stored = answers_of(app, uid)["INT03"]
    v2 = shas(app, uid)[-1]
    assert f'name="document" value="{v2}"' in row
    # A stale page changes nothing: the answer changed, or another draft came in since.
    stale = post(auth_client, f"/assessments/{uid}/suggestions/INT03/adopt",
                 {"version": stored.version - 1, "document": v2}, follow_redirects=True)
    assert "changed meanwhile" in stale.get_data(as_text=True)
    other_draft = post(auth_client, f"/assessments/{uid}/suggestions/INT03/adopt",
                       {"version": stored.version, "document": shas(app, uid)[0]},
                       follow_redirects=True)
    assert "changed meanwhile" in other_draft.get_data(as_text=True)
    assert answers_of(app, uid)["INT03"].answer == "not_met"
    done = post(auth_client, f"/assessments/{uid}/suggestions/INT03/adopt",
                {"version": stored.version, "document": v2}, follow_redirects=True)
    assert "INT03 now holds the suggestion" in done.get_data(as_text=True)
    adopted = answers_of(app, uid)["INT03"]
    assert (adopted.answer, adopted.origin, adopted.confirmed_by) == ("met", "human", "alice")
    assert "computer-generated" in adopted.quotation
    history = auth_client.get(f"/assessments/{uid}/answers/INT03").get_data(as_text=True)
    assert "No sequence generation described." in history  # the previous answer is kept
    # Nothing to offer once the answer is the later draft's suggestion.
    html = auth_client.get(f"/assessments/{uid}/changes").get_data(as_text=True)
    assert "/suggestions/INT03/adopt" not in html
    assert post(auth_client, f"/assessments/{uid}/suggestions/OBS01/adopt",
                {"version": 1}).status_code == 404
    make_user(app, "bob")
    bob = app.test_client()
    login(bob, "bob")
    assert post(bob, f"/assessments/{uid}/suggestions/INT03/adopt",
                {"version": adopted.version}).status_code == 404


def test_one_version_only_or_a_missing_file_gets_a_clear_message(app, auth_client):
    uid = create_assessment(auth_client, **upload(FIRST_DRAFT, "v1.txt"))
    html = auth_client.get(f"/assessments/{uid}/changes").get_data(as_text=True)
    assert "only one version of its document" in html
    upload_revision(auth_client, uid, PROTOCOL, "v2.txt")
    for path in Path(app.config["UPLOAD_DIR"]).glob(f"{shas(app, uid)[0]}.*"):
        path.unlink()
    response = auth_client.get(f"/assessments/{uid}/changes")
    assert response.status_code == 200
    assert "no longer in the upload folder" in response.get_data(as_text=True)
    assert "(v1.txt — " in response.get_data(as_text=True)  # which version is missing
    page = auth_client.get(f"/assessments/{uid}/document").get_data(as_text=True)
    assert "v2.txt" in page and "no longer in the upload folder" not in page  # v2 is there
    for path in Path(app.config["UPLOAD_DIR"]).glob(f"{shas(app, uid)[1]}.*"):
        path.unlink()
    page = auth_client.get(f"/assessments/{uid}/document").get_data(as_text=True)
    assert "The file of the document v2.txt" in page and "no longer in the upload folder" in page
    flashed = post(auth_client, f"/assessments/{uid}/suggestions", follow_redirects=True)
    assert "The file of the document v2.txt is no longer in the upload folder" in \
        flashed.get_data(as_text=True)


def test_only_the_owner_sees_the_changes(app, auth_client):
    uid = create_assessment(auth_client, **upload(FIRST_DRAFT, "v1.txt"))
    upload_revision(auth_client, uid, PROTOCOL, "v2.txt")
    make_user(app, "bob")
    bob = app.test_client()
    login(bob, "bob")
    assert bob.get(f"/assessments/{uid}/changes").status_code == 404
    assert app.test_client().get(f"/assessments/{uid}/changes").status_code == 302


def test_the_changes_page_in_french(app, auth_client):
    uid = create_assessment(auth_client, **upload(FIRST_DRAFT, "v1.txt"))
    upload_revision(auth_client, uid, PROTOCOL, "v2.txt")
    post(auth_client, "/language", {"lang": "fr"})
    html = auth_client.get(f"/assessments/{uid}/changes").get_data(as_text=True)
    assert "Ce qui a changé entre les versions" in html
    assert "mieux étayés" in html


def test_compare_command(tmp_path: Path) -> None:
    before, after = tmp_path / "v1.md", tmp_path / "v2.md"
    before.write_text(FIRST_DRAFT, "utf-8")
    after.write_text(PROTOCOL, "utf-8")
    result = CliRunner().invoke(main, ["compare", str(before), str(after),
                                       "--study-type", "interventional"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "v1.md → v2.md, protocol, study type Interventional"
    assert any(line.startswith("INT03 ") and "Not reported → Met (better)" in line
               for line in lines)
    as_json = CliRunner().invoke(main, ["compare", str(after), str(before), "--study-type",
                                        "interventional", "--format", "json"])
    payload = json.loads(as_json.output)
    assert payload["worse"] >= 1 and payload["kind"] == "protocol"
    missing = CliRunner().invoke(main, ["compare", str(before), str(tmp_path / "none.pdf"),
                                        "--study-type", "interventional"])
    assert missing.exit_code == 1 and "none.pdf" in missing.output
    assert "Traceback" not in missing.output


def test_same_answer_with_new_evidence_is_shown() -> None:
    source = Path(__file__).with_name("data") / "protocole_mecanistique_fr.md"
    text = source.read_text("utf-8")
    sentence = ("Une relation dose-réponse entre le nombre de séances réalisées et la variation "
                "de l'IL-6 sera examinée.\n")
    assert sentence in text
    # The earlier draft planned its dose-response analysis on another dose (the total time
    # of exercise): both drafts meet MEC07, the later one with another sentence.
    earlier = ("Une relation dose-réponse entre la durée totale d'exercice et la variation de "
               "l'IL-6 sera analysée.\n")
    before = extract_document(text.replace(sentence, earlier).encode(), "v1.md")
    after = extract_document(text.encode(), "v2.md")
    comparison = compare_drafts(get_catalogue(), "mechanistic", "protocol", before, after)
    mec07 = next(c for c in comparison.changes if c.invariant_id == "MEC07")
    assert mec07.change == "same" and mec07.evidence_changed
    assert "nombre de séances" in mec07.quotation.text
    unchanged = compare_drafts(get_catalogue(), "mechanistic", "protocol", after, after)
    assert not any(c.evidence_changed for c in unchanged.changes)


def test_the_evidence_shown_for_a_change_is_the_new_sentence() -> None:
    v2 = (Path(__file__).with_name("data") / "protocole_apa_fr.md").read_text("utf-8")
    added = "Les événements indésirables graves seront déclarés au promoteur dans les 24 heures."
    v3 = v2 + "\n## Vigilance\n\n" + added + "\n"
    comparison = compare_drafts(get_catalogue(), "interventional", "protocol",
                                extract_document(v2.encode(), "v2.md"),
                                extract_document(v3.encode(), "v3.md"))
    e08 = next(c for c in comparison.changes if c.invariant_id == "E08")
    assert e08.evidence_changed and e08.quotation.text == added
    for change in comparison.changes:  # nothing else is claimed to have changed
        assert not change.evidence_changed or change.quotation.text == added, change


def test_a_french_comparison_names_the_study_type_as_after_type() -> None:
    """« étude de type interventionnel », agreeing with « type » (catalogue ``type_label``),
    not « type d'étude Interventionnelle »."""
    catalogue = get_catalogue()
    comparison = compare_drafts(catalogue, "interventional", "protocol",
                                extract_document(FIRST_DRAFT.encode(), "v1.md"),
                                extract_document(PROTOCOL.encode(), "v2.md"))
    title = format_comparison(comparison, catalogue, "fr", "v1.md", "v2.md")[0]
    assert title == "v1.md → v2.md, protocole, étude de type interventionnel"


def test_an_answer_whose_quotation_the_later_draft_lost_can_take_its_suggestion(app,
                                                                                auth_client):
    """An answer accepted on draft 1 quotes draft 1: when draft 2 rewords the passage, the
    list of lost quotations offers the later draft's suggestion, which quotes draft 2."""
    uid = create_assessment(auth_client, **upload(PROTOCOL, "v1.txt"))
    e06 = answers_of(app, uid)["E06"]
    save_answer(auth_client, uid, "E06", e06.version, answer="met",
                justification="Funder and its role named.", quotation=FUNDING,
                section="Funding")
    reworded = "This trial is funded by the French Ministry of Health (PHRC 2023, grant 23-0042)."
    upload_revision(auth_client, uid, PROTOCOL.replace(FUNDING, reworded), "v2.txt")
    html = auth_client.get(f"/assessments/{uid}/changes").get_data(as_text=True)
    lost = html.split('id="lost-title"')[1]
    assert FUNDING in lost
    item = lost.split("</li>")[0]
    assert "/suggestions/E06/adopt" in item and "Use the later draft" in item
    shown = re.search(r"The later draft’s suggestion: “(Met|Partially met)”, with quotations "
                      r"from it\.", html_unescape(item))
    assert shown
    stored = answers_of(app, uid)["E06"]
    assert f'name="version" value="{stored.version}"' in item
    post(auth_client, f"/assessments/{uid}/suggestions/E06/adopt",
         {"version": stored.version, "document": shas(app, uid)[-1]}, follow_redirects=True)
    adopted = answers_of(app, uid)["E06"]
    assert adopted.answer == {"Met": "met", "Partially met": "partially_met"}[shown.group(1)]
    assert reworded in adopted.quotation
    assert FUNDING not in adopted.quotation
    # Nothing is lost any more, so nothing is offered.
    again = auth_client.get(f"/assessments/{uid}/changes").get_data(as_text=True)
    assert "/suggestions/E06/adopt" not in again


def html_unescape(text: str) -> str:
    import html

    return html.unescape(text).replace("'", "’")


@pytest.mark.parametrize("lang,said", [
    ("en", "is the same as the current document, v1.txt (same content): nothing was changed."),
    ("fr", "est identique au document actuel, v1.txt (même contenu)\u00a0: rien n'a été "
           "modifié."),
])
def test_the_same_document_uploaded_again_changes_nothing_and_says_so(app, auth_client, lang,
                                                                      said):
    """A person unsure the upload went through sends the file again: no second version, no
    "replaces the previous document", no suggestions made again over their review."""
    post(auth_client, "/language", {"lang": lang})
    uid = create_assessment(auth_client, **upload(FIRST_DRAFT, "v1.txt"))
    before = shas(app, uid)
    answers = {key: (a.answer, a.justification, a.version)
               for key, a in answers_of(app, uid).items()}
    page = upload_revision(auth_client, uid, FIRST_DRAFT, "v1 (copie).txt").get_data(
        as_text=True)
    assert said in page.replace("&#39;", "'")
    assert shas(app, uid) == before
    with app.app_context():
        row = db.session.scalar(db.select(Assessment).where(Assessment.uid == uid))
        assert row.document_filename == "v1.txt"
    assert {key: (a.answer, a.justification, a.version)
            for key, a in answers_of(app, uid).items()} == answers


def test_the_same_document_uploaded_again_after_its_file_went_is_read_again(app, auth_client):
    """What the page asks when the file has gone from the upload folder: "Upload it again"."""
    uid = create_assessment(auth_client, **upload(FIRST_DRAFT, "v1.txt"))
    for path in Path(app.config["UPLOAD_DIR"]).glob(f"{shas(app, uid)[0]}.*"):
        path.unlink()
    page = upload_revision(auth_client, uid, FIRST_DRAFT, "v1.txt").get_data(as_text=True)
    assert "same content" not in page and "suggestions from the document" in page
    assert "CPP Ouest III" in auth_client.get(f"/assessments/{uid}/document").get_data(
        as_text=True)
