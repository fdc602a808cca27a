"""`kg_relations`: facts over resolved mentions, sentence by sentence.

- proposes: the entities at the proposal spans (cue sentences, title name):
  kg.extract.proposed_entities;
- evaluations: in a sentence naming a Benchmark and reporting an evaluation (a cue verb
  or "on <benchmark>"), each Model/Method named there (or, where none is named, the
  paper's own proposal) is evaluated on each benchmark; a metric and value are added
  where the sentence gives them ("91.2% accuracy on GSM8K", "improves macro-F1 by 8.24
  points over X", "12.9x speedup"): kg.extract.evaluations (its parts in eval_*.py); the
  paper-level reading (the main proposal for sentences that do not name it, base models,
  components that are no subjects) is kg.extract.contribution;
- hardware_use: each device, with the purpose cue nearest to it in its sentence
  ("trained on 8 H100s" -> training, "inference on a T4" -> inference) and the nearest
  model or method as subject: kg.extract.hardware_use.

This module is the spaCy component that runs the three in order.
"""

from __future__ import annotations

from spacy.language import Language

from kg.extract.evaluations import evaluations
from kg.extract.hardware_use import hardware_use, purpose_cues
from kg.extract.proposed_entities import proposes
from kg.extract.rules import load_rules
from kg.extract.state import state_of


class Relations:
    def __init__(self, patterns_dir=None) -> None:
        self.rules = load_rules(patterns_dir)
        self._purpose = purpose_cues(self.rules)

    def __call__(self, doc):
        st = state_of(doc)
        text = st.text
        low = st.low
        st.facts["proposes"] = props = proposes(st)
        pids = [p[0] for p in props]
        st.facts["evaluations"] = evaluations(self.rules, st, text, low, pids, props)
        st.facts["hardware_use"] = hardware_use(self._purpose, st, text, pids)
        return doc


@Language.factory("kg_relations", default_config={"patterns_dir": None})
def make_relations(nlp: Language, name: str, patterns_dir):
    return Relations(patterns_dir)
