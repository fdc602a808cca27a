"""What a name looks like: shape tests and scanners used by the discovery rules."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.extract.rules import Rules

# one "word" of a name: letters/digits with inner dots, plus signs, stars, @, and
# hyphen-joined parts (`Llama-3.1-8B-Instruct`, `pass@1`, `TVD++`, `A*`)
NAME_WORD = (
    r"[A-Za-z0-9][A-Za-z0-9+*@]*(?:\.[A-Za-z0-9+*@]+)*"
    r"(?:-[A-Za-z0-9][A-Za-z0-9+*@]*(?:\.[A-Za-z0-9+*@]+)*)*"
)
_WORD_RE = re.compile(NAME_WORD)
_QUANTITY = re.compile(r"\d+(?:[.,]\d+)*[KMBkmx]?")


def is_quantity(word: str) -> bool:
    """ "2.5M", "6K", "10x", "1,000": a count, never a name on its own."""
    return bool(_QUANTITY.fullmatch(word))


_FUNCTION_WORDS = frozenset(
    "of for via with and in on to the a an from by through using under over as at into "
    "without".split()
)


def strip_word(w: str) -> str:
    return w.rstrip(".").rstrip("+*") if w.endswith(".") else w


def name_shaped(word: str, rules: Rules) -> bool:
    """CamelCase, ALLCAPS, letters with digits, capitals after a hyphen: `BioRefusalAudit`,
    `COLAGUARD`, `any4`, `SD-GRPO`, `Rotate2Think`. Plain `Llama`, `Robust` are not.
    Memoised on the rule set: the same words are tested many times per paper."""
    memo = rules.shaped_memo
    got = memo.get(word)
    if got is None:
        if len(memo) >= 200_000:
            memo.clear()
        got = memo[word] = _name_shaped(word, rules)
    return got


def _name_shaped(word: str, rules: Rules) -> bool:
    w = word.rstrip(".,;:")
    if len(w) < 2 or w in rules.not_names:
        return False
    if not any(map(str.isalpha, w)):
        return False
    if any(map(str.isupper, w[1:])):
        return True
    return w[0].isalpha() and any(map(str.isdigit, w))


def capitalised(word: str) -> bool:
    return word[:1].isupper()


def words_at(text: str, pos: int, limit: int = 8) -> list[tuple[int, int, str]]:
    """Up to `limit` words starting at `pos`, separated by single spaces only."""
    out: list[tuple[int, int, str]] = []
    i = pos
    n = len(text)
    while len(out) < limit and i < n:
        m = _WORD_RE.match(text, i)
        if not m:
            break
        out.append((m.start(), m.end(), m.group()))
        j = m.end()
        if j < n and text[j] == " ":
            i = j + 1
        else:
            break
    return out


def words_before(text: str, pos: int, limit: int = 6) -> list[tuple[int, int, str]]:
    """Up to `limit` words ending right before `pos` (single spaces), nearest last."""
    out = list(words_before_nearest(text, pos, limit))
    out.reverse()
    return out


def words_before_nearest(text: str, pos: int, limit: int = 6) -> Iterator[tuple[int, int, str]]:
    """The words `words_before` lists, nearest first, each found only when asked for:
    a caller that stops at the first word that is no part of a name scans one or two
    words instead of `limit` (the character loop is most of `words_before`'s cost)."""
    j = pos
    count = 0
    while count < limit and j > 0:
        if text[j - 1] == " ":
            j -= 1
        k = j
        while k > 0 and (text[k - 1].isalnum() or text[k - 1] in ".+*@-"):
            k -= 1
        if k == j:
            return
        w = text[k:j]
        lead = len(w) - len(w.lstrip("-."))
        k += lead
        count += 1
        yield (k, j, text[k:j])
        if k == 0 or text[k - 1] != " ":
            return
        j = k


def scan_name(
    text: str, pos: int, rules: Rules, allow_lower: bool = False, max_words: int = 6
) -> tuple[int, int] | None:
    """A proper name starting at `pos`: name-shaped words, or Capitalised words with inner
    function words (`Krause Synchronization Transformers`, `Program-based Posterior
    Training`); with `allow_lower`, a lower-case phrase too. Returns its span."""
    ws = words_at(text, pos, max_words + 2)
    if not ws:
        return None
    first = ws[0][2]
    if first in rules.not_names or first.lower() in _FUNCTION_WORDS or is_quantity(first):
        return None  # (a quantity: "a corpus (2.5M unique prompts)")
    end = None
    if name_shaped(first, rules) or capitalised(first) or allow_lower:
        end = ws[0][1]
    else:
        return None
    mode_cap = capitalised(first) or name_shaped(first, rules)
    last_content = ws[0][1]
    for i, (_s, e, w) in enumerate(ws[1:max_words], 1):
        if mode_cap:
            if name_shaped(w, rules) or capitalised(w) or w[:1].isdigit():
                last_content = e
                continue
            if (
                w in ("and", "or")
                and last_content == ws[0][1]
                and i + 1 < len(ws)
                and name_shaped(first, rules)
                and name_shaped(ws[i + 1][2], rules)
            ):
                break  # "SceneNet and KnowledgeNet": two names, not one
            if w.lower() in _FUNCTION_WORDS and w.islower():
                continue
            break
        else:  # lower-case phrase: words up to punctuation
            if w.lower() in _FUNCTION_WORDS and w not in ("of", "and"):
                break
            last_content = e
    end = last_content
    return (pos, end)


def strip_trailing_punct(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in ".,;:!?)":
        if text[end - 1] == ")" and text[start:end].count("(") >= text[start:end].count(")"):
            break
        end -= 1
    return end


def _boundary_ok(text: str, s: int, e: int) -> bool:
    before = text[s - 1] if s > 0 else " "
    after = text[e] if e < len(text) else " "
    return not (before.isalnum() or before in "-_") and not (after.isalnum() or after in "-_")


def find_word(
    text: str,
    name: str,
    start: int = 0,
    end: int | None = None,
    lower_text: str | None = None,
    plural: bool = False,
):
    """Occurrences of `name` in `text[start:end]` as a whole word (no letter, digit,
    hyphen or underscore either side); with `lower_text` (text.lower()) case-insensitive;
    with `plural`, a following "s" is included. Plain string search: no per-call regex."""
    hay = lower_text if lower_text is not None else text
    needle = name.lower() if lower_text is not None else name
    n = len(needle)
    if not n:
        return
    stop = len(text) if end is None else end
    i = hay.find(needle, start, stop)
    while i >= 0:
        e = i + n
        if plural and e < len(text) and text[e] == "s" and _boundary_ok(text, i, e + 1):
            yield i, e + 1
        elif _boundary_ok(text, i, e):
            yield i, e
        i = hay.find(needle, i + 1, stop)
