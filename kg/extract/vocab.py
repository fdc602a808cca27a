"""Vocabularies: the canonical concepts under ontology/vocab/*.jsonl (format in that
folder's README), loaded once per process and indexed by normalised label."""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import cast

from kg.extract.normalise import singular_slug, slug
from kg.models import ENTITY_TYPES, Entity
from kg.namespaces import EntityType
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
            type=cast(EntityType, self.type),  # checked against ENTITY_TYPES on load
            label=self.label,
            aliases=list(self.aliases),
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

    def spelled_as(self, cid: str, text: str) -> bool:
        """Whether `text` may name concept `cid`: any spelling of a case-insensitive
        concept, only a label or alias as written of a case-sensitive one (`lookup`
        matches by normalised spelling, which drops the case)."""
        c = self.by_id[cid]
        return not c.case_sensitive or text in c.labels()

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
        """The curated concepts as entities (mined ones enter the graph as discovered
        entities, when a paper mentions them)."""
        return [c.entity() for c in self.by_id.values() if c.source != "mined"]


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


MINED_PREFIX = "mined_"  # ontology/vocab/mined_*.jsonl: `kg vocab mine`'s output (kg.vocab_mine)


def mined_enabled() -> bool:
    """Whether mined_*.jsonl files are loaded (`KG_VOCAB_MINED=0`: curated only, as the
    miner itself extracts)."""
    return os.environ.get("KG_VOCAB_MINED", "1") not in ("0", "false", "no", "off")


def load_concepts(directory: Path, mined: bool | None = None) -> list[Concept]:
    """The concepts of every *.jsonl file under `directory`: the curated files first,
    then (unless `mined` is false; default `mined_enabled()`) the mined_*.jsonl ones,
    each kept only where it does not clash with a curated concept (kg.vocab_mine
    leaves curated names out; the curated files may have grown since)."""
    if mined is None:
        mined = mined_enabled()
    paths = sorted(Path(directory).glob("*.jsonl"))
    curated = [p for p in paths if not p.name.startswith(MINED_PREFIX)]
    out = _read_concepts(curated)
    if mined:
        files = [p for p in paths if p.name.startswith(MINED_PREFIX)]
        # a store's own discovered names (kg.store_gazetteer), after the mined files
        files += [Path(p) for p in extra_files() if Path(p).is_file()]
        extra = _read_concepts(files)
        if extra:
            out.extend(_below_curated(out, extra))
    return out


def extra_files() -> tuple[str, ...]:
    """Further mined-format files to load (`KG_VOCAB_EXTRA`, paths joined by os.pathsep):
    how `kg ingest` hands a store's gazetteer to its extractors, workers included."""
    env = os.environ.get("KG_VOCAB_EXTRA", "")
    return tuple(p for p in env.split(os.pathsep) if p)


def _below_curated(curated: list[Concept], mined: list[Concept]) -> list[Concept]:
    """`mined` concepts that neither share an id with a curated concept nor have a label
    that folds like a curated label (those labels are dropped; the concept too if
    its prefLabel is one; compared by kg.extract.normalise.match_key, which ignores case,
    hyphens and spaces). Mined concepts are always matched case-sensitively."""
    from kg.extract.normalise import match_key

    ids = {c.id for c in curated}
    keys = {match_key(lab) for c in curated if c.match for lab in c.labels()}
    out = []
    for c in mined:
        if c.id in ids or match_key(c.label) in keys:
            continue
        c.aliases = [a for a in c.aliases if match_key(a) not in keys]
        c.source = "mined"
        c.case_sensitive = True
        ids.add(c.id)
        out.append(c)
    return out


def _read_concepts(paths: list[Path]) -> list[Concept]:
    out: list[Concept] = []
    for path in paths:
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


def load_vocabulary(directory: StrPath | None = None) -> Vocabulary:
    """The vocabulary under `directory` (default: the project's ontology/vocab), with
    the mined concepts unless `KG_VOCAB_MINED=0`."""
    return _load_vocabulary(str(directory) if directory else None, mined_enabled(), extra_files())


@lru_cache(maxsize=8)
def _load_vocabulary(directory: str | None, mined: bool, _extra: tuple) -> Vocabulary:
    return Vocabulary(load_concepts(Path(directory) if directory else vocab_dir(), mined))


def all_vocab_entities(directory: StrPath | None = None) -> list[Entity]:
    """Every vocabulary concept as an `Entity` (for the graph writer)."""
    return load_vocabulary(str(directory) if directory else None).entities()
