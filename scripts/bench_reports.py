"""Benchmark: score, PDF and Excel report of the fully answered interventional demo.

Usage: python scripts/bench_reports.py [--runs N] [--lang en|fr]

Also measures the server time of the results page of the same assessment, and of the home
page's list of a user's assessments (``--listed`` of them: first page, a search, and filtered
and sorted by verdict, which reads every assessment's score, with the scores the app keeps
between requests and without them), served by the real app (SQLite in a temporary data
directory) through Flask's test client.

Prints the median wall-clock time (and process CPU time, less sensitive to other load on the
machine) over N runs after one warm-up run (imports, font configuration, template parsing).
Targets: PDF <= 1 s, Excel <= 0.3 s, results page <= 50 ms (and the same for the list, the
project's own target: a page of a web app).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from timing import page_fetch, report

from checker.catalogue import get_catalogue
from checker.demo import load_demo
from checker.services.scoring import score_assessment
from exports.excel import render_xlsx
from exports.pdf import render_pdf

TARGETS = {"pdf": 1.0, "xlsx": 0.3, "page": 0.05, "list": 0.05, "search": 0.05, "sorted": 0.05}
REPORT_ID = "NPIS-CHK-BENCH000-20260101000000-0000"



def page_tasks(record: object, lang: str,
               listed: int) -> dict[str, Callable[[], object]]:
    """Callables fetching the demo's results page and the home page's list of ``listed``
    assessments (the demo's copies, 30 answers each) from a real app on a temporary
    database."""
    import dataclasses
    import tempfile

    from checker.app import create_app
    from checker.extensions import db
    from checker.models import User
    from checker.services.accounts import create_user
    from checker.services.assessments import import_record

    data_dir = tempfile.mkdtemp(prefix="npis-bench-")
    app = create_app({"DATA_DIR": data_dir, "SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False,
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{data_dir}/bench.db"})
    with app.app_context():
        user = create_user("bench", "bench-password-123")
        owner = db.session.get(User, user.id)
        uid = import_record(record, owner, get_catalogue()).uid
        for n in range(1, listed):
            import_record(dataclasses.replace(record, title=f"Study {n}"), owner,
                          get_catalogue())
    client = app.test_client()
    client.post("/auth/login", data={"username": "bench", "password": "bench-password-123"})
    client.post("/language", data={"lang": lang})

    def fetch(path: str) -> Callable[[], object]:
        return page_fetch(client, path)

    sorted_list = fetch("/?study_type=interventional&sort=verdict")

    def sorted_unkept() -> object:
        # The first view after a start (or of assessments all changed since): no score kept.
        app.extensions.pop("npis_listed_scores", None)
        return sorted_list()

    return {"page": fetch(f"/assessments/{uid}/results"), "list": fetch("/"),
            "search": fetch("/?q=study+29"), "sorted": sorted_list, "sorted-cold": sorted_unkept}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--lang", choices=("en", "fr"), default="en")
    parser.add_argument("--listed", type=int, default=300,
                        help="assessments on the home page's list (50 shown per page)")
    args = parser.parse_args(argv)
    catalogue = get_catalogue()
    record = load_demo(catalogue)
    score = score_assessment(catalogue, record)
    print(f"demo: {record.study_type}, {score.total} invariants, {args.runs} runs, "
          f"lang={args.lang}")
    tasks = {
        "score": lambda: score_assessment(catalogue, record),
        "pdf": lambda: render_pdf(catalogue, record, score, args.lang, REPORT_ID),
        "xlsx": lambda: render_xlsx(catalogue, record, score, args.lang, REPORT_ID),
        **page_tasks(record, args.lang, args.listed),
    }
    return report(tasks, args.runs, TARGETS)


if __name__ == "__main__":
    sys.exit(main())
