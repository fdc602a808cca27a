"""Named kill points for crash tests: `KG_KILL_AT=point[:nth[:delay]]` makes the process
SIGKILL itself the `nth` time (default 1st) it reaches `point`, at once or `delay`
seconds later from a timer thread (so the kill lands inside the store call that follows,
e.g. a bulk load). Unset, a kill point costs one dict lookup. Only tests set it
(tests/test_crash_points.py); the points are listed where `kill_point` is called."""

from __future__ import annotations

import os
import signal
import threading

_SPEC: tuple[str, int, float | None] | None = None
_HITS: dict[str, int] = {}


def _parse() -> tuple[str, int, float | None] | None:
    raw = os.environ.get("KG_KILL_AT", "").strip()
    if not raw:
        return None
    parts = raw.split(":")
    nth = int(parts[1]) if len(parts) > 1 and parts[1] else 1
    delay = float(parts[2]) if len(parts) > 2 and parts[2] else None
    return parts[0], nth, delay


_SPEC = _parse()


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def kill_point(name: str) -> None:
    if _SPEC is None or _SPEC[0] != name:
        return
    _HITS[name] = _HITS.get(name, 0) + 1
    if _HITS[name] != _SPEC[1]:
        return
    delay = _SPEC[2]
    if delay is None:
        _die()
        return  # not reached: SIGKILL ends the process
    t = threading.Timer(delay, _die)
    t.daemon = True
    t.start()
