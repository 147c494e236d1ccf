"""Validators shared by the forms."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import Field
from wtforms.validators import NumberRange, StopValidation, ValidationError


class IntegerRange(NumberRange):
    """NumberRange for an integer typed by hand: WTForms' check turns it into a float, which
    fails (a 500) on one of hundreds of digits; such a number is out of range all the same."""

    def __call__(self, form: FlaskForm, field: Field) -> None:
        if field.data is None and field.process_errors:
            # Not a number at all ("abc", "2023.5"): its own message says so; "Number must be
            # between …" beside it would only repeat it.
            raise StopValidation()
        try:
            super().__call__(form, field)
        except OverflowError:
            message = field.gettext("Number must be between %(min)s and %(max)s.")
            raise ValidationError(message % {"min": self.min, "max": self.max}) from None
