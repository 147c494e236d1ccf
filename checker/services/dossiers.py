"""NPI dossiers: an NPI, its screening answers and its studies (the owner's assessments).

Ownership works as for assessments: someone else's dossier or assessment is "not found".
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from ..catalogue import Catalogue
from ..extensions import db
from ..models import Assessment, User
from ..models._time import utcnow
from ..models.dossier import Dossier, DossierStudy, StudyPublication
from .assessments import MAX_ID_DIGITS, AssessmentNotFound, catalogue_of, get_owned, to_record
from .digests import assessment_digest, canonical_digest
from .records import NPI_DOMAINS, AssessmentRecord
from .scoring import ScoreResult, score_assessment
from .screening import ScreeningResult, load_questionnaire, screen
from .sufficiency import StudyEvidence

LIMITS = {"npi_name": 300, "health_problem": 300, "country": 100}
PUBLICATION_LIMITS = {"journal": 300, "doi": 200, "country": 100}
DOI_RE = re.compile(r"^10\.\d{4,9}/\S+$")


class DossierNotFound(LookupError):
    """No such dossier for this user (also for someone else's: never leak it)."""


class DossierError(ValueError):
    """Refused dossier data; ``errors`` maps field name -> message."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


@dataclass
class DossierFields:
    npi_name: str
    domain: str
    health_problem: str
    country: str


@dataclass
class PublicationFields:
    peer_reviewed: bool = False
    journal: str = ""
    doi: str = ""
    year: int | None = None
    country: str = ""

    def is_blank(self) -> bool:
        return not (self.peer_reviewed or self.journal.strip() or self.doi.strip()
                    or self.year is not None or self.country.strip())


def validate_fields(fields: DossierFields) -> dict[str, str]:
    errors: dict[str, str] = {}
    for name, limit in LIMITS.items():
        value = str(getattr(fields, name) or "")
        if not value.strip():
            errors[name] = _("This field is required.")
        elif len(value) > limit:
            errors[name] = _("At most %(n)d characters.", n=limit)
    if fields.domain not in NPI_DOMAINS:
        errors["domain"] = _("Choose physical, nutritional or psychosocial.")
    return errors


def validate_publication(fields: PublicationFields) -> dict[str, str]:
    errors: dict[str, str] = {}
    for name, limit in PUBLICATION_LIMITS.items():
        if len(str(getattr(fields, name) or "")) > limit:
            errors[name] = _("At most %(n)d characters.", n=limit)
    doi = (fields.doi or "").strip()
    if doi and not DOI_RE.match(doi.removeprefix("https://doi.org/")):
        errors["doi"] = _("A DOI looks like 10.1234/abcd (or https://doi.org/10.1234/abcd).")
    this_year = datetime.now(UTC).year
    if fields.year is not None and not 1900 <= fields.year <= this_year + 1:
        errors["year"] = _("Give a year between 1900 and %(last)d.", last=this_year + 1)
    if fields.peer_reviewed and not (fields.journal or "").strip():
        errors["journal"] = _("Name the peer-reviewed journal.")
    return errors


def create_dossier(owner: User, fields: DossierFields) -> Dossier:
    errors = validate_fields(fields)
    if errors:
        raise DossierError(errors)
    now = utcnow()
    dossier = Dossier(
        uid=uuid.uuid4().hex, owner_id=owner.id, npi_name=fields.npi_name.strip(),
        domain=fields.domain, health_problem=fields.health_problem.strip(),
        country=fields.country.strip(), screening_domain=fields.domain, created_at=now,
        updated_at=now,
    )
    db.session.add(dossier)
    db.session.commit()
    return dossier


def update_dossier(dossier: Dossier, fields: DossierFields) -> None:
    errors = validate_fields(fields)
    if errors:
        raise DossierError(errors)
    dossier.npi_name = fields.npi_name.strip()
    dossier.domain = fields.domain
    dossier.health_problem = fields.health_problem.strip()
    dossier.country = fields.country.strip()
    dossier.updated_at = utcnow()
    db.session.commit()


def delete_dossier(dossier: Dossier) -> None:
    """Remove the dossier; its studies (assessments) stay."""
    db.session.delete(dossier)
    db.session.commit()


def get_owned_dossier(uid: str, user: User) -> Dossier:
    dossier = db.session.scalar(select(Dossier).where(Dossier.uid == uid))
    if dossier is None or dossier.owner_id != user.id:
        raise DossierNotFound(uid)
    return dossier


def find_dossier(key: str) -> Dossier | None:
    """For the command line: by uid, or by numeric id."""
    dossier = db.session.scalar(select(Dossier).where(Dossier.uid == key))
    if dossier is None and key.isdigit() and len(key) <= MAX_ID_DIGITS:
        dossier = db.session.get(Dossier, int(key))
    return dossier


def list_dossiers(user: User) -> list[Dossier]:
    query = (select(Dossier).where(Dossier.owner_id == user.id)
             .order_by(Dossier.updated_at.desc(), Dossier.id.desc()))
    return list(db.session.scalars(query))


# --- screening ---------------------------------------------------------------------------


def save_screening(dossier: Dossier, answers: dict[str, str], domain: str,
                   lang: str = "en") -> ScreeningResult:
    """Apply the screening rules and store the answers (ScreeningError when incomplete)."""
    result = screen(answers, domain, lang)
    dossier.screening_answers = dict(result.answers)
    dossier.screening_domain = domain
    dossier.screening_version = result.questionnaire_version
    dossier.screened_at = dossier.updated_at = utcnow()
    db.session.commit()
    return result


def screening_of(dossier: Dossier, lang: str = "en") -> ScreeningResult | None:
    """The stored screening, re-evaluated with the current rules; None if not answered yet.

    Answers to questions added since are missing: the screening then counts as not done.
    """
    if not dossier.screening_answers:
        return None
    questions = {q.id for q in load_questionnaire().questions}
    if not questions <= set(dossier.screening_answers):
        return None
    return screen(dict(dossier.screening_answers), dossier.screening_domain, lang)


# --- studies and publication details -----------------------------------------------------


def publication_of(assessment: Assessment) -> StudyPublication | None:
    return db.session.scalar(
        select(StudyPublication).where(StudyPublication.assessment_id == assessment.id))


def set_publication(assessment: Assessment, fields: PublicationFields) -> StudyPublication:
    """Create or update the publication details of the study behind ``assessment``."""
    errors = validate_publication(fields)
    if errors:
        raise DossierError(errors)
    publication = publication_of(assessment)
    if publication is None:
        publication = StudyPublication(assessment_id=assessment.id)
        db.session.add(publication)
    publication.peer_reviewed = bool(fields.peer_reviewed)
    publication.journal = (fields.journal or "").strip()
    publication.doi = (fields.doi or "").strip().removeprefix("https://doi.org/")
    publication.year = fields.year
    publication.country = (fields.country or "").strip() or assessment.country
    publication.updated_at = utcnow()
    db.session.commit()
    return publication


def add_study(dossier: Dossier, assessment_uid: str, user: User,
              publication: PublicationFields | None = None) -> Assessment:
    """Add one of ``user``'s own assessments to the dossier (with its publication details)."""
    try:
        assessment = get_owned(assessment_uid, user)
    except AssessmentNotFound:
        raise DossierError({"assessment": _("Choose one of your own assessments.")}) from None
    if any(link.assessment_id == assessment.id for link in dossier.studies):
        raise DossierError({"assessment": _("This study is already in the dossier.")})
    if publication is not None:
        errors = validate_publication(publication)
        if errors:
            raise DossierError(errors)
    dossier.studies.append(DossierStudy(assessment_id=assessment.id, added_at=utcnow()))
    dossier.updated_at = utcnow()
    db.session.commit()
    # Publication details belong to the study: a blank form (adding a study to a second
    # dossier) keeps those already given instead of wiping them.
    if publication is not None and not (publication.is_blank()
                                        and publication_of(assessment) is not None):
        set_publication(assessment, publication)
    return assessment


def remove_study(dossier: Dossier, assessment_uid: str) -> bool:
    """Take a study out of the dossier (the assessment itself stays); False if not in it."""
    for link in dossier.studies:
        if link.assessment.uid == assessment_uid:
            dossier.studies.remove(link)
            dossier.updated_at = utcnow()
            db.session.commit()
            return True
    return False


def study_in_dossier(dossier: Dossier, assessment_uid: str) -> Assessment | None:
    for link in dossier.studies:
        if link.assessment.uid == assessment_uid:
            return link.assessment
    return None


# --- the protocol a paper reports --------------------------------------------------------


def _link_of(dossier: Dossier, assessment_uid: str) -> DossierStudy | None:
    return next((link for link in dossier.studies if link.assessment.uid == assessment_uid),
                None)


def protocol_choices(dossier: Dossier, paper: Assessment) -> list[Assessment]:
    """The dossier's protocols that ``paper`` may report: those of its study type, in dossier
    order (none for a study that is not a paper)."""
    if paper.document_kind != "paper":
        return []
    return [link.assessment for link in dossier.studies
            if link.assessment.document_kind == "protocol"
            and link.assessment.study_type == paper.study_type]


def protocol_links(dossier: Dossier) -> dict[str, str]:
    """Paper uid -> uid of the protocol it reports, for the dossier's papers that name one."""
    return {link.assessment.uid: link.protocol.assessment.uid
            for link in dossier.studies if link.protocol is not None}


def set_paper_protocol(dossier: Dossier, paper_uid: str, protocol_uid: str,
                       user: User) -> bool:
    """Say which protocol of the dossier the paper ``paper_uid`` reports (``protocol_uid``),
    or that it names none (""). Returns whether that changed.

    Both must be in the dossier; the paper a published paper, the protocol a protocol of the
    same study type. A study the user does not own, or that does not exist, is "not found"
    (never say whose it is); one of theirs outside the dossier is said to be so.
    """
    paper_link = _link_of(dossier, paper_uid)
    if paper_link is None:
        raise DossierError({"paper": _("This study is not in the dossier.")})
    paper = paper_link.assessment
    if paper.document_kind != "paper":
        raise DossierError({"paper": _(
            "Only a published paper reports a protocol: this study is a protocol.")})
    protocol_link = None
    if protocol_uid:
        protocol_link = _link_of(dossier, protocol_uid)
        if protocol_link is None:
            try:
                get_owned(protocol_uid, user)
            except AssessmentNotFound:
                raise DossierError({"protocol": _(
                    "Study not found: choose one of the dossier's protocols.")}) from None
            raise DossierError({"protocol": _(
                "This protocol is not in the dossier: add it to the dossier first.")})
        protocol = protocol_link.assessment
        if protocol.document_kind != "protocol":
            raise DossierError({"protocol": _(
                "This study is a published paper, not a protocol.")})
        if protocol.study_type != paper.study_type:
            raise DossierError({"protocol": _(
                "This protocol is of another study type than the paper: a paper reports a "
                "protocol of its own study type.")})
    new_id = protocol_link.id if protocol_link is not None else None
    if paper_link.protocol_study_id == new_id:
        return False
    paper_link.protocol = protocol_link
    dossier.updated_at = utcnow()
    db.session.commit()
    return True


def candidates(dossier: Dossier, user: User) -> list[Assessment]:
    """The user's assessments that are not in the dossier yet."""
    present = {link.assessment_id for link in dossier.studies}
    query = (select(Assessment).where(Assessment.owner_id == user.id)
             .order_by(Assessment.updated_at.desc(), Assessment.id.desc()))
    return [a for a in db.session.scalars(query) if a.id not in present]


@dataclass(frozen=True)
class ScoredStudy:
    """One study of a dossier, read from the database and scored once, for everything a
    dossier view, report or review says of it (scoring it again could only repeat this)."""

    assessment: Assessment
    catalogue: Catalogue  # the catalogue it was assessed with (never the active one)
    record: AssessmentRecord
    score: ScoreResult  # scored with ``catalogue``
    publication: StudyPublication | None
    content_digest: str  # of ``record``, as its reports are stamped with


def scored_study(assessment: Assessment) -> ScoredStudy:
    """Read ``assessment`` once and score it with its own catalogue."""
    catalogue, record = catalogue_of(assessment), to_record(assessment)
    return ScoredStudy(assessment, catalogue, record, score_assessment(catalogue, record),
                       publication_of(assessment), assessment_digest(record))


def study_evidence(study: ScoredStudy) -> StudyEvidence:
    """What sufficiency needs about one study; the verdict is scored with its own catalogue."""
    assessment, publication = study.assessment, study.publication
    return StudyEvidence(
        key=assessment.uid, title=assessment.title, study_type=assessment.study_type,
        document_kind=assessment.document_kind, verdict=study.score.verdict_id,
        country=(publication.country if publication else "") or assessment.country,
        peer_reviewed=bool(publication and publication.peer_reviewed),
        year=publication.year if publication else None,
    )


def dossier_studies(dossier: Dossier) -> list[Assessment]:
    return [link.assessment for link in dossier.studies]


# --- digest ------------------------------------------------------------------------------


def _publication_content(publication: StudyPublication | None) -> dict[str, Any] | None:
    if publication is None:
        return None
    return {"peer_reviewed": publication.peer_reviewed, "journal": publication.journal,
            "doi": publication.doi, "year": publication.year, "country": publication.country}


def dossier_digest(dossier: Dossier, studies: Sequence[ScoredStudy] | None = None) -> str:
    """Digest of the dossier's fields, screening and studies (their own digests, and the
    protocol each paper reports).

    ``studies``: the dossier's studies as already read (:func:`scored_study`), not to read
    them again; None reads them.
    """
    if studies is None:
        contents = [(a.uid, assessment_digest(to_record(a)), publication_of(a))
                    for a in dossier_studies(dossier)]
    else:
        contents = [(s.assessment.uid, s.content_digest, s.publication) for s in studies]
    # The protocol a paper reports is said only when it names one: the digest of a dossier
    # whose papers name none stays what it was before links existed, so that the reports
    # issued on it then still verify as unchanged.
    protocols = protocol_links(dossier)
    digests = sorted(
        ({"uid": uid, "digest": digest, "publication": _publication_content(publication),
          **({"protocol": protocols[uid]} if uid in protocols else {})}
         for uid, digest, publication in contents),
        key=lambda s: s["uid"],
    )
    return canonical_digest({
        "kind": "dossier", "uid": dossier.uid, "npi_name": dossier.npi_name,
        "domain": dossier.domain, "health_problem": dossier.health_problem,
        "country": dossier.country,
        "screening": ({"answers": dossier.screening_answers, "domain": dossier.screening_domain}
                      if dossier.screening_answers else None),
        "studies": digests,
    })

