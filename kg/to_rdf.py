"""Map `Paper` + `Extraction` records to pyoxigraph quads.

Pure functions, no store and no rdflib: this runs once per paper over 60k–1M papers.

* `paper_quads(paper, extraction)` — everything about one paper, in its own named graph
  `paper_graph(paper.key)`: metadata, translations, authors in order, categories, source
  records, a JSON copy of the record (`kg:record`), and, with an extraction, the
  mentions, proposals, evaluations and hardware usages with evidence and provenance.
  Replacing a paper is: drop its graph, add its quads again.
* `entity_quads(entities, source)` — the shared entity nodes, for `VOCAB_GRAPH`.
  `paper_quads` says nothing about entities beyond linking to them: the caller emits
  the entities of each extraction (`extraction.entities.values()`) here, deduplicated.
* `ontology_quads()` — ontology/kg.ttl, in `ONTOLOGY_GRAPH`.
* `paper_from_record(json)` — the `kg:record` literal back to a `Paper`.

The model is described in docs/ONTOLOGY.md.
"""

from __future__ import annotations

import math
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable, Optional

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, parse

from kg.models import Entity, Extraction, Paper, Span
from kg.namespaces import (
    DCTERMS,
    KG,
    ONTOLOGY_GRAPH,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    SKOS,
    VOCAB_GRAPH,
    XSD,
    author_iri,
    category_iri,
    entity_iri,
    extraction_run_iri,
    paper_graph,
    paper_iri,
    paper_part_iri,
)
from kg.paths import ontology_dir

__all__ = [
    "paper_quads", "entity_quads", "ontology_quads", "paper_from_record", "record_json",
    "ENTITY_CLASS",
]

# Terms, built once.
_TYPE = RDF.type
_LABEL = RDFS.label
_D_TITLE, _D_ABSTRACT, _D_IDENT = DCTERMS.title, DCTERMS.abstract, DCTERMS.identifier
_D_ISSUED, _D_CREATOR = DCTERMS.issued, DCTERMS.creator
_S_CODE = SCHEMA.codeRepository
_SK_PREF, _SK_ALT, _SK_BROADER, _SK_NOTATION, _SK_CONCEPT = (
    SKOS.prefLabel, SKOS.altLabel, SKOS.broader, SKOS.notation, SKOS.Concept)
_P_DERIVED, _P_GENERATED, _P_USED = PROV.wasDerivedFrom, PROV.wasGeneratedBy, PROV.used

_C_PAPER, _C_AUTHOR, _C_CATEGORY = KG.Paper, KG.Author, KG.Category
_C_MENTION, _C_PROPOSAL, _C_EVAL, _C_HW = KG.Mention, KG.Proposal, KG.Evaluation, KG.HardwareUsage
_C_SOURCE, _C_RUN = KG.SourceRecord, KG.ExtractionRun

_K_ARXIV, _K_SUMMARY, _K_OTITLE, _K_OABSTRACT = KG.arxivId, KG.summary, KG.originalTitle, KG.originalAbstract
_K_TRUNC, _K_COMMENT, _K_CATEGORY, _K_RECORD = KG.abstractTruncated, KG.comment, KG.category, KG.record
_K_HAS_AUTHORSHIP, _K_AUTHOR, _K_POSITION = KG.hasAuthorship, KG.author, KG.authorPosition
_K_MENTIONS, _K_PROPOSES = KG.mentions, KG.proposes
_K_HAS_MENTION, _K_HAS_PROPOSAL, _K_HAS_EVAL, _K_USES_HW = (
    KG.hasMention, KG.hasProposal, KG.hasEvaluation, KG.usesHardware)
_K_MENTIONED, _K_SURFACE, _K_RULE, _K_PROPOSED = KG.mentionedEntity, KG.surfaceForm, KG.rule, KG.proposedEntity
_K_SUBJECT_EVAL, _K_BENCH, _K_METRIC = KG.evaluatedSubject, KG.onBenchmark, KG.withMetric
_K_VALUE, _K_UNIT, _K_VALUE_TEXT = KG.value, KG.unit, KG.valueText
_K_HARDWARE, _K_SUBJECT, _K_PURPOSE = KG.hardware, KG.subject, KG.purpose
_K_EVIDENCE, _K_FIELD, _K_START, _K_END, _K_SSTART, _K_CONF = (
    KG.evidenceText, KG.field, KG.startOffset, KG.endOffset, KG.sentenceStart, KG.confidence)
_K_FILE, _K_RECNO, _K_FORMAT, _K_VERSION = KG.sourceFile, KG.recordNumber, KG.sourceFormat, KG.extractorVersion
_K_KIND, _K_SOURCE, _K_IN_VOCAB = KG.kind, KG.source, KG.inVocabulary

_XSD_DECIMAL, _XSD_DATE = XSD.decimal, XSD.date
_RDF_JSON = RDF.JSON
_TRUE, _FALSE = Literal(True), Literal(False)
_FIELD_LIT = {"title": Literal("title"), "abstract": Literal("abstract")}

#: rdf:type of each entity type (kg.models.EntityType).
ENTITY_CLASS: dict[str, NamedNode] = {
    t: KG.term(t) for t in ("Model", "Method", "Benchmark", "Hardware", "Metric")
}


def _decimal(x: float) -> Optional[Literal]:
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


def _lang_literal(text: str, lang: str) -> Optional[Literal]:
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


def paper_quads(paper: Paper, extraction: Optional[Extraction] = None, *,
                mention_nodes: bool = True) -> list[Quad]:
    """All quads about one paper, in `paper_graph(paper.key)`.

    About 6 quads per author, 3 per category, 5 per source record and ~10 more for the
    paper itself; with an extraction, 3 for the run, 1 `kg:mentions` edge per distinct
    entity, 13 per mention, 12–17 per proposal, evaluation or hardware usage.
    `mention_nodes=False` leaves out the kg:Mention nodes (keeping the `kg:mentions`
    edges and the facts with their evidence) where size matters more than
    mention-level provenance."""
    key = paper.key
    if extraction is not None and extraction.paper_key != key:
        raise ValueError(f"extraction is for {extraction.paper_key!r}, paper is {key!r}")
    g = paper_graph(key)
    p = paper_iri(key)
    out: list[Quad] = []
    add = out.append

    add(Quad(p, _TYPE, _C_PAPER, g))
    add(Quad(p, _D_IDENT, Literal(key), g))
    add(Quad(p, _D_TITLE, Literal(paper.title), g))
    if paper.abstract:
        add(Quad(p, _D_ABSTRACT, Literal(paper.abstract), g))
    for pred, texts in ((_D_TITLE, paper.titles), (_D_ABSTRACT, paper.abstracts),
                        (_K_SUMMARY, paper.summaries)):
        for lang, text in texts.items():
            lit = _lang_literal(text, lang)
            if lit is not None:
                add(Quad(p, pred, lit, g))
    if paper.title_original is not None and paper.title_original != paper.title:
        add(Quad(p, _K_OTITLE, Literal(paper.title_original), g))
    if paper.abstract_original is not None and paper.abstract_original != paper.abstract:
        add(Quad(p, _K_OABSTRACT, Literal(paper.abstract_original), g))
    if paper.arxiv_id:
        add(Quad(p, _K_ARXIV, Literal(paper.arxiv_id), g))
    if paper.abstract_truncated:
        add(Quad(p, _K_TRUNC, _TRUE, g))
    if paper.published is not None:
        add(Quad(p, _D_ISSUED, Literal(paper.published.isoformat(), datatype=_XSD_DATE), g))
    if paper.comment:
        add(Quad(p, _K_COMMENT, Literal(paper.comment), g))
    for url in dict.fromkeys(paper.code_urls):
        if url.strip():
            add(Quad(p, _S_CODE, _iri_or_literal(url), g))

    for code in dict.fromkeys(paper.categories):
        if not code.strip():
            continue
        c = category_iri(code)
        add(Quad(p, _K_CATEGORY, c, g))
        add(Quad(c, _TYPE, _C_CATEGORY, g))
        add(Quad(c, _SK_NOTATION, Literal(code.strip()), g))

    seen_authors: set[NamedNode] = set()
    for i, name in enumerate(paper.authors, start=1):
        name = name.strip()
        if not name:
            continue
        a = author_iri(name)
        slot = paper_part_iri(key, "author", i)
        add(Quad(p, _K_HAS_AUTHORSHIP, slot, g))  # slot typed kg:Authorship by range only
        add(Quad(slot, _K_AUTHOR, a, g))
        add(Quad(slot, _K_POSITION, Literal(i), g))
        if a not in seen_authors:
            seen_authors.add(a)
            add(Quad(p, _D_CREATOR, a, g))
            add(Quad(a, _TYPE, _C_AUTHOR, g))
            add(Quad(a, _LABEL, Literal(name), g))

    sources = []
    for i, src in enumerate(paper.sources, start=1):
        s = paper_part_iri(key, "source", i)
        sources.append(s)
        add(Quad(p, _P_DERIVED, s, g))
        add(Quad(s, _TYPE, _C_SOURCE, g))
        add(Quad(s, _K_FILE, Literal(src.file), g))
        add(Quad(s, _K_RECNO, Literal(src.record), g))
        add(Quad(s, _K_FORMAT, Literal(src.format), g))

    add(Quad(p, _K_RECORD, Literal(record_json(paper), datatype=_RDF_JSON), g))

    if extraction is not None:
        _extraction_quads(out, key, p, g, extraction, sources[0] if sources else p,
                          mention_nodes)
    return out


def _evidence(add, node: NamedNode, span: Span, confidence: float, origin: NamedNode,
              run: NamedNode, g: NamedNode) -> None:
    add(Quad(node, _K_EVIDENCE, Literal(span.sentence), g))
    add(Quad(node, _K_FIELD, _FIELD_LIT.get(span.field) or Literal(span.field), g))
    add(Quad(node, _K_START, Literal(span.start), g))
    add(Quad(node, _K_END, Literal(span.end), g))
    add(Quad(node, _K_SSTART, Literal(span.sentence_start), g))
    conf = _decimal(confidence)
    if conf is not None:
        add(Quad(node, _K_CONF, conf, g))
    add(Quad(node, _P_DERIVED, origin, g))
    add(Quad(node, _P_GENERATED, run, g))


def _extraction_quads(out: list[Quad], key: str, p: NamedNode, g: NamedNode,
                      ex: Extraction, origin: NamedNode, mention_nodes: bool) -> None:
    add = out.append
    run = extraction_run_iri(key)
    add(Quad(run, _TYPE, _C_RUN, g))
    add(Quad(run, _K_VERSION, Literal(ex.extractor_version), g))
    add(Quad(run, _P_USED, p, g))

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
        add(Quad(p, _K_MENTIONS, entity_iri(eid), g))

    for n, m in enumerate(ex.mentions if mention_nodes else (), start=1):
        node = paper_part_iri(key, "mention", n)
        add(Quad(node, _TYPE, _C_MENTION, g))
        add(Quad(p, _K_HAS_MENTION, node, g))
        add(Quad(node, _K_MENTIONED, entity_iri(m.entity_id), g))
        add(Quad(node, _K_SURFACE, Literal(m.text), g))
        add(Quad(node, _K_RULE, Literal(m.source), g))
        _evidence(add, node, m.span, m.confidence, origin, run, g)

    for n, pr in enumerate(ex.proposes, start=1):
        node = paper_part_iri(key, "proposal", n)
        e = entity_iri(pr.entity)
        add(Quad(p, _K_PROPOSES, e, g))
        add(Quad(node, _TYPE, _C_PROPOSAL, g))
        add(Quad(p, _K_HAS_PROPOSAL, node, g))
        add(Quad(node, _K_PROPOSED, e, g))
        _evidence(add, node, pr.evidence, pr.confidence, origin, run, g)

    for n, ev in enumerate(ex.evaluations, start=1):
        node = paper_part_iri(key, "eval", n)
        add(Quad(node, _TYPE, _C_EVAL, g))
        add(Quad(p, _K_HAS_EVAL, node, g))
        add(Quad(node, _K_SUBJECT_EVAL, entity_iri(ev.subject), g))
        add(Quad(node, _K_BENCH, entity_iri(ev.benchmark), g))
        if ev.metric:
            add(Quad(node, _K_METRIC, entity_iri(ev.metric), g))
        if ev.value is not None:
            val = _decimal(ev.value)
            if val is not None:
                add(Quad(node, _K_VALUE, val, g))
        if ev.unit:
            add(Quad(node, _K_UNIT, Literal(ev.unit), g))
        if ev.value_text:
            add(Quad(node, _K_VALUE_TEXT, Literal(ev.value_text), g))
        _evidence(add, node, ev.evidence, ev.confidence, origin, run, g)

    for n, hw in enumerate(ex.hardware_use, start=1):
        node = paper_part_iri(key, "hw", n)
        add(Quad(node, _TYPE, _C_HW, g))
        add(Quad(p, _K_USES_HW, node, g))
        add(Quad(node, _K_HARDWARE, entity_iri(hw.hardware), g))
        if hw.subject:
            add(Quad(node, _K_SUBJECT, entity_iri(hw.subject), g))
        add(Quad(node, _K_PURPOSE, Literal(hw.purpose), g))
        _evidence(add, node, hw.evidence, hw.confidence, origin, run, g)


def entity_quads(entities: Iterable[Entity | Any], source: Optional[str] = None,
                 graph: NamedNode = VOCAB_GRAPH) -> list[Quad]:
    """Quads for canonical entities, in `VOCAB_GRAPH` by default.

    Each entity: rdf:type its class and skos:Concept, dcterms:identifier (its id),
    skos:prefLabel, skos:altLabel per alias, skos:broader per parent, kg:inVocabulary,
    kg:source (the entity's own `source` attribute if it has one; else `source` for
    vocabulary entities and "discovered" for `in_vocabulary=False` ones) and kg:kind (if
    the entity has a `kind` attribute). Repeated ids are emitted once; the caller
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
    return out


def ontology_path() -> Path:
    return ontology_dir() / "kg.ttl"


def ontology_quads(path: Optional[Path] = None) -> list[Quad]:
    """ontology/kg.ttl as quads in `ONTOLOGY_GRAPH` (kg.ttl has no blank nodes, so
    loading it again gives the same quads)."""
    with open(path or ontology_path(), "rb") as f:
        return [Quad(t.subject, t.predicate, t.object, ONTOLOGY_GRAPH)
                for t in parse(f, format=RdfFormat.TURTLE)]
