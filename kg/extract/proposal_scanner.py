"""What every proposal rule shares: the component's rule data and vocabulary, the
described-head patterns built from the type heads, and the name helpers (a name at a
position, its type from an appositive or a following head, the names of a colon list,
an acronym's spelled-out phrase, a second name joined by "and"). The rules themselves are
the proposal_*.py modules; kg.extract.proposals runs them."""

from __future__ import annotations

import json
import re
from pathlib import Path

from kg.extract.acronyms import best_long_form, is_acronym
from kg.extract.bare_concepts import bare_coined_concept
from kg.extract.evidence import load_evidence
from kg.extract.introduced import load_introduced_rules
from kg.extract.lower_components import load_component_rules
from kg.extract.names import name_shaped, scan_name, words_at
from kg.extract.proposal_lists import load_list_rules
from kg.extract.rules import Rules, _alt, load_rules, patterns_dir
from kg.extract.state import DocState
from kg.extract.typing_rules import appositive_type, following_head_type
from kg.extract.vocab import load_vocabulary

_ENUM_ITEM = re.compile(r"\((?:\d|i{1,3}|iv|v|[a-e])\)\s*")
_ITEM_SEP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)")
_AND_ONE = re.compile(r" (?:and|or) ")
# "a Full-View Mamba (FVM)": a Title-Case phrase defining an acronym (function words inside)
_DEFINED = (
    r"(?P<name>[A-Z][\w\-]*(?:\s+(?:(?:of|and|for|with|to|in|on)\s+)?[A-Z][\w\-]*){1,5})"
    r"\s*\((?P<short>[^()\s,;]{2,12})\)"
)
_ARTICLE_DEFINED = re.compile(r"(?:an?|the)\s+(?:(?:novel|new)\s+)?" + _DEFINED)
_BARE_DEFINED = re.compile(r"(?:(?:an?|the)\s+)?(?:(?:novel|new)\s+)?" + _DEFINED)
_DEFINED_RE = re.compile(_DEFINED)
_ACR_AFTER = re.compile(r"\s*\([A-Z][A-Za-z0-9\-]{0,9}\)")
_PAREN_AFTER = re.compile(r"\s*\([^()]{1,60}\)")


def _skip_the(text: str, pos: int) -> int:
    """Past a leading "the " before a capitalised name."""
    if text.startswith(("the ", "The "), pos) and text[pos + 4 : pos + 5].isupper():
        return pos + 4
    return pos


def _head_alternation(rules: Rules) -> str:
    """The type heads (lower-case: `load_rules`) as a trie (`rules._alt`) for the
    case-folding patterns below: heads that match at one position are prefixes of each
    other, and the trie's greedy tails try the longer first, as the longest-first
    alternation it replaces did; re tries far fewer branches at each position."""
    heads: set[str] = set()
    for ws in rules.type_heads.values():
        heads.update(ws)
    assert all(h == h.lower() for h in heads)
    return _alt(heads)


def load_title_case_name_stop(directory=None) -> frozenset:
    """typing_evidence.json 'title_case_name_stop': first words of a capitalised
    description that are no name's ("A Novel Framework", "A Unified Model")."""
    path = Path(directory or patterns_dir()) / "typing_evidence.json"
    return frozenset(json.loads(path.read_text(encoding="utf-8")).get("title_case_name_stop", ()))


class ProposalScanner:
    def __init__(self, vocab_dir=None, patterns_dir=None) -> None:
        self.vocab = load_vocabulary(vocab_dir)
        self.rules = load_rules(patterns_dir)
        self.list_rules = load_list_rules(patterns_dir)
        self.introduced_rules = load_introduced_rules(patterns_dir)
        self.component_rules = load_component_rules(patterns_dir)
        self.title_case_stop = load_title_case_name_stop(patterns_dir)
        self.task_final_heads = load_evidence(patterns_dir).def_task_final_heads
        heads = self._heads = _head_alternation(self.rules)
        self._head_end = re.compile(rf"(?:{heads})s?\s*(?:that\s+|which\s+)?$", re.IGNORECASE)
        # "we propose a baseline for X with AceTiler, a method that": a name-shaped word
        # the cue sentence describes by an appositive with a head noun
        self.appos_name = re.compile(
            r"(?<![\w-])(?P<name>[A-Za-z0-9][\w+\-.]*)\s*,\s+(?:a|an)\s+"
            rf"(?:[\w\-]+,?\s+){{0,4}}?(?:{heads})s?(?![\w-])",
            re.IGNORECASE,
        )
        # "a simple yet effective method called", "a new benchmark,", "a novel ... method ("
        self.described = re.compile(
            r"(?:(?:a|an|the|our|two|three|four|several|new)\s+)?"
            r"(?P<mods>(?:(?:(?!of\s)[\w\-+]+|\([^()]{1,30}\))\s+){0,7}?)"
            rf"(?P<head>{heads})s?(?![\w-])\s*"
            r"(?P<sep>,|:|\(|—|–)?\s*"
            r"(?P<naming>(?:called|named|dubbed|termed|coined|namely|which we call)\s+)?",
            re.IGNORECASE,
        )

    # -- helpers -------------------------------------------------------------------
    def _name_at(self, text: str, pos: int, limit: int, naming: bool) -> tuple[int, int] | None:
        rules = self.rules
        if text.startswith("**", pos):
            pos += 2  # markdown bold: "Our best model, **Tiler-35B**,"
        if pos >= limit:
            return None
        if (naming or text.startswith("the ", pos)) and text.startswith(("the ", "a ", "an "), pos):
            # "termed the Disk Sampling ... (DSN)", "a new dataset, the Stereo ... (SDIRF)"
            defined = self._defined_at(text, pos, limit)
            if defined:
                return defined
        span = scan_name(text, pos, rules, allow_lower=False)
        if span is None and (naming or self._lower_ok(text, pos, limit)):
            span = scan_name(text, pos, rules, allow_lower=True, max_words=5)
            if span is not None and not naming:
                nxt = text[span[1] : span[1] + 6]
                # "(ACR)" defines a name; "(>1000 pts/m²)" only qualifies data (17)
                if not re.match(r"\s*(?:\((?=[A-Za-z])|,\s*(?:a|an|the)\s)", nxt) and not (
                    bare_coined_concept(text, span, self.vocab.lookup)
                ):
                    return None
        if span is None or span[1] > limit or span[1] <= span[0]:
            return None
        return span

    def _lower_ok(self, text: str, pos: int, limit: int) -> bool:
        ws = words_at(text, pos, 6)
        return (
            bool(ws)
            and ws[0][2].islower()
            and ws[0][2] not in ("a", "an", "the", "to", "that", "how", "new")
        )

    def _type_for(self, text: str, span: tuple[int, int], head_t: str | None) -> str | None:
        t = appositive_type(text, span[1], self.rules) or following_head_type(
            text, span[1], self.rules
        )
        return t or head_t

    def _list_after(
        self, text: str, span: tuple[int, int], limit: int, shaped_only: bool = True
    ) -> list[tuple[int, int]]:
        """More names after a colon list: "two metrics: A and B"."""
        out = [span]
        pos = span[1]
        while pos < limit:
            paren = _PAREN_AFTER.match(text, pos)  # "A (Long A) and B (Long B)"
            m = _ITEM_SEP.match(text, paren.end() if paren else pos)
            if not m:
                break
            nxt = scan_name(text, _skip_the(text, m.end()), self.rules)
            if not nxt:
                break
            words = text[nxt[0] : nxt[1]].split()
            if shaped_only and not any(name_shaped(w, self.rules) for w in words):
                break
            if not shaped_only and not words[0][:1].isupper():
                break
            out.append(nxt)
            pos = nxt[1]
        return out

    def _after_colon(self, text: str, pos: int, s_end: int) -> list:
        """ "... novel metrics to measure performance: A, B, and C" and enumerations
        "introduces: (1) Anchored Rejection - ... and (2) Future-Guided Chosen"."""
        colon = text.find(":", pos, s_end)
        if colon < 0 or colon - pos > 160:
            return []
        out = []
        enum = list(_ENUM_ITEM.finditer(text, colon, s_end))
        if enum:
            for m in enum:
                span = scan_name(text, m.end(), self.rules)
                if span and self._listed_name(text[span[0] : span[1]]):
                    out.append((span, None, "proposal_list"))
            return out
        start = colon + 1
        while start < s_end and text[start] == " ":
            start += 1
        span = scan_name(text, _skip_the(text, start), self.rules)
        if span and self._listed_name(text[span[0] : span[1]]):
            for sp in self._list_after(text, span, s_end, shaped_only=False):
                if self._listed_name(text[sp[0] : sp[1]]):
                    out.append((sp, None, "proposal_list"))
        return out

    def _listed_name(self, name: str) -> bool:
        """An item of a colon list or enumeration is a name when it has a name-shaped
        word, or is two or more capitalised words without function words."""
        words = name.split()
        if any(name_shaped(w, self.rules) for w in words):
            return True
        return len(words) >= 2 and all(w[:1].isupper() for w in words)

    def _defined_at(
        self, text: str, pos: int, s_end: int, bare: bool = False
    ) -> tuple[int, int] | None:
        """ "we introduce a Full-View Mamba (FVM) to ...": the phrase whose initials the
        acronym spells is the name (no head noun needed); `bare`: the article is optional."""
        m = (_BARE_DEFINED if bare else _ARTICLE_DEFINED).match(text, pos, s_end)
        if not m or not self._spells(m):
            return None
        return m.start("name"), m.end("name")

    @staticmethod
    def _spells(m: re.Match) -> bool:
        short, name = m.group("short"), m.group("name")
        if not is_acronym(short) or short[0].lower() != name[0].lower():
            return False
        long = best_long_form(short, name)
        return long is not None and long == name

    def _coordinated_names(self, text: str, found: list, s_end: int) -> list:
        """ "two benchmarks, TaskAnything and JudgeAnything", "presents SceneNet and
        KnowledgeNet": a second one-word name joined by "and" to a one-word name shares
        its proposal (`scan_name` stops before the "and")."""
        out = []
        spans = {sp for sp, _, _ in found}
        for sp, t, rule in found:
            m = _AND_ONE.match(text, sp[1])
            if not m or not name_shaped(text[sp[0] : sp[1]], self.rules):
                continue
            nxt = scan_name(text, m.end(), self.rules)
            if (
                nxt
                and nxt[1] <= s_end
                and nxt not in spans
                and " " not in text[nxt[0] : nxt[1]]
                and name_shaped(text[nxt[0] : nxt[1]], self.rules)
            ):
                out.append((nxt, t, rule))
                spans.add(nxt)
        return out

    def _colon_lists(
        self, st: DocState, text: str, cue: re.Pattern, first_words: frozenset
    ) -> None:
        """The unknown names listed after a colon that ends a `cue` ("two novel
        components: A and B", "are introduced: A, B"): proposals of the paper."""
        for m in st.finditer_words(cue, first_words, st.abstract_start):
            s0, s_end = st.sent_of(m.start())
            for span, t, rule in self._after_colon(text, m.start(), s_end):
                name = text[span[0] : span[1]]
                if name in self.rules.not_names or self.vocab.lookup(name):
                    continue
                st.proposals.append(
                    (span[0], span[1], self._type_for(text, span, t), rule, m.start())
                )
