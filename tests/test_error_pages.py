"""An error page gives a way back: a link to the page the person came from when it is safely
known (a Referer of this site, its path only), besides the link home; the "File too large" page
also says the limit and who sets it."""

from __future__ import annotations

import html
import io
import re

import pytest
from conftest import login, make_user, post
from test_web_uploads import ASSESSMENT_FORM, PDF

from checker.same_site import same_site_path

NBSP = "\u00a0"
BACK = "Back to the previous page"
FORM = "/assessments/new"


def _links(page: str) -> list[str]:
    return re.findall(r'<a href="([^"]*)"', page)


def _back_link(page: str) -> str | None:
    match = re.search(r'<a href="([^"]*)">' + BACK + "</a>", page)
    return match.group(1) if match else None


@pytest.fixture
def small_limit_client(make_app):
    """A signed-in client of an app whose document limit is 2.5 MB."""
    app = make_app(MAX_UPLOAD_BYTES=int(2.5 * 1048576))
    make_user(app, "alice")
    client = app.test_client()
    login(client, "alice")
    return client


def _too_large(client, referer: str | None = None):
    """A new assessment's form sent with a document far over the limit."""
    form = {**ASSESSMENT_FORM, "document": (io.BytesIO(PDF + b"0" * 7 * 1048576), "big.pdf")}
    headers = {"Referer": referer} if referer is not None else {}
    return post(client, FORM, form, content_type="multipart/form-data", headers=headers)


def test_file_too_large_links_back_to_the_form_and_says_the_limit(small_limit_client):
    response = _too_large(small_limit_client, f"http://localhost{FORM}?lang=fr")
    assert response.status_code == 413
    page = html.unescape(response.get_data(as_text=True))
    assert _back_link(page) == f"{FORM}?lang=fr"
    assert '<a href="/">Back to my assessments</a>' in page
    # The limit as set, not rounded ("2 MB" before), and who changes it.
    assert "documents up to 2.5 MB" in page
    assert "set by the server's administrator (the NPIS_MAX_UPLOAD_MB setting)" in page


def test_file_too_large_in_french(small_limit_client):
    post(small_limit_client, "/language", {"lang": "fr"})
    page = html.unescape(_too_large(small_limit_client, f"http://localhost{FORM}").get_data(
        as_text=True))
    assert f"documents jusqu'à 2,5{NBSP}Mo" in page
    assert "fixée par l'administrateur du serveur (le réglage NPIS_MAX_UPLOAD_MB)" in page
    assert f'<a href="{FORM}">Retour à la page précédente</a>' in page


HOSTILE_REFERERS = [
    "https://evil.example/assessments/new",
    "http://localhost.evil.example/assessments/new",
    "http://evil.example@localhost.evil.example/x",
    "http://localhost//evil.example/x",
    "http://localhost/\\evil.example",
    "http://localhost/\t/evil.example",
    "//evil.example/x",
    "/\\evil.example",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "ftp://localhost/x",
    "http://localhost" + "/x" * 2000,
    "",
]


@pytest.mark.parametrize("referer", HOSTILE_REFERERS, ids=lambda r: repr(r[:50]))
def test_a_hostile_referer_gets_no_link_back_only_home(small_limit_client, referer):
    page = _too_large(small_limit_client, referer).get_data(as_text=True)
    assert BACK not in page
    assert '<a href="/">Back to my assessments</a>' in page
    assert not [link for link in _links(page) if "evil" in link or ":" in link]


def test_without_a_referer_the_page_links_home(small_limit_client):
    page = _too_large(small_limit_client).get_data(as_text=True)
    assert BACK not in page and '<a href="/">Back to my assessments</a>' in page


@pytest.mark.parametrize(("url", "path"), [
    ("http://localhost/assessments/abc", "/assessments/abc"),
    ("https://LOCALHOST/assessments/abc?q=%C3%A9t%C3%A9#E06", "/assessments/abc?q=%C3%A9t%C3%A9"),
    ("/dossiers", "/dossiers"),
    ("http://localhost:5000/x", None),  # another port: another site
    ("assessments/abc", None),
    ("/\x00/evil.example", None),
    (None, None),
])
def test_same_site_path(url, path):
    assert same_site_path(url, "localhost") == path


def test_a_path_alone_needs_no_host_but_an_address_does():
    assert same_site_path("/assessments/abc") == "/assessments/abc"
    assert same_site_path("http://localhost/assessments/abc") is None


# --- the other error pages -----------------------------------------------------------------


@pytest.fixture
def quiet_app(make_app):
    """An app whose server errors are answered by the 500 page, as in production, and that
    checks CSRF tokens; with a page that fails and a signed-in client."""
    app = make_app(PROPAGATE_EXCEPTIONS=False, WTF_CSRF_ENABLED=True)

    @app.get("/_fails")
    def fails():
        raise RuntimeError("a failing page")

    make_user(app, "alice")
    return app


REFERER = "http://localhost/dossiers"


@pytest.mark.parametrize(("method", "path", "status", "title"), [
    ("GET", "/assessments/no-such-thing", 404, "Not found"),
    ("GET", "/_fails", 500, "Something went wrong"),
    ("POST", "/assessments/new", 400, "Form expired"),  # no CSRF token
    ("GET", "/language", 405, "Not allowed"),
])
def test_every_error_page_links_back_to_where_the_person_was(quiet_app, method, path, status,
                                                             title):
    client = quiet_app.test_client()
    login(client, "alice")
    response = client.open(path, method=method, headers={"Referer": REFERER})
    assert response.status_code == status
    page = response.get_data(as_text=True)
    assert f"<h1>{title}</h1>" in page
    assert _back_link(page) == "/dossiers"
    assert '<a href="/">Back to my assessments</a>' in page
    hostile = client.open(path, method=method, headers={"Referer": "https://evil.example/d"})
    assert BACK not in hostile.get_data(as_text=True)


def test_the_page_that_failed_or_home_is_no_way_back(quiet_app):
    client = quiet_app.test_client()
    login(client, "alice")
    # Reloading a missing page: its Referer is itself, which would only fail again.
    page = client.get("/assessments/gone",
                      headers={"Referer": "http://localhost/assessments/gone"})
    assert page.status_code == 404 and BACK not in page.get_data(as_text=True)
    # From the home page: the link home is there already.
    page = client.get("/assessments/gone", headers={"Referer": "http://localhost/"})
    assert BACK not in page.get_data(as_text=True)


def test_signed_out_with_typed_text_signs_in_back_to_the_page(app, auth_client, assessment):
    form = f"/assessments/{assessment}"
    post(auth_client, "/auth/logout", {})
    response = post(auth_client, f"{form}/answers/E06",
                    {"E06-answer": "met", "E06-version": "0", "E06-justification": "Typed."},
                    headers={"Referer": f"http://localhost{form}"})
    assert response.status_code == 401
    page = response.get_data(as_text=True)
    assert f"/auth/login?next=%2Fassessments%2F{assessment}\"" in page
    hostile = post(auth_client, f"{form}/answers/E06",
                   {"E06-answer": "met", "E06-version": "0", "E06-justification": "Typed."},
                   headers={"Referer": "https://evil.example/x"})
    assert "evil" not in hostile.get_data(as_text=True)


@pytest.mark.parametrize("lang,said", [
    ("en", "INT03 is not one of this assessment's invariants: its study type or document kind "
           "does not include it (they may have been changed, perhaps in another tab), or the "
           "address is mistyped."),
    ("fr", "INT03 ne fait pas partie des invariants de cette évaluation\u00a0: son type d'étude "
           "ou de document ne le comprend pas (ils ont pu être modifiés, peut-être dans un autre "
           "onglet), ou l'adresse est mal saisie."),
])
def test_an_invariant_not_in_the_assessment_is_named_on_its_page(auth_client, lang, said):
    """Not "This page does not exist or is not yours": the assessment is the person's, and
    their answer's text, posted without JavaScript, is shown below to copy."""
    from conftest import create_assessment

    post(auth_client, "/language", {"lang": lang})
    uid = create_assessment(auth_client, study_type="observational")
    page = auth_client.get(f"/assessments/{uid}/answers/INT03")
    assert page.status_code == 404 and said in html.unescape(page.get_data(as_text=True))
    saved = post(auth_client, f"/assessments/{uid}/answers/INT03",
                 {"INT03-version": "0", "INT03-answer": "met",
                  "INT03-justification": "Randomisation par blocs, page 4."})
    text = html.unescape(saved.get_data(as_text=True))
    assert saved.status_code == 404 and said in text
    assert "Randomisation par blocs, page 4." in text


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "Nothing was uploaded: choose the file protocole v3.pdf again before submitting."),
    ("fr", f"Rien n'a été téléversé{NBSP}: choisissez de nouveau le fichier protocole v3.pdf "
           "avant d'envoyer."),
])
def test_an_expired_form_names_the_file_to_choose_again(quiet_app, lang, expected):
    # A browser empties the file field when the person goes back and reloads: the page says
    # which file they had chosen, so that they know the upload did not happen.
    client = quiet_app.test_client()
    login(client, "alice")
    form = {**ASSESSMENT_FORM, "document": (io.BytesIO(PDF), "protocole v3.pdf")}
    response = client.post(FORM, data=form, content_type="multipart/form-data",
                           headers={"Accept-Language": lang})  # no CSRF token
    assert response.status_code == 400
    page = html.unescape(response.get_data(as_text=True))
    assert expected in page


def test_an_expired_form_without_a_file_says_nothing_of_files(quiet_app):
    client = quiet_app.test_client()
    login(client, "alice")
    response = client.post(FORM, data=ASSESSMENT_FORM)
    assert response.status_code == 400
    assert "Nothing was uploaded" not in response.get_data(as_text=True)
