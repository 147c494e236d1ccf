"""Every route of the app, for every kind of visitor, with real, unknown and odd ids and with
malformed posts: a page in the app's layout with a human message (or JSON where JSON is
asked for), never a 500; never another account's data; nothing stored changed by a refused
request.

One app and one set of data serve the whole module (building them per test would take
minutes); each request gets a fresh client holding a copy of its visitor's session, so a
logout or a language switch in one case never leaks into the next.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import pytest
from conftest import ASSESSMENT_FORM, PASSWORD, create_assessment, csrf_token, login, make_user
from dossier_support import PEER
from flask import Flask
from flask.testing import FlaskClient
from test_bad_input import _docx_bomb
from test_web_uploads import PDF
from werkzeug.routing import Rule
from werkzeug.test import TestResponse

from checker.extensions import db

OWNER, OTHER = "owner", "intruder"
SECRET = "Qzxv"  # in every title and text of the owner's: never in a page served to others
DOCUMENT = (f"{SECRET} walking protocol\n\nEthics\nThe protocol was approved by the ethics "
            "committee CPP Ouest III on 12 March 2024.\n\nParticipants will be randomised.\n")
LAYOUT = 'class="site-header"'  # the app's own header: absent from Werkzeug's default pages
MB = 1024 * 1024


def _rules() -> list[Rule]:
    """The app's routes; the blueprints alone, so collecting needs no database (a test below
    checks that the real app has no other)."""
    from checker.blueprints import register

    app = Flask("checker")
    register(app)
    return sorted(app.url_map.iter_rules(), key=lambda rule: (rule.rule, rule.endpoint))


RULES = _rules()


def _methods(rule: Rule) -> list[str]:
    return sorted((rule.methods or set()) - {"HEAD", "OPTIONS"})


def _rule_id(rule: Rule) -> str:
    return f"{'|'.join(_methods(rule))} {rule.rule}"


# (rule, method) pairs: every allowed method and one that is not (405 page).
ROUTE_METHODS = [(rule, method) for rule in RULES
                 for method in [*_methods(rule), "PUT" if "PUT" not in _methods(rule) else "PATCH"]]
POST_RULES = [rule for rule in RULES if "POST" in _methods(rule)]
PARAM_RULES = [rule for rule in RULES if rule.arguments]


@dataclass
class World:
    """The app, the owner's data (ids) and each visitor's session cookie and CSRF token."""

    app: Flask
    assessment: str
    dossier: str
    sessions: dict[str, tuple[str, str]]  # visitor -> (session cookie, CSRF token)

    def client(self, visitor: str) -> FlaskClient:
        """A fresh client in ``visitor``'s session."""
        client = self.app.test_client()
        client.set_cookie("session", self.sessions[visitor][0])
        return client

    def token(self, visitor: str) -> str:
        """The CSRF token of ``visitor``'s session."""
        return self.sessions[visitor][1]

    def spare(self) -> tuple[str, str]:
        """A new assessment of the owner's in a new dossier, for a request that may delete."""
        from checker.services.accounts import find_user
        from checker.services.dossiers import DossierFields, add_study, create_dossier

        uid = create_assessment(self.client("owner"), title=f"{SECRET} spare")
        with self.app.app_context():
            owner = find_user(OWNER)
            dossier = create_dossier(owner, DossierFields(f"{SECRET} spare", "physical",
                                                          "stroke", "France"))
            add_study(dossier, uid, owner, None)
            return uid, dossier.uid


def _session(app: Flask, username: str | None) -> tuple[str, str]:
    client = app.test_client()
    if username:
        login(client, username)
    token = csrf_token(client)  # stored in the session: read the cookie after
    cookie = client.get_cookie("session")
    assert cookie is not None
    return cookie.value, token


@pytest.fixture(scope="module")
def world(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    from checker.app import create_app
    from checker.services.accounts import find_user
    from checker.services.dossiers import DossierFields, add_study, create_dossier

    app = create_app({"TESTING": True, "SECRET_KEY": "test-secret",
                      "DATA_DIR": str(tmp_path_factory.mktemp("fuzz-data")),
                      "SQLALCHEMY_DATABASE_URI": database_url})
    make_user(app, OWNER)
    make_user(app, OTHER)
    owner_client = app.test_client()
    login(owner_client, OWNER)
    uid = create_assessment(owner_client, title=f"{SECRET} walking after stroke",
                            npi_name=f"{SECRET} walking",
                            document=(io.BytesIO(DOCUMENT.encode()), "protocol.txt"))
    with app.app_context():
        owner = find_user(OWNER)
        dossier = create_dossier(owner, DossierFields(f"{SECRET} npi", "physical",
                                                      f"{SECRET} stroke", "France"))
        add_study(dossier, uid, owner, None)
        dossier_uid = dossier.uid
    sessions = {visitor: _session(app, name)
                for visitor, name in (("anonymous", None), ("owner", OWNER), ("other", OTHER))}
    try:
        yield World(app, uid, dossier_uid, sessions)
    finally:
        with app.app_context():
            db.session.remove()
            with db.engine.begin() as conn:  # the next module starts with empty tables
                for table in reversed(db.metadata.sorted_tables):
                    conn.execute(table.delete())
            db.engine.dispose()


DESTRUCTIVE = {"assessments.delete", "dossiers.delete", "dossiers.remove_study"}
# Open without signing in (the others send an anonymous visitor to the login page).
PUBLIC = {"static", "auth.signup", "auth.login", "assessments.index", "verify.verify",
          "i18n.set_language", "guide.suggestions"}


def _values(world: World, rule: Rule, visitor: str) -> dict[str, str]:
    """Real values for the rule's parameters (the owner's ids, whoever visits)."""
    assessment, dossier = world.assessment, world.dossier
    if rule.endpoint in DESTRUCTIVE and visitor == "owner":
        assessment, dossier = world.spare()
    return {"uid": dossier if rule.endpoint.startswith("dossiers.") else assessment,
            "study_uid": assessment, "invariant_id": "E01", "fmt": "xlsx",
            "filename": "app.css"}


def _path(rule: Rule, values: dict[str, str], raw: dict[str, str] | None = None) -> str:
    """The rule's path with ``values`` quoted in, and ``raw`` (already URL-encoded) as is."""
    raw = raw or {}

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        return raw[name] if name in raw else quote(values[name], safe="")

    return re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", fill, rule.rule)


def snapshot(app: Flask) -> dict[str, list[str]]:
    """Every stored row, to tell whether a request changed anything."""
    with app.app_context():
        rows = {table.name: sorted(repr(tuple(row)) for row in db.session.execute(table.select()))
                for table in db.metadata.sorted_tables}
        db.session.remove()
        return rows


def _owned(rule: Rule) -> bool:
    """Whether the rule's parameters name the owner's data (404 for anyone else)."""
    return bool({"uid", "study_uid"} & set(rule.arguments))


def _on_this_site(location: str) -> bool:
    """Whether a browser following ``location`` stays on this site: it reads a backslash as a
    slash and drops tabs and line breaks, so "/\\evil.example" is "//evil.example"."""
    from urllib.parse import urlsplit

    seen = re.sub(r"[\t\n\r]", "", location).replace("\\", "/").lstrip()
    parts = urlsplit(seen)
    return (not parts.scheme or parts.scheme in ("http", "https")) and \
        parts.netloc in ("", "localhost") and not seen.startswith("//")


def check(response: TestResponse, visitor: str) -> str:
    """What must hold for any response; returns the body."""
    body = response.get_data().decode(errors="replace")  # reports are binary
    assert response.status_code < 500, body[:3000]
    if response.status_code >= 400:
        if response.mimetype == "application/json":
            assert response.get_json() is not None
        else:
            assert response.mimetype == "text/html", response.mimetype
            assert LAYOUT in body, body[:1000]  # the app's page, not Werkzeug's
            assert re.search(r"<h1[^>]*>\s*\S", body), body[:2000]  # with a title
    if 300 <= response.status_code < 400:
        assert _on_this_site(response.headers["Location"]), response.headers["Location"]
    if visitor != "owner":
        shown = body + " ".join(f"{key}: {value}" for key, value in response.headers.items())
        assert SECRET not in shown, f"{visitor} was shown the owner's data"
    return body


def send(world: World, visitor: str, method: str, path: str, data: Any = None,
         headers: dict[str, str] | None = None, *, unchanged: bool = False,
         **kwargs: Any) -> TestResponse:
    """One request, checked; a refused one (4xx) other than a GET, or one that must not write
    (``unchanged``), must leave every stored row as it was."""
    client = world.client(visitor)
    before = snapshot(world.app) if method != "GET" else None
    response = client.open(path, method=method, data=data, headers=headers, **kwargs)
    check(response, visitor)
    _keep_renewed_session(world, visitor, client)
    if before is not None and (unchanged or response.status_code >= 400):
        after = snapshot(world.app)
        # A failed sign-in, a wrong current password on My account and a refused sign-up are
        # counted, by design (services.sign_in).
        if path.startswith(("/auth/login", "/auth/account", "/auth/signup")):
            before.pop("sign_in_failures")
            after.pop("sign_in_failures")
        assert after == before, f"{method} {path[:200]} changed stored data"
    return response


def _keep_renewed_session(world: World, visitor: str, client: FlaskClient) -> None:
    """Keep the session a response renewed for the same account, as a browser keeps it: a new
    password (``auth.account``) ends the sessions opened with the old one, the visitor's own
    going on in the cookie the response sets."""
    cookie = client.get_cookie("session")
    old = world.sessions[visitor][0]
    if cookie is None or cookie.value == old:
        return
    serializer = world.app.session_interface.get_signing_serializer(world.app)
    user_now = str(serializer.loads(cookie.value).get("_user_id", ""))
    user_before = str(serializer.loads(old).get("_user_id", ""))
    if user_before and user_now.split(".")[0] == user_before.split(".")[0] \
            and user_now != user_before:
        world.sessions[visitor] = (cookie.value, world.sessions[visitor][1])


def test_every_route_of_the_app_is_enumerated(world: World) -> None:
    real = {(rule.rule, rule.endpoint, frozenset(_methods(rule)))
            for rule in world.app.url_map.iter_rules()}
    assert real == {(rule.rule, rule.endpoint, frozenset(_methods(rule))) for rule in RULES}


@pytest.mark.parametrize("visitor", ["anonymous", "owner", "other"])
@pytest.mark.parametrize("rule, method", ROUTE_METHODS,
                         ids=[f"{method} {rule.rule}" for rule, method in ROUTE_METHODS])
def test_every_route_for_every_visitor(world: World, rule: Rule, method: str,
                                       visitor: str) -> None:
    """With real ids and a POST carrying only its CSRF token (every field missing)."""
    path = _path(rule, _values(world, rule, visitor))
    data = {"csrf_token": world.token(visitor)} if method != "GET" else None
    # Nobody but the owner may change the owner's data.
    response = send(world, visitor, method, path, data,
                    unchanged=visitor != "owner" and _owned(rule))
    allowed = method in _methods(rule)
    if not allowed:
        assert response.status_code == 405
    elif visitor == "other" and _owned(rule):
        assert response.status_code == 404
    elif visitor == "anonymous" and rule.endpoint not in PUBLIC:
        assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
    elif visitor == "owner" and method == "GET":
        assert (response.status_code == 200
                or rule.endpoint == "auth.login"  # signed in already
                # The page a POST showed, reloaded or switched to French: back to its form.
                or rule.endpoint in ("assessments.read_details", "dossiers.add_study_again")
                ), rule.endpoint


def test_a_signed_out_background_save_gets_json(world: World) -> None:
    rule = next(rule for rule in RULES if rule.endpoint == "assessments.save_answer")
    token = world.token("anonymous")
    response = send(world, "anonymous", "POST", _path(rule, _values(world, rule, "anonymous")),
                    {"csrf_token": token}, headers={"Accept": "application/json"})
    assert response.status_code == 401 and response.get_json()["error"] == "signed_out"


# Path segments, already URL-encoded as a browser or a script could send them.
ODD_IDS = {
    "long": "a" * 5000,
    "non-ascii": quote("évaluation-漢字"),
    "nul": "%00",
    "nul-inside": "abc%00def",
    "dot-dot-slash": "..%2F..%2Fetc%2Fpasswd",
    "dot-dot": "..",
    "beyond-64-bit": "9" * 30,
    "invalid-utf-8": "%ED%A0%80%FF",
    "negative": "-1",
}


@pytest.mark.parametrize("odd", ODD_IDS, ids=list(ODD_IDS))
@pytest.mark.parametrize("rule", PARAM_RULES, ids=_rule_id)
def test_odd_ids(world: World, rule: Rule, odd: str) -> None:
    """Each parameter in turn gets the odd value, the others a real one: a 404 page (or 400),
    never a crash, for the owner."""
    values = _values(world, rule, "owner")
    for name in sorted(rule.arguments):
        path = _path(rule, values, {name: ODD_IDS[odd]})
        for method in _methods(rule):
            data = {"csrf_token": world.token("owner")} if method == "POST" else None
            response = send(world, "owner", method, path, data)
            if name != "filename":
                assert response.status_code in (400, 404), (method, path[:200])


@pytest.mark.parametrize("query", [
    "page=%00", "page=" + "9" * 40, "page=-3", "q=%00%ED%A0%80", "q=" + "x" * 5000,
    "lang=xx", "lang=%00", "elements=%FF", "before=%00&after=" + "f" * 64,
    "before=" + "9" * 40, "next=%00",
    "verdict=%00&study_type=%FF&sort=" + "z" * 500 + "&ethical_problems=%00&pending=-1",
])
@pytest.mark.parametrize("rule", [rule for rule in RULES if "GET" in _methods(rule)
                                  and rule.endpoint != "static"], ids=_rule_id)
def test_odd_query_strings(world: World, rule: Rule, query: str) -> None:
    send(world, "owner", "GET", f"{_path(rule, _values(world, rule, 'owner'))}?{query}")


def _screening_fields() -> dict[str, str]:
    from checker.services.screening import load_questionnaire

    questionnaire = load_questionnaire()
    return {"domain": questionnaire.domains[0]["id"],
            **{f"q_{question.id}": "yes" for question in questionnaire.questions}}


_ANSWER = {"E01-answer": "met", "E01-justification": "Stated.", "E01-quotation": "approved",
           "E01-page": "3", "E01-section": "Ethics", "E01-version": "1"}
_DOSSIER = {"npi_name": "Walking", "domain": "physical", "health_problem": "stroke",
            "country": "France"}
_PUBLICATION = {"peer_reviewed": "y", "journal": PEER["journal"], "doi": PEER["doi"],
                "year": "2024", "study_country": "France"}

# The fields each POST route reads, with a valid value (files are tested apart below).
FIELDS: dict[str, dict[str, str]] = {
    "auth.signup": {"username": "newcomer", "password": PASSWORD, "confirm": PASSWORD},
    "auth.login": {"username": OWNER, "password": PASSWORD},
    "auth.logout": {},
    "auth.account": {"current": PASSWORD, "password": PASSWORD, "confirm": PASSWORD},
    "assessments.new": ASSESSMENT_FORM,
    "assessments.read_details": {**ASSESSMENT_FORM,
                                 "document_readings": '{"title": "Walking", "country": "France"}'},
    "assessments.document": {},
    "assessments.edit": ASSESSMENT_FORM,
    "assessments.delete": {},
    "assessments.save_answer": _ANSWER,
    "assessments.restore_answer": {"restore": "1", "version": "1"},
    "assessments.keep_answer": {"version": "1", "back": "changes", "before": "0" * 64},
    "assessments.import_assessment": {},
    "assessments.example": {},
    "suggestions.run": {},
    "suggestions.accept_all": {},
    "suggestions.reject_all": {},
    "suggestions.accept_one": {**_ANSWER, "version": "1"},
    "suggestions.reject_one": {"version": "1"},
    "suggestions.adopt": {"version": "1", "document": "0" * 64},
    "dossiers.new": _DOSSIER,
    "dossiers.edit": _DOSSIER,
    "dossiers.delete": {"confirm": "y"},
    "dossiers.screening": {},  # filled from the questionnaire (see _fields)
    "dossiers.add_study": {"assessment": "", **_PUBLICATION},
    "dossiers.read_publication": {"assessment": "", **_PUBLICATION},
    "dossiers.remove_study": {},
    "dossiers.publication": _PUBLICATION,
    "dossiers.paper_protocol": {"protocol": ""},
    "verify.verify": {},
    "i18n.set_language": {"lang": "fr", "next": "/dossiers"},
}
JSON_ENDPOINTS = {"assessments.save_answer", "suggestions.accept_one",
                  "assessments.keep_answer"}


def _fields(endpoint: str) -> dict[str, str]:
    return _screening_fields() if endpoint == "dossiers.screening" else FIELDS[endpoint]


def test_every_post_route_has_its_fields_listed() -> None:
    assert {rule.endpoint for rule in POST_RULES} == set(FIELDS)


@pytest.mark.parametrize("odd", ODD_IDS, ids=list(ODD_IDS))
@pytest.mark.parametrize("rule", [rule for rule in PARAM_RULES
                                  if rule.endpoint in JSON_ENDPOINTS], ids=_rule_id)
def test_odd_ids_in_the_background(world: World, rule: Rule, odd: str) -> None:
    """What the page posts in the background (app.js) to an assessment or an invariant that
    is not there (deleted or changed in another tab, or never was): JSON with a reason, which
    the page shows beside the text it keeps, not the 404 page."""
    values = _values(world, rule, "owner")
    for name in sorted(rule.arguments):
        path = _path(rule, values, {name: ODD_IDS[odd]})
        response = send(world, "owner", "POST", path, {"csrf_token": world.token("owner")},
                        headers={"Accept": "application/json"})
        assert response.status_code in (400, 404), (path[:200], response.status_code)
        assert response.mimetype == "application/json"
        assert response.get_json()["error"] in ("not_found", "not_applicable", "bad_request")


Payload = list[tuple[str, str]] | str  # form pairs, or a raw URL-encoded body


def _every(fields: dict[str, str], value: str) -> list[tuple[str, str]]:
    return [(name, value) for name in fields]


PAYLOADS: dict[str, Any] = {
    "valid": lambda fields: list(fields.items()),
    "every-field-missing": lambda fields: [],
    "every-field-empty": lambda fields: _every(fields, ""),
    "one-megabyte": lambda fields: _every(fields, "x" * MB),
    "control-characters": lambda fields: [(name, f"{value}\x00\x01\x08\x1b\x7f\u2028\ufeff")
                                          for name, value in fields.items()],
    "repeated": lambda fields: [pair for name, value in fields.items()
                                for pair in ((name, value), (name, "second"))],
    "numbers-for-text": lambda fields: _every(fields, "12345"),
    "text-for-numbers": lambda fields: _every(fields, "douze"),
    "huge-integer": lambda fields: _every(fields, "9" * 400),
    "float-syntax": lambda fields: _every(fields, "1e309"),
    # Percent-encodings no UTF-8 text makes: a lone surrogate, a stray byte.
    "invalid-utf-8": lambda fields: "&".join(f"{name}=%ED%A0%80%FF" for name in fields),
}
VERSIONS = ["-5", "abc", "9" * 40, "1e3", " 3 ", "0x10", "", "\x00"]


# The forms with a file field: a browser sends them as multipart/form-data.
MULTIPART = {"assessments.new", "assessments.read_details", "assessments.document",
             "assessments.import_assessment", "verify.verify"}


def _body(token: str, payload: Payload, multipart: bool) -> tuple[Any, str]:
    """The request body with the CSRF token, and its content type."""
    if isinstance(payload, str):
        body = f"csrf_token={quote(token)}" + (f"&{payload}" if payload else "")
        return body, "application/x-www-form-urlencoded"
    from werkzeug.datastructures import MultiDict

    return (MultiDict([("csrf_token", token), *payload]),
            "multipart/form-data" if multipart else "application/x-www-form-urlencoded")


def _post(world: World, rule: Rule, payload: Payload, *, token: str | None = None,
          accept: str = "text/html") -> TestResponse:
    """POST ``payload``, encoded as a browser would: on a public page as a visitor (signed
    in, the login page only redirects), elsewhere as the owner on the owner's data."""
    visitor = "anonymous" if rule.endpoint in PUBLIC else "owner"
    body, content_type = _body(token or world.token(visitor), payload,
                               rule.endpoint in MULTIPART)
    return send(world, visitor, "POST", _path(rule, _values(world, rule, visitor)), body,
                headers={"Accept": accept}, content_type=content_type)


POST_CASES = [(rule, name, accept) for rule in POST_RULES for name in PAYLOADS
              for accept in (["text/html", "application/json"]
                             if rule.endpoint in JSON_ENDPOINTS else ["text/html"])]


@pytest.mark.parametrize("rule, payload, accept", POST_CASES,
                         ids=[f"{rule.rule}-{name}-{accept.split('/')[1]}"
                              for rule, name, accept in POST_CASES])
def test_malformed_posts(world: World, rule: Rule, payload: str, accept: str) -> None:
    response = _post(world, rule, PAYLOADS[payload](_fields(rule.endpoint)), accept=accept)
    assert response.status_code != 413  # no file and far under the limit: not "too large"
    if accept == "application/json" and response.status_code != 302:
        assert response.mimetype == "application/json"


@pytest.mark.parametrize("rule", POST_RULES, ids=_rule_id)
def test_a_wrong_csrf_token_is_refused_with_a_page(world: World, rule: Rule) -> None:
    response = _post(world, rule, list(_fields(rule.endpoint).items()), token="forged")
    assert response.status_code == 400 and "Form expired" in response.get_data(as_text=True)


VERSION_RULES = [rule for rule in POST_RULES
                 if any(name.endswith("version") for name in FIELDS[rule.endpoint])]


@pytest.mark.parametrize("version", VERSIONS, ids=repr)
@pytest.mark.parametrize("rule", VERSION_RULES, ids=_rule_id)
def test_wrong_versions(world: World, rule: Rule, version: str) -> None:
    """A version that is no number the page showed can only conflict, never overwrite."""
    fields = {name: version if name.endswith("version") else value
              for name, value in FIELDS[rule.endpoint].items()}
    _post(world, rule, list(fields.items()))


@pytest.mark.parametrize("rule", [rule for rule in POST_RULES if _owned(rule)], ids=_rule_id)
def test_another_account_cannot_write_the_owners_data(world: World, rule: Rule) -> None:
    """A well-formed post, valid token and all, on the owner's ids: 404, nothing changed."""
    token = world.token("other")
    body, content_type = _body(token, list(_fields(rule.endpoint).items()),
                               rule.endpoint in MULTIPART)
    response = send(world, "other", "POST", _path(rule, _values(world, rule, "other")), body,
                    content_type=content_type, unchanged=True)
    assert response.status_code == 404


@pytest.mark.parametrize("method, action", [("GET", ""), ("POST", ""), ("POST", "/remove")])
def test_the_owners_study_through_another_accounts_dossier_is_a_404(
        world: World, method: str, action: str) -> None:
    from checker.services.accounts import find_user
    from checker.services.dossiers import DossierFields, create_dossier

    with world.app.app_context():
        own = create_dossier(find_user(OTHER), DossierFields("Mine", "physical", "pain",
                                                             "Spain")).uid
    token = world.token("other")
    response = send(world, "other", method,
                    f"/dossiers/{own}/studies/{world.assessment}{action}",
                    {"csrf_token": token, **_PUBLICATION} if method == "POST" else None,
                    unchanged=True)
    assert response.status_code == 404


def _truncated_pdf() -> bytes:
    from pdf_support import pdf_of_objects

    whole = pdf_of_objects([b"<< /Type /Catalog /Pages 2 0 R >>",
                            b"<< /Type /Pages /Kids [] /Count 0 >>"])
    return whole[: len(whole) // 2]


# name -> (file name, content): none of them is a document the app can read.
BAD_FILES = {
    "empty": ("protocol.pdf", lambda: b""),
    "no-name": ("", lambda: PDF),
    "wrong-extension": ("protocol.exe", lambda: b"MZ\x90\x00" + b"\x00" * 200),
    "renamed-binary": ("protocol.pdf", lambda: b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4),
    "docx-bomb": ("protocol.docx", lambda: _docx_bomb(70_000)),
    "truncated-pdf": ("protocol.pdf", _truncated_pdf),
    "odd-name": ("../..\\\x00évaluation\u202e.txt", lambda: b"A protocol.\n"),
}
UPLOAD_FIELDS = {"assessments.new": "document", "assessments.read_details": "document",
                 "assessments.document": "document",
                 "assessments.import_assessment": "file", "verify.verify": "file"}
UPLOAD_RULES = [rule for rule in POST_RULES if rule.endpoint in UPLOAD_FIELDS]


def _upload(world: World, rule: Rule, data: Any, content_type: str) -> TestResponse:
    return send(world, "owner", "POST", _path(rule, _values(world, rule, "owner")), data,
                content_type=content_type, follow_redirects=True)


@pytest.mark.parametrize("bad", BAD_FILES, ids=list(BAD_FILES))
@pytest.mark.parametrize("rule", UPLOAD_RULES, ids=_rule_id)
def test_bad_uploads(world: World, rule: Rule, bad: str) -> None:
    name, content = BAD_FILES[bad]
    token = world.token("owner")
    fields = {**_fields(rule.endpoint), "csrf_token": token,
              UPLOAD_FIELDS[rule.endpoint]: (io.BytesIO(content()), name)}
    response = _upload(world, rule, fields, "multipart/form-data")
    if rule.endpoint in ("assessments.new", "assessments.read_details") \
            and response.status_code == 400:
        assert ASSESSMENT_FORM["npi_name"] in response.get_data(as_text=True)  # form kept


@pytest.mark.parametrize("rule", UPLOAD_RULES, ids=_rule_id)
def test_a_file_name_that_is_not_utf_8(world: World, rule: Rule) -> None:
    """Bytes no UTF-8 text makes (a lone surrogate, a stray byte) in the file name: written
    by hand, as no test client (nor browser) would send them."""
    token = world.token("owner")
    parts = [(f'name="{name}"'.encode(), value.encode())
             for name, value in {**_fields(rule.endpoint), "csrf_token": token}.items()]
    parts.append((f'name="{UPLOAD_FIELDS[rule.endpoint]}"; filename="'.encode()
                  + b'\xed\xa0\x80\xff.txt"', b"A protocol.\n"))
    body = b"".join(b"--fuzz\r\nContent-Disposition: form-data; " + disposition
                    + b"\r\n\r\n" + value + b"\r\n" for disposition, value in parts)
    # Werkzeug drops such a form whole: the missing token's page, and nothing stored.
    response = _upload(world, rule, body + b"--fuzz--\r\n", "multipart/form-data; boundary=fuzz")
    assert response.status_code == 400


# Where a link or a form may ask to be sent after signing in or switching language.
NEXT_TARGETS = ["https://evil.example/x", "//evil.example", "/\\evil.example", "\\/evil.example",
                "/%5Cevil.example", "/\t/evil.example", " //evil.example", "javascript:alert(1)",
                "/\x00/evil.example", "///evil.example"]


@pytest.mark.parametrize("target", NEXT_TARGETS, ids=repr)
def test_redirects_after_a_language_switch_stay_on_the_site(world: World, target: str) -> None:
    token = world.token("anonymous")
    send(world, "anonymous", "POST", "/language",
         {"csrf_token": token, "lang": "en", "next": target})


@pytest.mark.parametrize("target", NEXT_TARGETS, ids=repr)
def test_redirects_after_signing_in_stay_on_the_site(world: World, target: str) -> None:
    token = world.token("anonymous")
    send(world, "anonymous", "POST", f"/auth/login?next={quote(target)}",
         {"csrf_token": token, "username": OTHER, "password": PASSWORD})


ODD_HEADERS = {
    "range-beyond-the-end": {"Range": "bytes=99999999-"},
    "range-malformed": {"Range": "bytes=abc"},
    "accept-language-garbage": {"Accept-Language": "xx;q=abc, fr;q=nan, *;q=1e999"},
    "accept-garbage": {"Accept": "application/json;q=abc, */*;q=-1"},
    "forged-session": {"Cookie": "session=forged.forged.forged"},
    "huge-if-none-match": {"If-None-Match": "x" * 10_000},
}


@pytest.mark.parametrize("headers", ODD_HEADERS, ids=list(ODD_HEADERS))
@pytest.mark.parametrize("path", ["/static/app.css", "/", "/auth/login", "/verify"])
def test_odd_headers(world: World, path: str, headers: str) -> None:
    send(world, "anonymous", "GET", path, headers=ODD_HEADERS[headers])
