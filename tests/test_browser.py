"""Real browser (headless Chromium via Playwright) against the real HTTP server.

Signs up, creates an assessment, answers invariants with and without JavaScript, and
downloads both reports. Set NPIS_SCREENSHOTS=<dir> to keep screenshots of the pages.
"""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import openpyxl
import pypdf
import pytest
from browser_support import (
    ARGS,
    BROWSER,
    CHROMIUM,
    fill_new_assessment,
    sign_up,
    signed_up_page,
)

pytestmark = BROWSER


def shot(page, name: str) -> None:
    folder = os.environ.get("NPIS_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=False)


def test_sign_up_assess_and_download_reports(live_server, tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            context = browser.new_context(accept_downloads=True, locale="en-US",
                                          timezone_id="Europe/Paris")
            page = context.new_page()
            page.set_default_timeout(30_000)
            page.goto(f"{live_server}/auth/signup")
            shot(page, "01-signup")
            sign_up(page, live_server, "browser-user")

            page.get_by_role("link", name="New assessment").first.click()
            fill_new_assessment(page, b"Tai chi trial. The protocol was approved by the ethics "
                                      b"committee CPP Ouest III on 12 March 2024.")
            shot(page, "02-new")
            # A second submit of the same form while the first is under way is ignored (a double
            # click must not create two assessments): synthetic submit events show the guard.
            prevented = page.evaluate("""() => {
                const form = document.querySelector("form.card");
                return [1, 2].map(() => {
                    const event = new Event("submit", {bubbles: true, cancelable: true});
                    form.dispatchEvent(event);
                    return event.defaultPrevented;
                });
            }""")
            assert prevented == [False, True]
            page.evaluate("() => delete document.querySelector('form.card').dataset.submitting")
            page.get_by_role("button", name="Create the assessment").dblclick()
            page.wait_for_selector("#inv-E01")
            assert "0 of 30 invariants answered" in page.content()
            shot(page, "03-form")

            # With JavaScript: the save goes through fetch and updates the page in place.
            block = page.locator("#inv-E01")
            # The uploaded text was analysed at creation: E01 holds an unconfirmed suggestion.
            assert "Unconfirmed automatic suggestion" in block.inner_text()
            before = int(block.locator("input[name='E01-version']").input_value())
            block.get_by_label("Met", exact=True).check()
            block.get_by_label("Justification").fill("Committee, reference and date given.")
            block.get_by_role("button", name="Save E01").click()
            page.wait_for_function(
                "document.getElementById('progress-bar').value == 1")
            assert block.locator("input[name='E01-version']").input_value() == str(before + 1)
            # The in-place update keeps the page's wording.
            assert page.locator(".progress-count").inner_text() == \
                "1 of 30 invariants answered by a person"
            assert block.locator(".save-status").inner_text() == "Saved: Met"
            form_url = page.url.split("#")[0]

            # A suggestion edited before it is accepted: the button says so, and the edits
            # are what is kept. It is accepted in the background like a save, so what is
            # typed elsewhere on the page stays (and nothing asks to leave).
            page.locator("#inv-E04").get_by_label("Justification").fill("Typed meanwhile.")
            e03 = page.locator("#inv-E03")
            assert e03.locator(".save-status").inner_text() == "Not confirmed yet"
            e03.get_by_label("Justification").fill("Checked by hand against the protocol.")
            accept = e03.get_by_role("button", name="Accept the suggestion for E03 with my changes")
            accept.click()
            page.wait_for_selector("#inv-E03 .save-status >> text=/^Saved/")
            assert page.locator("#inv-E03 .suggestion-note").count() == 0
            assert page.locator(".progress-count").inner_text() == \
                "2 of 30 invariants answered by a person"
            assert page.locator("#inv-E04").get_by_label("Justification").input_value() == \
                "Typed meanwhile."

            # Typed but not saved: leaving the page asks first (the dialog is dismissed, so
            # the page and the typed text stay).
            dialogs: list[str] = []
            page.once("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
            page.locator("#inv-E04").get_by_label("Justification").fill("Not saved yet.")
            page.get_by_role("link", name="See scores and results").click()
            page.wait_for_timeout(500)
            assert dialogs == ["beforeunload"]
            assert page.locator("#inv-E04").get_by_label("Justification").input_value() == \
                "Not saved yet."
            page.locator("#inv-E04").get_by_role("button", name="Save E04").click()
            page.wait_for_selector("#inv-E04 .save-status >> text=/^Saved/")

            # Staying on the page after such a question leaves every button working: the
            # language switch asked, the person stayed, saved, and switches.
            page.once("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
            page.locator("#inv-E05").get_by_label("Justification").fill("Typed, then saved.")
            page.locator(".lang-switch").get_by_role("button", name="Français").click()
            page.wait_for_timeout(500)
            assert dialogs == ["beforeunload", "confirm"]
            page.locator("#inv-E05").get_by_role("button", name="Save E05").click()
            page.wait_for_selector("#inv-E05 .save-status >> text=/^Saved/")
            page.locator(".lang-switch").get_by_role("button", name="Français").click()
            page.wait_for_selector("text=Enregistrer E05")
            page.locator(".lang-switch").get_by_role("button", name="English").click()
            page.wait_for_selector("text=Save E05")

            # Moments stored in UTC read in the reader's own time zone (here Europe/Paris).
            page.goto(form_url + "/answers/E05")
            moment = page.locator("table time").first
            assert "UTC" in moment.get_attribute("title")
            assert "UTC" not in moment.inner_text() and len(moment.inner_text()) == 19
            assert moment.inner_text() != moment.get_attribute("title").removesuffix(" UTC")
            page.goto(form_url)
            # The suggestion accepted with its edits is stored so.
            assert page.locator("#inv-E03").get_by_label("Justification").input_value() == \
                "Checked by hand against the protocol."
            assert page.locator("#inv-E03 .suggestion-note").count() == 0

            # Rejecting a suggestion reloads the page at it, its message shown there too.
            page.locator("#inv-E09").get_by_role("button",
                                                 name="Reject the suggestion for E09").click()
            page.wait_for_url("**#inv-E09")
            assert "1 suggestion rejected." in page.locator("#inv-E09 .flashes").inner_text()

            # An invalid save with JavaScript: the explaining page keeps what was typed.
            int09 = page.locator("#inv-INT09")
            int09.get_by_label("Not applicable", exact=True).check()
            int09.get_by_label("Justification").fill("")  # the suggestion had filled it
            int09.get_by_label("Quotation").fill("A quotation typed by hand.")
            int09.get_by_role("button", name="Save INT09").click()
            page.wait_for_selector("p.error")
            assert "A justification is required" in page.content()
            assert page.get_by_label("Quotation").input_value() == "A quotation typed by hand."
            page.goto(form_url)

            # The quotation in its context: the document page marks it and links back.
            block.get_by_role("link", name="Show in the document").click()
            page.wait_for_selector("mark")
            assert page.url.endswith("/document#q-E01")
            assert page.locator("mark", has_text="CPP Ouest III").count() == 1
            assert page.locator("#q-E01").count() == 1
            shot(page, "03b-document")
            page.locator("a.quote-ref", has_text="E01").first.click()
            page.wait_for_selector("#inv-E01")
            assert page.url.endswith("#inv-E01")

            # Without JavaScript: the plain form post and redirect work the same.
            nojs = browser.new_context(java_script_enabled=False, locale="en-US",
                                       storage_state=context.storage_state())
            plain = nojs.new_page()
            plain.goto(form_url)
            plain.locator("#inv-E02").get_by_label("Not met", exact=True).check()
            plain.locator("#inv-E02").get_by_role("button", name="Save E02").click()
            plain.wait_for_url("**#inv-E02")
            assert "E02 saved." in plain.content()
            assert "5 of 30 invariants answered" in plain.content()
            nojs.close()

            # The details can be corrected later; the answers stay.
            page.goto(form_url)
            page.get_by_role("link", name="Edit details").click()
            page.get_by_label("Title").fill("Tai chi for fall prevention in older adults")
            page.get_by_role("button", name="Save the details").click()
            page.wait_for_selector("#inv-E01")
            assert page.locator("h1").inner_text() == "Tai chi for fall prevention in older adults"
            assert "5 of 30 invariants answered" in page.content()

            # A revised draft: the changes page says what it settled.
            page.get_by_label("Upload a revised document").set_input_files(files=[{
                "name": "paper-v2.txt", "mimeType": "text/plain",
                "buffer": b"Tai chi trial. The protocol was approved by the ethics committee "
                          b"CPP Ouest III on 12 March 2024. Participants were randomly "
                          b"allocated (1:1) using a computer-generated sequence with permuted "
                          b"blocks, stratified by centre.",
            }])
            page.get_by_role("button", name="Upload and suggest").click()
            page.get_by_role("link", name="What changed since the previous draft").click()
            page.wait_for_selector("table.changes")
            assert page.locator("#change-INT03").count() == 1
            shot(page, "03c-changes")
            page.goto(form_url)

            # Signed out in another tab: a background save keeps the typed text on the page
            # and says why (it used to end on the login page, the text lost); signed in
            # again, the same button saves it.
            other = context.new_page()
            other.goto(f"{live_server}/")
            other.get_by_role("button", name="Log out").click()
            other.wait_for_url("**/auth/login")
            e06 = page.locator("#inv-E06")
            e06.get_by_label("Justification").fill("Typed while signed out.")
            e06.get_by_role("button", name="Save E06").click()
            page.wait_for_selector("#inv-E06 .save-status >> text=you are signed out")
            assert page.url.split("#")[0] == form_url
            assert e06.get_by_label("Justification").input_value() == "Typed while signed out."
            assert e06.locator(".save-status a").get_attribute("target") == "_blank"
            other.get_by_label("Username").fill("browser-user")
            other.get_by_label("Password").fill("a good long password")
            other.get_by_role("button", name="Log in").click()
            other.wait_for_url(f"{live_server}/")
            other.close()
            e06.get_by_role("button", name="Save E06").click()
            page.wait_for_selector("#inv-E06 .save-status >> text=/^Saved/")
            page.reload()
            assert page.locator("#inv-E06").get_by_label("Justification").input_value() == \
                "Typed while signed out."

            # Accepting every suggestion at once asks first: each becomes an answer reported
            # as confirmed by this person. Cancelled, nothing changes; agreed, all are taken.
            pending = page.locator(".suggestion-note").count()
            assert pending > 1
            asked: list[str] = []
            page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
            page.locator(".accept-all-button").click()
            page.wait_for_timeout(500)
            assert "confirmed by you" in asked[0] and page.url.split("#")[0] == form_url
            assert f"Accept all {pending} suggestions" in asked[0]
            assert page.locator(".suggestion-note").count() == pending
            page.once("dialog", lambda dialog: dialog.accept())
            page.locator(".accept-all-button").click()
            page.wait_for_selector(".flashes >> text=accepted")
            assert page.locator(".suggestion-note").count() == 0

            page.goto(f"{live_server}/")
            assert page.locator("a", has_text="Tai chi for fall prevention").count() == 1
            # The list filtered and sorted from its form: a plain GET form, so the address
            # keeps the choice, and the form shows it. E02 was answered not met above.
            page.get_by_label("Sort by").select_option("verdict")
            problems = page.get_by_label("with ethical invariants not met or not reported")
            problems.check()
            page.get_by_role("button", name="Apply").click()
            page.wait_for_url("**ethical_problems=1**")
            assert "sort=verdict" in page.url and problems.is_checked()
            assert page.get_by_label("Sort by").input_value() == "verdict"
            assert page.locator("a", has_text="Tai chi for fall prevention").count() == 1
            page.get_by_label("Verdict", exact=True).select_option("compliant")
            page.get_by_role("button", name="Apply").click()
            page.wait_for_selector("text=No assessment matches these filters.")
            page.get_by_role("link", name="Clear the filters").click()
            page.wait_for_url(f"{live_server}/?sort=verdict")
            assert not problems.is_checked()
            assert page.locator("a", has_text="Tai chi for fall prevention").count() == 1
            page.goto(form_url + "/results")
            assert "Methodological score" in page.content()
            shot(page, "04-results")
            with page.expect_download() as pdf_download:
                page.locator("a[href$='report.pdf?lang=en']").click()
            pdf_bytes = Path(pdf_download.value.path()).read_bytes()
            text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf_bytes)).pages)
            assert "Tai chi for fall prevention" in text and "E01" in text

            with page.expect_download() as xlsx_download:
                page.locator("a[href$='report.xlsx?lang=fr']").click()
            workbook = openpyxl.load_workbook(
                io.BytesIO(Path(xlsx_download.value.path()).read_bytes()))
            cells = {str(c.value) for ws in workbook.worksheets for row in ws.iter_rows()
                     for c in row if c.value is not None}
            assert "E01" in cells

            # The language switch is a visible control.
            page.get_by_role("button", name="Français").click()
            page.wait_for_selector("html[lang='fr']")
            assert "Score méthodologique" in page.content()
            shot(page, "05-results-fr")
            context.close()
        finally:
            browser.close()


def test_a_refused_save_keeps_the_text_says_why_and_saves_again(live_server):
    """No connection, a server or proxy failing with a page that is not the app's answer, an
    answer changed in another tab, the assessment deleted there, a server that never answers:
    each time the typed text stays and the reason is said. The page stays, and the button
    saves again once the cause is gone (a deletion it keeps saying, without leaving the page),
    except for a conflict, shown on its own page with the text, once nothing else on the page
    is unsaved."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            context = browser.new_context(locale="en-US")
            page = context.new_page()
            page.set_default_timeout(30_000)
            page.goto(f"{live_server}/auth/signup")
            sign_up(page, live_server, "careful-user")
            page.get_by_role("link", name="New assessment").first.click()
            fill_new_assessment(page, b"Tai chi trial, approved by the ethics committee.")
            page.get_by_role("button", name="Create the assessment").click()
            page.wait_for_selector("#inv-E01")
            form_url = page.url.split("#")[0]
            answers = "**/answers/*"

            def save(block, text: str, expected: str) -> None:
                block.get_by_label("Justification").fill(text)
                block.get_by_role("button", name=f"Save {block.get_attribute('id')[4:]}").click()
                status = block.locator(".save-status")
                sync_api.expect(status).to_contain_text(expected)
                assert page.url.split("#")[0] == form_url
                assert block.get_by_label("Justification").input_value() == text

            # Offline, or the server down: nothing answers.
            page.route(answers, lambda route: route.abort("connectionrefused"))
            e01 = page.locator("#inv-E01")
            save(e01, "Typed while offline.", "the server could not be reached")
            assert "refused" in e01.locator(".save-status").get_attribute("class")
            page.unroute_all()
            e01.get_by_role("button", name="Save E01").click()
            sync_api.expect(e01.locator(".save-status")).to_contain_text("Saved")
            assert "refused" not in e01.locator(".save-status").get_attribute("class")

            # A proxy in front of the app fails with a page of its own.
            page.route(answers, lambda route: route.fulfill(
                status=502, content_type="text/html", body="<h1>502 Bad Gateway</h1>"))
            e02 = page.locator("#inv-E02")
            e02.get_by_label("Met", exact=True).check()
            save(e02, "Typed while the proxy failed.", "did not answer as expected")
            page.unroute_all()
            e02.get_by_role("button", name="Save E02").click()
            sync_api.expect(e02.locator(".save-status")).to_have_text("Saved: Met")
            page.reload()
            assert page.locator("#inv-E01").get_by_label("Justification").input_value() == \
                "Typed while offline."
            assert e02.get_by_label("Justification").input_value() == \
                "Typed while the proxy failed."

            # Changed meanwhile in another tab, with another answer typed and not saved: the
            # page asks before leaving for the page that shows both versions, and says why;
            # staying keeps both texts and says it beside the button.
            other = context.new_page()
            other.goto(form_url)
            other.locator("#inv-E05").get_by_label("Not met", exact=True).check()
            other.locator("#inv-E05").get_by_role("button", name="Save E05").click()
            other.wait_for_selector("#inv-E05 .save-status >> text=/^Saved/")
            page.locator("#inv-E04").get_by_label("Justification").fill("Typed, not saved.")
            questions: list[str] = []
            page.once("dialog", lambda dialog: (questions.append(dialog.message),
                                                dialog.dismiss()))
            e05 = page.locator("#inv-E05")
            save(e05, "Typed in this tab.", "E05 was changed meanwhile")
            assert questions and questions[0].startswith(
                "E05 was changed meanwhile (perhaps in another tab)")
            assert "not saved yet" in questions[0]
            assert page.locator("#inv-E04").get_by_label("Justification").input_value() == \
                "Typed, not saved."
            # With nothing else unsaved, the page that shows both holds the text.
            page.locator("#inv-E04").get_by_role("button", name="Save E04").click()
            page.wait_for_selector("#inv-E04 .save-status >> text=/^Saved/")
            e05.get_by_role("button", name="Save E05").click()
            page.wait_for_selector(".conflict")
            assert page.get_by_label("Justification").input_value() == "Typed in this tab."
            page.goto(form_url)

            # The assessment deleted in another tab: the text stays, to be copied; saving
            # again says the same, and the page never posts it away to the 404 page.
            other.get_by_role("link", name="Delete this assessment…").click()
            other.get_by_role("button", name="Delete the assessment").click()
            other.wait_for_url(f"{live_server}/")
            other.close()
            e07 = page.locator("#inv-E07")
            save(e07, "Typed before I knew it was deleted.", "no longer exists")
            assert "copy it" in e07.locator(".save-status").inner_text()
            e07.get_by_role("button", name="Save E07").click()
            page.wait_for_timeout(500)
            sync_api.expect(e07.locator(".save-status")).to_contain_text("no longer exists")
            assert page.url.split("#")[0] == form_url
            assert e07.get_by_label("Justification").input_value() == \
                "Typed before I knew it was deleted."
            # Accepting a suggestion with changes posts the same form: refused the same way.
            suggested = page.locator(".invariant:has(.suggestion-note)").first
            suggested.get_by_label("Justification").fill("Edited before accepting.")
            suggested.locator(".accept-suggestion").click()
            sync_api.expect(suggested.locator(".save-status")).to_contain_text(
                "no longer exists")
            assert page.url.split("#")[0] == form_url
            assert suggested.get_by_label("Justification").input_value() == \
                "Edited before accepting."

            # A server that takes the request and never answers: after 30 s the save gives
            # up, says so, and its button works again (the page's clock is made to run).
            page.clock.install()
            held: list = []
            page.route(answers, lambda route: held.append(route))  # taken, never answered
            e10 = page.locator("#inv-E10")
            e10.get_by_label("Justification").fill("Typed while the server hung.")
            before = e10.locator(".save-status").inner_text()
            e10.get_by_role("button", name="Save E10").click()
            page.wait_for_timeout(300)
            assert held and e10.locator(".save-status").inner_text() == before
            page.clock.run_for(31_000)
            sync_api.expect(e10.locator(".save-status")).to_contain_text(
                "the server could not be reached")
            e10.get_by_role("button", name="Save E10").click()
            page.wait_for_timeout(300)
            assert len(held) == 2  # saved again, not ignored as a double click
            page.unroute_all(behavior="ignoreErrors")
            assert e10.get_by_label("Justification").input_value() == \
                "Typed while the server hung."
            context.close()
        finally:
            browser.close()


def test_the_structured_review_copies_with_javascript_and_selects_without(live_server):
    """The Copy button (app.js) puts the review on the clipboard and says so in its status;
    without JavaScript there is no dead button, and the text is in its box to select."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            context = browser.new_context(locale="en-US")
            context.grant_permissions(["clipboard-read", "clipboard-write"],
                                      origin=live_server)
            page = context.new_page()
            page.set_default_timeout(30_000)
            page.goto(f"{live_server}/auth/signup")
            sign_up(page, live_server, "reviewer")
            page.get_by_role("button", name="Add the example").click()
            page.wait_for_selector("#inv-E01")
            results_url = page.url.split("#")[0] + "/results"
            page.goto(results_url)
            box = page.get_by_label("Structured review, plain text")
            text = box.input_value()
            assert text.startswith("# Structured review") and "## Points to address (11)" in text
            assert box.get_attribute("readonly") is not None
            button = page.get_by_role("button", name="Copy the review")
            button.click()
            sync_api.expect(page.locator(".copy-status")).to_have_text(
                "Copied: paste it into the review form.")
            assert page.evaluate("navigator.clipboard.readText()") == text
            context.close()

            bare = browser.new_context(locale="en-US", java_script_enabled=False,
                                       storage_state=None)
            page = bare.new_page()
            page.goto(f"{live_server}/auth/login")
            page.get_by_label("Username").fill("reviewer")
            page.get_by_label("Password").fill("a good long password")
            page.get_by_role("button", name="Log in").click()
            page.wait_for_url(f"{live_server}/")
            page.goto(results_url)
            assert page.get_by_role("button", name="Copy the review").count() == 0
            shown = page.get_by_label("Structured review, plain text").input_value()
            # made a minute later, maybe (the line was "Date" before it was "Review generated")
            undated = re.compile(r"^- Review generated: .*$", re.M)
            assert undated.sub("", shown) == undated.sub("", text)
            link = page.locator(".review-paste").get_by_role("link", name="Français")
            assert link.get_attribute("href").endswith("/review.txt?lang=fr")
            bare.close()
        finally:
            browser.close()


def test_accepting_a_suggestion_from_the_keyboard_moves_on_to_the_next(live_server):
    """Going through suggestions with the keyboard: once one is accepted (its button goes),
    the focus is on the next suggestion's Accept button, not back at the top of the page;
    with none left after it, on the first one still pending."""
    with signed_up_page(live_server, "keyboard-user") as page:
        page.goto(f"{live_server}/assessments/new")
        fill_new_assessment(page, b"Tai chi trial. The protocol was approved by the ethics "
                                  b"committee CPP Ouest III on 12 March 2024.")
        page.get_by_role("button", name="Create the assessment").click()
        page.wait_for_selector("#inv-E01 .suggestion-note")
        focused = "document.activeElement && document.activeElement.textContent.trim()"
        page.get_by_role("button", name="Accept the suggestion for E01").focus()
        page.keyboard.press("Enter")
        page.wait_for_selector("#inv-E01 .save-status >> text=/^Saved/")
        assert page.evaluate(focused) == "Accept the suggestion for E02"
        page.keyboard.press("Enter")
        page.wait_for_selector("#inv-E02 .save-status >> text=/^Saved/")
        assert page.evaluate(focused) == "Accept the suggestion for E03"
        # The last suggestion of the page: the focus goes back to the first still pending.
        last = page.locator("button.accept-suggestion").last
        last.focus()
        page.keyboard.press("Enter")
        page.wait_for_function("document.querySelectorAll('.suggestion-note').length == 27")
        assert page.evaluate(focused) == "Accept the suggestion for E03"


def test_the_invariants_left_follow_the_saves_and_an_edited_quotation_loses_its_flag(
        live_server):
    """After rejecting two suggestions and accepting the rest, the progress bar links to the two
    left; saving one in the background leaves the other, saving it hides the line. A quotation
    flagged as not in the document loses the flag once edited (the edit is not checked yet)."""
    with signed_up_page(live_server, "remaining-user") as page:
        page.goto(f"{live_server}/assessments/new")
        fill_new_assessment(page, b"Tai chi trial. The protocol was approved by the ethics "
                                  b"committee CPP Ouest III on 12 March 2024.")
        page.get_by_role("button", name="Create the assessment").click()
        page.wait_for_selector("#inv-E01 .suggestion-note")
        for invariant_id in ("E02", "INT01"):
            page.get_by_role("button", name=f"Reject the suggestion for {invariant_id}").click()
            page.wait_for_load_state()
        page.once("dialog", lambda dialog: dialog.accept())
        page.get_by_role("button", name="Accept all").click()
        page.wait_for_load_state()
        remaining = page.locator(".progress-box .remaining")
        assert remaining.inner_text() == "Still to answer or confirm: E02, INT01"
        e02 = page.locator("#answer-E02")
        e02.locator("input[value=not_reported]").check()
        e02.locator("textarea").nth(1).fill("Consent is obtained by the instructor.")
        e02.get_by_role("button", name="Save E02").click()
        page.wait_for_selector("#inv-E02 .save-status >> text=/^Saved/")
        assert remaining.inner_text() == "Still to answer or confirm: INT01"
        page.locator("#answer-INT01 input[value=not_reported]").check()
        page.get_by_role("button", name="Save INT01").click()
        page.wait_for_selector("#inv-INT01 .save-status >> text=/^Saved/")
        assert remaining.is_hidden()
        page.reload()
        note = page.locator("#E02-quotation-note")
        assert "Not found word for word in the document" in note.inner_text()
        page.locator("#E02-quotation").fill("Tai chi trial.")
        assert note.is_hidden()


def test_a_quotation_cleared_before_accepting_clears_its_location_on_the_page(live_server):
    """A suggestion's quotation taken out, its section left as it was, and the suggestion
    accepted in the background: the section goes with the quotation, on the page as in the
    database, so that saving the answer again does not bring it back."""
    with signed_up_page(live_server, "location-user") as page:
        page.goto(f"{live_server}/assessments/new")
        fill_new_assessment(page, b"Tai chi trial\n\nEthics\n\nThe protocol was approved by "
                                  b"the ethics committee CPP Ouest III on 12 March 2024.\n")
        page.get_by_role("button", name="Create the assessment").click()
        page.wait_for_selector("#inv-E01 .suggestion-note")
        section = page.locator("#E01-section")
        assert section.input_value() == "Ethics"
        page.locator("#E01-quotation").fill("")
        page.get_by_role("button", name="Accept the suggestion for E01 with my changes").click()
        page.wait_for_selector("#inv-E01 .save-status >> text=/^Saved/")
        assert section.input_value() == ""
        page.reload()
        assert page.locator("#E01-section").input_value() == ""


def test_ctrl_enter_saves_an_answer_and_moves_on_to_the_next(live_server):
    """An invariant takes about ten Tab stops; Ctrl+Enter in one of its fields saves it and
    puts the focus on the next invariant's answer, once the save is done."""
    with signed_up_page(live_server, "ctrl-enter-user") as page:
        page.goto(f"{live_server}/assessments/new")
        fill_new_assessment(page, b"Tai chi trial.")
        page.get_by_role("button", name="Create the assessment").click()
        page.wait_for_selector("#inv-E01")
        assert page.locator(".keyboard-help").is_visible()
        page.locator("#inv-E01 input[type=radio][value=met]").check()
        justification = page.locator("#inv-E01 textarea").first
        justification.fill("Approved by CPP Ouest III, ref. 2024-A0001-12, 12 March 2024.")
        justification.press("Control+Enter")
        page.wait_for_selector("#inv-E01 .save-status >> text=/^Saved/")
        page.wait_for_function(
            "document.activeElement.closest('.invariant')"
            " && document.activeElement.closest('.invariant').id == 'inv-E02'")
        assert page.evaluate("document.activeElement.type") == "radio"
        # From the radios too (arrow keys choose, Ctrl+Enter saves and moves on).
        page.keyboard.press("ArrowDown")
        page.keyboard.press("Control+Enter")
        page.wait_for_selector("#inv-E02 .save-status >> text=/^Saved/")
        page.wait_for_function("document.activeElement.closest('.invariant').id == 'inv-E03'")
        # After the last invariant, the focus goes on to the scores and results.
        last = page.locator("form.answer-form").last
        last.locator("input[type=radio]").first.check()
        last.locator("textarea").first.press("Control+Enter")
        page.wait_for_function("document.activeElement.classList.contains('results-link')")
        page.reload()
        assert page.locator("#inv-E01 input[value=met]").is_checked()


def test_the_document_first_then_its_details_read_then_enter_creates(live_server):
    """Choose the document, read its details (filled in and marked, the NPI's name with the
    title's words it was read from, the study type only asked; the focus on the notice that
    says what was read), complete the rest and press
    Enter in a field: the assessment is created with the document, which is not chosen a
    second time."""
    protocol = (b"Tai chi for fall prevention in older adults: protocol for a randomised "
                b"controlled trial\n\nMethods\n\nCare homes in France will be randomised to tai "
                b"chi classes or usual activities. Falls will be recorded for a year. The trial "
                b"is registered as NCT01234567. The protocol was approved by the ethics "
                b"committee CPP Ouest III on 12 March 2024.\n")
    with signed_up_page(live_server, "document-first-user") as page:
        page.goto(f"{live_server}/assessments/new")
        page.get_by_label("Country").fill("Belgium")  # typed first: kept
        page.get_by_label("Document (optional)").set_input_files(files=[{
            "name": "protocol.txt", "mimeType": "text/plain", "buffer": protocol}])
        page.get_by_role("button", name="Read details from the document").click()
        page.wait_for_selector("#details-read")
        shot(page, "10-details-read")
        # The keyboard starts at what was read, not a dozen Tab stops above the form.
        page.wait_for_function("document.activeElement.id == 'details-read'")
        assert page.get_by_label("Title").input_value() == (
            "Tai chi for fall prevention in older adults: protocol for a randomised "
            "controlled trial")
        assert page.get_by_label("Study protocol").is_checked()
        assert page.get_by_label("Reference (optional)").input_value() == "NCT01234567"
        assert page.get_by_label("Country").input_value() == "Belgium"
        assert "the document reads “France”" in page.locator("#details-read").inner_text()
        title_note = page.locator("#title-note").inner_text()
        assert title_note == "Read from the document: check it."
        assert page.get_by_label("Title").get_attribute("aria-describedby") == "title-note"
        assert page.get_by_label("Study type").input_value() == ""
        assert "suggests the study type “Interventional”" in page.locator(
            "#study_type-note").inner_text()
        # The NPI's name from the title's shape ("X for Y: protocol…"), with the words read.
        npi = page.get_by_label("Name of the non-pharmacological intervention")
        assert npi.input_value() == "Tai chi"
        assert page.locator("#npi_name-note").inner_text() == (
            "Read from the document: its title says “Tai chi for fall prevention in older "
            "adults: protocol”. Check it.")
        assert npi.get_attribute("aria-describedby") == "npi_name-note"
        page.get_by_label("Study type").select_option("interventional")
        page.get_by_label("Physical").check()
        npi.fill("Tai chi classes")
        npi.press("Enter")
        page.wait_for_selector("#inv-E01 .suggestion-note")
        assert page.locator("h1").inner_text().startswith("Tai chi for fall prevention")
        assert "protocol.txt" in page.content()


def test_file_fields_speak_the_page_language_with_or_without_javascript(live_server, tmp_path):
    """The browser's own "Choose File" / "No file chosen" are in the browser's language: with
    JavaScript each file field gets a button and the chosen file's name in the page's, which
    the keyboard reaches and a screen reader relates to the field; without it, the browser's
    control shows and works."""
    import json

    from checker.catalogue import get_catalogue
    from checker.demo import load_demo
    from checker.services.json_io import export_json

    catalogue = get_catalogue()
    export = json.dumps(export_json(catalogue, load_demo(catalogue))).encode()
    # An English browser on the French interface: the page's language wins.
    with signed_up_page(live_server, "files") as page:
        page.get_by_role("button", name="Français").click()
        page.wait_for_selector("html[lang='fr']")
        page.goto(f"{live_server}/assessments/import")
        field = page.locator("input[type=file]")
        assert field.get_attribute("tabindex") == "-1"
        assert field.get_attribute("aria-hidden") == "true"
        button = page.get_by_role("button", name="Choisir un fichier…")
        name = page.locator(".file-name")
        assert name.inner_text() == "Aucun fichier choisi"
        assert name.get_attribute("aria-live") == "polite"
        described = button.get_attribute("aria-describedby").split()
        assert [page.locator(f"#{i}").inner_text() for i in described] == [
            "Fichier d'export JSON", "Un fichier exporté par npis-checker.",
            "Aucun fichier choisi"]
        # From the keyboard: Enter on the button opens the file chooser (the hidden input's
        # click). Watched on the input rather than through Playwright's file-chooser
        # event, which did not come after another browser test in the same run.
        page.evaluate("window.chooserOpened = 0; document.querySelector('input[type=file]')"
                      ".addEventListener('click', () => window.chooserOpened += 1)")
        button.focus()
        page.keyboard.press("Enter")
        page.wait_for_function("window.chooserOpened === 1")
        field.set_input_files(files=[{"name": "étude.json", "mimeType": "application/json",
                                      "buffer": export}])
        assert name.inner_text() == "étude.json"
        page.get_by_role("button", name="Importer").click()
        page.wait_for_url(re.compile(r".*/assessments/[0-9a-f]{32}$"))
        assert "Évaluation importée." in page.locator(".flashes").inner_text()

        bare = page.context.browser.new_context(locale="en-US",
                                                java_script_enabled=False).new_page()
        bare.context.add_cookies(page.context.cookies())
        bare.goto(f"{live_server}/assessments/import")
        assert bare.locator(".file-button").count() == 0
        native = bare.locator("input[type=file]")
        assert native.is_visible() and native.get_attribute("tabindex") is None
        native.set_input_files(files=[{"name": "export.json", "mimeType": "application/json",
                                       "buffer": export}])
        bare.get_by_role("button", name="Importer").click()
        bare.wait_for_url(re.compile(r".*/assessments/[0-9a-f]{32}$"))
