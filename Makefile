# `make run` sets up and serves the app on http://127.0.0.1:5000 with the seeded SQLite database.
# `make test` sets up and runs the whole test suite.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app webapp

.PHONY: install run serve test lint clean-db

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --editable '.[dev]'
	touch $@

instance/config.py:
	mkdir -p instance
	$(PYTHON) -c 'import secrets; print(f"SECRET_KEY = {secrets.token_hex(32)!r}")' > $@

run: install instance/config.py
	$(FLASK) db upgrade
	$(FLASK) seed
	$(FLASK) users ensure-admin
	$(FLASK) run --host 127.0.0.1 --port 5000

# Production-style serving with waitress; SECRET_KEY must come from the environment.
serve: install
	@test -n "$$SECRET_KEY" || (echo "set SECRET_KEY in the environment first" >&2; exit 1)
	$(FLASK) db upgrade
	$(BIN)/waitress-serve --host 127.0.0.1 --port 8000 --threads 8 --call webapp:create_app

test: install
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check webapp tests migrations

clean-db:
	rm -f instance/parley.db instance/parley.db-wal instance/parley.db-shm
