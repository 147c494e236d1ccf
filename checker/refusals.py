"""What a refused background request of the page says (app.js shows it beside the answer).

A save and a "Keep my answer" are refused for the same reasons (signed out, the assessment
deleted or its study type changed in another tab, the page expired, a server problem, a page
out of date), each named by a machine-readable ``reason`` that app.js also reads. Both
wordings of a reason sit side by side here so that they stay alike: a save's says the typed
text is still on the page and how to keep it; a keep's, with nothing typed at stake, says only
how to keep the answer again.
"""

from __future__ import annotations

from flask_babel import gettext as _


def save_refusal(reason: str, invariant_id: str | None = None) -> str:
    """What a refused background save says, by its ``reason``."""
    if reason == "signed_out":
        return _("Not saved: you are signed out. Sign in again in another tab, then save this "
                 "answer again; your text is still here.")
    if reason == "not_applicable" and invariant_id:
        return _("Not saved: %(id)s no longer applies to this assessment (its study type was "
                 "changed, perhaps in another tab). Your text is still here, but it cannot be "
                 "saved for %(id)s: copy it if you want to keep it.", id=invariant_id)
    if reason in ("not_found", "not_applicable"):
        return _("Not saved: this assessment no longer exists (it was deleted, perhaps in "
                 "another tab). Your text is still here, but it cannot be saved: copy it if "
                 "you want to keep it.")
    if reason == "too_large":
        # Far more than an answer's fields take (they are checked, with their own message,
        # well below): a paste gone wrong.
        return _("Not saved: what you typed is too long to be sent. Your text is still here: "
                 "shorten it, then save again.")
    if reason == "expired":
        return _("Not saved: this page has expired. Copy your text, reload the page, paste it "
                 "back and save again.")
    if reason == "database_unavailable":
        return _("Not saved: the server cannot reach its database at the moment. Your text "
                 "is still here: save again in a few minutes; if this lasts, copy your text "
                 "somewhere safe and tell the server's administrator.")
    if reason == "disk_full":
        return _("Not saved: the server's disk is full. Your text is still here: copy it "
                 "somewhere safe and tell the server's administrator, then save again once "
                 "space is freed.")
    if reason == "server_error":
        # Whatever failed may not fail again (a database restarting, a lock): the same
        # button tries again, and the text stays on the page meanwhile.
        return _("Not saved: the server ran into a problem (the details are in its log). Your "
                 "text is still here: save again in a moment; if it fails again, copy your "
                 "text somewhere safe.")
    # Sent by a page out of date with the server (after an update, say): reloading it is
    # what helps, so the text must be copied first.
    return _("Not saved: the server could not accept what this page sent (the page may be out "
             "of date). Copy your text, reload the page, paste it back and save again.")


def keep_refusal(reason: str, invariant_id: str | None = None) -> str:
    """What a refused "Keep my answer" says, by its ``reason``: that the answer was not kept,
    and how to keep it again."""
    if reason == "signed_out":
        return _("Not kept: you are signed out. Sign in again in another tab, then keep this "
                 "answer again.")
    if reason == "not_applicable" and invariant_id:
        return _("Not kept: %(id)s no longer applies to this assessment (its study type was "
                 "changed, perhaps in another tab).", id=invariant_id)
    if reason in ("not_found", "not_applicable"):
        return _("Not kept: this assessment no longer exists (it was deleted, perhaps in "
                 "another tab).")
    if reason == "expired":
        return _("Not kept: this page has expired. Reload the page, then keep the answer again "
                 "if it is still marked to check.")
    if reason == "database_unavailable":
        return _("Not kept: the server cannot reach its database at the moment. Keep the "
                 "answer again in a few minutes.")
    if reason == "disk_full":
        return _("Not kept: the server's disk is full. Tell the server's administrator, then "
                 "keep the answer again once space is freed.")
    if reason == "server_error":
        return _("Not kept: the server ran into a problem (the details are in its log). Keep "
                 "the answer again in a moment.")
    return _("Not kept: the server could not accept what this page sent (the page may be out "
             "of date). Reload the page, then keep the answer again if it is still marked to "
             "check.")


def refusal_message(reason: str, *, keep: bool, invariant_id: str | None = None) -> str:
    """A save's or a keep's refusal, by ``reason`` ("signed_out", "not_applicable",
    "not_found", "too_large", "expired", "server_error", "database_unavailable",
    "disk_full" or "bad_request")."""
    return (keep_refusal if keep else save_refusal)(reason, invariant_id)
