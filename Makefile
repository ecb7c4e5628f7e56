# Onsite: `make run` to see it working, `make test` to run every test (on PostgreSQL and SQLite).
# See README.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
STAMP := .make
# `make run PORT=8001` when 8000 is taken.
PORT ?= 8000

.PHONY: run test test-postgresql test-sqlite bench lint format messages setup system clean-demo

run: setup
	@test -f .env || printf 'DEBUG=true\n' > .env
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo
	@echo "Onsite: http://127.0.0.1:$(PORT)/  (a Celery worker with beat runs beside it; Ctrl-C stops both)"
	@echo "E-mails: one file each in $(CURDIR)/var/mail/ (unless EMAIL_URL is set)"
# On Ctrl-C the worker is told once and waited for. Its pool is threads, not processes: a signal
# to the whole group (Ctrl-C, a closed terminal) killed forked pool processes under it and left
# the worker hanging.
	@grep -qs '^ONSITE_BASE_URL=' .env || export ONSITE_BASE_URL=$${ONSITE_BASE_URL:-http://127.0.0.1:$(PORT)}; \
	  $(BIN)/celery -A onsite worker --beat --loglevel=warning --pool=threads --concurrency=2 & worker=$$!; \
	  trap 'exit 130' INT TERM; trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT; \
	  $(MANAGE) runserver 127.0.0.1:$(PORT)

# Both databases at once, one pytest per core (scripts/test-both); either one alone with
# `make test-postgresql` or `make test-sqlite`. PYTEST_ARGS go to every pytest.
test: setup
	scripts/ensure-services
	scripts/test-both $(PYTEST_ARGS)

test-postgresql: setup
	scripts/ensure-services
	set -a; source scripts/test.env; set +a; $(BIN)/pytest $(PYTEST_ARGS)

test-sqlite: setup
	scripts/ensure-services
	set -a; source scripts/test.env; set +a; \
	  mkdir -p "$$(dirname "$${SQLITE_DATABASE_URL#sqlite:///}")"; \
	  DATABASE_URL=$$SQLITE_DATABASE_URL REDIS_URL=$$SQLITE_REDIS_URL \
	  CELERY_BROKER_URL=$$SQLITE_REDIS_URL $(BIN)/pytest $(PYTEST_ARGS)

bench: setup
	scripts/ensure-services
	set -a; source scripts/test.env; set +a; $(BIN)/pytest tests/benchmarks -o python_files='bench_*.py' -s -q

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format:
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: setup
	$(MANAGE) makemessages -l zh_Hans --no-obsolete --ignore=node_modules --ignore=.venv --ignore=var
	$(MANAGE) compilemessages -l zh_Hans --ignore=node_modules --ignore=.venv

setup: $(STAMP)/system $(STAMP)/venv $(STAMP)/npm

# System packages: WeasyPrint's pango and harfbuzz, a CJK font, Chromium and poppler for tests.
$(STAMP)/system: scripts/ensure-system
	scripts/ensure-system
	@mkdir -p $(STAMP) && touch $@

$(STAMP)/venv: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@mkdir -p $(STAMP) && touch $@

$(STAMP)/npm: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@mkdir -p $(STAMP) && touch $@
