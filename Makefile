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

.PHONY: run dev install migrate demo serve worker schedule test test-pg test-api test-rq test-browser lint format check-migrations messages clean backup restore

$(STAMP): requirements.lock pyproject.toml deploy/system-packages
	@deploy/system-packages
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements.lock
	@touch $(STAMP)

install: $(STAMP)

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py seed_demo --if-empty

# Serve the platform with demo data on SQLite in production mode (DEBUG off, over http on this machine), with
# the background-task worker and the daily-job scheduler beside the web server, supervised, stopping with it.
# Secrets are generated once into .run/local.env; links in e-mails use http://$(HOST):$(PORT). See config/localrun.py.
# The demo signs in with passwords only (two-factor sign-in stays optional); `DANVAN_2FA_REQUIRED=true make run`
# shows the policy of production.
run: export DANVAN_2FA_REQUIRED ?= false
run: install
	@$(PY) -m config.localrun --host $(HOST) --port $(PORT)

# The same with DEBUG on and runserver's autoreload, for changing the code.
dev: export DANVAN_2FA_REQUIRED ?= false
dev: install
	@$(PY) -m config.localrun --dev --host $(HOST) --port $(PORT)

worker: install
	$(PY) manage.py run_worker --queue-name '*'

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

# The tests that enqueue and run real tasks, once more on the RQ backend (Redis database 11 by default,
# DANVAN_TEST_RQ_URL): each job goes through Redis and rq's worker (tests/rq_inline.py).
TASK_TESTS := danvan/notifications danvan/people/tests/test_import.py danvan/people/tests/test_views.py \
  danvan/people/tests/test_verification_code.py danvan/cases/tests/test_workflow.py \
  danvan/cases/tests/test_duplicates_sweep.py danvan/cases/tests/test_identity.py \
  danvan/core/tests/test_schedule.py danvan/disclosures/tests/test_services.py
test-rq: install
	PYTHONPATH=. $(VENV)/bin/pytest --ds=config.settings_test_rq -p tests.rq_plugin -p no:randomly $(TASK_TESTS)

test-browser: install
	@deploy/system-packages --browser
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
