"""The corpus as a gazetteer: `kg vocab mine`'s thresholds on a tiny made-up corpus, the
mined concepts' place below the curated ones, and the store's own names at ingest."""

from __future__ import annotations

import json

import pytest

from kg.extract.vocab import Concept, load_concepts
from kg.vocab_mine import Thresholds, default_stoplist, mine, occurrences, run


def _rec(pid, *ents):
    """A raw record: (label, type, proposed) per discovered name."""
    return {"id": pid, "e": [[lab, t, 1, prop, [lab]] for lab, t, prop in ents]}


RECORDS = [
    _rec("p1", ("ZorbNet", "Method", True), ("Results", "Method", False)),
    _rec("p2", ("ZorbNet", "Method", False), ("Results", "Method", False)),
    _rec(
        "p3",
        ("ZorbNet", "Model", False),
        ("Results", "Method", False),
        ("OnceBench", "Benchmark", True),
    ),
    _rec("p4", ("ZorbNet", "Method", False), ("FlipNet", "Model", False)),
    _rec("p5", ("FlipNet", "Method", False), ("Overall", "Method", False)),
    _rec("p6", ("FlipNet", "Model", False), ("Overall", "Method", False)),
    _rec("p7", ("FlipNet", "Method", False), ("Overall", "Method", False)),
]


def _mined(records=RECORDS, **kw):
    th = Thresholds(min_papers=3, min_share=0.7, stoplist=default_stoplist() | {"overall"}, **kw)
    concepts, why = mine(records, th, lambda text: False)
    return {c["prefLabel"]: c for c in concepts}, why


def test_a_name_in_enough_papers_is_mined_with_counts_and_provenance():
    got, _ = _mined()
    z = got["ZorbNet"]
    assert z["type"] == "Method" and z["source"] == "mined"
    assert z["papers"] == 4 and z["proposed"] == 1
    assert z["votes"] == {"Method": 3, "Model": 1}
    assert z["examples"] == ["p1"]  # the proposing papers first
    assert z["id"] == "method/zorbnet"


def test_the_type_is_the_majority_and_an_ambiguous_one_is_not_mined():
    got, why = _mined()
    assert "FlipNet" not in got  # Model 2, Method 2 of 4 papers: no majority of 0.7
    assert why["ambiguous type"] >= 1
    th = Thresholds(min_papers=3, min_share=0.5, stoplist=default_stoplist())
    concepts, _ = mine(RECORDS, th, lambda text: False)
    assert {c["prefLabel"]: c["type"] for c in concepts}.get("FlipNet") in ("Method", "Model")


def test_generic_words_and_one_paper_names_are_not_mined():
    got, why = _mined()
    assert "Results" not in got  # three papers, but not name-shaped (an ordinary word)
    assert "Overall" not in got  # on the stoplist
    assert "OnceBench" not in got  # one paper
    assert why["few papers"] >= 1


def test_curated_names_are_not_mined():
    th = Thresholds(min_papers=3, min_share=0.7, stoplist=default_stoplist())
    concepts, why = mine(RECORDS, th, lambda text: text == "ZorbNet")
    assert "ZorbNet" not in {c["prefLabel"] for c in concepts}
    assert why["curated"] == 1


def test_a_name_rarely_found_where_written_is_not_mined():
    texts = ["ZorbNet is used."] * 4 + ["We use ZorbNet here."] * 40
    th = Thresholds(min_papers=3, min_share=0.7, min_rate=0.3, stoplist=default_stoplist())
    concepts, why = mine(RECORDS, th, lambda text: False, texts=lambda: iter(texts))
    assert "ZorbNet" not in {c["prefLabel"] for c in concepts}
    assert why["rarely a name where written"] == 1
    concepts, _ = mine(RECORDS, th, lambda text: False, texts=lambda: iter(texts[:8]))
    assert "ZorbNet" in {c["prefLabel"] for c in concepts}


def test_occurrences_count_papers_by_whole_words():
    occ = occurrences(
        ["ZorbNet (ours) beats ZorbNets.", "ZorbNet-2 and Big ZorbNet.", "zorbnet"],
        {"ZorbNet", "Big ZorbNet"},
    )
    assert occ["ZorbNet"] == 2 and occ["Big ZorbNet"] == 1


def _write(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def test_excluded_eval_titles_are_never_mined(tmp_path, monkeypatch):
    """A name three corpus papers propose is mined; with one of the three titles in an
    evaluation file, it is not (that paper is never even extracted)."""
    abstracts = [
        "We propose QuorbLex, a method for sparse retrieval. QuorbLex improves recall "
        "over dense retrievers on three datasets.",
        "Our retriever outperforms QuorbLex and BM25 on three datasets.",
        "We compare dense retrievers with QuorbLex on long documents.",
    ]
    corpus = tmp_path / "corpus.jsonl"
    _write(
        corpus,
        [
            {"id": f"2601.0000{i}", "title": f"QuorbLex study number {i}", "abstract": a}
            for i, a in enumerate(abstracts)
        ],
    )
    gold = tmp_path / "gold.jsonl"
    _write(gold, [{"id": "x", "title": "QuorbLex Study Number 1", "entities": {}}])
    monkeypatch.setenv("KG_VOCAB_MINED", "0")
    th = Thresholds(min_papers=3, min_papers_proposed=3, min_share=0.6, stoplist=default_stoplist())
    out = tmp_path / "vocab"
    out.mkdir()
    sizes, _ = run([corpus], out, th, cache=tmp_path / "raw.jsonl", exclude=[], workers=1)
    mined = [json.loads(x) for f in out.glob("mined_*.jsonl") for x in f.open() if x[0] == "{"]
    assert [c["prefLabel"] for c in mined] == ["QuorbLex"]
    assert mined[0]["papers"] == 3 and mined[0]["proposed"] == 1
    assert mined[0]["type"] == "Method" and mined[0]["examples"] == ["2601.00000"]
    sizes, _ = run([corpus], out, th, cache=tmp_path / "raw.jsonl", exclude=[str(gold)], workers=1)
    assert sizes == {}
    assert not list(out.glob("mined_*.jsonl"))


def test_mined_concepts_load_below_curated_ones(tmp_path):
    _write(
        tmp_path / "methods.jsonl",
        [{"id": "method/zorbnet", "type": "Method", "prefLabel": "ZorbNet"}],
    )
    _write(
        tmp_path / "mined_models.jsonl",
        [
            {"id": "model/zorbnet", "type": "Model", "prefLabel": "Zorb-Net", "source": "mined"},
            {
                "id": "model/flipnet",
                "type": "Model",
                "prefLabel": "FlipNet",
                "altLabels": ["ZorbNet"],
                "source": "mined",
            },
        ],
    )
    cs = {c.id: c for c in load_concepts(tmp_path)}
    assert cs["method/zorbnet"].source == "curated"
    assert "model/zorbnet" not in cs  # spelled like a curated label: the curated type wins
    flip = cs["model/flipnet"]
    assert isinstance(flip, Concept) and flip.source == "mined" and flip.case_sensitive
    assert flip.aliases == []  # the curated spelling dropped
    assert [c.id for c in load_concepts(tmp_path, mined=False)] == ["method/zorbnet"]


@pytest.fixture
def two_listings(tmp_path):
    """An earlier paper that introduces a benchmark; a later one that names it in passing
    (alone, the extractor takes the later paper's mixed-case name for a method)."""
    first = tmp_path / "a.jsonl"
    _write(
        first,
        [
            {
                "id": "2601.00001",
                "title": "TabZorv: A Benchmark for Table Reasoning",
                "abstract": "We introduce TabZorv, a benchmark of 5,000 table questions. "
                "Current models score below 40% accuracy on TabZorv.",
            }
        ],
    )
    later = tmp_path / "b.jsonl"
    _write(
        later,
        [
            {
                "id": "2602.00002",
                "title": "Sparse Tables for Question Answering",
                "abstract": "TabZorv remains hard for sparse table encoders, which we study here.",
            }
        ],
    )
    return first, later


_LATER_IDS = """PREFIX kg: <https://w3id.org/kg/ontology#>
SELECT ?id WHERE { GRAPH ?g { ?p kg:arxivId "2602.00002" ; kg:mentions ?e }
  ?e <http://purl.org/dc/terms/identifier> ?id }"""


@pytest.mark.parametrize("gazetteer", ["1", "0"])
def test_ingest_recognises_a_name_an_earlier_paper_introduced(
    tmp_path, two_listings, monkeypatch, gazetteer
):
    from kg.ingest import ingest_paths
    from kg.store import KGStore
    from kg.store_gazetteer import store_concepts

    first, later = two_listings
    monkeypatch.delenv("KG_VOCAB_EXTRA", raising=False)
    monkeypatch.setenv("KG_STORE_GAZETTEER", gazetteer)
    store = KGStore(tmp_path / "s")
    ingest_paths(store, [first], workers=1)
    names = {c["prefLabel"]: c for c in store_concepts(store)}
    assert names["TabZorv"]["type"] == "Benchmark" and names["TabZorv"]["proposed"] == 1
    ingest_paths(store, [later], workers=1)
    later_ids = {r["id"].value for r in store.query(_LATER_IDS)}
    if gazetteer == "1":  # the type the introducing paper gave it
        assert later_ids == {"benchmark/tabzorv"}
    else:  # the extractor alone: a mixed-case name falls back to Method
        assert later_ids == {"method/tabzorv"}
    import os

    assert "KG_VOCAB_EXTRA" not in os.environ  # released after the ingest


class _FakeStore:
    """`query` answers store_concepts' two aggregate queries from tables."""

    def __init__(self, mentions: dict, proposes: dict) -> None:
        self.tables = {"mentions": mentions, "proposes": proposes}

    def query(self, sparql: str):
        from types import SimpleNamespace as V

        table = self.tables["proposes" if "kg:proposes" in sparql else "mentions"]
        for eid, (label, n) in table.items():
            yield {"id": V(value=eid), "label": V(value=label), "n": V(value=str(n))}


def test_store_gazetteer_votes_and_filters():
    from kg.store_gazetteer import store_concepts

    store = _FakeStore(
        {
            "method/zorbnet": ("ZorbNet", 3),  # three papers say Method, one Model
            "model/zorbnet": ("ZorbNet", 1),
            "benchmark/tabzorv": ("TabZorv", 1),  # one paper, which introduced it
            "method/flipnet": ("FlipNet", 1),  # one paper, not introduced: not kept
            "method/snr": ("SNR", 5),  # a bare acronym nobody introduced
            "method/trace": ("TRACE", 4),  # four papers coin their own TRACE
            "method/results": ("Results", 9),  # not a name
        },
        {"benchmark/tabzorv": ("TabZorv", 1), "method/trace": ("TRACE", 4)},
    )
    got = {c["prefLabel"]: c for c in store_concepts(store)}
    assert set(got) == {"ZorbNet", "TabZorv"}
    assert got["ZorbNet"]["type"] == "Method" and got["ZorbNet"]["votes"] == {
        "Method": 3,
        "Model": 1,
    }
    assert got["TabZorv"]["type"] == "Benchmark" and got["TabZorv"]["proposed"] == 1


def test_lower_case_phrases_are_mined_only_as_methods_in_enough_papers():
    """Round 17: a lower-case Method phrase in `min_papers_phrase` papers is a name of the
    field ("convolutional neural networks" in dev gold); a Metric phrase ("visual
    quality") or one in fewer papers is not."""
    recs = [
        _rec(
            f"p{i}",
            ("zorbian kernel smoothing", "Method", False),
            ("flarp fidelity", "Metric", False),
        )
        for i in range(5)
    ] + [
        _rec("q1", ("quux lattice folding", "Method", False)),
        _rec("q2", ("quux lattice folding", "Method", False)),
    ]
    th = Thresholds(stoplist=default_stoplist())
    assert th.min_papers_phrase == 5 and th.phrase_types == ("Method",)
    got = {c["prefLabel"]: c["type"] for c in mine(recs, th, lambda text: False)[0]}
    assert got == {"zorbian kernel smoothing": "Method"}
    off = Thresholds(stoplist=default_stoplist(), min_papers_phrase=0)
    assert not mine(recs, off, lambda text: False)[0]


def test_mined_output_does_not_depend_on_the_papers_order():
    """Ties (a 2-2 type vote, two spellings folding to one id) are broken by name, not by
    which paper came first: the same records in any order give the same concepts."""
    recs = [
        _rec("p1", ("ZorbNet", "Method", False)),
        _rec("p2", ("ZorbNet", "Method", False)),
        _rec("p3", ("ZorbNet", "Model", False)),
        _rec("p4", ("ZorbNet", "Model", False)),
        _rec("p5", ("Quux-Net", "Method", False)),
        _rec("p6", ("Quux-Net", "Method", False)),
        _rec("p7", ("QuuxNet", "Method", False)),
        _rec("p8", ("QuuxNet", "Method", False)),
    ]
    th = Thresholds(min_share=0.5, stoplist=default_stoplist())
    first = mine(recs, th, lambda text: False)[0]
    again = mine(list(reversed(recs)), th, lambda text: False)[0]
    assert json.dumps(first) == json.dumps(again)
    assert {c["prefLabel"]: c["type"] for c in first}["ZorbNet"] == "Method"  # tie: by name


def test_a_rerun_from_the_cache_writes_byte_identical_files(tmp_path, monkeypatch):
    """Same corpus and extractor: the same bytes, provenance included (the digest of what
    was extracted and the command line that gives the thresholds)."""
    abstracts = [
        "We propose QuorbLex, a method for sparse retrieval.",
        "Our retriever outperforms QuorbLex and BM25 on three datasets.",
        "We compare dense retrievers with QuorbLex on long documents.",
    ]
    corpus = tmp_path / "corpus.jsonl"
    _write(
        corpus,
        [
            {"id": f"2601.0000{i}", "title": f"Study {i}", "abstract": a}
            for i, a in enumerate(abstracts)
        ],
    )
    monkeypatch.setenv("KG_VOCAB_MINED", "0")
    outs = []
    for name in ("a", "b"):
        th = Thresholds(min_papers=3, min_papers_proposed=3, min_share=0.6)
        out = tmp_path / name
        out.mkdir()
        run([corpus], out, th, cache=tmp_path / "raw.jsonl", exclude=[], workers=1)
        outs.append({f.name: f.read_bytes() for f in sorted(out.iterdir())})
    assert outs[0] == outs[1] and "mined_methods.jsonl" in outs[0]
    prov = json.loads(outs[0]["mined_provenance.json"])
    assert len(prov["extraction_sha256"]) == 64
    assert (
        prov["command"]
        == "kg vocab mine CORPUS --min-papers 3 --min-papers-proposed 3 --min-share 0.6"
    )


def test_store_gazetteer_keeps_lower_case_phrases_as_the_miner_does():
    from kg.store_gazetteer import store_concepts

    store = _FakeStore(
        {
            "method/zorbian-kernel-smoothing": ("zorbian kernel smoothing", 6),
            "metric/flarp-fidelity": ("flarp fidelity", 6),
            "method/quux-lattice-folding": ("quux lattice folding", 2),
        },
        {},
    )
    assert [c["prefLabel"] for c in store_concepts(store)] == ["zorbian kernel smoothing"]


def test_a_method_the_corpus_writes_in_lower_case_is_a_term_not_a_name():
    """Round 17: "Vanilla RAG", "Dynamic LoRA": a Title-Case spelling of a phrase the
    corpus writes in lower case at least as often is not mined; a name is not lowered."""
    recs = [
        _rec(f"p{i}", ("Plain QRXF", "Method", False), ("Zorb QRXF", "Method", False))
        for i in range(3)
    ]
    th = Thresholds(stoplist=default_stoplist(), min_rate=0.3)
    texts = ["We use Plain QRXF and Zorb QRXF."] * 3 + ["A plain QRXF baseline."] * 4
    got = {c["prefLabel"] for c in mine(recs, th, lambda text: False, texts=lambda: iter(texts))[0]}
    assert got == {"Zorb QRXF"}


def test_the_provenance_command_gives_the_thresholds_back(tmp_path, monkeypatch):
    """`kg vocab mine` takes every threshold as an option; the provenance's `command` names
    those off the defaults, so the same line reproduces the run."""
    from typer.testing import CliRunner

    from kg.cli import app

    corpus = tmp_path / "corpus.jsonl"
    _write(corpus, [{"id": "2601.00001", "title": "Study", "abstract": "We study QuorbLex."}])
    monkeypatch.setenv("KG_VOCAB_MINED", "0")
    out = tmp_path / "out"
    out.mkdir()
    args = [
        "vocab",
        "mine",
        str(corpus),
        "-o",
        str(out),
        "-w",
        "1",
        "--cache",
        str(tmp_path / "r.jsonl"),
    ]
    res = CliRunner().invoke(app, [*args, "--no-acronyms", "-", "--phrase-types", "Method,Metric"])
    assert res.exit_code == 0, res.output
    prov = json.loads((out / "mined_provenance.json").read_text(encoding="utf-8"))
    assert prov["thresholds"]["no_acronyms"] == [] and prov["thresholds"]["phrase_types"] == [
        "Method",
        "Metric",
    ]
    assert prov["command"] == "kg vocab mine CORPUS --phrase-types Method,Metric --no-acronyms -"
