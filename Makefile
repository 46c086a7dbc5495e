# Leerkring: the commands the README promises. Everything runs inside .venv,
# created from pyproject.toml on first use and refreshed when it changes.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help install tools run serve demo migrate test test-postgres check lint messages catalogs benchmark benchmark-postgres clean

help:
	@echo "make run       install, migrate, load the demo and serve on http://$(HOST):$(PORT)"
	@echo "make test      the whole gate: check, migrations, ruff, translations, pytest"
	@echo "               (on SQLite, then on PostgreSQL with Redis)"
	@echo "make test-postgres  pytest on PostgreSQL with Redis only (PYTEST_ARGS=...)"
	@echo "make messages  extract UI strings into locale/ and compile them"
	@echo "make lint      ruff"
	@echo "make benchmark load test under gunicorn with wrk (see benchmarks/load.py)"

# The stamp is newer than pyproject.toml once its dependencies are installed.
$(VENV)/.installed: pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -c "import tomllib; p = tomllib.load(open('pyproject.toml', 'rb'))['project']; \
	print('\n'.join(p['dependencies'] + p['optional-dependencies']['dev']))" > $(VENV)/requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r $(VENV)/requirements.txt
	@touch $@

install: $(VENV)/.installed

# System tools the tests need: GNU gettext (to check that every string is in
# the catalogs), Debian's Chromium (browser tests, driven by Playwright; never
# `playwright install`), Java (the HTML checker) and the npm checkers in
# tests/e2e. Installed with apt when running as root (CI), else explained.
E2E := tests/e2e
NPM_STAMP := $(E2E)/node_modules/.installed
APT_INSTALL := apt-get install -y -qq --no-install-recommends

# apt_need(command, package, what for): install `package` unless `command` runs.
define apt_need
	@command -v $(1) >/dev/null || { \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "Installing $(2) ($(3))."; \
			apt-get update -qq && $(APT_INSTALL) $(2); \
		else \
			echo "$(3) needs '$(1)'. Please install it (Debian/Ubuntu: sudo $(APT_INSTALL) $(2))."; \
			exit 1; \
		fi; }
endef

tools: $(NPM_STAMP)
	$(call apt_need,xgettext,gettext,Checking the message catalogs)
	$(call apt_need,chromium,chromium,The browser tests)
	$(call apt_need,java,default-jre-headless,The HTML validation)
	$(call apt_need,pg_ctlcluster,postgresql,The tests on PostgreSQL)
	$(call apt_need,redis-server,redis-server,The tests with the Redis cache)

# axe-core and the Nu Html Checker, exactly as locked. Install scripts stay off:
# vnu-jar's would download a Java runtime, and the machine's Java suffices.
$(NPM_STAMP): $(E2E)/package-lock.json
	@command -v npm >/dev/null || { \
		echo "The browser checks need Node.js and npm (Debian/Ubuntu: sudo $(APT_INSTALL) npm)."; \
		exit 1; }
	npm ci --prefix $(E2E) --ignore-scripts --no-audit --no-fund
	@touch $@

# Compiled catalogs are never committed: they are built from locale/*.po here,
# with polib, so that no GNU gettext is needed to run the site.
catalogs: install
	$(MANAGE) catalogs compile

migrate: install
	$(MANAGE) migrate --no-input

demo: migrate
	$(MANAGE) load_demo

run: catalogs demo
	@echo
	@echo "Leerkring runs on http://$(HOST):$(PORT)/  (stop with Ctrl+C)"
	@echo "Log in with one of the demo accounts above; the password is leerkring-demo."
	$(MANAGE) runserver $(HOST):$(PORT)

serve: catalogs migrate
	$(MANAGE) runserver $(HOST):$(PORT)

check: catalogs
	$(MANAGE) check --fail-level WARNING
	$(MANAGE) makemigrations --check --dry-run
	$(VENV)/bin/ruff check .

lint: install
	$(VENV)/bin/ruff check .

# The whole suite twice: on the embedded stack (SQLite, a cache in memory), then
# on the production stack (a throwaway PostgreSQL cluster and Redis server,
# started and removed by the two scripts). Each pass runs on every core, up to
# four (pytest-xdist: each worker has its own database, files, search index and
# Redis database); PYTEST_WORKERS=0 runs in one process.
PYTEST_WORKERS ?= auto
PYTEST_PARALLEL = --numprocesses=$(PYTEST_WORKERS) --maxprocesses=4
test: tools check
	$(VENV)/bin/pytest $(PYTEST_PARALLEL)
	$(MAKE) --no-print-directory test-postgres

# The production-stack pass alone, e.g. `make test-postgres PYTEST_ARGS="-m concurrency"`.
test-postgres: tools
	tests/with_postgres.sh tests/with_redis.sh $(VENV)/bin/pytest $(PYTEST_PARALLEL) $(PYTEST_ARGS)

# Extraction needs GNU gettext (xgettext); the flags live in `catalogs update`.
messages: install tools
	$(MANAGE) catalogs update
	$(MANAGE) catalogs compile

# Not part of `make test`: it takes a few minutes and its figures are read, not asserted.
benchmark: install
	$(call apt_need,wrk,wrk,The load benchmark)
	$(PY) benchmarks/load.py

benchmark-postgres: install tools
	$(call apt_need,wrk,wrk,The load benchmark)
	tests/with_postgres.sh tests/with_redis.sh $(PY) benchmarks/load.py --stack environment

clean:
	rm -rf $(VENV) data/whoosh
