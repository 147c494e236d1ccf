"""Sign-up and log-in forms."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length

REQUIRED = _l("This field is required.")


class LoginForm(FlaskForm):
    username = StringField(_l("Username"), validators=[DataRequired(REQUIRED)])
    password = PasswordField(_l("Password"), validators=[DataRequired(REQUIRED)])


class SignupForm(FlaskForm):
    username = StringField(
        _l("Username"), validators=[DataRequired(REQUIRED), Length(max=64)],
        description=_l("3 to 64 letters, digits, dots, dashes or underscores."),
    )
    password = PasswordField(
        _l("Password"), validators=[DataRequired(REQUIRED)],
        description=_l("At least 8 characters."),
    )
    confirm = PasswordField(
        _l("Confirm the password"),
        validators=[DataRequired(REQUIRED), EqualTo("password", _l("The passwords differ."))],
    )


class PasswordChangeForm(FlaskForm):
    """A signed-in person's change of their own password (the current one required)."""

    current = PasswordField(_l("Current password"), validators=[DataRequired(REQUIRED)])
    password = PasswordField(
        _l("New password"), validators=[DataRequired(REQUIRED)],
        description=_l("At least 8 characters."),
    )
    confirm = PasswordField(
        _l("Confirm the new password"),
        validators=[DataRequired(REQUIRED), EqualTo("password", _l("The passwords differ."))],
    )
