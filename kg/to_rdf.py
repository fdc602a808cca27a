"""Map `Paper` + `Extraction` records to pyoxigraph quads.

Pure functions, no store and no rdflib: this runs once per paper over 60k–1M papers.

* `paper_quads(paper, extraction)` — everything about one paper, in its own named graph
  `paper_graph(paper.key)`: metadata, translations, authors in order, categories, source
  records, a JSON copy of the record (`kg:record`), and, with an extraction, the
  extraction run, the evidence sentences, and the mentions, proposals, evaluations and
  hardware usages that point into them (offsets, confidence). The statements about the
  shared resources it links to, which other papers make identically (each author's
  rdfs:label, each category's skos:notation), go in `SHARED_GRAPH` instead, so that the
  union of the graphs (the SPARQL default graph) holds each triple once.
  Replacing a paper is: drop its graph, add its quads again (shared statements stay).
* `paper_nquads(paper, extraction)` — the same as N-Quads text, written directly (the
  fast path ingest uses; `paper_quads` parses it), split into the body and the
  `kg:record` quad.
* `entity_quads(entities, source)` — the shared entity nodes, for `VOCAB_GRAPH`.
  `paper_quads` says nothing about entities beyond linking to them: the caller emits
  the entities of each extraction (`extraction.entities.values()`) here, deduplicated.
* `ontology_quads()` — ontology/kg.ttl, in `ONTOLOGY_GRAPH`.
* `paper_from_record(json)` — the `kg:record` literal back to a `Paper`.

The model is described in docs/ONTOLOGY.md.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, parse

from kg.models import Entity, Evaluation, Extraction, HardwareUse, Paper, Proposal, Span
from kg.namespaces import (
    DCTERMS,
    ENTITY_TYPES,
    KG,
    ONTOLOGY_GRAPH,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    SHARED_GRAPH,
    SKOS,
    VOCAB_GRAPH,
    XSD,
    author_iri,
    category_iri,
    entity_iri,
    paper_graph,
    paper_iri,
)
from kg.paths import ontology_dir

__all__ = [
    "paper_quads",
    "paper_nquads",
    "entity_quads",
    "ontology_quads",
    "paper_from_record",
    "record_json",
    "mention_span",
    "parse_mention_span",
    "ENTITY_CLASS",
]

# Terms, built once.
_TYPE = RDF.type
_LABEL = RDFS.label
_D_TITLE, _D_ABSTRACT, _D_IDENT = DCTERMS.title, DCTERMS.abstract, DCTERMS.identifier
_D_ISSUED, _D_CREATOR = DCTERMS.issued, DCTERMS.creator
_S_CODE = SCHEMA.codeRepository
_SK_PREF, _SK_ALT, _SK_BROADER, _SK_NOTATION, _SK_CONCEPT = (
    SKOS.prefLabel,
    SKOS.altLabel,
    SKOS.broader,
    SKOS.notation,
    SKOS.Concept,
)
_P_DERIVED, _P_USED = PROV.wasDerivedFrom, PROV.used

_C_PAPER, _C_SOURCE, _C_RUN = KG.Paper, KG.SourceRecord, KG.ExtractionRun

_K_ARXIV, _K_SUMMARY, _K_OTITLE, _K_OABSTRACT = (
    KG.arxivId,
    KG.summary,
    KG.originalTitle,
    KG.originalAbstract,
)
_K_TRUNC, _K_COMMENT, _K_CATEGORY, _K_RECORD = (
    KG.abstractTruncated,
    KG.comment,
    KG.category,
    KG.record,
)
_K_HAS_AUTHORSHIP, _K_AUTHOR, _K_POSITION = KG.hasAuthorship, KG.author, KG.authorPosition
_K_MENTIONS, _K_PROPOSES = KG.mentions, KG.proposes
_K_HAS_MENTION, _K_HAS_PROPOSAL, _K_HAS_EVAL, _K_USES_HW = (
    KG.hasMention,
    KG.hasProposal,
    KG.hasEvaluation,
    KG.usesHardware,
)
_K_MENTIONED, _K_SPAN, _K_PROPOSED = KG.mentionedEntity, KG.span, KG.proposedEntity
_K_HAS_SENTENCE, _K_TEXT, _K_EVIDENCE = KG.hasSentence, KG.text, KG.evidence
_K_SUBJECT_EVAL, _K_BENCH, _K_METRIC = KG.evaluatedSubject, KG.onBenchmark, KG.withMetric
_K_VALUE, _K_UNIT, _K_VALUE_TEXT = KG.value, KG.unit, KG.valueText
_K_HARDWARE, _K_SUBJECT, _K_PURPOSE = KG.hardware, KG.subject, KG.purpose
_K_FIELD, _K_START, _K_END, _K_SSTART, _K_CONF = (
    KG.field,
    KG.startOffset,
    KG.endOffset,
    KG.sentenceStart,
    KG.confidence,
)
_K_FILE, _K_RECNO, _K_FORMAT, _K_VERSION = (
    KG.sourceFile,
    KG.recordNumber,
    KG.sourceFormat,
    KG.extractorVersion,
)
_K_KIND, _K_SOURCE, _K_IN_VOCAB = KG.kind, KG.source, KG.inVocabulary
_K_VALUE_KIND, _K_HIGHER_BETTER = KG.valueKind, KG.higherIsBetter

#: kg:valueKind individual of each kind of value (kg.models.ValueKind)
VALUE_KIND_IRI: dict[str, NamedNode] = {
    k: KG.term(k.capitalize())
    for k in ("score", "improvement", "ratio", "range", "spread", "count")
}
_VALUE_KIND_N = {k: str(v) for k, v in VALUE_KIND_IRI.items()}
T_VALUE_KIND = str(_K_VALUE_KIND)

_XSD_DECIMAL, _XSD_DATE = XSD.decimal, XSD.date
_RDF_JSON = RDF.JSON
_TRUE, _FALSE = Literal(True), Literal(False)

#: rdf:type of each entity type (kg.models.EntityType).
ENTITY_CLASS: dict[str, NamedNode] = {t: KG.term(t) for t in ENTITY_TYPES}


def _decimal(x: float) -> Literal | None:
    """A float as an xsd:decimal literal (`91.2`, never `9.12e1`); None for NaN/inf."""
    if x is None or not math.isfinite(x):
        return None
    text = format(Decimal(repr(float(x))), "f")
    return Literal(text, datatype=_XSD_DECIMAL)


def _iri_or_literal(url: str) -> NamedNode | Literal:
    """A code URL as an IRI; percent-encode what an IRI may not hold; a literal if even
    that fails (schema:codeRepository accepts both)."""
    url = url.strip()
    try:
        return NamedNode(url)
    except ValueError:
        pass
    from urllib.parse import quote

    try:
        return NamedNode(quote(url, safe=":/?#[]@!$&'()*+,;=%-._~"))
    except ValueError:
        return Literal(url)


def _lang_literal(text: str, lang: str) -> Literal | None:
    """A language-tagged literal; `zh_CN` is read as `zh-CN`. None for empty text or a
    tag that is not BCP 47 (the text stays in `kg:record`)."""
    if not text:
        return None
    try:
        return Literal(text, language=lang.strip().replace("_", "-"))
    except ValueError:
        return None


def record_json(paper: Paper) -> str:
    """The JSON stored in `kg:record`: fields at their defaults are left out."""
    return paper.model_dump_json(exclude_defaults=True)


def paper_from_record(literal_value: str) -> Paper:
    """Inverse of the `kg:record` literal: `paper_from_record(record_json(p)) == p`."""
    return Paper.model_validate_json(literal_value)


def paper_quads(
    paper: Paper, extraction: Extraction | None = None, *, mention_nodes: bool = True
) -> list[Quad]:
    """All quads about one paper, in `paper_graph(paper.key)`, and the statements about its
    authors and categories, in `SHARED_GRAPH`: `paper_nquads` parsed.

    About 5 quads per author, 2 per category, 4 per source record and ~10 more for the
    paper itself; with an extraction, 3 for the run, 1 `kg:mentions` edge per distinct
    entity, 4 per evidence sentence (shared by the mentions and facts found in it), 3 per
    mention and 7–11 per proposal, evaluation or hardware usage (docs/ONTOLOGY.md, "Size").
    `mention_nodes=False` leaves out the mention nodes (keeping the `kg:mentions` edges
    and the facts with their evidence) where size matters more than mention-level
    provenance."""
    body, record = paper_nquads(paper, extraction, mention_nodes=mention_nodes)
    return list(parse(body + record, format=RdfFormat.N_QUADS))


# N-Quads text, written directly rather than as pyoxigraph terms serialised (this runs
# 60k-1M times; ~2x faster). A string literal escapes what N-Quads requires: " \ LF CR.
_XSD_INT_SUFFIX = f"^^{XSD.integer}"
_XSD_DEC_SUFFIX = f"^^{_XSD_DECIMAL}"


def _index_keys(subject: str, benchmark: str, entities: dict) -> list[str]:
    """kg:evaluationKey values from the extraction's own entities, for an Evaluation made
    without the extractor's keys (which also follow the vocabulary's broader links)."""
    from kg.extract.vocab import Vocabulary

    return Vocabulary(()).index_keys(
        subject, benchmark, {eid: e.broader for eid, e in entities.items()}
    )


def _s(text: str) -> str:
    """An xsd:string literal in N-Quads."""
    if "\\" in text or '"' in text or "\n" in text or "\r" in text:
        text = (
            text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
        )
    return '"' + text + '"'


def _int(n: int) -> str:
    return f'"{int(n)}"{_XSD_INT_SUFFIX}'


def _dec(x: float) -> str | None:
    if x is None or not math.isfinite(x):
        return None
    return f'"{format(Decimal(repr(float(x))), "f")}"{_XSD_DEC_SUFFIX}'


def _n(node: NamedNode) -> str:
    return str(node)


(
    T_TYPE,
    T_LABEL,
    T_TITLE,
    T_ABSTRACT,
    T_IDENT,
    T_ISSUED,
    T_CREATOR,
    T_CODE,
    T_NOTATION,
    T_DERIVED,
    T_USED,
) = map(
    _n,
    (
        _TYPE,
        _LABEL,
        _D_TITLE,
        _D_ABSTRACT,
        _D_IDENT,
        _D_ISSUED,
        _D_CREATOR,
        _S_CODE,
        _SK_NOTATION,
        _P_DERIVED,
        _P_USED,
    ),
)
T_PAPER, T_SOURCE, T_RUN = map(_n, (_C_PAPER, _C_SOURCE, _C_RUN))
(
    T_ARXIV,
    T_SUMMARY,
    T_OTITLE,
    T_OABSTRACT,
    T_TRUNC,
    T_COMMENT,
    T_CATEGORY,
    T_RECORD,
    T_HAS_AUTHORSHIP,
    T_AUTHOR,
    T_POSITION,
    T_MENTIONS,
    T_PROPOSES,
    T_HAS_MENTION,
    T_HAS_PROPOSAL,
    T_HAS_EVAL,
    T_USES_HW,
    T_MENTIONED,
    T_SPAN,
    T_PROPOSED,
    T_HAS_SENTENCE,
    T_TEXT,
    T_EVIDENCE,
    T_SUBJECT_EVAL,
    T_BENCH,
    T_METRIC,
    T_VALUE,
    T_UNIT,
    T_VALUE_TEXT,
    T_HARDWARE,
    T_SUBJECT,
    T_PURPOSE,
    T_FIELD,
    T_START,
    T_END,
    T_SSTART,
    T_CONF,
    T_FILE,
    T_RECNO,
    T_FORMAT,
    T_VERSION,
) = map(
    _n,
    (
        _K_ARXIV,
        _K_SUMMARY,
        _K_OTITLE,
        _K_OABSTRACT,
        _K_TRUNC,
        _K_COMMENT,
        _K_CATEGORY,
        _K_RECORD,
        _K_HAS_AUTHORSHIP,
        _K_AUTHOR,
        _K_POSITION,
        _K_MENTIONS,
        _K_PROPOSES,
        _K_HAS_MENTION,
        _K_HAS_PROPOSAL,
        _K_HAS_EVAL,
        _K_USES_HW,
        _K_MENTIONED,
        _K_SPAN,
        _K_PROPOSED,
        _K_HAS_SENTENCE,
        _K_TEXT,
        _K_EVIDENCE,
        _K_SUBJECT_EVAL,
        _K_BENCH,
        _K_METRIC,
        _K_VALUE,
        _K_UNIT,
        _K_VALUE_TEXT,
        _K_HARDWARE,
        _K_SUBJECT,
        _K_PURPOSE,
        _K_FIELD,
        _K_START,
        _K_END,
        _K_SSTART,
        _K_CONF,
        _K_FILE,
        _K_RECNO,
        _K_FORMAT,
        _K_VERSION,
    ),
)
T_EVAL_KEY = _n(KG.evaluationKey)
T_BASE_MODEL = _n(KG.baseModel)
_T_TRUE = str(_TRUE)
_T_JSON_SUFFIX = f"^^{_RDF_JSON}"
_T_DATE_SUFFIX = f"^^{_XSD_DATE}"


def paper_nquads(
    paper: Paper,
    extraction: Extraction | None = None,
    *,
    mention_nodes: bool = True,
    shared: list[str] | None = None,
) -> tuple[str, str]:
    """Everything about one paper as N-Quads text, in two parts: all quads but the
    `kg:record` one, and that one (the marker ingest writes last).

    The paper's own nodes are described in its graph; the statements about the shared
    resources it links to (an author's rdfs:label, a category's skos:notation), which
    every paper linking to them makes identically, are quads in `SHARED_GRAPH`. Given a
    `shared` list, those lines are appended to it and the body holds the paper's graph
    only; without one they end the body."""
    key = paper.key
    if extraction is not None and extraction.paper_key != key:
        raise ValueError(f"extraction is for {extraction.paper_key!r}, paper is {key!r}")
    g = str(paper_graph(key))
    p_iri = paper_iri(key).value
    p = f"<{p_iri}>"
    base = p_iri + "/"  # paper parts: <paper>/<part>/<n>
    out: list[str] = []
    add = out.append

    def q(s: str, pred: str, o: str) -> None:
        add(f"{s} {pred} {o} {g} .\n")

    sh: list[str] = [] if shared is None else shared
    sg = str(SHARED_GRAPH)

    def qs(s: str, pred: str, o: str) -> None:
        sh.append(f"{s} {pred} {o} {sg} .\n")

    q(p, T_TYPE, T_PAPER)
    q(p, T_IDENT, _s(key))
    q(p, T_TITLE, _s(paper.title))
    if paper.abstract:
        q(p, T_ABSTRACT, _s(paper.abstract))
    for pred, texts in (
        (T_TITLE, paper.titles),
        (T_ABSTRACT, paper.abstracts),
        (T_SUMMARY, paper.summaries),
    ):
        for lang, text in texts.items():
            lit = _lang_literal(text, lang)
            if lit is not None:
                q(p, pred, str(lit))
    if paper.title_original is not None and paper.title_original != paper.title:
        q(p, T_OTITLE, _s(paper.title_original))
    if paper.abstract_original is not None and paper.abstract_original != paper.abstract:
        q(p, T_OABSTRACT, _s(paper.abstract_original))
    if paper.arxiv_id:
        q(p, T_ARXIV, _s(paper.arxiv_id))
    if paper.abstract_truncated:
        q(p, T_TRUNC, _T_TRUE)
    if paper.published is not None:
        q(p, T_ISSUED, f'"{paper.published.isoformat()}"{_T_DATE_SUFFIX}')
    if paper.comment:
        q(p, T_COMMENT, _s(paper.comment))
    for url in dict.fromkeys(paper.code_urls):
        if url.strip():
            q(p, T_CODE, str(_iri_or_literal(url)))

    for code in dict.fromkeys(paper.categories):
        if not code.strip():
            continue
        c = str(category_iri(code))
        q(p, T_CATEGORY, c)  # typed kg:Category by the range of kg:category
        qs(c, T_NOTATION, _s(code.strip()))  # shared: the same in every paper

    seen_authors: set[str] = set()
    for i, name in enumerate(paper.authors, start=1):
        name = name.strip()
        if not name:
            continue
        a = str(author_iri(name))
        slot = f"<{base}author/{i}>"
        q(p, T_HAS_AUTHORSHIP, slot)  # slot typed kg:Authorship by range only
        q(slot, T_AUTHOR, a)  # author typed kg:Author by the range of kg:author
        q(slot, T_POSITION, _int(i))
        if a not in seen_authors:
            seen_authors.add(a)
            q(p, T_CREATOR, a)
            qs(a, T_LABEL, _s(name))  # shared: the same in every paper of this name

    for i, src in enumerate(paper.sources, start=1):
        sr = f"<{base}source/{i}>"
        q(p, T_DERIVED, sr)
        q(sr, T_TYPE, T_SOURCE)
        q(sr, T_FILE, _s(src.file))
        q(sr, T_RECNO, _int(src.record))
        q(sr, T_FORMAT, _s(src.format))

    if extraction is not None:
        _extraction_nquads(q, p, base, extraction, mention_nodes)
    record = f"{p} {T_RECORD} {_s(record_json(paper))}{_T_JSON_SUFFIX} {g} .\n"
    if shared is None:
        out.extend(sh)
    return "".join(out), record


def mention_span(start: int, end: int, confidence: float, rule: str) -> str:
    """The `kg:span` literal of a mention: "<start> <end> <confidence> <rule>" (a space in
    the rule name becomes `_`)."""
    conf = _decimal(confidence)
    return f"{start} {end} {conf.value if conf is not None else 0} {rule.replace(' ', '_')}"


def parse_mention_span(text: str) -> tuple[int, int, float, str]:
    """Inverse of `mention_span`: (start, end, confidence, rule)."""
    start, end, conf, *rule = text.split(" ", 3)
    return int(start), int(end), float(conf), rule[0] if rule else ""


def _extraction_nquads(q, p: str, base: str, ex: Extraction, mention_nodes: bool) -> None:
    # One run per paper: every extracted item and sentence of the paper graph was generated
    # by it and derived from the paper's primary source record (not repeated per node).
    run = f"<{base}extraction>"
    q(run, T_TYPE, T_RUN)
    q(run, T_VERSION, _s(ex.extractor_version))
    q(run, T_USED, p)

    def e(eid: str) -> str:
        return str(entity_iri(eid))

    # kg:mentions: one edge per distinct entity the text refers to, in order of appearance.
    referred: dict[str, None] = {}
    for m in ex.mentions:
        referred[m.entity_id] = None
    for pr in ex.proposes:
        referred[pr.entity] = None
    for ev in ex.evaluations:
        referred[ev.subject] = None
        referred[ev.benchmark] = None
        if ev.metric:
            referred[ev.metric] = None
    for hw in ex.hardware_use:
        referred[hw.hardware] = None
        if hw.subject:
            referred[hw.subject] = None
    for eid in referred:
        q(p, T_MENTIONS, e(eid))

    # Evidence sentences, each once: numbered title first, then by position in the field.
    mentions = ex.mentions if mention_nodes else ()
    facts: list[Proposal | Evaluation | HardwareUse] = [
        *ex.proposes,
        *ex.evaluations,
        *ex.hardware_use,
    ]
    keys = {(m.span.field, m.span.sentence_start, m.span.sentence) for m in mentions}
    keys.update((f.evidence.field, f.evidence.sentence_start, f.evidence.sentence) for f in facts)
    sentence: dict[tuple[str, int, str], str] = {}
    for n, k in enumerate(sorted(keys, key=lambda k: (k[0] != "title", k[0], k[1], k[2])), start=1):
        field, start, text = k
        node = sentence[k] = f"<{base}sentence/{n}>"
        q(p, T_HAS_SENTENCE, node)  # typed kg:Sentence by range
        q(node, T_TEXT, _s(text))
        q(node, T_FIELD, _s(field))
        q(node, T_SSTART, _int(start))

    # Mentions: the sentence links them; offsets, confidence and rule in one kg:span literal.
    for n, m in enumerate(mentions, start=1):
        node = f"<{base}mention/{n}>"
        sp = m.span
        q(sentence[(sp.field, sp.sentence_start, sp.sentence)], T_HAS_MENTION, node)
        q(node, T_MENTIONED, e(m.entity_id))
        q(node, T_SPAN, _s(mention_span(sp.start, sp.end, m.confidence, m.source)))

    def evidence(node: str, span: Span, confidence: float) -> None:
        q(node, T_EVIDENCE, sentence[(span.field, span.sentence_start, span.sentence)])
        q(node, T_START, _int(span.start))
        q(node, T_END, _int(span.end))
        conf = _dec(confidence)
        if conf is not None:
            q(node, T_CONF, conf)

    # Facts: typed by the range of the property that links them to the paper.
    for n, pr in enumerate(ex.proposes, start=1):
        node = f"<{base}proposal/{n}>"
        ent = e(pr.entity)
        q(p, T_PROPOSES, ent)
        q(p, T_HAS_PROPOSAL, node)
        q(node, T_PROPOSED, ent)
        evidence(node, pr.evidence, pr.confidence)

    for n, ev in enumerate(ex.evaluations, start=1):
        node = f"<{base}eval/{n}>"
        q(p, T_HAS_EVAL, node)
        q(node, T_SUBJECT_EVAL, e(ev.subject))
        q(node, T_BENCH, e(ev.benchmark))
        if ev.metric:
            q(node, T_METRIC, e(ev.metric))
        if ev.value is not None:
            val = _dec(ev.value)
            if val is not None:
                q(node, T_VALUE, val)
        if ev.unit:
            q(node, T_UNIT, _s(ev.unit))
        if ev.value_text:
            q(node, T_VALUE_TEXT, _s(ev.value_text))
        if ev.value_kind:  # kg:Score, kg:Improvement, ...: only scores make leaderboards
            q(node, T_VALUE_KIND, _VALUE_KIND_N[ev.value_kind])
        for bm in ev.base_models:
            q(node, T_BASE_MODEL, e(bm))  # the model the evaluated method ran on
        eval_keys = ev.index_keys or [
            key
            for a in (ev.subject, *ev.base_models)
            for key in _index_keys(a, ev.benchmark, ex.entities)
        ]
        for key in eval_keys:  # the evaluation index: one lookup per (subject, benchmark) query
            q(node, T_EVAL_KEY, _s(key))
        evidence(node, ev.evidence, ev.confidence)

    for n, hw in enumerate(ex.hardware_use, start=1):
        node = f"<{base}hw/{n}>"
        q(p, T_USES_HW, node)
        q(node, T_HARDWARE, e(hw.hardware))
        if hw.subject:
            q(node, T_SUBJECT, e(hw.subject))
        q(node, T_PURPOSE, _s(hw.purpose))
        evidence(node, hw.evidence, hw.confidence)


def entity_quads(
    entities: Iterable[Entity | Any], source: str | None = None, graph: NamedNode = VOCAB_GRAPH
) -> list[Quad]:
    """Quads for canonical entities, in `VOCAB_GRAPH` by default.

    Each entity: rdf:type its class and skos:Concept, dcterms:identifier (its id),
    skos:prefLabel, skos:altLabel per alias, skos:broader per parent, kg:inVocabulary,
    kg:source (the entity's own `source` attribute if it has one; else `source` for
    vocabulary entities and "discovered" for `in_vocabulary=False` ones), kg:higherIsBetter
    on a Metric whose direction is known (kg.metric_direction) and kg:kind (if the entity
    has a `kind` attribute). Repeated ids are emitted once; the caller
    deduplicates across calls (e.g. `{e.id: e for ex in batch for e in ex.entities.values()}`).
    """
    out: list[Quad] = []
    add = out.append
    g = graph
    seen: set[str] = set()
    for ent in entities:
        if ent.id in seen:
            continue
        seen.add(ent.id)
        e = entity_iri(ent.id)
        add(Quad(e, _TYPE, ENTITY_CLASS[ent.type], g))
        add(Quad(e, _TYPE, _SK_CONCEPT, g))
        add(Quad(e, _D_IDENT, Literal(ent.id), g))
        add(Quad(e, _SK_PREF, Literal(ent.label), g))
        for alias in dict.fromkeys(ent.aliases):
            if alias and alias != ent.label:
                add(Quad(e, _SK_ALT, Literal(alias), g))
        for parent in dict.fromkeys(ent.broader):
            if parent and parent != ent.id:
                add(Quad(e, _SK_BROADER, entity_iri(parent), g))
        in_vocab = getattr(ent, "in_vocabulary", True)
        src = getattr(ent, "source", None) or (source if in_vocab else "discovered")
        add(Quad(e, _K_IN_VOCAB, _TRUE if in_vocab else _FALSE, g))
        if src:
            add(Quad(e, _K_SOURCE, Literal(src), g))
        kind = getattr(ent, "kind", None)
        if kind:
            add(Quad(e, _K_KIND, Literal(kind), g))
        if ent.type == "Metric":
            hib = higher_is_better(ent.id, ent.label, ent.broader)
            if hib is not None:
                add(Quad(e, _K_HIGHER_BETTER, _TRUE if hib else _FALSE, g))
    return out


def higher_is_better(metric_id: str, label: str, broader=()) -> bool | None:
    from kg.metric_direction import higher_is_better as hib

    return hib(metric_id, label, broader)


def ontology_path() -> Path:
    return ontology_dir() / "kg.ttl"


def ontology_quads(path: Path | None = None) -> list[Quad]:
    """ontology/kg.ttl as quads in `ONTOLOGY_GRAPH` (kg.ttl has no blank nodes, so
    loading it again gives the same quads)."""
    with open(path or ontology_path(), "rb") as f:
        return [
            Quad(t.subject, t.predicate, t.object, ONTOLOGY_GRAPH)
            for t in parse(f, format=RdfFormat.TURTLE)
        ]
