"""ontology/kg.ttl and ontology/shapes.ttl: they parse, every term is documented, and the
shapes accept what kg.to_rdf emits and reject broken graphs."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from pyshacl import validate
from rdflib import OWL, RDF, RDFS, Graph, Literal, Namespace, URIRef
from test_to_rdf import example_entities, example_extraction, example_paper

from kg.namespaces import KG as KG_NS
from kg.paths import ontology_dir
from kg.to_rdf import entity_quads, ontology_quads, paper_quads

KG = Namespace(str(KG_NS))
DCTERMS = Namespace("http://purl.org/dc/terms/")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
SH = Namespace("http://www.w3.org/ns/shacl#")
ID = "https://w3id.org/kg/id/"


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ontology_dir() / "kg.ttl", format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(ontology_dir() / "shapes.ttl", format="turtle")


def _kg_terms(g: Graph, kinds) -> set[URIRef]:
    return {
        s
        for k in kinds
        for s in g.subjects(RDF.type, k)
        if isinstance(s, URIRef) and str(s).startswith(str(KG))
    }


def to_rdflib(quads) -> Graph:
    """Quads (any graphs) → one rdflib Graph, the union of their triples."""
    triples = [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
    g = Graph()
    g.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode(), format="nt")
    return g


def example_graph() -> Graph:
    paper = example_paper()
    ex = example_extraction(paper)
    return to_rdflib(paper_quads(paper, ex) + entity_quads(ex.entities.values(), source="curated"))


def shacl(data: Graph, shapes: Graph):
    conforms, results, text = validate(
        data, shacl_graph=shapes, inference="none", allow_warnings=False
    )
    return conforms, results, text


def _failing_paths(results: Graph) -> set[str]:
    return {str(p) for p in results.objects(None, SH.resultPath)}


# --------------------------------------------------------------------------- ontology


def test_ontology_parses_and_is_an_owl_ontology(ontology):
    assert (URIRef("https://w3id.org/kg/ontology"), RDF.type, OWL.Ontology) in ontology
    assert len(ontology) > 100


def test_expected_terms_exist(ontology):
    classes = _kg_terms(ontology, [OWL.Class])
    for name in [
        "Paper",
        "Author",
        "Authorship",
        "Category",
        "Entity",
        "Model",
        "Method",
        "Benchmark",
        "Hardware",
        "Metric",
        "ExtractedItem",
        "Mention",
        "Proposal",
        "Evaluation",
        "HardwareUsage",
        "SourceRecord",
        "ExtractionRun",
        "Sentence",
    ]:
        assert KG[name] in classes, name
    props = _kg_terms(ontology, [OWL.ObjectProperty, OWL.DatatypeProperty])
    for name in [
        "proposes",
        "mentions",
        "hasMention",
        "hasProposal",
        "hasEvaluation",
        "usesHardware",
        "evaluatedSubject",
        "onBenchmark",
        "withMetric",
        "value",
        "unit",
        "purpose",
        "hardware",
        "subject",
        "arxivId",
        "abstractTruncated",
        "hasSentence",
        "text",
        "evidence",
        "span",
        "startOffset",
        "endOffset",
        "sentenceStart",
        "field",
        "confidence",
        "record",
        "summary",
        "category",
        "hasAuthorship",
        "author",
        "authorPosition",
        "proposedEntity",
        "mentionedEntity",
        "extractorVersion",
    ]:
        assert KG[name] in props, name


def test_every_term_has_label_and_comment(ontology):
    terms = _kg_terms(
        ontology,
        [
            OWL.Class,
            OWL.ObjectProperty,
            OWL.DatatypeProperty,
            OWL.AnnotationProperty,
            OWL.NamedIndividual,
        ],
    )
    assert len(terms) > 50
    for t in terms:
        assert ontology.value(t, RDFS.label) is not None, f"{t} has no rdfs:label"
        assert ontology.value(t, RDFS.comment) is not None, f"{t} has no rdfs:comment"
    # and nothing kg: is used in the ontology without being declared
    used = {
        x for trip in ontology for x in trip if isinstance(x, URIRef) and str(x).startswith(str(KG))
    }
    assert used <= terms


def test_alignments(ontology):
    sub = lambda c, sup: (KG[c], RDFS.subClassOf, URIRef(sup)) in ontology  # noqa: E731
    assert sub("Paper", "https://schema.org/ScholarlyArticle")
    assert sub("Paper", "http://purl.org/spar/fabio/ResearchPaper")
    assert sub("Model", "http://www.w3.org/ns/mls#Model")
    assert sub("Method", "http://www.w3.org/ns/mls#Algorithm")
    assert sub("Benchmark", "http://www.w3.org/ns/mls#Dataset")
    assert sub("Metric", "http://www.w3.org/ns/mls#EvaluationMeasure")
    assert sub("Evaluation", "http://www.w3.org/ns/mls#ModelEvaluation")
    assert sub("Entity", str(SKOS.Concept))
    assert sub("ExtractionRun", "http://www.w3.org/ns/prov#Activity")


def test_ontology_terms_used_by_to_rdf_are_declared(ontology):
    """Every kg: predicate and class that to_rdf emits is in kg.ttl."""
    g = example_graph()
    declared = _kg_terms(ontology, [OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty])
    used = {p for p in g.predicates() if str(p).startswith(str(KG))}
    used |= {o for o in g.objects(None, RDF.type) if str(o).startswith(str(KG))}
    assert used <= declared, used - declared


def test_ontology_loads_into_pyoxigraph():
    store = ox.Store()
    store.extend(ontology_quads())
    assert len(store) > 100


# --------------------------------------------------------------------------- shapes


def test_shapes_parse(shapes):
    node_shapes = set(shapes.subjects(RDF.type, SH.NodeShape))
    targets = {o for s in node_shapes for o in shapes.objects(s, SH.targetClass)}
    for name in [
        "Paper",
        "Author",
        "Category",
        "Model",
        "Method",
        "Benchmark",
        "Hardware",
        "Metric",
        "Mention",
        "Proposal",
        "Evaluation",
        "HardwareUsage",
        "SourceRecord",
        "ExtractionRun",
        "Authorship",
        "Sentence",
    ]:
        assert KG[name] in targets, name
    for s in node_shapes:
        assert shapes.value(s, RDFS.label) is not None and shapes.value(s, RDFS.comment) is not None


def test_example_conforms(shapes):
    conforms, _, text = shacl(example_graph(), shapes)
    assert conforms, text


def test_minimal_paper_conforms(shapes):
    from kg.models import Paper

    conforms, _, text = shacl(to_rdflib(paper_quads(Paper(title="Only a title"))), shapes)
    assert conforms, text


def _broken(edit) -> Graph:
    g = example_graph()
    edit(g)
    return g


def _node(kind: str, n: int = 1) -> URIRef:
    return URIRef(f"{ID}paper/2511.01234/{kind}/{n}")


# one edit each, and the property path the shapes must report
BROKEN = [
    (
        "evaluation_without_benchmark",
        lambda g: g.remove((_node("eval"), KG.onBenchmark, None)),
        KG.onBenchmark,
    ),
    (
        "hardware_usage_with_bad_purpose",
        lambda g: g.set((_node("hw"), KG.purpose, Literal("fun"))),
        KG.purpose,
    ),
    (
        "hardware_usage_without_hardware",
        lambda g: g.remove((_node("hw"), KG.hardware, None)),
        KG.hardware,
    ),
    (
        "paper_without_title",
        lambda g: g.remove((URIRef(f"{ID}paper/2511.01234"), DCTERMS.title, None)),
        DCTERMS.title,
    ),
    (
        "mention_with_start_after_end",
        lambda g: g.set((_node("mention"), KG.span, Literal("500 24 0.9 vocab"))),
        KG.span,
    ),
    (
        "mention_with_bad_span",
        lambda g: g.set((_node("mention"), KG.span, Literal("13 24 1.5 vocab"))),
        KG.span,
    ),
    ("mention_without_span", lambda g: g.remove((_node("mention"), KG.span, None)), KG.span),
    (
        "fact_span_outside_its_sentence",
        lambda g: g.set((_node("eval"), KG.startOffset, Literal(3))),
        KG.startOffset,
    ),
    (
        "fact_without_evidence",
        lambda g: g.remove((_node("proposal"), KG.evidence, None)),
        KG.evidence,
    ),
    ("sentence_without_text", lambda g: g.remove((_node("sentence"), KG.text, None)), KG.text),
    (
        "entity_without_preflabel",
        lambda g: g.remove((URIRef(f"{ID}benchmark/gsm8k"), SKOS.prefLabel, None)),
        SKOS.prefLabel,
    ),
    (
        "confidence_out_of_range",
        lambda g: g.set((_node("proposal"), KG.confidence, Literal(1.5))),
        KG.confidence,
    ),
]


@pytest.mark.parametrize("edit,path", [c[1:] for c in BROKEN], ids=[c[0] for c in BROKEN])
def test_broken_example_fails_on_its_path(shapes, edit, path):
    conforms, results, _ = shacl(_broken(edit), shapes)
    assert not conforms and str(path) in _failing_paths(results)


def test_evaluation_on_a_non_benchmark_fails(shapes):
    def edit(g):
        g.remove((_node("eval"), KG.onBenchmark, None))
        g.add((_node("eval"), KG.onBenchmark, URIRef(f"{ID}hardware/h200")))

    conforms, results, _ = shacl(_broken(edit), shapes)
    assert not conforms and str(KG.onBenchmark) in _failing_paths(results)


def test_evaluation_bad_value_or_unit_fails(shapes):
    def edit(g):
        g.set((_node("eval"), KG.value, Literal("ninety-one")))
        g.set((_node("eval"), KG.unit, Literal("percent")))

    conforms, results, _ = shacl(_broken(edit), shapes)
    assert not conforms
    assert {str(KG.value), str(KG.unit)} <= _failing_paths(results)


def test_paper_with_two_untagged_titles_fails(shapes):
    paper = URIRef(f"{ID}paper/2511.01234")
    g = _broken(lambda g: g.add((paper, DCTERMS.title, Literal("Another title"))))
    conforms, _, _ = shacl(g, shapes)
    assert not conforms


def test_all_entities_of_example_are_typed(shapes):
    """Every entity the example paper links to is described in the vocabulary part."""
    g = example_graph()
    linked = set(g.objects(None, KG.mentions)) | set(g.objects(None, KG.onBenchmark))
    for e in linked:
        assert g.value(e, SKOS.prefLabel) is not None, e
    assert {str(e.id) for e in example_entities()} >= {str(e)[len(ID) :] for e in linked}
