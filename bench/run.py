#!/usr/bin/env python
"""kg's benchmarks in one command: a JSON and a Markdown report.

    .venv/bin/python bench/run.py                         # 60k real corpus + 1M synthetic (hours)
    .venv/bin/python bench/run.py --quick                 # smoke run: 5k real papers (minutes)
    .venv/bin/python bench/run.py --quick --sizes 3k,10k:syn
    .venv/bin/python bench/run.py --sizes 60k --update-docs
                                           # also rewrite docs/benchmarks.md's section
    .venv/bin/python bench/run.py --ingest-args="--batch-size 1000"   # note the `=`
    make bench BENCH_ARGS="--quick"

Every step runs in a process of its own (its output in WORK/logs/), and is measured
from outside: wall time, CPU time (user + system, the step's whole process tree),
peak memory (the largest single process, exact, from wait4; and the process tree's
summed PSS and RSS, sampled every 0.05 s at first, then every 0.5 s), the load average
before and after. A step
that fails is recorded with the end of its log and the run goes on; steps that need its
output are skipped and say why.

Steps:
  extract      bench/bench_extract.py: abstracts/s with 1 and 2 workers vs tokenizer only
  per size (--sizes; `60k` = the whole shared corpus, `Nk`/`Nm` below its size = its first
  N records, above it = synthetic; force with `:real` / `:syn`, e.g. `10k:syn`):
  synthesize   bench/make_synthetic.py (synthetic sizes; reused when the same file exists)
  ingest       `kg ingest FILE --store fresh --workers 2 [--ingest-args]`
  count        quads and papers in the store
  dump         the store as N-Quads            } the reference: pyoxigraph's raw bulk
  bulk_load    Store.bulk_load of that file    } loader on the same quads
                                                 (sizes up to --bulk-ref-max)
  queries      bench/bench_queries.py --mode direct: 5 canned queries through kg.canned
  queries_http bench/bench_queries.py --mode http: the same + /api/evaluations via kg serve
  api          bench/bench_api.py: req/s of kg serve vs `oxigraph serve-read-only`

Stores, inputs and logs go to --work (default bench/out/work); stores are deleted after
their size is done unless --keep-stores (the 1M store is large: the run checks free disk
before writing and skips a step that would not fit unless --force).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
PY = sys.executable
BIN = Path(sys.executable).parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "arxiv_2025_2026-04.jsonl.gz"
DOCS = ROOT / "docs" / "benchmarks.md"
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"
PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
MB = 1024 * 1024
GB = 1024 * MB

# acceptance targets (issue "Scale and robustness")
TARGET_60K_INGEST_S = 120.0
TARGET_BULK_RATIO = 0.80
TARGET_EVAL_P95_MS = 10.0
TARGET_1M_PEAK_BYTES = 2 * 1000**3  # "2 GB"
REAL_FULL_LABEL = "60k"
SYN_TARGET_N = 1_000_000

# disk estimates used before a measured store exists (60k real store: ~95 kB/paper, 530 B/quad)
DEFAULT_STORE_BYTES_PER_PAPER = 100_000
NQUADS_BYTES_PER_QUAD = 260


# --- small helpers ---------------------------------------------------------------------
sys.path.insert(0, str(BENCH))
from make_synthetic import parse_count  # noqa: E402  ("60k", "1m", "1,000")


def human_n(n: float | None) -> str:
    if n is None:
        return "–"
    return f"{n:,.0f}"


def fmt_num(x: Any, nd: int = 1) -> str:
    if x is None:
        return "–"
    if isinstance(x, (int, float)):
        if isinstance(x, float) and x != x:
            return "–"
        if abs(x) >= 100 or isinstance(x, int):
            return f"{x:,.0f}"
        return f"{x:,.{nd}f}"
    return str(x)


def fmt_bytes(b: float | None) -> str:
    if b is None:
        return "–"
    if b >= GB:
        return f"{b / GB:.2f} GiB"
    return f"{b / MB:,.0f} MiB"


def fmt_s(s: float | None) -> str:
    if s is None:
        return "–"
    if s >= 120:
        m, sec = divmod(int(round(s)), 60)
        h, m = divmod(m, 60)
        return f"{h} h {m:02d} min" if h else f"{m} min {sec:02d} s"
    return f"{s:.1f} s"


def du(path: Path) -> int:
    """Bytes on disk under `path` (allocated blocks)."""
    total = 0
    if not path.exists():
        return 0
    if path.is_file():
        return path.stat().st_blocks * 512
    for dirpath, _, files in os.walk(path):
        for f in files:
            try:
                total += os.lstat(os.path.join(dirpath, f)).st_blocks * 512
            except OSError:
                pass
    return total


def rmtree(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
    elif path.exists():
        path.unlink()


def read_json(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


# --- machine description ---------------------------------------------------------------
def machine_info(work: Path) -> dict:
    info: dict[str, Any] = {
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
    }
    try:
        info["cpus_usable"] = len(os.sched_getaffinity(0))
    except AttributeError:
        pass
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text()
        m = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.M)
        info["cpu_model"] = m.group(1).strip() if m else platform.processor()
        m = re.search(r"^cpu MHz\s*:\s*(.+)$", cpuinfo, re.M)
        if m:
            info["cpu_mhz"] = round(float(m.group(1)))
    except OSError:
        info["cpu_model"] = platform.processor()
    try:
        mem = Path("/proc/meminfo").read_text()
        m = re.search(r"^MemTotal:\s*(\d+) kB", mem, re.M)
        info["ram_bytes"] = int(m.group(1)) * 1024 if m else None
        m = re.search(r"^MemAvailable:\s*(\d+) kB", mem, re.M)
        info["ram_available_bytes"] = int(m.group(1)) * 1024 if m else None
    except OSError:
        pass
    try:
        du_ = shutil.disk_usage(work)
        info["disk"] = {"path": str(work), "total_bytes": du_.total, "free_bytes": du_.free}
    except OSError:
        pass
    info["load_average"] = list(os.getloadavg()) if hasattr(os, "getloadavg") else None
    from importlib import metadata

    pk = {}
    for name in (
        "kg",
        "pyoxigraph",
        "oxigraph",
        "spacy",
        "fastapi",
        "uvicorn",
        "httpx",
        "pydantic",
        "rdflib",
    ):
        try:
            pk[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            pk[name] = None
    info["packages"] = pk
    wrk = shutil.which("wrk")
    if wrk:
        try:
            r = subprocess.run([wrk, "-v"], capture_output=True, text=True, timeout=10)
            m = re.search(r"wrk\s+(?:debian/)?([\w.\-+]+)", r.stdout + r.stderr)
            info["wrk"] = f"wrk {m.group(1)}" if m else "wrk"
        except (OSError, subprocess.SubprocessError, IndexError):
            info["wrk"] = "present"
    else:
        info["wrk"] = None
    info["oxigraph_binary"] = shutil.which("oxigraph") or (
        str(BIN / "oxigraph") if (BIN / "oxigraph").exists() else None
    )
    info["git_commit"] = git_commit()
    return info


def git_commit() -> str | None:
    """The checked-out commit, read from .git (no git command)."""
    head = ROOT / ".git" / "HEAD"
    try:
        ref = head.read_text().strip()
        if ref.startswith("ref: "):
            name = ref[5:]
            p = ROOT / ".git" / name
            if p.exists():
                return p.read_text().strip()[:12]
            packed = ROOT / ".git" / "packed-refs"
            if packed.exists():
                for line in packed.read_text().splitlines():
                    if line.endswith(" " + name):
                        return line.split()[0][:12]
            return None
        return ref[:12]
    except OSError:
        return None


def kg_ingest_options() -> tuple[list[str], str]:
    """The options `kg ingest --help` lists now (the CLI changes; the run checks against it)."""
    kg = str(BIN / "kg") if (BIN / "kg").exists() else (shutil.which("kg") or "kg")
    try:
        r = subprocess.run(
            [kg, "ingest", "--help"],
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "COLUMNS": "200", "NO_COLOR": "1", "TERM": "dumb"},
        )
        text = r.stdout + r.stderr
    except (OSError, subprocess.SubprocessError) as e:
        return [], f"cannot run kg ingest --help: {e}"
    opts = sorted(set(re.findall(r"(?<![\w-])(--[a-z][a-z0-9-]*)", text)))
    return opts, text


# --- running a step ----------------------------------------------------------------------
def _proc_group_members(pgid: int) -> list[int]:
    out = []
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat", "rb") as fh:
                stat = fh.read()
        except OSError:
            continue
        # fields after the command name "(...)": state ppid pgrp ...
        rest = stat[stat.rfind(b")") + 2 :].split()
        if len(rest) > 2 and int(rest[2]) == pgid:
            out.append(int(d))
    return out


def _mem_of(pid: int) -> tuple[int, int | None]:
    """(RSS, PSS) in bytes of one process (PSS None where smaps_rollup is unreadable)."""
    rss = 0
    try:
        with open(f"/proc/{pid}/statm", "rb") as fh:
            rss = int(fh.read().split()[1]) * PAGE
    except (OSError, ValueError, IndexError):
        return 0, 0
    pss = None
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as fh:
            for line in fh:
                if line.startswith(b"Pss:"):
                    pss = int(line.split()[1]) * 1024
                    break
    except (OSError, ValueError, IndexError):
        pass
    return rss, pss


class Runner:
    def __init__(
        self, work: Path, logs: Path, default_timeout: float, sample_s: float = 0.5
    ) -> None:
        self.work = work
        self.logs = logs
        self.default_timeout = default_timeout
        self.sample_s = sample_s
        self.steps: list[dict] = []

    def skip(self, name: str, size: str | None, why: str) -> dict:
        rec = {"name": name, "size": size, "ok": False, "skipped": True, "error": why}
        self.steps.append(rec)
        print(f"[skip] {name}{' ' + size if size else ''}: {why}", flush=True)
        return rec

    def _watch(self, p: subprocess.Popen, t0: float, timeout: float) -> tuple:
        """Wait for the step, sampling its process group's memory; stop it after `timeout`."""
        peak_rss_tree = peak_pss_tree = 0
        pss_ok = True
        samples = 0
        timed_out = False
        kill_at = None
        while True:
            pid, status, ru = os.wait4(p.pid, os.WNOHANG)
            if pid:
                return pid, status, ru, samples, peak_rss_tree, peak_pss_tree, pss_ok, timed_out
            rss_sum = pss_sum = 0
            for m in _proc_group_members(p.pid):
                r, s = _mem_of(m)
                rss_sum += r
                if s is None:
                    pss_ok = False
                else:
                    pss_sum += s
            samples += 1
            peak_rss_tree = max(peak_rss_tree, rss_sum)
            peak_pss_tree = max(peak_pss_tree, pss_sum)
            elapsed = time.perf_counter() - t0
            if elapsed > timeout and not timed_out:
                timed_out = True
                kill_at = time.perf_counter() + 15
                try:
                    os.killpg(p.pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
            elif kill_at and time.perf_counter() > kill_at:
                try:
                    os.killpg(p.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                kill_at = None
            # sample often at first (short steps), then every sample_s
            time.sleep(
                min(self.sample_s, 0.05 if elapsed < 2 else 0.2 if elapsed < 20 else self.sample_s)
            )

    def run(
        self,
        name: str,
        cmd: list,
        *,
        size: str | None = None,
        result: Path | None = None,
        timeout: float | None = None,
        env: dict | None = None,
    ) -> dict:
        cmd = [str(c) for c in cmd]
        tag = name + (f"-{size}" if size else "")
        log = self.logs / f"{tag}.log"
        rec: dict[str, Any] = {"name": name, "size": size, "cmd": shlex.join(cmd), "log": str(log)}
        timeout = timeout or self.default_timeout
        if result is not None and result.exists():
            result.unlink()
        print(f"[run ] {tag}: {shlex.join(cmd)}", flush=True)
        la0 = os.getloadavg() if hasattr(os, "getloadavg") else None
        ch0 = time.perf_counter()
        with open(log, "wb") as lf:
            try:
                p = subprocess.Popen(
                    cmd,
                    stdout=lf,
                    stderr=subprocess.STDOUT,
                    cwd=ROOT,
                    start_new_session=True,
                    env={**os.environ, **(env or {})},
                )
            except OSError as e:
                rec.update(ok=False, error=f"cannot start: {e}")
                self.steps.append(rec)
                return rec
            try:
                pid, status, ru, samples, peak_rss_tree, peak_pss_tree, pss_ok, timed_out = (
                    self._watch(p, ch0, timeout)
                )
            except BaseException:
                # interrupted (Ctrl-C): the step runs in a session of its own, so stop it here
                try:
                    os.killpg(p.pid, signal.SIGTERM)
                    _wait_for(p.pid, 10)
                except TimeoutError:
                    try:
                        os.killpg(p.pid, signal.SIGKILL)
                        os.waitpid(p.pid, 0)
                    except (ProcessLookupError, ChildProcessError):
                        pass
                except (ProcessLookupError, ChildProcessError):
                    pass
                p.returncode = -1
                rec.update(
                    ok=False,
                    error="interrupted: the run was stopped during this step",
                    wall_s=round(time.perf_counter() - ch0, 2),
                )
                self.steps.append(rec)
                raise
        wall = time.perf_counter() - ch0
        p.returncode = os.waitstatus_to_exitcode(status)
        # anything of this step still alive (a server it forgot): give it a moment to exit on
        # its own (multiprocessing's resource tracker does), then end it, by pid
        deadline = time.perf_counter() + 5
        leftovers = [m for m in _proc_group_members(p.pid) if m != p.pid]
        while leftovers and time.perf_counter() < deadline:
            time.sleep(0.1)
            leftovers = [m for m in _proc_group_members(p.pid) if m != p.pid]
        for m in leftovers:
            try:
                os.kill(m, signal.SIGTERM)
            except ProcessLookupError:
                pass
        la1 = os.getloadavg() if hasattr(os, "getloadavg") else None
        cpu = ru.ru_utime + ru.ru_stime
        rec.update(
            {
                "rc": p.returncode,
                "wall_s": round(wall, 2),
                "cpu_user_s": round(ru.ru_utime, 2),
                "cpu_sys_s": round(ru.ru_stime, 2),
                "cpu_s": round(cpu, 2),
                "cpu_pct": round(100 * cpu / wall, 1) if wall > 0 else None,
                # ru_maxrss (kB on Linux): the largest single process of the step, its reaped
                # children included
                "peak_rss_bytes": ru.ru_maxrss * 1024,
                "peak_tree_rss_bytes": peak_rss_tree or None,
                "peak_tree_pss_bytes": (peak_pss_tree or None) if pss_ok else None,
                "memory_samples": samples,
                # the figure the report judges by: the larger of the two (sampling can miss a
                # short peak)
                "peak_memory_bytes": max(
                    ru.ru_maxrss * 1024, (peak_pss_tree if pss_ok else 0) or peak_rss_tree
                ),
                "load_before": [round(x, 2) for x in la0] if la0 else None,
                "load_after": [round(x, 2) for x in la1] if la1 else None,
            }
        )
        if leftovers:
            rec["warning"] = f"ended {len(leftovers)} leftover process(es) of the step"
        ok = p.returncode == 0 and not timed_out
        if result is not None:
            data = read_json(result)
            if data is None and ok:
                ok = False
                rec["error"] = f"the step wrote no result to {result}"
            rec["result"] = data
        if not ok and "error" not in rec:
            rec["error"] = (
                (f"timed out after {timeout:.0f} s" if timed_out else f"exit status {p.returncode}")
                + ": "
                + tail(log)
            )
        rec["ok"] = ok
        self.steps.append(rec)
        print(
            f"[{'ok  ' if ok else 'FAIL'}] {tag}: {wall:.1f} s wall, {cpu:.1f} s CPU, peak memory "
            f"{fmt_bytes(rec['peak_memory_bytes'])} (largest process "
            f"{fmt_bytes(rec['peak_rss_bytes'])})" + ("" if ok else f" -- {rec['error'][:300]}"),
            flush=True,
        )
        return rec


def _wait_for(pid: int, seconds: float) -> None:
    """Reap `pid` if it exits within `seconds` (else raise TimeoutError)."""
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        got, _ = os.waitpid(pid, os.WNOHANG)
        if got:
            return
        time.sleep(0.1)
    raise TimeoutError(pid)


def tail(path: Path, n: int = 1500) -> str:
    try:
        data = path.read_bytes()[-n:].decode("utf-8", "replace")
    except OSError:
        return ""
    data = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", data)  # progress bars' escape codes
    return " ".join(data.split())[-n:]


# --- sizes -------------------------------------------------------------------------------
class Size:
    def __init__(self, label: str, kind: str, n: int) -> None:
        self.label = label  # as given on the command line
        self.kind = kind  # "real" (whole corpus), "subset" (first n real records) or "synthetic"
        self.n = n

    @property
    def synthetic(self) -> bool:
        return self.kind == "synthetic"

    @property
    def slug(self) -> str:
        return re.sub(r"[^a-z0-9]+", "-", self.label.lower()).strip("-")

    def describe(self) -> str:
        if self.kind == "real":
            return f"{self.label}: the whole real corpus ({self.n:,} records)"
        if self.kind == "subset":
            return f"{self.label}: the first {self.n:,} real records"
        return f"{self.label}: {self.n:,} synthetic records derived from the real corpus"

    def as_dict(self) -> dict:
        return {"label": self.label, "kind": self.kind, "n": self.n, "description": self.describe()}


def parse_sizes(spec: str, corpus_records: int) -> list[Size]:
    out = []
    for tok in [t.strip() for t in spec.split(",") if t.strip()]:
        low = tok.lower()
        force = None
        if ":" in low:
            low, force = low.split(":", 1)
            if force not in ("real", "syn", "synthetic"):
                raise ValueError(f"size {tok!r}: suffix must be :real or :syn")
            force = "syn" if force.startswith("syn") else "real"
        if low in ("real", "all", "corpus"):
            out.append(Size(tok, "real", corpus_records))
            continue
        n = parse_count(low)
        if n < 1:
            raise ValueError(f"size {tok!r} must be at least 1")
        if force == "syn":
            out.append(Size(tok, "synthetic", n))
        elif abs(n - corpus_records) <= 0.05 * corpus_records and force != "syn":
            out.append(Size(tok, "real", corpus_records))  # "60k": the whole corpus
        elif n < corpus_records:
            out.append(Size(tok, "subset", n))
        elif force == "real":
            raise ValueError(f"size {tok!r}: the real corpus has only {corpus_records:,} records")
        else:
            out.append(Size(tok, "synthetic", n))
    if len({s.label for s in out}) != len(out):
        raise ValueError("a size is given twice")
    return out


def count_records(corpus: Path) -> int:
    import gzip

    opener = gzip.open if str(corpus).endswith(".gz") else open
    n = 0
    with opener(corpus, "rb") as fh:
        for line in fh:
            if line.strip():
                n += 1
    return n


# --- the benchmark -----------------------------------------------------------------------
class Bench:
    def __init__(self, args, argv: list[str] | None = None) -> None:
        self.a = args
        self.argv = argv
        self.work: Path = args.work
        self.logs = self.work / "logs"
        self.res = self.work / "results"
        for d in (self.work, self.logs, self.res):
            d.mkdir(parents=True, exist_ok=True)
        self.runner = Runner(self.work, self.logs, args.step_timeout)
        self.sizes: dict[str, dict] = {}
        self.extract: dict | None = None
        self.store_bytes_per_paper: float | None = None
        self.bytes_per_paper_from = 0
        self.kg = str(BIN / "kg") if (BIN / "kg").exists() else (shutil.which("kg") or "kg")

    # disk ------------------------------------------------------------------------------
    def disk_ok(self, need: float, what: str) -> str | None:
        """None if `need` bytes fit on the work disk (keeping 5% of it and 2 GiB free), else
        why not."""
        du_ = shutil.disk_usage(self.work)
        spare = max(2 * GB, 0.05 * du_.total)
        if need + spare <= du_.free or self.a.force:
            return None
        return (
            f"not enough disk for {what}: needs ~{fmt_bytes(need)} (+{fmt_bytes(spare)} kept "
            "free), "
            f"{fmt_bytes(du_.free)} free on {self.work} (estimate; --force to try anyway, --work "
            "to use another disk)"
        )

    # steps -----------------------------------------------------------------------------
    def step_extract(self) -> None:
        out = self.res / "extract.json"
        rec = self.runner.run(
            "extract",
            [
                PY,
                BENCH / "bench_extract.py",
                "--corpus",
                self.a.corpus,
                "--n",
                self.a.extract_n,
                "--out",
                out,
            ],
            result=out,
        )
        self.extract = rec.get("result") if rec.get("ok") else None

    def prepare_input(self, size: Size) -> Path | None:
        if size.kind == "real":
            return self.a.corpus
        if size.kind == "subset":
            f = self.work / f"real-{size.n}.jsonl.gz"
            out = self.res / f"subset-{size.slug}.json"
            rec = self.runner.run(
                "subset",
                [
                    PY,
                    BENCH / "_steps.py",
                    "subset",
                    "--corpus",
                    self.a.corpus,
                    "--n",
                    size.n,
                    "--out-file",
                    f,
                    "--out",
                    out,
                ],
                size=size.label,
                result=out,
            )
            return f if rec["ok"] else None
        f = self.work / f"synthetic-{size.n}-seed{self.a.seed}.jsonl.gz"
        meta = read_json(Path(str(f) + ".meta.json"))
        sys.path.insert(0, str(BENCH))
        from make_synthetic import vocab_digest

        want = {
            "n": size.n,
            "seed": self.a.seed,
            "corpus": str(self.a.corpus),
            "vocabulary_digest": vocab_digest(ROOT / "ontology" / "vocab"),
        }
        if (
            f.exists()
            and meta
            and all(meta.get(k) == v for k, v in want.items())
            and not self.a.regenerate
        ):
            self.runner.steps.append(
                {
                    "name": "synthesize",
                    "size": size.label,
                    "ok": True,
                    "reused": True,
                    "result": meta,
                    "wall_s": meta.get("seconds"),
                    "note": f"reused {f} (same n, seed, corpus, vocabulary and generator)",
                }
            )
            print(f"[ok  ] synthesize-{size.label}: reused {f}", flush=True)
            self.sizes[size.label]["synthetic"] = meta
            return f
        why = self.disk_ok(size.n * 900, "the synthetic corpus")  # ~720 B/record gzipped
        if why:
            self.runner.skip("synthesize", size.label, why)
            return None
        out = self.res / f"synthesize-{size.slug}.json"
        rec = self.runner.run(
            "synthesize",
            [
                PY,
                BENCH / "make_synthetic.py",
                "--n",
                size.n,
                "--out",
                f,
                "--seed",
                self.a.seed,
                "--corpus",
                self.a.corpus,
            ],
            size=size.label,
        )
        meta = read_json(Path(str(f) + ".meta.json")) if rec["ok"] else None
        if rec["ok"] and meta:
            rec["result"] = meta
            self.sizes[size.label]["synthetic"] = meta
            return f
        if rec["ok"]:
            rec["ok"], rec["error"] = False, "no .meta.json written"
        return None

    def ingest_disk_check(self, size: Size, store: Path) -> str | None:
        rmtree(store)  # a stale store of an earlier run: its space counts as free
        bpp = self.store_bytes_per_paper or DEFAULT_STORE_BYTES_PER_PAPER
        return self.disk_ok(
            size.n * bpp * 1.25, f"the {size.label} store (~{fmt_bytes(bpp)} per paper)"
        )

    def step_ingest(self, size: Size, infile: Path, store: Path) -> dict | None:
        why = self.ingest_disk_check(size, store)
        if why:
            self.runner.skip("ingest", size.label, why)
            return None
        cmd = [
            self.kg,
            "ingest",
            infile,
            "--store",
            store,
            "--workers",
            self.a.workers,
            *self.ingest_extra,
        ]
        rec = self.runner.run(
            "ingest", cmd, size=size.label, env={"COLUMNS": "120", "NO_COLOR": "1"}
        )
        m = re.findall(r"quads:\s*([\d,]+)\s*(?:→|->)\s*([\d,]+)", tail(Path(rec["log"]), 4000))
        if m:
            rec["quads_reported"] = int(m[-1][1].replace(",", ""))
        return rec if rec["ok"] else None

    def run_size(self, size: Size) -> None:
        a = self.a
        S = self.sizes[size.label] = {"size": size.as_dict()}
        store = self.work / f"store-{size.slug}"
        existing = store.exists() and "ingest" in a.skip
        if not existing and "ingest" not in a.skip:
            why = self.ingest_disk_check(size, store)
            if why:  # say so before spending minutes on the input
                for n in ("ingest", "count", "bulk_load", "queries", "queries_http", "api"):
                    self.runner.skip(
                        n, size.label, why if n == "ingest" else "no store: the ingest did not run"
                    )
                return
        infile = self.prepare_input(size)
        if infile is None:
            self.runner.skip("ingest", size.label, "no input file (its preparation failed)")
            return
        if "ingest" in a.skip and not existing:
            self.runner.skip(
                "ingest", size.label, f"skipped (--skip ingest) and no store at {store}"
            )
            return
        if existing:
            self.runner.skip(
                "ingest", size.label, f"skipped (--skip ingest): using the existing store {store}"
            )
        else:
            ing = self.step_ingest(size, infile, store)
            if ing is None:
                for n in ("count", "bulk_load", "queries", "queries_http", "api"):
                    self.runner.skip(n, size.label, "no store: the ingest did not complete")
                return
            S["ingest"] = {
                k: ing.get(k)
                for k in (
                    "wall_s",
                    "cpu_s",
                    "cpu_pct",
                    "peak_rss_bytes",
                    "peak_tree_rss_bytes",
                    "peak_tree_pss_bytes",
                    "peak_memory_bytes",
                    "load_before",
                    "load_after",
                    "cmd",
                )
            }
        S["store_bytes"] = du(store)
        cout = self.res / f"count-{size.slug}.json"
        c = self.runner.run(
            "count",
            [PY, BENCH / "_steps.py", "count", "--store", store, "--out", cout],
            size=size.label,
            result=cout,
        )
        counts = c.get("result") or {}
        S["counts"] = counts
        if counts.get("papers") and size.n >= self.bytes_per_paper_from:
            # disk estimate for later sizes: from the largest store measured (small stores
            # carry more overhead)
            self.store_bytes_per_paper = S["store_bytes"] / counts["papers"]
            self.bytes_per_paper_from = size.n
        if "ingest" in S:
            ing = S["ingest"]
            quads = counts.get("quads")
            papers = counts.get("papers")
            wall = ing["wall_s"]
            ing["records_in"] = size.n
            ing["papers"] = papers
            ing["quads"] = quads
            ing["records_per_s"] = round(size.n / wall, 1) if wall else None
            ing["papers_per_s"] = round(papers / wall, 1) if papers and wall else None
            ing["quads_per_s"] = round(quads / wall, 1) if quads and wall else None

        # the reference: raw bulk_load of the same quads
        if "bulkref" in a.skip:
            self.runner.skip("bulk_load", size.label, "skipped (--skip bulkref)")
        elif size.n > a.bulk_ref_max:
            self.runner.skip(
                "bulk_load",
                size.label,
                f"only for sizes up to --bulk-ref-max {a.bulk_ref_max:,} records",
            )
        elif not counts.get("quads"):
            self.runner.skip("bulk_load", size.label, "quads not counted")
        else:
            nq = self.work / f"dump-{size.slug}.nq"
            ref = self.work / f"refstore-{size.slug}"
            why = self.disk_ok(
                counts["quads"] * NQUADS_BYTES_PER_QUAD + S["store_bytes"] * 1.25,
                "the N-Quads dump and the reference store",
            )
            if why:
                self.runner.skip("bulk_load", size.label, why)
            else:
                try:
                    dout = self.res / f"dump-{size.slug}.json"
                    d = self.runner.run(
                        "dump",
                        [
                            PY,
                            BENCH / "_steps.py",
                            "dump",
                            "--store",
                            store,
                            "--file",
                            nq,
                            "--out",
                            dout,
                        ],
                        size=size.label,
                        result=dout,
                    )
                    if d["ok"]:
                        bout = self.res / f"bulk-{size.slug}.json"
                        b = self.runner.run(
                            "bulk_load",
                            [
                                PY,
                                BENCH / "_steps.py",
                                "bulk-load",
                                "--file",
                                nq,
                                "--store",
                                ref,
                                "--out",
                                bout,
                            ],
                            size=size.label,
                            result=bout,
                        )
                        if b["ok"]:
                            r = b["result"]
                            S["bulk_load"] = {
                                "seconds": r["seconds"],
                                "quads": r["quads"],
                                "quads_per_s": r["quads_per_s"],
                                "wall_s": b["wall_s"],
                                "peak_rss_bytes": b["peak_rss_bytes"],
                                "nquads_bytes": (d.get("result") or {}).get("bytes"),
                                "dump_s": d.get("wall_s"),
                            }
                            if r["quads"] != counts["quads"]:
                                S["bulk_load"]["warning"] = (
                                    f"reference holds {r['quads']:,} quads, kg store "
                                    f"{counts['quads']:,}"
                                )
                            if S.get("ingest", {}).get("quads_per_s") and r["quads_per_s"]:
                                S["ingest"]["ratio_vs_bulk_load"] = round(
                                    S["ingest"]["quads_per_s"] / r["quads_per_s"], 3
                                )
                    else:
                        self.runner.skip("bulk_load", size.label, "the dump failed")
                finally:
                    rmtree(nq)
                    rmtree(ref)

        # query latency, direct and over HTTP
        qd = self.res / f"queries-{size.slug}.json"
        common = ["--reps", a.reps, "--warmup", a.warmup, "--max-seconds", a.query_max_seconds]
        if "queries" in a.skip:
            self.runner.skip("queries", size.label, "skipped (--skip queries)")
        else:
            q = self.runner.run(
                "queries",
                [
                    PY,
                    BENCH / "bench_queries.py",
                    "--store",
                    store,
                    "--mode",
                    "direct",
                    "--out",
                    qd,
                    *common,
                ],
                size=size.label,
                result=qd,
            )
            if q["ok"]:
                S["queries"] = q["result"]
        if "http" in a.skip:
            self.runner.skip("queries_http", size.label, "skipped (--skip http)")
        else:
            qh = self.res / f"queries-http-{size.slug}.json"
            cmd = [
                PY,
                BENCH / "bench_queries.py",
                "--store",
                store,
                "--mode",
                "http",
                "--out",
                qh,
                *common,
            ]
            if qd.exists():
                cmd += ["--params", qd]
            q = self.runner.run("queries_http", cmd, size=size.label, result=qh)
            if q["ok"]:
                S["queries_http"] = q["result"]

        # API throughput against oxigraph serve-read-only
        if "api" in a.skip:
            self.runner.skip("api", size.label, "skipped (--skip api)")
        else:
            ao = self.res / f"api-{size.slug}.json"
            r = self.runner.run(
                "api",
                [
                    PY,
                    BENCH / "bench_api.py",
                    "--store",
                    store,
                    "--requests",
                    a.api_requests,
                    "--concurrency",
                    a.api_concurrency,
                    "--wrk-seconds",
                    a.api_seconds,
                    "--max-seconds",
                    a.api_max_seconds,
                    "--out",
                    ao,
                ],
                size=size.label,
                result=ao,
            )
            if r["ok"]:
                S["api"] = r["result"]
        if not a.keep_stores and not existing:
            rmtree(store)
            S["store_deleted"] = True

    # whole run ---------------------------------------------------------------------------
    def run(self) -> dict:
        """Run everything; `self.report` holds what is done so far (also after an interrupt)."""
        a = self.a
        self.t0 = time.time()
        opts, help_text = kg_ingest_options()
        self.ingest_options = opts
        self.ingest_extra = shlex.split(a.ingest_args or "")
        unknown = [
            x.split("=")[0]
            for x in self.ingest_extra
            if x.startswith("--") and x.split("=")[0] not in opts
        ]
        self.report = report = {
            "title": "kg benchmarks",
            "command": shlex.join(
                ["bench/run.py", *(sys.argv[1:] if self.argv is None else self.argv)]
            ),
            "quick": a.quick,
            "machine": machine_info(self.work),
            "corpus": str(a.corpus),
            "options": {
                "sizes": a.sizes,
                "workers": a.workers,
                "ingest_args": a.ingest_args,
                "seed": a.seed,
                "reps": a.reps,
                "warmup": a.warmup,
                "extract_n": a.extract_n,
                "api_requests": a.api_requests,
                "api_seconds": a.api_seconds,
                "api_concurrency": a.api_concurrency,
                "bulk_ref_max": a.bulk_ref_max,
                "skip": sorted(a.skip),
            },
            "kg_ingest_options": opts,
            "sizes_run": [],
        }
        if unknown:
            report["error"] = (
                "--ingest-args has option(s) `kg ingest --help` does not list: "
                f"{', '.join(unknown)} "
                f"(it lists: {', '.join(opts) or 'nothing: ' + help_text[-300:]})"
            )
            print(report["error"], file=sys.stderr)
            return self.finish()
        corpus_records = count_records(a.corpus)
        report["corpus_records"] = corpus_records
        self.size_list = sizes = parse_sizes(a.sizes, corpus_records)
        report["sizes_run"] = [s.as_dict() for s in sizes]
        if "extract" in a.skip:
            self.runner.skip("extract", None, "skipped (--skip extract)")
        else:
            self.step_extract()
        self.checkpoint()
        for size in sizes:
            try:
                self.run_size(size)
            except Exception as e:  # noqa: BLE001 - a bug in one size must not lose the others
                import traceback

                self.runner.steps.append(
                    {
                        "name": "size",
                        "size": size.label,
                        "ok": False,
                        "error": f"{type(e).__name__}: {e}",
                        "traceback": traceback.format_exc(),
                    }
                )
                print(f"[FAIL] size {size.label}: {type(e).__name__}: {e}", flush=True)
            self.checkpoint()
        return self.finish()

    def finish(self) -> dict:
        report = self.report
        report["extraction"] = self.extract
        report["results"] = self.sizes
        report["steps"] = self.runner.steps
        report["acceptance"] = acceptance(
            getattr(self, "size_list", []),
            self.sizes,
            report.get("corpus_records") or 60_419,
            self.runner.steps,
        )
        report["total_wall_s"] = round(time.time() - self.t0, 1)
        report["load_average_end"] = list(os.getloadavg()) if hasattr(os, "getloadavg") else None
        return report

    def checkpoint(self) -> None:
        """The report so far, so that hours of work survive a crash (overwritten at the end)."""
        try:
            self.a.out.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.a.out.with_name(self.a.out.name + ".partial")
            tmp.write_text(
                json.dumps({**self.finish(), "partial": True}, indent=1, default=str) + "\n",
                encoding="utf-8",
            )
        except OSError as e:
            print(f"(could not write the partial report: {e})", file=sys.stderr)


# --- acceptance --------------------------------------------------------------------------
def acceptance(
    sizes: list[Size], results: dict, corpus_records: int, steps: list[dict] | None = None
) -> list[dict]:
    real = [s for s in sizes if not s.synthetic and "ingest" in results.get(s.label, {})]
    syn = [s for s in sizes if s.synthetic and s.label in results]
    r60 = max(real, key=lambda s: s.n) if real else None
    r1m = max(syn, key=lambda s: s.n) if syn else None
    out = []

    def add(
        key,
        target,
        measured,
        threshold,
        passed,
        size: Size | None,
        at_target: bool,
        note: str = "",
    ):
        out.append(
            {
                "id": key,
                "target": target,
                "measured": measured,
                "threshold": threshold,
                "pass": passed,
                "measured_at": size.label if size else None,
                "at_target_size": at_target if size else None,
                "note": note,
            }
        )

    # 1. 60k to a queryable store in under 2 minutes
    if r60:
        ing = results[r60.label]["ingest"]
        full = r60.kind == "real"
        wall = ing["wall_s"]
        # on a subset, judge the time the whole corpus would take at the measured rate (indicative)
        judged = wall if full else wall * corpus_records / r60.n
        note = (
            ""
            if full
            else (
                f"measured on {r60.n:,} records; at that rate the whole corpus would take "
                f"~{fmt_s(judged)} (judged on that)"
            )
        )
        queryable = bool(results[r60.label].get("counts", {}).get("papers"))
        add(
            "ingest_60k_wall",
            "60k corpus to a queryable store in under 2 minutes (2 cores)",
            f"{fmt_s(wall)}" + ("" if queryable else " (store not queryable)"),
            "< 120 s",
            (judged < TARGET_60K_INGEST_S and queryable),
            r60,
            full,
            note,
        )
    else:
        add(
            "ingest_60k_wall",
            "60k corpus to a queryable store in under 2 minutes (2 cores)",
            None,
            "< 120 s",
            None,
            None,
            False,
            "not measured (no real-corpus ingest in this run)",
        )
    # 2. ingest >= 80% of raw bulk_load quads/s
    ratio_size = None
    for s in sorted(real, key=lambda s: -s.n):
        if results[s.label].get("ingest", {}).get("ratio_vs_bulk_load") is not None:
            ratio_size = s
            break
    if ratio_size:
        ing = results[ratio_size.label]["ingest"]
        bl = results[ratio_size.label]["bulk_load"]
        add(
            "ingest_vs_bulk_load",
            "ingest quads/s at least 80% of pyoxigraph bulk_load quads/s (same run)",
            f"{ing['ratio_vs_bulk_load']:.2f} ({fmt_num(ing['quads_per_s'])} vs "
            f"{fmt_num(bl['quads_per_s'])} quads/s)",
            ">= 0.80",
            ing["ratio_vs_bulk_load"] >= TARGET_BULK_RATIO,
            ratio_size,
            ratio_size.kind == "real",
        )
    else:
        add(
            "ingest_vs_bulk_load",
            "ingest quads/s at least 80% of pyoxigraph bulk_load quads/s (same run)",
            None,
            ">= 0.80",
            None,
            None,
            False,
            "not measured (no bulk_load reference in this run)",
        )
    # 3. evaluations query p95 < 10 ms at 1M
    for key, src, qname, label in (
        (
            "eval_p95_1m",
            "queries",
            "papers-evaluating",
            "evaluations query (papers-evaluating via kg.canned) p95 under 10 ms at 1M papers",
        ),
        (
            "eval_api_p95_1m",
            "queries_http",
            "/api/evaluations",
            "GET /api/evaluations p95 under 10 ms at 1M papers (over HTTP, same pair)",
        ),
    ):
        q = (
            ((results.get(r1m.label, {}).get(src) or {}).get("queries") or {}).get(qname)
            if r1m
            else None
        )
        if q and q.get("p95_ms") is not None:
            add(
                key,
                label,
                f"{q['p95_ms']:.1f} ms (p50 {q['p50_ms']:.1f} ms, {q.get('rows')} rows)",
                "< 10 ms",
                q["p95_ms"] < TARGET_EVAL_P95_MS,
                r1m,
                r1m.n >= SYN_TARGET_N,
            )
        else:
            add(
                key,
                label,
                None,
                "< 10 ms",
                None,
                r1m if q else None,
                False,
                "not measured"
                + (
                    f": {q.get('error')}"
                    if q and q.get("error")
                    else " (no synthetic size in this run)"
                    if not r1m
                    else ""
                ),
            )
    # 4. 1M ingest peak memory < 2 GB
    ing1 = results.get(r1m.label, {}).get("ingest") if r1m else None
    if ing1:
        peak = ing1.get("peak_memory_bytes")
        pss = ing1.get("peak_tree_pss_bytes")
        add(
            "ingest_1m_peak_memory",
            "1M-paper ingest peak memory under 2 GB",
            f"{fmt_bytes(peak)} (process tree PSS "
            f"{fmt_bytes(pss or ing1.get('peak_tree_rss_bytes'))}, largest "
            f"single process {fmt_bytes(ing1.get('peak_rss_bytes'))})",
            "< 2 GB",
            peak is not None and peak < TARGET_1M_PEAK_BYTES,
            r1m,
            r1m.n >= SYN_TARGET_N,
        )
        # 5. 1M throughput no lower than at 60k
        base = results.get(r60.label, {}).get("ingest") if r60 else None
        if base and base.get("quads_per_s") and ing1.get("quads_per_s"):
            ratio = ing1["quads_per_s"] / base["quads_per_s"]
            pr = (
                (ing1.get("papers_per_s") or 0) / base["papers_per_s"]
                if base.get("papers_per_s")
                else None
            )
            add(
                "ingest_1m_vs_60k_throughput",
                "1M ingest throughput no lower than at 60k (quads/s)",
                f"{ratio:.2f}× ({fmt_num(ing1['quads_per_s'])} vs {fmt_num(base['quads_per_s'])} "
                "quads/s" + (f"; papers/s {pr:.2f}×" if pr else "") + ")",
                ">= 1.00×",
                ratio >= 1.0,
                r1m,
                r1m.n >= SYN_TARGET_N and r60.kind == "real",
                f"against {r60.label}",
            )
        else:
            add(
                "ingest_1m_vs_60k_throughput",
                "1M ingest throughput no lower than at 60k (quads/s)",
                None,
                ">= 1.00×",
                None,
                r1m,
                False,
                "not measured (needs both a real and a synthetic ingest)",
            )
    else:
        why = "no synthetic size in this run"
        if r1m:
            why = next(
                (
                    f"{s['name']} {r1m.label}: {s.get('error')}"
                    for s in (steps or [])
                    if s.get("size") == r1m.label
                    and s["name"] in ("synthesize", "ingest")
                    and not s.get("ok")
                ),
                "no synthetic ingest in this run",
            )
        for key, label, thr in (
            ("ingest_1m_peak_memory", "1M-paper ingest peak memory under 2 GB", "< 2 GB"),
            (
                "ingest_1m_vs_60k_throughput",
                "1M ingest throughput no lower than at 60k (quads/s)",
                ">= 1.00×",
            ),
        ):
            add(key, label, None, thr, None, None, False, f"not measured ({why})")
    return out


# --- Markdown ----------------------------------------------------------------------------
def verdict(a: dict) -> str:
    if a["pass"] is None:
        return "not measured"
    v = "PASS" if a["pass"] else "FAIL"
    return v if a["at_target_size"] else v + "*"


def to_markdown(rep: dict) -> str:
    m = rep["machine"]
    L: list[str] = []
    L.append("## Scale benchmarks (`bench/run.py`)")
    L.append("")
    L.append(
        f"Generated {m['date']} by `{rep['command']}`"
        + (" (**quick smoke run**: small sizes, short runs)" if rep.get("quick") else "")
        + f"; total {fmt_s(rep.get('total_wall_s'))}. "
        "Ratios compare figures measured in the same run. "
        "Sizes: " + "; ".join(s["description"] for s in rep.get("sizes_run", [])) + "."
    )
    if any(s["kind"] == "synthetic" for s in rep.get("sizes_run", [])):
        L.append("")
        L.append(
            "**Synthetic data**: the synthetic sizes are generated by `bench/make_synthetic.py` "
            "from the real "
            "corpus (real abstracts, entity names rotated through `ontology/vocab`, ids "
            "`synthetic-NNNNNNN`, "
            "titles suffixed `[synthetic NNNNNNN]`); they are not real papers."
        )
    L.append("")
    disk = m.get("disk") or {}
    pk = m.get("packages") or {}
    L.append("| machine | |")
    L.append("|---|---|")
    L.append(
        f"| CPU | {m.get('cpu_model')}, {m.get('cpus')} cores "
        f"({m.get('cpus_usable', m.get('cpus'))} usable) |"
    )
    L.append(
        f"| memory | {fmt_bytes(m.get('ram_bytes'))} ({fmt_bytes(m.get('ram_available_bytes'))} "
        "available at start) |"
    )
    L.append(
        f"| disk | {fmt_bytes(disk.get('free_bytes'))} free of "
        f"{fmt_bytes(disk.get('total_bytes'))} at `{disk.get('path')}` |"
    )
    L.append(f"| system | {m.get('platform')}, Python {m.get('python')} |")
    L.append(
        "| packages | "
        + ", ".join(f"{k} {v}" for k, v in pk.items() if v)
        + (f", {m['wrk']}" if m.get("wrk") else "")
        + " |"
    )
    if m.get("git_commit"):
        L.append(f"| commit | `{m['git_commit']}` |")
    la = m.get("load_average")
    if la:
        L.append(
            f"| load average at start | {la[0]:.2f} / {la[1]:.2f} / {la[2]:.2f} (1/5/15 min) |"
        )
    L.append("")
    if rep.get("interrupted"):
        L.append("**The run was interrupted**: what follows is what had finished.")
        L.append("")
    if rep.get("error"):
        L.append(f"**The run did not start:** {rep['error']}")
        return "\n".join(L) + "\n"

    # acceptance
    L.append("### Acceptance")
    L.append("")
    L.append("| target | measured | threshold | at | result |")
    L.append("|---|---|---|---|---|")
    for a in rep.get("acceptance", []):
        meas = a["measured"] or ""
        if a.get("note"):
            meas = f"{meas} — {a['note']}" if meas else a["note"]
        meas = meas or "–"
        L.append(
            f"| {a['target']} | {meas} | {a['threshold']} | {a.get('measured_at') or '–'} | "
            f"{verdict(a)} |"
        )
    if any(a["pass"] is not None and not a["at_target_size"] for a in rep.get("acceptance", [])):
        L.append("")
        L.append("\\* measured at a smaller size than the target's: indicative only.")
    L.append("")

    # extraction
    ex = rep.get("extraction")
    L.append("### Extraction (`bench/bench_extract.py`)")
    L.append("")
    if ex:
        c = ex.get("cpu_time", {})
        L.append(
            f"{ex.get('abstracts'):,} real abstracts, extractor {ex.get('extractor_version')}; "
            "load average "
            f"{fmt_num((ex.get('load_average') or [None])[0], 2)} at start."
        )
        L.append("")
        L.append("| | abstracts/s (wall) | abstracts/s (CPU time) | vs tokenizer (wall) |")
        L.append("|---|---|---|---|")
        tok = ex.get("tokenizer_per_s")
        L.append(
            f"| tokenizer only (ceiling) | {fmt_num(tok)} | {fmt_num(c.get('tokenizer_per_s'))} | "
            "1.00 |"
        )
        L.append(
            f"| extraction, 1 worker | {fmt_num(ex.get('one_worker_per_s'))} | "
            f"{fmt_num(c.get('one_worker_per_s'))} | "
            f"{ex['one_worker_per_s'] / tok:.2f} |"
            if tok
            else "| extraction, 1 worker | – | – | – |"
        )
        L.append(
            f"| extraction, 2 workers | {fmt_num(ex.get('two_workers_per_s'))} | "
            f"{fmt_num(c.get('two_workers_per_s_if_cpus_free'))} (if both cores free) | "
            f"{ex['two_workers_per_s'] / tok:.2f} |"
            if tok
            else "| extraction, 2 workers | – | – | – |"
        )
        L.append("")
        L.append(f"2 workers / 1 worker: {fmt_num(ex.get('ratio_two_vs_one'), 2)} (wall).")
    else:
        L.append("Not measured (the step failed or was skipped; see Steps).")
    L.append("")

    res = rep.get("results", {})
    # ingest
    L.append("### Ingest (`kg ingest --workers N`, fresh store) against pyoxigraph `bulk_load`")
    L.append("")
    L.append(
        "| size | records | papers | quads | wall | records/s | quads/s | CPU | peak memory (tree "
        "PSS / largest process RSS) | store on disk |"
    )
    L.append("|---|---|---|---|---|---|---|---|---|---|")
    for label, r in res.items():
        ing = r.get("ingest")
        if not ing:
            continue
        L.append(
            f"| {label} | {human_n(ing.get('records_in'))} | {human_n(ing.get('papers'))} | "
            f"{human_n(ing.get('quads'))} | "
            f"{fmt_s(ing.get('wall_s'))} | {fmt_num(ing.get('records_per_s'))} | "
            f"{fmt_num(ing.get('quads_per_s'))} | "
            f"{fmt_num(ing.get('cpu_pct'))} % | {fmt_bytes(ing.get('peak_memory_bytes'))} "
            f"({fmt_bytes(ing.get('peak_tree_pss_bytes') or ing.get('peak_tree_rss_bytes'))} / "
            f"{fmt_bytes(ing.get('peak_rss_bytes'))}) | {fmt_bytes(r.get('store_bytes'))} |"
        )
    cmds = {r["ingest"]["cmd"] for r in res.values() if r.get("ingest")}
    if cmds:
        L.append("")
        L.append("Command: " + "; ".join(f"`{c}`" for c in sorted(cmds)))
    refs = [(label, r) for label, r in res.items() if r.get("bulk_load")]
    if refs:
        L.append("")
        L.append(
            "| size | reference: `Store.bulk_load` of the store's N-Quads | quads/s | peak RSS | "
            "kg ingest / reference (quads/s) |"
        )
        L.append("|---|---|---|---|---|")
        for label, r in refs:
            b = r["bulk_load"]
            L.append(
                f"| {label} | {human_n(b['quads'])} quads ({fmt_bytes(b.get('nquads_bytes'))} "
                f"N-Quads) in {fmt_s(b['seconds'])} | "
                f"{fmt_num(b['quads_per_s'])} | {fmt_bytes(b.get('peak_rss_bytes'))} | "
                f"{fmt_num(r.get('ingest', {}).get('ratio_vs_bulk_load'), 2)} |"
            )
    L.append("")

    # queries
    qnames: list[str] = []
    for r in res.values():
        for src in ("queries", "queries_http"):
            for n in (r.get(src) or {}).get("queries") or {}:
                if not n.startswith("_") and n not in qnames:
                    qnames.append(n)
    if qnames:
        L.append("### Query latency, one request at a time (ms, p50 / p95)")
        L.append("")
        L.append(
            "Direct: rendered by `kg.canned` (names resolved) and run on the store in-process. "
            "HTTP: `kg serve`, "
            "`/api/queries/{name}` and `/api/evaluations`, one keep-alive connection. Parameters "
            "picked from each "
            "store so that every query has an answer (papers-evaluating / `/api/evaluations`: the "
            "family of the "
            "model of the most reported (model, benchmark) pair, and that benchmark). Timed runs "
            "follow "
            "untimed warm-up runs; `kg serve` stops a query after its `--timeout` (10 s by "
            "default)."
        )
        L.append("")
        labels = [label for label, r in res.items() if r.get("queries") or r.get("queries_http")]
        L.append("| query | " + " | ".join(f"{lb} direct | {lb} HTTP" for lb in labels) + " |")
        L.append("|---|" + "---|---|" * len(labels))
        for n in qnames:
            cells = []
            for lb in labels:
                for src in ("queries", "queries_http"):
                    q = ((res[lb].get(src) or {}).get("queries") or {}).get(n)
                    if not q:
                        cells.append("–")
                    elif q.get("error"):
                        cells.append("error")
                    else:
                        cells.append(
                            f"{q['p50_ms']:.1f} / {q['p95_ms']:.1f} ({q.get('rows')} rows)"
                        )
            L.append(f"| {n} | " + " | ".join(cells) + " |")
        L.append("")
        for lb in labels:
            picks = (res[lb].get("queries") or res[lb].get("queries_http") or {}).get("picks") or {}
            ps = [
                f"{k}: " + ", ".join(f"{pk}={pv}" for pk, pv in v.get("params", {}).items())
                for k, v in picks.items()
                if not k.startswith("_") and v.get("params")
            ]
            if ps:
                L.append(f"Parameters at {lb}: " + "; ".join(ps) + ".")
                L.append("")

    # API
    apis = [(label, r["api"]) for label, r in res.items() if r.get("api")]
    if apis:
        L.append(
            "### API throughput: `kg serve` vs `oxigraph serve-read-only` on the same store "
            "(`bench/bench_api.py`)"
        )
        L.append("")
        L.append(
            "`GET /api/evaluations?subject=…&target=…` against the equivalent SPARQL on oxigraph's "
            "`/query`, the "
            "store's most reported (subject, benchmark) pairs, closed loop of concurrent clients "
            "on 127.0.0.1."
        )
        L.append("")
        L.append(
            "| size | client | kg req/s | kg p50 / p99 ms | oxigraph req/s | oxigraph p50 / p99 ms "
            "| kg / oxigraph |"
        )
        L.append("|---|---|---|---|---|---|---|")
        for label, x in apis:
            for a_, b_, name in (
                ("kg_wrk", "oxigraph_wrk", "wrk"),
                ("kg", "oxigraph", "Python threads"),
            ):
                ka, kb = x.get(a_), x.get(b_)
                if not ka:
                    continue
                ratio = x.get(f"ratio_{a_}_vs_{b_}")
                L.append(
                    f"| {label} | {name}, {x.get('concurrency')} concurrent | "
                    f"{fmt_num(ka.get('req_per_s'))} | "
                    f"{fmt_num(ka.get('p50_ms'))} / {fmt_num(ka.get('p99_ms'))} | "
                    f"{fmt_num((kb or {}).get('req_per_s'))} | {fmt_num((kb or {}).get('p50_ms'))} "
                    f"/ {fmt_num((kb or {}).get('p99_ms'))} | "
                    f"{fmt_num(ratio, 2)} |"
                )
            same = x.get("same_answers")
            if same is not True and same is not None:
                L.append(f"| {label} | note | {same} | | | | |")
        L.append("")

    # synthetic generation
    syn = [(label, r["synthetic"]) for label, r in res.items() if r.get("synthetic")]
    if syn:
        L.append("### Synthetic corpus (`bench/make_synthetic.py`)")
        L.append("")
        for label, s in syn:
            L.append(
                f"- {label}: {s['n']:,} records in {s.get('passes')} pass(es) over the real "
                "corpus, "
                f"{s.get('names_replaced'):,} names replaced, seed {s.get('seed')}, "
                f"{fmt_s(s.get('seconds'))} ({fmt_num(s.get('records_per_s'))} records/s), "
                f"{fmt_bytes(s.get('bytes'))} gzipped."
            )
        L.append("")

    # steps
    L.append("### Steps (each in its own process)")
    L.append("")
    L.append(
        "| step | size | wall | CPU | CPU % | peak memory | peak RSS, largest process | peak PSS, "
        "process tree | load avg before → after | status |"
    )
    L.append("|---|---|---|---|---|---|---|---|---|---|")
    for s in rep.get("steps", []):
        if s.get("skipped"):
            status = "skipped: " + s.get("error", "")
        elif s.get("ok"):
            status = (
                "ok"
                + (" (reused)" if s.get("reused") else "")
                + (f"; {s['warning']}" if s.get("warning") else "")
            )
        else:
            status = "**failed**: " + (s.get("error") or "")[:300].replace("|", "\\|")
        lb, la_ = s.get("load_before"), s.get("load_after")
        load = f"{lb[0]:.2f} → {la_[0]:.2f}" if lb and la_ else "–"
        L.append(
            f"| {s['name']} | {s.get('size') or '–'} | {fmt_s(s.get('wall_s'))} | "
            f"{fmt_s(s.get('cpu_s'))} | "
            f"{fmt_num(s.get('cpu_pct'))} | {fmt_bytes(s.get('peak_memory_bytes'))} | "
            f"{fmt_bytes(s.get('peak_rss_bytes'))} | "
            f"{fmt_bytes(s.get('peak_tree_pss_bytes') or s.get('peak_tree_rss_bytes'))} | {load} | "
            f"{status} |"
        )
    L.append("")
    L.append(
        "Peak memory: *largest process* is the exact `ru_maxrss` of the biggest single process of "
        "the step (from "
        "`wait4`); *process tree* sums the proportional set size (shared pages split between the "
        "processes "
        "sharing them) of all the step's processes, sampled (every 0.05 s at first, then every 0.5 "
        "s); "
        "*peak memory* is the larger of the two, the figure the targets are judged by. JSON: "
        f"`{rep.get('json', 'report.json')}`."
    )
    return "\n".join(L) + "\n"


def update_docs(md: str, path: Path = DOCS) -> None:
    """Replace the text between the bench markers in docs/benchmarks.md (append the markers
    at the end the first time)."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    block = f"{BEGIN}\n{md.rstrip()}\n{END}"
    if BEGIN in text and END in text and text.index(BEGIN) < text.index(END):
        i, j = text.index(BEGIN), text.index(END) + len(END)
        text = text[:i] + block + text[j:]
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "--sizes",
        help="comma-separated sizes (default 60k,1m; --quick: 5k). 60k = the whole real "
        "corpus; Nk/Nm smaller = its first N records, larger = synthetic; suffix :real or :syn to "
        "force",
    )
    ap.add_argument(
        "--quick",
        action="store_true",
        help="smoke run: 5k real papers, fewer repetitions, short load runs",
    )
    ap.add_argument(
        "--out",
        type=Path,
        default=BENCH / "out" / "report.json",
        help="JSON report (Markdown beside it, .md)",
    )
    ap.add_argument(
        "--update-docs",
        action="store_true",
        help=f"replace the {BEGIN} … {END} section of docs/benchmarks.md",
    )
    ap.add_argument(
        "--work",
        type=Path,
        default=BENCH / "out" / "work",
        help="stores, inputs, logs (needs disk: ~100 kB per paper for a store)",
    )
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--seed", type=int, default=0, help="synthetic corpus seed")
    ap.add_argument(
        "--regenerate", action="store_true", help="regenerate synthetic corpora even if cached"
    )
    ap.add_argument("--workers", type=int, default=2, help="kg ingest --workers")
    ap.add_argument(
        "--ingest-args",
        default="",
        help="extra options for `kg ingest` (checked against its --help); "
        'write it with `=`: --ingest-args="--no-mention-nodes"',
    )
    ap.add_argument(
        "--skip",
        default="",
        help="comma-separated: extract, ingest (reuse WORK/store-SIZE), bulkref, "
        "queries, http, api",
    )
    ap.add_argument(
        "--keep-stores", action="store_true", help="keep each size's store after its steps"
    )
    ap.add_argument(
        "--force",
        action="store_true",
        help="run steps even where the disk estimate says they will not fit",
    )
    ap.add_argument(
        "--bulk-ref-max",
        type=parse_count,
        default=200_000,
        help="run the bulk_load reference for sizes up to this many records (the N-Quads dump "
        "of 1M papers is tens of GB)",
    )
    ap.add_argument(
        "--extract-n",
        type=int,
        help="abstracts for the extraction benchmark (default 0: the whole corpus; quick 1000)",
    )
    ap.add_argument("--reps", type=int, help="timed runs per query (default 50; quick 20)")
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument(
        "--query-max-seconds", type=float, default=60, help="time budget per query (min 3 runs)"
    )
    ap.add_argument(
        "--api-requests",
        type=int,
        help="requests per server, Python client (default 2000; quick 300)",
    )
    ap.add_argument(
        "--api-seconds",
        type=int,
        help="wrk run length per server (default 20; quick 5; 0 skips wrk)",
    )
    ap.add_argument("--api-concurrency", type=int, default=16)
    ap.add_argument("--api-max-seconds", type=float, default=60)
    ap.add_argument(
        "--step-timeout", type=float, default=6 * 3600, help="seconds before a step is stopped"
    )
    a = ap.parse_args(argv)
    q = a.quick
    a.sizes = a.sizes or ("5k" if q else "60k,1m")
    a.extract_n = a.extract_n if a.extract_n is not None else (1000 if q else 0)
    a.reps = a.reps or (20 if q else 50)
    a.api_requests = a.api_requests or (300 if q else 2000)
    a.api_seconds = a.api_seconds if a.api_seconds is not None else (5 if q else 20)
    a.skip = {x.strip() for x in a.skip.split(",") if x.strip()}
    bad = a.skip - {"extract", "ingest", "bulkref", "queries", "http", "api"}
    if bad:
        ap.error(f"--skip: unknown step(s) {', '.join(sorted(bad))}")
    if not a.corpus.exists():
        ap.error(f"no corpus at {a.corpus}")
    try:
        parse_sizes(a.sizes, 60_419)  # syntax check before anything runs
    except ValueError as e:
        ap.error(str(e))
    a.work = a.work.resolve()

    def _stop(
        signum, frame
    ):  # `kill`/`timeout` stop the run like Ctrl-C: steps ended, report written
        raise KeyboardInterrupt(f"signal {signum}")

    signal.signal(signal.SIGTERM, _stop)
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:  # started in the background by a shell
        signal.signal(signal.SIGINT, _stop)
    bench = Bench(a, argv)
    try:
        rep = bench.run()
    except KeyboardInterrupt:
        print("\ninterrupted: writing the report of what ran", file=sys.stderr)
        if not hasattr(bench, "report"):
            return 130
        rep = bench.finish()
        rep["interrupted"] = True
    try:
        rep["json"] = str(a.out.resolve().relative_to(ROOT))
    except ValueError:
        rep["json"] = str(a.out)
    a.out.parent.mkdir(parents=True, exist_ok=True)
    partial = a.out.with_name(a.out.name + ".partial")
    if partial.exists():
        partial.unlink()
    a.out.write_text(json.dumps(rep, indent=1, default=str) + "\n", encoding="utf-8")
    md = to_markdown(rep)
    md_path = a.out.with_suffix(".md")
    md_path.write_text(md, encoding="utf-8")
    if a.update_docs:
        update_docs(md)
    print(f"\nreport: {a.out} and {md_path}" + (f"; {DOCS} updated" if a.update_docs else ""))
    print()
    print(md)
    return 1 if rep.get("error") else 0


if __name__ == "__main__":
    sys.exit(main())
