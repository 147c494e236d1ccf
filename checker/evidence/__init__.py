"""Automatic evidence: reporting elements detected in a document, and invariant suggestions.

Public API: :func:`detect_elements`, :func:`suggest_answers`, :func:`verify_quotation`,
:func:`run_benchmark`; :class:`Detection`, :class:`Suggestion`.
"""

from .bench import BenchResult, format_report, run_benchmark
from .detect import Detection, detect_elements, detected_elements, normalise_kind
from .model import ModelMissingError
from .quotes import verify_quotation
from .suggest import Quotation, Suggestion, suggest_answers

__all__ = [
    "BenchResult",
    "Detection",
    "ModelMissingError",
    "Quotation",
    "Suggestion",
    "detect_elements",
    "detected_elements",
    "format_report",
    "normalise_kind",
    "run_benchmark",
    "suggest_answers",
    "verify_quotation",
]
