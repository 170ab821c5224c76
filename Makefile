# The two commands: `make run` and `make test`. Both create the virtual environment first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# Pins apply to build dependencies (hatchling) too.
export PIP_CONSTRAINT := $(CURDIR)/constraints.txt
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: install run test lint format typecheck pytest bench bench-http bench-queries bench-network bench-brief bench-validate bench-engines bench-ingest bench-model lock clean

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

run: install
	$(BIN)/brn-graph serve --host $(HOST) --port $(PORT)

test: install lint pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

pytest: install
	$(BIN)/python -m pytest

bench: bench-queries bench-network bench-brief

bench-queries: install
	$(BIN)/python -m benchmarks.run

bench-network: install
	$(BIN)/python -m benchmarks.network_view --sizes 100 1000 5000 --runs 3

bench-brief: install
	$(BIN)/python -m benchmarks.brief --runs 3

# validate: plain pySHACL (baseline) against the project's path, cold and with the report cache.
bench-validate: install
	$(BIN)/python -m benchmarks.validate --sizes bundled 10k 100k --runs 3

# The catalogue on embedded Oxigraph, the Oxigraph server and Virtuoso (ENGINES_SIZE=100k for a quick run).
ENGINES_SIZE ?= 1m
bench-engines: install
	$(BIN)/python -m benchmarks.engines --size $(ENGINES_SIZE) --runs 3

# serve --workers 2 against a minimal FastAPI app returning the same bytes (needs wrk: apt-get install wrk).
# HTTP_ONLY=/sparql measures only the routes whose label contains it.
HTTP_SECONDS ?= 10
HTTP_ONLY ?=
bench-http: install
	$(BIN)/python -m benchmarks.http --seconds $(HTTP_SECONDS) $(if $(HTTP_ONLY),--only "$(HTTP_ONLY)")

# The alignment model (graph reads, scoring, a decision context) on synthetic data of MODEL_SIZE.
MODEL_SIZE ?= 100k
bench-model: install
	$(BIN)/python -m benchmarks.generate --size $(MODEL_SIZE)
	BRN_GRAPH_MAX_FILE_BYTES=4000000000 BRN_GRAPH_MAX_FILE_TRIPLES=100000000 \
		$(BIN)/python -m benchmarks.model --data benchmarks/generated/$(MODEL_SIZE) --backends oxigraph oxigraph-disk

# 100,000 synthetic member rows ingested, validated and committed (limit 60 s), vs a csv read.
bench-ingest: install
	$(BIN)/python -m benchmarks.ingest_bench --rows 100000

# Re-resolve the pins from pyproject.toml in a scratch environment.
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	PIP_CONSTRAINT= .lock-venv/bin/pip install --quiet -e '.[dev]' hatchling
	.lock-venv/bin/pip freeze --exclude-editable --all | grep -v '^pip==' > constraints.txt
	rm -rf .lock-venv

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
