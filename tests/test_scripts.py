"""The development scripts start: their imports resolve in a clean checkout (a module left out
of a commit fails here, not on a developer's machine later)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

# Modules the scripts import, not scripts: their importers' runs load them.
MODULES = {"benchmark_folders.py", "timing.py"}
SCRIPTS = sorted(p for p in (Path(__file__).resolve().parents[1] / "scripts").glob("*.py")
                 if p.name not in MODULES)


@pytest.mark.parametrize("script", SCRIPTS, ids=[p.stem for p in SCRIPTS])
def test_script_prints_its_usage(script: Path) -> None:
    result = subprocess.run([sys.executable, str(script), "--help"], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "usage:" in result.stdout
