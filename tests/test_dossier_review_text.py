"""A dossier's structured review as plain text: its content in English and French (each
study's part says what that study's own review says), the web route and its owner, an empty
dossier, unconfirmed suggestions, the dossier page and ``npis-check dossier report --format
txt``."""

from __future__ import annotations

import html
import re

import pytest
from conftest import create_assessment, login, make_user, post, save_answer
from dossier_support import PEER, imported_study
from test_dossiers import DOSSIER, add, new_dossier, screening_answers
from test_review_text import plain, section

from checker.catalogue import get_catalogue, pick
from checker.cli import main
from checker.services.dossier_view import build_view
from checker.services.dossiers import find_dossier
from checker.services.snapshots import active_catalogue
from exports.labels import labels

NBSP = "\u00a0"
DATE_LINE = re.compile(r"^- (Review generated|Avis produit)\S*\s*:.*\n", re.M)


def example_study(client) -> str:
    """The example assessment: a protocol with a document, eleven points to address, two of
    them unconfirmed automatic suggestions."""
    response = post(client, "/assessments/example", {})
    return response.headers["Location"].rstrip("/").split("/")[-1]


def small_study(client) -> str:
    """An assessment begun by hand: one answer, so incomplete."""
    uid = create_assessment(client, title="Nordic walking after stroke")
    save_answer(client, uid, "E02", answer="not_met",
                justification="Consent is mentioned\nbut not how it is obtained.",
                quotation="Participants will consent.", page="4")
    return uid


def three_studies(app, client, username) -> tuple[str, list[str]]:
    uid = new_dossier(client)
    studies = [example_study(client),
               imported_study(app, username, "interventional", title="Sound trial",
                              publication=PEER),
               small_study(client)]
    for study in studies:
        assert add(client, uid, study).status_code == 302
    return uid, studies


def review(client, uid: str, lang: str) -> str:
    response = client.get(f"/dossiers/{uid}/review.txt?lang={lang}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def study_part(text: str, lab, n: int) -> str:
    """Everything under ``## Study n`` up to the next ``## `` heading."""
    start = text.index(f"\n## {lab('study_n', n=n)}\n") + 1
    end = text.index("\n## ", start)
    return text[start:end + 1]


def demoted(block: str) -> str:
    """A study review's section one heading level down, as the dossier's review nests it."""
    return re.sub(r"^(#+) ", r"#\1 ", block, flags=re.M)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_each_study_says_what_its_own_review_says(app, auth_client, user, lang):
    uid, studies = three_studies(app, auth_client, user)
    text = review(auth_client, uid, lang)
    lab = labels(lang)
    colon = lab["colon"]
    plain(text)

    header = text.split("\n## ", 1)[0]
    assert header.startswith(f"# {lab['dossier_review_title']}\n")
    assert f"- {lab['npi']}{colon} {DOSSIER['npi_name']}\n" in header
    assert f"- {lab['health_problem']}{colon} {DOSSIER['health_problem']}\n" in header
    assert f"- {lab['deployment_country']}{colon} France\n" in header
    assert f"- {lab['dossier_id']}{colon} {uid}\n" in header
    assert f"- {lab['screening']}{colon} {lab['screening_not_done']}\n" in header
    # The honesty lines: a self-check, never the label; npis-checker's wording.
    assert lab["self_check_statement"] in header and lab["review_wording_note"] in header
    assert "NPIS©" in header
    # Names stay out, as in a study's review: it may be blind.
    assert user not in text

    glance = section(text, lab("review_count", heading=lab["studies"], count=3))
    assert re.findall(r"^(\d)\. ", glance, re.M) == ["1", "2", "3"]
    second = next(line for line in glance.splitlines() if line.startswith("2. "))
    assert second.startswith("2. Sound trial — ")
    assert second.endswith(f"{lab['counts_towards']}{colon} {lab['bool_yes']}")

    for n, study in enumerate(studies, start=1):
        own = auth_client.get(f"/assessments/{study}/review.txt?lang={lang}")
        own = own.get_data(as_text=True)
        part = study_part(text, lab, n)
        # The study's details, verdict, why not a better one and scores: its review's
        # header items, but for the date (said once, in the dossier's header).
        items = DATE_LINE.sub("", own.split("\n\n", 1)[1].split("\n\n", 1)[0] + "\n")
        assert part.startswith(f"## {lab('study_n', n=n)}\n\n{items}"), (part[:800], items)
        points = demoted(section(own, lab["review_points"]))
        assert points in part
        assert f"- {lab['counts_towards']}{colon} " in part

    first = study_part(text, lab, 1)
    # Why it is not "Compliant", nested under its verdict (as in its review's items above).
    assert re.search(rf"^- {lab['verdict']}{colon} .*\n    - \S", first, re.M)
    assert lab("unconfirmed_warning", count=2) in first
    assert first.count(f"({lab['review_unconfirmed']})") == 2
    sound = study_part(text, lab, 2)
    assert lab["review_points_none"] in sound and "    - " not in sound  # best verdict
    assert f"- {lab['journal']}{colon} J Rehabil Med\n" in sound
    third = study_part(text, lab, 3)
    assert "Consent is mentioned but not how it is obtained." in third
    assert lab("incomplete_warning", missing=29, total=30) in third

    notes = header.split(f"{lab['review_notes']}{colon}", 1)[1]
    assert lab("dossier_review_unconfirmed",
               studies=lab("dossier_review_study_ref", n=1)) in notes
    assert lab("dossier_review_incomplete",
               studies=lab("dossier_review_study_ref", n=3)) in notes

    with app.app_context():
        view = build_view(find_dossier(uid), active_catalogue(), lang)
    sufficiency = text[text.index(f"\n## {lab['sufficiency']}\n"):]
    assert len(re.findall(r"^- .* \(.*\)\S*\s*: minimum ≥ \d", sufficiency, re.M)) == 5
    for line in view.sufficiency.missing:
        assert f"- {line}\n" in sufficiency
    assert text.rstrip().endswith(lab("dossier_review_footer", uid=uid))


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_papers_points_give_the_authors_remedy_only(app, auth_client, user, lang):
    """A dossier's review lists each paper's points to address as the paper's own review does:
    what to ask its authors, without the advice for a dossier that its reports give (the
    dossier's list of what to add gives it)."""
    uid = new_dossier(auth_client)
    study = imported_study(app, user, "mechanistic", title="Weak paper", answer="not_met")
    assert add(auth_client, uid, study).status_code == 302
    text = review(auth_client, uid, lang)
    lab = labels(lang)
    part = study_part(text, lab, 1)
    mec02 = get_catalogue().invariant("MEC02")
    assert f"{lab['how_to_fix']}{lab['colon']} {pick(mec02.remedy('paper'), lang)}" in part
    for inv in get_catalogue().invariants_for("mechanistic"):
        assert pick(inv.dossier_advice("paper"), lang) not in part, inv.id
    assert lab["for_a_dossier"] not in part
    # The dossier says that advice once, in its own list of what to look for and add.
    to_add = text[text.index(f"\n## {lab['dossier_advice']} ("):]
    for inv in get_catalogue().invariants_for("mechanistic"):
        assert f"{lab['for_a_dossier']}{lab['colon']} {pick(inv.dossier_advice('paper'), lang)}" \
            in to_add, inv.id


def test_french_dossier_review_follows_french_typography(app, auth_client, user):
    uid, _studies = three_studies(app, auth_client, user)
    text = review(auth_client, uid, "fr")
    assert text.startswith(f"# Avis structuré sur un dossier d'INM{NBSP}: ses études")
    assert "## Études (3)" in text and "## Étude 1\n" in text
    assert "### Points à traiter (11)" in text and "#### Invariants éthiques" in text
    # Study 1 rests on 2 unconfirmed suggestions: its verdict says so.
    assert (f"- Verdict{NBSP}: Conforme avec réserves — provisoire{NBSP}: 2 des 30 réponses "
            "sont des suggestions non confirmées\n") in text
    assert f"    - Pas «{NBSP}Conforme{NBSP}»{NBSP}: " in text
    assert f"dans l'étude 1{NBSP}: elles sont comptées" in text
    assert "## Suffisance des preuves" in text and "### Ce qui manque" in text
    assert "Ceci est l'auto-vérification du déposant" in text
    # Every fixed colon, semicolon, question or exclamation mark has its no-break space
    # (people's text and the study titles aside).
    fixed = "\n".join(line for line in text.splitlines()
                      if not line.startswith(("    - ", "1. ", "- Titre", "#### Étude",
                                              "- Étude"))
                      and not re.match(r"\d+\. [A-Z]+\d+ ", line))
    assert not re.search(r"[^\u00a0\s][:;?!](\s|$)", fixed), \
        re.search(r".{30}[^\u00a0\s][:;?!](\s|$)", fixed)
    for english in ("Points to address", "Studies", "Counts towards", "What is missing",
                    "Evidence sufficiency", "Notes:"):
        assert english not in text


def test_an_empty_dossier_says_it_has_no_study_and_what_is_missing(app, auth_client):
    uid = new_dossier(auth_client)
    post(auth_client, f"/dossiers/{uid}/screening",
         {**screening_answers(digital_device="yes"), "domain": "physical"})
    text = review(auth_client, uid, "en")
    plain(text)
    assert "## Studies (0)\n\nNo study in this dossier yet: add the assessments" in text
    assert "## Study 1" not in text and "Notes:" not in text
    assert "- NPI screening: By the answers given, the intervention is not an NPI: " in text
    assert "- Described (Prototypical): minimum ≥ 1; reached: no; supporting studies: none" \
        in text
    assert "- Effective: 2 more compliant interventional studies needed (0 of 2)" in text
    assert text.rstrip().endswith(f"(dossier {uid}). This text is not signed; the dossier's "
                                  "PDF and Excel reports are, and can be verified.")
    french = review(auth_client, uid, "fr")
    assert "## Études (0)\n\nAucune étude dans ce dossier pour l'instant" in french


def test_unconfirmed_suggestions_are_said_until_a_person_accepts_them(app, auth_client, user):
    uid = new_dossier(auth_client)
    sound = imported_study(app, user, "interventional", title="Sound trial", publication=PEER)
    example = example_study(auth_client)
    for study in (sound, example):
        add(auth_client, uid, study)
    text = review(auth_client, uid, "en")
    assert ("- Answers that are automatic suggestions no person has confirmed yet, in study 2: "
            "they are scored like answers") in text
    assert "Invariants not answered yet" not in text  # both studies are fully answered
    second = study_part(text, labels("en"), 2)
    assert "Automatic suggestions that no person has confirmed yet: 2." in second
    assert re.search(r"^4\. E11 .* — Not reported \(unconfirmed automatic suggestion: no person "
                     r"has checked it yet\)$", second, re.M)
    assert "unconfirmed" not in study_part(text, labels("en"), 1)

    post(auth_client, f"/assessments/{example}/suggestions/accept", {})
    text = review(auth_client, uid, "en")
    assert "unconfirmed" not in text and "no person has confirmed" not in text


def test_the_review_route_names_the_file_and_falls_back_to_the_interface_language(
        auth_client):
    uid = new_dossier(auth_client)
    response = auth_client.get(f"/dossiers/{uid}/review.txt?lang=fr")
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert response.headers["Content-Disposition"] == \
        'inline; filename="Supervised-walking-programme-avis-fr.txt"'
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    for query in ("?lang=xx", "?lang=", "", "?lang=%00"):
        response = auth_client.get(f"/dossiers/{uid}/review.txt{query}")
        assert response.status_code == 200
        assert response.get_data(as_text=True).startswith("# Structured review of an NPI")
        assert response.headers["Content-Disposition"].endswith('-review-en.txt"')
    post(auth_client, "/language", {"lang": "fr", "next": "/"})
    response = auth_client.get(f"/dossiers/{uid}/review.txt?lang=de")
    assert response.get_data(as_text=True).startswith("# Avis structuré sur un dossier")


def test_only_the_owner_gets_the_dossier_review(app, auth_client):
    uid = new_dossier(auth_client)
    add(auth_client, uid, small_study(auth_client))
    assert "Nordic walking" in review(auth_client, uid, "en")
    make_user(app, "mallory")
    other = app.test_client()
    login(other, "mallory")
    response = other.get(f"/dossiers/{uid}/review.txt?lang=en")
    assert response.status_code == 404  # as for every page of someone else's dossier
    page = response.get_data(as_text=True)
    assert DOSSIER["npi_name"] not in page and "Nordic walking" not in page
    assert auth_client.get("/dossiers/no-such-dossier/review.txt").status_code == 404
    anonymous = app.test_client().get(f"/dossiers/{uid}/review.txt")
    assert anonymous.status_code == 302 and "/auth/login" in anonymous.headers["Location"]


def test_the_dossier_page_links_the_review_and_says_why_not_a_better_verdict(
        app, auth_client, user):
    uid = new_dossier(auth_client)
    sound = imported_study(app, user, "interventional", title="Sound trial", publication=PEER)
    add(auth_client, uid, example_study(auth_client))
    add(auth_client, uid, sound)
    page = html.unescape(auth_client.get(f"/dossiers/{uid}").get_data(as_text=True))
    assert f'href="/dossiers/{uid}/review.txt?lang=en" download' in page
    assert f'href="/dossiers/{uid}/review.txt?lang=fr" download' in page
    studies = page[page.index('id="studies"'):page.index('id="add-title"')]
    example = studies[:studies.index("Sound trial")]
    shortfalls = re.search(r'<ul class="verdict-shortfalls small" '
                           r'aria-label="Why not a better verdict">(.*?)</ul>', example, re.S)
    assert shortfalls, example
    # Worded as on the study's results page.
    assert re.findall(r"<li>(.*?)</li>", shortfalls.group(1)) == [
        "Not “Compliant”: E11 answered “not reported” (Compliant allows no ethical invariant "
        "answered “not met” or “not reported”); methodological score 64.3% (Compliant needs "
        "at least 80%)."]
    # The best verdict has nothing to say.
    assert "verdict-shortfalls" not in studies[studies.index("Sound trial"):]

    post(auth_client, "/language", {"lang": "fr", "next": "/"})
    page = html.unescape(auth_client.get(f"/dossiers/{uid}").get_data(as_text=True))
    assert f"<li>Pas «{NBSP}Conforme{NBSP}»{NBSP}: réponse «{NBSP}non rapporté{NBSP}» pour " \
        "E11" in page
    assert "Avis structuré à coller (texte brut)" in page


def test_cli_writes_the_dossier_review_to_a_file_or_standard_output(app, cli_env, auth_client,
                                                                    tmp_path):
    uid = new_dossier(auth_client)
    add(auth_client, uid, small_study(auth_client))
    out = tmp_path / "dossier.txt"
    result = cli_env.invoke(main, ["dossier", "report", uid, "--format", "txt", "--lang", "fr",
                                   "--out", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert f"wrote {out} ({len(text.encode('utf-8'))} bytes)" in result.output
    assert text.startswith(f"# Avis structuré sur un dossier d'INM{NBSP}:")
    assert "## Étude 1\n" in text and "Nordic walking after stroke" in text

    result = cli_env.invoke(main, ["dossier", "report", uid, "--format", "txt", "--out", "-"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Structured review of an NPI dossier")
    assert "### Points to address (1)" in result.output and "wrote" not in result.output

    result = cli_env.invoke(main, ["dossier", "report", uid, "--format", "pdf", "--out", "-"])
    assert result.exit_code == 2 and "--format txt only" in result.output
    result = cli_env.invoke(main, ["dossier", "report", "nope", "--format", "txt",
                                   "--out", str(out)])
    assert result.exit_code == 1 and "no dossier 'nope'" in result.output


def test_the_short_dossier_review_from_the_page_and_the_command_line(app, cli_env,
                                                                   auth_client):
    """The dossier's review has a short form too: the studies' points without what is
    expected and the examples; the page links it in both languages."""
    uid = new_dossier(auth_client)
    add(auth_client, uid, small_study(auth_client))
    page = auth_client.get(f"/dossiers/{uid}").get_data(as_text=True)
    assert f'href="/dossiers/{uid}/review.txt?lang=fr&amp;length=short" download' in page
    full = review(auth_client, uid, "en")
    response = auth_client.get(f"/dossiers/{uid}/review.txt?lang=en&length=short")
    assert response.headers["Content-Disposition"].endswith('-review-en-short.txt"')
    short = response.get_data(as_text=True)
    assert "Expected in a protocol:" in full and "Expected in a protocol:" not in short
    assert "How to fix it:" in short and len(short) < len(full)
    result = cli_env.invoke(main, ["dossier", "report", uid, "--format", "txt", "--short",
                                   "--out", "-"])
    assert result.exit_code == 0 and "Expected in a protocol:" not in result.output
    assert "How to fix it:" in result.output


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_dossier_reports_say_why_each_verdict_is_not_a_better_one(app, auth_client, user,
                                                                 lang):
    """The dossier's PDF and its Excel Studies sheet give each study's lines under its
    verdict, as the study's own reports and the dossier page do."""
    import io

    import openpyxl
    import pypdf

    uid, studies = three_studies(app, auth_client, user)
    with app.app_context():
        dossier = find_dossier(uid)
        view = build_view(dossier, active_catalogue(), lang)
    lines = {s.uid: s.shortfalls for s in view.studies}
    assert lines[studies[0]] and lines[studies[2]]  # the example and the begun study
    pdf = auth_client.get(f"/dossiers/{uid}/report.pdf?lang={lang}").get_data()
    text = " ".join(" ".join(page.extract_text().split())
                    for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    text = text.replace(NBSP, " ")
    for line in lines[studies[0]]:
        assert " ".join(line.replace(NBSP, " ").split())[:60] in text
    book = openpyxl.load_workbook(io.BytesIO(
        auth_client.get(f"/dossiers/{uid}/report.xlsx?lang={lang}").get_data()))
    sheet = book[labels(lang)["sheet_studies"][:31]]
    header = [c.value for c in sheet[1]]
    column = header.index(labels(lang)["shortfalls"]) + 1
    cells = {sheet.cell(row, column).value for row in range(2, sheet.max_row + 1)}
    assert " ".join(lines[studies[0]]) in cells
