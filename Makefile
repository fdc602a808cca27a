# Two commands: `make demo` builds the sample graph and serves it; `make test` runs the suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
PY     := $(VENV)/bin/python
KG     := $(VENV)/bin/kg
STAMP  := $(VENV)/.installed
STORE  ?= data/store  # the CLI's default too (kg/store.py), so `kg stats` etc. work after `make demo`
HOST   ?= 127.0.0.1
PORT   ?= 8000

NATIVE := kg/extract/_native/BUILD.json
NATIVE_SOURCES := $(filter-out kg/extract/__init__.py kg/extract/native.py,$(wildcard kg/extract/*.py))

.PHONY: demo test build serve bench clean native

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[dev]"
	touch $(STAMP)

# the rule modules compiled with mypyc (kg/extract/native.py); a failed build leaves the
# Python sources in use, so this never stops a target
$(NATIVE): $(STAMP) $(NATIVE_SOURCES)
	$(PY) tools/build_native.py || echo "kg: native build failed; extraction runs from the Python sources"

native: $(NATIVE)

build: $(STAMP) $(NATIVE)
	$(KG) ingest --store $(STORE) examples/listings/*.txt
	$(KG) stats --store $(STORE)
	@echo "Example: which papers evaluate a Qwen model on GSM8K?"
	$(KG) evaluations --store $(STORE) Qwen GSM8K

demo: build
	@echo "Serving the graph: http://$(HOST):$(PORT)/  (SPARQL: /sparql, API docs: /docs)"
	$(KG) serve --store $(STORE) --host $(HOST) --port $(PORT)

test: $(STAMP) $(NATIVE)
	$(PY) -m pytest -q -rs

bench: $(STAMP) $(NATIVE)  # make bench BENCH_ARGS="--quick": see bench/run.py --help
	$(PY) bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) data build *.egg-info kg/extract/_native
