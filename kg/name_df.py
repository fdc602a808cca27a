"""How common a name is in the corpus: document frequencies for the candidate typer.

Why: whether the annotators count a vocabulary term as an entity depends much on how
generic it is ("data augmentation", "latency" are everywhere; "clDice" is not), and the
corpus says that without any labels. Counted over the shared corpus's abstracts, the
evaluation sets' papers left out (kg.vocab_mine.DEFAULT_EXCLUDE, by title):
- `labels`: papers whose text holds each vocabulary label (as lower-case alphanumeric
  word sequences, so "Chain-of-Thought" = "chain of thought");
- `words`: papers holding each lower-case word, for words in at least `min_word_df`.
Written to ontology/models/name_df.json by `kg train-typer --build-df CORPUS`.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

_TOKEN = re.compile(r"[a-z0-9]+")
MAX_WORDS = 6


def key_of(name: str) -> str:
    return " ".join(_TOKEN.findall(name.lower()))


def _records(path: Path) -> Iterable[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if line:
                yield json.loads(line)


def build(corpus: Iterable[Path], labels: Iterable[str], min_word_df: int = 20) -> dict:
    """The frequency tables (see module doc) over the corpus files, eval papers left out."""
    from kg.evaluate import title_match_key
    from kg.vocab_mine import DEFAULT_EXCLUDE, exclusion_titles

    root = Path(__file__).resolve().parent.parent
    excluded, _ = exclusion_titles(DEFAULT_EXCLUDE, root)
    keys = {k for k in (key_of(lab) for lab in labels) if k and len(k.split()) <= MAX_WORDS}
    firsts = {k.split()[0] for k in keys}
    label_df: Counter[str] = Counter()
    word_df: Counter[str] = Counter()
    n = 0
    for path in corpus:
        for rec in _records(path):
            if title_match_key(rec.get("title", "")) in excluded:
                continue
            n += 1
            toks = _TOKEN.findall(
                ((rec.get("title") or "") + " " + (rec.get("abstract") or "")).lower()
            )
            word_df.update(set(toks))
            found = set()
            for i, t in enumerate(toks):
                if t not in firsts:
                    continue
                for j in range(i + 1, min(i + MAX_WORDS, len(toks)) + 1):
                    k = " ".join(toks[i:j])
                    if k in keys:
                        found.add(k)
            label_df.update(found)
    return {
        "papers": n,
        "labels": dict(sorted(label_df.items())),
        "words": {w: c for w, c in sorted(word_df.items()) if c >= min_word_df},
    }


class NameDF:
    """Lookups into the tables; buckets by powers of ten."""

    def __init__(self, data: dict) -> None:
        self.labels: dict[str, int] = data.get("labels", {})
        self.words: dict[str, int] = data.get("words", {})

    @classmethod
    def load(cls, path: Path) -> NameDF:
        if not path.exists():
            return cls({})
        return cls(json.loads(path.read_text(encoding="utf-8")))

    @staticmethod
    def bucket(n: int) -> str:
        return "0" if n <= 0 else str(min(len(str(n)), 4))

    def features(self, name: str) -> list[str]:
        k = key_of(name)
        toks = k.split()
        if not toks:
            return []
        f = ["df=" + self.bucket(self.labels.get(k, 0))]
        f.append("head_df=" + self.bucket(self.words.get(toks[-1], 0)))
        if len(toks) > 1:
            f.append("first_df=" + self.bucket(self.words.get(toks[0], 0)))
        return f
