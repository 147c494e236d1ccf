"""Helpers shared by the assessment views: ownership lookup and the current language."""

from __future__ import annotations

from flask import abort
from flask_login import current_user

from ..app import current_lang
from ..models import Assessment
from ..services.assessments import AssessmentNotFound, get_owned

__all__ = ["current_lang", "owned_or_404"]


def owned_or_404(uid: str) -> Assessment:
    """Someone else's assessment answers exactly like a missing one: 404, no data."""
    try:
        return get_owned(uid, current_user)
    except AssessmentNotFound:
        abort(404)
