"""What a person typed into a form whose plain post was refused (expired page, signed out,
assessment deleted in another tab): shown on the page that explains the refusal, so that the
text can be copied instead of being lost with the form.

With JavaScript, background saves keep the text on the page itself (static/app.js); this is
for the plain post without it.
"""

from __future__ import annotations

import re

from flask import request
from werkzeug.exceptions import HTTPException

# Values that are choices, not writing: "met", "not_reported", "interventional", "y", "2024".
_CHOICE = re.compile(r"[\w-]{0,40}")
# Fields that hold no writing, or must never be echoed.
_SKIPPED = re.compile(r"csrf|password|version|^next$|^lang$|^document_readings$",
                      re.IGNORECASE)
MAX_SHOWN = 40


def unsaved_texts() -> list[tuple[str, str]]:
    """(field, text) for each piece of writing in the refused plain POST, in form order."""
    if request.method != "POST" or request.is_json:
        return []
    try:
        form = request.form
    except HTTPException:  # the very body that was refused (too large, say): nothing to show
        return []
    texts: list[tuple[str, str]] = []
    for name, value in form.items(multi=True):
        text = value.strip()
        if not text or _SKIPPED.search(name) or _CHOICE.fullmatch(text):
            continue
        texts.append((name.replace("-", " — "), value))
        if len(texts) == MAX_SHOWN:
            break
    return texts


def unsent_files() -> list[str]:
    """The names of the files chosen in the refused plain POST: a browser does not keep a
    chosen file when the person goes back, so the page says which to choose again."""
    if request.method != "POST":
        return []
    try:
        files = request.files
    except HTTPException:
        return []
    return [upload.filename for upload in files.values() if upload.filename][:MAX_SHOWN]
