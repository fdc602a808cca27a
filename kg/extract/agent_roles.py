"""Capitalised roles of the paper's own multi-agent system: "decomposes the task into three
levels: the Screenwriter for ..., the Director for ..., and the Editor for ...", "a
tripartite architecture integrating Generator, Evaluator, and Reflector agents", "an
Inspector Agent routes documents ..., while a Refiner Agent ...".

Why: round 4's annotators count capitalised agent roles as Methods the paper proposes
(eval/round4/README.md), and no other rule makes them candidates: a single Title-case word
is no name by its shape, and the component rules want a head noun after it. Names, not
common words: a role is a Title-case agent noun (ending -er, -or, -ist, -ant: "Planner",
"Navigator", "Strategist", "Assistant"), with up to two Title-case words before it ("Meal
Planner", "Design Engineer"); it comes after a lower-case word or a list comma (a
sentence's first word is no evidence); its sentence speaks of agents or roles; and it
comes in a cast (two roles or more in the sentence) or is called an agent ("a Refiner
Agent"). Architecture parts written the same way ("Transformer", "Encoder") and other
words with these endings ("Disorder", "Layer") are listed in
ontology/patterns/typing_evidence.json (`agent_role_not_roles`). Only in a paper that
introduces something of its own (another rule found a proposal): the roles are its parts.

Reach (round 19, seed 2828): 52 of 30,000 corpus abstracts, 115 names, 113 right by hand
(docs/extraction-log.md, round 19 (28t)).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from kg.extract.rules import Rules, patterns_dir
from kg.extract.state import DocState

# (start, end, type, rule, evidence offset): DocState.proposals' shape
Found = tuple[int, int, str | None, str, int]

RULE = "proposal_role"

_TITLE_WORD = r"[A-Z][a-z]+(?:-[A-Z][a-z]+)*"
_ROLE = re.compile(
    rf"(?<![\w-])(?P<name>(?:{_TITLE_WORD} ){{0,2}}[A-Z][a-z]{{2,}}(?:er|or|ist|ant))"
    r"(?P<agent> Agents?| agents?)?(?![\w-])(?! [A-Z0-9])"
    # "the Alpha Miner, iDHM, and Inductive Miner algorithms": known tools, not roles
    r"(?! (?:algorithms?|methods?|techniques?)(?![\w-]))"
)
# the sentence speaks of agents or roles
_CUE = re.compile(r"(?i)agent|(?<![\w-])roles?(?![\w-])")
# the word before a role: a lower-case word ("the", "a", "specialized"), a list mark, or
# an article opening the sentence ("A Sorter Agent sends ...")
_BEFORE = re.compile(r"(?:(?<![\w-])(?:[a-z][\w-]*|A|An|The|Each)|[,;:(])[ \t\n]+\Z")


@lru_cache(maxsize=4)
def load_not_roles(directory: str | None = None) -> frozenset:
    d = json.loads(
        (Path(directory or patterns_dir()) / "typing_evidence.json").read_text(encoding="utf-8")
    )
    return frozenset(d.get("agent_role_not_roles", []))


def agent_roles(
    st: DocState, text: str, rules: Rules, known: Callable[[str], object], not_roles: frozenset
) -> list[Found]:
    """The roles of the paper's own multi-agent system (see the module doc)."""
    if not st.proposals or "gent" not in text:
        return []
    taken = [(s, e) for s, e, *_ in st.proposals]
    out: list[Found] = []
    for s0, e0 in st.sents:
        if e0 <= st.abstract_start:
            continue
        s0 = max(s0, st.abstract_start)
        sent = text[s0:e0]
        if "gent" not in sent and "role" not in sent or not _CUE.search(sent):
            continue
        found = []
        for m in _ROLE.finditer(text, s0, e0):
            name = m.group("name")
            last = name.rsplit(" ", 1)[-1]
            if (
                m.start() == s0
                or last in not_roles
                or name in rules.not_names
                or not _BEFORE.search(text, max(s0, m.start() - 40), m.start())
            ):
                continue
            found.append(m)
        if not found:
            continue
        cast = len({m.group("name") for m in found}) >= 2
        for m in found:
            if not (cast or m.group("agent")):
                continue
            start, end = m.span("name")
            agent = m.group("agent")
            if agent and agent[1] == "A":
                end = m.end("agent")  # "a Refiner Agent": the capital says it is the name
            name = text[start:end]
            if known(name) or any(s < end and start < e for s, e in taken):
                continue
            out.append((start, end, "Method", RULE, m.start()))
            taken.append((start, end))
    return out
