"""Shared fixtures: paths to the bundled listings and the shared corpora, a seed store, and
the extractor on the fixture vocabulary."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LISTINGS = ROOT / "examples" / "listings"
SHARED = ROOT.parent / "shared"
EXTRACT_VOCAB = Path(__file__).parent / "fixtures" / "extract" / "vocab"


# The fast lane (`make check`: -m "not slow and not browser") leaves these out besides the
# tests marked slow where they are defined: each took 10-240 s under load (pytest
# --durations, 2026-12-07) and repeats, at a larger size or under concurrency, what faster
# tests check. `make test` and CI run them all. Node ids; a name without [...] covers every
# parameter of the test.
SLOW_ELSEWHERE = {
    "tests/test_tokenizer.py::test_tokens_do_not_depend_on_what_was_cached",
    "tests/test_remote_load.py::test_serve_under_load_while_ingesting",
    "tests/test_concurrent_readers.py::test_readers_see_whole_papers_during_an_ingest",
    "tests/test_api_schemathesis.py::test_no_server_errors",
    "tests/test_ingest.py::test_two_workers_give_the_same_graph",
    "tests/test_ingest.py::test_title_only_record_merges_with_arxiv_record",
    "tests/test_ingest.py::test_first_load_is_bulk_then_transactional_same_quads",
    "tests/test_ingest.py::test_discovered_entities_reach_every_store",
    "tests/test_ingest.py::test_same_paper_from_two_sources_is_one_node",
    "tests/test_ingest.py::test_rerun_after_a_killed_bulk_load_rewrites_half_written_papers",
    "tests/test_ingest.py::test_reingest_is_idempotent",
    "tests/test_ingest.py::test_progress_by_bytes_and_papers",
    "tests/test_properties.py::test_json_records_each_accounted_for",
    "tests/test_properties.py::test_jsonl_and_json_round_trip",
    "tests/test_bad_input.py::test_bad_input[50 MB lines in JSONL]",
    "tests/test_bad_input.py::test_bad_input[50 MB single-line JSONL]",
    "tests/test_bad_input.py::test_bad_input[50 MB single-line JSON array]",
    "tests/test_bad_input.py::test_bad_input[50 MB line in CSV]",
    "tests/test_remote_store.py::test_reingest_is_idempotent",
    "tests/test_remote_store.py::test_exports_identical",
    "tests/test_remote_store.py::test_cli_on_remote",
    "tests/test_cli.py::test_export_rdf[nq-<https://w3id.org/kg/id/paper/]",
    "tests/test_cli.py::test_export_rdf[nt-<https://w3id.org/kg/id/paper/]",
    "tests/test_cli.py::test_export_rdf[jsonld-@id]",
    # real servers and worker processes, each 4-11 s on an idle machine (2026-12-07, session
    # 10); the limit and live-data behaviour they prove has quicker tests beside them
    "tests/test_sparql_limits.py::test_runaways_do_not_block_a_quick_query",
    "tests/test_sparql_limits.py::test_sigterm_stops_the_server_while_queries_and_updates_run",
    "tests/test_sparql_limits.py::test_one_client_cannot_take_every_worker",
    "tests/test_generations.py::test_every_count_beside_an_ingest_is_the_old_or_the_new_total",
    "tests/test_generations.py::test_server_workers_restarted_after_an_ingest_stay_on_the_apis_version",
    "tests/test_live.py::test_holder_swaps_in_a_whole_new_snapshot",
    "tests/test_remote_load.py::test_replacements_are_atomic_for_readers",
    "tests/test_validate.py::test_sparql_engine_equals_pyshacl_on_broken_graphs",
}


def pytest_collection_modifyitems(config, items):
    for item in items:
        nodeid = item.nodeid
        if nodeid in SLOW_ELSEWHERE or nodeid.split("[", 1)[0] in SLOW_ELSEWHERE:
            item.add_marker(pytest.mark.slow)


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
def shipped():
    """The extractor on the shipped vocabularies and patterns, built once for the rule
    tests that need the real vocabulary (the `ex` fixture's is a small fixture one)."""
    from kg.extract import Extractor

    return Extractor()


@pytest.fixture(scope="session")
def ex():
    """The extractor on the small fixture vocabulary (tests/fixtures/extract/vocab: the
    names the rules must discover are not in it), built once for every extraction test
    module (~3 s a build)."""
    from kg.extract import Extractor

    return Extractor(vocab_dir=EXTRACT_VOCAB)
