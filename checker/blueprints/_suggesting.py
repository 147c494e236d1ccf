"""Suggesting answers from a document on behalf of the views, with the messages a person sees."""

from __future__ import annotations

from flask import current_app, flash, request
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from ..catalogue import Catalogue
from ..documents import DocumentError
from ..documents.language import language_code
from ..evidence import ModelMissingError
from ..forms import answer_form
from ..models import Assessment
from ..services.answers import AnswerInput, applicable_invariant
from ..services.assessments import catalogue_of, to_record
from ..services.draft_changes import answers_to_review
from ..services.quotation_checks import person_quotations_not_found
from ..services.suggestions import SuggestionRun, suggest_from_document
from ._common import current_lang


def suggest_after_upload(catalogue: Catalogue, assessment: Assessment,
                         replaced: str | None = None) -> None:
    """Propose answers from the uploaded document; a failure never loses the assessment.

    ``replaced`` names the document a revised draft has just replaced (None for a first
    document or a re-run): the messages then say what became of it."""
    try:
        outcome = suggest_from_document(catalogue, assessment, current_app.config["UPLOAD_DIR"],
                                        current_user, current_lang())
    except (DocumentError, ModelMissingError) as exc:
        reason = (exc.message(current_lang()) if isinstance(exc, DocumentError)
                  else _("Automatic detection is unavailable: its model files are missing from "
                         "this installation."))
        if replaced:
            # Said plainly: the unreadable file is now the current document, and how to go back.
            # The reason is a sentence of its own (it has its own colon): not run on after one.
            flash(_("%(name)s replaces %(previous)s as the current document, but it could not "
                    "be analysed automatically. %(reason)s Your answers are kept. To go back, "
                    "upload %(previous)s again with “Upload a revised document”.",
                    name=assessment.document_filename, previous=replaced, reason=reason),
                  "error")
        else:
            flash(_("The document was stored but could not be analysed automatically. "
                    "%(reason)s To replace it, use “Upload a revised document” in the "
                    "automatic suggestions box.", reason=reason), "error")
        if any(answer.origin == "suggestion" for answer in assessment.answers):
            flash(_("The unconfirmed suggestions still shown were made from an earlier version "
                    "of the document."), "warning")
    else:
        if replaced:
            flash(_("%(name)s replaces the previous document. Your answers are kept; the "
                    "suggestions below are made again from the new document, and “What "
                    "changed since the previous draft” compares the two versions.",
                    name=assessment.document_filename) if outcome.pending else
                  _("%(name)s replaces the previous document. Your answers are kept, and none "
                    "is changed by it: “What changed since the previous draft” shows what the "
                    "new version evidences better or less well.",
                    name=assessment.document_filename), "success")
        flash(pending_message(outcome), "success")
        if replaced:
            _flash_quotations_not_in_new_draft(catalogue, assessment)
            _flash_answers_to_review(catalogue, assessment)
        flash_contradictions(outcome)


def _flash_quotations_not_in_new_draft(catalogue: Catalogue, assessment: Assessment) -> None:
    """Name the answers a person gave whose quotation the revised draft does not contain."""
    missing = person_quotations_not_found(catalogue, assessment,
                                          current_app.config["UPLOAD_DIR"])
    if missing:
        flash(ngettext(
            "The quotation in your answer to %(ids)s is not word for word in the new document: "
            "check that this answer still holds (its quotation is marked below).",
            "The quotations in your answers to %(ids)s are not word for word in the new "
            "document: check that these answers still hold (their quotations are marked "
            "below).", len(missing), ids=", ".join(missing)), "warning")


def _flash_answers_to_review(catalogue: Catalogue, assessment: Assessment) -> None:
    """Name the answers a person gave on an earlier draft that the new draft's suggestion now
    contradicts (it evidences what they say is missing, or shows nothing of what they say is
    there, unquoted): nothing else would, the answers having no quotation to lose."""
    items = answers_to_review(catalogue, assessment, current_app.config["UPLOAD_DIR"])
    if items:
        flash(ngettext(
            "The new document's suggestion contradicts your answer to %(ids)s, given on an "
            "earlier draft: check that it still holds (it is marked below, and “What changed "
            "since the previous draft” compares the two drafts).",
            "The new document's suggestions contradict your answers to %(ids)s, given on an "
            "earlier draft: check that they still hold (they are marked below, and “What "
            "changed since the previous draft” compares the two drafts).", len(items),
            ids=", ".join(item.invariant_id for item in items)), "warning")


def pending_message(outcome: SuggestionRun) -> str:
    """How many suggestions wait for review (all of them, not only those this run changed)."""
    if not outcome.pending:
        return _("No suggestion is waiting for your review: every invariant already has an "
                 "answer given by a person, and a suggestion never replaces one.")
    return ngettext(
        "%(num)d suggestion from the document is waiting for your review: it stays unconfirmed "
        "until you accept it.",
        "%(num)d suggestions from the document are waiting for your review: they stay "
        "unconfirmed until you accept them.", outcome.pending)


def flash_contradictions(outcome: SuggestionRun) -> None:
    """Warn where the document clearly contradicts the assessment's details."""
    _flash_kind_contradiction(outcome)
    _flash_language_contradiction(outcome)


def _flash_kind_contradiction(outcome: SuggestionRun) -> None:
    """Warn when the document clearly reads like the other kind than the one chosen: the
    suggestions were made for the chosen kind, so they are likely off."""
    if not outcome.kind_contradicted:
        return
    guess = outcome.kind_guess
    message = (
        _("This document reads like a published paper (sentences reporting work done: "
          "%(report)d; describing plans: %(plan)d), but the assessment is set up for a study "
          "protocol, and the suggestions were made for a protocol. If it is a paper, change the "
          "document kind with “Edit details”.",
          report=guess.report_sentences, plan=guess.plan_sentences)
        if guess.kind == "paper" else
        _("This document reads like a study protocol (sentences describing plans: %(plan)d; "
          "reporting work done: %(report)d), but the assessment is set up for a published paper, "
          "and the suggestions were made for a paper. If it is a protocol, change the document "
          "kind with “Edit details”.", report=guess.report_sentences, plan=guess.plan_sentences)
    )
    flash(message, "warning")


def _flash_language_contradiction(outcome: SuggestionRun) -> None:
    """Warn when the document clearly reads in another language than the details give: the
    suggestions follow the text, but reports state the language given in the details."""
    if not outcome.language_contradicted:
        return
    # Only English or French details are ever contradicted: named in the interface language.
    declared = _("English") if language_code(outcome.declared_language) == "en" else _("French")
    advice = _("The suggestions were made from the text as it reads; reports state the "
               "language of the details, so correct it with “Edit details” if it is wrong.")
    if outcome.language_guess.language == "en":
        message = _("The document reads as English, but the assessment's details give its "
                    "language as “%(declared)s”.", declared=declared)
    else:
        message = _("The document reads as French, but the assessment's details give its "
                    "language as “%(declared)s”.", declared=declared)
    flash(f"{message} {advice}", "warning")


def edited_before_accepting(assessment: Assessment, invariant_id: str) -> bool:
    """Whether the answer form posted by an accept button differs from the suggestion the page
    showed (the person changed the answer or its text before clicking "Accept")."""
    if f"{invariant_id}-answer" not in request.form \
            and f"{invariant_id}-justification" not in request.form:
        return False  # a bare accept (no form posted with it): the suggestion as stored
    catalogue = catalogue_of(assessment)
    try:
        invariant = applicable_invariant(catalogue, assessment, invariant_id)
    except KeyError:
        return False
    lang = current_lang()
    shown = AnswerInput.of(to_record(assessment).answer_for(invariant_id), lang).cleaned()
    form = answer_form(catalogue, invariant, lang)
    # A field the post left out is the suggestion's, as saving would keep it.
    return form.values().cleaned().over(shown, form.sent()) != shown
