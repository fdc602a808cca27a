"""Model families the paper's method was run on, as base models only.

"We show gains on GSM8K and MATH500 with models of varying sizes from the Qwen, Mistral
and Llama families": the method was run on Qwen, Mistral and Llama models. The gold
annotators do not pair a family with the benchmark as a subject of its own (which
member, which size?), and `kg.extract.contribution` keeps families out of the subjects.
But the graph can still say what the method ran on: each family becomes a `kg:baseModel`
of the method's evaluations, so "which papers evaluate Qwen on GSM8K" finds the paper
(`kg.query.evaluations` matches base models and their variants). No subject, no pair,
no value is added here.
"""

from __future__ import annotations

import re

from kg.extract.contribution import _FAMILY_AFTER, Contribution

# what comes before the first family name of a list: an application cue ("applied to",
# "fine-tune", "on", "across", "with", "using") or "models ... from/of" ("models of
# varying sizes from the", "checkpoints of the")
_FAMILY_CUE = re.compile(
    r"(?:(?<![\w-])(?:appl(?:y|ies|ied|ying)\s+(?:[\w\-.]+\s+){0,4}?to|"
    r"(?:fine-?|post-?)?tun(?:e|es|ed|ing)|fine-?tun\w*|post-?train\w*|"
    r"on|across|with|using|to)|"
    r"(?<![\w-])(?:models?|LLMs?|checkpoints?|variants?|backbones?)(?:\s+[\w\-.]+){0,4}?"
    r"\s+(?:from|of|in))\s+"
    r"(?:the\s+|both\s+|several\s+|various\s+|different\s+|open\s+){0,2}$",
    re.IGNORECASE,
)
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)$")
# a family in a list of compared or source systems is not one the method ran on
_NOT_RUN_ON = re.compile(
    r"(?<![\w-])(?:than|versus|vs\.?|unlike|compared\s+(?:to|with)|outperform\w*|surpass\w*|"
    r"distill\w*|generated|annotated|judged|teachers?)(?![\w-])[^.;]{0,80}$",
    re.IGNORECASE,
)


def family_bases(text: str, ms: list, s0: int, methods: set[str]) -> list[str]:
    """The ids of the Model families in one sentence's mentions `ms` that the sentence
    runs something on: names followed by "family/families/series" ("the Qwen, Mistral
    and Llama families") in a list opened by an application cue or "models ... from the".
    Not the paper's own methods."""
    out: list[str] = []
    models = sorted((m for m in ms if m.type == "Model" and m.eid not in methods), key=_start)
    cued = False  # the list the current name belongs to opens after a cue
    prev_end = -1
    for m in models:
        if not (prev_end >= 0 and _LIST_GAP.search(text, prev_end, m.start)):
            lo = max(s0, m.start - 80)
            cued = bool(_FAMILY_CUE.search(text, lo, m.start)) and not _NOT_RUN_ON.search(
                text, lo, m.start
            )
        prev_end = m.end
        if cued and _FAMILY_AFTER.match(text, m.end) and m.eid not in out:
            out.append(m.eid)
    return out


def paper_family_bases(contrib: Contribution, by_sent: dict) -> list[str]:
    """Families the method is run on anywhere in the abstract, as `Contribution.bases`
    are collected: in a sentence that names the paper's method or says "we"/"our"."""
    out: list[str] = []
    own = set(contrib.methods)
    for ms, s0, _s1 in contrib.own_sentences(by_sent):
        out += [f for f in family_bases(contrib.text, ms, s0, own) if f not in out]
    return out


def _start(m) -> int:
    return m.start
