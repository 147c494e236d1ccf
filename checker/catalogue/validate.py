"""Validation of an assembled catalogue: JSON Schema first, then cross-references and counts.

Every failure becomes a :class:`Problem` naming the file, the invariant and the field, so an
editor of a catalogue file can go straight to the line to fix; its message is a message id
marked ``N_``, worded in the reader's language when shown (see :mod:`.errors`).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Any

import jsonschema

from invariants import SCHEMA_PATH

from .errors import N_, Message, Problem
from .model import ANSWER_IDS, DOCUMENT_KINDS, is_text_by_kind
from .patterns import pattern_errors
from .reader_messages import regex_reason
from .schema_messages import schema_messages

# The published NPIS Model structure, enforced on the built-in catalogue.
NPIS_STRUCTURE = {"ethical": 14, "methodological": 63, "study_types": 5}

INVARIANT_TEXT_FIELDS = (
    "title",
    "statement",
    *(
        f"guidance.{kind}.{level}"
        for kind in DOCUMENT_KINDS
        for level in ("met", "partially_met", "not_met")
    ),
)
KIND_TEXT_FIELDS = ("remedy", "example")
# Statements that what an invariant asks is not done, or not yet (evidence.absence, .not_yet).
STATEMENT_FIELDS = ("absence", "not_yet")
# Regular expressions per language that each must compile (evidence.other_matter,
# .in_passing, .secondary, .cue_patterns, .table_rows).
PATTERN_FIELDS = (*STATEMENT_FIELDS, "other_matter", "in_passing", "secondary", "cue_patterns",
                  "table_rows")
"""Fields holding either one text for both kinds of document or one per kind."""
_KIND_TEXT_SHAPES = Message(N_(
    "expected one text per language ({en: …, fr: …}) for both kinds of document, or one per "
    "kind ({protocol: {en: …, fr: …}, paper: {en: …, fr: …}})"))
_REMEDY_SHAPES = Message(N_(
    "expected one text per language ({en: …, fr: …}) for both kinds of document, or one per "
    "kind ({protocol: {en: …, fr: …}, paper: {en: …, fr: …}}), the latter optionally with the "
    "advice for a dossier built on a published paper (dossier: {en: …, fr: …})"))

# Messages said of several fields.
MISSING_TRANSLATION = N_("missing translation '%(lang)s'")
DUPLICATE_ID = N_("duplicate id '%(id)s'")
UNKNOWN_STUDY_TYPE = N_("unknown study type '%(study_type)s'")
UNKNOWN_CRITERION = N_("unknown criterion '%(criterion)s'")
NOT_ITS_ELEMENT = N_("'%(element)s' is not one of the invariant's elements")


@lru_cache(maxsize=1)
def _schema_validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def _dotted(path: Sequence[Any]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _get(data: dict[str, Any], dotted: str) -> Any:
    node: Any = data
    for key in dotted.split("."):
        if not isinstance(node, dict):
            return None
        node = node.get(key)
    return node


class _Context:
    """Knows which file each invariant came from, to word problems precisely, and whose
    regular expressions to check (those of the invariants of ``patterns_of``, a study type,
    or, when None, all)."""

    def __init__(self, data: dict[str, Any], meta_file: str, origins: Sequence[str],
                 patterns_of: str | None = None):
        self.data = data
        self.meta_file = meta_file
        self.origins = origins
        self.patterns_of = patterns_of

    def checks_patterns(self, index: int) -> bool:
        return (self.patterns_of is None
                or self.patterns_of in self.data["invariants"][index]["study_types"])

    def invariant_label(self, index: int) -> tuple[str, str]:
        invs = self.data.get("invariants") or []
        inv = invs[index] if index < len(invs) else {}
        ident = inv.get("id") if isinstance(inv, dict) else None
        file = self.origins[index] if index < len(self.origins) else self.meta_file
        return file, str(ident) if ident else f"#{index + 1}"

    def meta(self, message: str | Message, field: str | None = None, /, **variables: Any
             ) -> Problem:
        """A problem of the catalogue's own fields: ``message`` is a message id (marked
        ``N_``) with its ``variables``, or a message already made."""
        return Problem(self.meta_file, _message(message, variables), None, field)

    def inv(self, index: int, message: str | Message, field: str | None = None, /,
            **variables: Any) -> Problem:
        """A problem of the ``index``-th invariant (see :meth:`meta`)."""
        file, ident = self.invariant_label(index)
        return Problem(file, _message(message, variables), ident, field)


def _message(message: str | Message, variables: dict[str, Any]) -> Message:
    return message if isinstance(message, Message) else Message(message, variables)


def _schema_problems(ctx: _Context) -> Iterator[Problem]:
    said: set[str] = set()
    for error in sorted(_schema_validator().iter_errors(ctx.data), key=lambda e: list(e.path)):
        path = list(error.absolute_path)
        for message in schema_messages(error):
            if len(path) >= 2 and path[0] == "invariants" and isinstance(path[1], int):
                if len(path) >= 3 and path[2] in KIND_TEXT_FIELDS:
                    # The two accepted shapes are not obvious from a bare type error.
                    message = Message(N_("%(problem)s (%(shapes)s)"), {
                        "problem": message,
                        "shapes": _REMEDY_SHAPES if path[2] == "remedy" else _KIND_TEXT_SHAPES})
                problem = ctx.inv(path[1], message, _dotted(path[2:]) or None)
            else:
                problem = ctx.meta(message, _dotted(path) or None)
            if str(problem) not in said:  # see schema_messages: "required"
                said.add(str(problem))
                yield problem


def _translation_problems(ctx: _Context, languages: list[str]) -> Iterator[Problem]:
    def missing(text: Any) -> list[str]:
        if not isinstance(text, dict):
            return []
        return [lang for lang in languages if not str(text.get(lang) or "").strip()]

    for field in ("name", "provenance", "notes"):
        if field in ctx.data:
            for lang in missing(ctx.data[field]):
                yield ctx.meta(MISSING_TRANSLATION, field, lang=lang)
    for section in ("study_types", "sheet_fields", "criteria", "reporting_elements",
                    "extra_elements"):
        for i, entry in enumerate(ctx.data.get(section) or []):
            for field in ("label", "purpose", "content", "type_label"):
                if isinstance(entry, dict) and field in entry:
                    for lang in missing(entry[field]):
                        yield ctx.meta(MISSING_TRANSLATION, f"{section}[{i}].{field}",
                                      lang=lang)
    scoring = ctx.data.get("scoring") or {}
    for group in ("answers", "verdicts"):
        for i, entry in enumerate(scoring.get(group) or []):
            for lang in missing(entry.get("label") if isinstance(entry, dict) else None):
                yield ctx.meta(MISSING_TRANSLATION, f"scoring.{group}[{i}].label", lang=lang)
    for lang in missing(scoring.get("rules_text")):
        yield ctx.meta(MISSING_TRANSLATION, "scoring.rules_text", lang=lang)

    for index, inv in enumerate(ctx.data.get("invariants") or []):
        if not isinstance(inv, dict):
            continue
        fields = list(INVARIANT_TEXT_FIELDS)
        for field in KIND_TEXT_FIELDS:
            if is_text_by_kind(inv.get(field)):
                fields += [f"{field}.{kind}" for kind in DOCUMENT_KINDS]
                if field == "remedy" and "dossier" in inv[field]:
                    fields.append("remedy.dossier")
            else:
                fields.append(field)
        if (inv.get("not_applicable") or {}).get("allowed"):
            fields.append("not_applicable.when")
        for field in fields:
            text = _get(inv, field)
            if text is None:
                continue  # absence is reported by the schema or the N/A rule
            for lang in missing(text):
                yield ctx.inv(index, MISSING_TRANSLATION, field, lang=lang)
        for d, detail in enumerate(_get(inv, "evidence.details") or []):
            for lang in missing(detail.get("label") if isinstance(detail, dict) else None):
                yield ctx.inv(index, MISSING_TRANSLATION, f"evidence.details[{d}].label",
                              lang=lang)
        cues = _get(inv, "evidence.cues") or {}
        for lang in languages:
            if not cues.get(lang):
                yield ctx.inv(index, N_("no evidence cues in '%(lang)s'"), "evidence.cues",
                              lang=lang)
        for statement in PATTERN_FIELDS:
            # An absence (or another matter, or a mention in passing) worded in one language
            # only would be evidence in the others.
            patterns = _get(inv, f"evidence.{statement}")
            if isinstance(patterns, dict):
                for lang in languages:
                    if not patterns.get(lang):
                        yield ctx.inv(index, N_("no patterns in '%(lang)s'"),
                                      f"evidence.{statement}", lang=lang)


def _reference_problems(ctx: _Context) -> Iterator[Problem]:
    data = ctx.data
    study_types = [s.get("id") for s in data["study_types"]]
    criteria = {c.get("id") for c in data["criteria"]}
    sheet_fields = {f.get("id") for f in data["sheet_fields"]}
    standards = {s["id"]: {str(i) for i in s["items"]} for s in data["standards"]}
    elements = set(standards.get("SCTM", set())) | {e["id"] for e in data.get("extra_elements", [])}

    for group in ("study_types", "sheet_fields", "criteria", "standards", "reporting_elements",
                  "extra_elements"):
        ids = [e.get("id") for e in data.get(group) or []]
        for ident, n in Counter(ids).items():
            if n > 1:
                yield ctx.meta(DUPLICATE_ID, group, id=ident)
    answer_ids = [a.get("id") for a in (data.get("scoring") or {}).get("answers") or []]
    for ident, n in Counter(answer_ids).items():
        if n > 1:  # the answer form would offer the same answer twice
            yield ctx.meta(DUPLICATE_ID, "scoring.answers", id=ident)
    for i, element in enumerate(data.get("reporting_elements") or []):
        if element.get("id") not in standards.get("SCTM", set()):
            yield ctx.meta(N_("unknown SCTM item '%(item)s'"), f"reporting_elements[{i}].id",
                           item=element.get("id"))
    evidenced_by = {f.get("id"): set(f["evidenced_by"]) for f in data["sheet_fields"]}
    for i, sheet_field in enumerate(data["sheet_fields"]):
        for st in sheet_field["evidenced_by"]:
            if st not in study_types:
                yield ctx.meta(UNKNOWN_STUDY_TYPE, f"sheet_fields[{i}].evidenced_by",
                               study_type=st)
    for i, rule in enumerate(data["minimum_evidence"]["rules"]):
        if rule["criterion"] not in criteria:
            yield ctx.meta(UNKNOWN_CRITERION, f"minimum_evidence.rules[{i}]",
                           criterion=rule["criterion"])
        if rule["study_type"] not in study_types:
            yield ctx.meta(UNKNOWN_STUDY_TYPE, f"minimum_evidence.rules[{i}]",
                           study_type=rule["study_type"])

    verdict_ids = [v["id"] for v in data["scoring"]["verdicts"]]
    for verdict in data["minimum_evidence"].get("counting_verdicts", []):
        if verdict not in verdict_ids:
            yield ctx.meta(N_("unknown verdict '%(verdict)s'"),
                           "minimum_evidence.counting_verdicts", verdict=verdict)
    answers = [a["id"] for a in data["scoring"]["answers"]]
    for needed in ANSWER_IDS:
        if needed not in answers:
            yield ctx.meta(N_("answer '%(answer)s' must be defined"), "scoring.answers",
                           answer=needed)
    for i, verdict in enumerate(data["scoring"]["verdicts"]):
        for answer in verdict.get("ethical_forbidden", []):
            if answer not in answers:
                yield ctx.meta(N_("unknown answer '%(answer)s'"),
                               f"scoring.verdicts[{i}].ethical_forbidden", answer=answer)
    last = data["scoring"]["verdicts"][-1]
    if last.get("ethical_forbidden") or last.get("methodological_min") is not None:
        yield ctx.meta(N_("the last verdict must be unconditional (the fallback)"),
                       "scoring.verdicts")

    seen: dict[str, int] = {}
    for index, inv in enumerate(data["invariants"]):
        ident = inv["id"]
        if ident in seen:
            first_file, _ = ctx.invariant_label(seen[ident])
            yield ctx.inv(index, N_("duplicate id (first defined in %(file)s)"), "id",
                          file=first_file)
        else:
            seen[ident] = index
        for st in inv["study_types"]:
            if st not in study_types:
                yield ctx.inv(index, UNKNOWN_STUDY_TYPE, "study_types", study_type=st)
        if inv["kind"] == "ethical" and set(inv["study_types"]) != set(study_types):
            yield ctx.inv(index, N_("an ethical invariant must apply to every study type"),
                          "study_types")
        for field in inv["sheet_fields"]:
            if field not in sheet_fields:
                yield ctx.inv(index, N_("unknown sheet field '%(field)s'"), "sheet_fields",
                              field=field)
            elif inv["kind"] == "methodological" and not (
                evidenced_by[field] & set(inv["study_types"])
            ):
                # Tableau 2 says which study types evidence each field; keep invariants coherent.
                yield ctx.inv(index, N_("sheet field '%(field)s' is not evidenced by its study "
                                        "type"), "sheet_fields", field=field)
        for criterion in inv["criteria"]:
            if criterion not in criteria:
                yield ctx.inv(index, UNKNOWN_CRITERION, "criteria", criterion=criterion)
        for r, ref in enumerate(inv["crosswalk"]):
            valid = standards.get(ref["standard"])
            if valid is None:
                yield ctx.inv(index, N_("unknown standard '%(standard)s'"),
                              f"crosswalk[{r}].standard", standard=ref["standard"])
                continue
            for item in ref["items"]:
                if str(item) not in valid:
                    yield ctx.inv(index, N_("'%(item)s' is not an item of %(standard)s"),
                                  f"crosswalk[{r}].items", item=item, standard=ref["standard"])
        for element in inv["evidence"]["elements"]:
            if element not in elements:
                yield ctx.inv(index, N_("unknown detection element '%(element)s'"),
                              "evidence.elements", element=element)
        yield from _detail_problems(ctx, index, inv["evidence"].get("details") or [],
                                    set(inv.get("study_types") or ()))
        for statement in PATTERN_FIELDS:
            for lang, patterns in (inv["evidence"].get(statement) or {}).items():
                yield from _pattern_problems(ctx, index, patterns,
                                             f"evidence.{statement}.{lang}")
        yield from _about_problems(ctx, index, inv["evidence"])
        na = inv["not_applicable"]
        if na.get("allowed") and not na.get("when"):
            yield ctx.inv(index, N_("'when' is required when not applicable is allowed"),
                          "not_applicable.when")


def _detail_problems(ctx: _Context, index: int, details: list[dict],
                     study_types: set[str]) -> Iterator[Problem]:
    """A detail's patterns are regular expressions: one that does not compile would fail
    every suggestion for the invariant, so it is refused here with the reason; a detail
    stated in the ``discussion`` is one stated ``anywhere``; a detail asked of some study
    types names only types the invariant applies to (another would never be asked)."""
    for ident, n in Counter(d["id"] for d in details).items():
        if n > 1:
            yield ctx.inv(index, N_("duplicate detail id '%(id)s'"), "evidence.details",
                          id=ident)
    for d, detail in enumerate(details):
        # The discussion is looked in only beside the rest of the report: a detail looked
        # for beside its evidence would silently ignore it.
        if detail.get("discussion") and not detail.get("anywhere"):
            yield ctx.inv(index, N_("'discussion: true' needs 'anywhere: true'"),
                          f"evidence.details[{d}].discussion")
        for study_type in detail.get("study_types") or ():
            if study_type not in study_types:
                yield ctx.inv(index, N_("detail '%(detail)s' names study type '%(study_type)s', "
                                        "to which the invariant does not apply"),
                              f"evidence.details[{d}].study_types", detail=detail["id"],
                              study_type=study_type)
        for lang, patterns in detail["patterns"].items():
            yield from _pattern_problems(ctx, index, patterns,
                                         f"evidence.details[{d}].patterns.{lang}")
        if detail.get("waived_when"):
            yield from _waiver_problems(ctx, index, detail["waived_when"],
                                        f"evidence.details[{d}].waived_when")
        for lang, patterns in ((detail.get("sections") or {}).get("patterns") or {}).items():
            yield from _pattern_problems(ctx, index, patterns,
                                         f"evidence.details[{d}].sections.patterns.{lang}")


def _waiver_problems(ctx: _Context, index: int, waiver: dict, where: str
                     ) -> Iterator[Problem]:
    """A waiver's patterns (the design stated, and what keeps the part asked all the same)
    are read as regular expressions, each list as one alternation."""
    for field in ("patterns", "unless"):
        for lang, patterns in (waiver.get(field) or {}).items():
            yield from _pattern_problems(ctx, index, patterns, f"{where}.{field}.{lang}")


def _pattern_problems(ctx: _Context, index: int, patterns: list[str], where: str
                      ) -> Iterator[Problem]:
    """The evidence layer reads a list of patterns as one alternation: it is validated as
    such (see :mod:`checker.catalogue.patterns`), each faulty pattern named by position."""
    if not ctx.checks_patterns(index):
        return
    for position, error in pattern_errors(patterns):
        if position is None:  # a place in the patterns joined would tell the editor nothing
            yield ctx.inv(index, N_("patterns do not compile together: %(reason)s"), where,
                          reason=regex_reason(error, located=False))
        else:
            yield ctx.inv(index, N_("pattern is not a valid regular expression: %(reason)s"),
                          f"{where}[{position}]", reason=regex_reason(error))


def _about_problems(ctx: _Context, index: int, evidence: dict) -> Iterator[Problem]:
    """``about`` and ``worded`` qualify the invariant's own elements, with regular
    expressions: an element it does not list would never be read, and a pattern that does
    not compile would fail every suggestion for the invariant."""
    for field in ("about", "worded", "quoted_first"):  # the same shape, the same reasons
        for element, by_lang in (evidence.get(field) or {}).items():
            if element not in evidence["elements"]:
                yield ctx.inv(index, NOT_ITS_ELEMENT, f"evidence.{field}.{element}",
                              element=element)
            for lang, patterns in by_lang.items():
                yield from _pattern_problems(ctx, index, patterns,
                                             f"evidence.{field}.{element}.{lang}")
    for element, waiver in (evidence.get("waived") or {}).items():
        if element not in evidence["elements"]:
            yield ctx.inv(index, NOT_ITS_ELEMENT, f"evidence.waived.{element}",
                          element=element)
        yield from _waiver_problems(ctx, index, waiver, f"evidence.waived.{element}")


def _count_problems(ctx: _Context, builtin: bool) -> Iterator[Problem]:
    data = ctx.data
    declared = data["counts"]
    invs = data["invariants"]
    actual_ethical = sum(1 for i in invs if i["kind"] == "ethical")
    actual_method = sum(1 for i in invs if i["kind"] == "methodological")
    if actual_ethical != declared["ethical"]:
        yield ctx.meta(N_("declares %(declared)d ethical invariants, found %(found)d"),
                       "counts.ethical", declared=declared["ethical"], found=actual_ethical)
    if actual_method != declared["methodological"]:
        yield ctx.meta(N_("declares %(declared)d methodological invariants, found %(found)d"),
                       "counts.methodological", declared=declared["methodological"],
                       found=actual_method)
    study_types = [s["id"] for s in data["study_types"]]
    per_type = declared["per_study_type"]
    for st in study_types:
        n = sum(1 for i in invs if i["kind"] == "methodological" and st in i["study_types"])
        if st not in per_type:
            yield ctx.meta(N_("no declared count for study type '%(study_type)s'"),
                           "counts.per_study_type", study_type=st)
        elif per_type[st] != n:
            yield ctx.meta(N_("declares %(declared)d methodological invariants for "
                              "'%(study_type)s', found %(found)d"),
                           f"counts.per_study_type.{st}", declared=per_type[st], study_type=st,
                           found=n)
    for st in per_type:
        if st not in study_types:
            yield ctx.meta(UNKNOWN_STUDY_TYPE, "counts.per_study_type", study_type=st)
    if builtin:
        expected = NPIS_STRUCTURE
        if declared["ethical"] != expected["ethical"]:
            yield ctx.meta(N_("the NPIS Model has %(count)d ethical invariants"),
                           "counts.ethical", count=expected["ethical"])
        if declared["methodological"] != expected["methodological"]:
            yield ctx.meta(N_("the NPIS Model has %(count)d methodological invariants"),
                           "counts.methodological", count=expected["methodological"])
        if len(study_types) != expected["study_types"]:
            yield ctx.meta(N_("the NPIS Model has %(count)d study types"), "study_types",
                           count=expected["study_types"])


def validate(
    data: Any, *, meta_file: str, origins: Sequence[str] = (), builtin: bool = False,
    patterns_of: str | None = None,
) -> list[Problem]:
    """Return every problem in an assembled catalogue (empty list when valid).

    ``origins[i]`` names the file the i-th invariant was read from; ``builtin`` additionally
    enforces the published NPIS structure (14 ethical, 63 methodological, 5 study types).
    With ``patterns_of`` (a study type), only the regular expressions of the invariants
    applying to it are compiled: a command suggesting answers for one study type uses no
    other, and compiling them all is a third of its start.
    """
    ctx = _Context(data if isinstance(data, dict) else {}, meta_file, origins, patterns_of)
    if not isinstance(data, dict):
        return [ctx.meta(N_("the catalogue must be a mapping"))]
    problems = list(_schema_problems(ctx))
    if problems:
        # Cross-reference checks assume the shapes the schema guarantees.
        return problems
    languages = list(data["languages"])
    problems += _translation_problems(ctx, languages)
    problems += _reference_problems(ctx)
    problems += _count_problems(ctx, builtin)
    return problems
