"""Clean LaTeX and HTML remnants out of titles and abstracts, for display.

`clean_text` is the one entry point readers use:

* hard line wraps are joined and whitespace is collapsed to single spaces
  (a wrap between two CJK characters is joined without a space);
* HTML: character references (`&amp;`, `&#177;`) are decoded, formatting tags
  (`<i>`, `<b>`, `<sup>`, `<span ...>`, `<br/>`, ...) are stripped; anything else in
  angle brackets (`<think>`, `<class>`) is kept, since abstracts talk about tokens;
* LaTeX: formatting commands keep their text (`\\textit{x}` -> `x`), references are
  dropped (`\\cite{..}`, `\\ref{..}`, `\\footnote{..}`), escapes are unescaped (`\\%`),
  accents are composed (`\\'e` -> `é`), math spans lose their delimiters and common
  symbols become Unicode (`$60\\%$` -> `60%`, `$\\times$` -> `×`, `$x^2$` -> `x²`),
  TeX quotes become typographic (``` ``q'' ``` -> `“q”`), `--`/`---` become dashes;
* unknown macros outside math (`\\method`, `\\ours`) are left alone: their expansion
  is unknowable and dropping them would leave a hole in the sentence.

The cleaning is idempotent (`clean_text(clean_text(s)) == clean_text(s)`): one pass is
repeated until nothing changes. Text with no markup at all (most abstracts) takes a
fast path that only collapses whitespace. All regexes are compiled once.
"""

from __future__ import annotations

import html
import re
import unicodedata

__all__ = ["clean_text", "clean_with_original", "collapse_whitespace"]

# ---------------------------------------------------------------------------------------
# whitespace

_CJK = (
    r"\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    r"\uf900-\ufaff\uff00-\uffef"
)
_CJK_WRAP = re.compile(rf"(?<=[{_CJK}])[ \t]*\r?\n\s*(?=[{_CJK}])")
# zero-width and other format characters that only get in the way of display and search
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


_HAS_CJK = re.compile(f"[{_CJK}]")


def collapse_whitespace(text: str) -> str:
    """Join hard line wraps and collapse runs of whitespace to one space."""
    if "\n" in text and not text.isascii() and _HAS_CJK.search(text) and _CJK_WRAP.search(text):
        text = _CJK_WRAP.sub("", text)
    return " ".join(text.split())


# ---------------------------------------------------------------------------------------
# the fast-path trigger: if none of these occur, only whitespace needs work

_INLINE_TAGS = "a|abbr|b|big|cite|code|em|font|i|mark|q|small|span|strike|strong|sub|sup|tt|u"
_BLOCK_TAGS = "blockquote|br|center|div|h[1-6]|hr|img|li|ol|p|pre|table|td|th|tr|ul"
_HTML_TAGS = f"{_INLINE_TAGS}|{_BLOCK_TAGS}"
_TAG = re.compile(rf"</?(?:{_HTML_TAGS})(?:\s+[^<>]*)?/?>", re.I)
_INLINE_TAG = re.compile(rf"</?(?:{_INLINE_TAGS})(?:\s+[^<>]*)?/?>", re.I)
_BLOCK_TAG = re.compile(rf"</?(?:{_BLOCK_TAGS})(?:\s+[^<>]*)?/?>", re.I)
_SUBSUP_TAG = re.compile(r"<(sub|sup)>([0-9+\-=()]{1,8})</\1>", re.I)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# characters that can start markup; `--` and `''` are checked with `in`, and `&`/`<`
# are confirmed with the entity/tag patterns, so plain prose stays on the fast path
_TRIGGER_CHARS = re.compile(
    "[\\\\${`~\u201c&<\u00ad\u200b\u200c\u200d\u2060\ufeff\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"
)


def _has_markup(text: str) -> bool:
    if "--" in text or "''" in text:
        return True
    m = _TRIGGER_CHARS.search(text)
    while m is not None:
        c = m.group()
        if c == "&":
            if _ENTITY.match(text, m.start()):
                return True
        elif c == "<":
            if _TAG.match(text, m.start()):
                return True
        else:
            return True
        m = _TRIGGER_CHARS.search(text, m.end())
    return False


# ---------------------------------------------------------------------------------------
# LaTeX tables

_GREEK = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ",
    "varepsilon": "ε", "zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "ϑ",
    "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ",
    "pi": "π", "varpi": "ϖ", "rho": "ρ", "varrho": "ϱ", "sigma": "σ", "varsigma": "ς",
    "tau": "τ", "upsilon": "υ", "phi": "ϕ", "varphi": "φ", "chi": "χ", "psi": "ψ",
    "omega": "ω", "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ",
    "Pi": "Π", "Sigma": "Σ", "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
}  # fmt: skip

_SYMBOLS = {
    **_GREEK,
    "times": "×", "pm": "±", "mp": "∓", "cdot": "·", "div": "÷", "sim": "~",
    "approx": "≈", "simeq": "≃", "cong": "≅", "equiv": "≡", "neq": "≠", "ne": "≠",
    "leq": "≤", "le": "≤", "leqslant": "≤", "geq": "≥", "ge": "≥", "geqslant": "≥",
    "ll": "≪", "gg": "≫", "propto": "∝", "infty": "∞", "partial": "∂", "nabla": "∇",
    "sum": "∑", "prod": "∏", "int": "∫", "in": "∈", "notin": "∉", "subset": "⊂",
    "subseteq": "⊆", "supset": "⊃", "supseteq": "⊇", "cup": "∪", "cap": "∩",
    "emptyset": "∅", "varnothing": "∅", "forall": "∀", "exists": "∃", "neg": "¬",
    "lnot": "¬", "land": "∧", "lor": "∨", "wedge": "∧", "vee": "∨", "oplus": "⊕",
    "otimes": "⊗", "odot": "⊙", "circ": "∘", "bullet": "•", "star": "⋆", "ast": "*",
    "dagger": "†", "ddagger": "‡", "ell": "ℓ", "hbar": "ℏ", "to": "→",
    "rightarrow": "→", "leftarrow": "←", "gets": "←", "leftrightarrow": "↔",
    "Rightarrow": "⇒", "Leftarrow": "⇐", "Leftrightarrow": "⇔", "implies": "⇒",
    "iff": "⇔", "longrightarrow": "⟶", "longleftarrow": "⟵", "mapsto": "↦",
    "uparrow": "↑", "downarrow": "↓", "Uparrow": "⇑", "Downarrow": "⇓",
    "nearrow": "↗", "searrow": "↘", "langle": "⟨", "rangle": "⟩", "lceil": "⌈",
    "rceil": "⌉", "lfloor": "⌊", "rfloor": "⌋", "ldots": "…", "cdots": "⋯",
    "dots": "…", "vdots": "⋮", "ddots": "⋱", "prime": "′", "deg": "°", "degree": "°",
    "checkmark": "✓", "top": "⊤", "bot": "⊥", "perp": "⊥", "mid": "|", "vert": "|",
    "lvert": "|", "rvert": "|", "Vert": "‖", "lVert": "‖", "rVert": "‖", "parallel": "∥",
    "angle": "∠", "triangle": "△", "square": "□", "diamond": "⋄", "setminus": "∖",
    "backslash": "∖", "lbrace": "{", "rbrace": "}", "colon": ":", "quad": " ",
    "qquad": " ", "space": " ", "enspace": " ", "thinspace": " ", "newline": " ",
    "linebreak": " ", "par": " ", "aleph": "ℵ", "Re": "ℜ", "Im": "ℑ", "wp": "℘",
    "smile": "⌣", "models": "⊨", "vdash": "⊢",
    # text-mode symbols
    "textendash": "–", "textemdash": "—", "textquotedblleft": "“",
    "textquotedblright": "”", "textquoteleft": "‘", "textquoteright": "’",
    "textasciitilde": "~", "textasciicircum": "^", "textbar": "|", "textless": "<",
    "textgreater": ">", "textdegree": "°", "textregistered": "®", "texttrademark": "™",
    "textcopyright": "©", "copyright": "©", "textbullet": "•", "textperiodcentered": "·",
    "textpm": "±", "texttimes": "×", "textmu": "μ", "S": "§", "P": "¶", "dag": "†",
    "ddag": "‡", "ss": "ß", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "o": "ø",
    "O": "Ø", "aa": "å", "AA": "Å", "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ",
    "LaTeX": "LaTeX", "TeX": "TeX", "BibTeX": "BibTeX", "eg": "e.g.", "ie": "i.e.",
    "etal": "et al.", "wrt": "w.r.t.", "etc": "etc.", "vs": "vs.", "cf": "cf.",
    "textellipsis": "…", "euro": "€", "pounds": "£", "textdollar": "$",
    "textpercent": "%", "textunderscore": "_", "textbackslash": "\\",
}  # fmt: skip

# named operators print as their name
_OPERATORS = frozenset(
    "log ln lg exp sin cos tan cot sec csc arcsin arccos arctan sinh cosh tanh "
    "max min arg argmax argmin sup inf lim liminf limsup det Pr dim ker gcd lcm "
    "mod bmod pmod hom trace tr softmax".split()
)

# one argument, keep its content
_KEEP1 = frozenset(
    "textbf textit emph texttt textsc textsf textrm textup textmd textsl textnormal text "
    "underline uline ul mbox hbox fbox makebox textsuperscript textsubscript mathrm "
    "mathbf mathit mathsf mathtt mathcal mathbb mathfrak mathscr mathnormal boldsymbol bm "
    "pmb operatorname url nolinkurl path ac acs acl acp acsp aclp acf acrshort acrlong "
    "acrfull gls glspl Gls hat widehat tilde widetilde bar overline vec dot ddot "
    "check breve acute grave mathring overrightarrow overleftarrow underbrace overbrace "
    "uppercase lowercase MakeUppercase MakeLowercase textmu smash phantom sqrt "
    "mathop mathbin mathrel ensuremath textcircled".split()
)
# one argument, drop it (references, labels, notes)
_DROP1 = frozenset(
    "cite citep citet citealp citealt citeauthor citeyear citenum parencite textcite "
    "autocite footcite nocite ref eqref autoref cref Cref pageref nameref label footnote "
    "footnotetext thanks vspace hspace color pagecolor bibliographystyle bibliography "
    "input include usepackage documentclass".split()
)
# two arguments: function of the two converted args
_TWO_ARGS = frozenset(
    "href textcolor colorbox hyperlink replaced foreignlanguage frac dfrac tfrac cfrac "
    "binom dbinom tbinom stackrel overset underset".split()
)
# commands that take no argument and print nothing
_NOOP = frozenset(
    "bf it em tt sc rm sf sl up md bfseries itshape ttfamily scshape rmfamily sffamily "
    "slshape upshape mdseries normalfont small large Large LARGE tiny scriptsize "
    "footnotesize normalsize huge Huge centering raggedright raggedleft noindent "
    "indent hfill vfill left right big Big bigg Bigg bigl bigr Bigl Bigr biggl biggr "
    "Biggl Biggr middle displaystyle textstyle scriptstyle scriptscriptstyle limits "
    "nolimits protect relax nonumber notag xspace unskip leavevmode maketitle "
    "mathstrut strut ignorespaces clearpage newpage bigskip medskip smallskip".split()
)
_SWITCHES = frozenset(
    "bf it em tt sc rm sf sl bfseries itshape ttfamily scshape rmfamily sffamily "
    "slshape upshape normalfont small large Large tiny scriptsize footnotesize "
    "normalsize huge Huge".split()
)
_BEGIN_END = frozenset({"begin", "end"})

_ACCENTS = {
    "'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303",
    "=": "\u0304", ".": "\u0307", "u": "\u0306", "v": "\u030c", "H": "\u030b",
    "c": "\u0327", "k": "\u0328", "r": "\u030a", "d": "\u0323", "b": "\u0331",
}  # fmt: skip
_LETTER_ACCENTS = frozenset("uvHckrdb")

_SUPERSCRIPT = str.maketrans("0123456789+-=()ni", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱ")
_SUPERSCRIPTABLE = re.compile(r"[0-9+\-=()ni]{1,8}")
_SUBSCRIPT = str.maketrans("0123456789+-=()", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎")
_SUBSCRIPTABLE = re.compile(r"[0-9+\-=()]{1,8}")

_ESCAPES = {"%": "%", "&": "&", "_": "_", "#": "#", "$": "$", "{": "{", "}": "}"}
_SPACES = {",": " ", ";": " ", ":": " ", " ": " ", "\n": " ", "\t": " ", ">": " ", "\\": " "}
_NOTHING = frozenset("!/@-)(][")

# tokens the scanner stops at; everything between them is copied in bulk
_TEXT_TOKEN = re.compile(r"\\|\{")
_MATH_TOKEN = re.compile(r"[\\{}^_~\s]")
_CMD = re.compile(r"[A-Za-z]+\*?")
_BRACES = re.compile(r"\\.|[{}]", re.S)
_OPTIONAL_ARG = re.compile(r"\s*\[[^\[\]]*\]")
_CHAR_CODE = re.compile(r"\s*(?:\"([0-9A-Fa-f]{1,6})|'([0-7]{1,8})|([0-9]{1,7}))")
_UNICODE_ARG = re.compile(r"\s*\{\s*(?:x|0x|U\+|u)?([0-9A-Fa-f]{1,6})\s*\}")
_ENV_ARG = re.compile(r"\s*\{[A-Za-z*]{1,30}\}")

_MAX_DEPTH = 100  # nesting levels converted per pass (each level is a few stack frames)
_PROTECTED = re.compile(r"[\w\-.+ ]{1,60}")

# math spans: $$..$$, \(..\), \[..\], $..$ (pandoc's rule: no space just inside the
# delimiters; and when the span starts with a digit its closing $ is not followed by a
# digit, so "$4 and $5" and "$5-$6" stay money while "$\sim$60%" is math)
_MATH = re.compile(
    r"\$\$(?P<d>(?:\\.|[^$\\])+?)\$\$"
    r"|\\\((?P<p>(?:[^\\]|\\[^()])+?)\\\)"
    r"|\\\[(?P<b>(?:[^\\]|\\[^\[\]])+?)\\\]"
    r"|\$(?<![\\$]\$)(?=[^\s$\d])(?P<i>(?:\\.|[^$\\])+?)(?<=\S)\$(?!\$)"
    r"|\$(?<![\\$]\$)(?=\d)(?P<n>(?:\\.|[^$\\])+?)(?<=\S)\$(?![\d$])",
    re.S,
)
# literal-first patterns: lookbehinds come after the literal so the scan can skip ahead
_TIE = re.compile(r"~(?<=[A-Za-z0-9.]~)(?=[A-Za-z0-9])")
_DASHES = re.compile(r"--+")
_OPEN_QUOTES = re.compile(r"``")
_CLOSE_DOUBLE = re.compile(r"\u201c([^\u201c\u201d\"]{0,600}?)(?:''|\")")
_SINGLE_QUOTES = re.compile(r"`([^`'\s][^`']{0,300}?)'(?![A-Za-z])")


class _Scanner:
    """Converts a run of LaTeX to text. Regex-driven: only stops at `\\` and `{`
    (text) or at the few characters that matter in math."""

    __slots__ = ("s", "math", "depth", "pairs")

    def __init__(self, s: str, math: bool, depth: int = 0) -> None:
        self.s = s
        self.math = math
        self.depth = depth
        self.pairs: dict[int, int] | None = None

    # -- helpers ------------------------------------------------------------------------

    def _group_end(self, i: int) -> int | None:
        """s[i] == '{': index of the matching '}', or None if unbalanced. The pairs are
        found in one pass per scanner, so unbalanced input stays linear."""
        if self.pairs is None:
            pairs: dict[int, int] = {}
            stack: list[int] = []
            for m in _BRACES.finditer(self.s):
                t = m.group()
                if t == "{":
                    stack.append(m.start())
                elif t == "}" and stack:
                    pairs[stack.pop()] = m.start()
            self.pairs = pairs
        return self.pairs.get(i)

    def _arg(self, i: int) -> tuple[str | None, int]:
        """Read one argument at i (after optional spaces): a braced group, a control
        word, or one character. Returns (raw argument, index after it)."""
        s, n = self.s, len(self.s)
        j = i
        while j < n and s[j] in " \t\n":
            j += 1
        if j >= n:
            return None, i
        c = s[j]
        if c == "{":
            end = self._group_end(j)
            if end is None:
                return None, i
            return s[j + 1 : end], end + 1
        if c == "\\":
            m = _CMD.match(s, j + 1)
            if m:
                return s[j : m.end()], m.end()
            if j + 1 < n:
                return s[j : j + 2], j + 2
            return None, i
        if c in "}$":
            return None, i
        return c, j + 1

    def _sub(self, s: str, math: bool | None = None) -> str:
        if self.depth >= _MAX_DEPTH:
            return _HARD_STRIP.sub(" ", s)  # absurdly deep nesting: flatten the rest
        return _Scanner(s, self.math if math is None else math, self.depth + 1).run()

    # -- the scan -----------------------------------------------------------------------

    def run(self) -> str:
        s, n, math = self.s, len(self.s), self.math
        token = _MATH_TOKEN if math else _TEXT_TOKEN
        out: list[str] = []
        i = 0
        while i < n:
            m = token.search(s, i)
            if m is None:
                out.append(s[i:])
                break
            j = m.start()
            if j > i:
                out.append(s[i:j])
            c = s[j]
            if c == "\\":
                i = self._command(j, out)
            elif c == "{":
                i = self._group(j, out)
            elif c == "}":  # stray closing brace in math
                i = j + 1
            elif c in "^_":
                i = self._script(j, out)
            elif c == "~":  # a tie in math is a space
                out.append(" ")
                i = j + 1
            else:  # whitespace in math
                if not out or not out[-1].endswith(" "):
                    out.append(" ")
                i = j + 1
        return "".join(out)

    def _group(self, j: int, out: list[str]) -> int:
        s = self.s
        end = self._group_end(j)
        if end is None:
            if self.math:
                return j + 1  # drop the stray brace
            out.append("{")
            return j + 1
        inner = s[j + 1 : end]
        if self.math:
            out.append(self._sub(inner))
            return end + 1
        # text mode: only groups that carry markup are unwrapped ({\bf x}, {\'e}, {\"o})
        if inner.startswith("\\"):
            m = _CMD.match(inner, 1)
            name = m.group() if m else inner[1:2]
            if (m and (name in _SWITCHES or name in _LETTER_ACCENTS or name in _SYMBOLS)) or (
                not m and name in _ACCENTS
            ):
                out.append(self._sub(inner))
                return end + 1
        if inner == "":
            return end + 1  # `{}` (e.g. after `\LaTeX{}`) prints nothing
        if inner in (",", ".", "-", "'"):
            out.append(inner)  # `2{,}000`: a digit-group separator kept tight
            return end + 1
        if (j == 0 or s[j - 1].isalnum()) and _PROTECTED.fullmatch(inner):
            out.append(inner)  # BibTeX case protection: `Allo{SR}`, `{BERT}: ...`
            return end + 1
        out.append("{")
        return j + 1

    def _script(self, j: int, out: list[str]) -> int:
        s = self.s
        c = s[j]
        raw, k = self._arg(j + 1)
        if raw is None:
            out.append(c)
            return j + 1
        stripped = raw.strip()
        if c == "^" and stripped in ("\\circ", "\\degree", "o"):
            out.append("°")
            return k
        if stripped.startswith("\\") and stripped[1:].rstrip("*") in _KEEP1:
            # `^\text{T}`: the control word takes its own argument
            more, k3 = self._arg(k)
            if more is not None:
                raw, k = f"{stripped}{{{more}}}", k3
        if c == "^" and stripped in ("\\top", "\\intercal"):
            out.append("ᵀ")
            return k
        if c == "^" and stripped in ("\\prime", "'"):
            out.append("′")
            return k
        conv = self._sub(raw).strip()
        if c == "^" and _SUPERSCRIPTABLE.fullmatch(conv):
            out.append(conv.translate(_SUPERSCRIPT))
        elif c == "_" and _SUBSCRIPTABLE.fullmatch(conv):
            out.append(conv.translate(_SUBSCRIPT))
        elif conv:
            out.append(c + (conv if len(conv) == 1 else f"{{{conv}}}" if " " in conv else conv))
        return k

    def _accent(self, acc: str, k: int, out: list[str]) -> int:
        raw, k2 = self._arg(k)
        if raw is None:
            out.append(acc)
            return k
        base = self._sub(raw).strip()
        if base in ("\\i", "ı"):
            base = "i"
        if base in ("\\j", "ȷ"):
            base = "j"
        if len(base) == 1 and base.isalpha():
            out.append(unicodedata.normalize("NFC", base + _ACCENTS[acc]))
        else:
            out.append(base)
        return k2

    def _command(self, j: int, out: list[str]) -> int:
        s, n, math = self.s, len(self.s), self.math
        if j + 1 >= n:
            return n  # lone trailing backslash
        c = s[j + 1]
        m = _CMD.match(s, j + 1)
        if not m:
            # control symbol
            k = j + 2
            if c in _ESCAPES:
                out.append(_ESCAPES[c])
            elif c in _ACCENTS:
                if c in "~^" and s[k : k + 2] == "{}":  # \~{} and \^{} print the character
                    out.append(c)
                    return k + 2
                return self._accent(c, k, out)
            elif c in _SPACES:
                if not out or not out[-1].endswith(" "):
                    out.append(" ")
            elif c in _NOTHING:
                pass
            elif c == "|":
                out.append("‖")
            else:
                out.append(c)
            return k
        name = m.group().rstrip("*")
        k = m.end()
        if name in _LETTER_ACCENTS and (k < n and (s[k] in "{ ")):
            return self._accent(name, k, out)
        if name in _KEEP1:
            raw, k2 = self._arg(k)
            if raw is None:
                return k
            inner = self._sub(raw, math=math or name.startswith("math") or name == "ensuremath")
            if name == "sqrt":
                inner = "√" + (inner if len(inner) <= 1 else f"({inner})")
            elif name == "textsuperscript" and _SUPERSCRIPTABLE.fullmatch(inner):
                inner = inner.translate(_SUPERSCRIPT)
            elif name == "textsubscript" and _SUBSCRIPTABLE.fullmatch(inner):
                inner = inner.translate(_SUBSCRIPT)
            out.append(inner)
            return k2
        if name in _DROP1:
            while True:
                mo = _OPTIONAL_ARG.match(s, k)
                if not mo:
                    break
                k = mo.end()
            raw, k2 = self._arg(k)
            if name in ("vspace", "hspace", "color", "pagecolor"):
                return k2 if raw is not None else k
            # "method~\cite{x}." -> "method."
            while out and out[-1] and out[-1][-1] in " ~\t":
                out[-1] = out[-1].rstrip(" ~\t")
                if not out[-1]:
                    out.pop()
            return k2 if raw is not None else k
        if name in _TWO_ARGS:
            a, k1 = self._arg(k)
            if a is None:
                return k
            b, k2 = self._arg(k1)
            if b is None:
                out.append(self._sub(a))
                return k1
            ua, ub = self._sub(a), self._sub(b)
            ca, cb = ua.strip(), ub.strip()
            if name == "href":
                out.append(cb if (not ca or ca in cb) else f"{cb} ({ca})" if cb else ca)
            elif name in ("textcolor", "colorbox", "hyperlink", "foreignlanguage"):
                out.append(ub)
            elif name == "replaced":
                out.append(ua)
            elif name in ("frac", "dfrac", "tfrac", "cfrac"):
                fa = ca if re.fullmatch(r"[\w.′]+", ca) else f"({ca})"
                fb = cb if re.fullmatch(r"[\w.′]+", cb) else f"({cb})"
                out.append(f"{fa}/{fb}")
            elif name in ("binom", "dbinom", "tbinom"):
                out.append(f"C({ca}, {cb})")
            else:  # stackrel, overset, underset: the base symbol
                out.append(cb)
            return k2
        if name == "unicode":
            mo = _UNICODE_ARG.match(s, k)
            if mo:
                cp = int(mo.group(1), 16)
                if 0 < cp < 0x110000 and not 0xD800 <= cp <= 0xDFFF:
                    out.append(chr(cp))
                return mo.end()
            return k
        if name == "char":
            mo = _CHAR_CODE.match(s, k)
            if mo:
                hx, octal, dec = mo.groups()
                cp = int(hx, 16) if hx else int(octal, 8) if octal else int(dec)
                if 0 < cp < 0x110000 and not 0xD800 <= cp <= 0xDFFF and cp >= 32:
                    out.append(chr(cp))
                return mo.end()
            return k
        if name in _BEGIN_END:
            mo = _ENV_ARG.match(s, k)
            if mo:
                out.append(" ")
                return mo.end()
            return k
        if name in _NOOP:
            return k
        if name in _OPERATORS:
            out.append(name)
            return k
        if name in _SYMBOLS:
            out.append(_SYMBOLS[name])
            return k
        if math:
            # unknown macro in math: its name is the best guess at what it printed
            out.append(name)
            return k
        # unknown macro in text (\method, \ours): leave it as it was
        out.append(s[j:k])
        return k


def _latex(s: str) -> str:
    """Convert LaTeX markup in `s`: math spans first, then the text between them."""
    parts: list[str] = []
    pos = 0
    if "$" in s or "\\(" in s or "\\[" in s:
        for m in _MATH.finditer(s):
            if m.start() > pos:
                parts.append(_Scanner(s[pos : m.start()], math=False).run())
            body = (
                m.group("d") or m.group("p") or m.group("b") or m.group("i") or m.group("n") or ""
            )
            parts.append(" ".join(_Scanner(body, math=True).run().split()))
            pos = m.end()
    if pos < len(s):
        parts.append(_Scanner(s[pos:], math=False).run() if "\\" in s or "{" in s else s[pos:])
    return "".join(parts)


def _unescape_html(s: str) -> str:
    while True:
        t = _ENTITY.sub(lambda m: html.unescape(m.group()), s)
        if t == s:
            return s
        s = t


def _subsup(m: re.Match[str]) -> str:
    table = _SUBSCRIPT if m.group(1).lower() == "sub" else _SUPERSCRIPT
    return m.group(2).translate(table)


def _dash(m: re.Match[str]) -> str:
    """TeX dashes: `--` en dash, `---` em dash; not in `<!--`, `-->`, or longer rules."""
    run, s, i, j = m.group(), m.string, m.start(), m.end()
    if len(run) > 3 or (i > 0 and s[i - 1] in "!<") or (j < len(s) and s[j] == ">"):
        return run
    return "\u2014" if len(run) == 3 else "\u2013"


def _pass(s: str) -> str:
    s = _INVISIBLE.sub("", s)
    s = collapse_whitespace(s)
    if "&" in s:
        s = _unescape_html(s)
    if "<" in s:
        s = _SUBSUP_TAG.sub(_subsup, s)
        while True:
            t = _BLOCK_TAG.sub(" ", _INLINE_TAG.sub("", s))
            if t == s:
                break
            s = t
    if "\\" in s or "$" in s or "{" in s:
        s = _latex(s)
    if "`" in s:
        s = _OPEN_QUOTES.sub("\u201c", s)
        s = _SINGLE_QUOTES.sub("\u2018\\1\u2019", s)
    if "\u201c" in s:
        s = _CLOSE_DOUBLE.sub("\u201c\\1\u201d", s)
    if "--" in s:
        s = _DASHES.sub(_dash, s)
    if "~" in s:
        s = _TIE.sub(" ", s)
    s = _INVISIBLE.sub("", s)
    return collapse_whitespace(s)


_MAX_PASSES = 12
_HARD_STRIP = re.compile(r"\\[A-Za-z]+\*?|\\.|[{}$\\^]")


def _nfc(s: str) -> str:
    return s if unicodedata.is_normalized("NFC", s) else unicodedata.normalize("NFC", s)


def clean_text(text: str) -> str:
    """Display text: LaTeX/HTML remnants removed, wraps joined, whitespace collapsed."""
    if not text:
        return ""
    s = _converge(text)
    if s is None:
        # passes that keep changing the text (never seen on real input): drop the
        # remaining TeX syntax wholesale and finish, so the result is still a fixpoint
        s = _converge(_HARD_STRIP.sub(" ", text))
    return s if s is not None else collapse_whitespace(text)


def _converge(text: str) -> str | None:
    """Apply passes until nothing changes; None if that takes more than _MAX_PASSES."""
    s = text
    for _ in range(_MAX_PASSES):
        if not _has_markup(s):
            # nothing left that a pass would change but whitespace
            return _nfc(collapse_whitespace(s))
        t = _nfc(_pass(s))
        if t == s:
            return s
        s = t
    return None


def clean_with_original(raw: str | None) -> tuple[str, str | None]:
    """(cleaned, original): `original` is the raw text when cleaning changed more than
    whitespace (markup removed, entities decoded), else None: re-wrapped lines alone are
    not worth a second copy of every abstract in the graph."""
    if raw is None:
        return "", None
    cleaned = clean_text(raw)
    same = cleaned == raw.strip() or cleaned == collapse_whitespace(raw)
    return cleaned, (None if same else raw)
