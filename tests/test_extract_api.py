"""The Extractor API: provenance, workers, version, gold-format conversion."""

from __future__ import annotations

from kg.extract import EXTRACTOR_VERSION
from kg.gold import to_gold
from kg.models import ENTITY_TYPES, Extraction, Paper

PAPERS = [
    Paper(
        title="ZetaGuard: Latent Guardrails for LLMs",
        abstract="We propose ZetaGuard, a guardrail model. ZetaGuard improves macro-F1 by 8.24 "
        "points over "
        "Llama Guard 3 on MMLU. Sparse autoencoders (SAEs) were trained on a Colab T4 GPU.",
    ),
    Paper(
        title="A study of reasoning",
        abstract="We evaluate Llama 2 and Gemma on GSM8K and MATH500 with CoT.",
    ),
    Paper(title="Empty abstract paper"),
    Paper(title="Another: One", abstract="Nothing to see here.\nJust text."),
]


def test_extract_returns_valid_extraction(ex):
    e = ex.extract(PAPERS[0])
    assert isinstance(e, Extraction)
    assert e.extractor_version == EXTRACTOR_VERSION
    assert e.paper_key == PAPERS[0].key
    Extraction.model_validate(e.model_dump())  # everything built without validation is valid


def test_provenance_offsets_point_at_the_text(ex):
    for p in PAPERS:
        e = ex.extract(p)
        for m in e.mentions:
            src = p.title if m.span.field == "title" else p.abstract
            assert src[m.span.start : m.span.end] == m.text
            assert (
                src[m.span.sentence_start : m.span.sentence_start + len(m.span.sentence)]
                == m.span.sentence
            )
            assert (
                m.span.sentence_start
                <= m.span.start
                < m.span.end
                <= m.span.sentence_start + len(m.span.sentence)
            )
            assert 0 < m.confidence <= 1 and m.source
        for fact in [*e.proposes, *e.evaluations, *e.hardware_use]:
            src = p.title if fact.evidence.field == "title" else p.abstract
            assert src[fact.evidence.start : fact.evidence.end] == fact.evidence.sentence


def test_every_fact_refers_to_known_entities(ex):
    e = ex.extract(PAPERS[0])
    for p in e.proposes:
        assert p.entity in e.entities
    for ev in e.evaluations:
        assert ev.subject in e.entities and ev.benchmark in e.entities
        assert ev.metric is None or e.entities[ev.metric].type == "Metric"
    for h in e.hardware_use:
        assert e.entities[h.hardware].type == "Hardware"


def test_extract_many_matches_single_process(ex):
    one = [x.model_dump() for x in ex.extract_many(PAPERS, workers=1)]
    two = [x.model_dump() for x in ex.extract_many(PAPERS, workers=2, chunksize=1)]
    assert one == two
    assert [x["paper_key"] for x in two] == [p.key for p in PAPERS]


def test_extract_many_with_a_pool_over_many_papers(ex):
    # thousands of jobs through the pool's feeder thread, as ingest and the bench send them
    # (a compiled closure feeding the pool failed here after a few hundred jobs; the
    # short run above passed)
    papers = (PAPERS * (2000 // len(PAPERS) + 1))[:2000]
    two = list(ex.extract_many(papers, workers=2, chunksize=64))
    assert [x.paper_key for x in two] == [p.key for p in papers]
    one = [x.model_dump() for x in ex.extract_many(PAPERS, workers=1)]
    assert [x.model_dump() for x in two[: len(PAPERS)]] == one


def test_to_gold_format(ex):
    rec = to_gold(PAPERS[0], ex.extract(PAPERS[0]), paper_id="p1")
    assert set(rec) == {"id", "title", "entities", "proposes", "evaluations", "hardware_use"}
    assert set(rec["entities"]) == set(ENTITY_TYPES)
    names = {e["name"] for v in rec["entities"].values() for e in v}
    assert "ZetaGuard" in names and "ZetaGuard" in rec["proposes"]
    sae = [e for e in rec["entities"]["Method"] if e["name"].lower().startswith("sparse")][0]
    assert "SAEs" in sae["aliases"]
    ev = [x for x in rec["evaluations"] if x["subject"] == "ZetaGuard"][0]
    assert ev["benchmark"] == "MMLU" and ev["value"] == "8.24 points"
    hw = rec["hardware_use"][0]
    assert hw["purpose"] == "training" and "T4" in hw["hardware"]
    for fact in rec["evaluations"]:
        assert fact["subject"] in names and fact["benchmark"] in names


def test_to_gold_names_vocabulary_entities_by_their_canonical_label(ex):
    """`kg extract` gives canonical names: a linked concept by its preferred label with the
    paper's own spellings as aliases; a discovered name by its longest form in the text."""
    paper = Paper(title="A study", abstract="We evaluate LLaMA-2 and our ZetaLM on GSM8K.")
    rec = to_gold(paper, ex.extract(paper), paper_id="p")
    models = {e["name"]: e["aliases"] for e in rec["entities"]["Model"]}
    assert models["Llama 2"] == ["LLaMA-2"]
    assert "ZetaLM" in models  # discovered: its surface form (a "-Net" name is a Method, 19)
    assert {"subject": "Llama 2", "benchmark": "GSM8K"} in rec["evaluations"]


def test_fast_records_equal_validated_ones():
    # the extractor builds its pydantic records without validation (kg.extract.extractor.
    # _fast_constructor): they must be exactly what validation gives
    from kg.extract import Extractor
    from kg.extract import extractor as mod
    from kg.models import Extraction, Mention, Paper

    assert mod._mention is not Mention.model_construct  # the fast path is in use here
    e = Extractor().extract(
        Paper(
            title="FooNet: a model",
            abstract=(
                "We propose FooNet. FooNet reaches 91.2% accuracy on GSM8K and runs on an H100 GPU "
                "for inference."
            ),
        )
    )
    assert e.mentions and e.evaluations and e.hardware_use and e.proposes
    again = Extraction.model_validate(e.model_dump())
    assert again == e
    assert again.model_dump_json() == e.model_dump_json()
    assert e.model_fields_set == again.model_fields_set


def test_doc_sents_are_the_sentences_the_extraction_cites(ex):
    # the pipeline is a spaCy pipeline: doc.sents gives the sentences the state holds
    # (and the evidence spans of facts come from), the title one of its own
    from kg.extract.extractor import _compose
    from kg.extract.state import STATE_KEY, DocState

    text, title_len = _compose(
        "A title: e.g. X", "We use e.g. LoRA. It works on GSM8K! Really? Yes."
    )
    doc = ex.nlp.make_doc(text)
    doc.user_data[STATE_KEY] = DocState(text, title_len)
    for step in ex._steps:
        doc = step(doc)
    assert [s.text for s in doc.sents] == [
        "A title: e.g. X",
        "We use e.g. LoRA.",
        "It works on GSM8K!",
        "Really?",
        "Yes.",
    ]
    assert [(s.start_char, s.end_char) for s in doc.sents] == doc.user_data[STATE_KEY].sents
