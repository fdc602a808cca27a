"""The compiled extraction (kg/extract/native.py): used only while it matches its sources,
and it gives what the Python sources give."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kg.extract import native

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT.parent / "shared" / "seeds").glob("*.txt")) or sorted(
    (ROOT / "examples" / "listings").glob("*.txt")
)


def _package(tmp_path: Path) -> tuple[Path, Path]:
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    for name in ("__init__.py", "native.py", "rules.py", "shapes.py"):
        (pkg / name).write_text(f"# {name}\n", encoding="utf-8")
    out = pkg / "_native"
    out.mkdir()
    return pkg, out


def _record_build(pkg: Path, out: Path) -> None:
    fp = native.fingerprint(native.compiled_sources(pkg))
    (out / native.MANIFEST).write_text(json.dumps({"fingerprint": fp}), encoding="utf-8")


def test_a_build_is_fresh_only_for_the_sources_it_was_made_from(tmp_path):
    pkg, out = _package(tmp_path)
    assert native.build_state(pkg, out) == "absent"
    _record_build(pkg, out)
    assert native.build_state(pkg, out) == "fresh"
    (pkg / "__init__.py").write_text("# edited: not compiled, does not matter\n", encoding="utf-8")
    assert native.build_state(pkg, out) == "fresh"
    (pkg / "shapes.py").write_text("# edited\n", encoding="utf-8")
    assert native.build_state(pkg, out) == "stale"
    _record_build(pkg, out)
    (pkg / "lists.py").write_text("# a new module\n", encoding="utf-8")
    assert native.build_state(pkg, out) == "stale"
    (out / native.MANIFEST).write_text("not json", encoding="utf-8")
    assert native.build_state(pkg, out) == "absent"


def test_only_a_fresh_build_goes_on_the_package_path(monkeypatch):
    monkeypatch.delenv("KG_PURE_PYTHON", raising=False)
    for state, on_path in (("fresh", True), ("stale", False), ("absent", False)):
        monkeypatch.setattr(native, "build_state", lambda s=state: s)
        path = ["/src/kg/extract"]
        if state == "stale":
            with pytest.warns(RuntimeWarning, match="built from other sources"):
                assert native.activate(path) == state
        else:
            assert native.activate(path) == state
        assert (path[0] == str(native.NATIVE_DIR)) is on_path and path[-1] == "/src/kg/extract"
    monkeypatch.setenv("KG_PURE_PYTHON", "1")
    path = ["/src/kg/extract"]
    assert native.activate(path) == "off" and path == ["/src/kg/extract"]


def _extract(tmp_path: Path, name: str, pure: bool) -> tuple[str, list[dict]]:
    out = tmp_path / f"{name}.jsonl"
    env = {k: v for k, v in os.environ.items() if k != "KG_PURE_PYTHON"}
    if pure:
        env["KG_PURE_PYTHON"] = "1"
    code = (
        "import sys, kg.extract, kg.extract.resolver as r; from kg.cli import app; "
        "print(kg.extract.NATIVE, r.__file__, file=sys.stderr); "
        "sys.argv = ['kg', *sys.argv[1:]]; app()"
    )
    run = subprocess.run(
        [sys.executable, "-c", code, "extract", *map(str, SEEDS), "-o", str(out)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    return run.stderr, rows


def test_compiled_and_python_extractions_are_the_same(tmp_path):
    # runs wherever a build matches the sources, whether or not this process uses it
    # (.ci/run builds one, runs the suite on the Python sources and sets KG_REQUIRE_NATIVE)
    state = native.build_state()
    if state != "fresh":
        if os.environ.get("KG_REQUIRE_NATIVE", "") not in ("", "0"):
            pytest.fail(f"KG_REQUIRE_NATIVE is set but the compiled build is {state}")
        pytest.skip(f"no compiled build matches the sources ({state}): `make native` makes one")
    log_native, compiled = _extract(tmp_path, "compiled", pure=False)
    log_pure, pure = _extract(tmp_path, "pure", pure=True)
    assert (
        "fresh" in log_native and str(native.NATIVE_DIR) in log_native
    )  # the compiled modules ran
    assert "off" in log_pure and str(native.NATIVE_DIR) not in log_pure
    assert len(compiled) == len(pure) > 100
    assert compiled == pure
