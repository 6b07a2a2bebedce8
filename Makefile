# Minutebook: `make run` to try it, `make test` to check it. Only Python 3.11+ and make needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)
HOST ?= 127.0.0.1:8000

.PHONY: install run test lint format check bench site-checks clean

$(STAMP): requirements.txt requirements-dev.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

install: $(STAMP)

# The demo council's name, so the site reads as the council it shows (override freely).
run: export COUNCIL_NAME ?= Calderbrook Metropolitan District Council
run: export COUNCIL_SHORT_NAME ?= Calderbrook
# The demo's summonses and notices are written to sent-mail/ rather than sent.
run: export EMAIL_BACKEND ?= django.core.mail.backends.filebased.EmailBackend
run: install
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py load_demo
	@# The web server and the task worker together (publishing, email): Ctrl-C stops both.
	DEBUG=1 $(BIN)/python manage.py run_demo $(HOST)

test: install
	$(BIN)/python -m pytest -n 2 --dist loadgroup $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: install
	DEBUG=1 $(BIN)/python manage.py check
	DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run

bench: install
	@for script in bench/bench_*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

# Record the site's own axe-core page checks for the accessibility statement
# (agenda/scanning/site_checks.json); commit the file it writes.
site-checks: install
	MINUTEBOOK_RECORD_SITE_CHECKS=1 $(BIN)/python -m pytest -p no:xdist -q tests/agenda/test_site_checks_browser.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
