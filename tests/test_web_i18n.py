"""French and English interface: negotiation, the switch, and .po/.mo consistency."""

from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from conftest import csrf_token, post

import checker

TRANSLATIONS = Path(checker.__file__).parent / "translations"
REPO = Path(checker.__file__).parent.parent


def test_default_language_follows_accept_language(client):
    page = client.get("/auth/login", headers={"Accept-Language": "fr-FR,fr;q=0.9"})
    text = page.get_data(as_text=True)
    assert '<html lang="fr">' in text and "Se connecter" in text
    text = client.get("/auth/login", headers={"Accept-Language": "de, en;q=0.5"}).get_data(
        as_text=True)
    assert '<html lang="en">' in text and "Log in" in text
    assert '<html lang="en">' in client.get("/auth/login").get_data(as_text=True)


def test_visible_switch_stores_choice_in_session(client):
    token = csrf_token(client)
    response = client.post("/language", data={"lang": "fr", "next": "/auth/signup",
                                              "csrf_token": token})
    assert response.status_code == 302 and response.headers["Location"] == "/auth/signup"
    text = client.get("/auth/signup", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="fr">' in text and "Créer mon compte" in text
    client.post("/language", data={"lang": "en", "csrf_token": token})
    assert "Create my account" in client.get("/auth/signup").get_data(as_text=True)


def test_switch_ignores_unknown_language_and_foreign_redirects(client):
    token = csrf_token(client)
    response = client.post("/language", data={"lang": "xx", "next": "//evil.example/",
                                              "csrf_token": token})
    assert response.headers["Location"] == "/"
    assert '<html lang="en">' in client.get("/auth/login").get_data(as_text=True)
    assert client.post("/language", data={"lang": "fr"}).status_code == 400  # no CSRF


def test_french_validation_messages(client):
    token = csrf_token(client, "/auth/signup")
    response = client.post("/auth/signup", data={"csrf_token": token, "username": "ab",
                                                 "password": "x", "confirm": "y"},
                           headers={"Accept-Language": "fr"})
    text = response.get_data(as_text=True)
    assert "Les mots de passe diffèrent." in text


def test_accessibility_basics_on_every_page(auth_client, assessment):
    for path in ("/", "/assessments/new", f"/assessments/{assessment}",
                 f"/assessments/{assessment}/results", "/assessments/import"):
        text = auth_client.get(path).get_data(as_text=True)
        assert 'class="skip-link" href="#main"' in text, path
        assert '<main id="main"' in text, path
        assert re.search(r'<html lang="(en|fr)">', text), path
        # every visible input/select/textarea has a label pointing at it (or sits in one)
        visible = r'<(?:input|select|textarea)(?![^>]*type="(?:hidden|radio)")[^>]*id="([^"]+)"'
        ids = re.findall(visible, text)
        for element_id in ids:
            assert f'for="{element_id}"' in text, (path, element_id)
    assert "//cdn" not in text and "https://" not in text.split("<footer")[0].split("<main")[0]


def test_every_french_message_is_translated():
    catalog = read_po((TRANSLATIONS / "fr" / "LC_MESSAGES" / "messages.po").open("rb"))
    # A plural message has a tuple of forms, every one of which needs a translation.
    untranslated = [m.id for m in catalog if m.id and (
        not all(m.string if isinstance(m.string, tuple) else (m.string,)) or m.fuzzy)]
    assert untranslated == []
    assert any(isinstance(m.id, tuple) for m in catalog)  # plurals are covered too


def test_french_messages_set_a_no_break_space_before_double_punctuation():
    """French typography: a no-break space (never a plain one, nor none) before « : ; ! ? »,
    so that the mark never starts a line. A URL's or a time's colon is no such mark."""
    catalog = read_po((TRANSLATIONS / "fr" / "LC_MESSAGES" / "messages.po").open("rb"))
    wrong = re.compile(r"(?:\u00a0 |[ ][;:!?]|[^\s\u00a0\u202f/\d][;:!?](?=\s|$))")
    found = [(m.id, form) for m in catalog if m.id
             for form in (m.string if isinstance(m.string, tuple) else (m.string,))
             if wrong.search(form)]
    assert found == []


def test_po_files_cover_every_message_in_the_code(tmp_path):
    """Extracting again finds no msgid that the .po files lack (no forgotten strings)."""
    pot = tmp_path / "messages.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg",
         "-k", "_l", "-k", "lazy_gettext", "--no-location", "-o", str(pot), "."],
        cwd=REPO, check=True, capture_output=True,
    )
    extracted = {m.id for m in read_po(pot.open("rb")) if m.id}
    for lang in ("en", "fr"):
        known = {m.id for m in read_po((TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po")
                                       .open("rb")) if m.id}
        assert extracted - known == set(), lang


def _key(value):
    """A message id or string: text, or its plural forms as a tuple (lists in .mo files)."""
    return value if isinstance(value, str) else tuple(value)


def test_compiled_mo_matches_po():
    """Compiling each .po reproduces the committed .mo's messages, so they cannot drift."""
    for lang in ("en", "fr"):
        folder = TRANSLATIONS / lang / "LC_MESSAGES"
        po = read_po((folder / "messages.po").open("rb"))
        mo = read_mo((folder / "messages.mo").open("rb"))
        from_po = {_key(m.id): _key(m.string) for m in po if m.id and not m.fuzzy
                   and all(m.string if isinstance(m.string, tuple) else (m.string,))}
        # An untranslated plural is compiled with the English forms themselves.
        from_mo = {_key(m.id): _key(m.string) for m in mo if m.id
                   and (isinstance(m.id, str) or _key(m.string) != _key(m.id))}
        assert from_mo == from_po, lang


@pytest.mark.parametrize("lang,asked", [
    ("en", "Something you typed on this page is not saved yet. Leave without saving it?"),
    ("fr", "Une partie de ce que vous avez saisi sur cette page n'est pas encore enregistrée. "
           "Quitter sans l'enregistrer\u00a0?"),
])
def test_leaving_a_details_form_unsaved_asks_without_speaking_of_answers(auth_client, lang,
                                                                         asked):
    """The question asked before leaving a form with typed text (app.js) is the same on
    every page: it spoke of "answers" on the new-assessment and dossier forms too."""
    post(auth_client, "/language", {"lang": lang})
    for path in ("/assessments/new", "/dossiers/new"):
        page = html.unescape(auth_client.get(path).get_data(as_text=True))
        assert f'data-unsaved-text="{asked}"' in page


@pytest.mark.parametrize("lang,helped", [
    ("en", "A paper reports a completed study's results, whether published or a manuscript "
           "submitted to a journal."),
    ("fr", "Un article rapporte les résultats d'une étude terminée, qu'il soit publié ou "
           "soumis à une revue sous forme de manuscrit."),
])
def test_the_document_kind_says_a_submitted_manuscript_is_a_paper(auth_client, lang, helped):
    """A journal reviewer with a results manuscript under review hesitated between "Study
    protocol" and "Published paper": the group of buttons says, and is described by, that a
    paper may be a submitted manuscript; the other groups carry no such help."""
    post(auth_client, "/language", {"lang": lang})
    page = html.unescape(auth_client.get("/assessments/new").get_data(as_text=True))
    assert f'<p class="help" id="document_kind-help">{helped}</p>' in page
    assert 'aria-describedby="document_kind-help"' in page
    assert 'id="domain-help"' not in page
