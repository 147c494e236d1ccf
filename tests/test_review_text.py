"""The structured review as plain text (to paste into a journal's or an ethics committee's
review form): its content in English and French, the web route, the results page section and
``npis-check report --format txt``."""

from __future__ import annotations

import html
import re
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from conftest import create_assessment, login, make_user, post, save_answer

from checker.catalogue import get_catalogue, pick
from checker.cli import main
from checker.demo import load_demo
from checker.services.review_text import review_text
from checker.services.scoring import score_assessment
from exports.context import build_context
from exports.labels import labels

NBSP = "\u00a0"
MOMENT = datetime(2026, 11, 2, 8, 30, tzinfo=UTC)


def section(text: str, heading: str) -> str:
    """The lines under the ``## heading…`` line, up to the next ``## `` heading or rule."""
    start = text.index(f"\n## {heading}")
    rest = text[start + 1:]
    end = min((i for i in (rest.find("\n## ", 1), rest.find("\n---\n")) if i > 0),
              default=len(rest))
    return rest[:end]


def point(text: str, invariant_id: str) -> str:
    """One numbered point to address, with its sub-items."""
    match = re.search(rf"^\d+\. {invariant_id} .*?(?=\n\n)", text, re.M | re.S)
    assert match, invariant_id
    return match.group(0)


def plain(text: str) -> None:
    """Markdown-flavoured plain text: no HTML tags, no tables, no hard wrapping of items."""
    assert not re.search(r"</?[a-z][a-z0-9]*[ >/]", text), "HTML in the review"
    assert not any(line.lstrip().startswith("|") for line in text.splitlines()), "a table"
    assert text.endswith("\n") and "\n\n\n" not in text


# --- the demo: the whole content, in both languages --------------------------------------

@pytest.mark.parametrize("lang", ["en", "fr"])
def test_demo_review_states_what_the_pdf_states(lang):
    catalogue = get_catalogue()
    record = load_demo(catalogue, lang=lang)
    score = score_assessment(catalogue, record)
    text = review_text(catalogue, record, lang, generated_at=MOMENT)
    lab = labels(lang)
    colon = lab["colon"]
    # The PDF's own context: the review must say what it says.
    pdf = build_context(catalogue, record, score, lang, "", generated_at=MOMENT)
    plain(text)

    header = text.split("\n## ", 1)[0]
    assert header.startswith(f"# {lab['review_title']}\n")
    assert f"- {lab['title']}{colon} {record.title}\n" in header
    assert f"- {lab['reference']}{colon} NCT06512347\n" in header
    assert record.document_filename in header and record.document_sha256 in header
    study_type = pick(catalogue.study_type("interventional").label, lang)
    assert f"- {lab['study_type']}{colon} {study_type}\n" in header
    assert pick(catalogue.name, lang) in header and catalogue.version in header
    assert "2026-11-02 08:30 UTC" in header
    # The demo's two unconfirmed suggestions make its verdict provisional, said on its line.
    assert f"- {lab['verdict']}{colon} {pdf['verdict_line']}\n" in header
    assert pdf["verdict_line"].startswith(f"{pdf['verdict']} — {lab['provisional_many'][:5]}")
    for kind in pdf["kinds"]:  # the scores as the PDF prints them
        assert f"- {kind['label']}{colon} {kind['score']} (" in header
        assert kind["points"] in header
    assert f"{lab['progress']}{colon} {pdf['progress']}" in header
    # The honesty lines: the reports' statement on the label, and whose wording this is.
    assert lab["label_statement"] in header and lab["review_wording_note"] in header
    assert "NPIS©" in header and ("official" in header or "officiel" in header)
    assert lab("unconfirmed_warning", count=2) in header
    # Assessors' names stay out: a review may be blind.
    assert record.assessor not in text and "Claire Martin" not in text

    # Points to address: not met, partially met, not reported; ethical first, catalogue order.
    points = section(text, lab["review_points"])
    expected_ids = [row.invariant.id for row in score.rows
                    if row.effective in ("not_met", "partially_met", "not_reported")]
    listed = re.findall(r"^(\d+)\. (\S+) ", points, re.M)
    assert [i for _, i in listed] == expected_ids == [
        "E04", "E09", "E10", "E11", "INT02", "INT05", "INT10", "INT12", "INT13", "INT14",
        "INT16"]
    assert [int(n) for n, _ in listed] == list(range(1, 12))
    assert points.index(f"### {lab['ethical_invariants']}") < points.index("1. E04") \
        < points.index(f"### {lab['methodological_invariants']}") < points.index("5. INT02")
    assert section(text, lab["review_points"]).startswith(
        f"## {lab('review_count', heading=lab['review_points'], count=11)}\n")

    inv = catalogue.invariant("INT13")
    int13 = point(text, "INT13")
    answer = record.answers["INT13"]
    assert int13.startswith(f"9. INT13 {pick(inv.title, lang)} — "
                            f"{pick(catalogue.scoring.answer('not_met').label, lang)}\n")
    assert f"    - {lab['justification_by_assessor']}{colon} {answer.justification}" in int13
    quote = f"{lab['quote_open']}{answer.quotation}{lab['quote_close']}"
    assert (f"    - {lab['quotation']} ({lab['page_short']} {answer.page}, {answer.section})"
            f"{colon} {quote}") in int13
    assert f"{lab['expected_protocol']}{colon} {pick(inv.guidance_protocol.met, lang)}" \
        in int13
    assert f"{lab['how_to_fix']}{colon} {pick(inv.remedy('protocol'), lang)}" in int13
    assert f"{lab['example']}{colon} {pick(inv.example('protocol'), lang)}" in int13
    assert lab["review_unconfirmed"] not in int13

    # Unconfirmed automatic suggestions are marked as such, their text as the suggestion's.
    for inv_id in ("E11", "INT14"):
        item = point(text, inv_id)
        assert item.splitlines()[0].endswith(f"({lab['review_unconfirmed']})")
        assert f"{lab['justification_by_suggestion']}{colon} " in item
        assert lab["justification_by_assessor"] not in item
    assert text.count(lab["review_unconfirmed"]) == 2

    # Reported: the met invariants, one line each with where their quotation is.
    reported = section(text, lab["review_reported"])
    met = [row.invariant.id for row in score.rows if row.effective == "met"]
    assert re.findall(r"^- (\S+) ", reported, re.M) == met and len(met) == 17
    e01 = record.answers["E01"]
    title = pick(catalogue.invariant("E01").title, lang)
    assert f"- E01 {title} — {lab['page_short']} {e01.page}, {e01.section}\n" in reported
    assert lab["justification_by_assessor"] not in reported  # one line each

    # Not applicable: listed briefly, with why; nothing is unanswered.
    na = section(text, pick(catalogue.scoring.answer("not_applicable").label, lang))
    assert re.findall(r"^- (\S+) ", na, re.M) == ["INT03", "INT04"]
    assert record.answers["INT03"].justification in na
    assert f"\n## {lab['unanswered']}" not in text
    assert text.rstrip().endswith(lab("review_footer", uid=record.uid))


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_review_of_a_paper_asks_for_what_a_paper_can_give(lang):
    """A reviewer pastes what to ask the authors, not what to add to a protocol."""
    catalogue = get_catalogue()
    record = replace(load_demo(catalogue, lang=lang), document_kind="paper")
    text = review_text(catalogue, record, lang, generated_at=MOMENT)
    lab = labels(lang)
    colon = lab["colon"]
    inv = catalogue.invariant("INT13")
    int13 = point(text, "INT13")
    assert f"{lab['expected_paper']}{colon} {pick(inv.guidance_paper.met, lang)}" \
        in int13
    assert f"{lab['how_to_fix']}{colon} {pick(inv.remedy('paper'), lang)}" in int13
    assert f"{lab['example']}{colon} {pick(inv.example('paper'), lang)}" in int13
    assert pick(inv.remedy("protocol"), lang) not in text
    assert pick(inv.example("protocol"), lang) not in text


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_review_of_a_paper_gives_the_authors_remedy_only(lang):
    """The review is written to a paper's authors: the advice for a submitter building a
    dossier on the published paper (where to look, what to add to the dossier) stays out,
    for every point to address."""
    catalogue = get_catalogue()
    record = replace(load_demo(catalogue, lang=lang), document_kind="paper")
    score = score_assessment(catalogue, record)
    text = review_text(catalogue, record, lang, score=score, generated_at=MOMENT)
    lab = labels(lang)
    gaps = [*score.unmet, *score.unreported]
    assert len(gaps) > 5
    for gap in gaps:
        assert gap.dossier_advice_in(lang)
        assert gap.dossier_advice_in(lang) not in text, gap.invariant.id
        assert f"{lab['how_to_fix']}{lab['colon']} {gap.texts(lang)[1]}" in \
            point(text, gap.invariant.id)
    assert lab["for_a_dossier"] not in text
    assert not re.search(r"already published|déjà publié|\bdossier\b", text)


def test_french_review_follows_french_typography():
    catalogue = get_catalogue()
    text = review_text(catalogue, load_demo(catalogue, lang="fr"), "fr", generated_at=MOMENT)
    assert text.startswith(f"# Avis structuré{NBSP}: conformité aux invariants")
    assert "## Points à traiter (11)" in text and "## Rapportés (17)" in text
    assert f"- Verdict{NBSP}: Conforme avec réserves" in text
    assert f"Justification de la personne évaluatrice{NBSP}: " in text
    assert f"Citation (p. 11, 7.3 Surveillance de la sécurité){NBSP}: «{NBSP}Tout" in text
    assert f"Attendu dans un protocole{NBSP}: " in text
    assert f"(suggestion automatique non confirmée{NBSP}: personne ne l'a encore vérifiée)" \
        in text
    assert "Ce rapport évalue la conformité" in text and "label NPIS©" in text
    # Every fixed colon, semicolon, question or exclamation mark has its no-break space.
    fixed = "\n".join(line for line in text.splitlines() if not line.startswith("    - "))
    assert not re.search(r"[^\u00a0\s][:;?!](\s|$)", fixed.replace("https:", "")), \
        re.search(r".{30}[^\u00a0\s][:;?!](\s|$)", fixed)
    assert "« " not in text.replace(f"«{NBSP}", "") and " »" not in text.replace(f"{NBSP}»", "")
    # Wording in French, not English.
    for english in ("Points to address", "Reported", "Expected in", "Assessor", "Example:"):
        assert english not in text


def test_every_unconfirmed_suggestion_is_marked_wherever_it_is_listed():
    catalogue = get_catalogue()
    record = load_demo(catalogue)
    for inv_id in ("E01", "INT03"):  # a met one (reported) and a not applicable one
        record.answers[inv_id] = replace(record.answers[inv_id], origin="suggestion",
                                         confirmed_by=None)
    lab = labels("en")
    text = review_text(catalogue, record, "en")
    mark = f"({lab['review_unconfirmed']})"
    for inv_id in ("E01", "INT03"):
        line = next(line for line in text.splitlines() if line.startswith(f"- {inv_id} "))
        assert line.endswith(mark), line
    assert text.count(mark) == 4
    assert lab("unconfirmed_warning", count=4) in text


def test_a_review_in_another_language_falls_back_to_english():
    catalogue = get_catalogue()
    record = load_demo(catalogue)
    assert review_text(catalogue, record, "de", generated_at=MOMENT) == \
        review_text(catalogue, record, "en", generated_at=MOMENT)


def test_quotations_not_found_in_the_document_are_flagged():
    catalogue = get_catalogue()
    record = load_demo(catalogue)
    lab = labels("en")
    checks = {inv_id: True for inv_id, a in record.answers.items() if a.quotation}
    checks["E01"] = checks["INT13"] = False
    text = review_text(catalogue, record, "en", quotation_checks=checks)
    assert text.count(lab["review_quote_not_found"]) == 2
    assert f"({lab['review_quote_not_found']})" in point(text, "INT13")
    e01 = next(line for line in text.splitlines() if line.startswith("- E01 "))
    assert e01.endswith(f"({lab['review_quote_not_found']})")
    # Counted and named, in catalogue order.
    notice = lab("quotes_not_found_warning", count=2, invariants="E01 and INT13")
    assert f"- {notice}\n" in text.split("\n## ", 1)[0]
    assert "Quotations that do not occur word for word in the assessed document (typed or " \
        "edited by hand, or taken from an earlier version): 2 (E01 and INT13)." in text


# --- a small assessment made here, through the web ---------------------------------------

def _small(client) -> str:
    uid = create_assessment(client, title="Nordic walking after stroke")
    save_answer(client, uid, "E01", answer="met", justification="Committee and date given.",
                quotation="The protocol was approved by the ethics committee CPP Ouest III.",
                page="3", section="Ethics")
    save_answer(client, uid, "E02", answer="not_met",
                justification="Consent is mentioned\nbut not how it is obtained.",
                quotation="Participants will consent.", page="4")
    save_answer(client, uid, "INT01", answer="partially_met",
                justification="Design named, not justified.")
    save_answer(client, uid, "INT03", answer="not_applicable",
                justification="Single-arm feasibility study: nothing is randomised.")
    save_answer(client, uid, "E05", answer="met", justification="Declared.")
    return uid


def test_the_review_route_serves_the_owners_review_as_text(auth_client):
    catalogue = get_catalogue()
    uid = _small(auth_client)
    response = auth_client.get(f"/assessments/{uid}/review.txt?lang=en")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert response.headers["Content-Disposition"] == \
        'inline; filename="Nordic-walking-after-stroke-review-en.txt"'
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    text = response.get_data(as_text=True)
    plain(text)
    assert "# Structured review: compliance with the NPIS Model invariants" in text
    assert "- Title: Nordic walking after stroke\n" in text
    assert "- Reference (DOI, registry): NCT01234567\n" in text
    assert "- Assessed document: No document file recorded\n" in text
    assert "- Answered: 5 of 30 by a person\n" in text
    assert "Incomplete assessment: invariants not answered yet, 25 of 30." in text
    assert labels("en")["label_statement"] in text

    points = section(text, "Points to address")
    assert re.findall(r"^\d+\. (\S+) ", points, re.M) == ["E02", "INT01"]
    e02 = point(text, "E02")
    # A line break typed in a justification does not break the item.
    assert "    - Assessor's justification: Consent is mentioned but not how it is obtained.\n" \
        in e02
    assert "    - Quotation (p. 4): “Participants will consent.”" in e02
    inv = catalogue.invariant("E02")
    assert f"    - Expected in a protocol: {pick(inv.guidance_protocol.met, 'en')}" in e02
    assert f"    - Example: {pick(inv.example('protocol'), 'en')}" in e02
    int01 = point(text, "INT01")
    assert "Partially met" in int01.splitlines()[0] and "Quotation" not in int01

    reported = section(text, "Reported (2)")
    assert f"- E01 {pick(catalogue.invariant('E01').title, 'en')} — p. 3, Ethics\n" in reported
    assert f"- E05 {pick(catalogue.invariant('E05').title, 'en')} — no quotation\n" in reported
    na = section(text, "Not applicable (1)")
    assert "- INT03 " in na and "Single-arm feasibility study" in na
    unanswered = section(text, "Not answered yet (25)")
    assert len(re.findall(r"^- ", unanswered, re.M)) == 25 and "- E03 " in unanswered
    assert "unconfirmed" not in text  # every answer here was given by a person

    french = auth_client.get(f"/assessments/{uid}/review.txt?lang=fr")
    assert french.headers["Content-Disposition"].endswith('-avis-fr.txt"')
    text = french.get_data(as_text=True)
    assert "## Points à traiter (2)" in text
    assert f"- Titre{NBSP}: Nordic walking after stroke" in text
    assert f"Justification de la personne évaluatrice{NBSP}: Consent is mentioned" in text
    assert "## Pas encore renseigné (25)" in text


def test_an_unknown_language_falls_back_to_the_interface_language(auth_client):
    uid = _small(auth_client)
    for query in ("?lang=xx", "?lang=", "", "?lang=%00"):
        response = auth_client.get(f"/assessments/{uid}/review.txt{query}")
        assert response.status_code == 200
        assert response.get_data(as_text=True).startswith("# Structured review")
        assert response.headers["Content-Disposition"].endswith('-review-en.txt"')
    post(auth_client, "/language", {"lang": "fr", "next": "/"})
    response = auth_client.get(f"/assessments/{uid}/review.txt?lang=de")
    assert response.get_data(as_text=True).startswith(f"# Avis structuré{NBSP}:")
    # An explicit language wins over the interface's.
    response = auth_client.get(f"/assessments/{uid}/review.txt?lang=en")
    assert response.get_data(as_text=True).startswith("# Structured review")


def test_only_the_owner_gets_the_review(app, auth_client):
    uid = _small(auth_client)
    make_user(app, "bob")
    other = app.test_client()
    login(other, "bob")
    response = other.get(f"/assessments/{uid}/review.txt?lang=en")
    assert response.status_code == 404
    assert "Nordic walking" not in response.get_data(as_text=True)
    assert auth_client.get("/assessments/no-such-assessment/review.txt").status_code == 404
    anonymous = app.test_client().get(f"/assessments/{uid}/review.txt")
    assert anonymous.status_code == 302 and "/auth/login" in anonymous.headers["Location"]


def test_the_example_review_marks_unconfirmed_suggestions_and_checks_quotations(auth_client):
    response = post(auth_client, "/assessments/example", {})
    uid = response.headers["Location"].rstrip("/").split("/")[-1]
    text = auth_client.get(f"/assessments/{uid}/review.txt?lang=en").get_data(as_text=True)
    mark = "(unconfirmed automatic suggestion: no person has checked it yet)"
    assert point(text, "E11").splitlines()[0].endswith(mark)
    assert point(text, "INT14").splitlines()[0].endswith(mark)
    assert text.count(mark) == 2
    assert "Automatic suggestions that no person has confirmed yet: 2." in text
    # The example's document holds every quotation: none is flagged...
    assert "not found word for word" not in text
    # ...until one is typed by hand that the document does not hold.
    save_answer(auth_client, uid, "E01", version=1, answer="met", justification="Approved.",
                quotation="Approved by a committee somewhere.", page="2", section="Ethics")
    text = auth_client.get(f"/assessments/{uid}/review.txt?lang=en").get_data(as_text=True)
    e01 = next(line for line in text.splitlines() if line.startswith("- E01 "))
    assert e01.endswith("— p. 2, Ethics (not found word for word in the document)")
    # Once a person accepts a suggestion, it is no longer marked.
    post(auth_client, f"/assessments/{uid}/suggestions/accept", {})
    text = auth_client.get(f"/assessments/{uid}/review.txt?lang=en").get_data(as_text=True)
    assert mark not in text and "Assessor's justification" in point(text, "E11")


def test_the_results_page_shows_the_review_to_paste(auth_client):
    uid = _small(auth_client)
    page = auth_client.get(f"/assessments/{uid}/results").get_data(as_text=True)
    assert '<h2 id="review-title">Structured review to paste</h2>' in page
    assert '<label for="review-text">Structured review, plain text</label>' in page
    box = re.search(r'<textarea id="review-text"[^>]*>(.*?)</textarea>', page, re.S)
    assert box and "readonly" in box.group(0) and 'aria-describedby="review-help"' in box.group(0)
    shown = html.unescape(box.group(1))
    served = auth_client.get(f"/assessments/{uid}/review.txt?lang=en").get_data(as_text=True)
    # The same text as the download (the minute it was made aside).
    drop_date = re.compile(r"^- Review generated: .*$", re.M)
    assert drop_date.sub("", shown) == drop_date.sub("", served)
    # The Copy button waits for JavaScript (app.js shows it); the download links do not.
    button = re.search(r'<button type="button" class="copy-button"[^>]*>([^<]*)</button>', page)
    assert button and " hidden" in button.group(0) and button.group(1) == "Copy the review"
    assert 'data-copy="review-text"' in button.group(0)
    assert 'class="copy-status" role="status"' in page
    assert f'href="/assessments/{uid}/review.txt?lang=en" download' in page
    assert f'href="/assessments/{uid}/review.txt?lang=fr" download' in page

    post(auth_client, "/language", {"lang": "fr", "next": "/"})
    page = auth_client.get(f"/assessments/{uid}/results").get_data(as_text=True)
    assert "Avis structuré à coller" in page and "Copier l'avis" in html.unescape(page)
    box = re.search(r'<textarea id="review-text"[^>]*>(.*?)</textarea>', page, re.S)
    assert box and html.unescape(box.group(1)).startswith("# Avis structuré")


# --- command line -------------------------------------------------------------------------


def test_cli_writes_the_review_to_a_file_or_standard_output(cli_env, auth_client, tmp_path):
    uid = _small(auth_client)
    out = tmp_path / "review.txt"
    result = cli_env.invoke(main, ["report", uid, "--format", "txt", "--lang", "fr",
                                   "--out", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert f"wrote {out} ({len(text.encode('utf-8'))} bytes)" in result.output
    assert text.startswith(f"# Avis structuré{NBSP}:") and "## Points à traiter (2)" in text
    assert "Ce rapport évalue la conformité" in text

    result = cli_env.invoke(main, ["report", uid, "--format", "txt", "--out", "-"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Structured review")
    assert "## Points to address (2)" in result.output and "wrote" not in result.output

    result = cli_env.invoke(main, ["report", uid, "--format", "pdf", "--out", "-"])
    assert result.exit_code == 2 and "--format txt only" in result.output
    result = cli_env.invoke(main, ["report", "nope", "--format", "txt", "--out", str(out)])
    assert result.exit_code == 1 and "no assessment 'nope'" in result.output


def test_the_review_says_when_it_was_generated():
    """A pasted review carries the moment it was written, named as such in both languages."""
    catalogue = get_catalogue()
    moment = datetime(2026, 12, 5, 14, 2)
    for lang, label in (("en", "- Review generated: 2026-12-05 14:02 UTC"),
                        ("fr", "- Avis produit\u00a0: 2026-12-05 14:02 UTC")):
        text = review_text(catalogue, load_demo(catalogue, lang=lang), lang,
                           generated_at=moment)
        assert label in text.splitlines()


# --- the short review ---------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_short_review_leaves_out_what_is_expected_and_the_examples(lang):
    """For a review form with a length limit: each point keeps its answer, justification,
    quotation and how to fix it; what is expected and the example go."""
    catalogue = get_catalogue()
    record = load_demo(catalogue)
    lab = labels(lang)
    full = review_text(catalogue, record, lang)
    short = review_text(catalogue, record, lang, short=True)
    plain(short)
    assert len(short) < 0.75 * len(full)
    expected = f"{lab['expected_protocol']}{lab['colon']}"
    example = f"{lab['example']}{lab['colon']}"
    fix = f"{lab['how_to_fix']}{lab['colon']}"
    assert expected in full and example in full
    assert expected not in short and example not in short
    assert short.count(fix) == full.count(fix) > 0
    # Everything else is the same, line for line.
    kept = [line for line in full.splitlines()
            if not line.lstrip("- ").startswith((expected, example))]
    assert short.splitlines() == kept


def test_the_results_page_offers_the_short_review_and_its_downloads(auth_client):
    uid = _small(auth_client)
    page = auth_client.get(f"/assessments/{uid}/results").get_data(as_text=True)
    full = html.unescape(re.search(r'<textarea id="review-text"[^>]*>(.*?)</textarea>', page,
                                   re.S).group(1))
    assert f"{len(full):,} characters." in page
    link = f'href="/assessments/{uid}/results?length=short#review-title"'
    assert link in page
    page = auth_client.get(f"/assessments/{uid}/results?length=short").get_data(as_text=True)
    short = html.unescape(re.search(r'<textarea id="review-text"[^>]*>(.*?)</textarea>', page,
                                    re.S).group(1))
    assert "Expected in a protocol:" in full and "Expected in a protocol:" not in short
    assert f"{len(short):,} characters." in page and "Show the full review" in page
    assert f'href="/assessments/{uid}/review.txt?lang=fr&amp;length=short" download' in page
    served = auth_client.get(f"/assessments/{uid}/review.txt?lang=fr&length=short")
    assert served.headers["Content-Disposition"].endswith('-avis-fr-court.txt"')
    assert "Attendu dans un protocole" not in served.get_data(as_text=True)
    english = auth_client.get(f"/assessments/{uid}/review.txt?lang=en&length=short")
    assert english.headers["Content-Disposition"].endswith('-review-en-short.txt"')
    # Any other length is the full review.
    other = auth_client.get(f"/assessments/{uid}/review.txt?lang=en&length=tiny")
    assert "Expected in a protocol:" in other.get_data(as_text=True)


def test_cli_writes_the_short_review(cli_env, auth_client):
    uid = _small(auth_client)
    result = cli_env.invoke(main, ["report", uid, "--format", "txt", "--short", "--out", "-"])
    assert result.exit_code == 0, result.output
    assert "How to fix it:" in result.output and "Expected in a protocol:" not in result.output
    result = cli_env.invoke(main, ["report", uid, "--format", "pdf", "--short", "--out", "x.pdf"])
    assert result.exit_code == 2 and "--short is for --format txt only" in result.output


def test_the_review_length_is_written_as_the_interface_writes_numbers(auth_client):
    uid = _small(auth_client)
    post(auth_client, "/language", {"lang": "fr", "next": "/"})
    page = auth_client.get(f"/assessments/{uid}/results").get_data(as_text=True)
    shown = html.unescape(re.search(r'<textarea id="review-text"[^>]*>(.*?)</textarea>', page,
                                    re.S).group(1))
    assert len(shown) >= 1000
    count = f"{len(shown):,}".replace(",", "\u202f")  # French: a narrow no-break space
    assert f"{count} caractères." in page
