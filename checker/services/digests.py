"""Content digests: a SHA-256 of what a report says, to tell later whether its subject changed.

The digest covers the content a person edits (metadata, answers, publication details), never
volatile values such as timestamps or edit counters: saving an answer unchanged must not make
an issued report look out of date.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from .records import AssessmentRecord

_META = ("uid", "title", "document_kind", "study_type", "npi_name", "domain", "country",
         "language", "reference", "catalogue_id", "catalogue_version", "catalogue_fingerprint",
         "document_filename", "document_sha256", "document_size")
_ANSWER = ("answer", "justification", "quotation", "page", "section", "origin", "confirmed_by")


def canonical_digest(content: Any) -> str:
    """SHA-256 of the canonical JSON of ``content`` (sorted keys, no spaces, UTF-8)."""
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def assessment_content(record: AssessmentRecord) -> dict[str, Any]:
    """The part of an assessment a report is made from, in a stable order."""
    answers = {}
    for inv_id, rec in record.answers.items():
        values = {name: getattr(rec, name) for name in _ANSWER}
        # Who accepted a suggestion's rationale is said by reports; only when it is not who
        # saved last, so the digests of reports issued before it was kept do not change.
        if rec.accepted_by and rec.accepted_by != rec.confirmed_by:
            values["accepted_by"] = rec.accepted_by
        # A cleared answer (no answer, no text) says the same as a missing one.
        if rec.answer is None and not any((getattr(rec, n) or "").strip()
                                          for n in ("justification", "quotation", "page",
                                                    "section")):
            continue
        answers[inv_id] = values
    return {"kind": "assessment", **{name: getattr(record, name) for name in _META},
            "answers": answers}


def assessment_digest(record: AssessmentRecord) -> str:
    return canonical_digest(assessment_content(record))
