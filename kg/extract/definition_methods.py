"""Evidence that a defined long form ending in a task word names a method (28a).

"Cognitive-Inspired Elastic Reasoning (CogER)", "log-augmented generation (LAG)", "the
Dual-stream Saliency Enhancement (DSE) block": the definition rules drop a long form
whose last word is a task ("reasoning", "generation", "enhancement") as a task or field,
which most are ("Visual Question Answering (VQA)"). The author's own words say otherwise
when the paper proposes the long form itself ("we propose X (ACR)") or a part head
follows the acronym ("(DSE) block"), unless the text then calls it a task or problem.
"""

from __future__ import annotations

import re

from kg.extract.evidence import Evidence

# "we propose", "this paper introduces", "we further present a novel framework, called"
# right before the long form: the paper's own named object (a task it poses is caught
# by the appositive or verb after the acronym)
_PROPOSED_BEFORE = re.compile(
    r"(?:(?<![\w-])[Ww]e|(?:paper|work|study|article|letter))\s+"
    r"(?:(?:further|also|then|first|here|therefore|thus|now|[a-z]{3,}ly)\s+)?"
    r"(?:propose|introduce|present|develop|design|devise|put\s+forward)s?\s+"
    r"(?:(?:a|an|the|our)\s+)?(?:(?:novel|new|simple|lightweight|unified|general|"
    r"training-free|plug-and-play|effective|efficient)\s+)*"
    r"(?:(?:framework|method|approach|algorithm|technique|strategy|module|mechanism|"
    r"paradigm|pipeline|scheme),?\s+(?:(?:called|named|dubbed|termed)\s+)?)?"
    r"(?:[\"'`\u201c*]+|\\(?:textbf|textit|emph)\{)?\Z"
)
# "(DSE) block", "(UPRE) framework": a part or whole of a method, singular (a plural
# "(FSAD) methods" are methods *for* the task)
_PART_AFTER = re.compile(
    r"\)?\s+(?:framework|module|block|component|layer|strategy|mechanism|architecture|"
    r"pipeline|algorithm|branch|head|unit|loss)(?![\w-])"
)
# what the author says it is after the acronym: "(SGP), a task that", "(ORMOT) task"
_TASK_AFTER = re.compile(
    r"\)?\s*(?:,\s*(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?)?"
    r"(?:task|problem|setting|benchmark|dataset|challenge|paradigm|field)s?(?![\w-])",
    re.IGNORECASE,
)


_PROCESS_ENDINGS = ("ing", "tion", "sion", "ment", "retrieval")


def _task_word(long: str, ev: Evidence) -> bool:
    """Does `long` end in a task or process word ("Reasoning", "Generation",
    "Enhancement"), not a thing ("map", "score", "loop")?"""
    last = long.rsplit(None, 1)[-1].rsplit("-", 1)[-1].lower()
    return (
        last in ev.def_task_final_heads
        or last in ev.def_task_heads
        or last.endswith(_PROCESS_ENDINGS)
    )


def task_word_method(
    text: str, long: str, long_start: int, after: int, ev: Evidence, proposed_ok: bool = True
) -> bool:
    """Does the text say a task-ended long form (at `long_start`, its definition ending
    at `after`) is a method: proposed right before it, or a part head after the acronym,
    and not called a task or problem after it?"""
    if not _task_word(long, ev):
        return False
    if _TASK_AFTER.match(text, after, after + 80):
        return False
    if ev.def_task_appositive.match(text, after, after + 80):
        return False
    if ev.def_task_verbs is not None and ev.def_task_verbs.match(text, after, after + 40):
        return False
    if _PART_AFTER.match(text, after, after + 40):
        return True
    return proposed_ok and bool(_PROPOSED_BEFORE.search(text, max(0, long_start - 90), long_start))
