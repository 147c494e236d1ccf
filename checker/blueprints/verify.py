"""Report verification page: open to anyone holding a report, shows verification facts only."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from ..forms.dossier import VerifyForm
from ..services.verification import summary_lines, verify_report

bp = Blueprint("verify", __name__)


@bp.route("/verify", methods=["GET", "POST"])
def verify() -> ResponseReturnValue:
    form = VerifyForm()
    if not form.validate_on_submit():
        status = 400 if request.method == "POST" else 200
        return render_template("verify/verify.html", form=form, result=None, lines=[]), status
    upload = request.files.get(form.file.name)
    if upload is None or not upload.filename:
        form.file.errors = [_("Choose a report file (PDF, Excel or JSON).")]
        return render_template("verify/verify.html", form=form, result=None, lines=[]), 400
    data = upload.read()
    if not data:  # an attachment saved before its download ended, say
        form.file.errors = [_("The file is empty.")]
        return render_template("verify/verify.html", form=form, result=None, lines=[]), 400
    result = verify_report(data)
    return render_template("verify/verify.html", form=VerifyForm(formdata=None), result=result,
                           lines=summary_lines(result, _), filename=upload.filename)
