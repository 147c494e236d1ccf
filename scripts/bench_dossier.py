"""Benchmark: a dossier of ten studies, its PDF and Excel reports, its page and its review.

Usage: python scripts/bench_dossier.py [--runs N] [--lang en|fr] [--studies N]

Builds a real app (SQLite in a temporary data directory) with one user and a dossier of
``--studies`` fully answered assessments: the five study types in turn, every fifth one a
protocol, the others published papers, with answers spread over met, partially met, not met
and not reported so that each study has points to address. Then measures:

- ``view``: the dossier's view (every study scored), which the page and the reports read;
- ``pdf`` and ``xlsx``: the view rendered and stamped as the dossier report (not registered:
  issuing also writes to the database, which is not what is measured);
- ``page`` and ``review``: the server time of the dossier page and of its review .txt,
  through Flask's test client.

Prints the median wall-clock time (and process CPU time, less sensitive to other load on the
machine) over N runs after one warm-up run. Targets: PDF <= 3 s (ten studies), Excel <= 0.5 s,
page <= 0.2 s.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable

from timing import page_fetch, report

TARGETS = {"pdf": 3.0, "xlsx": 0.5, "page": 0.2}
ANSWERS = ("met", "partially_met", "met", "not_met", "met", "not_reported")
TYPES = ("prototypical", "mechanistic", "interventional", "observational", "implementation")



def build(n_studies: int) -> tuple[object, object, str]:
    """The app, a logged-in test client and the uid of a dossier of ``n_studies`` studies."""
    from checker.app import create_app
    from checker.catalogue import get_catalogue
    from checker.services.accounts import create_user
    from checker.services.assessments import import_record
    from checker.services.dossiers import (
        DossierFields,
        PublicationFields,
        add_study,
        create_dossier,
    )
    from checker.services.records import AnswerRecord, AssessmentRecord

    data_dir = tempfile.mkdtemp(prefix="npis-bench-dossier-")
    app = create_app({"DATA_DIR": data_dir, "SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False,
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{data_dir}/bench.db"})
    with app.app_context():
        catalogue = get_catalogue()
        user = create_user("bench", "bench-password-123")
        dossier = create_dossier(user, DossierFields(
            "Supervised walking programme", "physical", "Post-stroke walking limitation",
            "France"))
        for n in range(n_studies):
            study_type = TYPES[n % len(TYPES)]
            answers = {inv.id: AnswerRecord(inv.id, ANSWERS[(i + n) % len(ANSWERS)],
                                            justification="as the paper says")
                       for i, inv in enumerate(catalogue.invariants_for(study_type))}
            record = AssessmentRecord(
                uid="bench", title=f"Study {n + 1}: a {study_type} study of walking",
                document_kind="protocol" if n % 5 == 4 else "paper", study_type=study_type,
                npi_name="Supervised walking", domain="physical", country="France",
                language="en", catalogue_id=catalogue.id,
                catalogue_version=catalogue.version,
                catalogue_fingerprint=catalogue.fingerprint, assessor="bench", answers=answers)
            assessment = import_record(record, user, catalogue)
            add_study(dossier, assessment.uid, user, PublicationFields(
                peer_reviewed=True, journal="J Rehabil Med", doi=f"10.1000/jrm.{n}",
                year=2024, country="France"))
        uid = dossier.uid
    client = app.test_client()
    client.post("/auth/login", data={"username": "bench", "password": "bench-password-123"})
    return app, client, uid


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--lang", choices=("en", "fr"), default="en")
    parser.add_argument("--studies", type=int, default=10)
    args = parser.parse_args(argv)

    from checker.services.dossier_view import build_view
    from checker.services.dossiers import find_dossier
    from checker.services.issued_reports import make_stamp
    from checker.services.snapshots import active_catalogue
    from exports.dossier_excel import render_dossier_xlsx
    from exports.dossier_pdf import render_dossier_pdf

    app, client, uid = build(args.studies)
    client.post("/language", data={"lang": args.lang})
    report_id = "NPIS-CHK-BENCH000-20260101000000-0000"

    def in_app(render: Callable[[object, object], bytes] | None) -> Callable[[], object]:
        def run() -> object:
            with app.app_context():
                view = build_view(find_dossier(uid), active_catalogue(), args.lang)
                if render is None:
                    return view
                return render(view, make_stamp(report_id, view.digest, "dossier"))
        return run

    def fetch(path: str) -> Callable[[], object]:
        return page_fetch(client, path)

    tasks = {
        "view": in_app(None),
        "pdf": in_app(render_dossier_pdf),
        "xlsx": in_app(render_dossier_xlsx),
        "page": fetch(f"/dossiers/{uid}"),
        "review": fetch(f"/dossiers/{uid}/review.txt?lang={args.lang}"),
    }
    with app.app_context():
        pdf = in_app(render_dossier_pdf)()
    print(f"dossier: {args.studies} studies, {args.runs} runs, lang={args.lang}, "
          f"PDF {len(pdf) // 1024} KiB")
    return report(tasks, args.runs, TARGETS)


if __name__ == "__main__":
    sys.exit(main())
