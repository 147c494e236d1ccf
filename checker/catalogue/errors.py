"""Errors raised when a catalogue cannot be loaded or fails validation."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One precise validation failure: where it is and what is wrong."""

    file: str
    message: str
    invariant: str | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = [self.file]
        if self.invariant:
            where.append(f"invariant {self.invariant}")
        if self.field:
            where.append(f"field {self.field}")
        return f"{': '.join(where)}: {self.message}"


class CatalogueError(Exception):
    """A catalogue is unreadable or invalid; ``problems`` lists every failure found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
