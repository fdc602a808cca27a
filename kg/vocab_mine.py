"""`kg vocab mine`: the corpus as its own gazetteer.

Today's extractor (curated vocabularies only: `KG_VOCAB_MINED=0`) runs over a corpus of
paper listings; every name it discovers (an entity not in a curated vocabulary) is
counted over the papers: how many mention it, how many propose it, which type each paper
gave it. Names that pass the thresholds (`Thresholds`) become concepts with
`"source": "mined"` in `ontology/vocab/mined_<type>.jsonl`, which the extractor then
loads below the curated ones (kg.extract.vocab: a curated concept always wins).

Papers of the evaluation sets (every title in the gold files and the round-2 candidate
lists, `DEFAULT_EXCLUDE`) are left out before extraction, so the mined vocabulary is not
a copy of those papers' own names.

Two steps, so the thresholds can be tuned without extracting again:
  raw  = extract_raw(papers, cache)      one compact JSON line per paper
  mine(raw records, thresholds)          concepts with counts and provenance
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from kg.models import Paper

MINED_ENV = "KG_VOCAB_MINED"  # "0": load no mined_*.jsonl (the miner's own extractor)

# the evaluation sets whose papers are never mined (globs relative to the repository; the
# dev gold lives in the shared folder beside it): every gold, sample and candidate list of
# every round, so a new round's papers are left out without editing this
DEFAULT_EXCLUDE = (
    "../shared/gold/dev.jsonl",
    "eval/*.jsonl",
    "eval/round*/*.jsonl",
)


def exclusion_titles(patterns: Iterable[str], root: Path | None = None) -> tuple[set[str], list]:
    """Normalised titles (kg.evaluate.title_match_key) of every record in the files the
    glob `patterns` name (relative ones under `root`); and the files read."""
    from glob import glob

    from kg.evaluate import title_match_key

    titles: set[str] = set()
    files = []
    for pat in patterns:
        full = pat if os.path.isabs(pat) or root is None else str(root / pat)
        for path in sorted(glob(full)):
            files.append(path)
            opener = gzip.open if path.endswith(".gz") else open
            with opener(path, "rt", encoding="utf-8") as fh:
                for line in fh:
                    line = line.strip()
                    if not line:
                        continue
                    try:
                        rec = json.loads(line)
                    except json.JSONDecodeError:
                        continue
                    t = rec.get("title") if isinstance(rec, dict) else None
                    if isinstance(t, str) and t.strip():
                        titles.add(title_match_key(t))
    return titles, files


# -- step 1: raw extraction -------------------------------------------------------------


def compact(paper: Paper, ex) -> dict:
    """One paper's discovered names: [label, type, mentions, proposed, surfaces]."""
    props = {p.entity for p in ex.proposes}
    counts = Counter(m.entity_id for m in ex.mentions)
    ents = []
    for eid, e in ex.entities.items():
        if e.in_vocabulary:
            continue
        ents.append([e.label, e.type, counts.get(eid, 0), eid in props, [e.label, *e.aliases]])
    return {"id": paper.key, "e": ents}


def extract_raw(
    papers: Iterable[Paper], out: Path, workers: int = 2, progress_every: int = 2000
) -> int:
    """Extract `papers` with the curated vocabularies only and write compact records."""
    os.environ[MINED_ENV] = "0"  # before the pipeline (and forked workers) exist
    from kg.extract import Extractor

    ex = Extractor()
    papers = list(papers)
    t0 = time.time()
    n = 0
    opener = gzip.open if str(out).endswith(".gz") else open
    with opener(out, "wt", encoding="utf-8") as fh:
        for p, e in zip(
            papers, ex.extract_many(papers, workers=workers, chunksize=64), strict=True
        ):
            fh.write(json.dumps(compact(p, e), ensure_ascii=False) + "\n")
            n += 1
            if progress_every and n % progress_every == 0:
                dt = time.time() - t0
                print(f"  {n}/{len(papers)} papers, {n / dt:.0f}/s", file=sys.stderr, flush=True)
    return n


def read_raw(path: Path) -> Iterator[dict]:
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


# -- step 2: counting and thresholds ----------------------------------------------------


@dataclass
class Thresholds:
    min_papers: int = 2  # papers that mention the name
    min_papers_proposed: int = 2  # the same, for a name some paper proposes
    min_share: float = 0.8  # share of those papers giving it the majority type
    min_rate: float = 0.3  # papers that mention it / papers that write it (`occurrences`)
    styled: bool = True  # some word styled like a name (`styled`)
    # > 0: lower-case phrases too ("bundle adjustment", "convolutional neural networks"),
    # when at least this many papers mention them (or some paper capitalises them), and
    # only of `phrase_types`: lower-case Metric phrases ("visual quality") were right in
    # about half the corpus papers they reached (docs/extraction-log.md, round 17)
    min_papers_phrase: int = 5
    phrase_types: tuple = ("Method",)
    no_acronyms: tuple = ("Method", "Metric")  # types whose bare acronyms are not mined
    max_coined: float = 0.5  # proposing papers / mentioning papers, when 2+ propose it
    min_len: int = 3  # characters
    max_words: int = 4
    # > 0: lower-case technique names defined with an acronym ("vector quantization
    # (VQ)") in at least this many papers and in >= `min_rate_acronym_term` of the papers
    # writing them (kg/vocab_terms.py; docs/extraction-log.md, round 30)
    min_papers_acronym_term: int = 3
    min_rate_acronym_term: float = 0.1
    stoplist: frozenset = field(default_factory=frozenset)  # lower-cased words / phrases
    types: tuple = ("Model", "Method", "Benchmark", "Metric", "Hardware")


# a name must look like a name: a capital, a digit or an inner capital somewhere, not
# just an ordinary capitalised word ("Transformer" is curated; "Results" is not a name)
_HAS_NAME_SHAPE = re.compile(r"[A-Z].*[A-Z0-9]|[0-9]|^[a-z]+[A-Z]")
_BAD_CHARS = re.compile(r"[()\[\]{}<>=;,$\\|\"]|^[-.'/]|[-.'/]$|@\d$")


# a bare acronym: letters only, 2-6 of them, most capitals, a plural -s allowed
_ACRONYM = re.compile(r"(?=(?:[a-z&]?[A-Z]){2})[A-Za-z&]{2,6}")


def is_acronym(label: str) -> bool:
    return bool(_ACRONYM.fullmatch(label))


_PART = re.compile(r"[\s\-/]+")


def styled(word: str) -> bool:
    """A word written like a name: a digit, an inner capital, or two capitals
    (`Qwen3`, `VisDrone`, `NTIRE`, `FiLM`), not a capitalised ordinary word."""
    return (
        any(ch.isdigit() for ch in word)
        or sum(ch.isupper() for ch in word) >= 2
        or any(ch.isupper() for ch in word[1:])
    )


def name_shape_ok(label: str, th: Thresholds) -> bool:
    """Short enough, no brackets or edge punctuation, and some word of it styled like a
    name (`styled`): "Office-Home", "Large-Scale Dataset", "Earth Observation" are not."""
    if len(label) < th.min_len or len(label.split()) > th.max_words:
        return False
    if _BAD_CHARS.search(label):
        return False
    words = [w for w in _PART.split(label) if w]
    if th.min_papers_phrase and is_phrase(label):
        return True  # a lower-case phrase ("bundle adjustment"): `min_papers_phrase` decides
    if not _HAS_NAME_SHAPE.search(label):
        return False
    return not th.styled or any(styled(w) for w in words)


def is_phrase(label: str) -> bool:
    """A lower-case phrase of two words or more, without a digit ("bundle adjustment",
    "visual quality"; not "top-5 accuracy")."""
    return (
        label == label.lower()
        and not any(ch.isdigit() for ch in label)
        and len([w for w in _PART.split(label) if w]) >= 2
    )


_KEEP_SEPARATORS = re.compile(r"(\s+|-)")


def lowered_words(label: str) -> str:
    """`label` with its words not styled like a name (`styled`) in lower case, of two
    words or more ("Vanilla RAG" -> "vanilla RAG"); a one-word label unchanged."""
    parts = _KEEP_SEPARATORS.split(label)
    if len([p for p in parts if p.strip() and p != "-"]) < 2:
        return label
    return "".join(p if styled(p) else p.lower() for p in parts)


def stopped(label: str, th: Thresholds) -> bool:
    """The name, or its last word's plural/singular, is on the stoplist; or every word
    of it is."""
    low = label.lower()
    if low in th.stoplist or low.rstrip("s") in th.stoplist or low + "s" in th.stoplist:
        return True
    words = re.split(r"[\s-]+", low)
    return all(w in th.stoplist or w.rstrip("s") in th.stoplist for w in words)


# words and acronyms of the field that name no one thing (besides the extractor's own
# stop-lists, ontology/patterns/stoplist.json, which `default_stoplist` adds)
_ML_COMMON = """
ai ml dl nlp cv llm llms lm lms vlm vlms mllm mllms slm slms lvlm lvlms agi asr tts ocr
rl drl marl rlhf gnn gnns cnn cnns rnn rnns lstm gru mlp vae vaes gan gans dnn dnns ann
snn snns vit vits nerf moe kd fl iot uav uavs ar vr xr hci api apis gpu gpus cpu cpus tpu
npu fpga asic sota qa vqa kg kgs rag icl cot sft dpo ppo grpo peft lora ner nli mt sql
eeg ecg mri ct pet fmri bev lidar radar rgb rgb-d 3d 2d 4d 6d hd uhd sdk ide os io
dataset datasets benchmark benchmarks model models method methods framework frameworks
approach approaches algorithm algorithms system systems network networks module modules
agent agents task tasks data paper work study results experiments evaluation analysis
large language model large language models language model language models deep learning
machine learning reinforcement learning neural network neural networks transformer
artificial intelligence computer vision natural language processing
""".split()


def default_stoplist() -> frozenset:
    """Lower-cased words and phrases never mined: the extractor's stop-lists (generic
    terms, not-names, definition heads, title prefixes) and `_ML_COMMON`."""
    from kg.extract.rules import patterns_dir

    words = set(_ML_COMMON)
    try:
        data = json.loads((patterns_dir() / "stoplist.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):  # pragma: no cover - the file ships with the package
        data = {}
    for key in (
        "generic_terms",
        "not_names",
        "definition_non_entity_heads",
        "title_prefix_stopwords",
    ):
        words.update(w.lower() for w in data.get(key, []) if isinstance(w, str))
    return frozenset(words)


@dataclass
class Tally:
    papers: set = field(default_factory=set)
    proposed: set = field(default_factory=set)
    votes: Counter = field(default_factory=Counter)
    surfaces: Counter = field(default_factory=Counter)


def tally(records: Iterable[dict]) -> dict[str, Tally]:
    """Per name (kg.extract.normalise.match_key of the label): the papers mentioning
    it, those proposing it, one type vote per paper, the surface forms."""
    from kg.extract.normalise import match_key

    out: dict[str, Tally] = defaultdict(Tally)
    for rec in records:
        pid = rec["id"]
        seen: set[str] = set()
        for _label, etype, _n, proposed, surfaces in rec["e"]:
            # every spelling of the entity is a name of its own ("CBAM" of "Convolutional
            # Block Attention Module (CBAM)"): the long form and the acronym are mined apart
            by_key: dict[str, list[str]] = {}
            for s in surfaces:
                k = match_key(s)
                if k:
                    by_key.setdefault(k, []).append(s)
            for k, forms in by_key.items():
                t = out[k]
                if k not in seen:  # one vote per paper (its first entity of that name)
                    seen.add(k)
                    t.votes[etype] += 1
                    t.papers.add(pid)
                if proposed:
                    t.proposed.add(pid)
                for s in forms:
                    t.surfaces[s] += 1
    return out


def mine(
    records: Iterable[dict],
    th: Thresholds,
    curated_lookup,
    exclude_ids: set | None = None,
    texts=None,
) -> tuple[list[dict], Counter]:
    """Concepts (vocabulary JSON dicts) for the names that pass `th`; and why the others
    did not (reason -> count). `curated_lookup(text) -> bool` says a name is in a
    curated vocabulary already; `texts()` gives the corpus's texts again (for
    `Thresholds.min_rate`)."""
    from kg.extract.normalise import entity_id

    if exclude_ids:
        records = (r for r in records if r["id"] not in exclude_ids)
    why: Counter = Counter()
    out = []
    for _k, t in tally(records).items():
        n = len(t.papers)
        if n < (th.min_papers_proposed if t.proposed else th.min_papers):
            why["few papers"] += 1
            continue
        if (
            th.min_papers_phrase
            and n < th.min_papers_phrase
            and not any(s != s.lower() for s in t.surfaces)
        ):
            why["few papers"] += 1
            continue
        (etype, votes), *_ = ranked_votes(t.votes)
        share = votes / n
        if share < th.min_share:
            why["ambiguous type"] += 1
            continue
        if etype not in th.types:
            why["type not mined"] += 1
            continue
        label = max(t.surfaces.items(), key=lambda kv: (kv[1], kv[0]))[0] if t.surfaces else None
        if label is None:
            why["no surface"] += 1
            continue
        if not name_shape_ok(label, th) or (etype not in th.phrase_types and is_phrase(label)):
            why["not name-shaped"] += 1
            continue
        if stopped(label, th):
            why["stoplist"] += 1
            continue
        if etype in th.no_acronyms and is_acronym(label):
            # "SNR", "MIMO", "HOI", "ToM": a field's or a task's acronym, or one each paper
            # defines for its own thing; a paper that means a method by it defines it
            why["acronym"] += 1
            continue
        if len(t.proposed) >= 2 and len(t.proposed) / n > th.max_coined:
            # "TRACE", "VISTA": a name many papers each coin for their own thing, not one
            # thing the later papers refer to
            why["coined by many"] += 1
            continue
        if curated_lookup(label):
            why["curated"] += 1
            continue
        # other spellings seen in at least two papers (or a third of the label's count)
        alts = sorted(
            s
            for s, c in t.surfaces.items()
            if s != label and (c >= 2 or c * 3 >= t.surfaces[label]) and name_shape_ok(s, th)
        )
        out.append(
            {
                "id": entity_id(etype, label),
                "type": etype,
                "prefLabel": label,
                **({"altLabels": alts} if alts else {}),
                "source": "mined",
                "papers": n,
                "proposed": len(t.proposed),
                "votes": dict(ranked_votes(t.votes)),
                "examples": sorted(t.proposed or t.papers)[:3],
            }
        )
    if texts is not None and th.min_rate > 0:
        # how often the extractor found the name where it is written: a name found in
        # 5 of the 400 papers that write it is mostly an ordinary word or a field's
        # acronym there (and the ruler would tag all 400)
        # and a one-word name whose lower-case form is an ordinary word of the corpus
        # ("eXtreme", "GEneration", "HyperGraph": styled words, not names)
        # and a Method whose name-like spelling is a phrase the corpus writes in lower
        # case at least as often ("Vanilla RAG", "Dynamic LoRA": a term, not a name)
        plain = {c["prefLabel"].lower() for c in out if " " not in c["prefLabel"]}
        termed = {lowered_words(c["prefLabel"]) for c in out if c["type"] == "Method"}
        occ = occurrences(texts(), {c["prefLabel"] for c in out} | plain | termed)
        kept = []
        for c in out:
            label = c["prefLabel"]
            n_occ = max(occ.get(label, 0), c["papers"])
            c["written_in"] = n_occ
            if c["papers"] / n_occ < th.min_rate:
                why["rarely a name where written"] += 1
            elif (
                " " not in label
                and label != label.lower()
                and occ.get(label.lower(), 0) >= c["papers"]
            ):
                why["an ordinary word styled"] += 1
            elif (
                c["type"] == "Method"
                and lowered_words(label) != label
                and occ.get(lowered_words(label), 0) >= n_occ
            ):
                why["a term written in lower case"] += 1
            else:
                kept.append(c)
        out = kept
    # one concept per id (two spellings can fold to one id): the better-attested one
    best: dict[str, dict] = {}
    for c in out:
        b = best.get(c["id"])
        if b is not None:
            why["duplicate id"] += 1
        if b is None or (-c["papers"], c["prefLabel"]) < (-b["papers"], b["prefLabel"]):
            best[c["id"]] = c
    return sorted(best.values(), key=lambda c: (c["type"], c["id"])), why


def ranked_votes(votes: Counter) -> list[tuple[str, int]]:
    """(type, papers), most papers first and ties by type name: the same for the same
    counts whatever order the papers came in (Counter.most_common keeps insertion
    order on ties, which follows the corpus's order)."""
    return sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))


def thresholds_dict(th: Thresholds) -> dict:
    d = asdict(th)
    d["stoplist"] = len(th.stoplist)
    d["types"] = list(th.types)
    return d


_EDGE_PUNCT = "\"'([{<,.;:!?)]}>"
_SPLIT_WORDS = re.compile(r"\s+")


def occurrences(texts: Iterable[str], names: set[str]) -> Counter:
    """In how many of `texts` each of `names` is written (case-sensitive, as whole
    whitespace-separated words, punctuation at the words' edges ignored)."""
    by_first: dict[str, set[tuple]] = defaultdict(set)
    longest = 1
    for n in names:
        words = tuple(_SPLIT_WORDS.split(n.strip()))
        by_first[words[0]].add(words)
        longest = max(longest, len(words))
    out: Counter = Counter()
    for text in texts:
        text_words = [w.strip(_EDGE_PUNCT) for w in _SPLIT_WORDS.split(text)]
        found = set()
        for i, w in enumerate(text_words):
            cands = by_first.get(w)
            if cands is None:
                if w.endswith("s") and w[:-1] in by_first:  # a plural
                    cands = by_first[w[:-1]]
                else:
                    continue
            for k in range(1, longest + 1):
                t = tuple(text_words[i : i + k])
                if t in cands:
                    found.add(" ".join(t))
                elif k == 1 and w.endswith("s") and (w[:-1],) in cands:
                    found.add(w[:-1])
        out.update(found)
    return out


# -- the whole run ----------------------------------------------------------------------

_FILES = {
    "Model": "mined_models.jsonl",
    "Method": "mined_methods.jsonl",
    "Benchmark": "mined_benchmarks.jsonl",
    "Metric": "mined_metrics.jsonl",
    "Hardware": "mined_hardware.jsonl",
}


def corpus_papers(paths: Iterable[Path], excluded_titles: set[str]) -> tuple[list[Paper], int]:
    """The papers of `paths` whose normalised title is not in `excluded_titles`."""
    from kg.evaluate import title_match_key
    from kg.readers import read_path

    out, skipped = [], 0
    for path in paths:
        for item in read_path(Path(path)):
            if not isinstance(item, Paper):
                continue
            if title_match_key(item.title) in excluded_titles:
                skipped += 1
                continue
            out.append(item)
    return out, skipped


def curated_lookup(vocab_dir: Path | None = None):
    """`name -> bool`: the name folds like a curated vocabulary label (match_key: case,
    hyphens, spaces, a plural -s ignored; or kg.extract.vocab's own lookup)."""
    from kg.extract.normalise import match_key
    from kg.extract.vocab import Vocabulary, load_concepts
    from kg.paths import vocab_dir as default_dir

    v = Vocabulary(load_concepts(Path(vocab_dir) if vocab_dir else default_dir(), mined=False))
    keys = {match_key(lab) for c in v.by_id.values() if c.match for lab in c.labels()}
    return lambda text: match_key(text) in keys or v.lookup(text) is not None


PROVENANCE = "mined_provenance.json"


def write_mined(concepts: list[dict], out_dir: Path, provenance: dict) -> dict[str, int]:
    """`concepts` into out_dir/mined_<type>.jsonl (old mined files replaced), and the run's
    provenance (corpus, papers left out and why, thresholds, counts) beside them in
    mined_provenance.json."""
    out_dir = Path(out_dir)
    for old in out_dir.glob("mined_*.jsonl"):
        old.unlink()
    by_type: dict[str, list[dict]] = defaultdict(list)
    for c in concepts:
        by_type[c["type"]].append(c)
    sizes = {}
    for etype, cs in sorted(by_type.items()):
        path = out_dir / _FILES[etype]
        with path.open("w", encoding="utf-8") as fh:
            for c in cs:
                fh.write(json.dumps(c, ensure_ascii=False) + "\n")
        sizes[etype] = len(cs)
    doc = {
        "_doc": "Written by `kg vocab mine` (kg/vocab_mine.py) with the mined_*.jsonl files"
        " beside it: names today's extractor discovered in the corpus's papers, each typed by"
        " the majority of the papers that mention it, loaded below the curated vocabularies"
        ' (source "mined"; a curated concept always wins). Papers whose title is in an'
        " evaluation set were left out before extraction. Regenerate, do not edit.",
        **provenance,
        "sizes": sizes,
    }
    (out_dir / PROVENANCE).write_text(
        json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return sizes


def run(
    corpus: list[Path],
    out_dir: Path,
    th: Thresholds,
    cache: Path | None = None,
    exclude: Iterable[str] = DEFAULT_EXCLUDE,
    root: Path | None = None,
    workers: int = 2,
    log=print,
) -> tuple[dict[str, int], Counter]:
    """Extract (or reuse `cache`), count, threshold and write the mined vocabulary."""
    titles, files = exclusion_titles(exclude, root)
    papers, skipped = corpus_papers(corpus, titles)
    log(f"{len(papers)} papers ({skipped} left out: their titles are in {len(files)} eval files)")
    if cache is None or not Path(cache).exists():
        target = cache or Path(tempfile.mkstemp(suffix=".jsonl.gz")[1])
        extract_raw(papers, target, workers=workers)
        cache = target
    else:
        log(f"reusing the extraction in {cache}")
    ids = {p.key for p in papers}
    # a cache made without the exclusions (or from another corpus) would leak: only the
    # papers read now count
    records = [r for r in read_raw(cache) if r["id"] in ids]
    if not th.stoplist:
        th.stoplist = default_stoplist()
    concepts, why = mine(
        records,
        th,
        curated_lookup(),
        texts=lambda: (p.title + "\n" + p.abstract for p in papers),
    )
    if th.min_papers_acronym_term:
        concepts = concepts + mined_terms(concepts, papers, th)
    provenance = {
        "corpus": [Path(p).name for p in corpus],
        "papers": len(records),
        "excluded_papers": skipped,
        "excluded_because_in": [
            str(Path(f).relative_to(root)) if root and str(f).startswith(str(root)) else f
            for f in files
        ],
        "thresholds": thresholds_dict(th),
        "command": command_line(th),
        "extractor": _extractor_version(),
        # what was counted: the same digest means the same extraction of the same papers
        "extraction_sha256": records_digest(records),
        "concepts": len(concepts),
    }
    sizes = write_mined(concepts, out_dir, provenance)
    return sizes, why


def mined_terms(concepts: list[dict], papers: list[Paper], th: Thresholds) -> list[dict]:
    """Lower-case technique names the papers define with an acronym (kg/vocab_terms.py),
    other than curated, already mined or stoplisted ones."""
    from kg.extract.normalise import match_key
    from kg.vocab_terms import acronym_terms

    curated = curated_lookup()
    have = {match_key(c["prefLabel"]) for c in concepts}
    return acronym_terms(
        lambda: ((p.key, p.title + ". " + p.abstract) for p in papers),
        known=lambda s: curated(s) or match_key(s) in have,
        stopped=lambda s: stopped(s, th),
        min_papers=th.min_papers_acronym_term,
        min_rate=th.min_rate_acronym_term,
    )


def records_digest(records: list[dict]) -> str:
    """sha256 of the raw records, in id order: equal for the same papers extracted alike,
    whatever the worker count or the corpus's order."""
    h = hashlib.sha256()
    for rec in sorted(records, key=lambda r: r["id"]):
        h.update(json.dumps(rec, ensure_ascii=False, sort_keys=True).encode("utf-8") + b"\n")
    return h.hexdigest()


def command_line(th: Thresholds) -> str:
    """The `kg vocab mine` options that give `th` (those off the defaults)."""
    base = Thresholds()
    opts = []
    for name in CLI_OPTIONS:
        value, default = getattr(th, name), getattr(base, name)
        if value == default:
            continue
        flag = "--" + name.replace("_", "-")
        if isinstance(value, bool):
            opts.append(flag if value else "--no-" + name.replace("_", "-"))
        elif isinstance(value, tuple):
            opts.append(f"{flag} {','.join(value) or '-'}")
        else:
            opts.append(f"{flag} {value}")
    return " ".join(["kg vocab mine CORPUS", *opts])


# the thresholds `kg vocab mine` takes as options (kg.cli_vocab)
CLI_OPTIONS = (
    "min_papers",
    "min_papers_proposed",
    "min_share",
    "min_rate",
    "styled",
    "min_papers_phrase",
    "phrase_types",
    "no_acronyms",
    "max_coined",
    "min_papers_acronym_term",
    "min_rate_acronym_term",
)


def _extractor_version() -> str:
    from kg.extract.extractor import EXTRACTOR_VERSION

    return EXTRACTOR_VERSION
