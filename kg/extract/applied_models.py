"""The models a paper's method is run on, named where the evaluation is stated (round 16).

"We implement MR-RLVR on Qwen2.5-3B and DeepSeek-R1-Distill-Qwen-1.5B, and evaluate on
AIME24, AIME25, AMC23 and MATH500": the guidelines give each of a method and the model
it is applied to an entry ("where a sentence names both a model and the method applied
to it, each gets an entry"), so every listed model is evaluated on every benchmark of
the sentence. `eval_subjects.py` already pairs the first model after "applied to" and the
base models of a sentence that reports a result; this reads the whole list after an
application verb whose object is the paper's method ("implement/apply/instantiate/
deploy/integrate X on|to|with M1 and M2"), in a sentence that says it evaluates
(an evaluation word or a result verb). No value: one statement, several systems.
"""

from __future__ import annotations

import re

# "implement X on", "apply our method to", "instantiate it with", "integrating X into":
# an application verb, up to five words of object, then the preposition before the model
_APPLY_BEFORE = re.compile(
    r"(?<![\w-])(?:implement(?:s|ed|ing)?|appl(?:y|ies|ied|ying)|instantiat(?:e|es|ed|ing)|"
    r"deploy(?:s|ed|ing)?|integrat(?:e|es|ed|ing)|plug(?:s|ged|ging)?|incorporat(?:e|es|ed|ing))"
    r"\s+(?P<obj>(?:[\w\-.()]+\s+){0,5}?)(?:on|to|into|with|atop|on\s+top\s+of)\s+"
    r"(?:(?:the|both|two|three|four|five|six|seven|eight|nine|ten|\d+|several|multiple|"
    r"various|different|diverse|popular|widely[- ]used|representative|mainstream|standard)\s+)*"
    r"(?:(?:open|base|backbone|pretrained|pre-trained|language|source|\w+-source)\s+)*"
    # "to six widely-used backbones, including A, B and C" (round 17)
    r"(?:(?:models?|LLMs?|backbones?|architectures?|networks?)\s*(?:,|:|\()?\s*"
    r"(?:(?:including|such\s+as|like|namely)\s+)?)?$",
    re.IGNORECASE,
)
# what the application verb's object says: the paper's own method
_OWN_OBJECT = re.compile(
    r"(?<![\w-])(?:it|them|our|this|the\s+proposed|the\s+method|the\s+approach|the\s+framework)"
    r"(?![\w-])",
    re.IGNORECASE,
)
# the sentence says it evaluates: "evaluate on", "tested on", "experiments on", a result
_EVALUATES = re.compile(
    r"(?<![\w-])(?:evaluat\w*|test(?:s|ed|ing)?|benchmark(?:s|ed|ing)?|experiments?|"
    r"achiev\w*|outperform\w*|surpass\w*|improv\w*|gains?|yield\w*|reach(?:es|ed|ing)?)(?![\w-])",
    re.IGNORECASE,
)
# the application verbs' stems, checked with str.find before any regex runs
_STEMS = ("mplement", "ppl", "nstantiat", "eploy", "ntegrat", "plug", "ncorporat")
_GAP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)$")


def applied_run_models(text: str, ms: list, s0: int, s1: int, own_ids: set[str]) -> list[str]:
    """The models of a sentence listed after an application verb whose object is the
    paper's method (`own_ids`, or "it"/"our ..."), when the sentence evaluates: each was
    run on the sentence's benchmarks. Empty for most sentences (literal checks first)."""
    if not any(text.find(w, s0, s1) >= 0 for w in _STEMS):
        return []  # literals first: most sentences apply nothing
    if not _EVALUATES.search(text, s0, s1):
        return []
    out: list[str] = []
    prev_end = -1
    for m in sorted(ms, key=lambda m: m.start):
        if m.type != "Model" or m.eid in own_ids:
            prev_end = -1
            continue
        if prev_end >= 0 and _GAP.match(text, prev_end, m.start):
            out.append(m.eid)
            prev_end = m.end
            continue
        a = _APPLY_BEFORE.search(text, max(s0, m.start - 90), m.start)
        if a is not None and _is_own(text, a.start("obj"), a.end("obj"), ms, own_ids):
            out.append(m.eid)
            prev_end = m.end
        else:
            prev_end = -1
    return list(dict.fromkeys(out))


def _is_own(text: str, o0: int, o1: int, ms: list, own_ids: set[str]) -> bool:
    """The application verb's object is the paper's method: a mention of it, or "it",
    "our method", "the proposed approach"."""
    if any(m.eid in own_ids and o0 <= m.start < o1 + 1 for m in ms):
        return True
    return bool(_OWN_OBJECT.search(text, o0, o1))


def own_variant(entities: dict, sid: str, bid: str, bench_endings: tuple) -> bool:
    """ "we propose DMC ... we introduce DMC-OT, an enhanced version of DMC": a new name
    that extends the subject's by a short upper-case suffix ("<subject>-OT") is a variant
    of it, not a benchmark it runs on ("MirrorAPI-Bench", "Foo-QA", "SceneSplat-7K" and
    "MAPLE-Personas" stay benchmarks)."""
    b = entities.get(bid, {})
    if b.get("in_vocabulary"):
        return False
    sub = entities.get(sid, {}).get("label", "")
    lab = b.get("label", "")
    if not sub or not lab.startswith(sub + "-"):
        return False
    suffix = lab[len(sub) + 1 :]
    # a short upper-case suffix ("-OT", "-XL"), not a size ("SceneSplat-7K": a dataset) nor
    # a word ("MAPLE-Personas"), nor a benchmark ending ("-QA")
    return (
        len(suffix) <= 3
        and suffix.isalpha()
        and suffix.isupper()
        and not suffix.endswith(bench_endings)
    )
