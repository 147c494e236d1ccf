"""SQLAlchemy models; :mod:`checker.services.assessments` maps them to plain records."""

import importlib
import pkgutil

from .assessment import (
    Answer,
    AnswerHistory,
    Assessment,
    AssessmentDocument,
    CatalogueSnapshot,
    StoredUpload,
)
from .dossier import Dossier, DossierStudy, IssuedReport, StudyPublication
from .sign_in import SignInFailures
from .user import User

__all__ = ["Answer", "AnswerHistory", "Assessment", "AssessmentDocument", "CatalogueSnapshot",
           "Dossier",
           "DossierStudy", "IssuedReport", "SignInFailures", "StoredUpload", "StudyPublication",
           "User",
           "load_all"]


def load_all() -> None:
    """Import every model module, so the metadata (migrations, comparisons) sees all tables."""
    for module in pkgutil.iter_modules(__path__):
        if not module.name.startswith("_"):
            importlib.import_module(f"{__name__}.{module.name}")
