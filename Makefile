# One place for every command. `make run` starts the app, `make test` runs every test.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: setup run test lint typecheck check evaluate train clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt -r requirements-dev.txt
	touch $@

setup: $(VENV)/.installed

run: setup
	$(PY) -m streamlit run dashboard.py

test: setup
	$(PY) -m pytest -q

lint: setup
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

typecheck: setup
	$(PY) -m mypy

check: lint typecheck test

REALDEV ?= ../shared/realdev

evaluate: setup
	$(PY) -m armstrack evaluate tests/articles data/training $(wildcard $(REALDEV))

train: setup
	$(PY) -m armstrack train

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
