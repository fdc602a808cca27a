"""Lower-case components a paper introduces outside "we <verb> a ...": the later items of
a part list ("X comprises (i) a cross-view fusion module, (ii) a depth-aware alignment
loss") and a component the text calls new wherever it stands ("we fuse them via a novel
confidence-weighted ensemble mechanism").

Round 21 (issue #16, proposes recall): round 16's `lower_components` reads only the object
right after "we propose / design ...", so the second and third parts of a list, and parts
introduced after "our method comprises / X incorporates", were lost; on the tuning sets
these lists are the largest class of proposes misses. The same shape test holds (two to
four modifier words, one hyphenated, a component head, no vocabulary name): the cue only
widens where such an item may stand.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from kg.extract.lower_components import ComponentRules, Found, component_at
from kg.extract.rules import Rules
from kg.extract.state import DocState

RULE = "proposal_listed_component"
_ARTICLES = frozenset(("a", "an"))
# the paper's method (or "we") with a verb that lists its parts, earlier in the sentence
_PART_CLAUSE = re.compile(
    r"(?:(?<![\w-])(?:[Ww]e|[Ii]t|[Oo]ur\s+[\w-]+|[Tt]his\s+(?:method|framework|model|approach|"
    r"system|architecture|pipeline|design|paper|work))|(?P<name>[A-Z][\w.-]*[\w]))\s+"
    r"(?:(?:also|further|then|first|additionally|\w+ly)\s+)?"
    r"(?:introduces?|comprises?|consists\s+of|incorporates?|integrates?|features|includes?|"
    r"contains?|combines?|is\s+composed\s+of|designs?|proposes?|develops?|devises?)(?![\w-])"
)
# "X, a novel ...", "X is a novel ...": the item describes a name, it names nothing
_DESCRIBES = re.compile(r"(?<![\w-])(?:is|as|are|was|be)\s*$")
_AFTER_COMMA = re.compile(r",\s*$")
# "RefCritic, a ... critic module", "X (XX), a ... block": an appositive of a name (a word
# with a capital or digit, or a closing bracket, before the comma), not a list item
_AFTER_NAME = re.compile(r"(?:[\w.-]*[A-Z0-9][\w.-]*|\))\s*,\s*$")
_NEW = frozenset(("novel", "new"))


def listed_components(
    st: DocState, text: str, rules: Rules, cr: ComponentRules, known: Callable[[str], object]
) -> list[Found]:
    """The components "a/an <modifiers> <head>" listed after the paper's part verb, or
    called novel/new, each a proposal (see the module)."""
    if st.words.isdisjoint(cr.head_words) or st.words.isdisjoint(_ARTICLES):
        return []
    taken = [(s, e) for s, e, *_ in st.proposals]
    own = {text[a:b] for a, b, *_ in st.proposals}
    out: list[Found] = []
    for m in st.finditer_words(cr.item, _ARTICLES, st.abstract_start):
        s0, _s_end = st.sent_of(m.start())
        desc = m.group("desc").split()
        listed = any(
            c.group("name") is None or c.group("name") in own
            for c in _PART_CLAUSE.finditer(text, s0, m.start())
        )
        novel = bool(desc) and desc[0] in _NEW
        if not (listed or novel):
            continue
        before = max(s0, m.start() - 8)
        if (
            _DESCRIBES.search(text, before, m.start())
            or _AFTER_NAME.search(text, max(s0, m.start() - 40), m.start())
            or (not listed and _AFTER_COMMA.search(text, before, m.start()))
        ):
            continue
        found = component_at(st, text, m, rules, cr, known, taken, RULE)
        if found:
            out.append(found)
            taken.append(found[:2])
    return out
