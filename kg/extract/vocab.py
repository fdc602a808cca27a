"""Vocabularies: the canonical concepts under ontology/vocab/*.jsonl (format in that
folder's README), loaded once per process and indexed by normalised label."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kg.extract.normalise import singular_slug, slug
from kg.models import ENTITY_TYPES, Entity
from kg.paths import StrPath, vocab_dir

log = logging.getLogger(__name__)


@dataclass
class Concept:
    id: str
    type: str
    label: str
    aliases: list[str] = field(default_factory=list)
    broader: list[str] = field(default_factory=list)
    kind: str | None = None
    match: bool = True
    case_sensitive: bool = False
    source: str = "curated"

    def labels(self) -> list[str]:
        return [self.label, *self.aliases]

    def entity(self) -> Entity:
        return Entity(
            id=self.id,
            type=self.type,
            label=self.label,
            aliases=list(self.aliases),  # type: ignore[arg-type]
            broader=list(self.broader),
            in_vocabulary=True,
        )


class Vocabulary:
    """All concepts, by id, with lookups from normalised labels."""

    def __init__(self, concepts: Iterable[Concept]) -> None:
        self.by_id: dict[str, Concept] = {}
        for c in concepts:
            old = self.by_id.get(c.id)
            if old is None:
                self.by_id[c.id] = c
            else:  # the same id in two files: union of labels and parents
                old.aliases.extend(a for a in c.labels() if a not in old.labels())
                old.broader.extend(b for b in c.broader if b not in old.broader)
        # slug of every label -> concept ids (for linking discovered spellings)
        self.by_slug: dict[str, list[str]] = {}
        for c in self.by_id.values():
            if not c.match:
                continue
            for lab in c.labels():
                for key in {slug(lab), singular_slug(lab, c.type != "Model")}:
                    ids = self.by_slug.setdefault(key, [])
                    if c.id not in ids:
                        ids.append(c.id)

    def __len__(self) -> int:
        return len(self.by_id)

    def lookup(self, text: str, etype: str | None = None) -> str | None:
        """Concept id whose label normalises like `text` (of type `etype` if given).
        Memoised: the same few thousand names come back paper after paper."""
        key = (text, etype)
        try:
            return self._memo[key]
        except KeyError:
            pass
        except AttributeError:
            self._memo: dict = {}
        if len(self._memo) >= 200_000:
            self._memo.clear()
        found = self._memo[key] = self._lookup(text, etype)
        return found

    def _lookup(self, text: str, etype: str | None) -> str | None:
        for key in (slug(text), singular_slug(text, etype != "Model")):
            ids = self.by_slug.get(key)
            if not ids:
                continue
            if etype is None:
                return ids[0]
            for cid in ids:
                if self.by_id[cid].type == etype:
                    return cid
        return None

    def ancestors(self, eid: str, local_broader: dict | None = None) -> list[str]:
        """`eid` and every concept above it through skos:broader (the paper's own
        discovered entities' links in `local_broader` first, then the vocabulary's),
        nearest first, each once: what `skos:broader*` reaches from `eid` in the graph."""
        out = [eid]
        seen = {eid}
        i = 0
        while i < len(out):
            cur = out[i]
            i += 1
            parents = (local_broader or {}).get(cur)
            if parents is None:
                c = self.by_id.get(cur)
                parents = c.broader if c is not None else ()
            for b in parents:
                if b and b not in seen:
                    seen.add(b)
                    out.append(b)
        return out

    def index_keys(
        self, subject: str, benchmark: str, local_broader: dict | None = None
    ) -> list[str]:
        """The kg:evaluationKey values of an evaluation: "<a> <b>" for every `a` in the
        subject's ancestors and `b` in the benchmark's (`ancestors`, both sides)."""
        return [
            f"{a} {b}"
            for a in self.ancestors(subject, local_broader)
            for b in self.ancestors(benchmark, local_broader)
        ]

    def entities(self) -> list[Entity]:
        return [c.entity() for c in self.by_id.values()]


def _concept(raw: dict, where: str) -> Concept | None:
    try:
        cid, ctype, label = raw["id"], raw["type"], raw["prefLabel"]
    except KeyError as e:
        log.warning("%s: concept without %s, skipped", where, e)
        return None
    if ctype not in ENTITY_TYPES or not isinstance(label, str) or not label.strip():
        log.warning("%s: bad type or label in %r, skipped", where, cid)
        return None
    alts = [
        a for a in raw.get("altLabels", []) or [] if isinstance(a, str) and a.strip() and a != label
    ]
    return Concept(
        id=cid,
        type=ctype,
        label=label,
        aliases=list(dict.fromkeys(alts)),
        broader=list(raw.get("broader", []) or []),
        kind=raw.get("kind"),
        match=bool(raw.get("match", True)),
        case_sensitive=bool(raw.get("case_sensitive", False)),
        source=raw.get("source", "curated"),
    )


def load_concepts(directory: Path) -> list[Concept]:
    out: list[Concept] = []
    for path in sorted(Path(directory).glob("*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            for i, line in enumerate(fh, 1):
                line = line.strip()
                if not line or line.startswith("//"):
                    continue
                try:
                    raw = json.loads(line)
                except json.JSONDecodeError:
                    log.warning("%s:%d: not JSON, skipped", path, i)
                    continue
                c = _concept(raw, f"{path.name}:{i}")
                if c is not None:
                    out.append(c)
    return out


@lru_cache(maxsize=8)
def load_vocabulary(directory: StrPath | None = None) -> Vocabulary:
    """The vocabulary under `directory` (default: the project's ontology/vocab)."""
    return Vocabulary(load_concepts(Path(directory) if directory else vocab_dir()))


def all_vocab_entities(directory: StrPath | None = None) -> list[Entity]:
    """Every vocabulary concept as an `Entity` (for the graph writer)."""
    return load_vocabulary(str(directory) if directory else None).entities()
