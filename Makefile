# napwatch: `make run` serves the app on http://127.0.0.1:8000 with its task worker beside it,
# `make test` runs the whole suite.
# Both create .venv with Python 3.12+ (pinned in .python-version) and install what they need.
# `make run` also writes .env once (a development SECRET_KEY and DEBUG=true), so that every
# `.venv/bin/python manage.py ...` works from a plain shell afterwards.

SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# The task worker (django-tasks-db's db_worker) renders PDF briefs in the background (issue 10);
# with nothing to do it looks for a new task every half second.
WORKER_ARGS ?= --interval 0.5

# The first Python >= 3.12 found: $(PYTHON) if given, then python3.12, python3.13, python3.
PYTHON ?= $(shell for candidate in python3.12 python3.13 python3; do \
	if command -v $$candidate >/dev/null 2>&1 && \
	   $$candidate -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then \
	  echo $$candidate; break; fi; done)

.PHONY: run test install migrate fixtures lint check-migrations check-deploy clean serve validators worker messages docs docs-serve

# Production reads only the environment it is given, never the development .env (settings read the
# file NAPWATCH_ENV_FILE names, else .env; see napwatch/environment.py).
PRODUCTION_ENV := NAPWATCH_ENV_FILE=/dev/null DEBUG=false

$(PY):
	@if [ -z "$(PYTHON)" ]; then \
	  echo "napwatch needs Python 3.12 or newer (Django 6). None was found on PATH:"; \
	  echo "install one (for example 'pyenv install 3.12'), or run 'make PYTHON=/path/to/python3.12 ...'."; \
	  exit 1; fi
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(PY) system-deps
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

install: $(STAMP)

# The development environment file, read by the settings for whatever the environment does not
# set. Written once, owner-only, and never replaced: delete it to get a new key.
.env: | $(PY)
	@key=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))') && \
	  umask 077 && set -o noclobber && printf '%s\n' \
	  "# napwatch development settings, written once by make run. The environment wins over" \
	  "# this file; make serve, make check-deploy and the tests never read it." \
	  "DEBUG=true" "SECRET_KEY=$$key" > $@
	@echo "wrote .env: a development SECRET_KEY and DEBUG=true"

migrate: install .env
	DEBUG=$${DEBUG:-true} $(PY) manage.py migrate --noinput

# A new database gets every fixture; later starts load only the files changed since their last
# load, and keep what people changed in the admin or the workbench (load_plan --force overwrites).
fixtures: migrate
	DEBUG=$${DEBUG:-true} $(PY) manage.py load_rubric fixtures/rubrics/*.yaml
	DEBUG=$${DEBUG:-true} $(PY) manage.py load_plan --only-changed fixtures/*.yaml

# runserver and the task worker together: the worker in the background, stopped (and waited
# for) whenever this recipe's shell exits, so Ctrl-C, which stops runserver, stops both.
run: fixtures
	@echo "napwatch is starting on http://$(HOST):$(PORT)/ with its task worker  (Ctrl-C stops both)"
	@export DEBUG=$${DEBUG:-true}; \
	$(PY) manage.py db_worker --no-reload $(WORKER_ARGS) & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; \
	$(PY) manage.py runserver $(HOST):$(PORT)

test: install validators
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

check-migrations: install
	DEBUG=true $(PY) manage.py makemigrations --check --dry-run

# The translation catalogues (napwatch/catalogues.py): after marking or changing a string, this
# adds it to locale/<lang>/LC_MESSAGES/django.po for translation and recompiles the .mo files,
# which are committed, so that running the app needs no gettext tools. Needs GNU gettext
# (apt-get install gettext).
messages: install
	DEBUG=true NAPWATCH_ENV_FILE=/dev/null $(PY) -m napwatch.catalogues

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-wal db.sqlite3-shm staticfiles test-artifacts site

# The documentation site (MkDocs with Material, mkdocs.yml): `make docs` builds docs/ into site/
# (git-ignored) with every warning an error (a broken link or anchor, a page missing from the
# nav); `make docs-serve` serves it on http://127.0.0.1:$(DOCS_PORT)/, rebuilt as docs/ changes.
# NO_MKDOCS_2_WARNING quiets Material's notice about its successor (Zensical) on every build.
DOCS_PORT ?= 8001
docs: install
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs build --strict --site-dir site

docs-serve: install
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs serve --strict --dev-addr 127.0.0.1:$(DOCS_PORT)

# ---- Production (issue 6) ------------------------------------------------------------------
# `make serve`: gunicorn with DEBUG off on $(HOST):$(PORT), PostgreSQL from DATABASE_URL,
# migrated and with hashed, compressed static files. See docs/deploying.md. SECRET_KEY and
# ALLOWED_HOSTS must come from serve's own environment: .env is not read.
serve: install
	@if [ -z "$${SECRET_KEY:-}" ]; then \
	  echo "make serve: SECRET_KEY is not set. Set it to a long random string, for example:"; \
	  echo "  export SECRET_KEY=\"\$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')\""; \
	  exit 1; fi
	@if [ -z "$${ALLOWED_HOSTS:-}" ]; then \
	  echo "make serve: ALLOWED_HOSTS is not set. Set it to the site's host name(s), comma-separated."; \
	  exit 1; fi
	@case "$${DATABASE_URL:-}" in postgres://*|postgresql://*) ;; \
	  *) echo "make serve: DATABASE_URL does not name PostgreSQL; serving from SQLite ($${DATABASE_URL:-db.sqlite3})." ;; esac
	$(PRODUCTION_ENV) $(PY) manage.py migrate --noinput
	$(PRODUCTION_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	@echo "make serve: PDF briefs and plans' documents (extraction, OCR) are handled by the task worker: run 'make worker' beside this server (docs/deploying.md)."
	$(PRODUCTION_ENV) HOST=$(HOST) PORT=$(PORT) exec $(VENV)/bin/gunicorn --config napwatch/gunicorn.conf.py napwatch.wsgi

# `make worker`: the task worker for production, beside `make serve` and with the same environment,
# each under the process manager (docs/deploying.md). It renders PDF briefs; start it after
# `make serve` has migrated. Stopped with SIGTERM, it finishes the brief it is rendering first.
worker: install
	$(PRODUCTION_ENV) exec $(PY) manage.py db_worker --no-reload $(WORKER_ARGS)

# `check --deploy` as production runs it: DEBUG off, HTTPS redirect on, a strong throwaway key.
check-deploy: install
	$(PRODUCTION_ENV) SECURE_SSL_REDIRECT=true ALLOWED_HOSTS=$${ALLOWED_HOSTS:-napwatch.example.org} \
	  NAPWATCH_SITE_URL=$${NAPWATCH_SITE_URL:-https://napwatch.example.org} \
	  SECRET_KEY=$${SECRET_KEY:-$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')} \
	  $(PY) manage.py check --deploy --fail-level WARNING

# --- PDF briefs: the system libraries WeasyPrint loads (Pango, HarfBuzz and its subsetter) ---------
WEASYPRINT_DEBS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 libfontconfig1
# OCR of scanned plan documents (documents/extraction.py runs `tesseract` with Spanish and English).
OCR_DEBS := tesseract-ocr tesseract-ocr-spa tesseract-ocr-eng
.PHONY: system-deps
system-deps:
	@missing=$$(for p in $(WEASYPRINT_DEBS) $(OCR_DEBS); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ] && command -v apt-get >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "== installing for WeasyPrint and OCR:" $$missing; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "WeasyPrint and OCR need:" $$missing "- run: sudo apt-get install" $$missing; fi; \
	fi

# --- Validators: the Nu Html Checker (vnu-jar, run with Java) and axe-core -------------------------
# Pinned with integrity hashes in tests/validators/package(-lock).json; installed once from the npm
# registry into .cache/node (git-ignored). The `validators` tests (tests/validators/, and
# tests/browser/test_accessibility.py) run `make validators` themselves when the files are missing.
# Without npm this says so and carries on (those tests then skip), unless
# NAPWATCH_REQUIRE_VALIDATORS=1 (CI), where it fails.
NODE_DIR := .cache/node
VALIDATORS_PINS := tests/validators/package.json tests/validators/package-lock.json
VALIDATORS_STAMP := $(NODE_DIR)/.installed

$(VALIDATORS_STAMP): $(VALIDATORS_PINS)
	@if ! command -v npm >/dev/null 2>&1; then \
	  echo "make validators: npm is not installed, so vnu-jar and axe-core cannot be installed"; \
	  echo "  and the HTML and accessibility validator tests will not run (apt-get install npm)."; \
	  if [ "$${NAPWATCH_REQUIRE_VALIDATORS:-}" = 1 ]; then exit 1; fi; \
	else \
	  echo "== installing the validators (vnu-jar, axe-core) into $(NODE_DIR)" && \
	  mkdir -p $(NODE_DIR) && cp $(VALIDATORS_PINS) $(NODE_DIR)/ && \
	  npm ci --prefix $(NODE_DIR) --ignore-scripts --no-audit --no-fund --loglevel=error && \
	  touch $@; \
	fi

validators: $(VALIDATORS_STAMP)
