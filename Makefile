# The two commands a newcomer needs: `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := $(BIN)/python manage.py
# `make stack` runs every Procfile process against the local PostgreSQL and Redis.
STACK_ENV := DJANGO_DEBUG=1 DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_stack \
	REDIS_URL=redis://127.0.0.1:6379/2 PORT=$(PORT)

.PHONY: run test lint format stack install lock clean messages lighthouse

# Installs exactly the locked versions, every transitive dependency with its hash.
$(VENV)/.installed: requirements-dev.lock
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.lock
	touch $@

install: $(VENV)/.installed

# After changing a pin in requirements.txt or requirements-dev.txt: compile the locks again
# (pip-tools, from PyPI alone, whatever indexes the local pip configuration adds).
PIP_COMPILE := env -u PIP_FIND_LINKS PIP_CONFIG_FILE=/dev/null $(BIN)/pip-compile --quiet \
	--generate-hashes --allow-unsafe --strip-extras --no-emit-find-links --no-emit-index-url
lock: $(VENV)/.installed
	$(PIP_COMPILE) --output-file=requirements.lock requirements.txt
	$(PIP_COMPILE) --output-file=requirements-dev.lock requirements-dev.txt

run: $(VENV)/.installed
	DJANGO_DEBUG=1 $(MANAGE) migrate --noinput
	DJANGO_DEBUG=1 $(MANAGE) seed_demo --if-empty
	DJANGO_DEBUG=1 $(MANAGE) runserver 127.0.0.1:$(PORT)

# ruff; mypy over services, selectors and registries (pyproject.toml; the settings need
# DJANGO_DEBUG=1 without a SECRET_KEY); the size limits; locks that match the pins.
lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_DEBUG=1 $(BIN)/mypy
	$(BIN)/python .ci/sizes.py
	$(BIN)/python .ci/lock_check.py

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
