"""Running it for a team, what a unit's data manager meets: several people creating their
first assessments at once, a disk that fills up, a database that stops answering, a
reverse proxy on another port, handing a departed colleague's work over."""

from __future__ import annotations

import errno
import hashlib
import html
import io
import re
import resource
import signal
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from conftest import (
    ASSESSMENT_FORM,
    CSRF_RE,
    PASSWORD,
    create_assessment,
    csrf_token,
    login,
    make_user,
    post,
)
from sqlalchemy.exc import OperationalError

from checker.blueprints import assessments as assessments_views
from checker.cli import main
from checker.extensions import db
from checker.models import Assessment, CatalogueSnapshot, User
from checker.services.uploads import store_document, stored_again

NBSP = "\u00a0"


def test_first_assessments_made_at_once_share_one_catalogue_snapshot(app, auth_client,
                                                                     monkeypatch):
    # Two people create their first assessment at the same moment: both look for the
    # snapshot of the catalogue before either has stored it. The second to store it must
    # not fail (it did: a unique-key error, a 500 page, the form lost).
    first = create_assessment(auth_client)
    with app.app_context():
        assert db.session.query(CatalogueSnapshot).count() == 1
    real_get = db.session.get

    def not_yet_seen(model, key, *args, **kwargs):  # the other request had not committed
        if model is CatalogueSnapshot and not seen:
            seen.append(key)
            return None
        return real_get(model, key, *args, **kwargs)

    seen: list[str] = []
    monkeypatch.setattr(db.session, "get", not_yet_seen)
    second = create_assessment(auth_client, title="Second at the same time")
    monkeypatch.undo()
    assert seen  # the race was played
    with app.app_context():
        assert db.session.query(CatalogueSnapshot).count() == 1
        fingerprints = {a.catalogue_fingerprint for a in db.session.query(Assessment)
                        .filter(Assessment.uid.in_([first, second]))}
        assert len(fingerprints) == 1


@contextmanager
def _files_limited_to(size: int) -> Iterator[None]:
    """Writes beyond ``size`` bytes fail (EFBIG) as they do on a full disk (ENOSPC)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    previous = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, previous)


def test_a_document_whose_write_failed_is_not_kept_cut_short(tmp_path):
    data = b"%PDF-1.4\n" + b"x" * 20000 + b"\n%%EOF\n"
    with _files_limited_to(4096), pytest.raises(OSError):
        store_document(tmp_path, "protocol.pdf", data, 10**6)
    # Nothing under the document's name (it was a file of 4,096 bytes, which every later
    # upload of the same document then took as stored: an empty or broken document).
    assert [p.name for p in tmp_path.iterdir()] == []
    stored = store_document(tmp_path, "protocol.pdf", data, 10**6)
    assert stored.path.read_bytes() == data


def test_a_document_left_cut_short_by_an_earlier_failure_is_written_again(tmp_path):
    data = b"%PDF-1.4\n" + b"y" * 20000 + b"\n%%EOF\n"
    name = f"{hashlib.sha256(data).hexdigest()}.pdf"
    (tmp_path / name).write_bytes(data[:4096])  # what an earlier version left
    assert stored_again(tmp_path, "protocol.pdf", name[:-4], "pdf") is None
    stored = store_document(tmp_path, "protocol.pdf", data, 10**6)
    assert stored.path.name == name and stored.path.read_bytes() == data
    assert stored_again(tmp_path, "protocol.pdf", name[:-4], "pdf").size == len(data)


def _database_down(*_args, **_kwargs):
    raise OperationalError("SELECT users", {}, Exception(
        'connection to server at "127.0.0.1", port 5432 failed: Connection refused'))


def test_a_database_down_is_said_and_the_typed_answer_kept_to_copy(app, auth_client,
                                                                   assessment, monkeypatch,
                                                                   caplog):
    post(auth_client, "/language", {"lang": "fr"})
    token = csrf_token(auth_client)
    # Every request of a signed-in person first asks the database who they are: that is
    # where a stopped database is met (the error page asked again, and the web server's
    # bare English page replaced it, the typed text lost).
    monkeypatch.setattr(db.session, "get", _database_down)
    typed = "Vingt minutes de rédaction à ne pas perdre"
    response = auth_client.post(f"/assessments/{assessment}/answers/E01", data={
        "csrf_token": token, "E01-version": "0", "E01-answer": "met",
        "E01-justification": typed})
    page = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 503
    assert "Base de données injoignable" in page
    assert f"pour le moment{NBSP}: ce que vous avez envoyé n'a pas été enregistré" in page
    assert typed in page
    assert "database unavailable on POST" in caplog.text and "Connection refused" in caplog.text
    background = auth_client.post(
        f"/assessments/{assessment}/answers/E01", headers={"Accept": "application/json"},
        data={"csrf_token": token, "E01-version": "0", "E01-justification": typed})
    assert background.status_code == 503
    assert background.json["error"] == "database_unavailable"
    assert background.json["message"].startswith(f"Non enregistré{NBSP}: le serveur ne "
                                                 "parvient pas à joindre sa base de données")
    monkeypatch.undo()
    assert auth_client.get("/").status_code == 200  # back as soon as the database is


def test_a_full_disk_is_said_when_a_document_cannot_be_stored(app, auth_client, monkeypatch):
    def disk_full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(assessments_views, "store_document", disk_full)
    data = {**ASSESSMENT_FORM, "title": "Protocole ACTIV",
            "document": (io.BytesIO(b"Protocol text. " * 50), "protocol.txt")}
    response = post(auth_client, "/assessments/new", data,
                    content_type="multipart/form-data")
    page = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 507
    assert "The server's disk is full" in page and "nothing was saved" in page
    assert "Protocole ACTIV" in page  # the typed title, to copy
    with app.app_context():
        assert db.session.query(Assessment).count() == 0


@pytest.fixture
def proxied_app(make_app, monkeypatch):
    monkeypatch.setenv("NPIS_SECURE_COOKIES", "1")
    monkeypatch.setenv("NPIS_BEHIND_PROXY", "1")
    app = make_app()
    make_user(app, "karim")
    return app


def _login_through_the_proxy(app, referrer: str | None, lang: str = "en"):
    """Sign in as a browser would through an HTTPS proxy that passes ``Host: npis.chu.fr``."""
    client = app.test_client()
    headers = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "10.0.0.7",
               "Accept-Language": lang}
    page = client.get("/auth/login", base_url="https://npis.chu.fr", headers=headers)
    token = CSRF_RE.search(page.get_data(as_text=True)).group(1)
    if referrer:
        headers["Referer"] = referrer
    return client.post("/auth/login", base_url="https://npis.chu.fr", headers=headers,
                       data={"csrf_token": token, "username": "karim", "password": PASSWORD})


def test_a_proxy_that_drops_the_port_is_named_not_an_expired_form(proxied_app, caplog):
    # nginx on https://npis.chu.fr:8443 with `proxy_set_header Host $host`: the app sees
    # npis.chu.fr, the browser's Referer says :8443, and every form of everyone is refused.
    assert _login_through_the_proxy(
        proxied_app, "https://npis.chu.fr/auth/login").status_code == 302  # as it should
    response = _login_through_the_proxy(proxied_app, "https://npis.chu.fr:8443/auth/login",
                                        lang="fr")
    page = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 400
    assert "Formulaire refusé" in page and "Formulaire expiré" not in page
    assert (f"Ce formulaire a été envoyé depuis https://npis.chu.fr:8443, mais le serveur se "
            f"voit comme https://npis.chu.fr{NBSP}:") in page
    assert "Recharger la page n'y changera rien" in page
    assert "proxy_set_header Host $http_host" in caplog.text
    assert "https://npis.chu.fr:8443" in caplog.text


def test_a_browser_that_sends_no_referrer_over_https_is_told_so(proxied_app, caplog):
    response = _login_through_the_proxy(proxied_app, None)
    page = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 400
    assert "Form refused" in page and "(the Referer header" in page
    assert "the browser sent no Referer header" in caplog.text


def test_a_departing_colleagues_work_is_handed_over_with_its_documents(cli_env, app,
                                                                      auth_client):
    # alice leaves the unit: her assessments (with their document), answers and history,
    # and her dossiers go to bob, who reads and continues them; her account is left alone.
    uid = create_assessment(auth_client, document=(io.BytesIO(b"Protocol text. " * 50),
                                                   "protocol.txt"))
    version = re.search(r'name="E01-version" type="hidden" value="(\d+)"', auth_client.get(
        f"/assessments/{uid}/answers/E01").get_data(as_text=True)).group(1)
    assert post(auth_client, f"/assessments/{uid}/answers/E01", {
        "E01-version": version, "E01-answer": "met",
        "E01-justification": "Alice's reading"}).status_code == 302
    dossier = post(auth_client, "/dossiers/new", {
        "npi_name": "Walking", "domain": "physical", "health_problem": "Stroke",
        "country": "France"}).headers["Location"].split("/")[2]
    assert post(auth_client, f"/dossiers/{dossier}/studies",
                {"assessment": uid}).status_code == 302
    report = auth_client.get(f"/assessments/{uid}/report.xlsx")
    assert report.status_code == 200
    make_user(app, "bob")
    bob = app.test_client()
    login(bob, "bob")
    assert bob.get(f"/assessments/{uid}").status_code == 404

    result = cli_env.invoke(main, ["user", "hand-over", "alice", "--to", "bob"])
    assert result.exit_code == 0, result.output
    assert "gave 1 assessment and 1 dossier of alice to bob" in result.output
    assert bob.get(f"/assessments/{uid}").status_code == 200
    assert "Alice&#39;s reading" in bob.get(f"/assessments/{uid}/answers/E01").get_data(
        as_text=True)
    document = bob.get(f"/assessments/{uid}/document")
    assert document.status_code == 200 and "Protocol text." in document.get_data(as_text=True)
    assert uid in bob.get(f"/dossiers/{dossier}").get_data(as_text=True)
    assert auth_client.get(f"/assessments/{uid}").status_code == 404
    report_file = app.config["DATA_DIR"] + "/handed.xlsx"
    with open(report_file, "wb") as out:
        out.write(report.data)
    verified = cli_env.invoke(main, ["verify", report_file])
    assert verified.exit_code == 0, verified.output  # still the same assessment
    listed = cli_env.invoke(main, ["user", "list"]).output
    assert re.search(r"alice .* 0 assessments +active", listed)
    assert re.search(r"bob .* 1 assessment +active", listed)

    for args, said in ((["alice", "--to", "alice"], "Choose two different accounts."),
                       (["alice", "--to", "ghost"], "no user 'ghost'")):
        result = cli_env.invoke(main, ["user", "hand-over", *args])
        assert result.exit_code == 1 and said in result.output


def test_a_new_password_ends_the_sessions_opened_with_the_old_one(cli_env, app, client):
    # An administrator resets a password someone else has seen: that person's open session
    # must end, not go on until they sign out.
    make_user(app, "lea")
    elsewhere, here = app.test_client(), app.test_client()
    login(elsewhere, "lea")
    login(here, "lea")
    assert elsewhere.get("/").status_code == 200
    result = cli_env.invoke(main, ["user", "set-password", "lea", "--password-stdin"],
                            input="a brand new password\n")
    assert result.exit_code == 0, result.output
    response = elsewhere.get("/")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
    login(elsewhere, "lea", "a brand new password")
    login(here, "lea", "a brand new password")
    # Changing one's own password on "My account" keeps that session, ends the others.
    assert post(here, "/auth/account", {
        "current": "a brand new password", "password": "another new password",
        "confirm": "another new password"}).status_code == 302
    assert here.get("/").status_code == 200
    assert elsewhere.get("/").status_code == 302


def test_a_session_opened_before_the_upgrade_is_kept(app, user):
    # Sessions opened by the previous version hold the bare id: nobody is signed out by
    # the upgrade itself.
    client = app.test_client()
    with app.app_context():
        user_id = db.session.query(User.id).filter_by(username=user).scalar()
    with client.session_transaction() as session:
        session["_user_id"] = str(user_id)
        session["_fresh"] = True
    assert client.get("/").status_code == 200


@pytest.mark.parametrize("how", ["administrator", "my account"])
def test_a_session_opened_before_the_upgrade_ends_when_the_password_changes(cli_env, app, user,
                                                                           how):
    # A session without the password's stamp is kept until the password changes: then it
    # ends as the stamped ones do (a session someone stole before the upgrade included).
    old = app.test_client()
    with app.app_context():
        user_id = db.session.query(User.id).filter_by(username=user).scalar()
    with old.session_transaction() as session:
        session["_user_id"] = str(user_id)
        session["_fresh"] = True
    assert old.get("/").status_code == 200
    if how == "administrator":
        result = cli_env.invoke(main, ["user", "set-password", user, "--password-stdin"],
                                input="a brand new password\n")
        assert result.exit_code == 0, result.output
    else:
        here = app.test_client()
        login(here, user)
        assert post(here, "/auth/account", {
            "current": PASSWORD, "password": "a brand new password",
            "confirm": "a brand new password"}).status_code == 302
        assert here.get("/").status_code == 200
    response = old.get("/")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
    for odd in ("0000", "é\u00a0", "\udcff"):  # an odd stamp is no session either
        with old.session_transaction() as session:
            session["_user_id"] = f"{user_id}.{odd}"
        assert old.get("/").status_code == 302
