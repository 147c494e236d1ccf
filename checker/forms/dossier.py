"""Forms of the dossier pages and of the report verification page."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, IntegerField, RadioField, SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional

from ..catalogue import pick
from ..services.records import NPI_DOMAINS
from ..services.screening import Questionnaire
from .assessment import DOMAIN_LABELS
from .validators import IntegerRange

REQUIRED = _l("This field is required.")
YES_NO = [("yes", _l("Yes")), ("no", _l("No"))]


class DossierForm(FlaskForm):
    npi_name = StringField(_l("Name of the non-pharmacological intervention"),
                           validators=[DataRequired(REQUIRED), Length(max=300)])
    domain = RadioField(_l("NPI domain"), validators=[DataRequired(REQUIRED)])
    health_problem = StringField(
        _l("Targeted health problem"), validators=[DataRequired(REQUIRED), Length(max=300)],
        description=_l("For example: cancer-related fatigue in breast cancer survivors."))
    country = StringField(
        _l("Country of deployment"), validators=[DataRequired(REQUIRED), Length(max=100)],
        description=_l("Where the NPI is to be used; the implementation study must be from "
                       "this country. Its name in English or French, or its ISO code: "
                       "England, UK and GB all count as the United Kingdom."))

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        # Choices are set on the bound field: WTForms deprecates tuple choices in declarations.
        self.domain.choices = [(d, DOMAIN_LABELS[d]) for d in NPI_DOMAINS]


class PublicationForm(FlaskForm):
    peer_reviewed = BooleanField(_l("Published in a peer-reviewed journal"))
    journal = StringField(_l("Journal"), validators=[Optional(), Length(max=300)])
    doi = StringField(_l("DOI"), validators=[Optional(), Length(max=200)],
                      description=_l("For example 10.1234/abcd."))
    year = IntegerField(_l("Year of publication"),
                        validators=[Optional(), IntegerRange(1900, 2100)])
    study_country = StringField(
        _l("Country of the study"), validators=[Optional(), Length(max=100)],
        description=_l("Leave empty to use the country given in the assessment."))


class AddStudyForm(PublicationForm):
    assessment = SelectField(_l("Study (one of your assessments)"),
                             validators=[DataRequired(REQUIRED)], validate_choice=False)


class PaperProtocolForm(FlaskForm):
    """Which of the dossier's protocols a paper reports, or none. Its choices are set per
    paper; any value is passed on, for the service to say what is wrong with it."""

    protocol = SelectField(_l("Its protocol"), validate_choice=False)


class ConfirmForm(FlaskForm):
    """A form with only the CSRF token (remove, delete)."""


class DeleteDossierForm(FlaskForm):
    """Deleting a dossier loses its screening answers: a ticked box first."""

    confirm = BooleanField(
        _l("Yes, delete this dossier and its screening answers"),
        validators=[DataRequired(message=_l("Tick the box to confirm the deletion."))])


class VerifyForm(FlaskForm):
    file = FileField(
        _l("Report file"),
        description=_l("A PDF, Excel (.xlsx) or JSON report exported by npis-checker."))


def screening_form(questionnaire: Questionnaire, lang: str, domain: str = "",
                   answers: dict[str, str] | None = None, formdata: object = "auto") -> FlaskForm:
    """One yes/no radio group per question of the screening YAML, plus the domain."""
    domains = [(d["id"], pick(d["label"], lang)) for d in questionnaire.domains]

    class ScreeningForm(FlaskForm):
        pass

    ScreeningForm.domain = RadioField(_l("NPI domain"), validators=[DataRequired(REQUIRED)])
    # Numbered in the label, so that the error summary names a question as the page does.
    for number, question in enumerate(questionnaire.questions, start=1):
        setattr(ScreeningForm, f"q_{question.id}",
                RadioField(f"{number}. {pick(question.text, lang)}",
                           validators=[DataRequired(_l("Answer yes or no."))]))
    kwargs: dict[str, object] = {"domain": domain or None}
    for question_id, value in (answers or {}).items():
        kwargs[f"q_{question_id}"] = value
    if formdata is None:
        kwargs["formdata"] = None
    form = ScreeningForm(**kwargs)
    form.domain.choices = domains
    for question in questionnaire.questions:
        form[f"q_{question.id}"].choices = YES_NO
    return form
