"""A known method the paper writes only inside one longer name of its own (round 20).

The title puts a capitalised hyphenated modifier right before a vocabulary Method
('Cross-lingual Chain-of-Thought Reasoning', 'Source-Free Domain Adaptation', 'Cold-Start
Active Learning') and every abstract mention repeats that modifier ('Cross-lingual
chain-of-thought (XCoT) ...'). The text then names the variant, never the technique on
its own, and the annotators list the variant (GUIDELINES: an entity is named by its most
specific surface form); the bare concept is no mention. The round-13 rule (evidence.
title_modifier_tail, in the resolver) already drops such a title match when the abstract
does not name the concept at all.

Only hyphenated modifiers: on corpus titles a plain capitalised adjective is as often a
description ('Large Vision Transformers', 'Robust Unposed 3D Gaussian Splatting') as a
variant's name, a compound modifier mostly a variant's ('Multi-Objective Bayesian
Optimization'). Not adjectival suffixes ('LLM-Based', '-Guided', '-Conditioned'): those
name a use of the concept, which dev's annotators keep ('LLM-based data augmentation');
nor generic settings ('Few-Shot').
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from kg.extract.normalise import match_key

# the capitalised hyphenated word right before a title span
_TITLE_COMPOUND = re.compile(r"(?:^|(?<=[\s:(\"'\u201c]))([A-Z][\w]*-[\w-]+)\s+$")
# suffixes of use besides stoplist.json's adjectival ones ('Gait-Conditioned GAN')
_USE_SUFFIXES = ("-conditioned", "-conditional")
# the word right before a span in a sentence
_WORD = re.compile(r"(?:^|(?<=[\s(\"'\u201c]))([\w][\w-]*)\s+$")


def title_variant_keys(
    st,
    text: str,
    cands: Iterable,
    stop: frozenset,
    adjectival: tuple[str, ...],
    generic: frozenset,
) -> set[str]:
    """Keys (concept id, else match key) of vocabulary Methods written only as the
    title's hyphenated-modifier variant. `stop`: title words that are no modifier;
    `adjectival`: suffixes of use ('-based'); `generic`: match keys of settings too
    generic to make a variant ('Few-Shot Data Augmentation' names data augmentation)."""
    if text.find("-", 0, st.title_len) < 0:
        return set()  # (the modifier is a compound: no hyphen in the title, no variant)
    title, abstract = [], []
    for c in cands:
        if c.type != "Method" or c.source not in ("vocab", "mined"):
            continue
        if c.end <= st.title_len:
            title.append(c)
        elif c.start >= st.abstract_start:
            abstract.append(c)
    if not title or not abstract:
        return set()
    out: set[str] = set()
    for c in title:
        m = _TITLE_COMPOUND.search(text, 0, c.start)
        if m is None:
            continue
        mod = m.group(1)
        low = mod.lower()
        if mod in stop or low.endswith(adjectival) or low.endswith(_USE_SUFFIXES):
            continue
        if match_key(mod) in generic:
            continue
        key = c.cid or match_key(c.text)
        others = [d for d in abstract if (d.cid or match_key(d.text)) == key]
        if others and all(_word_before(st, text, d.start) == low for d in others):
            out.add(key)
    return out


def _word_before(st, text: str, start: int) -> str:
    m = _WORD.search(text, st.sent_of(start)[0], start)
    return m.group(1).lower() if m else ""
