"""Compiled extraction: the rule modules of this package built with mypyc, used only
while they match their sources.

`make native` (tools/build_native.py; opt-in, `.ci/run` runs it once) compiles every
module here but this one and `__init__` into `_native/`, with a `BUILD.json` that holds a
fingerprint of the sources and the interpreter. At import, `kg.extract` puts `_native/`
first on its `__path__` only when that fingerprint matches the sources now on disk, so an
edited module never runs from a stale build: the whole package falls back to the Python
sources (compiled and pure modules are never mixed: their classes would differ) with a
warning. Same output either way (tests/test_native.py); the compiled one is ~1.2x faster
(+17-23% side by side on 10k abstracts, docs/extraction-log.md round 10).
`KG_PURE_PYTHON=1` turns the compiled build off.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import sysconfig
import warnings
from pathlib import Path
from typing import Literal

PACKAGE_DIR = Path(__file__).resolve().parent
_NATIVE_NAME = "_native"  # the build's folder inside the package
NATIVE_DIR = PACKAGE_DIR / _NATIVE_NAME
MANIFEST = "BUILD.json"
GROUP = "kg.extract._native"  # mypyc's shared library: kg/extract/_native/_native__mypyc*.so
_NOT_COMPILED = frozenset({"__init__.py", "native.py"})

State = Literal["off", "absent", "stale", "fresh"]


def compiled_sources(package_dir: Path = PACKAGE_DIR) -> list[Path]:
    """The modules a native build compiles, in a stable order."""
    return sorted(p for p in package_dir.glob("*.py") if p.name not in _NOT_COMPILED)


def fingerprint(sources: list[Path]) -> str:
    """One hash over the sources' names and bytes and the interpreter's ABI: a build made
    for other sources or another Python does not match."""
    h = hashlib.sha256()
    h.update(f"{sys.implementation.cache_tag}|{sysconfig.get_config_var('SOABI')}".encode())
    for p in sources:
        h.update(p.name.encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


def build_state(package_dir: Path = PACKAGE_DIR, native_dir: Path | None = None) -> State:
    """absent: no build; stale: built from other sources (or for another Python); fresh."""
    native_dir = native_dir if native_dir is not None else package_dir / _NATIVE_NAME
    try:
        built = json.loads((native_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return "absent"
    return (
        "fresh"
        if built.get("fingerprint") == fingerprint(compiled_sources(package_dir))
        else "stale"
    )


def activate(package_path: list[str]) -> State:
    """Put the compiled build first on the package's `__path__` when it is fresh."""
    if os.environ.get("KG_PURE_PYTHON", "") not in ("", "0"):
        return "off"
    state = build_state()
    if state == "fresh":
        package_path.insert(0, str(NATIVE_DIR))
    elif state == "stale":
        warnings.warn(
            f"kg: the compiled extraction in {NATIVE_DIR} was built from other sources; "
            "running the Python sources instead (`make native` rebuilds it)",
            RuntimeWarning,
            stacklevel=3,
        )
    return state
