# `make run` sets up and serves the app on http://127.0.0.1:5000 with the seeded SQLite database.
# `make test` sets up and runs the whole test suite.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PARLEY := $(BIN)/parley
INSTANCE ?= $(or $(PARLEY_INSTANCE_PATH),instance)

# setuptools warns on every editable install that a folder named like the package
# could shadow it; `make install VERBOSE=1` shows that and pip's progress.
PIP := $(if $(VERBOSE),,PYTHONWARNINGS="ignore:Editable installation") \
	$(BIN)/python -m pip $(if $(VERBOSE),,--quiet)

.PHONY: install install-dev run serve test test-fast lint clean-db

# What running and serving need; install-dev adds the tests' and the linter's tools.
install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

$(BIN)/python:
	@echo "Creating the virtual environment $(VENV)"
	@$(PYTHON) -m venv $(VENV) || { \
		echo "'$(PYTHON) -m venv' failed: on Debian or Ubuntu, apt-get install python3-venv" >&2; \
		exit 1; }
	@$(PIP) install --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	@echo "Installing Parley into $(VENV) (the program is $(PARLEY))"
	@$(PIP) install --editable .
	@touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	@echo "Installing the tools for tests and lint into $(VENV)"
	@$(PIP) install --editable '.[dev]'
	@touch $@

# parley reads and writes the instance folder these rules name.
run serve $(INSTANCE)/config.py: export PARLEY_INSTANCE_PATH := $(abspath $(INSTANCE))

$(INSTANCE)/config.py: | $(VENV)/.installed
	$(PARLEY) secret-key

run: PORT ?= 5000
run: install $(INSTANCE)/config.py
	$(PARLEY) db upgrade
	$(PARLEY) seed
	$(PARLEY) users ensure-admin
	$(PARLEY) run --host 127.0.0.1 --port $(PORT)

# Production-style serving with waitress; the secret key comes from the
# environment or the instance folder (`parley secret-key` writes one there).
serve: PORT ?= 8000
serve: install
	$(PARLEY) db upgrade
	$(PARLEY) serve --host 127.0.0.1 --port $(PORT) --threads 8

test: install-dev
	$(BIN)/python -m pytest

# Everything but the slow end-to-end runs (crash, concurrency, hostile files).
test-fast: install-dev
	$(BIN)/python -m pytest -m "not slow"

lint: install-dev
	$(BIN)/ruff check webapp tests migrations
	$(BIN)/ruff format --check webapp tests migrations

clean-db:
	rm -f $(INSTANCE)/parley.db $(INSTANCE)/parley.db-wal $(INSTANCE)/parley.db-shm
