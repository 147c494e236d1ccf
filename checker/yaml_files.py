"""YAML reading for the data files (catalogue, lexicon, screening questionnaire)."""

from __future__ import annotations

from typing import IO, Any

import yaml

# libyaml's parser when PyYAML was built with it (about ten times faster on the catalogue, which
# is read on every start and by every command), else the pure-Python one. Both are "safe":
# plain data only, no Python objects.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(source: str | IO[str]) -> Any:
    """Parse YAML text; raises ``yaml.YAMLError`` (with ``problem_mark``) when malformed."""
    return yaml.load(source, Loader=_SAFE_LOADER)  # noqa: S506 - a safe loader
