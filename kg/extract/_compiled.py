"""Which build of the extraction modules runs: compiled (Cython) or Python source.

setup.py compiles the rule modules of this package where a C compiler is present and
records the hash of each source it compiled in _compiled.json; an editable install puts
the compiled files next to the source. Python would import a compiled module even after
its source changed, so this picks at import time: the compiled modules while each
source still has the recorded hash, otherwise (or with KG_PURE_PYTHON=1) the source of
every module, with a warning naming the stale ones.
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import sys
import warnings
from pathlib import Path

_DIR = Path(__file__).resolve().parent
_PACKAGE = __name__.rpartition(".")[0]


def compiled_files(directory: Path = _DIR) -> dict[str, Path]:
    """Module name -> its compiled file in `directory` (this package's by default)."""
    suffixes = sorted(importlib.machinery.EXTENSION_SUFFIXES, key=len, reverse=True)
    out: dict[str, Path] = {}
    for path in directory.iterdir():
        suffix = next((s for s in suffixes if path.name.endswith(s)), None)
        if suffix:
            out.setdefault(path.name[: -len(suffix)], path)
    return out


def stale_modules(files: dict[str, Path]) -> list[str]:
    """Compiled modules whose source (beside them) differs from the one they were built
    from, as _compiled.json there records it (all of them when the record is missing)."""
    records: dict[Path, dict] = {}
    stale = []
    for name, path in files.items():
        if path.parent not in records:
            try:
                records[path.parent] = json.loads((path.parent / "_compiled.json").read_text())
            except (OSError, ValueError):
                records[path.parent] = {}
        source = path.parent / f"{name}.py"
        if source.exists() and hashlib.sha256(source.read_bytes()).hexdigest() != records[path.parent].get(name):
            stale.append(name)
    return sorted(stale)


class _SourceFinder(importlib.abc.MetaPathFinder):
    """Imports this package's modules from their .py files, ahead of compiled files."""

    def find_spec(self, fullname, path=None, target=None):
        package, _, name = fullname.rpartition(".")
        source = _DIR / f"{name}.py"
        if package == _PACKAGE and source.exists():
            return importlib.util.spec_from_file_location(fullname, source)
        return None


def choose() -> str:
    """Install the source finder where needed; returns the build that runs."""
    files = compiled_files()
    if not files:
        return "python"
    if os.environ.get("KG_PURE_PYTHON"):
        reason = None
    else:
        stale = stale_modules(files)
        if not stale:
            return "compiled"
        reason = (f"kg.extract: {', '.join(stale)} changed after compilation; running the Python source "
                  "of the package (rebuild with `make compile`)")
    if not any(isinstance(f, _SourceFinder) for f in sys.meta_path):
        sys.meta_path.insert(0, _SourceFinder())
    if reason:
        warnings.warn(reason, RuntimeWarning, stacklevel=2)
    return "python"
