"""NPI screening: is the intervention a non-pharmacological intervention, and if not, why not.

The questions and exclusion rules are data (``invariants/screening.yaml``); this module only
applies them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from checker.catalogue import pick
from checker.yaml_files import load_yaml
from invariants import CATALOGUE_DIR

SCREENING_FILE = CATALOGUE_DIR / "screening.yaml"
ANSWERS = ("yes", "no")


class ScreeningError(ValueError):
    """The screening file is malformed or the answers are incomplete or invalid."""


@dataclass(frozen=True)
class Question:
    id: str
    text: dict[str, str]
    reason: dict[str, str]
    excludes_if: str | None = None  # the answer that excludes the intervention
    required: str | None = None  # the answer the NPI definition requires


@dataclass(frozen=True)
class Questionnaire:
    id: str
    version: str
    questions: tuple[Question, ...]
    domains: tuple[dict[str, Any], ...]

    def domain_ids(self) -> list[str]:
        return [d["id"] for d in self.domains]


@dataclass(frozen=True)
class ScreeningResult:
    is_npi: bool
    reasons: list[str]  # why it is not an NPI (empty when it is one)
    excluded_by: list[str]  # ids of the questions that exclude it
    answers: dict[str, str]
    domain: str
    questionnaire_version: str


def _load(path: Path) -> Questionnaire:
    try:
        raw = load_yaml(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ScreeningError(f"{path}: cannot read screening questionnaire: {exc}") from exc
    if not isinstance(raw, dict) or not isinstance(raw.get("questions"), list):
        raise ScreeningError(f"{path}: must contain a 'questions' list")
    questions = []
    for i, q in enumerate(raw["questions"]):
        try:
            question = Question(q["id"], q["text"], q["reason"], q.get("excludes_if"),
                                q.get("required"))
        except (KeyError, TypeError) as exc:
            raise ScreeningError(f"{path}: questions[{i}]: missing field {exc}") from exc
        if (question.excludes_if is None) == (question.required is None):
            raise ScreeningError(
                f"{path}: question {question.id}: give exactly one of excludes_if / required")
        if (question.excludes_if or question.required) not in ANSWERS:
            raise ScreeningError(f"{path}: question {question.id}: the rule must be yes or no")
        questions.append(question)
    return Questionnaire(str(raw.get("id", "")), str(raw.get("version", "")), tuple(questions),
                         tuple(raw.get("domains") or ()))


@lru_cache(maxsize=4)
def load_questionnaire(path: Path = SCREENING_FILE) -> Questionnaire:
    """The screening questionnaire (cached: the file is read once)."""
    return _load(path)


def screen(answers: dict[str, str], domain: str, lang: str = "en",
           questionnaire: Questionnaire | None = None) -> ScreeningResult:
    """Apply the rules to yes/no ``answers``; every question must be answered."""
    questionnaire = questionnaire or load_questionnaire()
    missing = [q.id for q in questionnaire.questions if answers.get(q.id) not in ANSWERS]
    if missing:
        raise ScreeningError("unanswered or invalid: " + ", ".join(missing))
    reasons, excluded_by = [], []
    for q in questionnaire.questions:
        answer = answers[q.id]
        if (q.excludes_if and answer == q.excludes_if) or (q.required and answer != q.required):
            reasons.append(pick(q.reason, lang))
            excluded_by.append(q.id)
    if domain not in questionnaire.domain_ids():
        reasons.append("No NPI domain (physical, psychosocial or nutritional) chosen."
                       if lang == "en" else
                       "Aucun domaine d'INM (physique, psychosociale ou nutritionnelle) choisi.")
        excluded_by.append("domain")
    kept = {q.id: answers[q.id] for q in questionnaire.questions}
    return ScreeningResult(not reasons, reasons, excluded_by, kept, domain,
                           questionnaire.version)
