"""Names to entities: an IRI, an entity id (`model/llama-3.1-8b`) or any label or alias,
matched ignoring case, accents and punctuation (`LLaMA-3.1 8b` = `Llama 3.1 8B`).

The label index is read from the store once (skos:prefLabel, skos:altLabel, rdfs:label
of the five entity classes, plus skos:broader) and kept in memory; it also answers
variant closures (everything below an entity through skos:broader*) without SPARQL.
"""

from __future__ import annotations

import difflib
import re
import threading
import unicodedata
import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from kg.query.errors import Ambiguous, NotResolved  # noqa: F401 - one error family
from kg.store import pattern_source

# how a name matched, best first: an entity id, a label or alias as written (ignoring
# case), then a label or alias once case, accents and punctuation are dropped, last a
# part of the name (see `Resolver._partial`)
TIER_ID, TIER_EXACT, TIER_NORMALISED, TIER_PART = 0, 1, 2, 3

# a word that makes a name another variant ("Qwen 2.6", "Llama 3 70B", "v2"): a part of a
# name followed by one is not what the name denotes
_VERSION = re.compile(r"^(?:v?\d+(?:\.\d+)*[a-z]?|\d+(?:\.\d+)?[bmkt])$", re.IGNORECASE)
_WORD_SPLIT = re.compile(r"[\s/()\[\],;:]+")

KG = "https://w3id.org/kg/ontology#"
ID = "https://w3id.org/kg/id/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
ENTITY_TYPES = ("Model", "Method", "Benchmark", "Hardware", "Metric")


def norm_key(text: str) -> str:
    """Case-, accent- and punctuation-insensitive key: `Llama-3.1 8B` → `llama318b`."""
    t = unicodedata.normalize("NFKD", text)
    t = "".join(c for c in t if not unicodedata.combining(c)).casefold()
    return "".join(c for c in t if c.isalnum())


@dataclass
class EntityInfo:
    iri: str
    label: str
    type: str
    kind: str | None = None
    aliases: list[str] = field(default_factory=list)
    broader: list[str] = field(default_factory=list)
    narrower: list[str] = field(default_factory=list)


@dataclass
class Resolved:
    iri: str
    label: str
    type: str
    matched: str  # the label or alias the name matched ("" for an IRI)
    tier: int = TIER_ID
    mentions: int = 0
    candidates: list[dict] = field(default_factory=list)  # the others matched as well


class Resolver:
    def __init__(self, store) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._loaded = False
        self.entities: dict[str, EntityInfo] = {}
        self._by_key: dict[str, list[tuple[int, str]]] = {}
        self._labels: dict[str, set[str]] = {}  # lower-cased label -> iris (suggestions)
        self._sorted_keys: list[tuple[str, str]] = []  # (norm label, iri) for prefix search
        self._mentions: dict[str, int] | None = None  # entity IRI -> papers (all, lazily)
        self._mention_cache: dict[str, int] = {}  # the same, per entity asked
        self._mentions_lock = threading.Lock()

    def invalidate(self) -> None:
        with self._lock:
            self._loaded = False

    @property
    def loaded(self) -> bool:
        """Built and current (False until the first `load()` and after `invalidate()`)."""
        return self._loaded

    def _query(self, q: str):
        return self.store.query(q) if not hasattr(self.store, "store") else self.store.query(q)

    def load(self) -> None:
        with self._lock:
            if self._loaded:
                return
            ents: dict[str, EntityInfo] = {}
            raw = pattern_source(self.store)

            def scan(pred: str, obj=None):
                return raw.quads_for_pattern(None, ox.NamedNode(pred), obj, None)

            # straight index scans: far faster than a SPARQL join over every entity
            for t in ENTITY_TYPES:
                for q in scan(RDF_TYPE, ox.NamedNode(KG + t)):
                    if isinstance(q.subject, ox.NamedNode) and q.subject.value not in ents:
                        ents[q.subject.value] = EntityInfo(q.subject.value, "", t)
            for q in scan(SKOS + "prefLabel"):
                info = ents.get(q.subject.value)
                if info is not None and not info.label and isinstance(q.object, ox.Literal):
                    info.label = q.object.value
            for q in scan(KG + "kind"):
                info = ents.get(q.subject.value)
                if info is not None and info.kind is None:
                    info.kind = q.object.value
            for info in ents.values():
                if not info.label:
                    info.label = _fallback_label(info.iri)
            by_key: dict[str, list[tuple[int, str]]] = {}
            labels: dict[str, set[str]] = {}

            def add(text: str, iri: str, prio: int) -> None:
                k = norm_key(text)
                if k:
                    by_key.setdefault(k, []).append((prio, iri))
                labels.setdefault(text.casefold(), set()).add(iri)

            for info in ents.values():
                add(info.label, info.iri, 0)
                if info.iri.startswith(ID):
                    from urllib.parse import unquote

                    eid = unquote(info.iri[len(ID) :])
                    by_key.setdefault("id:" + eid.casefold(), []).append((0, info.iri))
            for pred in (SKOS + "altLabel", RDFS + "label"):
                for q in scan(pred):
                    info = ents.get(q.subject.value)
                    if info is None or not isinstance(q.object, ox.Literal):
                        continue
                    v = q.object.value
                    if v not in info.aliases and v != info.label:
                        info.aliases.append(v)
                        add(v, info.iri, 1)
            for q in scan(SKOS + "broader"):
                a, b = q.subject.value, q.object.value
                if a in ents and b in ents and a != b and b not in ents[a].broader:
                    ents[a].broader.append(b)
                    ents[b].narrower.append(a)
            self._mentions, self._mention_cache = None, {}
            self.entities = ents
            self._by_key = by_key
            self._labels = labels
            self._sorted_keys = sorted((norm_key(i.label), i.iri) for i in ents.values())
            self._loaded = True

    # --- how many papers mention an entity -------------------------------------------
    @property
    def mentions(self) -> dict[str, int]:
        """Papers per mentioned entity, for listings and statistics: one scan of every
        kg:mentions quad, on first use (resolution counts only its candidates)."""
        self.load()
        with self._mentions_lock:
            if self._mentions is None:
                raw = pattern_source(self.store)
                counts: dict[str, int] = {}
                for q in raw.quads_for_pattern(None, ox.NamedNode(KG + "mentions"), None, None):
                    o = q.object.value
                    counts[o] = counts.get(o, 0) + 1
                self._mentions = counts
            return self._mentions

    def mention_count(self, iri: str) -> int:
        """Papers that mention `iri` (an index lookup, cached)."""
        if self._mentions is not None:
            return self._mentions.get(iri, 0)
        n = self._mention_cache.get(iri)
        if n is None:
            raw = pattern_source(self.store)
            n = sum(
                1
                for _ in raw.quads_for_pattern(
                    None, ox.NamedNode(KG + "mentions"), ox.NamedNode(iri), None
                )
            )
            self._mention_cache[iri] = n
        return n

    # --- lookups ------------------------------------------------------------------------
    def get(self, iri: str) -> EntityInfo | None:
        self.load()
        return self.entities.get(iri)

    def resolve(self, name: str, types: Sequence[str] = ()) -> Resolved:
        """The entity a name denotes (of one of `types` if given), or NotResolved."""
        self.load()
        name = (name or "").strip()
        want = set(types)
        if not name:
            raise NotResolved(name, [], types)
        if (
            re.match(r"^[a-zA-Z][a-zA-Z0-9+.\-]*:", name)
            and ("/" in name or name.startswith("urn:"))
            and not re.match(r"^(model|method|benchmark|hardware|metric)/", name)
        ):
            info = self.entities.get(name)
            if info and (not want or info.type in want):
                return Resolved(info.iri, info.label, info.type, "")
            raise NotResolved(name, self.suggest(name, types), types)
        tiers = (
            (TIER_ID, [i for _, i in self._by_key.get("id:" + name.casefold(), [])]),
            (TIER_EXACT, sorted(self._labels.get(name.casefold(), ()))),
            (TIER_NORMALISED, [i for _, i in self._by_key.get(norm_key(name), [])]),
        )
        for tier, iris in tiers:
            ranked = self._rank(name, [i for i in dict.fromkeys(iris) if self._admits(i, want)])
            if not ranked:
                continue
            best = self.entities[ranked[0]]
            own = self._own_version(best, name) if tier != TIER_ID else best
            if own is not best and self._admits(own.iri, want):
                best, ranked = own, [own.iri, *ranked]
            others = [i for i in ranked if i != best.iri]
            if (
                tier != TIER_ID
                and others
                and self.mention_count(others[0]) == self.mention_count(best.iri)
                and self.mention_count(best.iri) > 0
                and others[0] not in self.variants(best.iri)
                and best.iri not in self.variants(others[0])
            ):
                tied = [i for i in ranked if self.mention_count(i) == self.mention_count(best.iri)]
                raise Ambiguous(name, [self.ref(i) for i in tied], types)
            return Resolved(
                best.iri,
                best.label,
                best.type,
                self._matched(best, name),
                tier=tier,
                mentions=self.mention_count(best.iri),
                candidates=[self.ref(i) for i in others[:10]],
            )
        part = self._partial(name, want)
        if part is not None:
            return part
        raise NotResolved(name, self.suggest(name, types), types)

    def _own_version(self, info: EntityInfo, name: str) -> EntityInfo:
        """A version the vocabulary files as an alias of its family ("DenseNet121" of
        DenseNet, "EAGLE3" of EAGLE) is, in papers that write it, an entity of its own below
        the family (the extractor's versioned aliases, GUIDELINES 16): the name denotes that
        entity when the graph has it, as extraction decided; else the family."""
        k = norm_key(name)
        if norm_key(info.label) == k:
            return info
        for n in info.narrower:
            sub = self.entities.get(n)
            if sub is not None and any(norm_key(t) == k for t in (sub.label, *sub.aliases)):
                return sub
        return info

    def _lookup(self, text: str, want: set[str]) -> list[str]:
        """Entities whose label or alias is `text`, ignoring case, else once normalised."""
        iris = sorted(self._labels.get(text.casefold(), ()))
        if not any(self._admits(i, want) for i in iris):
            iris = [i for _, i in self._by_key.get(norm_key(text), [])]
        return [i for i in dict.fromkeys(iris) if self._admits(i, want)]

    def _partial(self, name: str, want: set[str]) -> Resolved | None:
        """A name the graph holds no label for, read as users and papers write it: a
        plural ("Transformers"), or a mentioned entity's name inside a longer one ("the
        2024 GSM8K (grade school) split", "Acme Fraud Graphs" for *Fraud Graphs*,
        "Sparse Routing (Hybrid) Networks" for *Sparse Routing*): the longest part that is
        a label or alias of an
        entity papers mention. Never a part followed by a version or size ("Qwen 2.6" is
        not Qwen), so a variant the graph lacks stays unresolved, with suggestions."""
        cands: list[tuple[int, str, list[str]]] = []  # (length, matched text, iris)
        k = norm_key(name)
        tail = name.rstrip()[-2:].casefold()
        if len(k) > 3 and tail.endswith("s") and tail != "ss":
            single = name.rstrip()[:-1]
            iris = [i for i in self._lookup(single, want) if self.mention_count(i) > 0]
            if iris:
                cands.append((len(k), single, iris))
        words = [w for w in _WORD_SPLIT.split(name) if w]
        for n in range(len(words) - 1, 0, -1):
            if cands:
                break
            for i in range(len(words) - n + 1):
                nxt = words[i + n] if i + n < len(words) else ""
                text = " ".join(words[i : i + n])
                pk = norm_key(text)
                if len(pk) < 3 or pk.isdigit() or _VERSION.match(nxt):
                    continue
                iris = [x for x in self._lookup(text, want) if self.mention_count(x) > 0]
                if iris:
                    cands.append((len(pk), text, iris))
        if not cands:
            return None
        top = max(c[0] for c in cands)
        ranked = self._rank(
            name, list(dict.fromkeys(i for c in cands if c[0] == top for i in c[2]))
        )
        best = self.entities[ranked[0]]
        matched = next(c[1] for c in cands if c[0] == top and best.iri in c[2])
        return Resolved(
            best.iri,
            best.label,
            best.type,
            self._matched(best, matched),
            tier=TIER_PART,
            mentions=self.mention_count(best.iri),
            candidates=[self.ref(i) for i in ranked[1:10]],
        )

    def _admits(self, iri: str, want: set[str]) -> bool:
        info = self.entities.get(iri)
        return info is not None and (not want or info.type in want)

    def _rank(self, name: str, iris: list[str]) -> list[str]:
        """Most mentioned first; then a label over an alias, an entity with variants over
        a leaf, the shorter IRI."""

        def key(iri: str):
            info = self.entities[iri]
            on_label = norm_key(info.label) == norm_key(name)
            return (
                -self.mention_count(iri),
                0 if on_label else 1,
                0 if info.narrower else 1,
                len(iri),
                iri,
            )

        return sorted(iris, key=key)

    @staticmethod
    def _matched(info: EntityInfo, name: str) -> str:
        for text in (info.label, *info.aliases):
            if text.casefold() == name.casefold():
                return text
        k = norm_key(name)
        return next((t for t in (info.label, *info.aliases) if norm_key(t) == k), name)

    def ref(self, iri: str) -> dict:
        info = self.entities.get(iri)
        return {
            "iri": iri,
            "id": _entity_id(iri),
            "label": info.label if info else _fallback_label(iri),
            "type": info.type if info else "Entity",
            "papers": self.mention_count(iri),
        }

    def suggest(self, name: str, types: Sequence[str] = (), n: int = 5) -> list[dict]:
        self.load()
        want = set(types)
        pool = {
            lab: iris
            for lab, iris in self._labels.items()
            if not want or any(self.entities[i].type in want for i in iris)
        }
        close = difflib.get_close_matches(name.casefold(), list(pool), n=n * 2, cutoff=0.5)
        k = norm_key(name)
        if k:  # labels that start with the name, too
            close += [lab for lab in pool if norm_key(lab).startswith(k)][:n]
        out, seen = [], set()
        for lab in close:
            for iri in sorted(pool[lab]):
                info = self.entities[iri]
                if iri in seen or (want and info.type not in want):
                    continue
                seen.add(iri)
                out.append(self.ref(iri))
        out.sort(key=lambda d: -d["papers"])  # stable: closeness, then the graph's evidence
        return out[:n]

    def namesakes(self, iri: str, types: Iterable[str] = ()) -> list[str]:
        """Other entities (of `types`) whose label is this one's, case aside: one name the
        extraction typed two ways in different papers (a Model in one, a Method in
        another), which a lookup by that name means together."""
        self.load()
        info = self.entities.get(iri)
        if info is None:
            return []
        want = set(types)
        key = info.label.casefold()
        return [
            i
            for i in sorted(self._labels.get(key, ()))
            if i != iri
            and (x := self.entities.get(i)) is not None
            and x.label.casefold() == key
            and (not want or x.type in want)
        ]

    def variants(self, iri: str) -> list[str]:
        """The entity and everything below it through skos:broader*."""
        self.load()
        out, stack, seen = [], [iri], set()
        while stack:
            x = stack.pop()
            if x in seen:
                continue
            seen.add(x)
            out.append(x)
            info = self.entities.get(x)
            if info:
                stack.extend(info.narrower)
        return out

    def search(self, prefix: str, types: Iterable[str] = (), limit: int = 20) -> list[EntityInfo]:
        """Entities whose label or alias starts with `prefix` (normalised), labels first."""
        import bisect

        self.load()
        want = set(types)
        k = norm_key(prefix)
        out: list[EntityInfo] = []
        seen: set[str] = set()
        if not k:
            for _, iri in self._sorted_keys:
                info = self.entities[iri]
                if not want or info.type in want:
                    out.append(info)
                    if len(out) >= limit:
                        break
            return out
        exact = [i for p, i in sorted(self._by_key.get(k, []))]
        for iri in exact:
            info = self.entities[iri]
            if iri not in seen and (not want or info.type in want):
                seen.add(iri)
                out.append(info)
        pos = bisect.bisect_left(self._sorted_keys, (k, ""))
        while pos < len(self._sorted_keys) and len(out) < limit:
            key, iri = self._sorted_keys[pos]
            if not key.startswith(k):
                break
            info = self.entities[iri]
            if iri not in seen and (not want or info.type in want):
                seen.add(iri)
                out.append(info)
            pos += 1
        if len(out) < limit:  # aliases
            for key, lst in self._by_key.items():
                if key.startswith(k) and not key.startswith("id:"):
                    for _, iri in lst:
                        info = self.entities[iri]
                        if iri not in seen and (not want or info.type in want):
                            seen.add(iri)
                            out.append(info)
                if len(out) >= limit:
                    break
        return out[:limit]


def _entity_id(iri: str) -> str | None:
    from urllib.parse import unquote

    return unquote(iri[len(ID) :]) if iri.startswith(ID) else None


def _fallback_label(iri: str) -> str:
    from urllib.parse import unquote

    return unquote(iri.rstrip("/").rsplit("/", 1)[-1])


_RESOLVERS: weakref.WeakKeyDictionary[Any, Resolver] = weakref.WeakKeyDictionary()


def resolver_for(store) -> Resolver:
    """One cached resolver per store object, for callers without a `kg.query.KG` (which
    carries its own): the exports and canned queries of scripts."""
    try:
        r = _RESOLVERS.get(store)
        if r is None:
            r = _RESOLVERS[store] = Resolver(store)
    except TypeError:  # a store that cannot be weakly referenced
        r = Resolver(store)
    return r
