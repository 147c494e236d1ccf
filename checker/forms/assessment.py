"""The new-assessment form and the JSON import form."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import Field, HiddenField, RadioField, SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from ..catalogue import DOCUMENT_KINDS, Catalogue, pick
from ..documents.language import document_languages, language_choices, language_name
from ..services.assessments import language_problem
from ..services.records import NPI_DOMAINS

REQUIRED = _l("This field is required.")
KIND_LABELS = {"protocol": _l("Study protocol"), "paper": _l("Published paper")}
DOMAIN_LABELS = {
    "physical": _l("Physical"), "nutritional": _l("Nutritional"),
    "psychosocial": _l("Psychosocial"),
}


class AssessmentDetailsForm(FlaskForm):
    """What describes an assessment; edited after creation without the upload."""

    title = StringField(_l("Title"), validators=[DataRequired(REQUIRED), Length(max=300)])
    # A journal reviewer's results manuscript is a paper too, though not published yet: the
    # label "Published paper" alone made one hesitate between the two kinds.
    document_kind = RadioField(
        _l("Document kind"), validators=[DataRequired(REQUIRED)],
        description=_l("A paper reports a completed study's results, whether published or "
                       "a manuscript submitted to a journal."))
    study_type = SelectField(_l("Study type"), validators=[DataRequired(REQUIRED)])
    npi_name = StringField(
        _l("Name of the non-pharmacological intervention"),
        validators=[DataRequired(REQUIRED), Length(max=300)],
    )
    domain = RadioField(_l("NPI domain"), validators=[DataRequired(REQUIRED)])
    country = StringField(_l("Country"), validators=[DataRequired(REQUIRED), Length(max=100)])
    # Chosen from the list (see assessment_form); the value sent is checked by the same rule
    # as the service's (validate_language), which also accepts the value an assessment
    # already holds from before the list.
    language = SelectField(_l("Language of the document"), default="en",
                           validators=[DataRequired(REQUIRED)], validate_choice=False)
    reference = StringField(
        _l("Reference (optional)"), validators=[Optional(), Length(max=300)],
        description=_l("DOI or trial registry identifier."),
    )
    kept_language = ""  # the language the assessment edited already has

    def validate_language(self, field: Field) -> None:
        problem = language_problem(field.data or "", self.kept_language)
        if problem:
            raise ValidationError(problem)


class AssessmentForm(AssessmentDetailsForm):
    """A new assessment: its details and, optionally, its document, which can be read first
    to fill in the details it states."""

    document = FileField(
        _l("Document (optional)"),
        description=_l("The protocol or paper itself: npis-checker reads it and suggests an "
                       "answer for each invariant, for you to check. Choose it first, and "
                       "“Read details from the document” fills in the title, document kind, "
                       "language, reference and country it states clearly. PDF, DOCX, ODT, "
                       "TXT or Markdown."),
    )
    # What the page filled in from the document (services.document_details), sent back with
    # the form so that its marks stay and a second document replaces only those values.
    document_readings = HiddenField()


def assessment_form(catalogue: Catalogue, lang: str, form_class: type[AssessmentDetailsForm]
                    = AssessmentForm, kept_language: str = "",
                    **kwargs: object) -> AssessmentDetailsForm:
    """The form with its choices filled from the catalogue, labelled in ``lang``; ``kwargs``
    go to the form (e.g. ``obj`` for the current values). ``kept_language`` is the language
    of the assessment edited: one stored before languages were chosen from the list, which
    the list does not hold ("Deutsch", "de-CH"), is offered too, first, so that editing
    another detail keeps it."""
    form = form_class(**kwargs)
    form.kept_language = kept_language
    form.language.choices = list(language_choices(lang))
    if kept_language and kept_language not in document_languages():
        name = language_name(kept_language, lang)
        label = name if name == kept_language else f"{name} ({kept_language})"  # "de-CH"
        form.language.choices.insert(0, (kept_language, label))
    form.document_kind.choices = [(k, KIND_LABELS[k]) for k in DOCUMENT_KINDS]
    # No study type chosen in advance: the first in the list (observational) would otherwise
    # be kept by a hurried person assessing a trial, and the invariants follow from it.
    form.study_type.choices = [("", _l("Choose…"))] + [
        (st.id, f"{st.number}. {pick(st.label, lang)}") for st in catalogue.study_types
    ]
    form.domain.choices = [(d, DOMAIN_LABELS[d]) for d in NPI_DOMAINS]
    return form


class DocumentForm(FlaskForm):
    """A document for an existing assessment: the first one, or a revised draft."""

    document = FileField(_l("Document"), description=_l("PDF, DOCX, ODT, TXT or Markdown."))


class ImportForm(FlaskForm):
    file = FileField(_l("JSON export file"), description=_l("A file exported by npis-checker."))
