"""Who a benchmark sentence evaluates when it does not name the paper's system (round 15).

`kg_relations` pairs the names of a benchmark sentence, or the paper's own proposal where
the sentence says "our"/"it". Three phrasings of the field state an evaluation in other
words, and each is read here, apart from the sentence-by-sentence rules:

- "The resulting segmentation models achieve 69.1% mIoU on B": what the paper's method
  produced is the method itself (`resulting_subject`);
- "Our RoBERTa-based models achieve gains of 2.4 F1 on B", "achieving 93.3% on B with the
  ResNet50-based configuration": the model the paper's own system is built on was run
  there (`own_based_models`); a "BERT-based classifier" elsewhere is a component, not a
  subject;
- "... higher return than PPO and a Reward Machine baseline", "outperforming SelfCheckGPT
  and Semantic Entropy baselines" (round 16): a comparison whose list ends in
  "baseline(s)" names systems run as baselines, which the guidelines count as evaluated
  (`comparative_baselines`);
- "Evaluated on three reasoning models (A, B, C), CARD achieves 81.4% on GSM8K": the models
  listed in brackets after a plural head are what the method ran on (`listed_run_models`);
- a method named only in the title ("ZorbNet: ..."), whose abstract never says "we
  propose ZorbNet": the sentences from the first one about the paper's own work ("We
  ...", "In this paper ...") on are read as after a proposal statement, so "Experiments on
  A and B show consistent gains" evaluates it (`own_statement_start`).
"""

from __future__ import annotations

import re

# "The resulting segmentation models achieve", "the resulting model outperforms": up to two
# words between "resulting" and the head, a result verb (singular or plural) after it
_RESULTING = re.compile(
    r"(?<![\w-])[Tt]he\s+resulting\s+(?:[\w\-]+\s+){0,2}?(?:models?|methods?|systems?|networks?|"
    r"classifiers?|detectors?|agents?|polic(?:y|ies)|pipelines?|frameworks?|approach)\s+"
    r"(?:\w+ly\s+)?(?:achieves?|achieved|outperforms?|outperformed|reach(?:es)?|reached|"
    r"attains?|attained|obtains?|obtained|improves?|improved|surpass(?:es)?|surpassed|"
    r"yields?|deliver(?:s|ed)?|exceeds?|exceeded|sets?\s+(?:a\s+)?new)(?![\w-])"
)
# what a system built on a model is called after "<M>-based"
_BASED_AFTER = re.compile(
    r"-based\s+(?:[\w\-]+\s+){0,1}?(?:models?|classifiers?|configurations?|variants?|systems?|"
    r"detectors?|pipelines?|frameworks?|approach|method|architecture|agents?)(?![\w-])",
    re.IGNORECASE,
)
# "our RoBERTa-based", "our fine-tuned RoBERTa-based", "with the ResNet50-based"
_OWN_BEFORE = re.compile(
    r"(?:(?<![\w-])[Oo]ur\s+(?:[\w\-]+\s+)?|(?<![\w-])(?:with|using)\s+(?:the|our)\s+)$"
)
_RESULT = re.compile(
    r"(?<![\w-])(?:achiev\w*|outperform\w*|surpass\w*|reach(?:es|ed|ing)?|attain\w*|"
    r"obtain\w*|scor(?:es|ed|ing)|improv\w*|gains?|yield\w*|deliver\w*|exceed\w*|"
    r"\d+(?:\.\d+)?\s*%)(?![\w-])",
    re.IGNORECASE,
)
# "higher return at convergence than", "better than", "more accurate than": a comparison
_COMPARATIVE = re.compile(
    r"(?<![\w-])(?:(?:[a-z]+er|better|worse|more|less|fewer)\s+(?:[\w\-]+\s+){0,4}?than|"
    r"outperform(?:s|ed|ing)?|surpass(?:es|ed|ing)?)\s+(?:the\s+|both\s+)?$",
    re.IGNORECASE,
)
# "PPO and a Reward Machine baseline", "A, B and C baselines": the list is of baselines
_BASELINE_TAIL = re.compile(
    r"(?:\s*,?\s+(?:and|or)\s+(?:a|an|the)?\s*(?:[\w\-]+\s+){0,3}?|\s+)baselines?(?![\w-])",
    re.IGNORECASE,
)
# "We ...", "In this paper", "This work", "Our ...": the paper speaks of its own work
_OWN_WORK = re.compile(
    r"(?<![\w-])(?:[Ww]e|[Oo]ur|[Tt]his\s+(?:paper|work|study|article|letter))(?![\w-])"
)
_BASELINE_WORD = re.compile(r"[Bb]aseline")
_COMPARE_WORD = re.compile(r"than|outperform|surpass")
# "Evaluated on three reasoning models (A, B, C)", "across two backbones (A and B)": the
# models a method was run on, listed in brackets after a plural head
_RUN_ON_LIST = re.compile(
    r"(?<![\w-])(?:on|with|across|using|to)\s+(?:[\w\-]+\s+){0,3}?(?:models|LLMs|VLMs|MLLMs|"
    r"backbones|base\s+models|architectures|networks)\s*\(\s*$",
    re.IGNORECASE,
)
_GAP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)$")
# "A and a B baseline": an article may open a baseline list's last item
_ITEM_GAP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?:(?:a|an|the)\s+)?$")


def resulting_subject(text: str, s0: int, s1: int) -> re.Match | None:
    """ "The resulting models achieve 69.13% mIoU on B": the sentence's subject is what
    the paper's method produced, so the method (the match, for where it starts)."""
    if text.find("resulting", s0, s1) < 0:
        return None  # the literal first: the regex opens on a look-behind
    return _RESULTING.search(text, s0, s1)


def own_based_models(text: str, ms: list, s0: int, s1: int) -> list[str]:
    """The models a result sentence names as what the paper's own system is built on
    ("Our RoBERTa-based models achieve ... on B", "with the ResNet50-based configuration"):
    evaluated there (tier 1 counts a method run on a base model under the model)."""
    if text.find("-based", s0, s1) < 0 or not _RESULT.search(text, s0, s1):
        return []  # the literal first: most sentences have no "-based"
    return list(
        dict.fromkeys(
            m.eid
            for m in ms
            if m.type == "Model"
            and _BASED_AFTER.match(text, m.end)
            and _OWN_BEFORE.search(text, max(s0, m.start - 30), m.start)
        )
    )


def comparative_baselines(text: str, ms: list, s0: int, s1: int) -> list[str]:
    """The systems a comparison names as baselines ("higher return than PPO and a Reward
    Machine baseline", "better than A and B baselines", "outperforming the X baseline"):
    run on the sentence's benchmarks as baselines. A bare "better than X" or "outperforms
    X" is not enough (dev: mostly not annotated)."""
    if not _BASELINE_WORD.search(text, s0, s1) or not _COMPARE_WORD.search(text, s0, s1):
        return []  # literals first: most sentences compare nothing with "than ... baseline"
    out: list[str] = []
    group: list = []
    named = sorted((m for m in ms if m.type in ("Model", "Method")), key=lambda m: m.start)
    for m in sorted(ms, key=lambda m: m.start):
        if m.type not in ("Model", "Method"):
            group = []
            continue
        if group and _ITEM_GAP.match(text, group[-1].end, m.start):
            group.append(m)
        elif _COMPARATIVE.search(text, max(s0, m.start - 80), m.start):
            group = [m]
        else:
            group = []
            continue
        tail = _BASELINE_TAIL.match(text, m.end)
        # the tail of "than A and a B baseline" read from A spans the list's last item:
        # the list closes at that item, not before it (round 30)
        if tail and not any(m.end < o.start < tail.end() for o in named):
            out += [g.eid for g in group]
            group = []
    return list(dict.fromkeys(out))


def own_statement_start(text: str, sents: list[tuple[int, int]], abstract_start: int) -> int | None:
    """The first abstract sentence about the paper's own work ("We ...", "This paper
    ..."): where a paper that names its method only in the title starts on it (the
    sentences before are background: "Existing methods achieve 80% on B")."""
    for si, (s0, s1) in enumerate(sents):
        if s1 > abstract_start and _OWN_WORK.search(text, max(s0, abstract_start), s1):
            return si
    return None


def listed_run_models(text: str, ms: list, s0: int, s1: int) -> list[str]:
    """The models listed in brackets after "on/with/across N <kind> models (" in a
    sentence: the models the paper's method was run on ("Evaluated on three reasoning
    models (Qwen3-0.6B, DeepSeek-R1-Distill-Qwen-1.5B, Qwen3-1.7B), CARD achieves ...")."""
    if text.find("(", s0, s1) < 0:
        return []
    out: list[str] = []
    prev_end = -1
    for m in sorted(ms, key=lambda m: m.start):
        if m.type != "Model":
            prev_end = -1
            continue
        if (prev_end >= 0 and _GAP.match(text, prev_end, m.start)) or _RUN_ON_LIST.search(
            text, max(s0, m.start - 80), m.start
        ):
            out.append(m.eid)
            prev_end = m.end
        else:
            prev_end = -1
    return list(dict.fromkeys(out))
