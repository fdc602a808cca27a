"""kg.to_rdf: quads per paper in the paper's own graph, literals, order, provenance, IRIs.

`python tests/test_to_rdf.py` prints the example paper as Turtle (docs/ONTOLOGY.md)."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.models import (
    Entity,
    Evaluation,
    Extraction,
    HardwareUse,
    Mention,
    Paper,
    Proposal,
    SourceRef,
    Span,
)
from kg.namespaces import (
    ID,
    KG,
    ONTOLOGY_GRAPH,
    RDFS,
    SHARED_GRAPH,
    SKOS,
    SPARQL_PREFIXES,
    TURTLE_PREFIXES,
    VOCAB_GRAPH,
    author_iri,
    category_iri,
    entity_id_from_iri,
    entity_iri,
    paper_graph,
    paper_iri,
    paper_key_from_iri,
)
from kg.to_rdf import entity_quads, ontology_quads, paper_from_record, paper_quads, record_json

TITLE = "MathStar: Scaling Verifier-Guided Reasoning for Small Language Models"
ABSTRACT = (
    "We introduce MathStar-8B, a small language model trained with verifier-guided "
    "reinforcement learning. Starting from Llama 3.1 8B, MathStar-8B reaches 91.2% "
    "accuracy on GSM8K. All models were trained on 64 NVIDIA H200 GPUs."
)


def _span(text: str, field: str = "abstract") -> Span:
    """The span of `text` in the abstract, with its sentence."""
    source = ABSTRACT if field == "abstract" else TITLE
    start = source.index(text)
    s_start = source.rfind(". ", 0, start)
    s_start = 0 if s_start < 0 else s_start + 2
    s_end = source.find(". ", start)
    s_end = len(source) if s_end < 0 else s_end + 1
    return Span(
        field=field,
        start=start,
        end=start + len(text),
        sentence=source[s_start:s_end],
        sentence_start=s_start,
    )


def example_paper(**changes) -> Paper:
    data = dict(
        title=TITLE,
        abstract=ABSTRACT,
        arxiv_id="2511.01234",
        titles={
            "ja": "MathStar: 小規模言語モデルのための検証器誘導推論のスケーリング",
            "zh": "MathStar：为小型语言模型扩展验证器引导的推理",
        },
        abstracts={"zh": "我们提出了 MathStar-8B，一个小型语言模型。"},
        summaries={"zh": "MathStar-8B 在 GSM8K 上达到 91.2% 的准确率。"},
        authors=["Ana García-López", "Wei Zhang", "Björn Þórsson"],
        categories=["cs.CL", "cs.LG"],
        comment="Accepted at ICLR 2026. 9 pages",
        published=dt.date(2025, 11, 3),
        code_urls=["https://github.com/example/mathstar"],
        sources=[SourceRef(file="arxiv-2025-11.jsonl", record=4821, format="jsonl")],
    )
    data.update(changes)
    return Paper(**data)


def example_entities() -> list[Entity]:
    return [
        Entity(id="model/mathstar-8b", type="Model", label="MathStar-8B", in_vocabulary=False),
        Entity(
            id="model/llama-3.1-8b",
            type="Model",
            label="Llama 3.1 8B",
            aliases=["Llama-3.1-8B", "LLaMA 3.1 8B"],
            broader=["model/llama-3.1"],
        ),
        Entity(id="model/llama-3.1", type="Model", label="Llama 3.1", broader=["model/llama"]),
        Entity(id="model/llama", type="Model", label="Llama", aliases=["LLaMA"]),
        Entity(
            id="method/reinforcement-learning",
            type="Method",
            label="reinforcement learning",
            aliases=["RL"],
        ),
        Entity(id="benchmark/gsm8k", type="Benchmark", label="GSM8K", aliases=["GSM-8K"]),
        Entity(id="metric/accuracy", type="Metric", label="accuracy", aliases=["acc"]),
        Entity(
            id="hardware/h200",
            type="Hardware",
            label="NVIDIA H200",
            aliases=["H200"],
            broader=["hardware/arch-hopper"],
        ),
        Entity(
            id="hardware/arch-hopper",
            type="Hardware",
            label="Hopper",
            broader=["hardware/vendor-nvidia"],
        ),
        Entity(id="hardware/vendor-nvidia", type="Hardware", label="NVIDIA"),
    ]


def example_extraction(paper: Paper | None = None) -> Extraction:
    paper = paper or example_paper()
    ents = {e.id: e for e in example_entities()}

    def mention(text, eid, source="vocab", conf=0.95, at=None):
        span = _span(text) if at is None else at
        return Mention(text=text, entity_id=eid, span=span, source=source, confidence=conf)

    second = ABSTRACT.index("MathStar-8B reaches")
    return Extraction(
        paper_key=paper.key,
        extractor_version="kg-extract 0.1.0+vocab.2025-11",
        entities=ents,
        mentions=[
            mention("MathStar-8B", "model/mathstar-8b", source="proposal", conf=0.9),
            mention("reinforcement learning", "method/reinforcement-learning"),
            mention("Llama 3.1 8B", "model/llama-3.1-8b"),
            mention("GSM8K", "benchmark/gsm8k"),
            mention("accuracy", "metric/accuracy", conf=0.8),
            mention("H200", "hardware/h200"),
        ],
        proposes=[
            Proposal(entity="model/mathstar-8b", evidence=_span("MathStar-8B"), confidence=0.9)
        ],
        evaluations=[
            Evaluation(
                subject="model/mathstar-8b",
                benchmark="benchmark/gsm8k",
                metric="metric/accuracy",
                value=91.2,
                unit="%",
                value_text="91.2%",
                value_kind="score",
                evidence=Span(
                    field="abstract",
                    start=second,
                    end=ABSTRACT.index(" on GSM8K") + 9,
                    sentence=_span("91.2%").sentence,
                    sentence_start=_span("91.2%").sentence_start,
                ),
                confidence=0.85,
            )
        ],
        hardware_use=[
            HardwareUse(
                hardware="hardware/h200",
                purpose="training",
                evidence=_span("64 NVIDIA H200 GPUs"),
                confidence=0.9,
            )
        ],
    )


def example_quads() -> list[ox.Quad]:
    paper = example_paper()
    ex = example_extraction(paper)
    return paper_quads(paper, ex) + entity_quads(ex.entities.values(), source="curated")


def _store(quads) -> ox.Store:
    store = ox.Store()
    store.extend(quads)
    return store


def _select(store: ox.Store, query: str) -> list[dict[str, str]]:
    res = store.query(SPARQL_PREFIXES + query, use_default_graph_as_union=True)
    return [
        {v.value: sol[v].value if sol[v] is not None else None for v in res.variables}
        for sol in res
    ]


# --------------------------------------------------------------------------- tests


def test_all_paper_quads_in_the_papers_own_graph():
    """The paper's own nodes in its graph; what every paper naming an author or category
    states alike (rdfs:label, skos:notation) in the shared graph, so that the union of the
    graphs (the SPARQL default graph) holds it once (issue #18)."""
    paper = example_paper()
    quads = paper_quads(paper, example_extraction(paper))
    assert quads
    assert {q.graph_name for q in quads} == {paper_graph("2511.01234"), SHARED_GRAPH}
    shared = [q for q in quads if q.graph_name == SHARED_GRAPH]
    assert {q.predicate for q in shared} == {RDFS.label, SKOS.notation}
    assert len(shared) == 3 + 2  # 3 authors, 2 categories
    assert {str(q.subject).split("/")[-2] for q in shared} == {"author", "category"}
    own = {q.subject for q in quads if q.graph_name != SHARED_GRAPH}
    assert not own & {q.subject for q in shared}  # nothing about them in the paper graph
    assert paper_graph("2511.01234") != paper_iri("2511.01234")
    # entities are not described in the paper graph, only linked
    assert not [q for q in quads if q.subject == entity_iri("model/mathstar-8b")]


def test_quad_count_is_modest():
    paper = example_paper()
    assert len(paper_quads(paper)) == 37  # 3 authors, 2 categories, 3 languages
    ex = example_extraction(paper)
    full = paper_quads(paper, ex)
    # + run 3, 6 kg:mentions edges, 3 sentences x 4, 6 mentions x 3, proposal 7,
    # evaluation 12 (with kg:valueKind)
    # + 1 index key (no broader links in this example), hardware usage 7
    assert len(full) == 37 + 3 + 6 + 12 + 18 + 7 + 12 + 1 + 7
    assert [q.object.value for q in full if q.predicate == KG.evaluationKey] == [
        f"{ev.subject} {ev.benchmark}" for ev in ex.evaluations
    ]
    lean = paper_quads(paper, ex, mention_nodes=False)
    # every sentence also holds a fact, so only the mention nodes go
    assert len(lean) == len(full) - 3 * len(ex.mentions)
    assert not [q for q in lean if q.predicate in (KG.hasMention, KG.mentionedEntity, KG.span)]
    assert len([q for q in lean if q.predicate == KG.mentions]) == 6
    assert len([q for q in lean if q.predicate == KG.hasSentence]) == 3


def test_sentences_are_stated_once_and_only_with_evidence():
    paper = example_paper()
    ex = example_extraction(paper)
    quads = paper_quads(paper, ex)
    texts = [q.object.value for q in quads if q.predicate == KG.text]
    assert len(texts) == len(set(texts)) == 3
    # the lean form keeps only sentences that hold a fact
    ex.hardware_use = []
    lean = paper_quads(paper, ex, mention_nodes=False)
    assert len([q for q in lean if q.predicate == KG.text]) == 2
    # no per-node provenance: one run, one source link (the paper's)
    assert len([q for q in quads if q.predicate.value.endswith("wasDerivedFrom")]) == 1
    assert not [q for q in quads if q.predicate.value.endswith("wasGeneratedBy")]


def test_mention_span_round_trip():
    from kg.to_rdf import mention_span, parse_mention_span

    assert mention_span(13, 24, 0.9, "vocab") == "13 24 0.9 vocab"
    assert parse_mention_span("13 24 0.9 vocab") == (13, 24, 0.9, "vocab")
    assert parse_mention_span(mention_span(0, 5, 1.0, "odd rule")) == (0, 5, 1.0, "odd_rule")


def test_entity_quads_in_vocab_graph():
    quads = entity_quads(example_entities(), source="curated")
    assert {q.graph_name for q in quads} == {VOCAB_GRAPH}
    store = _store(quads)
    rows = _select(
        store,
        """
        SELECT ?label ?src ?inv WHERE {
          id:model\\/mathstar-8b a kg:Model, skos:Concept ; skos:prefLabel ?label ;
              kg:source ?src ; kg:inVocabulary ?inv }""",
    )
    assert rows == [{"label": "MathStar-8B", "src": "discovered", "inv": "false"}]
    rows = _select(store, "SELECT ?src WHERE { id:model\\/llama a kg:Model ; kg:source ?src }")
    assert rows == [{"src": "curated"}]
    # altLabels and broader
    alts = {
        q.object.value
        for q in quads
        if q.subject == entity_iri("model/llama-3.1-8b") and q.predicate.value.endswith("altLabel")
    }
    assert alts == {"Llama-3.1-8B", "LLaMA 3.1 8B"}
    # repeated ids emitted once
    assert len(entity_quads(example_entities() * 2)) == len(entity_quads(example_entities()))


def test_language_tags():
    store = _store(paper_quads(example_paper()))
    rows = _select(
        store,
        """
        SELECT ?t (LANG(?t) AS ?lang) WHERE { ?p a kg:Paper ; dcterms:title ?t } ORDER BY ?lang""",
    )
    assert [r["lang"] for r in rows] == ["", "ja", "zh"]
    assert rows[0]["t"] == TITLE
    rows = _select(store, "SELECT (LANG(?s) AS ?l) WHERE { ?p kg:summary ?s }")
    assert rows == [{"l": "zh"}]
    rows = _select(
        store,
        """SELECT (LANG(?a) AS ?l) WHERE { ?p dcterms:abstract ?a }
                             ORDER BY ?l""",
    )
    assert [r["l"] for r in rows] == ["", "zh"]


def test_odd_language_tags():
    paper = example_paper(titles={"zh_CN": "标题", "not a tag": "x", "ja": ""})
    langs = sorted(
        q.object.language
        for q in paper_quads(paper)
        if q.predicate.value.endswith("/title") and q.object.language
    )
    assert langs == ["zh-cn"]


def test_docs_queries_run():
    """The SPARQL examples in docs/ONTOLOGY.md run and find the example paper."""
    import re

    blocks = [
        b.split("```", 1)[0] for b in DOCS.read_text(encoding="utf-8").split("```sparql\n")[1:]
    ]
    queries = [q for block in blocks for q in re.split(r"\n(?=# )", block) if "SELECT" in q]
    assert len(queries) >= 5
    store = _store(example_quads())
    for q in queries:
        assert _select(store, q), q.splitlines()[0]


def test_author_order():
    store = _store(paper_quads(example_paper()))
    rows = _select(
        store,
        """
        SELECT ?name ?pos WHERE {
          ?p kg:hasAuthorship ?s . ?s kg:author ?a ; kg:authorPosition ?pos . ?a rdfs:label ?name
        } ORDER BY ?pos""",
    )
    assert [r["name"] for r in rows] == ["Ana García-López", "Wei Zhang", "Björn Þórsson"]
    assert [r["pos"] for r in rows] == ["1", "2", "3"]
    assert author_iri("Ana García-López").value == f"{ID}author/ana-garcia-lopez"
    rows = _select(store, "SELECT (COUNT(?a) AS ?n) WHERE { ?p dcterms:creator ?a }")
    assert rows == [{"n": "3"}]


def test_metadata():
    store = _store(paper_quads(example_paper()))
    rows = _select(
        store,
        """
        SELECT ?id ?arxiv ?date ?comment ?code ?rec WHERE {
          ?p a kg:Paper ; dcterms:identifier ?id ; kg:arxivId ?arxiv ; dcterms:issued ?date ;
             kg:comment ?comment ; schema:codeRepository ?code ; kg:record ?rec }""",
    )
    assert len(rows) == 1
    r = rows[0]
    assert (r["id"], r["arxiv"], r["date"]) == ("2511.01234", "2511.01234", "2025-11-03")
    assert r["code"] == "https://github.com/example/mathstar"
    assert json.loads(r["rec"])["arxiv_id"] == "2511.01234"
    cats = _select(store, "SELECT ?c ?code WHERE { ?p kg:category ?c . ?c skos:notation ?code }")
    assert {r["code"] for r in cats} == {"cs.CL", "cs.LG"}
    assert category_iri("cs.LG").value == f"{ID}category/cs.LG"
    src = _select(
        store,
        """SELECT ?f ?n WHERE { ?p prov:wasDerivedFrom ?s .
                            ?s a kg:SourceRecord ; kg:sourceFile ?f ; kg:recordNumber ?n }""",
    )
    assert src == [{"f": "arxiv-2025-11.jsonl", "n": "4821"}]
    # not truncated: nothing said
    assert not _select(store, "SELECT ?x WHERE { ?p kg:abstractTruncated ?x }")


def test_truncation_and_original_text():
    paper = example_paper(
        abstract_truncated=True,
        title_original="MathStar:  Scaling\n Verifier",
        abstract_original=ABSTRACT + " \\cite{x}",
    )
    store = _store(paper_quads(paper))
    rows = _select(
        store,
        "SELECT ?t ?ot ?oa WHERE { ?p kg:abstractTruncated ?t ; kg:originalTitle ?ot ; "
        "kg:originalAbstract ?oa }",
    )
    assert rows == [
        {"t": "true", "ot": "MathStar:  Scaling\n Verifier", "oa": ABSTRACT + " \\cite{x}"}
    ]
    # an original equal to the cleaned text is not repeated
    same = example_paper(title_original=TITLE)
    assert not [q for q in paper_quads(same) if q.predicate == KG.originalTitle]


def test_record_round_trip():
    paper = example_paper(abstract_truncated=True, abstract_original="raw <b>text</b>")
    lit = next(q.object for q in paper_quads(paper) if q.predicate == KG.record)
    assert lit.datatype.value.endswith("#JSON")
    back = paper_from_record(lit.value)
    assert back == paper
    assert paper_from_record(record_json(Paper(title="Minimal"))) == Paper(title="Minimal")


def test_provenance_offsets_present():
    paper = example_paper()
    ex = example_extraction(paper)
    store = _store(paper_quads(paper, ex))
    # facts: sentence, offsets and confidence; run and source record once, on the paper
    rows = _select(
        store,
        """
        SELECT ?item ?sent ?field ?start ?end ?ss ?conf ?src ?version WHERE {
          ?paper kg:hasProposal|kg:hasEvaluation|kg:usesHardware ?item .
          ?item kg:evidence ?s ; kg:startOffset ?start ; kg:endOffset ?end ; kg:confidence ?conf .
          ?s kg:text ?sent ; kg:field ?field ; kg:sentenceStart ?ss .
          ?paper prov:wasDerivedFrom ?src . ?src a kg:SourceRecord .
          ?run prov:used ?paper ; a kg:ExtractionRun ; kg:extractorVersion ?version . }""",
    )
    assert len(rows) == 1 + 1 + 1
    for r in rows:
        start, end, ss = int(r["start"]), int(r["end"]), int(r["ss"])
        assert ss <= start <= end <= ss + len(r["sent"])
        sent = r["sent"]
        assert ABSTRACT[ss : ss + len(sent)] == sent
        assert 0 <= float(r["conf"]) <= 1
        assert r["version"].startswith("kg-extract")
    # mentions: the span literal's offsets slice the sentence to the surface form, in SPARQL too
    rows = _select(
        store,
        """
        SELECT ?e ?span ?sent ?ss ?surface WHERE {
          ?paper kg:hasSentence ?s . ?s kg:hasMention ?m ; kg:text ?sent ; kg:sentenceStart ?ss .
          ?m kg:mentionedEntity ?e ; kg:span ?span .
          BIND(xsd:integer(STRBEFORE(?span, " ")) AS ?start)
          BIND(xsd:integer(STRBEFORE(STRAFTER(?span, " "), " ")) AS ?end)
          BIND(SUBSTR(?sent, ?start - ?ss + 1, ?end - ?start) AS ?surface) }""",
    )
    assert len(rows) == len(ex.mentions) == 6
    from kg.to_rdf import parse_mention_span

    by_entity = {m.entity_id: m for m in ex.mentions}
    for r in rows:
        m = by_entity[entity_id_from_iri(r["e"])]
        start, end, conf, rule = parse_mention_span(r["span"])
        ss = int(r["ss"])
        assert r["sent"][start - ss : end - ss] == r["surface"] == m.text
        assert (start, end, conf, rule) == (m.span.start, m.span.end, m.confidence, m.source)


def test_facts_queryable():
    store = _store(example_quads())
    rows = _select(
        store,
        """
        SELECT ?paper ?value ?unit ?metricLabel WHERE {
          ?paper kg:hasEvaluation ?e .
          ?e kg:evaluatedSubject id:model\\/mathstar-8b ; kg:onBenchmark id:benchmark\\/gsm8k ;
             kg:withMetric ?m ; kg:value ?value ; kg:unit ?unit .
          ?m skos:prefLabel ?metricLabel }""",
    )
    assert rows == [
        {"paper": f"{ID}paper/2511.01234", "value": "91.2", "unit": "%", "metricLabel": "accuracy"}
    ]
    rows = _select(
        store,
        """
        SELECT DISTINCT ?paper ?purpose WHERE {
          ?paper kg:usesHardware ?u . ?u kg:hardware ?h ; kg:purpose ?purpose .
          ?h skos:broader* ?v . ?v skos:prefLabel "NVIDIA" }""",
    )
    assert rows == [{"paper": f"{ID}paper/2511.01234", "purpose": "training"}]
    rows = _select(
        store,
        """
        SELECT ?e ?conf WHERE { ?paper kg:proposes ?e ; kg:hasProposal ?pr .
          ?pr kg:proposedEntity ?e ; kg:confidence ?conf }""",
    )
    assert rows == [{"e": entity_iri("model/mathstar-8b").value, "conf": "0.9"}]
    rows = _select(store, "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?p kg:mentions ?e }")
    assert rows == [{"n": "6"}]


def test_value_is_decimal():
    paper = example_paper()
    ex = example_extraction(paper)
    ex.evaluations[0].value = 1e-7
    lit = next(q.object for q in paper_quads(paper, ex) if q.predicate == KG.value)
    assert lit.datatype.value.endswith("#decimal") and lit.value == "0.0000001"
    ex.evaluations[0].value = float("nan")
    assert not [q for q in paper_quads(paper, ex) if q.predicate == KG.value]


def test_extraction_for_another_paper_is_refused():
    paper = example_paper()
    ex = example_extraction(paper)
    ex.paper_key = "2501.00001"
    with pytest.raises(ValueError):
        paper_quads(paper, ex)


@pytest.mark.parametrize(
    "key_kw",
    [
        {"arxiv_id": "hep-th/9901001"},
        {"arxiv_id": None, "title": '100% <Odd> "title" with / slashes & {braces} \\ ...'},
        {"arxiv_id": None, "title": "零样本 学习"},
    ],
)
def test_iris_valid_for_odd_keys(key_kw):
    paper = example_paper(**key_kw)
    quads = paper_quads(paper, example_extraction(paper))
    nq = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    back = list(ox.parse(nq, format=ox.RdfFormat.N_QUADS))
    assert len(back) == len(quads)
    assert paper_key_from_iri(paper_iri(paper.key)) == paper.key
    assert paper_key_from_iri(paper_graph(paper.key)) == paper.key
    for q in quads:
        for t in (q.subject, q.object, q.graph_name):
            if isinstance(t, ox.NamedNode):
                assert " " not in t.value and "<" not in t.value


def test_odd_literals_round_trip():
    """paper_nquads writes N-Quads text itself: quotes, backslashes, line breaks, tabs and
    any Unicode come back exactly."""
    odd = 'He said "x\\y"\nthen\r\tleft 😀 ü \\"'
    paper = example_paper(comment=odd, title_original=odd, authors=[odd, "Ann Lee"])
    quads = paper_quads(paper)
    by_pred = {q.predicate.value.rsplit("#", 1)[-1]: q.object.value for q in quads}
    assert by_pred["comment"] == by_pred["originalTitle"] == odd
    assert odd in {q.object.value for q in quads if q.predicate.value.endswith("label")}
    assert (
        paper_from_record(next(q.object.value for q in quads if q.predicate == KG.record)) == paper
    )


def test_odd_iri_pieces():
    assert paper_iri("hep-th/9901001").value == f"{ID}paper/hep-th%2F9901001"
    assert paper_iri("..").value == f"{ID}paper/%2E%2E"
    assert paper_iri("a%2Fb") != paper_iri("a/b")
    assert entity_iri("model/llama-3.1-8b").value == f"{ID}model/llama-3.1-8b"
    odd = entity_iri("model/GPT 4o <mini>")
    assert odd.value == f"{ID}model/GPT%204o%20%3Cmini%3E"
    assert entity_id_from_iri(odd) == "model/GPT 4o <mini>"
    assert author_iri("张伟").value.startswith(f"{ID}author/%E5%BC%A0")
    assert author_iri("  ").value.startswith(f"{ID}author/h-")
    assert author_iri("José García") == author_iri("Jose Garcia")
    # code URL with a space still gives something valid
    q = paper_quads(example_paper(code_urls=["https://github.com/a b/c"]))
    code = [x.object for x in q if x.predicate.value.endswith("codeRepository")]
    assert code and code[0].value == "https://github.com/a%20b/c"


def test_paper_without_extraction_or_optional_fields():
    quads = paper_quads(Paper(title="Just a title"))
    preds = {q.predicate.value.rsplit("/", 1)[-1].rsplit("#", 1)[-1] for q in quads}
    assert preds == {"type", "identifier", "title", "record"}


def test_ontology_quads_in_ontology_graph_and_idempotent():
    a, b = ontology_quads(), ontology_quads()
    assert a and {q.graph_name for q in a} == {ONTOLOGY_GRAPH}
    assert set(a) == set(b)
    assert not [
        q for q in a if isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode)
    ]


def example_turtle() -> str:
    """The example paper graph and its entities as Turtle (kg:record left out), paper
    first, for docs/ONTOLOGY.md: `python tests/test_to_rdf.py`."""
    import re

    import rdflib

    triples = [
        ox.Triple(q.subject, q.predicate, q.object)
        for q in example_quads()
        if q.predicate != KG.record
    ]
    g = rdflib.Graph(bind_namespaces="none")
    g.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode(), format="nt")
    prefixes = [
        line.removeprefix("@prefix ").removesuffix("> .").split(": <")
        for line in TURTLE_PREFIXES.splitlines()
    ]
    prefixes = [(p, iri) for p, iri in prefixes if p not in ("id", "owl", "fabio", "mls")]

    def order(s):
        v = str(s)
        rank = (
            0
            if v.endswith("/paper/2511.01234")
            else 1
            if "/paper/" in v
            else 2
            if "/author/" in v or "/category/" in v
            else 3
        )
        return (rank, [int(x) if x.isdigit() else x for x in re.split(r"(\d+)", v)])

    blocks = []
    for subj in sorted(set(g.subjects()), key=order):
        sub = rdflib.Graph(bind_namespaces="none")
        for p, iri in prefixes:
            sub.bind(p, iri)
        for t in g.triples((subj, None, None)):
            sub.add(t)
        text = sub.serialize(format="turtle")
        blocks.append(
            "\n".join(ln for ln in text.splitlines() if ln.strip() and not ln.startswith("@prefix"))
        )
    head = f"@base <{ID}> .\n" + "".join(f"@prefix {p}: <{iri}> .\n" for p, iri in prefixes)
    body = "\n\n".join(blocks).replace(f"<{ID}", "<")
    return head + "\n" + body + "\n"


DOCS = Path(__file__).resolve().parent.parent / "docs" / "ONTOLOGY.md"
_START, _END = "<!-- example:start -->", "<!-- example:end -->"


def docs_with_example(text: str) -> str:
    head, rest = text.split(_START, 1)
    _, tail = rest.split(_END, 1)
    return f"{head}{_START}\n```turtle\n{example_turtle()}```\n{_END}{tail}"


def test_docs_example_is_current():
    text = DOCS.read_text(encoding="utf-8")
    assert text == docs_with_example(text), (
        "docs/ONTOLOGY.md example is stale: run `python tests/test_to_rdf.py --update-docs`"
    )
    import rdflib

    block = text.split("```turtle\n", 1)[1].split("```", 1)[0]
    assert len(rdflib.Graph().parse(data=block, format="turtle")) > 100


if __name__ == "__main__":
    if "--update-docs" in sys.argv:
        DOCS.write_text(docs_with_example(DOCS.read_text(encoding="utf-8")), encoding="utf-8")
    else:
        sys.stdout.write(example_turtle())
