"""Accessibility of the web pages: axe-core's WCAG 2.0/2.1 A and AA rules (and its best
practices: one h1, heading order, landmarks) in a real browser, in English and in French.

axe-core is the copy shipped by the axe-playwright-python package (PyPI; axe-core itself is
MPL-2.0). Any violation fails, whatever its impact. Colour contrast does not depend on the
language and is by far the slowest rule on long pages: the French pass leaves it out.
Besides axe, a few checks it cannot make: the page language, distinct titles, the skip link
first in the tab order with a visible focus, field errors tied to their fields, and the
message of a background save in a live region.
"""

from __future__ import annotations

from typing import Any

import pytest
from browser_support import ARGS, BROWSER, CHROMIUM, create_dossier, fill_new_assessment, sign_up

pytestmark = BROWSER

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
# Colour contrast, the slowest rule by far on long pages, is checked on the first of each run of
# blocks from one template (invariants, table rows, listed gaps), not on the 29 others alike.
# The SVG figure is left out: axe cannot tell the colour behind SVG text (its contrast is
# set in checker/services/figure.py).
REPEATS = [[".invariant ~ .invariant"], ["tbody tr ~ tr"], [".gaps > li ~ li"], [".figure"]]
PASSWORD = "a good long password"
DOCUMENT = (b"Tai chi trial. The protocol was approved by the ethics committee CPP Ouest III on "
            b"12 March 2024. Participants were randomly allocated (1:1) using a "
            b"computer-generated sequence with permuted blocks, stratified by centre.")
# A document whose details can be read first (title, kind, language, reference, country).
PROTOCOL = (b"Tai chi for fall prevention in older adults: protocol for a randomised controlled "
            b"trial\n\nMethods\n\nCare homes in France will be randomised to tai chi classes or "
            b"usual activities. Falls will be recorded for a year. The trial is registered as "
            b"NCT01234567.\n")

# Each field marked invalid names its error message, and a fieldset in error names it too.
ERRORS_TIED = """() => {
  const problems = [];
  const described = (el) => (el.getAttribute("aria-describedby") || "").split(/\\s+/)
      .map((id) => document.getElementById(id)).filter(Boolean);
  for (const box of document.querySelectorAll(".has-error")) {
    const error = box.querySelector(".error");
    if (!error || !error.id) { problems.push("error without id: " + box.className); continue; }
    const controls = box.matches("fieldset") ? [box]
      : box.querySelectorAll("input, select, textarea");
    for (const c of controls) {
      if (!described(c).includes(error)) problems.push("not described: " + (c.id || c.tagName));
      if (!c.matches("fieldset") && c.getAttribute("aria-invalid") !== "true")
        problems.push("not aria-invalid: " + c.id);
    }
  }
  const summary = document.querySelector(".error-summary");
  if (document.querySelector(".has-error") && !summary) problems.push("no error summary");
  if (summary && document.activeElement !== summary) problems.push("error summary not focused");
  return problems;
}"""


class Audit:
    """Runs axe and the other checks on each page visited; failures are gathered, so one run
    reports every page's problems."""

    def __init__(self, page: Any) -> None:
        from axe_playwright_python.base import AXE_SCRIPT

        self.script = AXE_SCRIPT
        self.page = page
        self.failures: list[str] = []
        self.titles: dict[str, list[str]] = {"en": [], "fr": []}

    def axe(self, name: str, options: dict[str, Any], context: Any) -> None:
        options = {**options, "resultTypes": ["violations"]}
        violations = self.page.evaluate(
            "([context, options]) => axe.run(context || document, options)"
            ".then((r) => r.violations)", [context, options])
        for v in violations:
            targets = "; ".join(", ".join(map(str, n["target"])) for n in v["nodes"][:5])
            self.failures.append(f"{name}: {v['id']} ({v['impact']}) {v['help']}: {targets}")

    def __call__(self, name: str, lang: str, *, contrast: bool = True,
                 errors: bool = False, context: Any = None) -> None:
        page = self.page
        if not page.evaluate("typeof axe !== 'undefined'"):
            page.evaluate(self.script)
        self.axe(name, {"runOnly": {"type": "tag", "values": TAGS},
                        "rules": {"color-contrast": {"enabled": False}}}, context)
        if contrast:
            self.axe(name, {"runOnly": {"type": "rule", "values": ["color-contrast"]}},
                     {"include": context or [["html"]], "exclude": REPEATS})
        if context is not None:
            return
        if page.get_attribute("html", "lang") != lang:
            self.failures.append(f"{name}: <html lang> is not {lang}")
        title = page.title()
        if title in self.titles[lang]:
            self.failures.append(f"{name}: title {title!r} already used by another page")
        self.titles[lang].append(title)
        if page.locator("h1").count() != 1:
            self.failures.append(f"{name}: {page.locator('h1').count()} h1 elements")
        if errors:
            self.failures += [f"{name}: {p}" for p in page.evaluate(ERRORS_TIED)]
            if not title.startswith(("Error", "Erreur")):
                self.failures.append(f"{name}: the title {title!r} does not say there are errors")


def create_assessment(page: Any, base: str) -> str:
    page.goto(f"{base}/assessments/new")
    fill_new_assessment(page, DOCUMENT)
    page.get_by_role("button", name="Create the assessment").click()
    page.wait_for_selector("#inv-E01 .suggestion-note")
    return page.url.split("#")[0]


def read_details(page: Any, base: str, name: str, document: bytes,
                 button: str = "Read details from the document") -> None:
    page.goto(f"{base}/assessments/new")
    page.locator("input[type=file]").set_input_files(files=[{
        "name": name, "mimeType": "application/octet-stream", "buffer": document}])
    page.get_by_role("button", name=button).click()


def test_pages_pass_axe_in_english_and_french(live_server):
    sync_api = pytest.importorskip("playwright.sync_api")
    pytest.importorskip("axe_playwright_python")
    base = live_server
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(locale="en-US")
            page.set_default_timeout(30_000)
            audit = Audit(page)

            # Signing up, with errors first; the skip link comes first and shows its focus.
            page.goto(f"{base}/auth/signup")
            page.keyboard.press("Tab")
            focused = page.evaluate("""() => { const e = document.activeElement;
                return [e.className, getComputedStyle(e).outlineStyle,
                        e.getBoundingClientRect().left]; }""")
            assert focused[0] == "skip-link" and focused[1] != "none" and focused[2] >= 0, focused
            page.get_by_role("button", name="Create my account").click()
            page.wait_for_selector(".has-error")
            audit("sign-up errors", "en", errors=True)
            sign_up(page, base, "axe-user", PASSWORD)

            page.goto(f"{base}/assessments/new")
            page.get_by_role("button", name="Create the assessment").click()
            page.wait_for_selector(".has-error")
            audit("new assessment errors", "en", errors=True)
            read_details(page, base, "protocol.txt", PROTOCOL)
            page.wait_for_selector("#details-read")
            audit("new assessment, details read from its document", "en")

            form_url = create_assessment(page, base)
            audit("assessment form with suggestions", "en")
            # A background save: its message is announced, and the updated block still passes.
            e01 = page.locator("#inv-E01")
            e01.get_by_label("Met", exact=True).check()
            e01.get_by_role("button", name="Save E01").click()
            page.wait_for_function("document.getElementById('progress-bar').value == 1")
            live = page.evaluate("""() => {
                const s = document.querySelector('#inv-E01 .save-status');
                return [s.textContent.trim(), Boolean(s.closest('[role=status], [aria-live]'))];
            }""")
            assert live == ["Saved: Met", True], live
            audit("invariant after a background save", "en", context=["#inv-E01", "#progress"])

            # An answer refused by the server: the answer page explains it.
            int09 = page.locator("#inv-INT09")
            int09.get_by_label("Not applicable", exact=True).check()
            int09.get_by_label("Justification").fill("")
            int09.get_by_role("button", name="Save INT09").click()
            page.wait_for_selector(".has-error")
            audit("answer errors", "en", errors=True)

            page.goto(f"{form_url}/document?elements=1")
            audit("document text", "en")
            page.goto(f"{form_url}/results")
            audit("results", "en")
            page.goto(f"{base}/")
            audit("my assessments", "en")

            page.goto(f"{base}/dossiers/new")
            page.get_by_role("button", name="Save").click()
            page.wait_for_selector(".has-error")
            audit("new dossier errors", "en", errors=True)
            dossier_url = create_dossier(page, base)
            audit("screening", "en")
            page.goto(dossier_url)
            page.get_by_label("Study (one of your assessments)").select_option(
                label="Tai chi for fall prevention (Interventional, Published paper)")
            page.get_by_role("button", name="Add the study").click()
            page.wait_for_selector("#studies table")
            audit("dossier", "en")
            page.goto(f"{dossier_url}/sufficiency")
            audit("evidence sufficiency", "en")
            page.goto(f"{base}/verify")
            audit("verify", "en")
            page.goto(f"{base}/auth/account")
            audit("my account", "en")
            page.get_by_role("button", name="Change my password").click()
            page.wait_for_selector(".has-error")
            audit("my account errors", "en", errors=True)
            page.goto(f"{base}/guide/suggestions")
            audit("how the suggestions are made", "en")
            page.goto(f"{base}/no-such-page")
            audit("not found", "en")

            # The same pages in French (the language is the session's).
            page.locator(".lang-switch").get_by_role("button", name="Français").click()
            page.wait_for_selector("html[lang='fr']")
            for name, url in [("form", form_url), ("results", f"{form_url}/results"),
                              ("dossier", dossier_url), ("assessments", f"{base}/"),
                              ("guide", f"{base}/guide/suggestions"),
                              ("my account", f"{base}/auth/account")]:
                page.goto(url)
                audit(f"{name} (fr)", "fr", contrast=False)
            page.goto(f"{base}/assessments/new")
            page.get_by_role("button", name="Créer l'évaluation").click()
            page.wait_for_selector(".has-error")
            audit("new assessment errors (fr)", "fr", contrast=False, errors=True)
            read_details(page, base, "protocol.txt", PROTOCOL, "Lire les informations du document")
            page.wait_for_selector("#details-read")
            audit("new assessment, details read from its document (fr)", "fr", contrast=False)

            # Signed out, in a French browser: the log-in page and its errors.
            anonymous = browser.new_page(locale="fr-FR")
            audit.page = anonymous
            anonymous.goto(f"{base}/auth/login")
            anonymous.get_by_role("button", name="Se connecter").click()
            anonymous.wait_for_selector(".has-error")
            audit("log-in errors (fr)", "fr", errors=True)
        finally:
            browser.close()
    assert not audit.failures, "\n".join(audit.failures)
