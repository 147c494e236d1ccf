"""Flask-WTF forms (CSRF on every one). Choices that come from the catalogue are set by views."""

from .answer import AnswerForm, KeepForm, RestoreForm, answer_form
from .assessment import (
    AssessmentDetailsForm,
    AssessmentForm,
    DocumentForm,
    ImportForm,
    assessment_form,
)
from .auth import LoginForm, PasswordChangeForm, SignupForm

__all__ = [
    "AnswerForm", "AssessmentDetailsForm", "AssessmentForm", "DocumentForm", "ImportForm",
    "KeepForm", "LoginForm", "PasswordChangeForm", "RestoreForm", "SignupForm",
    "answer_form", "assessment_form",
]
