"""Real browser: what a person types and has not saved survives a crash of the browser.

The page keeps a copy of the edited fields in localStorage; opened again, it puts them back,
marked unsaved, and says so beside the form with a Discard button; a save, a discard or a
sign-out removes the copy; another version saved meanwhile is never overwritten (the text is
shown to copy); in English and in French; and without localStorage the page works as before.
"""

from __future__ import annotations

import json

import pytest
from browser_support import BROWSER, signed_up_page
from test_browser_answer_state import new_assessment, save, version

pytestmark = BROWSER

COPIES = "Object.keys(localStorage).filter(k => k.startsWith('npis-checker:typed:'))"


def copies(page) -> dict[str, dict]:
    """The page's copies of unsaved typing, by key."""
    return page.evaluate(f"() => Object.fromEntries({COPIES}.map("
                         "k => [k, JSON.parse(localStorage.getItem(k))]))")


def copied(page, text: str) -> None:
    """Wait for ``text`` to be in a copy (written a moment after the last keystroke)."""
    page.wait_for_function(
        f"() => {COPIES}.some(k => localStorage.getItem(k).includes({json.dumps(text)}))")


def crash(page, url: str):
    """The renderer of ``page`` crashes (no beforeunload, no pagehide: nothing more is
    written); a new tab of the same browser opens ``url``."""
    context = page.context
    session = context.new_cdp_session(page)
    refused = pytest.importorskip("playwright.sync_api").Error
    with page.expect_event("crash"):
        with pytest.raises(refused):  # the page is gone before it can answer
            session.send("Page.crash", timeout=1000)
    fresh = context.new_page()
    fresh.set_default_timeout(30_000)
    fresh.goto(url)
    fresh.wait_for_selector("form[data-autosave]")
    return fresh


def note(page, invariant_id: str):
    return page.locator(f"#answer-{invariant_id} .typed-copy-note")


def dirty(page, invariant_id: str) -> bool:
    return page.evaluate(
        f"() => document.getElementById('answer-{invariant_id}').dataset.dirty === '1'")


def test_typed_text_is_restored_after_a_crash_and_goes_once_saved(live_server):
    with signed_up_page(live_server, "crash-user") as page:
        form_url = new_assessment(page, live_server)
        e02 = page.locator("#answer-E02")
        e02.get_by_label("Partially met", exact=True).check()
        typed = "Consent is described,\nbut not who obtains it."
        e02.get_by_label("Justification").fill(typed)
        copied(page, "who obtains it")
        (key, copy), = copies(page).items()
        uid = form_url.rstrip("/").split("/")[-1]
        # Filed under the person's scope and the answer's own address; only the edited fields,
        # on the version they were typed on; never the CSRF token nor the version as a field.
        assert key.startswith("npis-checker:typed:") and key.endswith(
            f"/assessments/{uid}/answers/E02#answer-E02")
        assert copy["fields"] == {"E02-answer": "partially_met", "E02-justification": typed}
        assert copy["version"] == str(version(page, "E02"))
        token = page.locator("#answer-E02 input[name=csrf_token]").input_value()
        assert token not in json.dumps(copy)

        page = crash(page, form_url)
        e02 = page.locator("#answer-E02")
        assert e02.get_by_label("Justification").input_value() == typed
        assert e02.get_by_label("Partially met", exact=True).is_checked()
        said = note(page, "E02").inner_text()
        assert said.startswith("Restored what you typed on ")
        assert "but had not saved. Save it, or discard it." in said
        # Marked unsaved as an edit would: the accept button says the edits go with it, and
        # leaving the page asks first.
        assert dirty(page, "E02")
        assert page.get_by_role("button", name="Accept the suggestion for E02 with my changes")\
            .count() == 1
        dialogs: list[str] = []
        page.once("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
        page.get_by_role("link", name="See scores and results").click()
        page.wait_for_timeout(500)
        assert dialogs == ["beforeunload"]
        # Saved: the copy and the note go; the page opened again shows the saved answer.
        save(page, "E02")
        assert copies(page) == {}
        assert note(page, "E02").count() == 0
        page.reload()
        assert page.locator("#answer-E02").get_by_label("Justification").input_value() == typed
        assert page.locator(".typed-copy-note").count() == 0


def test_discard_puts_back_the_saved_values(live_server):
    with signed_up_page(live_server, "discard-user") as page:
        form_url = new_assessment(page, live_server)
        e03 = page.locator("#answer-E03")
        saved_text = e03.get_by_label("Justification").input_value()
        e03.get_by_label("Justification").fill("A draft I will not keep.")
        copied(page, "will not keep")
        page.close()  # closed without the question (run_before_unload is False)
        page = page.context.new_page()
        page.goto(form_url)
        e03 = page.locator("#answer-E03")
        assert e03.get_by_label("Justification").input_value() == "A draft I will not keep."
        note(page, "E03").get_by_role("button", name="Discard what I typed").click()
        assert e03.get_by_label("Justification").input_value() == saved_text
        assert note(page, "E03").count() == 0
        assert not dirty(page, "E03")
        assert page.get_by_role("button", name="Accept the suggestion for E03", exact=True)\
            .count() == 1
        assert copies(page) == {}
        page.reload()
        assert page.locator(".typed-copy-note").count() == 0


def test_an_answer_saved_again_meanwhile_is_not_overwritten(live_server):
    with signed_up_page(live_server, "version-user") as page:
        form_url = new_assessment(page, live_server)
        typed = "Typed here, never saved."
        page.locator("#answer-E04").get_by_label("Justification").fill(typed)
        copied(page, "never saved")
        # Another browser (no copy in it) of the same person saves E04 meanwhile.
        other = page.context.browser.new_context(locale="en-US")
        other.add_cookies(page.context.cookies())
        elsewhere = other.new_page()
        elsewhere.goto(form_url)
        elsewhere.locator("#answer-E04").get_by_label("Justification").fill("Saved elsewhere.")
        save(elsewhere, "E04")
        other.close()

        page = crash(page, form_url)
        assert page.locator("#E04-justification").input_value() == "Saved elsewhere."
        assert not dirty(page, "E04")
        said = note(page, "E04")
        assert said.inner_text().startswith("The saved answer has changed since you typed this on ")
        assert said.get_by_label("Justification").input_value() == typed
        assert said.get_by_label("Justification").get_attribute("readonly") is not None
        said.get_by_role("button", name="Discard what I typed").click()
        assert note(page, "E04").count() == 0
        assert copies(page) == {}


def test_the_restored_note_in_french(live_server):
    with signed_up_page(live_server, "copie-fr") as page:
        form_url = new_assessment(page, live_server)
        page.locator(".lang-switch").get_by_role("button", name="Français").click()
        page.wait_for_selector("text=Enregistrer E01")
        page.locator("#answer-E05").get_by_label("Justification").fill("Saisi, pas enregistré.")
        copied(page, "pas enregistr")
        page = crash(page, form_url)
        said = note(page, "E05")
        assert said.inner_text().startswith("Votre saisie du ")
        assert "non enregistrée, est rétablie. Enregistrez-la, ou abandonnez-la." in \
            said.inner_text()
        assert said.get_by_role("button", name="Abandonner ma saisie").count() == 1


def test_signing_out_removes_the_copies(live_server):
    with signed_up_page(live_server, "shared-computer") as page:
        form_url = new_assessment(page, live_server)
        page.locator("#answer-E06").get_by_label("Justification").fill("A patient's details.")
        copied(page, "details")
        # Staying for the text not saved signs nobody out, and removes nothing.
        page.once("dialog", lambda dialog: dialog.dismiss())
        page.get_by_role("button", name="Log out").click()
        page.wait_for_timeout(300)
        assert len(copies(page)) == 1
        # Another tab of the same person, still open, stops copying once signed out here.
        other = page.context.new_page()
        other.goto(form_url)
        other.locator("#answer-E07").get_by_label("Justification").fill("Another tab.")
        copied(other, "Another tab.")
        page.once("dialog", lambda dialog: dialog.accept())
        page.get_by_role("button", name="Log out").click()
        page.wait_for_url(f"{live_server}/auth/login")
        assert copies(page) == {}
        other.locator("#answer-E07").get_by_label("Justification").fill("Typed after it.")
        other.wait_for_timeout(1000)
        assert copies(page) == {}
        other.close(run_before_unload=False)
        page.get_by_label("Username").fill("shared-computer")
        page.get_by_label("Password").fill("a good long password")
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url(f"{live_server}/")
        page.goto(form_url)
        assert page.locator(".typed-copy-note").count() == 0


def test_without_local_storage_the_form_works_as_before(live_server):
    with signed_up_page(live_server, "private-user") as page:
        form_url = new_assessment(page, live_server)
        context = page.context.browser.new_context(locale="en-US")
        context.add_cookies(page.context.cookies())
        # A private window that refuses storage: reading localStorage throws.
        context.add_init_script("Object.defineProperty(window, 'localStorage', {get() {"
                                " throw new DOMException('denied', 'SecurityError'); }});")
        private = context.new_page()
        errors: list[str] = []
        private.on("pageerror", lambda error: errors.append(str(error)))
        private.goto(form_url)
        private.locator("#answer-E07").get_by_label("Justification").fill("Typed privately.")
        private.wait_for_timeout(800)
        assert dirty(private, "E07")
        save(private, "E07")
        assert not dirty(private, "E07")
        assert errors == []
        context.close()


def test_a_form_sent_back_to_correct_is_copied_whole_once_edited(live_server):
    """The page that sends an answer back to correct shows the person's values, not saved
    ones: edited there, all of them are copied, and come back after a crash."""
    with signed_up_page(live_server, "sent-back-user") as page:
        form_url = new_assessment(page, live_server)
        int09 = page.locator("#answer-INT09")
        int09.get_by_label("Not applicable", exact=True).check()
        int09.get_by_label("Quotation").fill("Single-arm study, quoted.")
        int09.get_by_label("Justification").fill("")
        page.get_by_role("button", name="Save INT09").click()
        page.wait_for_selector(".error-summary")
        assert copies(page) == {}  # the values are on the page that shows them
        page.locator("#answer-INT09").get_by_label("Page").fill("4")
        copied(page, "Single-arm study, quoted.")
        answer_url = f"{form_url}/answers/INT09"
        page = crash(page, answer_url)
        int09 = page.locator("#answer-INT09")
        assert int09.get_by_label("Not applicable", exact=True).is_checked()
        assert int09.get_by_label("Quotation").input_value() == "Single-arm study, quoted."
        assert int09.get_by_label("Page").input_value() == "4"
        assert note(page, "INT09").inner_text().startswith("Restored what you typed on ")


def test_old_and_oversized_copies_are_not_kept(live_server):
    with signed_up_page(live_server, "old-copy-user") as page:
        form_url = new_assessment(page, live_server)
        page.locator("#answer-E08").get_by_label("Justification").fill("Typed long ago.")
        copied(page, "long ago")
        # Eight days old: removed when a page opens, not put back.
        page.evaluate(f"() => {COPIES}.forEach(k => {{"
                      " const copy = JSON.parse(localStorage.getItem(k));"
                      " copy.at -= 8 * 24 * 3600 * 1000;"
                      " localStorage.setItem(k, JSON.stringify(copy)); })")
        page = crash(page, form_url)
        assert page.locator(".typed-copy-note").count() == 0
        assert copies(page) == {}
        # Too large for the browser's small storage: no copy (rather than an older, shorter
        # one put back later).
        e09 = page.locator("#answer-E09").get_by_label("Justification")
        e09.fill("A first short draft.")
        copied(page, "short draft")
        e09.fill("x" * 200_001)
        page.wait_for_function(f"() => {COPIES}.length === 0")


def test_a_save_in_another_tab_leaves_this_tab_s_copy(live_server):
    """The same answer typed in two tabs: saved in one, the copy of what is still typed and
    unsaved in the other stays (it is not the text saved), on the version it was typed on."""
    with signed_up_page(live_server, "two-tabs-user") as page:
        form_url = new_assessment(page, live_server)
        page.locator("#answer-E10").get_by_label("Justification").fill("First tab's text.")
        copied(page, "First tab")
        typed_on = version(page, "E10")
        other = page.context.new_page()
        other.goto(form_url)
        other.locator("#answer-E10").get_by_label("Justification").fill("Second tab's text.")
        save(other, "E10")
        copied(page, "First tab")
        (copy,) = copies(page).values()
        assert copy["fields"]["E10-justification"] == "First tab's text."
        assert copy["version"] == str(typed_on)
        other.close()
