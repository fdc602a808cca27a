# Two commands: `make demo` builds the sample graph and serves it; `make test` runs the suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
PY     := $(VENV)/bin/python
KG     := $(VENV)/bin/kg
STAMP  := $(VENV)/.installed
STORE  ?= data/demo-store
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: demo test build serve bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[dev]"
	touch $(STAMP)

build: $(STAMP)
	$(KG) ingest --store $(STORE) examples/listings/*.txt
	$(KG) stats --store $(STORE)
	@echo "Example: which papers evaluate a Qwen model on GSM8K?"
	$(KG) evaluations --store $(STORE) Qwen GSM8K

demo: build
	@echo "Serving the graph: http://$(HOST):$(PORT)/  (SPARQL: /sparql, API docs: /docs)"
	$(KG) serve --store $(STORE) --host $(HOST) --port $(PORT)

test: $(STAMP)
	$(PY) -m pytest -q -rs

bench: $(STAMP)  # make bench BENCH_ARGS="--quick": see bench/run.py --help
	$(PY) bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) data build *.egg-info
