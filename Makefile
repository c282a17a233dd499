# make demo        build db/quotes.db from examples/ and serve it on http://127.0.0.1:8001
# make test        run the whole test suite
# make test-fast   the tests that take under a few seconds each (no ingest runs, no browser): under a minute
# make lint        ruff and mypy, as CI runs them
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
DB := db/quotes.db
PORT := 8001

.PHONY: install install-test demo db serve test test-fast lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# torch first, pinned: a bare torch requirement would pull a CUDA build of several GB
$(VENV)/.installed: $(BIN)/python setup.cfg pyproject.toml
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[test,stanza,cluster]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

$(DB): $(VENV)/.installed $(wildcard examples/*)
	$(BIN)/quotes ingest examples/ --db $(DB)

db: $(DB)

demo: $(DB)
	$(BIN)/quotes serve --db $(DB) --port $(PORT)

serve: demo

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest

test-fast: $(VENV)/.installed-test
	$(BIN)/python -m pytest -m "not slow and not browser"

lint: $(VENV)/.installed-test
	$(BIN)/ruff check quotes tests benchmarks
	$(BIN)/mypy

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm *.egg-info
