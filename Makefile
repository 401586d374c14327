# The two commands a newcomer needs: `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := $(BIN)/python manage.py
# `make stack` runs every Procfile process against the local PostgreSQL and Redis.
STACK_ENV := DJANGO_DEBUG=1 DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_stack \
	REDIS_URL=redis://127.0.0.1:6379/2 PORT=$(PORT)

.PHONY: run test lint format stack install clean messages lighthouse

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

run: $(VENV)/.installed
	DJANGO_DEBUG=1 $(MANAGE) migrate --noinput
	DJANGO_DEBUG=1 $(MANAGE) seed_demo --if-empty
	DJANGO_DEBUG=1 $(MANAGE) runserver 127.0.0.1:$(PORT)

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: lint
	DJANGO_DEBUG=1 $(MANAGE) makemigrations --check --dry-run
	$(BIN)/pytest

stack: $(VENV)/.installed
	psql -h 127.0.0.1 -U postgres -tc "SELECT 1 FROM pg_database WHERE datname='portal_stack'" \
		| grep -q 1 || createdb -h 127.0.0.1 -U postgres portal_stack
	$(STACK_ENV) $(MANAGE) migrate --noinput
	PATH="$(CURDIR)/$(BIN):$$PATH" $(STACK_ENV) $(BIN)/honcho start -f Procfile

# Lighthouse over the ten audited pages, mobile and desktop (bench/lighthouse.py; needs npm).
lighthouse: $(VENV)/.installed
	cd bench && npm ci --no-audit --no-fund
	$(BIN)/python bench/lighthouse.py

# After changing a translatable string: update the catalogues, translate, then compile.
# The compiled .mo files are committed, so `make run` needs no gettext.
messages: $(VENV)/.installed
	DJANGO_DEBUG=1 $(MANAGE) makemessages -l ru -l kk --no-obsolete \
		--ignore='.venv/*' --ignore='bench/*' --ignore='staticfiles/*'
	DJANGO_DEBUG=1 $(MANAGE) compilemessages --ignore='.venv/*'

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
