# reader: `make run` opens the app, `make test` runs the whole suite. Needs Python 3.11+ and make.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# pytest-xdist spreads the suite over the cores; PYTEST_ARGS="-n0 -x" for a serial run.
PYTEST_ARGS ?= -n auto

.DEFAULT_GOAL := help
.PHONY: help run test check lint format snapshots-update screenshots bench corpus clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-18s %s\n", $$1, $$2}'

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "reader needs Python 3.11 or newer (set PYTHON=python3.x)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Stamps make a second run skip pip entirely unless pyproject.toml changed.
$(VENV)/.app-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.dev-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@ $(VENV)/.app-installed

run: $(VENV)/.app-installed ## open the app on the default library (sample library on first start)
	$(BIN)/reader

test: $(VENV)/.dev-installed ## run the whole test suite
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.dev-installed ## ruff, mypy and the import-layer contract
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

check: lint test ## everything CI checks

format: $(VENV)/.dev-installed ## apply ruff's fixes and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

snapshots-update: $(VENV)/.dev-installed ## accept new UI snapshots (review the report first)
	$(BIN)/python -m pytest tests/ui --snapshot-update

screenshots: $(VENV)/.dev-installed ## regenerate the README screenshots (docs/*.svg)
	$(BIN)/python docs/make_screenshots.py

corpus: $(VENV)/.dev-installed ## synthetic corpus of 100k items in /tmp/reader-corpus-100k
	$(BIN)/python benchmarks/make_corpus.py --items 100000 --out /tmp/reader-corpus-100k

bench: $(VENV)/.dev-installed ## run the benchmarks (many minutes; never part of make test)
	$(BIN)/python benchmarks/import_bench.py
	$(BIN)/python benchmarks/search_bench.py --sizes 100000
	$(BIN)/python benchmarks/app_bench.py

clean: ## remove the virtual environment and caches
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
