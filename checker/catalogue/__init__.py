"""The invariant catalogue: loading, validation and a typed read-only model."""

from .errors import CatalogueError, Problem
from .loader import catalogue_from_data, get_catalogue, load_catalogue, resolve_path
from .model import ANSWER_IDS, DOCUMENT_KINDS, Catalogue, Invariant, pick

__all__ = [
    "ANSWER_IDS",
    "DOCUMENT_KINDS",
    "Catalogue",
    "CatalogueError",
    "Invariant",
    "Problem",
    "catalogue_from_data",
    "get_catalogue",
    "load_catalogue",
    "pick",
    "resolve_path",
]
