"""`kg_candidate_typer`: a small learned model that keeps, drops or retypes the entities
the rules resolved (the last step of the entity stage, before relations).

Why: the rules were tuned on the dev set's conventions and carry over imperfectly; a
multinomial logistic regression over features that generalise
(kg.extract.candidate_features) and trained on every gold set we may tune on corrects
the rules' type or drops a candidate only where it is clearly surer than the rules'
own choice (`margin`). Weights: ontology/models/candidate_typer.json, written by
`kg train-typer` (kg/train_typer.py). Off by default: on with `KG_TYPER=1`; another
weights file with `KG_TYPER_MODEL=path`.
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path

from spacy.language import Language

from kg.extract.candidate_features import FeatureMaker, Mined
from kg.extract.normalise import entity_id
from kg.extract.state import DocState, Mention, state_of
from kg.extract.vocab import Vocabulary, load_vocabulary
from kg.name_df import NameDF
from kg.paths import ontology_dir, vocab_dir

DROP = "DROP"
DEFAULT_MODEL = "models/candidate_typer.json"
DF_TABLE = "models/name_df.json"


def typer_enabled() -> bool:
    """Off unless `KG_TYPER=1`: on the held-out gold sets it gained under 0.01 entity
    F1, overrode rule decisions the guidelines ask for, and cost ~10-18% of extraction
    time (docs/extraction-log.md, round 12)."""
    return os.environ.get("KG_TYPER", "0").strip().lower() in ("1", "on", "true", "yes")


def model_path() -> Path:
    env = os.environ.get("KG_TYPER_MODEL")
    return Path(env) if env else ontology_dir() / DEFAULT_MODEL


class TyperModel:
    """Weights per feature and class; `decide` gives the class to apply, if any."""

    def __init__(self, data: dict) -> None:
        self.classes: list[str] = list(data["classes"])
        self.margin: float = float(data.get("margin", 0.0))
        self.keep_min: float = float(data.get("keep_min", 0.0))
        self.weights: dict[str, tuple[float, ...]] = {
            f: tuple(w) for f, w in data["weights"].items()
        }
        self.frozen: frozenset[str] = frozenset(data.get("frozen_types", []))
        self._static_z: dict[tuple[str, ...], list[float]] = {}

    @classmethod
    def load(cls, path: Path) -> TyperModel:
        return cls(json.loads(path.read_text(encoding="utf-8")))

    def probs_parts(self, static: tuple[str, ...], dynamic: list[str]) -> list[float]:
        """`probs(static + dynamic)`, the static part's sum memoised (the tuples come
        from FeatureMaker.static's memo, so the same name's come back equal)."""
        z = self._static_z.get(static)
        if z is None:
            z = self._sum(static)
            if len(self._static_z) > 100_000:
                self._static_z.clear()
            self._static_z[static] = z
        d = self._sum(dynamic)
        return _softmax([a + b for a, b in zip(z, d, strict=True)])

    def _sum(self, feats) -> list[float]:
        hits = [w for w in map(self.weights.get, feats) if w is not None]
        return [sum(col) for col in zip(*hits, strict=True)] if hits else [0.0] * len(self.classes)

    def probs(self, feats: list[str]) -> list[float]:
        return _softmax(self._sum(feats))

    def decide(self, feats: list[str], current: str) -> str | None:
        """The class to switch to (a type or DROP), or None to keep the rules' type."""
        return self.choose(self.probs(feats), current)

    def choose(self, p: list[float], current: str) -> str | None:
        if current in self.frozen:
            return None
        cur = p[self.classes.index(current)] if current in self.classes else 0.0
        best = max(range(len(p)), key=p.__getitem__)
        choice = self.classes[best]
        if (
            choice != current
            and choice not in self.frozen
            and p[best] > cur  # a tie keeps the rules' type
            and p[best] - cur >= self.margin
        ):
            return choice
        # kept only if the rules' type is likely enough to be right (F1 gains from
        # dropping a candidate whose chance of being right is under about F1/2)
        return DROP if cur < self.keep_min else None


def _softmax(z: list[float]) -> list[float]:
    top = max(z)
    e = [math.exp(v - top) for v in z]
    s = sum(e)
    return [v / s for v in e]


def group_mentions(st: DocState) -> dict[str, list[Mention]]:
    out: dict[str, list[Mention]] = {}
    for m in st.mentions:
        out.setdefault(m.eid, []).append(m)
    return out


def is_proposed(st: DocState, mentions: list[Mention]) -> bool:
    return any(m.start < e and s < m.end for s, e, *_ in st.proposals for m in mentions)


def load_df() -> NameDF:
    return NameDF.load(ontology_dir() / DF_TABLE)


def features_of_state(st: DocState, vocab: Vocabulary, maker: FeatureMaker) -> dict[str, list[str]]:
    """entity id -> features, for every entity the resolver left in the state."""
    by_eid = group_mentions(st)
    out = {}
    for eid, ent in st.entities.items():
        ms = by_eid.get(eid, [])
        concept = vocab.by_id.get(eid)
        out[eid] = maker.entity(
            st, ent, ms, concept.source if concept else None, is_proposed(st, ms)
        )
    return out


def apply_decisions(st: DocState, decisions: dict[str, str]) -> None:
    """Drop or retype entities (entity id -> DROP or a type) and their mentions. A
    retyped entity becomes a discovered one of the new type (its id says the type)."""
    if not decisions:
        return
    ents = st.entities
    new_ids: dict[str, str] = {}
    for eid, choice in decisions.items():
        ent = ents.pop(eid)
        if choice == DROP:
            continue
        nid = entity_id(choice, ent["label"])
        new_ids[eid] = nid
        if nid in ents:  # the paper already has that name with that type: merge
            tgt = ents[nid]
            for s in ent["surfaces"]:
                if s not in tgt["surfaces"]:
                    tgt["surfaces"].append(s)
                if s != tgt["label"] and s not in tgt["aliases"]:
                    tgt["aliases"].append(s)
            continue
        ents[nid] = {**ent, "type": choice, "in_vocabulary": False, "broader": []}
    kept = []
    for m in st.mentions:
        made = decisions.get(m.eid)
        if made is None:
            kept.append(m)
        elif made != DROP:
            nid = new_ids[m.eid]
            kept.append(Mention(m.start, m.end, m.text, nid, ents[nid]["type"], m.source, m.conf))
    st.mentions = kept


class CandidateTyper:
    def __init__(self, vocab_dir_: str | None = None) -> None:
        self.model: TyperModel | None = None
        path = model_path()
        if not typer_enabled() or not path.exists():
            return
        vdir = Path(vocab_dir_) if vocab_dir_ else vocab_dir()
        self.model = TyperModel.load(path)
        self.vocab = load_vocabulary(vocab_dir_)
        self.maker = FeatureMaker(Mined(vdir), load_df())

    def __call__(self, doc):
        model = self.model
        if model is None:
            return doc
        st = state_of(doc)
        if not st.entities:
            return doc
        by_eid = group_mentions(st)
        vocab, maker = self.vocab, self.maker
        decisions: dict[str, str] = {}
        for eid, ent in st.entities.items():
            if ent["type"] in model.frozen:
                continue
            ms = by_eid.get(eid, [])
            concept = vocab.by_id.get(eid)
            static, dynamic = maker.parts(
                st, ent, ms, concept.source if concept else None, is_proposed(st, ms)
            )
            choice = model.choose(model.probs_parts(static, dynamic), ent["type"])
            if choice is not None:
                decisions[eid] = choice
        apply_decisions(st, decisions)
        return doc


@Language.factory("kg_candidate_typer", default_config={"vocab_dir": None})
def make_candidate_typer(nlp: Language, name: str, vocab_dir: str | None):
    return CandidateTyper(vocab_dir)
