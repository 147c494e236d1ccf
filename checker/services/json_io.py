"""Export an assessment as JSON and import it back, losslessly and with precise errors.

The export carries the whole assessment (metadata, document fingerprint, every answer field,
origin and who confirmed it, ISO 8601 timestamps), the catalogue it was made with, and the score
for information. Import ignores that score: it is always recomputed from the answers. Likewise
``checks``, when the caller read the document: what the reports say of it (the quotations not
found in it word for word, the answers to check after a revised draft); import ignores it, as
it is derived from the document and recomputed wherever it is shown.

Timestamps: records hold naive datetimes meaning UTC (see ``checker.models._time``); they are
written with a ``Z`` suffix and read back naive in UTC, so export -> import -> export is equal.
"""

from __future__ import annotations

import io
import json
import zipfile
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from checker import __version__
from checker.catalogue import ANSWER_IDS, DOCUMENT_KINDS, Catalogue
from checker.text_input import plain_file_name, without_controls
from exports.context import shortfall_line, verdict_line

from .records import (
    ANSWER_ORIGINS,
    NPI_DOMAINS,
    AnswerRecord,
    AssessmentRecord,
    DocumentVersion,
)
from .scoring import ScoreResult, VerdictShortfall, score_assessment, verdict_shortfalls

if TYPE_CHECKING:  # draft_flags reads the database and documents; this module need not
    from .draft_changes import AnswerToReview
    from .draft_flags import DocumentChecks

FORMAT = "npis-checker-assessment"
FORMAT_VERSION = 1

_META_STR = ("uid", "title", "document_kind", "study_type", "npi_name", "domain", "country",
             "language", "assessor")
_META_OPTIONAL_STR = ("reference",)
_ANSWER_STR = ("justification", "quotation", "page", "section")


class JsonImportError(ValueError):
    """The JSON is not a valid assessment; ``problems`` lists every failure with its path."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


def _iso(value: datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value.isoformat() + "Z"


def _answer_dict(rec: AnswerRecord) -> dict[str, Any]:
    return {
        "invariant_id": rec.invariant_id,
        "answer": rec.answer,
        "justification": rec.justification,
        "quotation": rec.quotation,
        "page": rec.page,
        "section": rec.section,
        "origin": rec.origin,
        "confirmed_by": rec.confirmed_by,
        "updated_at": _iso(rec.updated_at),
        "version": rec.version,
        **({"suggested_justification": rec.suggested_justification}
           if rec.suggested_justification else {}),
        # Only when it is not who saved last: the files of answers nobody else touched stay
        # as they were.
        **({"accepted_by": rec.accepted_by}
           if rec.accepted_by and rec.accepted_by != rec.confirmed_by else {}),
    }


def _ordered_answers(catalogue: Catalogue, record: AssessmentRecord) -> list[AnswerRecord]:
    """Answers in catalogue order, then any the catalogue does not list (kept, not lost)."""
    try:
        order = [inv.id for inv in catalogue.invariants_for(record.study_type)]
    except KeyError:
        order = []
    known = [record.answers[i] for i in order if i in record.answers]
    extra = [a for i, a in record.answers.items() if i not in set(order)]
    return known + extra


def _score_summary(catalogue: Catalogue, record: AssessmentRecord,
                   score: ScoreResult | None = None) -> dict[str, Any] | None:
    if score is None:
        try:
            score = score_assessment(catalogue, record)
        except KeyError:  # study type unknown to this catalogue: nothing to score
            return None
    return {
        "note": "informational; recomputed from the answers on import",
        "catalogue_fingerprint": catalogue.fingerprint,
        "verdict": score.verdict_id,
        "ethical_score": score.ethical_score,
        "methodological_score": score.methodological_score,
        "ethical_points": [score.ethical.points, score.ethical.max_points],
        "methodological_points": [score.methodological.points, score.methodological.max_points],
        "answered": score.answered,
        "total": score.total,
        "complete": score.complete,
        "unconfirmed": score.unconfirmed,
        # The verdict rests in part on suggestions no person has confirmed, and says so.
        "provisional": score.provisional,
        "verdict_text": {lang: verdict_line(score.verdict(lang), score.answer_counts, lang)
                         for lang in ("en", "fr")},
        "verdict_shortfalls": [_shortfall_dict(catalogue, s)
                               for s in verdict_shortfalls(catalogue, score)],
    }


def _shortfall_dict(catalogue: Catalogue, shortfall: VerdictShortfall) -> dict[str, Any]:
    """What kept the assessment from one better verdict: as data (the ethical invariants by
    forbidden answer, the methodological score against the rule's minimum) and as the line
    the reports print, in both languages."""
    return {
        "verdict": shortfall.rule.id,
        "ethical_forbidden": [{"answer": f.answer, "invariants": list(f.invariant_ids)}
                              for f in shortfall.forbidden],
        "methodological_score": shortfall.methodological_score,
        "methodological_min": shortfall.rule.methodological_min,
        "methodological_short": shortfall.methodological_short,
        "text": {lang: shortfall_line(catalogue, shortfall, lang)
                 for lang in ("en", "fr")},
    }


# Why an answer is listed in "checks" (see _checks_dict).
NOT_IN_DOCUMENT = "not_word_for_word_in_current_document"
NOW_EVIDENCED = "current_draft_evidences_it_in_full"
NOW_PARTLY_EVIDENCED = "current_draft_quotes_part_of_it"
NOW_NOT_REPORTED = "current_draft_shows_nothing_of_it"


def _review_reason(item: AnswerToReview) -> str:
    if item.evidenced_in_full:
        return NOW_EVIDENCED
    return NOW_PARTLY_EVIDENCED if item.now_evidenced else NOW_NOT_REPORTED


def _checks_dict(answers: list[AnswerRecord], record: AssessmentRecord,
                 checks: DocumentChecks) -> dict[str, Any]:
    """What the PDF, the workbook and the review say of the current document, as data:
    the quotations it does not contain word for word (any answer's, in the answers' order)
    and the answers given on an earlier draft that its suggestion now contradicts."""
    found = checks.quotation_checks
    if found is None:
        status = "no_document"
    elif any(value is None for value in found.values()):
        status = "document_unreadable"
    else:
        status = "checked"
    return {
        "note": "informational; derived from the current document when exported, ignored on "
                "import (recomputed)",
        "document_sha256": record.document_sha256 or None,
        "quotations": status,
        "quotations_not_found": [
            {"invariant_id": a.invariant_id, "origin": a.origin, "reason": NOT_IN_DOCUMENT}
            for a in answers if a.quotation.strip() and (found or {}).get(a.invariant_id) is False
        ],
        "answers_to_check": [
            {"invariant_id": item.invariant_id,
             "answer": item.answer,
             "suggested": item.suggested,
             "earlier_suggestion": item.earlier or None,
             "reason": _review_reason(item),
             "given_on": {"filename": item.given_on.filename, "sha256": item.given_on.sha256}}
            for item in checks.answers_to_review
        ],
    }


def export_json(catalogue: Catalogue, record: AssessmentRecord, *,
                score: ScoreResult | None = None,
                checks: DocumentChecks | None = None) -> dict[str, Any]:
    """The whole assessment as JSON-ready data (``json.dumps`` it to write a file).

    ``score``: the record's score by ``catalogue`` when the caller has it (computed here
    otherwise). ``checks``: what the reports say of the current document
    (:func:`~.draft_flags.report_checks`), written as ``"checks"``; None, when the caller did
    not read the document: no ``"checks"``.
    """
    answers = _ordered_answers(catalogue, record)
    data = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "generator": f"npis-checker {__version__}",
        "assessment": {
            "uid": record.uid,
            "title": record.title,
            "document_kind": record.document_kind,
            "study_type": record.study_type,
            "npi_name": record.npi_name,
            "domain": record.domain,
            "country": record.country,
            "language": record.language,
            "reference": record.reference,
            "assessor": record.assessor,
            "created_at": _iso(record.created_at),
            "updated_at": _iso(record.updated_at),
        },
        "document": {
            "filename": record.document_filename,
            "sha256": record.document_sha256,
            "size": record.document_size,
            "versions": [
                {"filename": v.filename, "sha256": v.sha256, "size": v.size,
                 "uploaded_at": _iso(v.uploaded_at), "uploaded_by": v.uploaded_by}
                for v in record.document_versions
            ],
        },
        "catalogue": {
            "id": record.catalogue_id,
            "version": record.catalogue_version,
            "fingerprint": record.catalogue_fingerprint,
        },
        "answers": [_answer_dict(a) for a in answers],
        "score": _score_summary(catalogue, record, score),
    }
    if checks is not None:
        data["checks"] = _checks_dict(answers, record, checks)
    return data


class _Reader:
    """Collects every problem instead of stopping at the first one."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def fail(self, path: str, message: str) -> None:
        # The colon too follows the reader's language (a no-break space before it in French).
        problem = _("%(path)s: %(message)s", path=path, message=message)
        # A field read twice (a choice is read as a string first) is still one problem.
        if problem not in self.problems:
            self.problems.append(problem)

    def mapping(self, data: Any, path: str) -> dict[str, Any]:
        if not isinstance(data, dict):
            self.fail(path, _("expected an object, got %(kind)s", kind=_kind(data)))
            return {}
        return data

    def string(self, data: dict[str, Any], key: str, path: str, *, required: bool = True,
               nullable: bool = False) -> str | None:
        if key not in data:
            if required:
                self.fail(f"{path}.{key}", _("missing"))
            return None if nullable else ""
        value = data[key]
        if value is None and nullable:
            return None
        if not isinstance(value, str):
            self.fail(f"{path}.{key}", _("expected a string, got %(kind)s", kind=_kind(value)))
            return None if nullable else ""
        return self.text(value, f"{path}.{key}", None if nullable else "")

    def text(self, value: str, path: str, refused: str | None = "") -> str | None:
        """``value`` as stored: within the length limit, valid Unicode, no control
        characters; else a problem at ``path`` and ``refused``."""
        if len(value) > MAX_TEXT:
            self.fail(path, _("longer than %(count)d characters", count=MAX_TEXT))
            return refused
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate ("\ud800"), which no database stores
            self.fail(path, _("not valid Unicode text"))
            return refused
        return without_controls(value)

    def choice(self, data: dict[str, Any], key: str, path: str, allowed: tuple[str, ...], *,
               nullable: bool = False) -> str | None:
        value = self.string(data, key, path, nullable=nullable)
        if value is None or key not in data or not isinstance(data[key], str):
            return value
        if value not in allowed:
            self.fail(f"{path}.{key}", _("'%(value)s' is not one of: %(allowed)s", value=value,
                                                  allowed=", ".join(allowed)))
        return value

    def integer(self, data: dict[str, Any], key: str, path: str, *, minimum: int = 0) -> int:
        value = data.get(key, 0)
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(f"{path}.{key}", _("expected an integer, got %(kind)s", kind=_kind(value)))
            return 0
        if not minimum <= value <= MAX_INTEGER:
            self.fail(f"{path}.{key}", _("must be between %(minimum)d and %(maximum)d",
                                                  minimum=minimum, maximum=MAX_INTEGER))
            return minimum
        return value

    def timestamp(self, data: dict[str, Any], key: str, path: str) -> datetime | None:
        value = data.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            self.fail(f"{path}.{key}",
                      _("expected an ISO 8601 date-time string, got %(kind)s", kind=_kind(value)))
            return None
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            self.fail(f"{path}.{key}", _("'%(value)s' is not an ISO 8601 date-time", value=value))
            return None
        if parsed.tzinfo is not None:
            try:
                parsed = parsed.astimezone(UTC).replace(tzinfo=None)
            except OverflowError:  # "9999-12-31T23:59:59-05:00" is past year 9999 in UTC
                self.fail(f"{path}.{key}",
                          _("'%(value)s' is out of the range of dates", value=value))
                return None
        return parsed


# No exported field comes near these; beyond them a file is not an export of this software.
MAX_TEXT = 100_000
MAX_INTEGER = 2**53


def _kind(value: Any) -> str:
    names = {dict: _("an object"), list: _("a list"), str: _("a string"), bool: _("a boolean"),
             int: _("a number"), float: _("a number"), type(None): "null"}
    return names.get(type(value), type(value).__name__)


def _read_answer(reader: _Reader, raw: Any, path: str) -> AnswerRecord | None:
    data = reader.mapping(raw, path)
    if not data:
        return None
    invariant_id = reader.string(data, "invariant_id", path) or ""
    if "invariant_id" in data and not invariant_id.strip():
        reader.fail(f"{path}.invariant_id", _("must not be empty"))
    answer = reader.choice(data, "answer", path, ANSWER_IDS, nullable=True)
    texts = {k: reader.string(data, k, path, required=False) or "" for k in _ANSWER_STR}
    origin = reader.choice(data, "origin", path, ANSWER_ORIGINS) or "human"
    return AnswerRecord(
        invariant_id=invariant_id,
        answer=answer,
        origin=origin,
        confirmed_by=reader.string(data, "confirmed_by", path, required=False, nullable=True),
        accepted_by=reader.string(data, "accepted_by", path, required=False, nullable=True),
        updated_at=reader.timestamp(data, "updated_at", path),
        version=reader.integer(data, "version", path),
        suggested_justification=_read_texts(reader, data, "suggested_justification", path),
        **texts,
    )


def _read_texts(reader: _Reader, data: dict, key: str, path: str) -> dict[str, str] | None:
    """An optional {"en": text, "fr": text} object."""
    raw = data.get(key)
    if raw is None:
        return None
    if not isinstance(raw, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in raw.items()):
        reader.fail(f"{path}.{key}", _("expected an object of texts by language"))
        return None
    texts = {lang: reader.text(text, f"{path}.{key}.{lang}", None)
             for lang, text in raw.items()}
    return {lang: text for lang, text in texts.items() if text is not None}


# The decoder's reasons, which it gives in English only, in the reader's language.
_JSON_REASONS = {
    "Expecting value": _l("a value was expected"),
    "Expecting property name enclosed in double quotes":
        _l("a name in double quotes was expected"),
    "Expecting ',' delimiter": _l("a comma was expected"),
    "Expecting ':' delimiter": _l("a colon was expected"),
    "Extra data": _l("more text follows the end of the data"),
    "Unterminated string starting at": _l("a text in quotes is not closed"),
    "Invalid control character at": _l("a control character is in a text"),
}


def _other_kind(data: bytes) -> str:
    """The kind of file a person may pick instead of the JSON export ("PDF", "Excel" for the
    reports, "Word" for a protocol), told by its first bytes; "" for any other."""
    if data.startswith(b"%PDF-"):
        return "PDF"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = archive.namelist()
        except (zipfile.BadZipFile, OSError, ValueError):
            return ""
        if "xl/workbook.xml" in names:
            return "Excel"
        if "word/document.xml" in names:
            return "Word"
    return ""


def _parse(data: Any) -> Any:
    if isinstance(data, bytes | bytearray):
        kind = _other_kind(bytes(data))
        if kind:
            raise JsonImportError(["file: " + _(
                "this is a %(kind)s file, not an npis-checker JSON export: on the assessment's "
                "Results page, download its “JSON export” and import that file", kind=kind)])
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise JsonImportError(["file: " + _("not UTF-8 text (%(reason)s at byte %(byte)d)",
                                                 reason=exc.reason, byte=exc.start)]) from exc
    if isinstance(data, str):
        try:
            return json.loads(data)
        except json.JSONDecodeError as exc:
            raise JsonImportError(
                ["file: " + _("malformed JSON at line %(line)d, column %(column)d: %(reason)s",
                              line=exc.lineno, column=exc.colno,
                              reason=str(_JSON_REASONS.get(exc.msg, exc.msg)))]
            ) from exc
        except RecursionError as exc:
            raise JsonImportError(
                ["file: " + _("nested too deeply to be an npis-checker export")]) from exc
        except ValueError as exc:  # a number of thousands of digits
            raise JsonImportError(
                ["file: " + _("unreadable value: %(reason)s", reason=exc)]) from exc
    return data


def _check_against(catalogue: Catalogue, record: AssessmentRecord, problems: list[str]) -> None:
    try:
        applicable = {inv.id: inv for inv in catalogue.invariants_for(record.study_type)}
    except KeyError:
        known = ", ".join(st.id for st in catalogue.study_types)
        problems.append("assessment.study_type: " + _("'%(value)s' is not one of: %(allowed)s",
                                                       value=record.study_type, allowed=known))
        return
    for i, rec in enumerate(record.answers.values()):
        inv = applicable.get(rec.invariant_id)
        if inv is None:
            problems.append(f"answers[{i}].invariant_id: " + _(
                "'%(invariant)s' is not an invariant of %(study_type)s studies in catalogue "
                "%(catalogue)s %(version)s", invariant=rec.invariant_id,
                study_type=record.study_type, catalogue=catalogue.id, version=catalogue.version))
        elif rec.answer == "not_applicable" and not inv.na_allowed:
            problems.append(f"answers[{i}].answer: " + _(
                "'not_applicable' is not allowed for %(invariant)s", invariant=inv.id))


def _is_sha256(value: str) -> bool:
    return len(value) == 64 and all(c in "0123456789abcdef" for c in value)


def _read_versions(reader: _Reader, raw: Any, current_sha: str) -> list[DocumentVersion]:
    """``document.versions`` (optional; older exports have none): the last is the current one."""
    if not isinstance(raw, list):
        reader.fail("document.versions", _("expected a list, got %(kind)s", kind=_kind(raw)))
        return []
    versions: list[DocumentVersion] = []
    for i, item in enumerate(raw):
        path = f"document.versions[{i}]"
        entry = reader.mapping(item, path)
        if not entry:
            continue
        sha = reader.string(entry, "sha256", path) or ""
        if sha and not _is_sha256(sha):
            reader.fail(f"{path}.sha256", _("expected 64 lower-case hexadecimal characters"))
        versions.append(DocumentVersion(
            filename=plain_file_name(reader.string(entry, "filename", path) or ""), sha256=sha,
            size=reader.integer(entry, "size", path),
            uploaded_at=reader.timestamp(entry, "uploaded_at", path),
            uploaded_by=reader.string(entry, "uploaded_by", path, required=False) or "",
        ))
    if versions and versions[-1].sha256 != current_sha:
        reader.fail("document.versions", _("the last version must be the current document"))
    return versions


def import_json(data: Any, *, catalogue: Catalogue | None = None) -> AssessmentRecord:
    """Build an :class:`AssessmentRecord` from exported data (dict, JSON text or bytes).

    With ``catalogue``, also check that the study type and every invariant exist in it.
    Raises :class:`JsonImportError` listing every problem found.
    """
    reader = _Reader()
    root = reader.mapping(_parse(data), "file")
    if not root:
        raise JsonImportError(reader.problems or ["file: " + _("empty object")])
    if root.get("format") != FORMAT:
        reader.fail("format", _("expected '%(format)s' (is this an npis-checker assessment "
                                "export?)", format=FORMAT))
    version = root.get("format_version")
    if version != FORMAT_VERSION:
        reader.fail("format_version", _("unsupported version %(found)s; this software reads "
                                        "version %(version)d", found=repr(version),
                                        version=FORMAT_VERSION))
    meta = reader.mapping(root.get("assessment"), "assessment")
    doc = reader.mapping(root.get("document", {}), "document")
    cat = reader.mapping(root.get("catalogue"), "catalogue")
    fields = {k: reader.string(meta, k, "assessment") or "" for k in _META_STR}
    fields.update({k: reader.string(meta, k, "assessment", required=False) or ""
                   for k in _META_OPTIONAL_STR})
    if fields["uid"] == "" and "uid" in meta:
        reader.fail("assessment.uid", _("must not be empty"))
    reader.choice(meta, "document_kind", "assessment", DOCUMENT_KINDS)
    reader.choice(meta, "domain", "assessment", NPI_DOMAINS)
    sha = reader.string(doc, "sha256", "document", required=False) or ""
    if sha and not _is_sha256(sha):
        reader.fail("document.sha256", _("expected 64 lower-case hexadecimal characters"))
    versions = _read_versions(reader, doc.get("versions", []), sha)
    answers_raw = root.get("answers", [])
    answers: dict[str, AnswerRecord] = {}
    if not isinstance(answers_raw, list):
        reader.fail("answers", _("expected a list, got %(kind)s", kind=_kind(answers_raw)))
        answers_raw = []
    for i, raw in enumerate(answers_raw):
        rec = _read_answer(reader, raw, f"answers[{i}]")
        if rec is None or not rec.invariant_id:
            continue
        if rec.invariant_id in answers:
            reader.fail(f"answers[{i}].invariant_id",
                        _("'%(invariant)s' appears twice", invariant=rec.invariant_id))
        answers[rec.invariant_id] = rec
    record = AssessmentRecord(
        **fields,
        catalogue_id=reader.string(cat, "id", "catalogue") or "",
        catalogue_version=reader.string(cat, "version", "catalogue") or "",
        catalogue_fingerprint=reader.string(cat, "fingerprint", "catalogue") or "",
        document_filename=plain_file_name(
            reader.string(doc, "filename", "document", required=False) or ""),
        document_sha256=sha,
        document_size=reader.integer(doc, "size", "document"),
        created_at=reader.timestamp(meta, "created_at", "assessment"),
        updated_at=reader.timestamp(meta, "updated_at", "assessment"),
        answers=answers,
        document_versions=versions,
    )
    if catalogue is not None and not reader.problems:
        _check_against(catalogue, record, reader.problems)
    if reader.problems:
        raise JsonImportError(reader.problems)
    return record
