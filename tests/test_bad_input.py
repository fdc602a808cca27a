"""Bad input through `kg ingest --no-extract`, one table of cases.

Each case is a file (built in a temp dir) and what must come of ingesting it into a
fresh store, run as a subprocess the way a user runs it:

* the exit status the CLI documents (kg/cli.py): 0 when every record was read;
  `EXIT_PARTIAL` (5) when papers were stored but the file also had rejected records or
  broke off part-way (a truncated .gz); `EXIT_NOTHING_READ` (3) when nothing could be;
  and the summary line either way;
* a message naming the file and, where there is one, the line/record (`file:N: reason`
  for a rejected record, `file: ...` for a file that cannot be read);
* no Python traceback;
* exactly the valid papers in the store, intact (identifier -> title and abstract), so a
  bad record costs no good one, before or after it;
* peak RSS of the `kg ingest` process under 1 GB (the 50 MB single-line files);
* a rerun changes no quad count (and reads back the same papers).

A final test ingests all the files (bar the 50 MB ones) together with a good file in one
run: the good file and every valid record of the bad ones go in.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import re
import subprocess
import sys
import threading
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from kg.cli import EXIT_NOTHING_READ, EXIT_PARTIAL
from kg.models import title_key
from kg.store import KGStore

KG_BIN = str(Path(sys.executable).parent / "kg")
MB = 1024 * 1024
BIG = 50 * MB
RSS_LIMIT_KB = 1024 * 1024  # 1 GB
MAX_LINE = 4 * MB  # kg.readers._base.MAX_LINE_BYTES

Expected = dict[str, tuple[str, str]]  # dcterms:identifier -> (title, abstract)


@dataclass
class Built:
    path: Path
    expected: Expected
    messages: list[str]  # regexes; `{f}` stands for the file's path (escaped)
    exit_code: int


@dataclass
class Case:
    name: str
    build: Callable[[Path], Built]
    big: bool = False  # a 50 MB file: left out of the all-in-one run
    marks: list = field(default_factory=list)


def rec(i: int, prefix: str = "2409", **extra) -> dict:
    return {
        "id": f"{prefix}.{i:05d}",
        "title": f"Paper {prefix} number {i}",
        "abstract": f"Abstract of paper {i}.",
        **extra,
    }


def exp(*records: dict) -> Expected:
    return {r["id"]: (r["title"], r["abstract"]) for r in records}


def jsonl(*records: dict) -> str:
    return "".join(json.dumps(r) + "\n" for r in records)


# ---------------------------------------------------------------------------------------
# the cases


def truncated_gzip(d: Path) -> Built:
    records = [rec(i, "2401") for i in range(1, 2001)]
    data = gzip.compress(jsonl(*records).encode())
    cut = data[: len(data) // 2]
    f = d / "truncated.jsonl.gz"
    f.write_bytes(cut)
    # what decompresses before the cut: complete lines are records that must go in
    prefix = zlib.decompressobj(zlib.MAX_WBITS | 16).decompress(cut)
    n = prefix.count(b"\n")
    assert 0 < n < len(records)
    return Built(
        f,
        exp(*records[:n]),
        [rf"{{f}}: unreadable after line {n} \(truncated compressed stream"],
        EXIT_PARTIAL,
    )


def corrupt_gzip(d: Path) -> Built:
    records = [rec(i, "2402") for i in range(1, 2001)]
    data = bytearray(gzip.compress(jsonl(*records).encode()))
    mid = len(data) // 2
    for i in range(mid, mid + 64):
        data[i] ^= 0x5A
    f = d / "corrupt.jsonl.gz"
    f.write_bytes(bytes(data))
    # Deflate turns the bytes after the damage into plausible garbage (records with valid
    # ids and mangled text, which would merge into good papers), and the damage is only
    # known at the CRC check: nothing of a corrupt gzip is read (kg.readers._base.open_binary).
    return Built(f, {}, [r"{f}: corrupt (gzip|compressed data).*none was read"], EXIT_NOTHING_READ)


def _random_bytes(n: int = 20_000) -> bytes:
    return random.Random(1234).randbytes(n)


def binary_with_extension(d: Path) -> Built:
    f = d / "photo.jsonl"
    f.write_bytes(_random_bytes())
    return Built(f, {}, [r"{f}: binary content, not a text listing"], EXIT_NOTHING_READ)


def binary_without_extension(d: Path) -> Built:
    f = d / "blob"
    f.write_bytes(_random_bytes())
    return Built(f, {}, [r"{f}: binary content, not a text listing"], EXIT_NOTHING_READ)


def binary_gzipped(d: Path) -> Built:
    f = d / "blob.json.gz"
    f.write_bytes(gzip.compress(_random_bytes()))
    return Built(f, {}, [r"{f}: binary content, not a text listing"], EXIT_NOTHING_READ)


def big_line_in_jsonl(d: Path) -> Built:
    a, b, c = rec(1, "2403"), rec(2, "2403"), rec(3, "2403")
    f = d / "bigline.jsonl"
    with open(f, "w") as fh:
        # the first line is over the sniff window too: JSON Lines must still be detected
        fh.write(json.dumps({"title": "Huge", "abstract": "x" * BIG}) + "\n")
        fh.write(jsonl(a, b))
        fh.write("y" * BIG + "\n")
        fh.write(jsonl(c))
    return Built(
        f,
        exp(a, b, c),
        [
            rf"{{f}}:1: line longer than {MAX_LINE} bytes",
            rf"{{f}}:4: line longer than {MAX_LINE} bytes",
        ],
        EXIT_PARTIAL,
    )


def single_line_jsonl_record(d: Path) -> Built:
    f = d / "oneline.jsonl"
    f.write_text(
        json.dumps({"id": "2403.09999", "title": "Huge", "abstract": "x" * BIG})
    )  # no newline
    return Built(f, {}, [r"{f}:1: abstract longer than 50000 characters"], EXIT_NOTHING_READ)


def single_line_json_array(d: Path) -> Built:
    a, b, c = rec(1, "2404"), rec(2, "2404"), rec(3, "2404")
    f = d / "oneline.json"
    with open(f, "w") as fh:
        fh.write("[" + json.dumps(a) + ",")
        fh.write(json.dumps({"title": "Huge", "abstract": "x" * BIG}) + ",")
        fh.write(json.dumps(b) + "," + json.dumps(c) + "]")
    return Built(
        f,
        exp(a, b, c),
        [r"{f}:2: bad JSON: record malformed or larger than \d+ characters"],
        EXIT_PARTIAL,  # a record was skipped: the valid ones are stored, and the exit says so
    )


def single_line_text(d: Path) -> Built:
    f = d / "oneline.txt"
    f.write_text("word " * (BIG // 5))
    return Built(f, {}, [r"{f}: unrecognised listing format"], EXIT_NOTHING_READ)


_PROSE = "This abstract sentence is long enough to be read as the abstract line of a listing. " * 4


def big_line_in_text_listing(d: Path) -> Built:
    titles = [f"Listing paper title number {i}" for i in range(1, 7)]
    pairs = lambda ts: [x for t in ts for x in (t, _PROSE.strip())]  # noqa: E731
    f = d / "listing.txt"
    with open(f, "w") as fh:
        fh.write("\n".join(["Subscribe to the daily papers newsletter", *pairs(titles[:3])]) + "\n")
        fh.write("w " * (BIG // 2) + "\n")  # line 8
        fh.write("\n".join(pairs(titles[3:])) + "\n")
    expected = {title_key(t): (t, _PROSE.strip()) for t in titles}
    return Built(f, expected, [rf"{{f}}:8: line longer than {MAX_LINE} bytes"], EXIT_PARTIAL)


def big_line_in_csv(d: Path) -> Built:
    rows = [rec(i, "2405") for i in range(1, 5)]
    line = lambda r: f'{r["id"]},"{r["title"]}","{r["abstract"]}"\n'  # noqa: E731
    f = d / "table.csv"
    with open(f, "w") as fh:
        fh.write("id,title,abstract\n" + line(rows[0]) + line(rows[1]))
        fh.write('2405.09999,Huge,"' + "z" * BIG + '"\n')  # line 4
        fh.write(line(rows[2]) + line(rows[3]))
    return Built(f, exp(*rows), [rf"{{f}}:4: line longer than {MAX_LINE} bytes"], EXIT_PARTIAL)


DEEP = "[" * 100_000 + "]" * 100_000


def deep_json_alone(d: Path) -> Built:
    f = d / "deep_alone.json"
    f.write_text("[" + DEEP + "]")
    return Built(f, {}, [r"{f}:1: bad JSON: nested too deeply"], EXIT_NOTHING_READ)


def deep_json_element(d: Path) -> Built:
    a, b = rec(1, "2406"), rec(2, "2406")
    f = d / "deep_element.json"
    f.write_text("[" + json.dumps(a) + ", " + DEEP + ", " + json.dumps(b) + "]")
    return Built(f, exp(a, b), [r"{f}:2: bad JSON: nested too deeply"], EXIT_PARTIAL)


def deep_jsonl_line(d: Path) -> Built:
    a, b = rec(1, "2407"), rec(2, "2407")
    f = d / "deep_line.jsonl"
    f.write_text(
        json.dumps(a) + "\n" + DEEP + "\n" + '{"x": ' + DEEP + "}\n" + json.dumps(b) + "\n"
    )
    return Built(
        f,
        exp(a, b),
        [r"{f}:2: bad JSON: nested too deeply", r"{f}:3: bad JSON: nested too deeply"],
        EXIT_PARTIAL,
    )


def nearly_too_deep_field(d: Path) -> Built:
    # nested just under the JSON parser's limit (about 1000 less the stack in use), in a
    # field the mapping ignores: a valid record (walking it recursively, as the JSON array
    # reader's surrogate check did, raised RecursionError out of the reader: a traceback)
    a, b = rec(1, "2408"), rec(2, "2408")
    f = d / "nearly_deep.json"
    f.write_text(
        "["
        + json.dumps(a)
        + ", "
        + json.dumps(b)[:-1]
        + ', "extra": '
        + "[" * 850
        + "]" * 850
        + "}]"
    )
    return Built(f, exp(a, b), [], 0)


def mixed_jsonl(d: Path) -> Built:
    good = [rec(1), rec(9), rec(13, title="A \u0000 title"), rec(17), rec(20)]
    lines: list[bytes] = [
        json.dumps(good[0]).encode(),  # 1
        b'{"id": "2409.00002", "title": "Broken",',  # 2 bad JSON
        json.dumps({"id": "2409.00003", "abstract": "no title"}).encode(),  # 3
        json.dumps(rec(4, title=["a", "list"])).encode(),  # 4 wrong type
        json.dumps(rec(5, authors=42)).encode(),  # 5
        json.dumps(rec(6, categories={"a": 1})).encode(),  # 6
        json.dumps(rec(7, published=20240101.5)).encode(),  # 7
        json.dumps(rec(8, titles=["zh", "x"])).encode(),  # 8
        json.dumps(good[1]).encode(),  # 9
        json.dumps(rec(10, abstract="x" * 60_000)).encode(),  # 10 huge field
        json.dumps(rec(11, comment="c" * (MAX_LINE + 10))).encode(),  # 11 huge record
        json.dumps(rec(12, titles={"zh": "\ud800"})).encode(),  # 12 lone surrogate escape
        json.dumps(good[2]).encode(),  # 13 NUL: valid, cleaned away
        b'{"id": "2409.00014", "title": "Bad \xff\xfe bytes", "abstract": "x"}',  # 14
        b"[1, 2, 3]",  # 15
        b"   ",  # 16 blank: no record
        json.dumps(good[3]).encode() + b"\r",  # 17 CRLF
        json.dumps(rec(18, title="\udfff")).encode(),  # 18
        json.dumps(rec(19, abstract=None)).encode(),  # 19
        json.dumps(good[4]).encode(),  # 20, no final newline
    ]
    f = d / "mixed.jsonl"
    f.write_bytes(b"\n".join(lines))
    expected = exp(*good)
    expected["2409.00013"] = ("A title", good[2]["abstract"])
    messages = [
        r"{f}:2: bad JSON",
        r"{f}:3: missing title",
        r"{f}:4: title is a list, not text",
        r"{f}:5: authors is a int",
        r"{f}:6: categories is a dict",
        r"{f}:7: unparseable date",
        r"{f}:8: titles is a list",
        r"{f}:10: abstract longer than 50000 characters",
        rf"{{f}}:11: line longer than {MAX_LINE} bytes",
        r"{f}:12: titles holds a lone surrogate",
        r"{f}:14: invalid UTF-8",
        r"{f}:15: record is a JSON list, not an object",
        r"{f}:18: invalid record: title",
        r"{f}:19: missing abstract",
    ]
    return Built(f, expected, messages, EXIT_PARTIAL)


def mixed_json_array(d: Path) -> Built:
    good = [rec(1, "2410"), rec(4, "2410")]
    elements = [
        good[0],
        "a string",
        {"title": "no abstract"},
        good[1],
        rec(5, "2410", authors=[1, 2]),
        None,
        rec(7, "2410", published="2024-13-45"),
    ]
    f = d / "mixed.json"
    f.write_text(json.dumps(elements, indent=1))
    messages = [
        r"{f}:2: record is a JSON str",
        r"{f}:3: missing abstract",
        r"{f}:5: author entry is a int",
        r"{f}:6: record is a JSON NoneType",
        r"{f}:7: unparseable date",
    ]
    return Built(f, exp(*good), messages, EXIT_PARTIAL)


def markup_in_reason(d: Path) -> Built:
    a = rec(1, "2411")
    f = d / "markup.jsonl"
    f.write_text(jsonl(a, rec(2, "2411", published="[/]")))
    return Built(f, exp(a), [r"{f}:2: unparseable date: '\[/\]'"], EXIT_PARTIAL)


def non_utf8_file_name(d: Path) -> Built:
    a, b = rec(1, "2413"), rec(2, "2413")
    f = d / os.fsdecode(b"listing-\xff.jsonl")  # the name's bytes are not UTF-8
    f.write_text(jsonl(a, b))
    return Built(f, exp(a, b), [], 0)


CASES = [
    Case("truncated gzip", truncated_gzip),
    Case("corrupt gzip", corrupt_gzip),
    Case("binary, .jsonl", binary_with_extension),
    Case("binary, no extension", binary_without_extension),
    Case("binary, gzipped", binary_gzipped),
    Case("50 MB lines in JSONL", big_line_in_jsonl, big=True),
    Case("50 MB single-line JSONL", single_line_jsonl_record, big=True),
    Case("50 MB single-line JSON array", single_line_json_array, big=True),
    Case("50 MB single-line text", single_line_text, big=True),
    Case("50 MB line in a text listing", big_line_in_text_listing, big=True),
    Case("50 MB line in CSV", big_line_in_csv, big=True),
    Case("100k-deep JSON array", deep_json_alone),
    Case("100k-deep element in a JSON array", deep_json_element),
    Case("100k-deep JSONL lines", deep_jsonl_line),
    Case("850-deep ignored field", nearly_too_deep_field),
    Case("mixed JSONL", mixed_jsonl),
    Case("mixed JSON array", mixed_json_array),
    Case("rich markup in a rejection reason", markup_in_reason),
    Case("file name not UTF-8", non_utf8_file_name),
]


# ---------------------------------------------------------------------------------------
# running kg ingest


@dataclass
class Run:
    code: int
    output: str  # stdout + stderr
    max_rss_kb: int


def kg_ingest(store: Path, *files: Path, timeout: float = 300) -> Run:
    """`kg ingest --no-extract` as a subprocess; its own peak RSS from wait4's rusage
    (what getrusage(RUSAGE_CHILDREN) reports, but for this child alone)."""
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    out_path = store.parent / f"{store.name}.out"
    with open(out_path, "wb") as out:
        proc = subprocess.Popen(
            [
                KG_BIN,
                "ingest",
                "--store",
                str(store),
                "--no-extract",
                "--workers",
                "1",
                *map(str, files),
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
        )
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
    return Run(proc.returncode, out_path.read_text(errors="replace"), usage.ru_maxrss)


def store_papers(store: Path) -> tuple[Expected, int]:
    """(identifier -> (title, abstract)) of every paper in the store, and its quad count."""
    s = KGStore(store, read_only=True)
    try:
        rows = s.query("""
            PREFIX kg: <https://w3id.org/kg/ontology#>
            PREFIX dcterms: <http://purl.org/dc/terms/>
            SELECT ?id ?t ?a WHERE { GRAPH ?g {
              ?p a kg:Paper ; dcterms:identifier ?id ; dcterms:title ?t .
              FILTER(LANG(?t) = "")
              OPTIONAL { ?p dcterms:abstract ?a FILTER(LANG(?a) = "") } } }""")
        papers: Expected = {}
        for r in rows:
            key = r["id"].value
            assert key not in papers, f"paper {key} has two titles or abstracts"
            papers[key] = (r["t"].value, r["a"].value if r["a"] is not None else "")
        return papers, len(s)
    finally:
        del s


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Callable[[Case], Built]:
    """Each case's file, built once per module (the 50 MB ones take a moment)."""
    d = tmp_path_factory.mktemp("bad_input")
    cache: dict[str, Built] = {}

    def get(case: Case) -> Built:
        if case.name not in cache:
            cache[case.name] = case.build(d)
        return cache[case.name]

    return get


def check_run(run: Run, b: Built, what: str) -> None:
    assert "Traceback" not in run.output, f"{what}: traceback\n{run.output[-3000:]}"
    assert re.search(rf"ingest summary: .*\(exit {b.exit_code}\)", run.output), (
        f"{what}: no summary line\n{run.output[-3000:]}"
    )
    assert run.code == b.exit_code, f"{what}: exit {run.code}\n{run.output[-3000:]}"
    assert run.max_rss_kb < RSS_LIMIT_KB, f"{what}: peak RSS {run.max_rss_kb // 1024} MB"
    f = re.escape(str(b.path))
    for pattern in b.messages:
        assert re.search(pattern.replace("{f}", f), run.output), (
            f"{what}: no message /{pattern}/\n{run.output[-3000:]}"
        )


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name, marks=c.marks) for c in CASES])
def test_bad_input(case: Case, built, tmp_path):
    b = built(case)
    store = tmp_path / "store"
    first = kg_ingest(store, b.path)
    check_run(first, b, "first run")
    papers, quads = store_papers(store)
    assert papers == b.expected

    again = kg_ingest(store, b.path)
    check_run(again, b, "rerun")
    papers2, quads2 = store_papers(store)
    assert quads2 == quads, "a rerun changed the store"
    assert papers2 == papers


def test_bad_inputs_together_with_a_good_file(built, tmp_path):
    """One run over a good file and every bad one: everything valid goes in, from every
    file; each bad file is still reported; a rerun changes nothing."""
    good_records = [rec(i, "2412") for i in range(1, 51)]
    good = tmp_path / "good.jsonl"
    good.write_text(jsonl(*good_records))
    cases = [built(c) for c in CASES if not c.big and not c.marks]
    expected = exp(*good_records)
    for b in cases:
        expected.update(b.expected)
    store = tmp_path / "store"
    for attempt in ("first run", "rerun"):
        run = kg_ingest(store, *[b.path for b in cases], good)
        assert "Traceback" not in run.output and run.code == EXIT_PARTIAL, run.output[-3000:]
        for b in cases:
            check_run(
                run,
                Built(b.path, b.expected, b.messages, EXIT_PARTIAL),
                f"{attempt}, {b.path.name}",
            )
        papers, quads = store_papers(store)
        assert papers == expected
        if attempt == "first run":
            first_quads = quads
        else:
            assert quads == first_quads


def test_a_file_name_that_is_not_utf8_is_recorded_writably(tmp_path):
    """Reader level: the name a record carries can be written (JSON, RDF) even when the
    file's name is not UTF-8; the bytes show as `\\xNN`."""
    from kg.models import Paper
    from kg.readers import read_path
    from kg.workers import paper_nquads

    f = tmp_path / os.fsdecode(b"listing-\xff.jsonl")
    f.write_text(jsonl(rec(1, "2414")) + "not json\n")
    paper, rejected = list(read_path(f))
    assert isinstance(paper, Paper) and paper.sources[0].file.endswith("listing-\\xff.jsonl")
    assert rejected.file == paper.sources[0].file and rejected.record == 2
    paper.model_dump_json()
    paper_nquads(paper, None)
