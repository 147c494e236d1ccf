"""The dossier PDF never leaves a closing block alone on a page: the self-check statement
(or its last lines) and the generator line go over with what precedes them, and the list of
what to add to the dossier never ends with one row alone on a page. Checked on the
benchmark's dossier (scripts/bench_dossier.py) at a size where, before, a page held only the
last lines of the statement (eight studies, in French)."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from exports.labels import labels

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))


def _bare(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize(("studies", "lang"), [(8, "fr"), (10, "en")])
def test_no_page_holds_a_closing_block_alone(studies: int, lang: str) -> None:
    from bench_dossier import build

    from checker.services.dossier_view import build_view
    from checker.services.dossiers import find_dossier
    from checker.services.issued_reports import make_stamp
    from checker.services.snapshots import active_catalogue
    from exports.dossier_pdf import render_dossier_pdf

    report_id = "NPIS-CHK-BENCH000-20260101000000-0000"
    app, _client, uid = build(studies)
    with app.app_context():
        view = build_view(find_dossier(uid), active_catalogue(), lang)
        pdf = render_dossier_pdf(view, make_stamp(report_id, view.digest, "dossier"))
    lab = labels(lang)
    closing = _bare(f"{lab['self_check_statement']} {lab['generator']} — {lab['report_id']} "
                    f"{report_id}")
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]
    statement = _bare(lab["self_check_statement"])
    for number, text in enumerate(pages, start=1):
        body = _bare(text.replace(report_id, "", 1)).replace("npis-checker", "", 1)
        body = body.replace(_bare(f"{lab['page']} {number} {lab['of']} {len(pages)}"), "")
        assert body not in closing, f"page {number} holds only a closing block"
        # The statement is never cut over two pages: its first words and its last are on
        # the same page.
        assert (statement[:30] in body) == (statement[-30:] in body), (
            f"page {number} holds part of the statement")
    # The advice table's rows: the last page of the list holds more than one.
    last = next(text for text in reversed(pages) if "IMP12" in text)
    assert sum(f"IMP{n:02d}" in last for n in range(1, 13)) > 1
