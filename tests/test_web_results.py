"""Results page, catalogue snapshots, downloads (PDF, Excel, JSON) and JSON import."""

from __future__ import annotations

import html
import io
import json
import re

import openpyxl
import pypdf
import pytest
from conftest import create_assessment, login, make_user, post
from markupsafe import escape
from sqlalchemy import select
from test_dossier_advice import older_catalogue_data

from checker.catalogue import get_catalogue, pick
from checker.extensions import db
from checker.models import Assessment


def answer(client, uid, inv_id, value, justification=""):
    data = {f"{inv_id}-answer": value, f"{inv_id}-version": "0",
            f"{inv_id}-justification": justification}
    assert post(client, f"/assessments/{uid}/answers/{inv_id}", data).status_code == 302


def test_results_page_scores_verdict_gaps_figure_provenance(auth_client, assessment):
    catalogue = get_catalogue()
    answer(auth_client, assessment, "E01", "met")
    answer(auth_client, assessment, "E02", "not_met")
    answer(auth_client, assessment, "INT01", "partially_met")
    page = auth_client.get(f"/assessments/{assessment}/results").get_data(as_text=True)
    assert "Ethical score" in page and "Methodological score" in page
    assert pick(catalogue.scoring.verdicts[-1].label, "en") in page  # an ethical not met
    assert "<svg" in page
    e02 = catalogue.invariant("E02")
    assert str(escape(pick(e02.remedy("protocol"), "en"))) in page  # how to fix what is not met
    e03 = catalogue.invariant("E03")
    assert str(escape(pick(e03.guidance_protocol.met, "en"))) in page  # unreported: expected
    assert str(escape(pick(catalogue.provenance, "en")))[:80] in page
    assert f"{catalogue.version}" in page
    assert "3 of 30 invariants answered" in page
    assert "NPIS© certified" not in page and "NPIS© label awarded" not in page
    # Beside the verdict itself, not only in the footer: a self-check, never the label.
    verdict = page.split('class="card score verdict', 1)[1].split("</section>", 1)[0]
    assert "this verdict does not award or imply the NPIS© label" in verdict


def _e02_not_met_results(client) -> tuple[dict[str, str], dict[str, str]]:
    """A protocol and a paper, each with E02 answered "not met": their uids and results
    pages, by kind."""
    uids, pages = {}, {}
    for kind in ("protocol", "paper"):
        uids[kind] = uid = create_assessment(client, document_kind=kind)
        answer(client, uid, "E02", "not_met")
        pages[kind] = client.get(f"/assessments/{uid}/results").get_data(as_text=True)
    return uids, pages


def test_how_to_fix_it_is_worded_for_the_kind_of_document(auth_client):
    """A paper is asked what its authors should report (or where a published paper's missing
    part may be found), not told to add it to a protocol; a protocol keeps its own advice."""
    e02 = get_catalogue().invariant("E02")
    _, pages = _e02_not_met_results(auth_client)
    for kind, other in (("protocol", "paper"), ("paper", "protocol")):
        for text in (e02.remedy(kind), e02.example(kind)):
            assert str(escape(pick(text, "en"))) in pages[kind], kind
        for text in (e02.remedy(other), e02.example(other)):
            assert str(escape(pick(text, "en"))) not in pages[kind], kind
    # And the expectation is said to be the paper's (or the protocol's), as in the review.
    assert "<dt>What is expected in a protocol</dt>" in pages["protocol"]
    assert "<dt>What is expected in a published paper</dt>" in pages["paper"]
    assert "What is expected in a protocol" not in pages["paper"]


def test_a_papers_results_give_the_advice_for_a_dossier_labelled(auth_client):
    """Beside what to ask the authors, a paper's results say, labelled, where a submitter whose
    paper is already published may find the missing part; a protocol's do not."""
    e02 = get_catalogue().invariant("E02")
    uids, pages = _e02_not_met_results(auth_client)
    advice = escape(pick(e02.dossier_advice("paper"), "en"))
    assert f"<dt>For a dossier</dt><dd>{advice}</dd>" in pages["paper"]
    assert "For a dossier" not in pages["protocol"] and advice not in pages["protocol"]
    auth_client.post("/language", data={"lang": "fr", "next": "/",
                                        "csrf_token": _token(auth_client)})
    french = auth_client.get(f"/assessments/{uids['paper']}/results").get_data(as_text=True)
    advice = escape(pick(e02.dossier_advice("paper"), "fr"))
    assert f"<dt>Pour un dossier</dt><dd>{advice}</dd>" in french


def _paper_assessed_with(data: dict, make_app, tmp_path) -> str:
    """The uid of alice's paper assessment (E02 not met) made by an installation whose
    catalogue is ``data`` (an older version of the current one)."""
    older_path = tmp_path / "older.json"
    older_path.write_text(json.dumps(data), encoding="utf-8")
    older_app = make_app(NPIS_CATALOGUE=str(older_path))
    make_user(older_app, "alice")
    client = older_app.test_client()
    login(client, "alice")
    uid = create_assessment(client, document_kind="paper")
    answer(client, uid, "E02", "not_met")
    return uid


def test_assessment_made_before_the_advice_for_a_dossier_keeps_its_paper_remedy(make_app,
                                                                                  tmp_path):
    """An assessment made with catalogue 1.4.1, whose paper remedies ended with the advice
    for a dossier, keeps that remedy whole and shows no separate advice."""
    data = older_catalogue_data()
    old_uid = _paper_assessed_with(data, make_app, tmp_path)

    client = make_app().test_client()
    login(client, "alice")
    page = client.get(f"/assessments/{old_uid}/results").get_data(as_text=True)
    e02 = data["invariants"][[inv["id"] for inv in data["invariants"]].index("E02")]
    assert str(escape(e02["remedy"]["paper"]["en"])) in page
    assert "For a dossier" not in page
    review = client.get(f"/assessments/{old_uid}/review.txt").get_data(as_text=True)
    assert e02["remedy"]["paper"]["en"] in review


def test_assessment_made_before_texts_per_kind_keeps_its_one_remedy(make_app, tmp_path):
    """An assessment made with a catalogue that had one remedy and example for both kinds of
    document (up to 1.1.0) is still shown, reported and exported with that catalogue's texts
    once the installation uses the current one; a new assessment gets the paper's own."""
    current = get_catalogue()
    data = current.to_dict()
    data["version"] = "1.0.1"
    for inv in data["invariants"]:
        inv["remedy"], inv["example"] = inv["remedy"]["protocol"], inv["example"]["protocol"]
    old_uid = _paper_assessed_with(data, make_app, tmp_path)

    client = make_app().test_client()
    login(client, "alice")
    new_uid = create_assessment(client, document_kind="paper")
    answer(client, new_uid, "E02", "not_met")
    e02 = current.invariant("E02")
    old_page = client.get(f"/assessments/{old_uid}/results").get_data(as_text=True)
    new_page = client.get(f"/assessments/{new_uid}/results").get_data(as_text=True)
    assert "1.0.1" in old_page and current.version in new_page
    assert str(escape(pick(e02.remedy("protocol"), "en"))) in old_page
    assert str(escape(pick(e02.remedy("paper"), "en"))) not in old_page
    assert str(escape(pick(e02.remedy("paper"), "en"))) in new_page
    for suffix in ("report.pdf", "report.xlsx", "export.json", "review.txt"):
        response = client.get(f"/assessments/{old_uid}/{suffix}")
        assert response.status_code == 200, suffix
    review = client.get(f"/assessments/{old_uid}/review.txt").get_data(as_text=True)
    assert pick(e02.remedy("protocol"), "en") in review


def test_results_table_gives_each_answer_s_quotations_folded(auth_client, assessment):
    """An assessor citing the document (in a committee's letter) finds the quotations on the
    results page, each part of a joined quotation on its own, not only in the reports."""
    data = {"E01-answer": "met", "E01-version": "0", "E01-justification": "Approved.",
            "E01-quotation": "Approved by CPP Ouest III.\n[…]\nReference 2024-A01234-56.",
            "E02-answer": "met", "E02-version": "0", "E02-justification": "Signed forms.",
            "E02-quotation": "Written consent <will> be obtained."}
    for inv in ("E01", "E02"):
        fields = {k: v for k, v in data.items() if k.startswith(inv)}
        assert post(auth_client, f"/assessments/{assessment}/answers/{inv}",
                    fields).status_code == 302
    answer(auth_client, assessment, "E03", "not_reported", "Nothing on registration.")
    page = auth_client.get(f"/assessments/{assessment}/results").get_data(as_text=True)
    row = page.split('<th scope="row">E01 ', 1)[1].split("</tr>", 1)[0]
    assert "<summary>Quotations (2)</summary>" in row
    assert re.findall(r"<blockquote[^>]*>([^<]*)</blockquote>", row) == [
        "Approved by CPP Ouest III.", "Reference 2024-A01234-56."]
    e02 = page.split('<th scope="row">E02 ', 1)[1].split("</tr>", 1)[0]
    assert "<summary>Quotation</summary>" in e02
    assert "Written consent &lt;will&gt; be obtained." in e02  # escaped
    e03 = page.split('<th scope="row">E03 ', 1)[1].split("</tr>", 1)[0]
    assert "<details" not in e03


def test_results_table_gives_the_place_as_the_reports_do(auth_client, assessment):
    """The place of a quotation reads "p. 6, 9.1 Ethics committee", as in the reports: a
    page and a numbered section side by side with a slash ("6 / 9.1") read as a fraction
    beside the points column."""
    fields = {"E01-answer": "met", "E01-version": "0", "E01-justification": "Approved.",
              "E01-quotation": "Approved by CPP Ouest III.", "E01-page": "6",
              "E01-section": "9.1 Ethics committee"}
    assert post(auth_client, f"/assessments/{assessment}/answers/E01",
                fields).status_code == 302
    page = auth_client.get(f"/assessments/{assessment}/results").get_data(as_text=True)
    assert '<th scope="col">Location</th>' in page
    row = page.split('<th scope="row">E01 ', 1)[1].split("</tr>", 1)[0]
    assert "<td>p. 6, 9.1 Ethics committee</td>" in row


def test_results_in_french(auth_client, assessment):
    auth_client.post("/language", data={"lang": "fr", "next": "/",
                                        "csrf_token": _token(auth_client)})
    page = auth_client.get(f"/assessments/{assessment}/results").get_data(as_text=True)
    assert '<html lang="fr">' in page
    catalogue = get_catalogue()
    assert str(escape(pick(catalogue.provenance, "fr")))[:60] in page
    assert str(escape(pick(catalogue.invariant("E02").title, "fr"))) in page
    assert "Score éthique" in page
    assert "ce verdict n'attribue ni ne laisse supposer le label NPIS©" in page
    # One French name for an unanswered invariant: the table's, the figure's and the reports'.
    assert "Pas encore renseigné" in page.split('class="figure"', 1)[1].split("</section>", 1)[0]
    assert "Sans réponse" not in page


def _token(client):
    from conftest import csrf_token

    return csrf_token(client)


def test_old_assessment_keeps_its_catalogue_snapshot(make_app, tmp_path):
    base = get_catalogue()
    data = base.to_dict()
    data["version"] = "9.9.9"
    data["invariants"][0]["title"]["en"] = "Renamed ethics invariant in the new catalogue"
    newer_path = tmp_path / "newer.json"
    newer_path.write_text(json.dumps(data), encoding="utf-8")

    app = make_app()
    make_user(app, "alice")
    client = app.test_client()
    login(client, "alice")
    old_uid = create_assessment(client)

    newer_app = make_app(NPIS_CATALOGUE=str(newer_path))
    client2 = newer_app.test_client()
    login(client2, "alice")
    new_uid = create_assessment(client2)
    old_page = client2.get(f"/assessments/{old_uid}/results").get_data(as_text=True)
    new_page = client2.get(f"/assessments/{new_uid}/results").get_data(as_text=True)
    assert "Renamed ethics invariant" not in old_page and base.version in old_page
    assert "Renamed ethics invariant" in new_page and "9.9.9" in new_page
    with newer_app.app_context():
        versions = {a.uid: a.catalogue_version for a in db.session.scalars(select(Assessment))}
    assert versions == {old_uid: base.version, new_uid: "9.9.9"}


def test_the_active_catalogue_stands_for_its_stored_snapshot(app, assessment, monkeypatch):
    """After a start no snapshot is built yet: once the active catalogue is loaded, the
    assessments made with it are scored with it, not with a second copy built and validated
    again from the stored data (about 0.15 s of the first view after a start)."""
    from checker.services import snapshots
    from checker.services.assessments import catalogue_of

    monkeypatch.setattr(snapshots, "_BY_FINGERPRINT", {})  # as in a process just started
    with app.app_context():
        active = snapshots.active_catalogue()
        stored = db.session.scalar(select(Assessment).where(Assessment.uid == assessment))
        assert catalogue_of(stored) is active


def test_pdf_reports_in_both_languages(auth_client, assessment):
    answer(auth_client, assessment, "E01", "met")
    for lang in ("en", "fr"):
        response = auth_client.get(f"/assessments/{assessment}/report.pdf?lang={lang}")
        assert response.status_code == 200
        assert response.mimetype == "application/pdf"
        assert "attachment" in response.headers["Content-Disposition"]
        reader = pypdf.PdfReader(io.BytesIO(response.data))
        text = " ".join(page.extract_text() for page in reader.pages)
        assert "Walking programme after stroke" in text
        assert "E01" in text


def test_excel_report(auth_client, assessment):
    answer(auth_client, assessment, "E01", "met", "named committee")
    response = auth_client.get(f"/assessments/{assessment}/report.xlsx?lang=fr")
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(response.data))
    values = {str(c.value) for ws in workbook.worksheets for row in ws.iter_rows() for c in row
              if c.value is not None}
    assert "E01" in values
    assert any("Walking programme after stroke" in v for v in values)


def test_report_bad_format_or_language(auth_client, assessment):
    assert auth_client.get(f"/assessments/{assessment}/report.docx").status_code == 404
    assert auth_client.get(f"/assessments/{assessment}/report.pdf?lang=de").status_code == 400


def test_json_export_then_import_creates_an_owned_copy(app, auth_client, assessment):
    answer(auth_client, assessment, "E01", "met", "CPP")
    exported = auth_client.get(f"/assessments/{assessment}/export.json")
    assert exported.status_code == 200
    data = json.loads(exported.data)
    assert [a["invariant_id"] for a in data["answers"]] == ["E01"]

    make_user(app, "bob")
    bob = app.test_client()
    login(bob, "bob")
    response = post(bob, "/assessments/import",
                    {"file": (io.BytesIO(exported.data), "export.json")},
                    content_type="multipart/form-data")
    assert response.status_code == 302
    new_uid = response.headers["Location"].split("/")[-1]
    assert new_uid != assessment
    page = bob.get(f"/assessments/{new_uid}").get_data(as_text=True)
    assert "Walking programme after stroke" in page and "1 of 30" in page
    assert bob.get(f"/assessments/{assessment}").status_code == 404  # still alice's only


def test_import_refuses_bad_files_with_messages(auth_client, assessment):
    exported = json.loads(auth_client.get(f"/assessments/{assessment}/export.json").data)
    unknown_catalogue = dict(exported, catalogue={**exported["catalogue"], "fingerprint": "f" * 64})
    cases = [
        (b"{not json", "malformed JSON"),
        (json.dumps({"format": "something-else"}).encode(), "not a valid npis-checker export"),
        (json.dumps(unknown_catalogue).encode(), "which this installation does not have"),
    ]
    for body, message in cases:
        response = post(auth_client, "/assessments/import",
                        {"file": (io.BytesIO(body), "x.json")},
                        content_type="multipart/form-data")
        assert response.status_code == 400
        assert message in response.get_data(as_text=True)
    response = post(auth_client, "/assessments/import", {}, content_type="multipart/form-data")
    assert response.status_code == 400
    assert "Choose a JSON file" in response.get_data(as_text=True)


def test_import_problems_are_in_the_readers_language(auth_client, assessment):
    exported = json.loads(auth_client.get(f"/assessments/{assessment}/export.json").data)
    exported["assessment"]["domain"] = "yes"
    exported["assessment"]["created_at"] = 12
    post(auth_client, "/language", {"lang": "fr"})
    response = post(auth_client, "/assessments/import",
                    {"file": (io.BytesIO(json.dumps(exported).encode()), "x.json")},
                    content_type="multipart/form-data")
    assert response.status_code == 400
    page = html.unescape(response.get_data(as_text=True))
    assert "Ce qui ne va pas, par champ du fichier" in page
    assert ("assessment.domain\u00a0: «\u00a0yes\u00a0» ne fait pas partie des valeurs admises"
            in page)


def test_report_file_names_keep_the_letters_of_accented_titles(auth_client):
    from checker.blueprints._common import slug

    assert slug("APALOMB (édité) : être ou ne pas être", "x") == "APALOMB-edite-etre-ou-ne-pas-etre"
    assert slug("«»", "assessment") == "assessment"
    # A long title keeps its first words whole (60 characters at most).
    long_title = ("Programme d'activité physique adaptée après un cancer du sein : protocole "
                  "d'un essai randomisé")
    assert slug(long_title, "x") == "Programme-d-activite-physique-adaptee-apres-un-cancer-du"
    assert slug("Tai chi for the prevention of falls in older adults living at home",
                "x") == "Tai-chi-for-the-prevention-of-falls-in-older-adults-living"
    assert slug("A" * 70, "x") == "A" * 60
    uid = create_assessment(auth_client, title="Activité physique adaptée")
    response = auth_client.get(f"/assessments/{uid}/report.xlsx?lang=fr")
    assert "Activite-physique-adaptee" in response.headers["Content-Disposition"]
    # The report's identifier is in its name, as in a dossier's: two downloads differ.
    from checker.services.stamps import read_stamp

    stamp = read_stamp(response.data)[1]
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="Activite-physique-adaptee-fr-{stamp.report_id}.xlsx"')
    from test_dossiers import new_dossier

    dossier = new_dossier(auth_client, npi_name="Marche")
    named = auth_client.get(f"/dossiers/{dossier}/report.pdf?lang=fr")
    assert named.headers["Content-Disposition"].startswith(
        'attachment; filename="Marche-fr-NPIS-CHK-')


def test_the_document_is_read_once_for_repeated_views_of_the_results(auth_client, monkeypatch):
    """The results page checks its quotations against the document (for the review to paste):
    a stored file never changes, so it is read once, not on every view."""
    from test_suggestions import upload

    from checker.services import suggestions

    uid = create_assessment(auth_client, **upload())
    reads: list[str] = []
    real = suggestions.extract_document
    monkeypatch.setattr(suggestions, "extract_document",
                        lambda data, name: reads.append(name) or real(data, name))
    suggestions._text_of.cache_clear()
    for _ in range(3):
        assert auth_client.get(f"/assessments/{uid}/results").status_code == 200
        assert auth_client.get(f"/assessments/{uid}").status_code == 200
    assert len(reads) == 1


def test_results_page_says_why_not_a_better_verdict(auth_client, assessment):
    """Under the verdict, one line per better verdict with what kept the assessment from it,
    in the interface language: E02 not met bars both, the unanswered ethical invariants
    (scored as not reported) bar compliance only."""
    catalogue = get_catalogue()
    answer(auth_client, assessment, "E02", "not_met")
    unanswered = [inv.id for inv in catalogue.invariants_for("interventional")
                  if inv.is_ethical and inv.id != "E02"]
    # Past six invariants, the first five are named and the rest counted.
    listed = f"{', '.join(unanswered[:5])} and {len(unanswered) - 5} more"
    expected = {
        "en": [f"Not “Compliant”: E02 answered “not met”, {listed} not answered yet "
               "(Compliant allows no ethical invariant answered “not met” or “not reported”); "
               "methodological score 0% (Compliant needs at least 80%).",
               "Not “Compliant with reservations”: E02 answered “not met” (Compliant with "
               "reservations allows no ethical invariant answered “not met”); methodological "
               "score 0% (Compliant with reservations needs at least 60%)."],
        "fr": ["Pas «\u00a0Conforme avec réserves\u00a0»\u00a0: réponse «\u00a0non "
               "respecté\u00a0» pour E02 (Conforme avec réserves n'admet aucun invariant "
               "éthique avec la réponse «\u00a0non respecté\u00a0»)\u00a0; score méthodologique "
               "0\u00a0% (Conforme avec réserves demande au moins 60\u00a0%)."],
    }
    for lang in ("en", "fr"):
        auth_client.post("/language", data={"lang": lang, "next": "/",
                                            "csrf_token": _token(auth_client)})
        page = html.unescape(auth_client.get(f"/assessments/{assessment}/results")
                             .get_data(as_text=True))
        assert f'<html lang="{lang}">' in page
        under = page.split('class="card score verdict', 1)[1].split('class="help verdict-scope"')[0]
        items = re.findall(r"<li>(.*?)</li>", under, re.S)
        assert len(items) == 2, lang
        for line in expected[lang]:
            assert line in items, (lang, line)
    # The best verdict: nothing more under it.
    for inv in catalogue.invariants_for("interventional"):
        if inv.id != "E02":
            answer(auth_client, assessment, inv.id, "met")
    assert post(auth_client, f"/assessments/{assessment}/answers/E02",
                {"E02-answer": "met", "E02-version": "1"}).status_code == 302
    page = auth_client.get(f"/assessments/{assessment}/results").get_data(as_text=True)
    assert 'verdict verdict-compliant"' in page and "verdict-shortfalls" not in page


def test_the_pages_word_why_not_a_better_verdict_as_the_reports(app, auth_client, assessment,
                                                                monkeypatch):
    """One wording for the lines under the verdict, exports/labels.yaml's: the results page
    and the list of assessments follow a change there, in each language, as the reports do
    (they once had their own copy through Flask-Babel)."""
    import exports.labels
    from checker.services.assessments import to_record
    from checker.services.scoring import score_assessment
    from exports.context import shortfall_lines

    entries = dict(exports.labels._all())
    entries["shortfall"] = {"en": "NOT {verdict} BECAUSE {reasons}.",
                            "fr": "PAS {verdict} CAR {reasons}."}
    entries["and_more"] = {"en": "{named} + {count}", "fr": "{named} + {count} encore"}
    monkeypatch.setattr(exports.labels, "_all", lambda: entries)
    answer(auth_client, assessment, "E02", "not_met")
    with app.app_context():
        record = to_record(db.session.execute(
            select(Assessment).filter_by(uid=assessment)).scalar_one())
    score = score_assessment(get_catalogue(), record)
    for lang, start in (("en", "NOT “Compliant” BECAUSE E02 answered “not met”, E01, "),
                        ("fr", "PAS «\u00a0Conforme\u00a0» CAR réponse «\u00a0non")):
        reports = shortfall_lines(get_catalogue(), score, lang)
        assert reports[0].startswith(start) and " + 8" in reports[0], reports
        post(auth_client, "/language", {"lang": lang, "next": "/"})
        results = html.unescape(auth_client.get(f"/assessments/{assessment}/results")
                                .get_data(as_text=True))
        under = results.split('class="verdict-shortfalls"', 1)[1].split("</ul>", 1)[0]
        assert re.findall(r"<li>(.*?)</li>", under, re.S) == reports, lang
        listed = html.unescape(auth_client.get("/").get_data(as_text=True))
        folded = listed.split('class="why-not', 1)[1].split("</details>", 1)[0]
        assert re.findall(r"<li>(.*?)</li>", folded, re.S) == reports, lang


@pytest.mark.parametrize("lang,said", [
    ("en", "this is a {kind} file, not an npis-checker JSON export: on the assessment's Results "
           "page, download its “JSON export” and import that file"),
    ("fr", "c'est un fichier {kind}, pas un export JSON de npis-checker\u00a0: sur la page "
           "Résultats de l'évaluation, téléchargez son «\u00a0Export JSON\u00a0» et importez ce "
           "fichier-là"),
])
def test_a_report_imported_instead_of_the_json_export_is_named(auth_client, assessment, lang,
                                                                said):
    """The PDF or Excel report is the file a person most often picks by mistake: the page
    says which file to take instead, not "malformed JSON at line 1" (or undecodable bytes)."""
    post(auth_client, "/language", {"lang": lang})
    for fmt, kind in (("pdf", "PDF"), ("xlsx", "Excel")):
        report = auth_client.get(f"/assessments/{assessment}/report.{fmt}").data
        response = post(auth_client, "/assessments/import",
                        {"file": (io.BytesIO(report), f"rapport.{fmt}")},
                        content_type="multipart/form-data")
        assert response.status_code == 400
        assert said.format(kind=kind) in html.unescape(response.get_data(as_text=True))


def test_malformed_json_is_said_in_the_readers_language(auth_client):
    """The decoder's reason came in English only ("Expecting value") on the French page."""
    post(auth_client, "/language", {"lang": "fr"})
    response = post(auth_client, "/assessments/import",
                    {"file": (io.BytesIO(b'{"format": }'), "x.json")},
                    content_type="multipart/form-data")
    page = html.unescape(response.get_data(as_text=True))
    assert "JSON mal formé à la ligne 1, colonne 12\u00a0: une valeur était attendue" in page
    assert "Expecting" not in page
