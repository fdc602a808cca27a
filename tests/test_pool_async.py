"""WorkerPool.run_async (the /sparql round trip without a thread hop): the same hard time
limit as `run`, and a cancelled request never leaves its answer for the next query."""

from __future__ import annotations

import asyncio
import time

import pytest

pytest_plugins = ["conftest_query"]

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
ASK = {"query": "ASK {}", "accept": "application/sparql-results+json"}
SLOW = {"query": RUNAWAY, "accept": "application/sparql-results+json"}


@pytest.fixture
def pool(mini_store_path):
    from kg.server.pool import WorkerPool

    p = WorkerPool(str(mini_store_path), size=1, isolate_network=False, max_size=1)
    p.start()
    assert p.run(ASK, 60)["status"] == 200  # started
    yield p
    p.close()


def _idle_async(pool, req, timeout):
    async def go():
        return await pool.run_async(req, timeout)

    return asyncio.run(go())


def test_a_runaway_is_killed_at_its_limit(pool):
    from kg.server.pool import QueryTimeout

    pids = set(pool.worker_pids())
    t0 = time.monotonic()
    with pytest.raises(QueryTimeout):
        _idle_async(pool, SLOW, 1.0)
    assert time.monotonic() - t0 < 6
    assert pool.kills == 1
    assert pool.run(ASK, 60)["status"] == 200  # a new worker answers
    assert not pids & set(pool.worker_pids())


def test_a_cancelled_request_does_not_hand_its_answer_to_the_next(pool):
    async def go():
        task = asyncio.create_task(pool.run_async(SLOW, 30))
        await asyncio.sleep(0.5)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        await asyncio.sleep(0.5)  # the worker is killed in the background

    pids = set(pool.worker_pids())
    asyncio.run(go())
    resp = pool.run(ASK, 60)
    assert resp["status"] == 200 and b"true" in resp["body"]
    assert not pids & set(pool.worker_pids())


def test_no_idle_worker_means_none(pool):
    w = pool._idle.get_nowait()  # all busy
    try:
        assert _idle_async(pool, ASK, 5) is None
    finally:
        pool._idle.put(w)
    assert _idle_async(pool, ASK, 5)["status"] == 200
