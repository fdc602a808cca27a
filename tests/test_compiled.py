"""The compiled (Cython) build of kg/extract: the same output as the Python source, and
never run once its source has changed (kg/extract/_compiled.py, setup.py)."""

from __future__ import annotations

import hashlib
import importlib.machinery
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import kg.extract
from kg.extract._compiled import compiled_files, stale_modules

ROOT = Path(__file__).resolve().parents[1]
LISTINGS = sorted(str(p) for p in (ROOT / "examples" / "listings").glob("*.txt"))


def _kg(args: list[str], tmp_path: Path, pure: bool) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "KG_PURE_PYTHON"}
    if pure:
        env["KG_PURE_PYTHON"] = "1"
    return subprocess.run([sys.executable, "-m", "kg.cli", *args], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=600)


def test_the_build_that_runs_is_named():
    assert kg.extract.BUILD in ("compiled", "python")
    files = compiled_files()
    if kg.extract.BUILD == "compiled":
        assert files and not stale_modules(files)
        assert Path(kg.extract.extractor.__file__).suffix != ".py"


def test_kg_pure_python_runs_the_source(tmp_path):
    code = ("import kg.extract as k, kg.extract.resolver as r, kg.extract.lists as l;"
            "print(k.BUILD, r.__file__, l.__file__)")
    env = {**os.environ, "KG_PURE_PYTHON": "1"}
    r = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    build, *files = r.stdout.split()
    assert build == "python" and all(f.endswith(".py") for f in files)


def test_a_changed_source_makes_its_compiled_module_stale(tmp_path):
    suffix = importlib.machinery.EXTENSION_SUFFIXES[0]
    for name in ("fresh", "edited"):
        (tmp_path / f"{name}.py").write_text(f"X = '{name}'\n")
        (tmp_path / f"{name}{suffix}").write_bytes(b"not really compiled")
    record = {n: hashlib.sha256((tmp_path / f"{n}.py").read_bytes()).hexdigest() for n in ("fresh", "edited")}
    (tmp_path / "_compiled.json").write_text(json.dumps(record))
    files = compiled_files(tmp_path)
    assert sorted(files) == ["edited", "fresh"]
    assert stale_modules(files) == []
    (tmp_path / "edited.py").write_text("X = 'changed'\n")
    assert stale_modules(files) == ["edited"]
    (tmp_path / "_compiled.json").unlink()  # no record of what was compiled: trust none
    assert stale_modules(files) == ["edited", "fresh"]


@pytest.mark.skipif(kg.extract.BUILD != "compiled",
                    reason="kg/extract is not compiled here (no C compiler, KG_PURE_PYTHON, or edited since)")
def test_compiled_and_python_builds_extract_the_same(tmp_path):
    out = {}
    for pure in (False, True):
        target = tmp_path / f"{'python' if pure else 'compiled'}.jsonl"
        r = _kg(["extract", *LISTINGS, "-o", str(target)], tmp_path, pure)
        assert r.returncode == 0, r.stderr
        out[pure] = target.read_text()
    assert out[False].count("\n") >= 200
    assert out[False] == out[True]
