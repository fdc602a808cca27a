"""A store's own discovered names as a gazetteer for the papers ingested after them.

At the start of `kg ingest` into a store that already holds papers, the store's
discovered entities (kg:inVocabulary false) become mined-format concepts: a name is kept
when some stored paper proposes it or `min_papers` papers mention it, with the type most
of those papers gave it (`min_share` of them at least), and when it passes the miner's
name-shape and stoplist filters (kg.vocab_mine); a bare Method/Metric acronym only if a
stored paper introduced it, a name many papers each coin not at all; at most
`max_names`, the best-attested. They are written to a JSONL file that
kg.extract.vocab loads below the curated and the committed mined concepts
(`KG_VOCAB_EXTRA`), so the extractor recognises "a name an earlier paper introduced" in
the later ones, with the type the earlier papers decided.

Off with `KG_STORE_GAZETTEER=0`. Cost: two aggregate SPARQL queries over the store and
one extractor rebuild (see docs/extraction-log.md, round 11).
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

log = logging.getLogger(__name__)

ENV = "KG_STORE_GAZETTEER"
EXTRA_ENV = "KG_VOCAB_EXTRA"  # read by kg.extract.vocab.extra_files

_QUERY = """
PREFIX kg: <https://w3id.org/kg/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?id ?label (COUNT(DISTINCT ?p) AS ?n) WHERE {
  GRAPH <https://w3id.org/kg/id/graph/vocab> {
    ?e kg:inVocabulary false ; dcterms:identifier ?id ; skos:prefLabel ?label }
  GRAPH ?g { ?p kg:%s ?e }
} GROUP BY ?id ?label
"""


def enabled() -> bool:
    return os.environ.get(ENV, "1") not in ("0", "false", "no", "off")


def store_concepts(
    store, min_papers: int = 2, min_share: float = 0.75, max_names: int = 20_000
) -> list[dict]:
    """The store's discovered names that pass the thresholds, as vocabulary concepts
    (`"source": "mined"`, with `papers`, `proposed` and `votes`)."""
    from kg.extract.normalise import PREFIX_TYPE, match_key
    from kg.vocab_mine import (
        Thresholds,
        default_stoplist,
        is_acronym,
        is_phrase,
        name_shape_ok,
        stopped,
    )

    mentioned: dict[str, tuple[str, int]] = {}
    proposed: dict[str, int] = {}
    for pred, table in (("mentions", mentioned), ("proposes", proposed)):
        for row in store.query(_QUERY % pred):
            eid, label, n = row["id"].value, row["label"].value, int(row["n"].value)
            table[eid] = (label, n) if pred == "mentions" else n  # type: ignore[assignment]
    th = Thresholds(min_papers=min_papers, min_share=min_share, stoplist=default_stoplist())
    groups: dict[str, list[str]] = defaultdict(list)
    for eid, (label, _n) in mentioned.items():
        if eid.split("/", 1)[0] in PREFIX_TYPE:
            groups[match_key(label)].append(eid)
    out = []
    for ids in groups.values():
        votes: Counter = Counter()
        for eid in ids:
            votes[PREFIX_TYPE[eid.split("/", 1)[0]]] += mentioned[eid][1]
        etype, top = votes.most_common(1)[0]
        total = sum(votes.values())
        n_prop = sum(proposed.get(eid, 0) for eid in ids)
        if (n_prop == 0 and total < min_papers) or top / total < min_share:
            continue
        if n_prop >= 2 and n_prop / total > th.max_coined:
            continue  # many papers each coining the name for their own thing
        best = max(
            (eid for eid in ids if PREFIX_TYPE[eid.split("/", 1)[0]] == etype),
            key=lambda eid: (mentioned[eid][1], eid),
        )
        label = mentioned[best][0]
        if not name_shape_ok(label, th) or stopped(label, th):
            continue
        if is_phrase(label) and (etype not in th.phrase_types or total < th.min_papers_phrase):
            continue  # a lower-case phrase: as the miner keeps them (kg.vocab_mine)
        if n_prop == 0 and etype in th.no_acronyms and is_acronym(label):
            continue  # "SNR", "MIMO": a field's acronym, unless a stored paper introduced it
        out.append(
            {
                "id": best,
                "type": etype,
                "prefLabel": label,
                "source": "mined",
                "papers": total,
                "proposed": n_prop,
                "votes": dict(votes),
            }
        )
    # the best-attested first, at most `max_names` (each is a phrase-matcher pattern)
    out.sort(key=lambda c: (-c["proposed"], -c["papers"], c["id"]))
    return out[:max_names]


def use(store, directory: Path | None = None) -> Path | None:
    """Write the store's gazetteer and point the extractors at it (`KG_VOCAB_EXTRA`, read
    when an extractor is built: in this process and in workers started afterwards).
    Nothing for an empty store or with `KG_STORE_GAZETTEER=0`. Returns the file."""
    if not enabled():
        return None
    t0 = time.perf_counter()
    try:
        published = _published(store)
        if published is None:
            return None
        try:
            if not published.has_papers():
                return None
            concepts = store_concepts(published)
        finally:
            if published is not store:
                published.close()
    except Exception as e:  # a gazetteer is a help, never a reason for an ingest to fail
        log.warning("store gazetteer skipped: %s", e)
        return None
    if not concepts:
        return None
    fd, name = tempfile.mkstemp(
        prefix="kg_store_gazetteer_", suffix=".jsonl", dir=str(directory) if directory else None
    )
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        for c in concepts:
            fh.write(json.dumps(c, ensure_ascii=False) + "\n")
    os.environ[EXTRA_ENV] = name
    _forget_extractor()
    log.info(
        "store gazetteer: %d names in %.2f s -> %s", len(concepts), time.perf_counter() - t0, name
    )
    return Path(name)


def _published(store):
    """The store as its last completed ingest published it (kg.store_generations), read
    under a lease; None when nothing is published yet. Never the live directory: after a
    killed ingest it holds that run's papers, and a rerun that learned names from them
    would not extract what the uninterrupted run did (crash-exact ingest). A store opened
    some other way (read-only, remote) is used as it is."""
    from kg.store import KGStore
    from kg.store_generations import LIVE, NoGeneration, current

    if not isinstance(store, KGStore) or store.read_only:
        return store
    try:
        if current(store.path).id == LIVE:
            return None  # no ingest has finished into this store under generations
    except NoGeneration:
        return None
    return KGStore(store.path, read_only=True)


def release(path: Path | None) -> None:
    """After the ingest: the file removed, the extractors back to the committed vocabulary."""
    if path is None:
        return
    if os.environ.get(EXTRA_ENV) == str(path):
        del os.environ[EXTRA_ENV]
    Path(path).unlink(missing_ok=True)
    _forget_extractor()


def _forget_extractor() -> None:
    """An extractor built in this process before (kg.workers keeps one) has the vocabulary
    of then: the next one is built with the current one."""
    from kg import workers

    if getattr(workers, "_EXTRACTOR", None) is not None:
        workers._EXTRACTOR = None
