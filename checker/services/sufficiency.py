"""Evidence sufficiency of an NPI dossier against the catalogue's minimum-evidence rules.

This is the submitter's self-check: it counts compliant studies per study type, tells which of
the five criteria have enough studies behind them, which NPI sheet fields are covered, and what
is missing. It never says or suggests that an NPI is labelled: experts vote and NPIS decides.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from checker.catalogue import Catalogue, pick

from .countries import country_codes, country_name, fold, same_country


@dataclass(frozen=True)
class StudyEvidence:
    """What sufficiency needs to know about one study of a dossier."""

    key: str  # stable identifier of the study within the dossier (e.g. assessment uid)
    title: str
    study_type: str
    document_kind: str
    verdict: str
    country: str = ""
    peer_reviewed: bool = False
    year: int | None = None


@dataclass
class StudyStanding:
    study: StudyEvidence
    counts: bool
    reasons: list[str] = field(default_factory=list)  # why it does not count


@dataclass
class CriterionStatus:
    criterion: str
    label: str
    study_type: str
    minimum: int
    same_country: bool
    supporting: list[StudyEvidence]
    reached: bool

    @property
    def count(self) -> int:
        return len(self.supporting)


@dataclass
class Sufficiency:
    standings: list[StudyStanding]
    counts_by_type: dict[str, int]
    criteria: list[CriterionStatus]
    coverage: dict[str, list[str]]  # sheet field id -> keys of counting studies evidencing it
    missing: list[str]
    # Where a minimum asks for studies in the country of deployment: each counting study of
    # such a type whose country was matched under another spelling, or not matched, and why;
    # first, when the country of deployment is not one known, that it is compared as written.
    country_notes: list[str] = field(default_factory=list)

    @property
    def minimum_reached(self) -> bool:
        return all(c.reached for c in self.criteria)


_TEXT = {
    "en": {
        "verdict": "its assessment verdict is not one that counts (only {verdicts})",
        "quoted": "“{}”",
        "kind": "a protocol is not evidence of results (assess the published paper)",
        # An unticked box states nothing ("Peer review not stated"): no claim that it is not.
        "peer": "not marked as published in a peer-reviewed journal (tick it in the study's "
                "publication details if it is)",
        "need": "{label}: {missing} more compliant {type} {study}{where} needed "
                "({have} of {minimum})",
        "study": ("study", "studies"),
        # After "needed (0 of 1)": the studies of that type the dossier already holds that do
        # not count, so that "1 more ... needed" is not read as "find another study".
        "held": ("Study {numbers} ({type}) does not count yet: {reasons}.",
                 "Studies {numbers} ({type}) do not count yet: {reasons}."),
        "held_reason": "study {number}: {reasons}",
        "held_enough": (" Making it count meets this minimum without another study.",
                        " Making them count meets this minimum without another study."),
        "held_short": (" Even once it counts, {missing} more will be needed.",
                       " Even once they count, {missing} more will be needed."),
        "held_verdict": " To raise a verdict, see why it is not a better one (the dossier's "
                        "list of studies) and what to look for and add to the dossier.",
        "and": " and ",
        "sep": "; ",
        "where": " conducted in {country}",
        "field": "NPI sheet field not covered by a compliant study: {field} "
                 "(needs a compliant study of type {types})",
        "or": " or ",
        "deployment_unknown": "The country of deployment, {country}, is not a country name or "
                              "code npis-checker knows: a study counts there only if its "
                              "country is written the same way.",
        "counted_as": "{title}: its country, {study}, is counted as the country of "
                      "deployment, {deployment}.",
        "among": "{title}: its countries, {study}, include the country of deployment, "
                 "{deployment}: it counts there.",
        "elsewhere": "{title}: its country, {study}, is not the country of deployment, "
                     "{deployment}: it does not count towards the minimum there.",
        "unknown": "{title}: its country, {study}, is not a country name or code "
                   "npis-checker knows, nor written as the country of deployment, "
                   "{deployment}: it does not count towards the minimum there. Write the "
                   "country's name or ISO code in the study's publication details.",
        "no_country": "{title}: no country is given for the study: it does not count towards "
                      "the minimum in the country of deployment, {deployment}. Give it in the "
                      "study's publication details.",
        "named": "“{text}”",
        "named_as": "“{text}” ({name})",
    },
    "fr": {
        "verdict": "le verdict de son évaluation ne fait pas partie de ceux qui comptent "
                   "(seulement {verdicts})",
        "quoted": "«\u00a0{}\u00a0»",
        "kind": "un protocole ne prouve pas de résultats (évaluez l'article publié)",
        "peer": "non indiquée comme publiée dans une revue à comité de lecture (cochez-le "
                "dans les détails de publication de l'étude si elle l'est)",
        # "de type interventionnel": the type as named after « type », agreeing with it
        # (the catalogue's `type_label`), not the label, which agrees with « étude ».
        # The count beside the criterion: after "(France)", "(0 sur 1)" would be a second
        # bracket in a row.
        "need": "{label} ({have} sur {minimum})\u00a0: il manque {missing} {study} "
                "de type {type}{where}",
        "study": ("étude conforme", "études conformes"),
        "held": ("L'étude {numbers}, de type {type}, ne compte pas encore\u00a0: {reasons}.",
                 "Les études {numbers}, de type {type}, ne comptent pas encore\u00a0: "
                 "{reasons}."),
        "held_reason": "étude {number}, {reasons}",
        "held_enough": (" Si elle compte, ce minimum est atteint sans autre étude.",
                        " Si elles comptent, ce minimum est atteint sans autre étude."),
        "held_short": (" Même si elle compte, il en manquera encore {missing}.",
                       " Même si elles comptent, il en manquera encore {missing}."),
        "held_verdict": " Pour améliorer un verdict, voyez pourquoi il n'est pas meilleur (la "
                        "liste des études du dossier) et ce qu'il faut chercher et ajouter au "
                        "dossier.",
        "and": " et ",
        "sep": "\u00a0; ",
        "where": " dans le pays visé ({country})",
        "field": "Rubrique de la fiche INM non couverte\u00a0: {field} "
                 "(il faut une étude conforme de type {types})",
        "or": " ou ",
        "deployment_unknown": "Le pays de déploiement, {country}, n'est pas un nom ou un code "
                              "de pays que npis-checker connaît\u00a0: une étude n'y compte "
                              "que si son pays est écrit de la même façon.",
        "counted_as": "{title}\u00a0: son pays, {study}, est compté comme le pays de "
                      "déploiement, {deployment}.",
        "among": "{title}\u00a0: ses pays, {study}, comprennent le pays de déploiement, "
                 "{deployment}\u00a0: elle y compte.",
        "elsewhere": "{title}\u00a0: son pays, {study}, n'est pas le pays de déploiement, "
                     "{deployment}\u00a0: elle ne compte pas pour le minimum dans ce pays.",
        "unknown": "{title}\u00a0: son pays, {study}, n'est pas un nom ou un code de pays que "
                   "npis-checker connaît, ni écrit comme le pays de déploiement, "
                   "{deployment}\u00a0: elle ne compte pas pour le minimum dans ce pays. "
                   "Indiquez le nom du pays ou son code ISO dans les détails de publication "
                   "de l'étude.",
        "no_country": "{title}\u00a0: aucun pays n'est indiqué pour l'étude\u00a0: elle ne "
                      "compte pas pour le minimum dans le pays de déploiement, "
                      "{deployment}. Indiquez-le dans les détails de publication de l'étude.",
        "named": "«\u00a0{text}\u00a0»",
        "named_as": "«\u00a0{text}\u00a0» ({name})",
    },
}


def _named(text: dict[str, str], typed: str, lang: str) -> str:
    """A country as typed, quoted, with the countries it was read as when they are not what
    was typed (“England” (United Kingdom)); the names in ``lang``."""
    names = sorted(country_name(code, lang) for code in country_codes(typed))
    if not names or [fold(typed)] == [fold(name) for name in names]:
        return text["named"].format(text=typed.strip())
    return text["named_as"].format(text=typed.strip(), name=", ".join(names))


def country_notes(studies: list[StudyEvidence], country: str, lang: str = "en") -> list[str]:
    """Why each of ``studies`` counts or not in the country of deployment, where it is not
    plain: its country written otherwise than the country of deployment, or not matched (see
    :func:`~checker.services.countries.same_country`)."""
    text = _TEXT.get(lang, _TEXT["en"])
    deployment = _named(text, country, lang)
    notes = []
    if country.strip() and not country_codes(country):
        notes.append(text["deployment_unknown"].format(country=deployment))
    for study in studies:
        title, study_codes = study.title, country_codes(study.country)
        if not study.country.strip():
            key = "no_country"
        elif same_country(study.country, country):
            if fold(study.country) == fold(country):
                continue  # written alike: nothing to explain
            key = "among" if len(study_codes) > 1 else "counted_as"
        else:
            key = "elsewhere" if study_codes else "unknown"
        notes.append(text[key].format(title=title, study=_named(text, study.country, lang),
                                      deployment=deployment))
    return notes


def standing_of(catalogue: Catalogue, study: StudyEvidence, lang: str = "en") -> StudyStanding:
    """Whether a study counts towards the minimum-evidence rules, and why not."""
    text = _TEXT.get(lang, _TEXT["en"])
    reasons = []
    if study.verdict not in catalogue.counting_verdicts:
        # Named, so that "Compliant with reservations" is not taken for a verdict that counts.
        labels = {v.id: pick(v.label, lang) for v in catalogue.scoring.verdicts}
        verdicts = text["or"].join(text["quoted"].format(labels.get(v, v))
                                   for v in catalogue.counting_verdicts)
        reasons.append(text["verdict"].format(verdicts=verdicts))
    if study.document_kind not in catalogue.counting_document_kinds:
        reasons.append(text["kind"])
    if catalogue.peer_reviewed_required and not study.peer_reviewed:
        reasons.append(text["peer"])
    return StudyStanding(study, not reasons, reasons)


def assess_sufficiency(
    catalogue: Catalogue, country: str, studies: list[StudyEvidence], lang: str = "en"
) -> Sufficiency:
    """Apply the catalogue's minimum-evidence rules to the studies of one dossier."""
    text = _TEXT.get(lang, _TEXT["en"])
    standings = [standing_of(catalogue, s, lang) for s in studies]
    counting = [st.study for st in standings if st.counts]
    counts_by_type = {t.id: sum(1 for s in counting if s.study_type == t.id)
                      for t in catalogue.study_types}

    criteria: list[CriterionStatus] = []
    missing: list[str] = []
    for rule in catalogue.evidence_rules:
        supporting = [
            s for s in counting
            if s.study_type == rule.study_type
            and (not rule.same_country or same_country(s.country, country))
        ]
        label = pick(catalogue_criterion(catalogue, rule.criterion), lang)
        status = CriterionStatus(rule.criterion, label, rule.study_type, rule.minimum,
                                 rule.same_country, supporting, len(supporting) >= rule.minimum)
        criteria.append(status)
        if not status.reached:
            short = rule.minimum - len(supporting)
            type_name = catalogue.study_type(rule.study_type).type_name(lang)
            missing.append(text["need"].format(
                label=label,
                missing=short,
                study=text["study"][short > 1],
                type=type_name,
                where=text["where"].format(country=country or "?") if rule.same_country else "",
                have=len(supporting),
                minimum=rule.minimum,
            ) + _held_back(text, [(n, st) for n, st in enumerate(standings, start=1)
                                  if st.study.study_type == rule.study_type and not st.counts
                                  and (not rule.same_country
                                       or same_country(st.study.country, country))],
                           type_name, short, catalogue.counting_verdicts))

    coverage: dict[str, list[str]] = {}
    for sheet_field in catalogue.sheet_fields:
        coverage[sheet_field.id] = [s.key for s in counting
                                    if s.study_type in sheet_field.evidenced_by]
        if not coverage[sheet_field.id]:
            types = text["or"].join(catalogue.study_type(t).type_name(lang)
                                    for t in sheet_field.evidenced_by)
            missing.append(text["field"].format(field=pick(sheet_field.label, lang), types=types))
    in_country_types = {r.study_type for r in catalogue.evidence_rules if r.same_country}
    notes = country_notes([s for s in counting if s.study_type in in_country_types],
                          country, lang) if in_country_types else []
    return Sufficiency(standings, counts_by_type, criteria, coverage, missing, notes)


def _numbers(text: dict, numbers: list[int]) -> str:
    """1, 2 and 3 (« 1, 2 et 3 »)."""
    names = [str(n) for n in numbers]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + text["and"] + names[-1]


def _held_back(text: dict, held: list[tuple[int, StudyStanding]], type_name: str, short: int,
               counting_verdicts: Collection[str]) -> str:
    """What to add after a minimum not reached when the dossier already holds studies of its
    type (in the country of deployment, where the minimum asks for it) that do not count (their
    verdict, a protocol, no peer review): ``held``, numbered as in the dossier's list, why,
    and whether making them count would be enough. Nothing when it holds none (a study of the
    type that counts, but elsewhere than the country of deployment, is the country notes'
    matter)."""
    if not held:
        return ""
    plural = len(held) > 1
    if plural:
        reasons = text["sep"].join(
            text["held_reason"].format(number=number, reasons=text["and"].join(st.reasons))
            for number, st in held)
    else:
        reasons = text["and"].join(held[0][1].reasons)
    line = ". " + text["held"][plural].format(
        numbers=_numbers(text, [number for number, _ in held]), type=type_name,
        reasons=reasons)
    if len(held) >= short:
        line += text["held_enough"][plural]
    else:
        line += text["held_short"][plural].format(missing=short - len(held))
    if any(st.study.verdict not in counting_verdicts for _, st in held):
        line += text["held_verdict"]
    return line


def catalogue_criterion(catalogue: Catalogue, criterion_id: str) -> dict[str, str]:
    for criterion in catalogue.criteria:
        if criterion.id == criterion_id:
            return criterion.label
    raise KeyError(criterion_id)
