"""The visible language switch: stores the choice in the session."""

from __future__ import annotations

from flask import Blueprint, redirect, request, session
from werkzeug.wrappers import Response

from ..same_site import same_site_path

bp = Blueprint("i18n", __name__)


def _safe_next(target: str | None) -> str:
    """Only same-site paths: never redirect to another host."""
    return same_site_path(target) or "/"


@bp.post("/language")
def set_language() -> Response:
    lang = request.form.get("lang", "")
    if lang in ("en", "fr"):
        session["lang"] = lang
    return redirect(_safe_next(request.form.get("next")))
