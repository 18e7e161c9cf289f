# digicoop: `make serve` runs the service with the examples loaded; `make test` runs every check.
# Both bootstrap .venv on first use; `make setup` alone prepares it and is quick when nothing changed.

PYTHON ?= python3
PORT ?= 8000
HOST ?= 127.0.0.1
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
STORE ?= .data/store

.PHONY: setup system-deps serve test lint typecheck pytest bench facts clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Debian programs some tests drive: Chromium (browser tests) and Virtuoso (remote store).
# Installed only where missing and only as root; elsewhere those tests skip, naming the package.
system-deps:
	@bash scripts/system-deps.sh

serve: setup
	$(BIN)/digicoop serve --store $(STORE) --host $(HOST) --port $(PORT)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: setup
	$(BIN)/mypy

pytest: setup system-deps
	$(BIN)/pytest -q

test: lint typecheck pytest

bench: setup
	$(BIN)/python -m benchmarks

facts: setup
	$(BIN)/digicoop facts $(FILES) --out $(OUT)

clean:
	rm -rf .data .pytest_cache .mypy_cache .ruff_cache
