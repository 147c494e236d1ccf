"""Shared by the real-browser tests: Debian's Chromium, its flags, and their pytest marks.

The live server they drive is the ``live_server`` fixture of conftest.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

BROWSER = [
    pytest.mark.browser,
    # A real browser on a loaded machine sometimes misses one of Playwright's 30-second
    # waits: such a test runs once more (pytest-rerunfailures) before it counts as failed,
    # and the run's summary names it as rerun. A test that fails twice fails.
    pytest.mark.flaky(reruns=1, reruns_delay=1),
    pytest.mark.skipif(not Path(CHROMIUM).exists(),
                       reason=f"{CHROMIUM} is absent (apt-get install chromium)"),
]


def fill_new_assessment(page: Any, document: bytes) -> None:
    """Fill the new-assessment form shown (a paper on tai chi, with ``document`` as its
    text), without sending it."""
    page.get_by_label("Title").fill("Tai chi for fall prevention")
    page.get_by_label("Published paper").check()
    page.get_by_label("Study type").select_option("interventional")
    page.get_by_label("Name of the non-pharmacological intervention").fill("Tai chi")
    page.get_by_label("Physical").check()
    page.get_by_label("Country").fill("France")
    page.get_by_label("Document (optional)").set_input_files(files=[{
        "name": "paper.txt", "mimeType": "text/plain", "buffer": document}])


def create_dossier(page: Any, base: str) -> str:
    """Create a tai chi dossier from its form; its address (the screening page's, less
    "/screening")."""
    page.goto(f"{base}/dossiers/new")
    page.get_by_label("Name of the non-pharmacological intervention").fill("Tai chi")
    page.get_by_label("Physical").check()
    page.get_by_label("Targeted health problem").fill("Falls in older adults")
    page.get_by_label("Country of deployment").fill("France")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/screening")
    return page.url.removesuffix("/screening")


def sign_up(page: Any, base: str, username: str,
            password: str = "a good long password") -> None:
    """Fill in the sign-up page shown and create the account; wait for the home page at
    ``base``."""
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_label("Confirm the password").fill(password)
    page.get_by_role("button", name="Create my account").click()
    page.wait_for_url(f"{base}/")


@contextmanager
def signed_up_page(base: str, username: str) -> Iterator[Any]:
    """A page of a new headless Chromium (English), signed up as ``username`` at ``base`` and
    on the home page; the browser is closed afterwards."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_context(locale="en-US").new_page()
            page.set_default_timeout(30_000)
            page.goto(f"{base}/auth/signup")
            sign_up(page, base, username)
            yield page
        finally:
            browser.close()
