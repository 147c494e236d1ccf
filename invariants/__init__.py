"""The invariant catalogue shipped with npis-checker (data files and JSON Schema)."""

from pathlib import Path

CATALOGUE_DIR = Path(__file__).resolve().parent
BUILTIN_CATALOGUE = CATALOGUE_DIR / "npis" / "catalogue.yaml"
SCHEMA_PATH = CATALOGUE_DIR / "schema.json"
