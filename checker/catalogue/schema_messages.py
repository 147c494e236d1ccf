"""The JSON Schema's refusals, worded for the people who edit a catalogue, in their language.

jsonschema words its errors in English only: each is worded here again from what it says
(its ``validator``, the rule broken, and ``validator_value``, the rule's value), as a
:class:`~checker.catalogue.errors.Message` translated where it is shown. The English keeps
jsonschema's wording; a rule the schema may come to use and that is not listed here still
gets a message, a generic one naming the rule.
"""

from __future__ import annotations

import re
from typing import Any

from jsonschema import ValidationError

from .errors import N_, Message, quoted

# A value is shown as written in the catalogue, cut beyond this (a whole invariant can fail).
_SHOWN_LENGTH = 200
_CONTROL = str.maketrans({"\n": "\\n", "\r": "\\r", "\t": "\\t"})


def shown(value: Any) -> Message | str:
    """``value`` as the message shows it: a text in the language's quotation marks (on one
    line), anything else as Python writes it (jsonschema's way)."""
    if isinstance(value, str):
        text = value.translate(_CONTROL)
        return quoted(text if len(text) <= _SHOWN_LENGTH else text[:_SHOWN_LENGTH] + "…")
    text = repr(value)
    return text if len(text) <= _SHOWN_LENGTH else text[:_SHOWN_LENGTH] + "…"


def _names(values: Any) -> list[Message | str]:
    return [shown(value) for value in values]


def _size(error: ValidationError, empty: str, too_small: str) -> Message:
    """A minimum count (items, characters, properties): 1 means "not empty" (and a plural
    says any other; a maximum, which may be 1, is worded without one)."""
    if error.validator_value == 1:
        return Message(empty, {"value": shown(error.instance)})
    return Message(too_small, {"value": shown(error.instance), "count": error.validator_value})


def _unexpected(error: ValidationError) -> list[Message]:
    schema = error.schema if isinstance(error.schema, dict) else {}
    known = schema.get("properties") or {}
    patterns = list(schema.get("patternProperties") or {})
    extras = sorted((key for key in error.instance
                     if key not in known and not any(re.search(p, key) for p in patterns)),
                    key=str)
    message = (N_("Additional properties are not allowed (%(names)s was unexpected)")
               if len(extras) == 1 else
               N_("Additional properties are not allowed (%(names)s were unexpected)"))
    return [Message(message, {"names": _names(extras)})]


def _one_of(error: ValidationError) -> Message:
    # oneOf also fails when a value has several of the shapes: jsonschema then gives no
    # reasons (context), since none of the shapes refused it.
    if error.validator == "oneOf" and not error.context:
        return Message(N_("%(value)s has more than one of the accepted shapes"),
                       {"value": shown(error.instance)})
    return Message(N_("%(value)s has none of the accepted shapes"),
                   {"value": shown(error.instance)})


# The rules worded in one message: its text, the name of the rule's value in it (if any), and
# whether that value is shown as written (a pattern, a bound) or as the count it is.
_ONE_MESSAGE: dict[str, tuple[str, str | None, bool]] = {
    "pattern": (N_("%(value)s does not match %(pattern)s"), "pattern", True),
    "maxItems": (N_("%(value)s has too many items (maximum: %(count)d)"), "count", False),
    "maxLength": (N_("%(value)s is too long (maximum length: %(count)d)"), "count", False),
    "maxProperties": (N_("%(value)s has too many properties (maximum: %(count)d)"), "count",
                      False),
    "uniqueItems": (N_("%(value)s has non-unique elements"), None, False),
    "minimum": (N_("%(value)s is less than the minimum of %(limit)s"), "limit", True),
    "maximum": (N_("%(value)s is greater than the maximum of %(limit)s"), "limit", True),
    "exclusiveMinimum": (N_("%(value)s is less than or equal to the minimum of %(limit)s"),
                         "limit", True),
    "exclusiveMaximum": (N_("%(value)s is greater than or equal to the maximum of %(limit)s"),
                         "limit", True),
}
# The minimum counts, worded for a count above 1 (see _size).
_AT_LEAST: dict[str, str] = {
    "minItems": N_("%(value)s is too short: at least %(count)d items are expected"),
    "minLength": N_("%(value)s is too short: at least %(count)d characters are expected"),
    "minProperties": N_("%(value)s does not have enough properties: at least %(count)d are "
                        "expected"),
}


def schema_messages(error: ValidationError) -> list[Message]:
    """What ``error`` refuses, worded: one message, or one per missing property."""
    rule, limit, value = error.validator, error.validator_value, shown(error.instance)
    if rule == "type":
        types = [limit] if isinstance(limit, str) else list(limit)
        return [Message(N_("%(value)s is not of type %(types)s"),
                        {"value": value, "types": _names(types)})]
    if rule == "required":
        # jsonschema gives one error per missing property, each with the whole list: every
        # missing one is named here, and the repeats are dropped by the caller.
        instance = error.instance if isinstance(error.instance, dict) else {}
        return [Message(N_("%(property)s is a required property"), {"property": shown(name)})
                for name in limit if name not in instance]
    if rule == "additionalProperties" and isinstance(error.instance, dict):
        return _unexpected(error)
    if rule == "enum":
        return [Message(N_("%(value)s is not one of [%(choices)s]"),
                        {"value": value, "choices": _names(limit)})]
    if rule == "const":
        return [Message(N_("%(expected)s was expected"), {"expected": shown(limit)})]
    if rule in _ONE_MESSAGE:
        message, key, show = _ONE_MESSAGE[rule]
        values: dict[str, Any] = {"value": value}
        if key:
            values[key] = shown(limit) if show else limit
        return [Message(message, values)]
    if rule in _AT_LEAST:
        return [_size(error, N_("%(value)s should be non-empty"), _AT_LEAST[rule])]
    if rule in ("anyOf", "oneOf"):
        return [_one_of(error)]
    return [Message(N_("%(value)s does not follow the schema's rule %(rule)s"),
                    {"value": value, "rule": shown(str(rule))})]
