# danvan — the two commands: `make run` and `make test`. Everything is installed by these targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
PG_URL ?= postgres://postgres@127.0.0.1:5432/danvan
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run install migrate demo serve worker schedule test test-pg test-api test-browser lint format check-migrations messages clean backup restore

$(STAMP): requirements.lock pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements.lock
	@touch $(STAMP)

install: $(STAMP)

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py seed_demo --if-empty

# Serve the platform with demo data on SQLite, with the background-task worker and the daily-job scheduler
# beside the web server; both stop with it. The demo signs in with passwords only (two-factor sign-in stays
# optional); `DANVAN_2FA_REQUIRED=true make run` shows the policy of production.
run: export DANVAN_2FA_REQUIRED ?= false
run: demo
	@mkdir -p .run
	@echo ""
	@echo "  danvan đang chạy tại http://$(HOST):$(PORT)/  (khu cán bộ: http://$(HOST):$(PORT)/can-bo/, quản trị: /admin/, API: /api/docs)"
	@$(PY) manage.py demo_logins
	@echo "  Dừng: Ctrl+C"
	@echo ""
	@trap 'kill $$WORKER $$SCHEDULER 2>/dev/null' EXIT INT TERM; \
	  $(PY) manage.py db_worker --queue-name '*' > .run/worker.log 2>&1 & WORKER=$$!; \
	  $(PY) manage.py run_schedule > .run/schedule.log 2>&1 & SCHEDULER=$$!; \
	  $(PY) manage.py runserver $(HOST):$(PORT)

worker: install
	$(PY) manage.py db_worker --queue-name '*'

schedule: install
	$(PY) manage.py run_schedule

test: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run --settings=config.settings_test
	$(VENV)/bin/pytest -m "not browser and not api_fuzz"

test-pg: install
	DATABASE_URL=$(PG_URL) $(VENV)/bin/pytest -m "not browser and not api_fuzz"

# schemathesis over the whole API, anonymous and signed in (danvan/api/tests/test_fuzz.py); on PostgreSQL:
# `make test-api DATABASE_URL=postgres://…`
test-api: install
	$(VENV)/bin/pytest -m api_fuzz -p no:randomly danvan/api/tests/test_fuzz.py

test-browser: install
	$(VENV)/bin/pytest -m browser -p no:randomly

check-migrations: install
	$(PY) manage.py makemigrations --check --dry-run

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

messages: install
	$(PY) manage.py compilemessages --ignore=.venv

backup: install
	$(PY) manage.py dumpdata --natural-foreign --exclude contenttypes --exclude auth.permission --exclude sessions -o backup-$$(date +%Y%m%d-%H%M%S).json.gz

restore: install
	@test -n "$(FILE)" || (echo "Dùng: make restore FILE=backup-....json.gz" && exit 2)
	$(PY) manage.py loaddata $(FILE)

clean:
	rm -rf $(VENV) .run artifacts
