"""Proposals from cue sentences: "we propose / introduce / present / release X", "this
paper presents X", optionally through a described head ("a new benchmark, X", "a method
called X", "a novel ... method (X)"), a Title-Case object, a lower-case described
technique, the first unknown name of the object, a colon list, names joined by "and"."""

from __future__ import annotations

import re

from kg.extract.acronyms import is_acronym
from kg.extract.introduced import acronym_collision, mined_but_introduced, version_type
from kg.extract.names import NAME_WORD, find_word, is_quantity, name_shaped, scan_name
from kg.extract.normalise import match_key
from kg.extract.proposal_scanner import ProposalScanner
from kg.extract.state import DocState
from kg.extract.typing_rules import head_type

_OBJECT_END = frozenset(
    "that which to for with by where in on via and from using through of".split()
)
_HEX = re.compile(r"x[0-9a-fA-F]{4}$")
# "..., and UniTok-FM, a ...", "..., together with IOSVQA, a ... dataset" (15)
_AND_NEXT = re.compile(
    r",?\s+(?:and|together\s+with|along\s+with|as\s+well\s+as)\s+(?:the\s+|our\s+)?(?=[A-Z0-9])"
)
_APPOS_AFTER = re.compile(r"\s*(?:\([^()]{1,40}\)\s*)?,\s+(?:a|an)\s")
# "..., and introduce X": a proposal verb coordinated with an earlier one of "we"
_AND_VERB = re.compile(
    r"(?:,\s*|\s)and\s+(?:then\s+|also\s+|further\s+|finally\s+|[a-z]{3,}ly\s+)?$"
)
_THE_NAME = re.compile(r"the\s+(?=[A-Z])")
_TITLE_TAIL = re.compile(r"(?: [A-Z][a-z][\w\-]*){1,3}")
_NEW_OBJECT = ("a new ", "a novel ", "two new ", "two novel ")
_WE_WORD = re.compile(r"(?<![\w-])[Ww]e(?![\w-])")  # release_after_re starts with "we"
_JOINERS = frozenset("yet and but or very more most".split())
_LOWER_HEADS = frozenset("technique scheme protocol strategy".split())
_FUNCTION = frozenset("of for with and or to in on by from via that which the a an".split())
_PAREN_INNER = re.compile(r"\(([^()]{1,30})\)")
_MOD_WORD = re.compile(r"[A-Za-z0-9][\w+\-]*")


# -- rules ----------------------------------------------------------------------
def _cues(p: ProposalScanner, st: DocState, text: str):
    rules = p.rules
    for v in st.finditer_words(rules.proposal_verb_re, rules.proposal_verb_first):
        m = rules.proposal_subject_re.search(text, max(0, v.start() - 70), v.start())
        if m:
            yield m.start(), v.end(), v.group("verb").lower()
        elif (
            text[v.end() : v.end() + 1].isupper()
            or text.startswith(_NEW_OBJECT, v.end())
            or _THE_NAME.match(text, v.end())
        ) and _AND_VERB.search(text, max(0, v.start() - 24), v.start()):
            # "we explore hybrid training ..., and introduce AdaMix, a ...": the verb
            # shares the sentence's "we" (14)
            s0 = st.sent_of(v.start())[0]
            if _WE_WORD.search(text, s0, v.start()):
                yield v.start(), v.end(), v.group("verb").lower()
    for m in rules.gerund_re.finditer(text) if st.words & rules.gerund_anchors else ():
        yield m.start(), m.end(), m.group("verb").lower()


def cue_proposals(p: ProposalScanner, st: DocState, text: str, cues: list | None = None) -> None:
    """`cues`: `_cues(p, st, text)` as a list, if the caller has it (proposal_titled
    walks the same cues)."""
    rules = p.rules
    for c_start, pos, verb in _cues(p, st, text) if cues is None else cues:
        s0, s_end = st.sent_of(c_start)
        weak = verb in rules.weak_verbs
        found: list[tuple[tuple[int, int], str | None, str]] = []
        # "we develop Adaptive Tile Policy Optimization (ATPO)": a Title-Case phrase
        # spelling the acronym after it is the name, whatever its last word
        defined = p._defined_at(text, pos, s_end, bare=True)
        d = None if defined else p.described.match(text, pos, s_end)
        if defined:
            found.append((defined, None, "proposal"))
        elif d:
            head_t = head_type(d.group("head").split(), rules) or head_type(
                (d.group("mods") + d.group("head")).split()[-2:], rules
            )
            npos = d.end()
            span = p._name_at(text, npos, s_end, bool(d.group("naming")))
            if span and (d.group("sep") in (",", ":", "—", "–") or d.group("naming")):
                for sp in (
                    p._list_after(text, span, s_end)
                    if d.group("sep") in (":", "—", "–")
                    else [span]
                ):
                    found.append((sp, head_t, "proposal"))
            elif d.group("sep") == "(" and span:
                found.append((span, head_t, "proposal"))
            else:
                named = text[d.start("mods") : d.end("head")].split()
                titled_the = (
                    text.startswith(("the ", "The "), pos)
                    and len(named) >= 2
                    and all(w[:1].isupper() for w in named)
                )
                # "propose the EEG-Visible Layer Selection Strategy": a Title-Case phrase
                # is the name as a whole, not its name-shaped first word (14)
                inner = None if titled_the else _in_mods(p, text, d)
                lower = None if inner or weak else _lower_described(p, text, d)
                if inner:
                    found.append((inner, head_t, "proposal"))
                elif lower:
                    # "we propose a smooth tiling technique that"
                    found.append((lower, head_t, "proposal"))
                elif (
                    (
                        text.startswith(("the ", "The "), pos)
                        # "introduces Tile Distillation, a novel framework"
                        or text[pos : pos + 1].isupper()
                        and d.group("sep") == ","
                    )
                    and named
                    and all(w[:1].isupper() or name_shaped(w, rules) for w in named)
                ):
                    # "introducing the Online Merging Optimizer": the head is part of the name,
                    # and so are Title-Case words up to a later head ("the Visible Layer
                    # Selection Strategy": "Layer" is no end)
                    end = _title_tail(p, text, d.end("head"), s_end)
                    found.append(((d.start("mods"), end), head_t, "proposal"))
                elif not weak:
                    titled = _titled_object(p, text, pos, d)
                    if titled:
                        # "we introduce a learnable Spatial Alignment Module that" (14)
                        found.append((titled, head_t, "proposal"))
        else:
            npos = pos
            if text.startswith(":", pos):
                npos = pos + 1 + (len(text[pos + 1 :]) - len(text[pos + 1 :].lstrip()))
            if text.startswith(("the ", "The "), pos):
                nxt = text[pos + 4 : pos + 5]
                if nxt.isupper():
                    npos = pos + 4
            defined = p._defined_at(text, pos, s_end)
            span = defined or p._name_at(text, npos, s_end, naming=False)
            if span:
                found.append((span, None, "proposal"))
        if not found:
            # the list's type: the last head noun before the colon ("... and novel metrics
            # ...:")
            colon = text.find(":", pos, s_end)
            head_t = None
            if colon > 0:
                before: list[str] = re.findall(r"[A-Za-z][\w\-]*", text[pos:colon])
                for w in reversed(before):
                    head_t = head_type([w], rules)
                    if head_t:
                        break
            found.extend((sp, t or head_t, r) for sp, t, r in p._after_colon(text, pos, s_end))
        if found:
            found.extend(p._coordinated_names(text, found, s_end))
            found.extend(_coordinated_appositives(p, text, max(sp[1] for sp, _, _ in found), s_end))
        else:
            if not weak:
                found.extend(_object_name(p, text, pos, s_end))
            if not found:
                # "we propose a framework for X, called Y" / "dubbed Y"
                for n in rules.naming_re.finditer(text, pos, s_end):
                    span = p._name_at(text, n.end(), s_end, naming=True)
                    if span:
                        found.append((span, None, "proposal"))
                        break
            if not found and not weak:
                for a in p.appos_name.finditer(text, pos, s_end):
                    name = a.group("name")
                    if name_shaped(name, rules) and not p.vocab.lookup(name):
                        found.append(((a.start("name"), a.end("name")), None, "proposal"))
                        break
            found.extend(p._coordinated_names(text, found, s_end))
        for span, head_t, rule in found:
            name = text[span[0] : span[1]]
            if name in rules.not_names:
                continue
            known = p.vocab.lookup(name)
            shaped = any(name_shaped(w, rules) for w in name.split())
            etype = p._type_for(text, span, head_t) or version_type(st, text, span[1])
            if weak and not (shaped and not known) and etype is None and span != defined:
                continue
            if (
                known
                and not any(find_word(text, name, 0, st.title_len))
                and not mined_but_introduced(p.vocab, known, text, span, pos)
                and not acronym_collision(p.vocab, known, st, span, pos, etype)
            ):
                continue  # "we introduce GPT-4 into ...", "an analysis of methods: PPO, DPO"
            st.proposals.append((span[0], span[1], etype, rule, c_start))


def _in_mods(p: ProposalScanner, text: str, d) -> tuple[int, int] | None:
    """ "a new Total Variation Distance++ (TVD++) loss", "a novel GQLA mechanism"."""
    ms, me = d.start("mods"), d.end("mods")
    inner = _PAREN_INNER.search(text[ms:me])
    if inner and is_acronym(inner.group(1)):
        return ms + inner.start(1), ms + inner.end(1)
    for w in _MOD_WORD.finditer(text[ms:me]):
        last = w.group().rsplit("-", 1)[-1]
        if "-" in w.group() and last.islower():
            continue  # "LDPC-inspired", "MLP-specific": a modifier, not a name
        if name_shaped(w.group(), p.rules) and not p.vocab.lookup(w.group()):
            return ms + w.start(), ms + w.end()
    return None


def _lower_described(p: ProposalScanner, text: str, d) -> tuple[int, int] | None:
    """ "a smooth tiling technique", "a normalized conformal tiling
    scheme": two to four lower-case words before a generic method head (technique,
    scheme, protocol, strategy) name the method, the head excluded."""
    if d.group("head").lower() not in _LOWER_HEADS or d.group("sep") or d.group("naming"):
        return None
    ms, me = d.start("mods"), d.end("mods")
    words = list(re.finditer(r"\S+", text[ms:me]))
    adj = p.rules.proposal_adjectives
    while words and (
        words[0].group().lower() in adj
        or words[0].group().lower() in _JOINERS
        or words[0].group().endswith("ly")
    ):
        words.pop(0)  # "a simple yet effective", "a highly"
    if not 2 <= len(words) <= 4:
        return None
    if not all(re.fullmatch(r"[a-z][a-z\-]*[a-z]", w.group()) for w in words):
        return None
    if any(w.group() in _FUNCTION for w in words) or words[-1].group().endswith("ly"):
        return None
    span = (ms + words[0].start(), ms + words[-1].end())
    name = text[span[0] : span[1]]
    if match_key(name) in p.rules.generic_keys or p.vocab.lookup(name):
        return None
    return span


def _object_name(p: ProposalScanner, text: str, pos: int, s_end: int) -> list:
    """ "a novel scenario-driven instruction generator MATRIX-Gen for ...": the first
    unknown name-shaped word of the verb's object phrase (up to "of", "that", "for"
    ...), not a fragment of a Title-Case phrase and not a short all-caps acronym."""
    rules = p.rules
    seg = text[pos : min(s_end, pos + 120)]
    for w in re.finditer(NAME_WORD, seg):
        word = w.group()
        if word.lower() in _OBJECT_END:
            break
        if (
            "_" in word
            or ("-" in word and word.rsplit("-", 1)[-1].islower())
            or _HEX.match(word)
            or is_quantity(word)
        ):
            continue
        if not name_shaped(word, rules) or p.vocab.lookup(word) or word in rules.not_names:
            continue
        if word.isupper() and len(word) <= 3:
            continue  # "CNN", "DL": field acronyms far more often than new names
        before = seg[: w.start()].rstrip()
        after = seg[w.end() :].lstrip()
        prev_word = before.rsplit(" ", 1)[-1] if before else ""
        next_word = after.split(" ", 1)[0] if after else ""
        if prev_word[:1].isupper() and prev_word[-1:].isalnum() or next_word[:1].isupper():
            continue  # inside a Title-Case phrase ("Bi-Fusion Mixture of Experts")
        if seg[w.start() - 1 : w.start()] == "{" and not before.endswith(
            ("textbf{", "textit{", "texttt{", "emph{")
        ):
            continue
        return [((pos + w.start(), pos + w.end()), None, "proposal_object")]
    return []


def _title_tail(p: ProposalScanner, text: str, end: int, limit: int) -> int:
    """Where a Title-Case name ending at `end` really ends: up to three more capitalised
    words whose last is a method head noun (else `end`)."""
    m = _TITLE_TAIL.match(text, end, limit)
    if m is None:
        return end
    words = m.group().split()
    for k in range(len(words), 0, -1):
        if p._head_end.search(words[k - 1]) and all(w not in p.rules.not_names for w in words[:k]):
            return end + 1 + len(" ".join(words[:k]))
    return end


def _titled_object(p: ProposalScanner, text: str, pos: int, d) -> tuple[int, int] | None:
    """ "a learnable Spatial Alignment Module", "an Active Attention Network", "a
    cross-layer class embedding Fisher Discriminative Loss": after "a/an" and lower-case
    modifiers, two or more capitalised words ending in the (capitalised) head noun name
    the object, unless the first is a plain adjective of novelty ('title_case_name_stop':
    "A Unified Model") or a word that is never a name. (Round 14: two parts wrote this
    rule; one copy kept.) A lower-case head ("a Progressive Resolution module")
    describes the name instead, and is left to the other rules."""
    if not text.startswith(("a ", "an ", "A ", "An "), pos) or not d.group("head")[:1].isupper():
        return None
    ms, me = d.start("mods"), d.end("head")
    if re.match(r"\s+[A-Z]", text[me : me + 2]):
        return None  # "a Dynamic Environment Gaussian": the phrase goes on past the head
    words = list(re.finditer(r"\S+", text[ms:me]))
    while words and words[0].group()[:1].islower() and len(words) > 2:
        words.pop(0)
    if (
        len(words) < 2
        or words[0].group() in p.title_case_stop  # "A Novel Framework"
        or not all(
            w.group()[:1].isupper()
            and w.group()[-1:].isalnum()
            and w.group() not in p.rules.not_names
            for w in words
        )
    ):
        return None
    span = (ms + words[0].start(), ms + words[-1].end())
    if match_key(text[span[0] : span[1]]) in p.rules.generic_keys:
        return None
    return span


def _coordinated_appositives(p: ProposalScanner, text: str, pos: int, s_end: int) -> list:
    """ "we introduce UniTok, a universal tokenizer ..., and UniTok-FM, a foundation
    model ...": a further name joined by "and" and described by its own appositive."""
    out = []
    for m in _AND_NEXT.finditer(text, pos, s_end):
        sp = scan_name(text, m.end(), p.rules)
        if sp and sp[1] <= s_end and _APPOS_AFTER.match(text, sp[1]):
            name = text[sp[0] : sp[1]]
            if any(name_shaped(w, p.rules) for w in name.split()) and not p.vocab.lookup(name):
                out.append((sp, None, "proposal"))
    return out
