"""The dossier's add-study form in a real browser: switching the language after reading a
study's publication details leads back to the form, not to "Not found"."""

from __future__ import annotations

from browser_support import BROWSER, create_dossier, fill_new_assessment, signed_up_page

pytestmark = BROWSER

PAPER = b"""BMJ Open 2024;14:e081234. doi:10.1136/bmjopen-2023-081234

# Tai chi for fall prevention: a randomised controlled trial

## Methods

Participants were randomised to tai chi or usual care in France.

## Results

Falls were reduced (95% CI 0.5 to 0.9).
"""


def test_switching_the_language_after_reading_keeps_to_the_add_study_form(live_server):
    """M. Ferrand read the journal, DOI and year of his trial's paper, then chose « FR »:
    the page he had was the form's reading, posted, and the switch asked for it again."""
    with signed_up_page(live_server, "dossier-lang") as page:
        page.goto(f"{live_server}/assessments/new")
        fill_new_assessment(page, PAPER)
        page.get_by_role("button", name="Create the assessment").last.click()
        page.wait_for_url(f"{live_server}/assessments/*")
        dossier = create_dossier(page, live_server)
        page.goto(dossier)
        page.locator("#assessment").select_option(label=page.locator(
            "#assessment option").nth(1).inner_text())
        page.get_by_role("button", name="Read the journal, DOI and year").click()
        page.wait_for_url("**/studies/read")
        assert page.locator("#doi").input_value() == "10.1136/bmjopen-2023-081234"
        page.locator("button[name=lang][value=fr]").click()
        page.wait_for_url(f"{dossier}#add-title")
        assert page.get_by_role("heading", name="Ajouter une étude").is_visible()
        assert "Introuvable" not in page.inner_text("main")
