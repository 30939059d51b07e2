# THE Partnership portal. `make run` serves it; `make test` checks it. Both install first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
STACK := $(BIN)/python -m thep.devstack exec --

.PHONY: install upgrade lock-check browser browser-chromium run test suite pytest lint ruff types bandit audit format migrations clean bench bench-profile bench-imports

install: $(STAMP)

# What a fresh clone installs is what the lock files name, each file checked by its hash: a new
# release on PyPI changes nothing until `make upgrade` writes it into them. requirements.lock is
# what production runs (the Dockerfile); requirements-dev.lock adds the tools, at the same versions.
$(STAMP): requirements-dev.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements-dev.lock
	touch $(STAMP)

LOCK := $(BIN)/uv pip compile pyproject.toml --generate-hashes --python-version 3.11 --universal \
	--quiet --custom-compile-command "make upgrade"

# The newest releases that pyproject.toml's ranges allow, written into the locks, then the checks.
upgrade: install
	$(LOCK) --extra dev --upgrade -o requirements-dev.lock
	$(LOCK) -c requirements-dev.lock -o requirements.lock
	rm -f $(STAMP)
	$(MAKE) --no-print-directory test

# Browser tests drive Debian's Chromium (Playwright's own browser download is not used) and
# check each page with axe-core from npm.
browser: node_modules/.installed browser-chromium

node_modules/.installed: package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

browser-chromium:
	@command -v chromium >/dev/null || { \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; }

run: install
	$(BIN)/python -m thep.devstack run

# The suite runs in one process per core (pytest-xdist), at most eight: each process has a test
# database and a Redis database of its own (thep/settings.py), and Redis has fifteen besides the
# dev stack's. ARGS="-n 0 ..." runs it in one process.
PYTEST := $(BIN)/python -m pytest -n auto --maxprocesses 8 --dist worksteal

# The checks run side by side with the suite (they wait mostly on PyPI, the suite on the
# database): -k runs every one of them even when one fails, --output-sync prints each one's
# output in one piece as it finishes, and make exits non-zero if any failed, naming it.
CHECKS := lock-check ruff types bandit audit

test: install browser
	$(MAKE) --no-print-directory -j -k --output-sync=target $(CHECKS) suite

suite: install browser
	SECRET_KEY=makemigrations-check $(STACK) $(BIN)/python manage.py makemigrations --check --dry-run
	$(STACK) $(PYTEST) $(ARGS)

# Only the test suite, for quick runs: make pytest ARGS="tests/membership -x"
pytest: install browser
	$(STACK) $(PYTEST) $(ARGS)

# Each role's pages under load on ten times the borough (data kept in .data/bench); see
# reports/bench.py. Installs wrk from Debian's packages if it is missing.
bench: install
	@command -v wrk >/dev/null || { \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq wrk >/dev/null; }
	THEP_DATA_DIR=$(CURDIR)/.data/bench $(STACK) $(BIN)/python -m reports.bench

# Where each benched page's time goes (database, ORM, templates, middleware, our code), in
# process under cProfile on the bench's data: reports/bench_profile.py. BENCH_TOP=15 lists the
# functions with the most time of their own.
bench-profile: install
	THEP_DATA_DIR=$(CURDIR)/.data/bench $(STACK) $(BIN)/python -m reports.bench_profile

# The national-size GIAS and Ofsted imports: time and peak memory each (reports/bench_imports.py).
# Its database (.data/bench-imports) is emptied first.
bench-imports: install
	THEP_DATA_DIR=$(CURDIR)/.data/bench-imports $(STACK) $(BIN)/python -m reports.bench_imports

# pyproject.toml and the locks agree: a dependency added or changed there without `make upgrade`
# fails here (uv keeps the locked versions it can, so only the change shows).
lock-check: install
	cp requirements-dev.lock $(VENV)/requirements-dev.check
	$(LOCK) --extra dev -o $(VENV)/requirements-dev.check
	cp requirements.lock $(VENV)/requirements.check
	$(LOCK) -c requirements-dev.lock -o $(VENV)/requirements.check
	diff -u requirements-dev.lock $(VENV)/requirements-dev.check
	diff -u requirements.lock $(VENV)/requirements.check

lint: $(CHECKS)

ruff: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bandit: install
	$(BIN)/bandit -q -c pyproject.toml -r thep membership improvement ofsted learning coaching outcomes commission moderation bulletins surveys meetings reports

# Types: mypy with the Django and Celery stubs over every app and the tests ([tool.mypy]).
types: install
	SECRET_KEY=mypy DATABASE_URL=postgres://mypy@localhost/mypy REDIS_URL=redis://localhost \
		$(BIN)/mypy

# Known vulnerabilities in the installed packages (the project itself, installed editable, is
# bandit's job). PyPI's advisory service: our machines and CI reach PyPI and no other host, so
# OSV's API is not an option. A package PyPI cannot look up is listed as skipped in the output.
audit: install
	$(BIN)/pip-audit --local --skip-editable --vulnerability-service pypi --progress-spinner off

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

migrations: install
	SECRET_KEY=makemigrations $(STACK) $(BIN)/python manage.py makemigrations

clean:
	rm -rf $(VENV) .data
