"""Shared fixtures: paths to the bundled listings and the shared corpora, a seed store, and
the extractor on the fixture vocabulary."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LISTINGS = ROOT / "examples" / "listings"
SHARED = ROOT.parent / "shared"
EXTRACT_VOCAB = Path(__file__).parent / "fixtures" / "extract" / "vocab"


@pytest.fixture(scope="session")
def listings() -> list[Path]:
    return sorted(LISTINGS.glob("*.txt"))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.exists():
        pytest.skip("../shared is not beside the checkout")
    return SHARED


@pytest.fixture(scope="session")
def seed_store_path(tmp_path_factory, listings) -> Path:
    """A store built once per test session from the three bundled seed listings."""
    from kg.ingest import ingest_paths
    from kg.store import KGStore

    path = tmp_path_factory.mktemp("seed") / "store"
    store = KGStore(path)
    ingest_paths(store, listings, workers=1)
    del store
    return path


@pytest.fixture(scope="session")
def seed_store(seed_store_path):
    from kg.store import KGStore

    return KGStore(seed_store_path, read_only=True)


@pytest.fixture(scope="session")
def ex():
    """The extractor on the small fixture vocabulary (tests/fixtures/extract/vocab: the
    names the rules must discover are not in it), built once for every extraction test
    module (~3 s a build)."""
    from kg.extract import Extractor

    return Extractor(vocab_dir=EXTRACT_VOCAB)
