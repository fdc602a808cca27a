"""Extraction: a paper's title and abstract -> entities, proposals, evaluations and
hardware use, each with sentence-level provenance.

    from kg.extract import Extractor
    ex = Extractor()                      # builds the spaCy pipeline once
    extraction = ex.extract(paper)        # kg.models.Extraction
    for e in ex.extract_many(papers, workers=2): ...

Rule code lives in this package (one module per rule family); the words the rules look
for live in ontology/patterns/*.json; canonical entities in ontology/vocab/*.jsonl.
"""

from kg.extract import native as _native

# before any rule module is imported: the compiled build, if it matches the sources
NATIVE = _native.activate(__path__)

from kg.extract.extractor import EXTRACTOR_VERSION, Extractor  # noqa: E402
from kg.extract.vocab import all_vocab_entities  # noqa: E402

__all__ = ["EXTRACTOR_VERSION", "NATIVE", "Extractor", "all_vocab_entities"]
