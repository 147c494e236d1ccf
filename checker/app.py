"""Flask application factory."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import (
    Flask,
    Request,
    g,
    has_request_context,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import format_decimal, get_locale, ngettext
from flask_babel import gettext as _
from flask_login import current_user, login_url
from flask_wtf.csrf import CSRFError
from jinja2 import FileSystemBytecodeCache
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from werkzeug.exceptions import HTTPException
from werkzeug.routing import UnicodeConverter

from exports.labels import labels

from . import __version__
from .catalogue import CatalogueError, pick
from .config import build_config
from .extensions import babel, csrf, db, login_manager
from .models import User, load_all
from .outages import log_line, storage_problem
from .proxy import NO_REFERRER_WARNING, WRONG_HOST_WARNING, configure_proxy, refused_origin
from .refusals import refusal_message
from .same_site import way_back
from .services.typed_copies import copy_scope
from .text_input import without_controls
from .unsaved import unsaved_texts, unsent_files

PACKAGE_DIR = Path(__file__).resolve().parent


def _asset_dir(name: str) -> str:
    """``checker/<name>`` in an installed wheel, ``<repo>/<name>`` in a source checkout."""
    packaged = PACKAGE_DIR / name
    return str(packaged if packaged.is_dir() else PACKAGE_DIR.parent / name)


def select_locale() -> str:
    """The language chosen with the switch, else the browser's preference, else English."""
    languages = ("en", "fr")
    if not has_request_context():  # command line: its language (NPIS_LANG, else the locale)
        from .cli_i18n import cli_language

        return cli_language()
    chosen = session.get("lang")
    if chosen in languages:
        return chosen
    return request.accept_languages.best_match(languages) or "en"


def current_lang() -> str:
    return str(get_locale() or "en")


PUNCTUATION = ("colon", "separator", "quote_open", "quote_close")


def typography(lang: str) -> dict[str, str]:
    """The punctuation of the page's language (English's for any other), as the reports and
    the verdict lines print it (``exports/labels.yaml``; French typography: a no-break space
    before ":" and ";", and « » quotation marks)."""
    lab = labels(lang)
    return {key: lab[key] for key in PUNCTUATION}


def wants_json() -> bool:
    """Whether the request is the page's background save (app.js asks for JSON), which must
    get an answer it can show rather than a page or a redirect."""
    return request.accept_mimetypes.best == "application/json"


@event.listens_for(Engine, "connect")
def _sqlite_foreign_keys(dbapi_connection: Any, _record: Any) -> None:
    # SQLite ignores ON DELETE CASCADE unless asked; PostgreSQL always enforces it.
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()


# "Keep my answer" sent in the background from an answer's block (app.js).
KEEP_ENDPOINT = "assessments.keep_answer"


def background_refusal(reason: str, invariant_id: str | None = None) -> str:
    """The refusal of the page's background request being served, a save's or a keep's."""
    return refusal_message(reason, keep=request.endpoint == KEEP_ENDPOINT,
                           invariant_id=invariant_id)


def _register_errors(app: Flask) -> None:
    def page(status: int, title: str, message: str) -> tuple[str, int]:
        # A link back to the page the person came from, when it is one of this site's.
        return render_template("error.html", status=status, title=title, message=message,
                               unsaved=unsaved_texts(), back_link=way_back()), status

    def refused(status: int, reason: str, invariant_id: str | None = None) -> tuple[Any, int]:
        """A refused background request of the page (app.js): JSON it can show beside the
        typed text, which it keeps, rather than a page that would replace it; worded for a
        save or for a keep (:mod:`checker.refusals`)."""
        return jsonify(error=reason, message=background_refusal(reason, invariant_id)), status

    def unknown_invariant(exc: Exception) -> str | None:
        """The invariant a 404 is about (see ``_common.NoSuchInvariant``), if any."""
        invariant_id = getattr(exc, "invariant_id", None)
        return invariant_id[:40] if isinstance(invariant_id, str) else None

    @app.errorhandler(404)
    def not_found(exc: Exception) -> tuple[Any, int]:
        if wants_json():
            # Deleted in another tab (the assessment), or no longer part of it (the study
            # type was changed there): saving again cannot help, the person's text is all
            # that is left of it.
            invariant_id = unknown_invariant(exc)
            if invariant_id is not None:
                return refused(404, "not_applicable", invariant_id)
            return refused(404, "not_found")
        invariant_id = unknown_invariant(exc)
        if invariant_id is not None:
            # The assessment is the person's: "not yours" would mislead (a bookmark kept
            # from before a change of study type, the answer posted without JavaScript).
            return page(404, _("Not found"), _(
                "%(id)s is not one of this assessment's invariants: its study type or document "
                "kind does not include it (they may have been changed, perhaps in another "
                "tab), or the address is mistyped.", id=invariant_id))
        return page(404, _("Not found"), _("This page does not exist or is not yours."))

    @app.errorhandler(413)
    def too_large(_exc: Exception) -> tuple[Any, int]:
        if wants_json():
            return refused(413, "too_large")
        # "2.5" or "2,5": the limit as set (NPIS_MAX_UPLOAD_MB), not rounded to "2".
        limit = format_decimal(round(app.config["MAX_UPLOAD_BYTES"] / 1048576, 1))
        return page(413, _("File too large"), _(
            "What you sent is larger than this server accepts (documents up to %(limit)s MB). "
            "Nothing was saved: go back to the form, choose a smaller file (or none) and "
            "submit it again. The limit is set by the server's administrator (the "
            "NPIS_MAX_UPLOAD_MB setting).", limit=limit,
        ))

    @app.errorhandler(CSRFError)
    def csrf_error(exc: CSRFError) -> Any:
        if wants_json():
            # A background save: the page keeps the typed text and shows this (see app.js).
            return refused(400, "expired")
        message = _("The form could not be verified (missing or expired security token). "
                    "Go back, reload the page and submit again.")
        title = _("Form expired")
        origin = refused_origin()
        if origin is not None and origin[0]:
            # Every form is refused so, whatever the person does: the proxy must change.
            app.logger.warning(WRONG_HOST_WARNING, *origin)
            title = _("Form refused")
            message = _(
                "This form was sent from %(origin)s, but the server sees itself as %(here)s: "
                "the reverse proxy in front of it does not pass on the address people use "
                "(its port). Reloading will not help: tell the server's administrator (the "
                "server's log says what to change).", origin=origin[0], here=origin[1])
        elif origin is not None:
            app.logger.warning(NO_REFERRER_WARNING)
            title = _("Form refused")
            message = _(
                "Your browser did not say which page this form was sent from (the Referer "
                "header, which this server needs over HTTPS): a browser setting or extension "
                "removes it. Allow it for this site, then reload the page and submit again.")
        files = unsent_files()
        if files:
            # The browser empties a file field on reload: say which file to choose again.
            message += " " + ngettext(
                "Nothing was uploaded: choose the file %(names)s again before submitting.",
                "Nothing was uploaded: choose the files %(names)s again before submitting.",
                len(files), names=", ".join(files))
        return page(400, title, message)

    def server_problem(status: int = 500) -> tuple[Any, int]:
        return refused(status, "server_error")

    @app.errorhandler(CatalogueError)
    def catalogue_error(exc: CatalogueError) -> tuple[Any, int]:
        # A misconfigured NPIS_CATALOGUE must say what is wrong, not show a stack trace.
        app.logger.error("catalogue problem: %s", exc)
        if wants_json():
            return server_problem()
        return page(500, _("Catalogue problem"), _(
            "The invariant catalogue configured for this installation cannot be loaded: "
            "%(problem)s", problem=exc.text(_),
        ))

    def not_understood(exc: HTTPException) -> tuple[Any, int]:
        return refused(exc.code or 400, "bad_request")

    @app.errorhandler(400)
    def bad_request(exc: HTTPException) -> tuple[Any, int]:
        if wants_json():
            return not_understood(exc)
        return page(400, _("Bad request"), _("The request could not be understood."))

    @app.errorhandler(405)
    def wrong_method(exc: HTTPException) -> tuple[Any, int]:
        if wants_json():
            return not_understood(exc)
        return page(405, _("Not allowed"), _(
            "This address cannot be used this way (a link to an action that needs a button, "
            "or the reverse). Go back and use the page's buttons and links."))

    @app.errorhandler(HTTPException)
    def other_refusal(exc: HTTPException) -> tuple[Any, int]:
        # Any refusal without a page of its own above (a byte range beyond the end of a
        # file, ...): the app's page, not Werkzeug's bare one.
        code = exc.code or 400
        if wants_json():
            return server_problem(code) if code >= 500 else not_understood(exc)
        return page(code, _("Request refused"), _(
            "This request could not be served as it was sent. Go back and use the page's "
            "buttons and links."))

    def cannot_store(exc: Exception) -> tuple[Any, int]:
        problem = storage_problem(exc)
        if problem is None:
            raise exc  # any other error: the 500 page below, traceback in the log
        app.logger.error("%s on %s %s: %s", problem.replace("_", " "), request.method,
                         request.path, log_line(exc))
        try:
            db.session.rollback()
        except Exception:  # noqa: BLE001 - the connection is gone; the pool replaces it
            pass
        # The page must not ask the database who is signed in (it would fail again, and
        # the web server would answer with its bare page, the typed text lost).
        g._login_user = login_manager.anonymous_user()
        status = 507 if problem == "disk_full" else 503
        if wants_json():
            return refused(status, problem)
        sent = request.method == "POST"
        if problem == "disk_full":
            return page(status, _("The server's disk is full"), _(
                "The server has no room left to store what you sent: nothing was saved. Tell "
                "the server's administrator, who must free space on the disk that holds its "
                "data folder or its database; then send it again.") if sent else _(
                "The server has no room left to store anything. Tell the server's "
                "administrator, who must free space on the disk that holds its data folder "
                "or its database."))
        return page(status, _("Database unavailable"), _(
            "The server cannot reach its database at the moment: what you sent was not "
            "saved. Try again in a few minutes; if this lasts, tell the server's "
            "administrator (the details are in the server's log).") if sent else _(
            "The server cannot reach its database at the moment. Try again in a few "
            "minutes; if this lasts, tell the server's administrator (the details are in "
            "the server's log)."))

    app.register_error_handler(OSError, cannot_store)
    app.register_error_handler(DBAPIError, cannot_store)

    @app.errorhandler(500)
    def server_error(_exc: Exception) -> tuple[Any, int]:
        db.session.rollback()  # whatever failed half-way is not kept
        if wants_json():
            return server_problem()
        return page(500, _("Something went wrong"), _(
            "npis-checker could not complete this request. What was saved before is kept; what "
            "you just sent may not have been saved, so go back and check. The details are in "
            "the server's log."))


class TextRequest(Request):
    """A request whose posted form values lose control characters (see
    :mod:`checker.text_input`): a NUL or a form feed pasted into a field would otherwise stop
    the save on PostgreSQL or the Excel report later."""

    def _load_form_data(self) -> None:
        super()._load_form_data()
        form = self.__dict__["form"]
        # A password is compared, never stored or shown: it is left exactly as typed.
        self.__dict__["form"] = self.parameter_storage_class(
            [(key, value if "password" in key else without_controls(value))
             for key, value in form.items(multi=True)])


class SegmentConverter(UnicodeConverter):
    """A URL segment (an id, a format) without a NUL: none is ever stored, and PostgreSQL
    refuses a query holding one with an error, so such an address is a plain 404."""

    def __init__(self, url_map: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(url_map, *args, **kwargs)
        self.regex = self.regex.replace("[^/]", "[^/\\x00]")


def _keep_compiled_templates(app: Flask) -> None:
    """Compiled templates kept on disk between starts (Jinja's bytecode cache, in a private
    directory of the system's temporary directory): the first page after a start otherwise
    compiles its templates, about 100 ms for the home page's. An entry serves only while its
    template's source is unchanged; without a usable directory, templates are compiled as
    before."""
    try:
        app.jinja_env.bytecode_cache = FileSystemBytecodeCache()
    except (OSError, RuntimeError) as exc:  # no private directory could be made or used
        app.logger.warning("compiled templates are not kept between starts: %s", exc)


def create_app(overrides: dict[str, Any] | None = None) -> Flask:
    """Build the app; with ``AUTO_MIGRATE`` (default) the database schema is brought up to date."""
    app = Flask(
        "checker",
        template_folder=_asset_dir("templates"),
        static_folder=_asset_dir("static"),
        instance_relative_config=False,
    )
    app.request_class = TextRequest
    app.url_map.converters["default"] = app.url_map.converters["string"] = SegmentConverter
    # An address typed or pasted with a trailing slash ("/dossiers/") is the same page, not a
    # 404 (set before the blueprints add their rules, which read it).
    app.url_map.strict_slashes = False
    app.config.update(build_config(overrides))
    configure_proxy(app)
    load_all()
    _keep_compiled_templates(app)

    db.init_app(app)
    csrf.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = None  # the login page says why on its own
    babel.init_app(
        app, locale_selector=select_locale,
        default_translation_directories=str(PACKAGE_DIR / "translations"),
    )

    @login_manager.user_loader
    def load_user(user_id: str) -> User | None:
        number, _dot, stamp = user_id.partition(".")
        user = db.session.get(User, int(number)) if number.isdigit() else None
        # A session of an account disabled since (`npis-check user disable`) ends there, and
        # one opened before its password was changed (one without a stamp, opened before
        # sessions held it, is kept until the password next changes).
        if user is None or not user.honours_session(stamp):
            return None
        return user

    @login_manager.unauthorized_handler
    def signed_out() -> Any:
        # A background save from a page whose user signed out meanwhile (in another tab)
        # must not be redirected to the login page: the page would post it again the plain
        # way and the typed text would be lost. It says so, and the page keeps the text.
        if wants_json():
            return jsonify(error="signed_out", login_url=url_for("auth.login"),
                           message=background_refusal("signed_out")), 401
        # A plain post (without JavaScript) would lose what it carries to the redirect: the
        # page that says so shows it, to copy, and links to signing in.
        typed = unsaved_texts()
        if typed:
            return render_template(
                "error.html", status=401, title=_("You are signed out"), unsaved=typed,
                login_link=login_url(login_manager.login_view, next_url=way_back() or "/"),
                message=_("Nothing was saved: you were signed out (perhaps in another tab). "
                          "Copy what you typed, shown below, sign in again, then paste it back "
                          "and save.")), 401
        return redirect(login_url(login_manager.login_view, next_url=request.url))

    from .blueprints import register

    register(app)
    _register_errors(app)

    @app.context_processor
    def template_helpers() -> dict[str, Any]:
        from exports.context import enumeration, fmt_pct, location

        from .documents.language import language_name, language_tag
        from .forms.assessment import DOMAIN_LABELS, KIND_LABELS
        from .services.assessments import catalogue_of
        from .services.locations import page_and_line
        from .services.quotation_checks import quotation_parts

        lang = current_lang()

        def study_type_label(assessment: Any) -> str:
            try:
                return pick(catalogue_of(assessment).study_type(assessment.study_type).label, lang)
            except (KeyError, LookupError):
                return assessment.study_type

        return {
            "lang": lang,
            "t": lambda text: pick(text or {}, lang),
            "format_pct": lambda value: fmt_pct(value, lang),
            **typography(lang),  # colon, separator, quote_open, quote_close
            "app_version": __version__,
            "kind_label": lambda kind: KIND_LABELS.get(kind, kind),
            "domain_label": lambda domain: DOMAIN_LABELS.get(domain, domain),
            "study_type_label": study_type_label,
            "language_tag": language_tag,
            "language_name": lambda declared: language_name(declared, lang),
            "quotation_parts": quotation_parts,
            # "p. 6, 9.1 Ethics committee", as the reports print a quotation's place
            "place": lambda page, section: location(labels(lang), page or "", section or ""),
            # A quotation's page, "7", or "7, l. 212" in a manuscript numbered in its margin
            "page_line": lambda quotation: page_and_line(quotation.page, quotation.line, lang),
            # "1, 2 and 3", as the reports list study numbers
            "enumeration": lambda items: enumeration([str(i) for i in items], labels(lang)),
            # The signed-in person's scope for the copies app.js keeps of unsaved typing.
            "typed_copy_scope": (copy_scope(current_user.id, app.secret_key)
                                 if current_user.is_authenticated else ""),
        }

    if app.config.get("AUTO_MIGRATE"):
        from .migrations import upgrade

        with app.app_context():
            upgrade(db.engine)
    return app
