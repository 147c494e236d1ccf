"""Helpers shared by the views: ownership lookup, language of reports and reviews, file
downloads and plain text pages."""

from __future__ import annotations

import re
import unicodedata

from flask import Response, abort, request
from flask_login import current_user
from werkzeug.exceptions import NotFound

from ..app import current_lang, wants_json
from ..catalogue import Catalogue, Invariant
from ..models import Assessment
from ..services.answers import applicable_invariant
from ..services.assessments import AssessmentNotFound, get_owned

__all__ = ["REVIEW_WORD", "NoSuchInvariant", "applicable_or_404", "attachment",
           "current_lang", "owned_or_404", "report_lang", "review_file_name", "review_lang",
           "review_ethical", "review_short", "slug", "text_page", "wants_json"]


def owned_or_404(uid: str) -> Assessment:
    """Someone else's assessment answers exactly like a missing one: 404, no data."""
    try:
        return get_owned(uid, current_user)
    except AssessmentNotFound:
        abort(404)


class NoSuchInvariant(NotFound):
    """A 404 about an invariant of an assessment that exists: one its study type no longer
    has (changed in another tab), or one the catalogue does not know. The error handler
    names it to a background save (``invariant_id``), which cannot say "deleted"."""

    def __init__(self, invariant_id: str) -> None:
        super().__init__()
        self.invariant_id = invariant_id


def applicable_or_404(catalogue: Catalogue, assessment: Assessment,
                      invariant_id: str) -> Invariant:
    """The invariant if it applies to the assessment's study type, else a 404."""
    try:
        return applicable_invariant(catalogue, assessment, invariant_id)
    except KeyError:
        raise NoSuchInvariant(invariant_id) from None


def report_lang() -> str:
    """Language asked for a report (``?lang=``), else the interface language; 400 if unknown."""
    lang = request.args.get("lang") or current_lang()
    if lang not in ("en", "fr"):
        abort(400)
    return lang


def review_lang() -> str:
    """Language asked for a review to paste (``?lang=en|fr``), else the interface language:
    a review's link never fails on its language."""
    asked = request.args.get("lang")
    return asked if asked in ("en", "fr") else current_lang()


def review_short() -> bool:
    """Whether the short review is asked for (``?length=short``): without what is expected
    and the examples, for a review form with a length limit."""
    return request.args.get("length") == "short"


def review_ethical() -> bool:
    """Whether the review of the ethical invariants alone is asked for (``?part=ethical``),
    as an ethics committee screening protocols reads it."""
    return request.args.get("part") == "ethical"


def review_file_name(title: str, fallback: str, lang: str, short: bool,
                     ethical: bool = False) -> str:
    """The file name a review is offered under: "<title>-review-en.txt",
    "<title>-review-en-short.txt" (« -avis-fr-court ») for the short one, and
    "<title>-ethics-review-en.txt" (« -avis-ethique-fr ») for the ethical invariants alone."""
    length = f"-{SHORT_WORD[lang]}" if short else ""
    word = ETHICAL_REVIEW_WORD[lang] if ethical else REVIEW_WORD[lang]
    return f"{slug(title, fallback)}-{word}-{lang}{length}.txt"


_SLUG_LENGTH = 60


def slug(text: str, fallback: str) -> str:
    """A file-name-safe version of ``text``; accented letters keep their base letter
    ("édité" -> "edite"). A long title is shortened to its first words, not cut within one
    ("...-cancer-du-sei")."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    whole = re.sub(r"[^A-Za-z0-9]+", "-", bare).strip("-")
    if len(whole) > _SLUG_LENGTH:
        cut = whole[:_SLUG_LENGTH + 1]
        # A single word longer than that is cut all the same.
        whole = cut.rsplit("-", 1)[0] if "-" in cut else cut[:_SLUG_LENGTH]
    return whole or fallback


def attachment(data: bytes, mimetype: str, filename: str) -> Response:
    return Response(data, mimetype=mimetype,
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


# A review's file is named in its language ("…-avis-fr.txt" for a French reader).
REVIEW_WORD = {"en": "review", "fr": "avis"}
SHORT_WORD = {"en": "short", "fr": "court"}
ETHICAL_REVIEW_WORD = {"en": "ethics-review", "fr": "avis-ethique"}


def text_page(text: str, filename: str) -> Response:
    """Plain text shown in the browser (to copy), named ``filename`` when saved."""
    return Response(text, mimetype="text/plain",
                    headers={"Content-Disposition": f'inline; filename="{filename}"',
                             "X-Content-Type-Options": "nosniff"})
