"""Readers: the seed listings, both Atom layouts, JSONL/JSON/CSV fixtures with every
bad-input case, format detection (gzip included), robustness properties, and the
60k-record corpus (slow)."""

from __future__ import annotations

import datetime as dt
import gzip
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.models import Paper, Rejected
from kg.readers import (
    SUPPORTED_FORMATS,
    ReadError,
    UnknownFormatError,
    arxivdaily,
    atom,
    bilingual_ja,
    csv_table,
    daily_papers,
    detect_format,
    json_array,
    jsonlines,
    read_path,
)

ROOT = Path(__file__).parents[1]
LISTINGS = ROOT / "examples/listings"
FIXTURES = Path(__file__).parent / "fixtures/readers"
BILINGUAL = LISTINGS / "000_a9ef99fa9baf3023.txt"
ARXIVDAILY = LISTINGS / "001_c422ae2b7ecba479.txt"
DAILY = LISTINGS / "002_3dbaec28868d03bd.txt"
CORPUS_NAME = "arxiv_2025_2026-04.jsonl.gz"
ATOM_2025 = "old_api_2025-10_cs.RO__james-akl_xiv.xml"
ATOM_2026 = "new_api_2026_all_nicotine__saeedrafsharx_arxiv-digest.xml"


@pytest.fixture(scope="session")
def corpora() -> Path:
    path = ROOT.parent / "shared" / "corpora"
    if not path.is_dir():
        pytest.skip("../shared/corpora is not available")
    return path


def papers(items) -> list[Paper]:
    return [x for x in items if isinstance(x, Paper)]


def rejected(items) -> dict[int, str]:
    return {x.record: x.reason for x in items if isinstance(x, Rejected)}


def by_title(items) -> dict[str, Paper]:
    return {p.title: p for p in papers(items)}


# ---------------------------------------------------------------------------------------
# seed listings


def test_bilingual_ja_seed_counts():
    items = list(bilingual_ja.read(BILINGUAL))
    ps = papers(items)
    assert len(items) == len(ps) == 60
    assert sum(1 for p in ps if p.titles.get("ja") and p.abstracts.get("ja")) == 26
    assert sum(1 for p in ps if p.abstract_truncated) == 34
    # the two groups are disjoint: translated papers are complete, the rest truncated
    assert all(p.abstract_truncated == ("ja" not in p.titles) for p in ps)
    # the header lines are not papers
    assert not any(p.title in ("Llama", "2026年5月") for p in ps)
    assert all(p.sources[0].format == "bilingual_ja" for p in ps)


def test_bilingual_ja_seed_fields():
    ps = papers(bilingual_ja.read(BILINGUAL))
    first = ps[0]
    assert first.title == "Robust and Efficient Guardrails with Latent Reasoning"
    assert first.titles["ja"] == "潜在推論を備えた堅牢で効率的なガードレール"
    assert first.abstracts["ja"].startswith(
        "大規模言語モデル (LLM) が現実世界のアプリケーションに導入"
    )
    assert first.abstract.startswith("Maintaining the safety of large language models (LLMs)")
    assert not first.abstract_truncated
    assert first.sources[0].record == 3  # line of the Japanese title

    t = by_title(ps)
    short = t["Inform, Coach, Relate, Listen: Auditing LLM Caregiving Support Roles"]
    assert short.abstract_truncated and short.abstract.endswith("…")
    assert short.titles == {} and short.abstracts == {}
    assert short.sources[0].record == 48

    hq = t["Hurwitz Quaternion Multiplicative Quantization for KV Cache Compression"]
    assert hq.abstract.startswith(
        "We propose Hurwitz Quaternion Multiplicative Quantization (HQMQ), a calibration"
    )
    assert hq.abstract_original is not None and "\\textbf{" in hq.abstract_original

    last = ps[-1]
    assert last.title == "HTMuon: Improving Muon via Heavy-Tailed Spectral Correction"
    assert last.titles["ja"] == "HTMuon: ヘビーテールスペクトル補正によるミュオンの改善"
    assert last.sources[0].record == 196


def test_arxivdaily_seed():
    items = list(arxivdaily.read(ARXIVDAILY))
    ps = papers(items)
    assert len(items) == len(ps) == 30
    assert all(p.arxiv_id and p.authors and p.categories for p in ps)
    assert all(p.titles.get("zh") and p.abstracts.get("zh") and p.summaries.get("zh") for p in ps)
    assert all(p.published == dt.date(2026, 6, 10) for p in ps)
    assert sum(1 for p in ps if p.comment) == 12

    first = ps[0]
    assert first.arxiv_id == "2606.09940"
    assert first.title == "Interactions Between Crosscoder Features: A Compact Proofs Perspective"
    assert first.titles["zh"] == "交叉编码器特征间的交互:一个紧凑证明的视角"
    assert first.categories == ["cs.LG", "cs.AI"]
    assert first.authors[0] == "Dmitry Manning-Coe" and len(first.authors) == 7
    assert first.summaries["zh"].startswith("本文从紧凑证明角度形式化交叉编码器特征交互")
    assert first.comment == "Accepted at the NeurIPS 2025 Workshop on Mechanistic Interpretability"
    assert first.abstracts["zh"].startswith("像稀疏自编码器(SAEs)")
    assert "show how, in principle, a compact proof" in first.abstract
    assert "retain 60% of MLP performance" in first.abstract
    assert "“computationally sparse”" in first.abstract
    assert "\\textit{in principle}" in (first.abstract_original or "")
    assert first.code_urls == [
        "https://github.com/chainik1125/crosscoders-feature-interactions/tree/arxiv"
    ]
    assert first.sources[0].record == 4

    ids = {p.arxiv_id: p for p in ps}
    assert ids["2606.09937"].authors == ["Anirudh Sekar"]
    assert ids["2606.11138"].categories == ["cs.LG", "cs.NA", "math.NA"]
    assert ids["2606.09936"].comment is None


def test_daily_papers_seed():
    items = list(daily_papers.read(DAILY))
    ps = papers(items)
    assert len(items) == len(ps) == 119
    assert ps[0].title == "Revisiting the Superficial Alignment Hypothesis"
    assert ps[0].sources[0].record == 3
    assert ps[0].abstract.startswith("The Superficial Alignment Hypothesis posits")
    assert not any(p.title.startswith(("Subscribe", "Get trending")) for p in ps)
    assert not any(p.abstract_truncated for p in ps)
    t = by_title(ps)
    lora = t["Trans-LoRA: towards data-free Transferable Parameter Efficient Finetuning"]
    assert (
        lora.title_original
        == "$\\textit{Trans-LoRA}$: towards data-free Transferable Parameter Efficient Finetuning"
    )
    assert ps[-1].title == "HuaTuo: Tuning LLaMA Model with Chinese Medical Knowledge"
    assert ps[-1].sources[0].record == 239


# ---------------------------------------------------------------------------------------
# Atom


def test_atom_2025_layout(corpora):
    items = list(atom.read(corpora / ATOM_2025))
    ps = papers(items)
    assert len(items) == len(ps) == 2
    p = ps[0]
    assert p.arxiv_id == "2510.14968"
    assert p.title == (
        "RDD: Retrieval-Based Demonstration Decomposer for Planner Alignment in Long-Horizon Tasks"
    )
    assert p.title_original is None  # only re-wrapped: no second copy kept
    assert p.abstract.startswith(
        "To tackle long-horizon tasks, recent hierarchical vision-language-action (VLAs)"
    )
    assert "\n" not in p.abstract
    assert p.authors == ["Mingxuan Yan", "Yuping Wang", "Zechun Liu", "Jiachen Li"]
    assert p.categories == ["cs.RO", "cs.AI", "cs.CV", "cs.LG", "cs.SY", "eess.SY"]
    assert p.comment == (
        "39th Conference on Neural Information Processing Systems (NeurIPS 2025); Project Website: "
        "rdd-neurips.github.io"
    )
    assert p.published == dt.date(2025, 10, 16)
    assert p.code_urls == ["https://rdd-neurips.github.io"]
    assert p.sources[0].record == 1 and p.sources[0].format == "atom"
    assert ps[1].arxiv_id == "2510.14827" and len(ps[1].authors) == 6 and ps[1].comment is None


def test_atom_2026_layout(corpora):
    items = list(atom.read(corpora / ATOM_2026))
    ps = papers(items)
    assert len(items) == len(ps) == 10
    p = ps[0]
    assert p.arxiv_id == "1509.01687"
    assert p.title == "Single Molecule Transistor based Nanopore for the detection of Nicotine"
    assert p.authors == ["S. J. Ray"]
    assert p.categories == ["cond-mat.mes-hall", "physics.comp-ph"]
    assert p.comment == "4 figures"
    assert p.published == dt.date(2015, 9, 5)
    ids = [q.arxiv_id for q in ps]
    assert "q-bio/0509018" in ids  # old-style id, version stripped
    assert [q.sources[0].record for q in ps] == list(range(1, 11))
    assert all(q.categories and q.authors and q.published for q in ps)


def test_atom_crafted_entries():
    """Per-entry problems are Rejected with the entry index; a broken document
    raises ReadError after the entries before the break."""
    items = []
    with pytest.raises(ReadError, match="malformed XML"):
        for x in atom.read(FIXTURES / "feed_entries.xml"):
            items.append(x)
    ps = papers(items)
    assert len(ps) == 1
    assert ps[0].title == "Good & Fine" and ps[0].arxiv_id == "2501.00001"
    assert ps[0].categories == ["cs.CL", "cs.LG"]  # primary first
    assert ps[0].code_urls == ["https://github.com/a/b"]
    rej = rejected(items)
    assert rej[2] == "missing title"
    assert rej[3].startswith("arXiv API error")
    assert rej[4].startswith("unparseable date")


def test_atom_refuses_dtd_and_entities(tmp_path):
    bomb = tmp_path / "bomb.xml"
    bomb.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE feed [<!ENTITY a "aaaaaaaaaa"><!ENTITY b '
        '"&a;&a;&a;&a;">]>\n'
        "<feed "
        'xmlns="http://www.w3.org/2005/Atom"><entry><title>&b;</title><summary>x</summary></entry></feed>\n'
    )
    with pytest.raises(ReadError, match="DTD"):
        list(atom.read(bomb))
    with pytest.raises(ReadError, match="DTD"):
        list(read_path(bomb))


def test_atom_not_a_feed(tmp_path):
    f = tmp_path / "other.xml"
    f.write_text("<?xml version='1.0'?><rss><channel/></rss>")
    with pytest.raises(ReadError, match="not an Atom"):
        list(atom.read(f))


# ---------------------------------------------------------------------------------------
# JSONL / JSON / CSV fixtures


def test_jsonl_fixture_every_bad_case():
    items = list(jsonlines.read(FIXTURES / "records.jsonl"))
    ps = papers(items)
    assert [p.sources[0].record for p in ps] == [1, 2, 11]
    rej = rejected(items)
    assert set(rej) == {4, 5, 6, 7, 8, 9, 10, 12, 13}
    assert rej[4].startswith("bad JSON")
    assert rej[5] == "missing title"
    assert rej[6].startswith("invalid UTF-8")
    assert rej[7].startswith("title longer than 2000")
    assert rej[8].startswith("unparseable date")
    assert "not an object" in rej[9]
    assert rej[10] == "missing abstract"
    assert rej[12] == "missing title"  # blank title
    assert rej[13].startswith("authors is a int")
    assert all(r.file == str(FIXTURES / "records.jsonl") for r in items if isinstance(r, Rejected))

    a, b, c = ps
    assert a.arxiv_id == "2401.00001"  # version stripped
    assert a.title == "A Bold Title" and a.title_original == "A \\textbf{Bold} Title"
    assert a.abstract == "We use 60% fewer parameters. Code: https://github.com/org/repo."
    assert a.authors == ["Alice Smith", "Bob Jones", "Carol White"]
    assert a.categories == ["cs.LG", "cs.AI"]
    assert a.comment == "10 pages"
    assert a.published == dt.date(2024, 1, 5)  # update_date
    assert a.code_urls == ["https://github.com/org/repo"]
    assert a.sources[0].format == "jsonl"
    assert b.abstract == "An abstract." and b.abstract_original is None  # `summary` field
    assert b.published == dt.date(2024, 2, 1)
    assert (
        c.arxiv_id is None and c.authors == ["John Smith"] and c.published == dt.date(2025, 3, 18)
    )


def test_json_array_fixture():
    items = list(json_array.read(FIXTURES / "records.json"))
    ps = papers(items)
    assert [p.sources[0].record for p in ps] == [1, 5]
    rej = rejected(items)
    assert rej == {
        2: "missing title",
        3: "record is a JSON str, not an object",
        4: "unparseable date: '2024-13-45'",
    }
    assert ps[0].arxiv_id == "2403.00003" and ps[0].abstract == "First & foremost."
    assert ps[0].abstract_original == "First &amp; foremost."
    assert ps[0].authors == ["A B", "C D"]
    assert ps[1].published == dt.date(2007, 4, 2)  # versions[0].created
    assert ps[1].authors == ["E F"]


def test_json_wrapped_and_truncated():
    ps = papers(json_array.read(FIXTURES / "wrapped.json"))
    assert [p.title for p in ps] == ["Array One", "Array Five"]
    items = []
    with pytest.raises(ReadError, match="record 2"):
        for x in json_array.read(FIXTURES / "truncated.json"):
            items.append(x)
    assert [p.title for p in papers(items)] == ["Array One"]


def test_json_array_streams_large_elements(tmp_path):
    import json

    recs = [
        {"title": f"Paper {i}", "abstract": "word " * 5000, "id": f"2401.{i:05d}"}
        for i in range(300)
    ]
    f = tmp_path / "big.json"
    f.write_text(json.dumps(recs))
    ps = papers(json_array.read(f))
    assert len(ps) == 300 and ps[-1].arxiv_id == "2401.00299"


def test_csv_fixture_every_bad_case():
    items = list(csv_table.read(FIXTURES / "records.csv"))
    ps = papers(items)
    assert [p.sources[0].record for p in ps] == [2, 3, 12]
    rej = rejected(items)
    assert set(rej) == {6, 7, 8, 9, 10}
    assert rej[6] == "missing title"
    assert rej[7].startswith("unparseable date")
    assert rej[8] == "row has 3 cells, header has 6"
    assert rej[9] == "invalid UTF-8"
    assert rej[10].startswith("title longer than 2000")
    good, multi, last = ps
    assert good.abstract == "An abstract, with a comma."
    assert good.authors == ["A One", "B Two"] and good.categories == ["cs.LG", "cs.AI"]
    assert good.published == dt.date(2024, 1, 1) and good.arxiv_id == "2401.00001"
    assert multi.title == "Multi line title" and multi.abstract == "Abstract on two lines."
    assert last.categories == ["stat.ML"] and last.sources[0].format == "csv"


def test_oversize_abstract_and_line(tmp_path):
    import json

    f = tmp_path / "big.jsonl"
    f.write_text(
        json.dumps({"title": "ok", "abstract": "a"})
        + "\n"
        + json.dumps({"title": "too long", "abstract": "x" * 50_001})
        + "\n"
        + json.dumps({"title": "ok too", "abstract": "b"})
        + "\n"
    )
    items = list(jsonlines.read(f))
    assert [p.title for p in papers(items)] == ["ok", "ok too"]
    assert rejected(items)[2].startswith("abstract longer than 50000")


def test_too_long_line_is_skipped_not_buffered(tmp_path, monkeypatch):
    from kg.readers import _base

    f = tmp_path / "long.jsonl"
    f.write_text(
        '{"title": "a", "abstract": "b"}\n'
        + "x" * 5000
        + "\n"
        + '{"title": "c", "abstract": "d"}\n'
    )
    real = _base.iter_raw_lines
    monkeypatch.setattr(jsonlines, "iter_raw_lines", lambda p: real(p, max_bytes=1000))
    items = list(jsonlines.read(f))
    assert [p.title for p in papers(items)] == ["a", "c"]
    assert rejected(items)[2].startswith("line longer than")


def test_text_listing_bad_lines(tmp_path):
    """Invalid UTF-8 and stray lines in a text listing: Rejected with line numbers."""
    abstract = "This is a long abstract sentence that goes on. " * 6
    f = tmp_path / "listing.txt"
    f.write_bytes(
        "\n".join(
            [
                "Header",
                "Good Title",
                abstract,
                "Orphan title line",
                "Orphan title line two",
                "Second Good Title",
                abstract,
            ]
        ).encode()
        + b"\nBad \xff title\n"
        + abstract.encode()
        + b"\n"
    )
    items = list(daily_papers.read(f))
    assert [p.title for p in papers(items)] == ["Good Title", "Second Good Title"]
    rej = rejected(items)
    assert rej[4] == rej[5] == "title line without an abstract line after it"
    assert rej[8].startswith("invalid UTF-8")


# ---------------------------------------------------------------------------------------
# format detection and whole-file failures


@pytest.mark.parametrize(
    ("path", "fmt"),
    [
        (BILINGUAL, "bilingual_ja"),
        (ARXIVDAILY, "arxivdaily"),
        (DAILY, "daily_papers"),
        (FIXTURES / "records.jsonl", "jsonl"),
        (FIXTURES / "records.json", "json"),
        (FIXTURES / "wrapped.json", "json"),
        (FIXTURES / "records.csv", "csv"),
        (FIXTURES / "feed_entries.xml", "atom"),
    ],
)
def test_detect_format_by_content(path, fmt, tmp_path):
    assert detect_format(path) == fmt
    # content wins over a misleading name, and gzip is transparent
    disguised = tmp_path / "listing.bin.gz"
    disguised.write_bytes(gzip.compress(path.read_bytes()))
    assert detect_format(disguised) == fmt
    plain = tmp_path / "listing.dat"
    plain.write_bytes(path.read_bytes())
    assert detect_format(plain) == fmt


def test_detect_format_atom_and_corpus(corpora):
    assert detect_format(corpora / ATOM_2025) == "atom"
    assert detect_format(corpora / ATOM_2026) == "atom"
    assert detect_format(corpora / CORPUS_NAME) == "jsonl"


def test_read_path_gzip_seed(tmp_path):
    gz = tmp_path / "seed.txt.gz"
    gz.write_bytes(gzip.compress(ARXIVDAILY.read_bytes()))
    ps = papers(read_path(gz))
    assert len(ps) == 30
    assert ps[0].sources[0].file == str(gz) and ps[0].sources[0].format == "arxivdaily"


def test_detect_format_extension_fallback(tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    assert detect_format(empty) == "jsonl"
    assert list(read_path(empty)) == []
    gz = tmp_path / "empty.csv.gz"
    gz.write_bytes(gzip.compress(b""))
    assert detect_format(gz) == "csv"


def test_unknown_format(tmp_path):
    f = tmp_path / "notes.md"
    f.write_text("just\nsome\nnotes\n")
    with pytest.raises(UnknownFormatError) as e:
        detect_format(f)
    for fmt in SUPPORTED_FORMATS:
        assert fmt in str(e.value)
    assert isinstance(e.value, ReadError)
    with pytest.raises(UnknownFormatError):
        read_path(f, format="pdf")


def test_binary_file_is_read_error(tmp_path):
    f = tmp_path / "image.jsonl"
    f.write_bytes(bytes(range(256)) * 20)
    with pytest.raises(ReadError, match="binary"):
        detect_format(f)
    with pytest.raises(ReadError, match="binary"):
        list(jsonlines.read(f))


def test_corrupt_gzip_is_read_error(tmp_path):
    f = tmp_path / "bad.jsonl.gz"
    f.write_bytes(b"\x1f\x8b\x08\x00" + b"garbage" * 50)
    with pytest.raises(ReadError, match="gzip|compressed"):
        detect_format(f)
    with pytest.raises(ReadError):
        list(jsonlines.read(f))


def test_truncated_gzip_yields_then_raises(tmp_path):
    data = gzip.compress((FIXTURES / "records.jsonl").read_bytes() * 200)
    f = tmp_path / "cut.jsonl.gz"
    f.write_bytes(data[: len(data) // 2])
    items = []
    with pytest.raises(ReadError, match="unreadable after line"):
        for x in read_path(f):
            items.append(x)
    assert len(papers(items)) > 0


def test_missing_file_is_read_error(tmp_path):
    with pytest.raises(ReadError):
        detect_format(tmp_path / "nope.jsonl")
    with pytest.raises(ReadError):
        list(jsonlines.read(tmp_path / "nope.jsonl"))


# ---------------------------------------------------------------------------------------
# properties: arbitrary text never makes a reader raise

LINE_READERS = [
    bilingual_ja.read,
    arxivdaily.read,
    daily_papers.read,
    jsonlines.read,
    csv_table.read,
]

# any text but NUL, which marks a file as binary (git's rule: that raises ReadError)
_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=300
)
_line = st.one_of(
    _text.map(lambda s: s.replace("\n", " ")),
    st.sampled_from(
        [
            "原文 (English)",
            "2606.09940 2026-06-10 cs.LG cs.AI 新提交",
            "AI总结 摘要",
            "Comments 5 pages",
            "AI中文摘要",
            "英文摘要",
            "详情",
            "Title, abstract, authors",
            '{"title": "t", "abstract": "a"}',
            '{"title": 1}',
            "a" * 250,
            "short…" * 10,
            "",
        ]
    ),
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(lines=st.lists(_line, max_size=25), reader=st.sampled_from(LINE_READERS))
def test_line_readers_never_raise(tmp_path, lines, reader):
    f = tmp_path / "arbitrary.txt"
    f.write_text("\n".join(lines), encoding="utf-8", errors="surrogatepass")
    for item in reader(f):
        assert isinstance(item, (Paper, Rejected))
        if isinstance(item, Rejected):
            assert item.record >= 1 and item.reason


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    text=st.one_of(_text, st.text(max_size=500)),
    reader=st.sampled_from([atom.read, json_array.read]),
)
def test_document_readers_raise_only_read_error(tmp_path, text, reader):
    f = tmp_path / "arbitrary.doc"
    f.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        for item in reader(f):
            assert isinstance(item, (Paper, Rejected))
    except ReadError:
        pass


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=400))
def test_detect_and_read_arbitrary_bytes(tmp_path, data):
    f = tmp_path / "blob"
    f.write_bytes(data)
    try:
        for item in read_path(f):
            assert isinstance(item, (Paper, Rejected))
    except ReadError:
        pass


# ---------------------------------------------------------------------------------------
# the full corpus


@pytest.mark.slow
def test_full_corpus_ingests_completely(corpora):
    start = time.process_time()  # CPU time: a busy machine does not count against it
    n_papers = n_other = 0
    for item in read_path(corpora / CORPUS_NAME):
        if isinstance(item, Paper):
            n_papers += 1
        else:
            n_other += 1
    elapsed = time.process_time() - start
    assert (n_papers, n_other) == (60_419, 0)
    assert elapsed < 60, f"reading the corpus took {elapsed:.1f} s of CPU"


def test_paper_jsonl_round_trip(tmp_path):
    """A JSONL dump of Papers (e.g. a cache) reads back to the same Papers."""
    originals = papers(bilingual_ja.read(BILINGUAL)) + papers(arxivdaily.read(ARXIVDAILY))
    originals.append(Paper(title="No abstract here", abstract=""))
    f = tmp_path / "papers.jsonl"
    f.write_text("".join(p.model_dump_json() + "\n" for p in originals), encoding="utf-8")
    back = list(read_path(f))
    assert len(back) == len(originals) and all(isinstance(p, Paper) for p in back)
    for a, b in zip(originals, back, strict=True):
        assert a.model_dump(exclude={"sources"}) == b.model_dump(exclude={"sources"})
