"""The linter, the formatter and the type checker, as `make check` runs them, in the suite.

`make test` (and so CI) did not run them: a docstring line over the limit reached main
unnoticed. Each tool runs on the whole checkout with the project's own settings
(pyproject.toml); a tool that is not installed (a runtime-only venv) is skipped.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

CHECKS = {
    "ruff check": ["ruff", "check", "--no-cache", "."],
    "ruff format": ["ruff", "format", "--check", "--no-cache", "."],
    "mypy": ["mypy"],
}


def _tool(name: str) -> str | None:
    local = BIN / name
    return str(local) if local.exists() else shutil.which(name)


@pytest.mark.parametrize("check", sorted(CHECKS))
def test_the_checkout_passes(check: str) -> None:
    cmd = CHECKS[check]
    exe = _tool(cmd[0])
    if exe is None:
        pytest.skip(f"{cmd[0]} is not installed (pip install -e '.[dev]')")
    r = subprocess.run(
        [exe, *cmd[1:]], cwd=ROOT, capture_output=True, text=True, timeout=600, check=False
    )
    assert r.returncode == 0, f"{check} failed:\n{r.stdout[-4000:]}\n{r.stderr[-2000:]}"
