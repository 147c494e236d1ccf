"""The home page's list of assessments: search, pages, progress, and another user's data."""

from __future__ import annotations

import html
import io
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import create_assessment, login, make_user, post, save_answer

import checker.services.listing as listing
from checker.services.listing import folded


def table_body(page: str) -> str:
    """The rows of the list ("" when it shows none)."""
    return page.split("<tbody>", 1)[1].split("</tbody>", 1)[0] if "<tbody>" in page else ""


def titles(page: str) -> list[str]:
    """The titles listed, in order."""
    return [part.split("</a>", 1)[0].rsplit(">", 1)[1]
            for part in table_body(page).split('<th scope="row">')[1:]]


def test_folding_ignores_accents_and_capitals():
    assert folded("Étude ÉLAN à Montréal") == "etude elan a montreal"


def test_search_finds_by_title_npi_reference_and_ignores_accents(app, auth_client):
    create_assessment(auth_client, title="Étude ÉLAN de marche", npi_name="Marche nordique")
    create_assessment(auth_client, title="Yoga trial", npi_name="Hatha yoga",
                      reference="NCT04999999")
    create_assessment(auth_client, title="Diet paper", npi_name="Mediterranean diet")
    make_user(app, "bob")
    bob = app.test_client()
    login(bob, "bob")
    create_assessment(bob, title="Bob's etude secrète")

    def search(text: str) -> list[str]:
        return titles(auth_client.get("/", query_string={"q": text}).get_data(as_text=True))

    assert search("etude") == ["Étude ÉLAN de marche"]  # and not Bob's
    assert search("NORDIQUE") == ["Étude ÉLAN de marche"]
    assert search("nct04999999") == ["Yoga trial"]
    assert search("yoga hatha") == ["Yoga trial"]  # every word, in any order
    assert search("yoga diet") == []
    assert sorted(search("")) == ["Diet paper", "Yoga trial", "Étude ÉLAN de marche"]
    page = auth_client.get("/", query_string={"q": "zzz"}).get_data(as_text=True)
    assert "No assessment matches your search." in page and "0 assessments match" in page


def test_long_lists_come_a_page_at_a_time(app, auth_client, monkeypatch):
    monkeypatch.setattr(listing, "PAGE_SIZE", 2)
    for n in range(5):
        create_assessment(auth_client, title=f"Study {n}")
    first = auth_client.get("/").get_data(as_text=True)
    assert titles(first) == ["Study 4", "Study 3"]  # the latest first
    assert "Page 1 of 3." in first and 'rel="next"' in first and 'rel="prev"' not in first
    last = auth_client.get("/?page=3").get_data(as_text=True)
    assert titles(last) == ["Study 0"] and 'aria-current="page" href="/?page=3"' in last
    # The search is kept from page to page.
    searched = auth_client.get("/?q=study&page=2").get_data(as_text=True)
    assert titles(searched) == ["Study 2", "Study 1"] and "q=study&amp;page=3" in searched


@pytest.mark.parametrize("page", ["0", "-1", "abc", "99999999999999999999", "4"])
def test_a_page_number_out_of_range_shows_the_nearest_page(auth_client, monkeypatch, page):
    monkeypatch.setattr(listing, "PAGE_SIZE", 2)
    for n in range(3):
        create_assessment(auth_client, title=f"Study {n}")
    response = auth_client.get("/", query_string={"page": page})
    assert response.status_code == 200
    assert len(titles(response.get_data(as_text=True))) in (1, 2)


def test_progress_counts_what_a_person_answered_as_the_form_does(app, auth_client):
    uid = create_assessment(auth_client, title="Counted")
    save_answer(auth_client, uid, "E01", answer="met")
    save_answer(auth_client, uid, "E02", answer="not_reported")
    page = auth_client.get("/").get_data(as_text=True)
    # Shown short in the narrow column, the full sentence read by screen readers.
    full = "2 of 30 invariants answered by a person"
    assert re.search(rf'value="2"[^>]*></progress>\s*<br><span aria-hidden="true" '
                     rf'title="{full}">2 of 30 by a person</span>'
                     rf'<span class="visually-hidden">{full}</span>', page)
    form = auth_client.get(f"/assessments/{uid}").get_data(as_text=True)
    assert "2 of 30 invariants answered by a person" in form


def test_the_list_is_in_french(auth_client):
    create_assessment(auth_client, title="Étude")
    post(auth_client, "/language", {"lang": "fr"})
    page = auth_client.get("/", query_string={"q": "etude"}).get_data(as_text=True)
    assert "Rechercher" in page and "1\u00a0évaluation correspond" in page


def test_a_new_user_can_add_the_example_and_it_is_theirs_alone(app, auth_client):
    home = auth_client.get("/").get_data(as_text=True)
    assert "Start with an example" in home
    # What the tool does and the steps, before anything was made: a first look explains.
    assert "How it works" in home and "not NPIS's official text" in home
    assert "you accept, edit or reject each suggestion" in home
    response = post(auth_client, "/assessments/example", {})
    assert response.status_code == 302
    uid = response.headers["Location"].rstrip("/").split("/")[-1]
    form = auth_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Example — APA-FATIGUE" in form and "An example was added" in form
    # Answered as the demo is: by people, but for a few suggestions left to confirm.
    answered = int(re.search(r"(\d+) of 30 invariants answered by a person", form).group(1))
    assert 20 <= answered < 30 and "unconfirmed suggestion" in form
    results = auth_client.get(f"/assessments/{uid}/results")
    assert results.status_code == 200
    # It comes with its document, which holds every quotation word for word.
    document = auth_client.get(f"/assessments/{uid}/document").get_data(as_text=True)
    assert "APA-FATIGUE_protocol_excerpts.md" in document and "<mark>" in document
    assert "Quotations not found in this document" not in document
    report = auth_client.get(f"/assessments/{uid}/report.pdf?lang=fr")
    assert report.status_code == 200 and report.data.startswith(b"%PDF")
    # Once there is an assessment, the list takes the example's place.
    assert "Start with an example" not in auth_client.get("/").get_data(as_text=True)
    make_user(app, "bob")
    bob = app.test_client()
    login(bob, "bob")
    assert bob.get(f"/assessments/{uid}").status_code == 404
    assert "APA-FATIGUE" not in bob.get("/").get_data(as_text=True)


@pytest.mark.parametrize("lang, prefix, filename", [
    ("en", "Example — APA-FATIGUE: supervised", "APA-FATIGUE_protocol_excerpts.md"),
    ("fr", "Exemple — APA-FATIGUE\u00a0: activité physique adaptée",
     "APA-FATIGUE_extraits_du_protocole.md"),
])
def test_the_example_is_in_the_interfaces_language_and_its_quotations_check(
        app, auth_client, lang, prefix, filename):
    """A French interface gets the French protocol: title, answers, document and quotations in
    French; every quotation is marked in its document and found by the reports' check."""
    import io

    import openpyxl

    from checker.catalogue import get_catalogue
    from checker.demo import load_demo

    post(auth_client, "/language", {"lang": lang})
    response = post(auth_client, "/assessments/example", {})
    assert response.status_code == 302
    uid = response.headers["Location"].rstrip("/").split("/")[-1]
    form = html.unescape(auth_client.get(response.headers["Location"]).get_data(as_text=True))
    assert prefix in form
    demo = load_demo(get_catalogue(), lang=lang)
    assert demo.language == lang
    assert demo.answers["INT06"].justification in form
    with app.app_context():
        from checker.extensions import db
        from checker.models import Assessment
        stored = db.session.scalar(db.select(Assessment).where(Assessment.uid == uid))
        assert stored.language == lang and stored.document_filename.endswith(filename)
        assert {a.invariant_id: a.quotation for a in stored.answers} == {
            i: a.quotation for i, a in demo.answers.items()}
    document = html.unescape(auth_client.get(f"/assessments/{uid}/document")
                             .get_data(as_text=True))
    assert filename in document and "<mark>" in document
    assert "Quotations not found in this document" not in document
    assert "Citations introuvables dans ce document" not in document
    quoted = [a for a in demo.answers.values() if a.quotation]
    assert document.count("<mark") >= len({a.quotation for a in quoted})
    xlsx = auth_client.get(f"/assessments/{uid}/report.xlsx?lang={lang}")
    data = openpyxl.load_workbook(io.BytesIO(xlsx.data)).worksheets[-1]  # "Data", « Données »
    rows = list(data.iter_rows(values_only=True))
    found = {row[rows[0].index("invariant_id")]: row[rows[0].index("quotation_in_document")]
             for row in rows[1:]}
    assert {inv for inv, value in found.items() if value is True} == {a.invariant_id
                                                                     for a in quoted}
    assert not any(value is False for value in found.values())
    report = auth_client.get(f"/assessments/{uid}/report.pdf?lang={lang}")
    assert report.status_code == 200 and report.data.startswith(b"%PDF")


def test_adding_the_example_needs_the_form_token(auth_client):
    assert auth_client.post("/assessments/example").status_code == 400
    assert "Start with an example" in auth_client.get("/").get_data(as_text=True)


def test_the_empty_home_page_explains_the_steps_in_french(auth_client):
    post(auth_client, "/language", {"lang": "fr"})
    home = html.unescape(auth_client.get("/").get_data(as_text=True))
    assert "Comment ça marche" in home
    assert "ce n'est pas le texte officiel de la NPIS" in home
    assert "How it works" not in home


def test_the_list_shows_each_verdict_and_ethical_problems_to_compare(app, auth_client):
    """An ethics committee compares protocols from the list: the verdict and scores as the
    results page gives them, the ethical invariants not met, and the suggestions waiting."""
    clean = create_assessment(auth_client, title="Clean")
    flawed = create_assessment(auth_client, title="Flawed")
    save_answer(auth_client, flawed, "E02", answer="not_met", justification="No consent.")
    save_answer(auth_client, clean, "E02", answer="met")
    page = auth_client.get("/").get_data(as_text=True)
    row = {title: page.split(f">{title}</a>", 1)[1].split("</tr>", 1)[0]
           for title in ("Clean", "Flawed")}
    assert "1 ethical invariant not met or not reported" in row["Flawed"]
    assert "badge bad" not in row["Clean"]  # (its "why not" line names ethical invariants)
    for uid, title in ((clean, "Clean"), (flawed, "Flawed")):
        results = auth_client.get(f"/assessments/{uid}/results").get_data(as_text=True)
        verdict = results.split('class="card score verdict', 1)[1].split('class="big">', 1)[1]
        assert f"<strong>{verdict.split('<', 1)[0]}</strong>" in row[title]
    assert "Ethical 7.1%" in row["Clean"] and "suggestion" not in row["Clean"]


def _why_not(row: str) -> list[str]:
    """The lines of a listed row's "Why not a better verdict" (none without it)."""
    if 'class="why-not' not in row:
        return []
    folded_lines = row.split('class="why-not', 1)[1].split("</details>", 1)[0]
    return [html.unescape(item.split("</li>", 1)[0])
            for item in folded_lines.split("<li>")[1:]]


def _results_lines(client, uid: str) -> list[str]:
    page = client.get(f"/assessments/{uid}/results").get_data(as_text=True)
    shortfalls = page.split('class="verdict-shortfalls"', 1)[1].split("</ul>", 1)[0]
    return [html.unescape(item.split("</li>", 1)[0]) for item in shortfalls.split("<li>")[1:]]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_list_says_why_not_a_better_verdict_as_the_results_page(app, auth_client, lang):
    """Under each verdict, folded, the lines the results page gives under its verdict, in
    the reader's language; none for the best verdict."""
    from checker.catalogue import get_catalogue

    flawed = create_assessment(auth_client, title="Flawed")
    best = create_assessment(auth_client, title="Best")
    save_answer(auth_client, flawed, "E02", answer="not_met", justification="No consent.")
    for invariant in get_catalogue().invariants_for("interventional"):
        save_answer(auth_client, best, invariant.id, answer="met")
    post(auth_client, "/language", {"lang": lang})
    page = auth_client.get("/").get_data(as_text=True)
    row = {title: page.split(f">{title}</a>", 1)[1].split("</tr>", 1)[0]
           for title in ("Flawed", "Best")}
    lines = _why_not(row["Flawed"])
    assert lines == _results_lines(auth_client, flawed) and len(lines) == 2
    start = {"en": "Not “Compliant”: E02 answered “not met”, E01, E03,",
             "fr": "Pas «\u00a0Conforme\u00a0»\u00a0: "}[lang]
    assert lines[0].startswith(start), lines[0]
    summary = {"en": "Why not a better verdict", "fr": "Pourquoi pas un meilleur verdict"}
    assert f"<summary>{summary[lang]}</summary>" in row["Flawed"]
    assert _why_not(row["Best"]) == [] and "<details" not in row["Best"]


def test_the_list_counts_the_suggestions_waiting_for_review(app, auth_client):
    uid = create_assessment(auth_client, title="Uploaded", document=(
        io.BytesIO(b"The protocol was approved by the ethics committee CPP Ouest III on "
                   b"12 March 2024. Written informed consent will be obtained."), "p.txt"))
    page = auth_client.get("/").get_data(as_text=True)
    assert "30 unconfirmed suggestions" in page
    assert "— provisional: 30 of 30 answers are unconfirmed suggestions" in page
    post(auth_client, f"/assessments/{uid}/suggestions/accept", {})
    rows = table_body(auth_client.get("/").get_data(as_text=True))
    assert "unconfirmed suggestion" not in rows and "provisional" not in rows
    assert "30 of 30 invariants answered by a person" in rows


def link(page: str, rel: str) -> dict[str, list[str]]:
    """The query parameters of the page link ``rel`` ("next", "prev")."""
    href = re.search(rf'<a href="([^"]*)" rel="{rel}"', page).group(1)
    return parse_qs(urlsplit(html.unescape(href)).query)


def test_filters_and_order_are_kept_from_page_to_page(auth_client, monkeypatch):
    monkeypatch.setattr(listing, "PAGE_SIZE", 2)
    for n in range(5):
        create_assessment(auth_client, title=f"Study {n}")
    create_assessment(auth_client, title="Other")
    asked = {"q": "study", "verdict": "not_compliant", "study_type": "interventional",
             "pending": "", "sort": "title"}
    first = auth_client.get("/", query_string=asked).get_data(as_text=True)
    assert titles(first) == ["Study 0", "Study 1"] and "Page 1 of 3." in first
    kept = {"q": ["study"], "verdict": ["not_compliant"], "study_type": ["interventional"],
            "sort": ["title"]}
    assert link(first, "next") == kept | {"page": ["2"]}
    second = auth_client.get("/", query_string=link(first, "next")).get_data(as_text=True)
    assert titles(second) == ["Study 2", "Study 3"]
    assert link(second, "prev") == kept  # page 1 is the list's own address
    # What the list is filtered and sorted by shows in the form.
    assert '<option value="not_compliant" selected>' in second
    assert '<option value="interventional" selected>' in second
    assert '<option value="title" selected>' in second and 'value="study"' in second
    assert "5 assessments match “study” and the filters (of 6)." in html.unescape(second)
    assert "Order: Title, A to Z." in second


def test_the_ethical_problems_filter_on_the_page(auth_client):
    create_assessment(auth_client, title="Clean")
    flawed = create_assessment(auth_client, title="Flawed")
    save_answer(auth_client, flawed, "E02", answer="not_met", justification="No consent.")
    page = auth_client.get("/?ethical_problems=1").get_data(as_text=True)
    assert titles(page) == ["Flawed"] and "1 assessment matches the filters (of 2)." in page
    assert re.search(r'name="ethical_problems" value="1" checked', page)
    assert not re.search(r'name="pending" value="1" checked', page)


def test_sorting_by_verdict_on_the_page(auth_client):
    worse = create_assessment(auth_client, title="Worse")
    create_assessment(auth_client, title="Later")
    for inv in ("E01", "E02"):
        save_answer(auth_client, worse, inv, answer="not_met", justification="Missing.")
    assert titles(auth_client.get("/").get_data(as_text=True)) == ["Worse", "Later"]
    assert titles(auth_client.get("/?sort=problems").get_data(as_text=True)) == [
        "Worse", "Later"]
    # Both not compliant: a tie, kept in the default order.
    assert titles(auth_client.get("/?sort=verdict").get_data(as_text=True)) == [
        "Worse", "Later"]
    assert titles(auth_client.get("/?sort=title").get_data(as_text=True)) == ["Later", "Worse"]


def test_no_match_says_so_and_offers_to_clear_the_filters(auth_client):
    create_assessment(auth_client, title="Study")
    page = html.unescape(auth_client.get(
        "/?q=study&verdict=compliant&sort=title").get_data(as_text=True))
    assert titles(page) == [] and "No assessment matches these filters." in page
    assert '<a href="/?q=study&sort=title">Clear the filters</a>' in page
    assert '<a href="/?sort=title">Show all</a>' in page
    assert "0 assessments match “study” and the filters (of 1)." in page
    cleared = auth_client.get("/?q=study&sort=title").get_data(as_text=True)
    assert titles(cleared) == ["Study"]


@pytest.mark.parametrize("query", [
    "verdict=%00", "verdict=" + "x" * 5000, "verdict=Compliant", "study_type=%FF%FE",
    "study_type=Interventional", "sort=%00", "sort=" + "z" * 5000, "sort=VERDICT",
    "ethical_problems=on", "ethical_problems=%00", "pending=2", "pending=" + "1" * 500,
    "page=1e3&sort=&verdict=&study_type=",
])
def test_values_the_list_cannot_apply_are_ignored(auth_client, query):
    for title in ("One", "Two"):
        create_assessment(auth_client, title=title)
    response = auth_client.get(f"/?{query}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert titles(page) == ["Two", "One"] and "2 assessments." in page
    assert '<option value="updated" selected>' in page
    # No verdict or study type chosen: the first option, "any", shows; no box is ticked.
    assert page.count(" selected>") == 1 and " checked>" not in page


def test_the_form_is_labelled_and_in_french(auth_client):
    create_assessment(auth_client, title="Étude")
    page = auth_client.get("/").get_data(as_text=True)
    for control in ("q", "verdict", "study_type", "sort"):
        assert f'<label for="{control}">' in page and f'id="{control}"' in page
    assert "<legend>Show only those</legend>" in page
    assert '<button type="submit">Apply</button>' in page
    post(auth_client, "/language", {"lang": "fr"})
    page = html.unescape(auth_client.get("/?verdict=not_compliant&sort=verdict")
                         .get_data(as_text=True))
    assert '<button type="submit">Appliquer</button>' in page
    assert "Trier par" in page and '<option value="not_compliant" selected>Non conforme' in page
    assert "1\u00a0évaluation correspond aux filtres (sur 1)." in page
    assert "Ordre\u00a0: Verdict, le moins bon d'abord." in page
    # The "no filter" choices read as French lists do.
    assert '<option value="">Tous les verdicts</option>' in page
    assert "<option value=\"\">Tous les types d'étude</option>" in page


def test_a_restarted_app_does_not_compile_its_templates_again(make_app, monkeypatch):
    """The compiled templates are kept between starts (Jinja's bytecode cache): the first
    page after a start does not pay their compilation again (about 100 ms for the home
    page's)."""
    import jinja2

    assert make_app().test_client().get("/auth/login").status_code == 200
    compiled = []
    real = jinja2.Environment.compile
    monkeypatch.setattr(jinja2.Environment, "compile",
                        lambda self, *args, **kwargs: compiled.append(1) or real(self, *args,
                                                                                 **kwargs))
    again = make_app()
    assert again.test_client().get("/auth/login").status_code == 200
    assert compiled == []
