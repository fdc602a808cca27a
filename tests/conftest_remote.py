"""Fixtures for the remote-store tests: a real `oxigraph serve` on 127.0.0.1.

Loaded with `pytest_plugins = ["conftest_remote"]`. The `oxigraph` binary comes from the
PyPI package `oxigraph` (dev extra, same version as pyoxigraph); without it the tests
that need a server are skipped with the reason.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def oxigraph_binary() -> str | None:
    here = Path(sys.executable).parent / "oxigraph"
    return str(here) if here.exists() else shutil.which("oxigraph")


def wait_http(url: str, timeout: float = 30.0, proc: subprocess.Popen | None = None) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"{proc.args[0]} exited with {proc.returncode}")
        try:
            httpx.get(url, timeout=1.0)
            return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing answered at {url} within {timeout:g} s")


class OxigraphServer:
    """`oxigraph serve --location DIR --bind 127.0.0.1:PORT`, stopped by `stop()`."""

    def __init__(self, location: Path, timeout_s: int = 20) -> None:
        binary = oxigraph_binary()
        if binary is None:
            pytest.skip(
                "the oxigraph server binary is not installed (pip install oxigraph==<pyoxigraph "
                "version>)"
            )
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(location.parent / f"oxigraph-{self.port}.log", "wb")
        # --timeout-s: the server itself stops a runaway query (kg's limit only stops waiting
        # for it)
        self.proc = subprocess.Popen(
            [
                binary,
                "serve",
                "--location",
                str(location),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--timeout-s",
                str(timeout_s),
            ],
            stdout=self.log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
        try:
            wait_http(self.url + "/query", proc=self.proc)
        except RuntimeError:
            self.stop()
            raise

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self.log.close()


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory):
    srv = OxigraphServer(tmp_path_factory.mktemp("oxigraph") / "db")
    yield srv
    srv.stop()


@pytest.fixture(scope="session")
def remote_seed(oxigraph_server, listings):
    """The seed listings ingested into the oxigraph server, exactly as `seed_store_path`
    ingests them into an embedded store. Yields the server's base URL."""
    from kg.ingest import ingest_paths
    from kg.store_open import open_store

    store = open_store(oxigraph_server.url)
    ingest_paths(store, listings, workers=1)
    store.close()
    return oxigraph_server.url


def kg_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "kg.cli", *args]


def kg_env() -> dict[str, str]:
    env = dict(os.environ)
    for k in (
        "KG_STORE",
        "KG_QUERY_ENDPOINT",
        "KG_UPDATE_ENDPOINT",
        "KG_GSP_ENDPOINT",
        "KG_UNION_DEFAULT",
    ):
        env.pop(k, None)
    env["CI"] = "1"
    return env
