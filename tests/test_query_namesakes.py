"""One name typed two ways (issue #17, "which papers evaluate X on Y"): the extraction
types a new name a Model in one paper and a Method in another, and a lookup by that name
means both. Built like tests/test_query_layer.py's graph, with its own entities and
papers; fails without `Resolver.namesakes` and the evaluations lookup using it."""

from __future__ import annotations

import pytest
import test_query_layer as ql

ENTITIES = [
    ("model/zorbnet", "Model", "ZorbNet", [], []),
    ("method/zorbnet", "Method", "ZorbNet", [], []),
    ("method/quill", "Method", "Quill", [], []),
    ("model/quill", "Model", "Quill", [], []),
    ("model/quill-7b", "Model", "Quill 7B", [], ["model/quill"]),
    ("benchmark/mathquest", "Benchmark", "MathQuest", [], []),
    ("metric/accuracy", "Metric", "accuracy", [], []),
]
PAPERS = [
    (
        "2601.00011",
        "2026-01-15",
        ["model/zorbnet", "benchmark/mathquest"],
        [("model/zorbnet", "benchmark/mathquest", "metric/accuracy", 80.0, "Score", [], True)],
    ),
    (
        "2601.00012",
        "2026-01-20",
        ["method/zorbnet", "benchmark/mathquest", "model/zorbnet"],
        [("method/zorbnet", "benchmark/mathquest", "metric/accuracy", 82.0, "Score", [], True)],
    ),
    (
        "2601.00013",
        "2026-01-21",
        ["model/quill", "model/quill-7b", "benchmark/mathquest"],
        [("model/quill-7b", "benchmark/mathquest", "metric/accuracy", 70.0, "Score", [], True)],
    ),
    (
        "2601.00014",
        "2026-01-22",
        ["method/quill", "benchmark/mathquest"],
        [("method/quill", "benchmark/mathquest", "metric/accuracy", 71.0, "Score", [], True)],
    ),
]


@pytest.fixture(scope="module")
def kg(tmp_path_factory):
    from kg.query import open_kg

    mp = pytest.MonkeyPatch()
    mp.setattr(ql, "ENTITIES", ENTITIES)
    mp.setattr(ql, "PAPERS", PAPERS)
    mp.setattr(ql, "DIRECTION", {})
    try:
        path = ql.build(tmp_path_factory.mktemp("namesakes") / "store")
    finally:
        mp.undo()
    return open_kg(path).warm()


def test_a_name_typed_two_ways_finds_the_papers_of_both(kg):
    from kg.query.evaluations import find_evaluations

    assert kg.resolver.namesakes(kg.resolver.resolve("ZorbNet").iri) != []
    # ZorbNet is a Model in two papers and a Method in one: resolution picks the Model, the
    # lookup keeps the Method's paper too
    res = find_evaluations(kg, "ZorbNet", "MathQuest")
    assert sorted(p.id for p in res.papers) == ["2601.00011", "2601.00012"]


def test_namesakes_tied_in_mentions_are_not_ambiguous_to_the_lookup(kg):
    from kg.query.errors import Ambiguous
    from kg.query.evaluations import find_evaluations

    with pytest.raises(Ambiguous):  # the name alone is ambiguous to the resolver
        kg.resolver.resolve("Quill", ("Model", "Method"))
    res = find_evaluations(kg, "Quill", "MathQuest")
    # both namesakes, and the Model's variant Quill 7B
    assert sorted(p.id for p in res.papers) == ["2601.00013", "2601.00014"]
