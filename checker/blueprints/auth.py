"""Sign up, log in, log out, change one's own password."""

from __future__ import annotations

from flask import (
    Blueprint,
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.wrappers import Response

from ..forms import LoginForm, PasswordChangeForm, SignupForm
from ..services.accounts import AccountError, account_problems
from ..services.sign_in import (
    KNOWN_BROWSER_COOKIE,
    SignInResult,
    TooManyFailures,
    browser_mark,
    change_own_password,
    knows_browser,
    record_sign_in,
    refused_sign_up,
    remember_browser,
    sign_in,
    sign_up,
    sign_up_lock,
)
from .i18n import _safe_next

bp = Blueprint("auth", __name__, url_prefix="/auth")


@bp.route("/signup", methods=["GET", "POST"])
def signup() -> Response | str | tuple[str, int]:
    if not current_app.config.get("SIGNUP_OPEN", True):
        # NPIS_SIGNUP=closed: the administrator creates the accounts. A post (a page kept
        # from before, or a script) is refused, not half-taken.
        return render_template("auth/signup_closed.html"), 200 if request.method == "GET" else 403
    form = SignupForm()
    if form.is_submitted():
        # An address locked by failed sign-ins or refused sign-ups gets no answer about a
        # name (services.sign_in.refused_sign_up); one from which too many accounts were
        # created makes none (sign_up).
        locked = sign_up_lock(request.remote_addr)
        if locked.locked_until is not None:
            return _locked_page("auth/signup.html", form, locked.sign_up_lock_message(),
                                locked)
    valid = form.validate_on_submit()
    if form.is_submitted() and not valid:
        # Say everything at once: the name and password rules too, not only the form's checks.
        for name, message in account_problems(form.username.data or "",
                                              form.password.data or "").items():
            if not getattr(form, name).errors:
                getattr(form, name).errors = [message]
    if valid:
        try:
            user = sign_up(form.username.data or "", form.password.data or "",
                           request.remote_addr)
        except AccountError as exc:
            getattr(form, exc.field).errors = [str(exc)]
        except TooManyFailures as exc:
            # The address's last account was made meanwhile, by a sign-up at the same moment.
            return _locked_page("auth/signup.html", form, exc.result.sign_up_lock_message(),
                                exc.result)
        else:
            login_user(user)
            record_sign_in(user)
            flash(_("Welcome, %(name)s. Your account is ready.", name=user.username), "success")
            response = redirect(url_for("assessments.index"))
            remember_browser(response, request.cookies.get(KNOWN_BROWSER_COOKIE), user)
            return response
    if form.errors:
        counted = refused_sign_up(form.username.data or "", request.remote_addr)
        if counted.locked_until is not None:
            return _locked_page("auth/signup.html", form, counted.sign_up_lock_message(),
                                counted)
    return render_template("auth/signup.html", form=form), 200 if not form.errors else 400


def _locked_page(template: str, form: object, message: str, result: SignInResult,
                 **context: object) -> Response:
    """The page refused for too many failures: when to try again (and Retry-After, to a
    script), HTTP 429."""
    response = make_response(render_template(template, form=form, locked=message, **context),
                             429)
    response.headers["Retry-After"] = str(result.seconds_left())
    return response


@bp.route("/login", methods=["GET", "POST"])
def login() -> Response | str | tuple[str, int]:
    if current_user.is_authenticated:
        return redirect(url_for("assessments.index"))
    form = LoginForm()
    status = 200
    if form.validate_on_submit():
        username = form.username.data or ""
        known = request.cookies.get(KNOWN_BROWSER_COOKIE)
        result = sign_in(username, form.password.data or "", request.remote_addr,
                         knows_browser(known, username))
        if result.user is not None:
            login_user(result.user)
            response = redirect(_safe_next(request.args.get("next"))
                                if request.args.get("next") else url_for("assessments.index"))
            remember_browser(response, known, result.user)
            return response
        if result.locked_until is not None:
            # Too many failures: the same page for every username.
            return _locked_page("auth/login.html", form, result.lock_message(), result)
        form.password.errors = [_("Unknown username or wrong password.")]
    if form.errors:
        status = 400
    return render_template("auth/login.html", form=form), status


@bp.post("/logout")
@login_required
def logout() -> Response:
    logout_user()
    flash(_("You are logged out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/account", methods=["GET", "POST"])
@login_required
def account() -> Response | str | tuple[str, int]:
    """The signed-in person's account: their name, and a change of their own password."""
    form = PasswordChangeForm()
    if form.validate_on_submit():
        user = current_user._get_current_object()
        known = request.cookies.get(KNOWN_BROWSER_COOKIE)
        before = browser_mark(user)
        try:
            change_own_password(user, form.current.data or "", form.password.data or "",
                                request.remote_addr, knows_browser(known, user.username))
        except TooManyFailures as exc:
            return _locked_page("auth/account.html", form, exc.result.account_lock_message(),
                                exc.result)
        except AccountError as exc:
            getattr(form, exc.field).errors = [str(exc)]
        else:
            # This session goes on with the new password; the person's others end.
            login_user(user)
            flash(_("Your password is changed."), "success")
            response = redirect(url_for("auth.account"))
            # Cookies issued before vouch for this account no more; this browser, where the
            # current password was just given, is known again.
            remember_browser(response, known, user, forget=before)
            return response
    return render_template("auth/account.html", form=form), 400 if form.errors else 200
