"""Shared machinery of the readers: opening (gzip-transparent), bounded line reading,
field normalisation, and turning raw fields into a validated `Paper` or a `Rejected`.

Every reader yields `Paper | Rejected`; nothing a single record contains can make a
reader raise. A file that cannot be read at all (corrupt gzip, binary content, broken
XML/JSON document structure) raises `ReadError` after what could be read was yielded.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import gzip
import re
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any, NamedTuple

from pydantic import ValidationError

from kg.models import (
    MAX_ABSTRACT_CHARS,
    MAX_AUTHORS,
    MAX_TITLE_CHARS,
    Paper,
    Rejected,
    SourceRef,
    normalise_arxiv_id,
)
from kg.textclean import clean_text, clean_with_original

Item = Paper | Rejected

MAX_LINE_BYTES = 4 * 1024 * 1024  # one JSONL/CSV/text line; longer lines are rejected
MAX_COMMENT_CHARS = 10_000  # Paper.comment's bound
MAX_AUTHOR_CHARS = 1_000
MAX_CATEGORY_CHARS = 100
SNIFF_BYTES = 64 * 1024
GZIP_MAGIC = b"\x1f\x8b"

# errors that reading a (possibly gzip-compressed) byte stream can raise
STREAM_ERRORS = (OSError, EOFError, zlib.error)


class ReadError(Exception):
    """A file that cannot be read (as a whole, or past some point): corrupt gzip,
    binary content, a broken XML/JSON document, an unreadable path. Raised after the
    records that could be read were yielded."""


class RecordError(ValueError):
    """One record is unusable; its message becomes the `Rejected.reason`."""


# ---------------------------------------------------------------------------------------
# opening and reading


def open_binary(path: Path, *, verify: bool = True) -> IO[bytes]:
    """The file's bytes, decompressed if it is gzip (by magic number, not name).

    A gzip file is first checked end to end (one streaming pass, nothing kept) unless
    `verify` is false: a *corrupt* stream (CRC mismatch, invalid deflate data) raises
    `ReadError` before anything is read, because deflate turns the bytes after the damage
    into plausible garbage that would parse as records and merge into valid papers. A
    *truncated* stream passes: what decompresses before the cut is exact, so it is read
    and `ReadError` comes at the cut."""
    try:
        f = open(path, "rb")
    except OSError as e:
        raise ReadError(f"{path}: cannot open: {e.strerror or e}") from e
    try:
        magic = f.read(2)
        f.seek(0)
    except OSError as e:
        f.close()
        raise ReadError(f"{path}: cannot read: {e}") from e
    if magic == GZIP_MAGIC:
        f.close()
        if verify:
            _verify_gzip(path)
        try:
            return gzip.open(path, "rb")  # type: ignore[return-value]
        except OSError as e:
            raise ReadError(f"{path}: cannot open: {e.strerror or e}") from e
    return f


def _verify_gzip(path: Path) -> None:
    """Raise ReadError if the gzip stream is corrupt; a truncated one passes (see open_binary)."""
    try:
        with gzip.open(path, "rb") as g:
            while g.read(1 << 20):
                pass
    except EOFError:
        return  # truncated: the reader reads up to the cut and reports it there
    except (OSError, zlib.error) as e:
        if isinstance(e, OSError) and not isinstance(e, gzip.BadGzipFile) and e.errno is not None:
            raise ReadError(f"{path}: cannot read: {e.strerror or e}") from e
        raise ReadError(
            f"{path}: {describe_error(e)}; the compressed data is damaged, so no record of this "
            "file can be trusted and none was read (a truncated file, by contrast, is read up to "
            "the cut)"
        ) from e


def read_head(path: Path, size: int = SNIFF_BYTES) -> bytes:
    """The first `size` bytes of content (decompressed); ReadError if unreadable."""
    with open_binary(path, verify=False) as f:
        try:
            return f.read(size)
        except STREAM_ERRORS as e:
            raise ReadError(f"{path}: unreadable ({describe_error(e)})") from e


def looks_binary(head: bytes) -> bool:
    """Binary, not a text listing: a NUL byte (git's rule), or mostly invalid UTF-8.
    Other control characters are text (a reader rejects the lines they spoil)."""
    if not head:
        return False
    sample = head[:4096]
    if b"\x00" in sample:
        return True
    if len(sample) < 64:
        return False
    invalid = sum(
        1 for ch in sample.decode("utf-8", "surrogateescape") if "\udc80" <= ch <= "\udcff"
    )
    return invalid > len(sample) * 0.2


def check_not_binary(path: Path, head: bytes) -> None:
    if looks_binary(head):
        raise ReadError(f"{path}: binary content, not a text listing")


def describe_error(e: BaseException) -> str:
    if isinstance(e, gzip.BadGzipFile):
        return f"corrupt gzip: {e}"
    if isinstance(e, EOFError):
        return f"truncated compressed stream: {e}"
    if isinstance(e, zlib.error):
        return f"corrupt compressed data: {e}"
    return f"{type(e).__name__}: {e}"


class Line(NamedTuple):
    number: int  # 1-based
    text: str  # decoded, without the line ending; "" when unusable
    error: str | None  # why the line is unusable (invalid UTF-8, too long), else None


def iter_raw_lines(
    path: Path, max_bytes: int = MAX_LINE_BYTES
) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) for each line, streaming; bytes is None for a line longer
    than `max_bytes` (it is skipped without being held in memory). Raises ReadError if
    the stream breaks (after yielding the lines before the break) or is binary."""
    with open_binary(path) as f:
        try:
            head = f.read(4096)
            f.seek(0)
        except STREAM_ERRORS as e:
            raise ReadError(f"{path}: unreadable ({describe_error(e)})") from e
        check_not_binary(path, head)
        number = 0
        while True:
            try:
                raw = f.readline(max_bytes + 1)
            except STREAM_ERRORS as e:
                raise ReadError(
                    f"{path}: unreadable after line {number} ({describe_error(e)})"
                ) from e
            if not raw:
                return
            number += 1
            if len(raw) > max_bytes and not raw.endswith(b"\n"):
                # drain the rest of the over-long line
                while True:
                    try:
                        more = f.readline(max_bytes)
                    except STREAM_ERRORS as e:
                        raise ReadError(
                            f"{path}: unreadable after line {number} ({describe_error(e)})"
                        ) from e
                    if not more or more.endswith(b"\n"):
                        break
                yield number, None
                continue
            yield number, raw


def iter_lines(path: Path, max_bytes: int = MAX_LINE_BYTES) -> Iterator[Line]:
    """Decoded lines (UTF-8, BOM and line endings stripped); a line that is not valid
    UTF-8 or is over-long comes with `error` set and its text replaced or empty."""
    for number, raw in iter_raw_lines(path, max_bytes):
        if raw is None:
            yield Line(number, "", f"line longer than {max_bytes} bytes")
            continue
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        raw = raw.rstrip(b"\r\n")
        try:
            yield Line(number, raw.decode("utf-8"), None)
        except UnicodeDecodeError as e:
            yield Line(
                number, raw.decode("utf-8", "replace"), f"invalid UTF-8 (byte {e.start + 1})"
            )


# ---------------------------------------------------------------------------------------
# field normalisation

_AUTHOR_SPLIT = re.compile(r"\s*;\s*|\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*|\s*\n\s*")
_SUFFIX = re.compile(r"^(?:Jr\.?|Sr\.?|II|III|IV|Ph\.?D\.?|M\.?D\.?)$", re.I)
_CATEGORY_SPLIT = re.compile(r"[\s,;]+")


def split_authors(value: Any) -> list[str]:
    """Authors from a list (of names, of {"name": ...}, of [last, first, suffix]) or a
    string ("A, B and C", "A; B", "A and B")."""
    if value is None:
        return []
    names: list[str] = []
    if isinstance(value, str):
        for part in _AUTHOR_SPLIT.split(value):
            part = part.strip()
            if not part:
                continue
            if _SUFFIX.match(part) and names:
                names[-1] = f"{names[-1]}, {part}"
            else:
                names.append(part)
    elif isinstance(value, (list, tuple)):
        for a in value:
            if isinstance(a, str):
                names.append(a)
            elif isinstance(a, dict):
                n = (
                    a.get("name")
                    or a.get("full_name")
                    or " ".join(
                        str(a[k])
                        for k in ("first", "given", "last", "family")
                        if isinstance(a.get(k), str)
                    )
                )
                if isinstance(n, str):
                    names.append(n)
                else:
                    raise RecordError("author entry has no name")
            elif isinstance(a, (list, tuple)) and all(isinstance(x, str) for x in a):
                # arXiv's authors_parsed: [last, first, suffix]
                last, first, *rest = [*a, "", ""][:3] if len(a) < 3 else a[:3]
                names.append(" ".join(x for x in (first, last, *rest) if x))
            else:
                raise RecordError(f"author entry is a {type(a).__name__}, not a name")
    else:
        raise RecordError(f"authors is a {type(value).__name__}, not a list or string")
    out = []
    for n in names:
        n = (
            clean_text(n)
            if ("\\" in n or "&" in n or "{" in n or "<" in n)
            else " ".join(n.split())
        )
        if not n:
            continue
        if len(n) > MAX_AUTHOR_CHARS:
            raise RecordError(f"author name longer than {MAX_AUTHOR_CHARS} characters")
        out.append(n)
    if len(out) > MAX_AUTHORS:
        raise RecordError(f"too many authors ({len(out)} > {MAX_AUTHORS})")
    return out


def split_categories(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        items = _CATEGORY_SPLIT.split(value)
    elif isinstance(value, (list, tuple)):
        items = []
        for v in value:
            if isinstance(v, dict):
                v = v.get("term") or v.get("name")
            if not isinstance(v, str):
                raise RecordError(f"category is a {type(v).__name__}, not a string")
            items.extend(_CATEGORY_SPLIT.split(v))
    else:
        raise RecordError(f"categories is a {type(value).__name__}, not a list or string")
    out: list[str] = []
    for c in items:
        c = c.strip()
        if not c:
            continue
        if len(c) > MAX_CATEGORY_CHARS:
            raise RecordError(f"category longer than {MAX_CATEGORY_CHARS} characters")
        if c not in out:
            out.append(c)
    return out


_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s])")
_COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})$")
_SLASH_DATE = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})$")
_YEAR_MONTH = re.compile(r"(\d{4})-(\d{2})$")


def parse_date(value: Any) -> dt.date | None:
    """A date from `2025-03-18`, `2025-10-16T17:59:37Z`, `20250318`, `2025/03/18`,
    RFC 2822 (`Mon, 2 Apr 2007 19:18:42 GMT`); None for empty; RecordError otherwise."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise RecordError(f"unparseable date: {value!r}"[:200])
    s = value.strip()
    if not s:
        return None
    try:
        for pat in (_ISO_DATE, _SLASH_DATE, _COMPACT_DATE):
            m = pat.match(s)
            if m and (pat is not _COMPACT_DATE or m.end() == len(s)):
                if pat is _ISO_DATE and len(s) > 10:
                    # make sure the time part is sane too
                    dt.datetime.fromisoformat(s.replace("Z", "+00:00"))
                return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        m = _YEAR_MONTH.match(s)
        if m:
            return dt.date(int(m.group(1)), int(m.group(2)), 1)
        if "," in s or re.search(r"[A-Za-z]{3}", s):
            parsed = email.utils.parsedate_to_datetime(s)
            if parsed is not None:
                return parsed.date()
    except (ValueError, TypeError, OverflowError, IndexError):
        pass
    raise RecordError(f"unparseable date: {s!r}"[:200])


# Links to code: a URL on a code host (GitHub, GitLab, ...), or a github.io/gitlab.io
# project page. Candidates are found with str.find on the lower-cased text (C speed),
# then widened to the whole URL token.
_URL_CHARS = r"[^\s<>\"'`{}|\\^\[\]]"
_URL_TOKEN = re.compile(f"{_URL_CHARS}*")
_SUBDOMAIN_BEFORE = re.compile(r"[\w\-]+\.$")
_CODE_HOST = re.compile(
    r"^(?:https?://)?(?:www\.)?(?:github\.com|gitlab\.com|bitbucket\.org|codeberg\.org|"
    r"gitee\.com|sourceforge\.net|huggingface\.co|[\w\-]+\.github\.io|[\w\-]+\.gitlab\.io)(?:[/:?#]|$)",
    re.I,
)
_TEX_URL_ESCAPES = re.compile(r"\\([_%&#~$])")
_SCHEMES = ("https://", "http://", "www.")
_BARE_HOSTS = (
    "github.com/",
    "gitlab.com/",
    "bitbucket.org/",
    "codeberg.org/",
    "huggingface.co/",
    "gitee.com/",
)
_PAGE_HOSTS = (".github.io", ".gitlab.io")
_TRAILING = ".,;:!?)]}'\"*"


def _url_end(text: str, i: int) -> int:
    m = _URL_TOKEN.match(text, i)  # `…*`: matches, if only the empty string
    return m.end() if m else i


def _candidates(text: str, low: str) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    n = len(text)
    for scheme in _SCHEMES:
        i = low.find(scheme)
        while i != -1:
            if scheme != "www." or i < 3 or low[i - 3 : i] != "://":
                if i == 0 or not (text[i - 1].isalnum() or text[i - 1] in "/."):
                    found.append((i, text[i : _url_end(text, i)]))
            i = low.find(scheme, i + 1)
    for host in (*_BARE_HOSTS, *_PAGE_HOSTS):
        i = low.find(host)
        while i != -1:
            start = i
            if host in _PAGE_HOSTS:
                sub = _SUBDOMAIN_BEFORE.search(text, max(0, i - 64), i + 1)
                start = sub.start() if sub else -1
                end_host = i + len(host)
                if end_host < n and (text[end_host].isalnum() or text[end_host] in "-_"):
                    start = -1  # "x.github.iox" is no github.io page
            if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "/.@\\-_"):
                start = -1  # inside a longer URL (seen via its scheme) or an e-mail address
            if start >= 0:
                found.append((start, text[start : _url_end(text, i)]))
            i = low.find(host, i + 1)
    found.sort()
    return found


def code_urls(*texts: str | None) -> list[str]:
    """Links to code (GitHub, GitLab, Hugging Face, ... and github.io project pages)
    mentioned in the given texts, in order, de-duplicated."""
    out: list[str] = []
    seen: set[str] = set()
    for text in texts:
        if not text:
            continue
        low = text.lower()
        if "git" not in low and "huggingface" not in low and "codeberg" not in low:
            continue
        if "\\" in text:
            text = _TEX_URL_ESCAPES.sub(r"\1", text)
            low = text.lower()
        for _, url in _candidates(text, low):
            url = url.rstrip(_TRAILING)
            if url.endswith("/") and url.count("/") > 3:
                url = url.rstrip("/")
            if not _CODE_HOST.match(url):
                continue
            scheme_end = url.find("://")
            if scheme_end == -1:
                url = "https://" + url
            else:
                url = url[:scheme_end].lower() + url[scheme_end:]
            host_path = url.split("://", 1)[1].rstrip("/")
            if "/" not in host_path and not host_path.lower().endswith(_PAGE_HOSTS):
                continue  # a bare "github.com" names no repository
            key = url.lower().rstrip("/")
            if key not in seen:
                seen.add(key)
                out.append(url)
    return out


# ---------------------------------------------------------------------------------------
# building a Paper


def _text_field(name: str, value: Any, limit: int) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise RecordError(f"{name} is a {type(value).__name__}, not text")
    if len(value) > limit:
        raise RecordError(f"{name} longer than {limit} characters ({len(value)})")
    return value


def _lang_map(name: str, value: dict[str, Any] | None, limit: int) -> dict[str, str]:
    out: dict[str, str] = {}
    if not value:
        return out
    if not isinstance(value, dict):
        raise RecordError(f"{name} is a {type(value).__name__}, not a mapping")
    for lang, text in value.items():
        t = _text_field(f"{name}[{lang}]", text, limit)
        if t is None:
            continue
        t = clean_text(t)
        if t:
            out[str(lang)] = t
    return out


def _validation_reason(e: ValidationError) -> str:
    parts = []
    for err in e.errors()[:3]:
        loc = ".".join(str(x) for x in err.get("loc", ()))
        parts.append(f"{loc}: {err.get('msg', 'invalid')}" if loc else err.get("msg", "invalid"))
    return "invalid record: " + "; ".join(parts)


def make_paper(
    *,
    file: str,
    record: int,
    fmt: str,
    title: Any,
    abstract: Any = "",
    arxiv_id: Any = None,
    abstract_truncated: bool = False,
    titles: dict[str, Any] | None = None,
    abstracts: dict[str, Any] | None = None,
    summaries: dict[str, Any] | None = None,
    authors: Any = None,
    categories: Any = None,
    comment: Any = None,
    published: Any = None,
    urls: Iterable[str] = (),
) -> Item:
    """Validate and clean raw fields into a Paper; any problem gives a Rejected."""
    try:
        raw_title = _text_field("title", title, MAX_TITLE_CHARS)
        if raw_title is None or not raw_title.strip():
            raise RecordError("missing title")
        raw_abstract = _text_field("abstract", abstract, MAX_ABSTRACT_CHARS) or ""
        raw_comment = _text_field("comment", comment, MAX_COMMENT_CHARS)
        clean_title, title_original = clean_with_original(raw_title)
        if not clean_title:
            raise RecordError("title is empty after cleaning")
        clean_abstract, abstract_original = clean_with_original(raw_abstract)
        clean_comment = clean_text(raw_comment) if raw_comment else None
        aid = None
        if arxiv_id is not None:
            if not isinstance(arxiv_id, str):
                arxiv_id = str(arxiv_id)
            if len(arxiv_id) <= 200:
                aid = normalise_arxiv_id(arxiv_id)
        links = code_urls(raw_abstract, raw_comment)
        for u in urls:
            if isinstance(u, str) and _CODE_HOST.match(u) and u not in links:
                links.append(u)
        paper = Paper(
            title=clean_title,
            abstract=clean_abstract,
            title_original=title_original,
            abstract_original=abstract_original,
            arxiv_id=aid,
            abstract_truncated=abstract_truncated,
            titles=_lang_map("titles", titles, MAX_TITLE_CHARS),
            abstracts=_lang_map("abstracts", abstracts, MAX_ABSTRACT_CHARS),
            summaries=_lang_map("summaries", summaries, MAX_ABSTRACT_CHARS),
            authors=split_authors(authors),
            categories=split_categories(categories),
            comment=clean_comment or None,
            published=parse_date(published),
            code_urls=links,
            sources=[SourceRef(file=file, record=record, format=fmt)],
        )
    except RecordError as e:
        return Rejected(file=file, record=record, reason=str(e))
    except ValidationError as e:
        return Rejected(file=file, record=record, reason=_validation_reason(e))
    bad = _surrogate_field(paper)
    if bad is not None:
        # a JSON `\ud800` escape decodes to a lone surrogate: not Unicode, cannot be
        # written as UTF-8 (it used to crash the whole ingest batch downstream)
        reason = (
            f"{bad} holds a lone surrogate (an unpaired \\uD800-\\uDFFF escape), not valid Unicode"
        )
        return Rejected(file=file, record=record, reason=reason)
    return paper


_ANY_SURROGATE = re.compile("[\ud800-\udfff]")


def _surrogate_field(paper: Paper) -> str | None:
    """The name of the first text field of `paper` holding a lone surrogate, else None."""
    search = _ANY_SURROGATE.search
    for name in ("title", "abstract", "title_original", "abstract_original", "comment"):
        v = getattr(paper, name)
        if v and search(v):
            return name
    for name in ("authors", "categories", "code_urls"):
        if any(search(v) for v in getattr(paper, name)):
            return name
    for name in ("titles", "abstracts", "summaries"):
        if any(search(k) or search(v) for k, v in getattr(paper, name).items()):
            return name
    return None


def reject(file: str, record: int, reason: str) -> Rejected:
    return Rejected(file=file, record=record, reason=reason[:500])
