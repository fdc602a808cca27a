#!/usr/bin/env python
"""A synthetic corpus of any size for kg's benchmarks, derived from the real one.

    python bench/make_synthetic.py --n 1000000 --out bench/out/synthetic-1m.jsonl.gz [--seed 0]

Streams the real corpus (JSON lines, `--corpus`, default the shared arXiv 2025-2026
corpus) over and over until `--n` records are written. Each output record is a real
record with:

  * a new id `synthetic-0000001` (not an arXiv id, so nothing can mistake it for a real
    paper), `"synthetic": true`, `"derived_from": "arXiv:<id>"`, and a comment starting
    `synthetic: derived from arXiv:<id> by kg bench (make_synthetic.py, seed S, pass P)`;
  * the title suffixed ` [synthetic 0000001]`: kg identifies a paper without an arXiv id
    by its normalised title, so every synthetic record stays a paper of its own;
  * the names of models, methods, benchmarks, hardware and metrics found in the title and
    abstract (labels and aliases of ontology/vocab/*.jsonl, matched on word boundaries,
    case-sensitively where the vocabulary says so) replaced by the preferred label of
    another concept of the same type;
  * authors, categories and dates kept.

Rotation: per type, the concepts are put in a seeded random order (a ring); pass P over
the corpus maps every concept to the one a fixed, seeded number of places further on the
ring. Within one pass this is a bijection, so a paper keeps the structure of its
original (two different names stay two different names, the same name stays the same)
and each pass is the real corpus with the vocabulary relabelled. Deterministic given
`--seed`, the corpus and the vocabularies.

Memory is bounded by the size of the real corpus, not by `--n`: name positions found in
pass 0 are kept per record (a few dozen bytes each) so later passes only re-read the
records and splice strings. Writes PATH via a temporary file (renamed at the end) and
PATH.meta.json describing the run.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import json
import os
import random
import re
import sys
import time
from array import array
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "arxiv_2025_2026-04.jsonl.gz"
DEFAULT_VOCAB = ROOT / "ontology" / "vocab"
GENERATOR = "kg-bench-synthetic-1"
TYPES = ("Model", "Method", "Benchmark", "Hardware", "Metric")
MAX_LABEL_TOKENS = 8

# a "word": starts with a letter or digit; inner . - + @ / ' allowed when more word follows;
# may end in + (C++). "GPT-4o," -> "GPT-4o"; "(MMLU)" -> "MMLU"; "Llama-3.1-8B." -> "Llama-3.1-8B".
TOKEN = re.compile(r"[^\W_](?:[\w.\-+@/']*[\w+])?")


def _norm_ws(s: str) -> str:
    return " ".join(s.split())


class Vocabulary:
    """Matchable labels of the five entity types and the rotation rings."""

    def __init__(self, vocab_dir: Path, seed: int) -> None:
        concepts: dict[str, list[tuple[str, str, list[str], bool]]] = {t: [] for t in TYPES}
        seen: set[str] = set()
        for path in sorted(Path(vocab_dir).glob("*.jsonl")):
            with open(path, encoding="utf-8") as fh:
                for line in fh:
                    line = line.strip()
                    if not line:
                        continue
                    c = json.loads(line)
                    t, cid, pref = c.get("type"), c.get("id"), c.get("prefLabel")
                    if (
                        t not in concepts
                        or not cid
                        or not pref
                        or cid in seen
                        or c.get("match") is False
                    ):
                        continue
                    seen.add(cid)
                    concepts[t].append(
                        (cid, pref, list(c.get("altLabels") or []), bool(c.get("case_sensitive")))
                    )
        self.type_names = [t for t in TYPES if concepts[t]]
        rng = random.Random(seed)
        self.labels: list[list[str]] = []  # per type index: ring position -> replacement label
        self.exact: dict[str, tuple[int, int]] = {}  # label -> (type index, ring position)
        self.lower: dict[
            str, tuple[int, int]
        ] = {}  # lower-cased label -> (type index, ring position)
        # lower-cased labels that the vocabulary also writes in lower case: only these match
        # an all-lower-case occurrence ("accuracy" yes; "quality" is not the benchmark "Quality")
        self.lower_ok: set[str] = set()
        self.prefixes: set[str] = set()  # lower-cased label prefixes that end on a token
        for ti, t in enumerate(self.type_names):
            ring = sorted(concepts[t])  # stable order before the seeded shuffle
            rng.shuffle(ring)
            self.labels.append([pref for _, pref, _, _ in ring])
            for pos, (_, pref, alts, cs) in enumerate(ring):
                for label in (pref, *alts):
                    key = _norm_ws(label)
                    toks = list(TOKEN.finditer(key))
                    # only labels a word-boundary match can find: the tokens cover them end to end
                    if (
                        not toks
                        or len(toks) > MAX_LABEL_TOKENS
                        or toks[0].start() != 0
                        or toks[-1].end() != len(key)
                    ):
                        continue
                    if cs:
                        self.exact.setdefault(key, (ti, pos))
                    else:
                        self.lower.setdefault(key.lower(), (ti, pos))
                        if key == key.lower():
                            self.lower_ok.add(key)
                    low = key.lower()
                    for tok in toks:
                        self.prefixes.add(low[: tok.end()])
        self.sizes = [len(x) for x in self.labels]

    def shifts(self, seed: int, pass_no: int) -> list[int]:
        """How far along each type's ring pass `pass_no` moves every concept (never 0)."""
        rng = random.Random(f"{seed}:{pass_no}")
        return [1 + rng.randrange(n - 1) if n > 1 else 0 for n in self.sizes]

    def find(self, text: str) -> list[tuple[int, int, int, int]]:
        """Non-overlapping (start, end, type index, ring position) of names in `text`,
        longest match first, left to right."""
        toks = [(m.start(), m.end()) for m in TOKEN.finditer(text)]
        out = []
        i, n = 0, len(toks)
        prefixes, exact, lower, lower_ok = self.prefixes, self.exact, self.lower, self.lower_ok
        while i < n:
            s = toks[i][0]
            hit = None
            for j in range(i, min(n, i + MAX_LABEL_TOKENS)):
                key = text[s : toks[j][1]]
                if j > i:
                    key = _norm_ws(key)
                low = key.lower()
                if low not in prefixes:
                    break
                got = exact.get(key)
                if got is None and (key != low or low in lower_ok):
                    got = lower.get(low)
                if got is not None:
                    hit = (s, toks[j][1], got[0], got[1], j)
            if hit is None:
                i += 1
                continue
            out.append(hit[:4])
            i = hit[4] + 1
        return out


def splice(
    text: str, spans: array, offset: int, count: int, vocab: Vocabulary, shifts: list[int]
) -> str:
    """`text` with the `count` spans stored from `spans[offset]` replaced by rotated names."""
    if not count:
        return text
    parts, last = [], 0
    for k in range(offset, offset + 4 * count, 4):
        s, e, ti, pos = spans[k], spans[k + 1], spans[k + 2], spans[k + 3]
        parts.append(text[last:s])
        parts.append(vocab.labels[ti][(pos + shifts[ti]) % vocab.sizes[ti]])
        last = e
    parts.append(text[last:])
    return "".join(parts)


def open_text(path: Path, mode: str, gz: bool | None = None):
    if gz if gz is not None else str(path).endswith(".gz"):
        return io.TextIOWrapper(
            gzip.open(path, mode + "b", compresslevel=1) if mode == "w" else gzip.open(path, "rb"),
            encoding="utf-8",
            newline="\n",
        )
    return open(path, mode, encoding="utf-8", newline="\n")


def generate(
    corpus: Path,
    out: Path,
    n: int,
    seed: int = 0,
    vocab_dir: Path = DEFAULT_VOCAB,
    progress: bool = False,
) -> dict:
    """Write `n` synthetic records to `out`; returns the run's description (also written
    to OUT.meta.json)."""
    if n < 1:
        raise ValueError("--n must be at least 1")
    t0 = time.perf_counter()
    vocab = Vocabulary(vocab_dir, seed)
    width = max(7, len(str(n)))
    # per real record (by line number): where its names are; filled in pass 0
    title_spans: list[array | None] = []
    abstract_spans: list[array | None] = []
    written = replaced = 0
    pass_no = 0
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + f".tmp{os.getpid()}")
    try:
        with open_text(tmp, "w", gz=str(out).endswith(".gz")) as dst:
            while written < n:
                shifts = vocab.shifts(seed, pass_no)
                usable_this_pass = 0
                with open_text(corpus, "r") as src:
                    for line_no, line in enumerate(src):
                        if written >= n:
                            break
                        if pass_no == 0:
                            try:
                                rec = json.loads(line)
                            except ValueError:
                                rec = None
                            if (
                                not isinstance(rec, dict)
                                or not isinstance(rec.get("title"), str)
                                or not rec["title"].strip()
                                or not isinstance(rec.get("abstract") or "", str)
                            ):
                                title_spans.append(None)
                                abstract_spans.append(None)
                                continue
                            ts = array("i", [x for sp in vocab.find(rec["title"]) for x in sp])
                            ab = rec.get("abstract") or ""
                            as_ = array("i", [x for sp in vocab.find(ab) for x in sp])
                            title_spans.append(ts)
                            abstract_spans.append(as_)
                        else:
                            if line_no >= len(title_spans) or title_spans[line_no] is None:
                                continue
                            rec = json.loads(line)
                            ts, as_ = title_spans[line_no], abstract_spans[line_no]
                        usable_this_pass += 1
                        written += 1
                        sid = f"{written:0{width}d}"
                        src_id = str(rec.get("id") or rec.get("arxiv_id") or f"line {line_no + 1}")
                        title = splice(rec["title"], ts, 0, len(ts) // 4, vocab, shifts)
                        abstract = splice(
                            rec.get("abstract") or "", as_, 0, len(as_) // 4, vocab, shifts
                        )
                        replaced += (len(ts) + len(as_)) // 4
                        note = (
                            f"synthetic: derived from arXiv:{src_id} by kg bench "
                            f"(make_synthetic.py, seed {seed}, pass {pass_no})"
                        )
                        comment = rec.get("comment")
                        obj = {
                            "id": f"synthetic-{sid}",
                            "title": f"{title} [synthetic {sid}]",
                            "abstract": abstract,
                            "authors": rec.get("authors"),
                            "categories": rec.get("categories"),
                            "comment": note
                            + (
                                f"; original comment: {comment}"
                                if isinstance(comment, str) and comment
                                else ""
                            ),
                            "synthetic": True,
                            "derived_from": f"arXiv:{src_id}",
                        }
                        for k in ("published", "crawl_date", "update_date"):
                            if rec.get(k) is not None:
                                obj[k] = rec[k]
                        dst.write(json.dumps(obj, ensure_ascii=False))
                        dst.write("\n")
                        if progress and written % 50_000 == 0:
                            el = time.perf_counter() - t0
                            print(
                                f"  {written:,} records, pass {pass_no}, {written / el:,.0f}/s",
                                file=sys.stderr,
                                flush=True,
                            )
                if usable_this_pass == 0:
                    raise ValueError(f"{corpus}: no usable record (JSON lines with a title)")
                pass_no += 1
        os.replace(tmp, out)
    finally:
        if tmp.exists():
            tmp.unlink()
    wall = time.perf_counter() - t0
    meta = {
        "generator": GENERATOR,
        "synthetic": True,
        "n": written,
        "seed": seed,
        "corpus": str(corpus),
        "corpus_records_used_per_pass": sum(1 for x in title_spans if x is not None),
        "passes": pass_no,
        "names_replaced": replaced,
        "vocabulary": {t: vocab.sizes[i] for i, t in enumerate(vocab.type_names)},
        "vocabulary_digest": vocab_digest(vocab_dir),
        "seconds": round(wall, 1),
        "records_per_s": round(written / wall, 1) if wall else None,
        "out": str(out),
        "bytes": out.stat().st_size,
    }
    Path(str(out) + ".meta.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    return meta


def vocab_digest(vocab_dir: Path) -> str:
    h = hashlib.sha1()
    for p in sorted(Path(vocab_dir).glob("*.jsonl")):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    h.update(Path(__file__).read_bytes())
    return h.hexdigest()[:16]


def parse_count(s: str) -> int:
    s = s.strip().lower().replace("_", "").replace(",", "")
    mult = 1
    if s.endswith("k"):
        mult, s = 1_000, s[:-1]
    elif s.endswith("m"):
        mult, s = 1_000_000, s[:-1]
    return int(round(float(s) * mult))  # "0.3k" is 300, not 299


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "--n", type=parse_count, required=True, help="records to write (1000000, 1m, 10k)"
    )
    ap.add_argument("--out", type=Path, required=True, help="output JSON lines (.gz: gzip)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument(
        "--vocab", type=Path, default=DEFAULT_VOCAB, help="directory of vocabulary *.jsonl"
    )
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args(argv)
    if not args.corpus.exists():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2
    meta = generate(args.corpus, args.out, args.n, args.seed, args.vocab, progress=not args.quiet)
    print(json.dumps(meta, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
