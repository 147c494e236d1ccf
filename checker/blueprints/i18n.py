"""The visible language switch: stores the choice in the session."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, redirect, request, session
from werkzeug.wrappers import Response

bp = Blueprint("i18n", __name__)


def _safe_next(target: str | None) -> str:
    """Only same-site paths: never redirect to another host."""
    if not target:
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return "/"
    return target


@bp.post("/language")
def set_language() -> Response:
    lang = request.form.get("lang", "")
    if lang in ("en", "fr"):
        session["lang"] = lang
    return redirect(_safe_next(request.form.get("next")))
