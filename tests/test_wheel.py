"""The wheel works outside the repository: built from the checkout, installed into a fresh
venv in a temporary folder (its dependencies from the package index, through pip's cache),
then `kg ingest` and `kg extract` run there on the sample listings, from a working directory
that is not the checkout. This is how a user gets kg with pip or pipx."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
LISTINGS = sorted((ROOT / "examples" / "listings").glob("*.txt"))


def _run(cmd: list[str], cwd: Path, env: dict[str, str], timeout: int = 900) -> str:
    r = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert r.returncode == 0, f"{cmd[:3]} failed:\n{r.stdout[-3000:]}\n{r.stderr[-3000:]}"
    return r.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "KG_DATA_DIR")}
    _run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(out), str(ROOT)],
        cwd=out,
        env=env,
    )
    [whl] = out.glob("kg-*.whl")
    return whl


def test_the_wheel_carries_the_data_folders_and_no_local_build(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    for rel in ("ontology/kg.ttl", "ontology/shapes.ttl", "ontology/patterns/stoplist.json"):
        assert f"kg/_data/{rel}" in names
    assert any(n.startswith("kg/_data/ontology/vocab/") and n.endswith(".jsonl") for n in names)
    queries = sorted(p.name for p in (ROOT / "queries").glob("*.rq"))
    assert queries and all(f"kg/_data/queries/{q}" in names for q in queries)
    assert any(n.startswith("kg/static/vendor/cytoscape/") for n in names)
    assert not [n for n in names if "_native" in n or n.endswith((".so", ".pyc"))]


def test_an_installed_wheel_ingests_and_extracts_outside_the_checkout(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True, clear=True).create(env_dir)
    bindir = env_dir / "bin"
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTHONPATH", "KG_DATA_DIR", "KG_STORE", "VIRTUAL_ENV", "KG_PURE_PYTHON")
    }
    env["PATH"] = f"{bindir}{os.pathsep}{env.get('PATH', '')}"
    work = tmp_path / "work"  # not the checkout: nothing there to fall back on
    work.mkdir()
    _run(
        [
            str(bindir / "python"),
            "-m",
            "pip",
            "install",
            "-q",
            "--disable-pip-version-check",
            str(wheel),
        ],
        cwd=work,
        env=env,
        timeout=1800,
    )
    where = _run(
        [
            str(bindir / "python"),
            "-c",
            "import kg, kg.paths as p; print(kg.__file__); print(p.ontology_dir()); "
            "print(p.queries_dir())",
        ],
        cwd=work,
        env=env,
    ).split()
    site = str(env_dir)
    assert all(w.startswith(site) for w in where), where  # the package and its data, installed
    assert not any(w.startswith(str(ROOT)) for w in where)

    kg = str(bindir / "kg")
    store = work / "store"
    _run([kg, "ingest", "--store", str(store), "--workers", "1", *map(str, LISTINGS)], work, env)
    stats = _run([kg, "stats", "--store", str(store)], work, env)
    assert "Paper" in stats
    out = work / "out.jsonl"
    _run([kg, "extract", *map(str, LISTINGS), "-o", str(out)], work, env)
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) > 100
    entities = [e for r in rows for e in r["entities"].values()]
    assert len(entities) > len(rows)
    assert sum(e["in_vocabulary"] for e in entities) > len(rows)  # the wheel's vocabularies
    names = _run([kg, "queries"], work, env)
    assert "leaderboard" in names  # the canned queries, from the wheel's kg/_data/queries
