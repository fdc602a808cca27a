"""Lower-case technique names the corpus defines with an acronym, for `kg vocab mine`.

The mined gazetteer (kg/vocab_mine.py) holds names the extractor discovered, so a
lower-case technique the extractor misses ("vector quantization", "answer set
programming") never enters it. A different corpus-level signal is precise: other papers
define the phrase with an acronym ("vector quantization (VQ)"). Generic phrases are
defined that way too ("transfer learning (TL)", "language modeling (LM)", "few-shot
learning (FSL)"), but in a small share of the papers that write them (1-7%, against
10-90% for a technique's name): `min_rate` keeps them out, and a stoplisted generic
modifier before the head ("zero-shot learning", "reinforcement fine-tuning"). Only
phrases ending in a technique head (ontology/patterns/acronym_terms.json) are kept
(round 30).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from kg.extract.acronyms import find_definitions

MIN_PAPERS = 3  # papers defining the phrase with an acronym
MIN_RATE = 0.1  # of the papers writing the phrase, the share that define it
MAX_WORDS = 4


@dataclass
class TermCount:
    defined: int = 0  # papers with "phrase (ACR)" or "Phrase (ACR)"
    examples: list[str] = field(default_factory=list)  # ids of the first defining papers
    lower: bool = False  # some paper defines it in lower case
    written: int = 0  # papers writing the phrase at all (singular or plural)


def technique_heads() -> frozenset[str]:
    """The heads a mined lower-case term must end with (data, not code)."""
    from kg.extract.rules import patterns_dir

    data = json.loads((patterns_dir() / "acronym_terms.json").read_text(encoding="utf-8"))
    return frozenset(data["heads"])


def _phrase_ok(label: str, heads: frozenset[str]) -> bool:
    words = label.split()
    if not 2 <= len(words) <= MAX_WORDS:
        return False
    if any(ch.isdigit() for ch in label) or not re.fullmatch(r"[a-z][a-z\- ]*[a-z]", label):
        return False
    return words[-1].split("-")[-1] in heads


def generic_modifier(label: str, stopped: Callable[[str], bool]) -> bool:
    """A stoplisted generic term before a process head is still generic: "zero-shot
    learning" (ZSL), "reinforcement learning fine-tuning" (the guidelines' zero-shot,
    reinforcement learning, fine-tuning)."""
    return stopped(label.rsplit(" ", 1)[0])


def two_names(label: str, known: Callable[[str], bool]) -> bool:
    """Two known names run together ("chain-of-thought supervised fine-tuning"): the
    extractor keeps them apart, a gazetteer entry would swallow both."""
    words = label.split()
    return any(
        known(" ".join(words[:i])) and known(" ".join(words[i:])) for i in range(1, len(words))
    )


def defined_terms(texts: Iterable[tuple[str, str]], heads: frozenset[str]) -> dict[str, TermCount]:
    """Long forms of acronym definitions, lower-cased, with the papers defining each in
    any case ("Vector Quantization (VQ)" too); kept later only when some paper defines
    the phrase in lower case (`lower`)."""
    out: dict[str, TermCount] = {}
    for pid, text in texts:
        seen = set()
        for d in find_definitions(text):
            written = " ".join(d.long.split())
            label = written.lower()
            if label in seen or not _phrase_ok(label, heads):
                continue
            seen.add(label)
            t = out.setdefault(label, TermCount())
            t.defined += 1
            if len(t.examples) < 3:
                t.examples.append(pid)
            t.lower = t.lower or written == label
    return out


def count_written(texts: Iterable[tuple[str, str]], terms: dict[str, TermCount]) -> None:
    """Papers writing each term in any case (plural too): the denominator of the rate."""
    if not terms:
        return
    names = sorted(terms, key=len, reverse=True)
    pat = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, names)) + r")s?(?![\w-])")
    for _pid, text in texts:
        for name in set(pat.findall(" ".join(text.split()).lower())):
            terms[name].written += 1


def acronym_terms(
    texts: Callable[[], Iterable[tuple[str, str]]],
    known: Callable[[str], bool],
    stopped: Callable[[str], bool],
    min_papers: int = MIN_PAPERS,
    min_rate: float = MIN_RATE,
) -> list[dict]:
    """Mined Method concepts for the lower-case technique names `texts` ((paper id,
    text) pairs, read twice) define with an
    acronym in >= `min_papers` papers and in >= `min_rate` of the papers writing them;
    `known` (curated or already mined) and `stopped` labels are left out."""
    terms = defined_terms(texts(), technique_heads())
    terms = {
        k: v
        for k, v in terms.items()
        if v.lower
        and v.defined >= min_papers
        and not known(k)
        and not stopped(k)
        and not generic_modifier(k, stopped)
        and not two_names(k, known)
    }
    count_written(texts(), terms)
    from kg.extract.normalise import match_key

    out, keys = [], set()
    # of spellings folding alike ("multiple-instance learning"), the best attested
    for label in sorted(terms, key=lambda k: (-terms[k].defined, -terms[k].written, k)):
        t = terms[label]
        if t.defined < min_rate * max(t.written, t.defined) or match_key(label) in keys:
            continue
        keys.add(match_key(label))
        out.append(
            {
                "id": "method/" + label.replace(" ", "-"),
                "type": "Method",
                "prefLabel": label,
                "source": "mined",
                "papers": t.written,
                "defined_with_acronym": t.defined,
                "votes": dict(Counter({"Method": t.defined})),
                "examples": sorted(t.examples),
                "written_in": t.written,
            }
        )
    return sorted(out, key=lambda c: c["prefLabel"])
