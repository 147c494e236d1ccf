"""Read a catalogue from disk (YAML or JSON, single file or with includes) and validate it."""

from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from checker.yaml_files import load_yaml
from invariants import BUILTIN_CATALOGUE

from .errors import N_, CatalogueError, Message, Problem
from .model import Catalogue
from .reader_messages import json_reason, yaml_problem
from .validate import validate

CATALOGUE_ENV = "NPIS_CATALOGUE"


def _failure(path: Path, message: str, field: str | None = None, /, **variables: Any
             ) -> CatalogueError:
    return CatalogueError([Problem(str(path), Message(message, variables), field=field)])


def _read_file(path: Path) -> Any:
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise _failure(path, N_("file not found")) from exc
    except UnicodeDecodeError as exc:
        # Saved in another encoding (Latin-1, Windows-1252: an accented letter): its line.
        line = exc.object[:exc.start].count(b"\n") + 1
        raise _failure(path, N_("not UTF-8 text at line %(line)d (byte %(byte)s): save the "
                                "file as UTF-8"),
                       line=line, byte=f"0x{exc.object[exc.start]:02x}") from exc
    except OSError as exc:
        raise _failure(path, N_("cannot read file: %(reason)s"), reason=str(exc)) from exc
    try:
        if path.suffix.lower() == ".json":
            return json.loads(raw)
        return load_yaml(raw)
    except json.JSONDecodeError as exc:
        raise _failure(path, N_("malformed JSON at line %(line)d, column %(column)d: "
                                "%(reason)s"),
                       line=exc.lineno, column=exc.colno, reason=json_reason(exc)) from exc
    except yaml.YAMLError as exc:
        where = yaml_problem(exc, raw)
        if where is None:
            reason = getattr(exc, "problem", None) or str(exc)
            raise _failure(path, N_("malformed YAML: %(reason)s"), reason=reason) from exc
        line, column, reason = where
        raise _failure(path, N_("malformed YAML at line %(line)d, column %(column)d: "
                                "%(reason)s"),
                       line=line, column=column, reason=reason) from exc


def resolve_path(path: str | os.PathLike[str] | None) -> Path:
    """The catalogue file to read: ``path``, else $NPIS_CATALOGUE, else the built-in one."""
    chosen = path or os.environ.get(CATALOGUE_ENV) or BUILTIN_CATALOGUE
    resolved = Path(chosen).expanduser()
    if resolved.is_dir():
        resolved = resolved / "catalogue.yaml"
    return resolved.resolve()


def assemble(path: Path) -> tuple[dict[str, Any], list[str]]:
    """Read the catalogue file and its includes into one dict.

    Returns the dict and, for each invariant in order, the file it came from.
    """
    data = _read_file(path)
    if not isinstance(data, dict):
        raise _failure(path, N_("the catalogue file must contain a mapping"))
    # An exported catalogue carries its fingerprint for information; it is derived, not content.
    data.pop("fingerprint", None)
    invariants = list(data.get("invariants") or [])
    origins = [str(path)] * len(invariants)
    includes = data.pop("include", None) or []
    if not isinstance(includes, list):
        raise _failure(path, N_("must be a list of file names"), "include")
    for name in includes:
        part_path = (path.parent / str(name)).resolve()
        part = _read_file(part_path)
        if not isinstance(part, dict) or not isinstance(part.get("invariants"), list):
            raise _failure(part_path, N_("an included file must contain an 'invariants' list"))
        invariants += part["invariants"]
        origins += [str(part_path)] * len(part["invariants"])
    data["invariants"] = invariants
    return data, origins


def fingerprint_of(data: dict[str, Any]) -> str:
    """SHA-256 of the catalogue's canonical JSON: identifies its exact content."""
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def catalogue_from_data(data: dict[str, Any], *, source: str = "<data>") -> Catalogue:
    """Validate an already-assembled catalogue dict (e.g. a stored snapshot) and build it."""
    origins = [source] * len(data.get("invariants") or [])
    problems = validate(data, meta_file=source, origins=origins)
    if problems:
        raise CatalogueError(problems)
    return Catalogue.from_dict(data, fingerprint=fingerprint_of(data), source=source)


def load_catalogue(path: str | os.PathLike[str] | None = None, *,
                   patterns_of: str | None = None) -> Catalogue:
    """Load and validate a catalogue; raise :class:`CatalogueError` listing every problem.

    ``patterns_of``: a study type whose invariants alone will be used, so that only their
    regular expressions are compiled to check them (see :func:`validate`)."""
    resolved = resolve_path(path)
    data, origins = assemble(resolved)
    builtin = resolved == BUILTIN_CATALOGUE.resolve()
    problems = validate(data, meta_file=str(resolved), origins=origins, builtin=builtin,
                        patterns_of=patterns_of)
    if problems:
        raise CatalogueError(problems)
    return Catalogue.from_dict(data, fingerprint=fingerprint_of(data), source=str(resolved))


@lru_cache(maxsize=8)
def _cached(path: str) -> Catalogue:
    return load_catalogue(path)


def get_catalogue(path: str | os.PathLike[str] | None = None) -> Catalogue:
    """Like :func:`load_catalogue` but cached per resolved path (catalogues are immutable)."""
    return _cached(str(resolve_path(path)))
