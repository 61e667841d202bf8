# One place for every command. `make run` starts the app, `make test` runs every test.
# The venv is built on the distribution's own Python 3.11 where it has one with venv support:
# Debian builds it with profile-guided and link-time optimisation, and extraction runs about a
# sixth faster on it than on a plain source build of the same version (10.6% fewer instructions,
# `python -m tools.extract_instructions`). Elsewhere python3; `make setup PYTHON=...` chooses.
SYSTEM_PYTHON := $(shell /usr/bin/python3.11 -c "import ensurepip, venv" 2>/dev/null && echo /usr/bin/python3.11)
PYTHON ?= $(or $(SYSTEM_PYTHON),python3)
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: setup lock run test test-quick lint typecheck check evaluate train bench-extract clean

# requirements.lock pins every package of the runtime and the dev set, pip included, with hashes,
# so every machine installs the same files; `make lock` rebuilds it after requirements*.txt change.
# The lock's own pip goes in first: the pip a new venv starts with (23.x) takes an extra that a
# locked package asks for (justext's lxml[html_clean]) for a requirement of its own, unpinned,
# once the index holds a newer lxml, and refuses the whole lock in hash mode.
$(VENV)/.installed: requirements.lock
	$(PYTHON) -m venv $(VENV)
	awk '/^pip==/{p=1} p{print; if ($$0 !~ /\\$$/) exit}' requirements.lock > $(VENV)/pip.lock
	$(PY) -m pip install --quiet --require-hashes -r $(VENV)/pip.lock
	$(PY) -m pip install --quiet --require-hashes -r requirements.lock
	touch $@

setup: $(VENV)/.installed

# Pins kept from the current lock unless a requirements file asks otherwise; for Python 3.11 on
# Linux, the interpreter it runs on. No index or local wheel folder is written into the file.
lock: setup
	CUSTOM_COMPILE_COMMAND="make lock" $(PY) -m piptools compile --quiet --generate-hashes \
		--allow-unsafe --strip-extras --no-emit-index-url --no-emit-trusted-host \
		--no-emit-find-links --output-file requirements.lock requirements.txt requirements-dev.txt

run: setup
	$(PY) -m armstrack serve

test: setup
	$(PY) -m pytest -q

# Everything but the browser, the benchmark and the Dask cluster: the loop while editing, on two
# workers (pytest-xdist; every test keeps its stores and files under its own tmp path). Compiled
# modules are cached even where the environment says not to (PYTHONDONTWRITEBYTECODE): the
# command-line and worker-process tests start Python some forty times.
test-quick: setup
	env -u PYTHONDONTWRITEBYTECODE $(PY) -m pytest -q -m "not e2e and not slow" -n 2 --hypothesis-profile=quick

lint: setup
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

typecheck: setup
	$(PY) -m mypy

check: lint typecheck test

# The speed target's figure: extraction of 600-word articles on one core, and the machine.
bench-extract: setup
	$(PY) -m armstrack bench --extract-only

REALDEV ?= ../shared/realdev

evaluate: setup
	$(PY) -m armstrack evaluate tests/articles data/training data/heldout $(wildcard $(REALDEV))

train: setup
	$(PY) -m armstrack train

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
