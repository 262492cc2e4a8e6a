# `make run` sets up and serves the app on http://127.0.0.1:5000 with the seeded SQLite database.
# `make test` sets up and runs the whole test suite.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app webapp
INSTANCE ?= $(or $(PARLEY_INSTANCE_PATH),instance)

.PHONY: install run serve test test-fast lint clean-db

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -m venv $(VENV) || { \
		echo "'$(PYTHON) -m venv' failed: on Debian or Ubuntu, apt-get install python3-venv" >&2; \
		exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --editable '.[dev]'
	touch $@

$(INSTANCE)/config.py:
	mkdir -p $(INSTANCE)
	$(PYTHON) -c 'import secrets; print(f"SECRET_KEY = {secrets.token_hex(32)!r}")' > $@

run: install $(INSTANCE)/config.py
	$(FLASK) db upgrade
	$(FLASK) seed
	$(FLASK) users ensure-admin
	$(FLASK) run --host 127.0.0.1 --port 5000

# Production-style serving with waitress; the secret key comes from the
# environment or the instance folder, as for every other command.
serve: install
	$(FLASK) db upgrade
	$(BIN)/waitress-serve --host 127.0.0.1 --port 8000 --threads 8 --call webapp:create_app

test: install
	$(BIN)/python -m pytest

# Everything but the slow end-to-end runs (crash, concurrency, hostile files).
test-fast: install
	$(BIN)/python -m pytest -m "not slow"

lint: install
	$(BIN)/ruff check webapp tests migrations
	$(BIN)/ruff format --check webapp tests migrations

clean-db:
	rm -f $(INSTANCE)/parley.db $(INSTANCE)/parley.db-wal $(INSTANCE)/parley.db-shm
