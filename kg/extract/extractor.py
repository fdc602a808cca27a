"""`Extractor`: Paper -> Extraction, in one process or a pool of workers.

The pipeline is built once per process. Workers return plain tuples (see `_plain`);
the parent turns them into pydantic records without re-validating them (the extractor
made them, so they are valid by construction).
"""

from __future__ import annotations

import gc
import multiprocessing as mp
from collections.abc import Iterable, Iterator

from pydantic import BaseModel

from kg.extract.state import SEP, STATE_KEY, DocState
from kg.models import Entity, Evaluation, Extraction, HardwareUse, Mention, Paper, Proposal, Span
from kg.paths import StrPath

# recorded on every extraction run in the graph (prov): which rules made a paper's facts.
# 1.3: rounds 7-15 (session 13); 1.2 had stood since round 6 though the rules moved on;
# 1.4: rounds 16-17 (sessions 13-14). `kg ingest` extracts again the stored papers an
# older version made, so bump it whenever the rules' output changes
EXTRACTOR_VERSION = "kg-extract-1.6"


def _compose(title: str, abstract: str) -> tuple[str, int]:
    title = title or ""
    abstract = abstract or ""
    return (title + SEP + abstract if abstract else title), len(title)


class Extractor:
    """Entities, proposals, evaluations and hardware use from a paper's title+abstract."""

    def __init__(
        self, vocab_dir: StrPath | None = None, patterns_dir: StrPath | None = None
    ) -> None:
        from kg.extract.pipeline import build_pipeline

        self.vocab_dir = str(vocab_dir) if vocab_dir else None
        self.patterns_dir = str(patterns_dir) if patterns_dir else None
        self.nlp = build_pipeline(self.vocab_dir, self.patterns_dir)
        from kg.extract.vocab import load_vocabulary

        self.vocabulary = load_vocabulary(self.vocab_dir)
        self._steps = [proc for _, proc in self.nlp.pipeline]
        settle_heap()

    # -- core -------------------------------------------------------------------------
    def state(self, title: str, abstract: str) -> DocState:
        text, tlen = _compose(title, abstract)
        doc = self.nlp.make_doc(text)
        doc.user_data[STATE_KEY] = DocState(text, tlen)  # type: ignore[index]
        for proc in self._steps:
            doc = proc(doc)
        return doc.user_data[STATE_KEY]  # type: ignore[index]

    def plain(self, key: str, title: str, abstract: str) -> tuple:
        """The extraction as plain tuples (cheap to pickle)."""
        st = self.state(title, abstract)
        ents = [
            (eid, e["type"], e["label"], e["aliases"], e["broader"], e["in_vocabulary"])
            for eid, e in st.entities.items()
        ]
        mentions = [(m.text, m.eid, m.start, m.end, m.source, m.conf) for m in st.mentions]
        local = {eid: e["broader"] for eid, e in st.entities.items() if not e["in_vocabulary"]}
        idx = self.vocabulary.index_keys
        evals = [
            # the evaluation's keys, and its base models' ("Llama on GSM8K" finds a method
            # run on Llama 3.1 8B): (base model or ancestor, benchmark or ancestor)
            (*ev, list(dict.fromkeys(k for a in (ev[0], *ev[10]) for k in idx(a, ev[1], local))))
            for ev in st.facts["evaluations"]
        ]
        return (
            key,
            st.title_len,
            st.sents,
            ents,
            mentions,
            st.facts["proposes"],
            evals,
            st.facts["hardware_use"],
        )

    def extract(self, paper: Paper) -> Extraction:
        return to_extraction(
            self.plain(paper.key, paper.title, paper.abstract), paper.title, paper.abstract
        )

    def extract_many(
        self, papers: Iterable[Paper], workers: int = 1, chunksize: int = 32
    ) -> Iterator[Extraction]:
        """Extractions in input order; `workers` > 1 uses a process pool whose workers
        build the pipeline once and send back plain tuples."""
        if workers <= 1:
            for p in papers:
                yield self.extract(p)
            return
        ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
        texts: dict[int, tuple[str, str]] = {}
        global _PARENT
        forked = ctx.get_start_method() == "fork"
        if forked:
            # forked workers inherit this process's built pipeline (copy-on-write) instead
            # of building their own (~1.5 s of CPU each); frozen objects are left out of
            # the children's garbage collections, so their pages stay shared
            _PARENT = self
            gc.freeze()
        try:
            pool = ctx.Pool(
                workers, initializer=_worker_init, initargs=(self.vocab_dir, self.patterns_dir)
            )
        finally:
            if forked:
                _PARENT = None
                gc.unfreeze()
        with pool:
            for i, plain in pool.imap(_worker_run, _jobs(papers, texts), chunksize=chunksize):
                title, abstract = texts.pop(i)
                yield to_extraction(plain, title, abstract)


def settle_heap() -> None:
    """The pipeline's patterns and vocabularies are long-lived objects that every full
    collection would walk again, and each abstract allocates many short-lived ones: frozen
    out of the collector's sight and with a larger young generation, extraction spends
    less time collecting (session 10: 657 -> 713 abstracts/s, medians of six alternating
    runs of 2,000 corpus abstracts, pure Python). Process-wide, as the extractor's
    processes (kg extract, ingest workers) live for the pipeline anyway."""
    gc.freeze()
    t0, t1, t2 = gc.get_threshold()
    gc.set_threshold(max(t0, 50_000), max(t1, 50), max(t2, 100))


def _jobs(
    papers: Iterable[Paper], texts: dict[int, tuple[str, str]]
) -> Iterator[tuple[int, str, str, str]]:
    """The pool's jobs, keeping each paper's texts for the parent. (A module-level
    generator: the pool's feeder thread runs it, and a closure over `extract_many`'s
    locals failed there once compiled: mypyc's closure environment came back undefined.)"""
    for i, p in enumerate(papers):
        texts[i] = (p.title, p.abstract)
        yield (i, p.key, p.title, p.abstract)


# -- worker side ----------------------------------------------------------------------------
_WORKER: Extractor | None = None
_PARENT: Extractor | None = None  # set in the parent while a fork pool starts


def _worker_init(vocab_dir, patterns_dir) -> None:
    global _WORKER
    if _PARENT is not None and (_PARENT.vocab_dir, _PARENT.patterns_dir) == (
        vocab_dir,
        patterns_dir,
    ):
        _WORKER = _PARENT
    else:
        _WORKER = Extractor(vocab_dir, patterns_dir)


def _worker_run(job):
    i, key, title, abstract = job
    return i, _WORKER.plain(key, title, abstract)


# -- plain -> pydantic ---------------------------------------------------------------------
def _fast_constructor(cls):
    """A constructor for records the extractor made itself (valid by construction) that
    skips `model_construct`'s per-call bookkeeping: ~2.5x faster, ~20 records per paper.
    Every call passes every field (the call sites below; tests compare the records with
    validated ones); a pydantic whose internals differ gets `model_construct` (the
    self-check below runs once, at import)."""
    new = cls.__new__
    setattr_ = object.__setattr__
    # the slots pydantic keeps beside __dict__, set through their descriptors (no name
    # lookup); every record has every field set, so all share one fields-set (pydantic
    # only ever adds a field name to it, already there)
    setters = [
        getattr(BaseModel.__dict__.get(name), "__set__", None)
        for name in ("__pydantic_fields_set__", "__pydantic_extra__", "__pydantic_private__")
    ]
    if not all(setters):  # pragma: no cover - a pydantic without those slots
        return cls.model_construct
    set_fields, set_extra, set_private = setters
    all_fields = set(cls.model_fields)

    def make(**values):
        obj = new(cls)
        setattr_(obj, "__dict__", values)
        set_fields(obj, all_fields)
        set_extra(obj, None)
        set_private(obj, None)
        return obj

    sample = {name: (0 if f.annotation is int else None) for name, f in cls.model_fields.items()}
    try:
        a, b = make(**sample), cls.model_construct(**sample)
        ok = (
            a == b
            and a.model_dump() == b.model_dump()
            and a.__pydantic_fields_set__ == b.__pydantic_fields_set__
            and a.__pydantic_extra__ is None
            and a.__pydantic_private__ is None
        )
    except Exception:  # pragma: no cover - only with another pydantic
        ok = False
    if not ok:  # pragma: no cover
        return cls.model_construct
    return make


_entity = _fast_constructor(Entity)
_mention = _fast_constructor(Mention)
_span = _fast_constructor(Span)
_proposal = _fast_constructor(Proposal)
_evaluation = _fast_constructor(Evaluation)
_hardware_use = _fast_constructor(HardwareUse)
_extraction = _fast_constructor(Extraction)


def _span_factory(text: str, title_len: int, sents: list):
    abs_start = title_len + len(SEP)
    from bisect import bisect_right

    starts = [s for s, _ in sents]
    cache: dict[int, tuple] = {}

    def sent_for(offset: int):
        i = max(0, bisect_right(starts, offset) - 1)
        got = cache.get(i)
        if got is None:
            s, e = sents[i] if sents else (0, len(text))
            got = cache[i] = (s, e, text[s:e])
        return got

    def span(start: int, end: int) -> Span:
        s, e, sent = sent_for(start)
        if end > e and sents:
            # a name the sentence splitter cut ("MR. Judge"): its evidence is both sentences
            e = max(e, sent_for(end - 1)[1])
            sent = text[s:e]
        if start < title_len or not sents:
            return _span(field="title", start=start, end=end, sentence=sent, sentence_start=s)
        off = abs_start
        return _span(
            field="abstract",
            start=start - off,
            end=end - off,
            sentence=sent,
            sentence_start=s - off,
        )

    return span


def to_extraction(plain: tuple, title: str, abstract: str) -> Extraction:
    key, title_len, sents, ents, mentions, props, evals, hws = plain
    text, _ = _compose(title, abstract)
    span = _span_factory(text, title_len, sents)
    entities = {
        eid: _entity(
            id=eid,
            type=t,
            label=label,
            aliases=list(aliases),
            broader=list(broader),
            in_vocabulary=inv,
        )
        for eid, t, label, aliases, broader, inv in ents
    }
    ms = [
        _mention(text=t, entity_id=eid, span=span(s, e), source=src, confidence=round(c, 3))
        for t, eid, s, e, src, c in mentions
    ]
    ps = [_proposal(entity=eid, evidence=span(s, e), confidence=c) for eid, s, e, c in props]
    ev = [
        _evaluation(
            subject=su,
            benchmark=b,
            metric=me,
            value=v,
            unit=u,
            value_text=vt,
            value_kind=vk,
            evidence=span(s, e),
            confidence=c,
            base_models=list(bases),
            index_keys=keys,
        )
        for su, b, me, v, u, vt, vk, s, e, c, bases, keys in evals
    ]
    hw = [
        _hardware_use(hardware=h, subject=su, purpose=p, evidence=span(s, e), confidence=c)
        for h, su, p, s, e, c in hws
    ]
    return _extraction(
        paper_key=key,
        extractor_version=EXTRACTOR_VERSION,
        entities=entities,
        mentions=ms,
        proposes=ps,
        evaluations=ev,
        hardware_use=hw,
    )
