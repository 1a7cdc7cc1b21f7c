# Two commands set up everything on a machine with only Python 3.11+:
#   make run   — install, migrate, load the demo portfolio and serve http://127.0.0.1:$(PORT)
#   make test  — lint, migration and deployment checks, and the whole test suite
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
INSTALLED := $(VENV)/.installed
# A throwaway issuer key outside the checkout, only for `check --deploy`.
CHECK_KEY := $(shell mktemp -u /tmp/mieux-check-key-XXXXXX).pem
# Production settings with stub secrets, only for `check --deploy`.
PROD_CHECK_ENV := DJANGO_SETTINGS_MODULE=mieux.settings.prod DJANGO_SECRET_KEY=check-deploy-stub-$(shell printf '%050d' 0) \
	ALLOWED_HOSTS=mieux.example.org DATABASE_URL=sqlite:///check-deploy.sqlite3 \
	MIEUX_ISSUER_KEY_FILE=$(CHECK_KEY)

.PHONY: install run test lint format translations messages bench clean

# WeasyPrint (the PDF certificates) needs Pango and HarfBuzz's subsetting library; as root with apt-get
# they are installed when missing, otherwise the recipe says what to install.
SYSTEM_LIBRARIES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core

$(INSTALLED): pyproject.toml constraints.txt
	@missing=""; for package in $(SYSTEM_LIBRARIES); do \
		dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q "ok installed" || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			echo "Installing the libraries WeasyPrint needs:$$missing"; \
			DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null \
				|| { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; }; \
		else \
			echo "WeasyPrint needs these system packages (PDF certificates):$$missing"; \
			echo "  install them with: sudo apt-get install$$missing  (or your system's equivalents)"; \
		fi; \
	fi
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e ".[dev]"
	touch $(INSTALLED)

install: $(INSTALLED)

translations: install
	$(PY) manage.py compile_translations

run: install translations
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@if [ -n "$$CELERY_BROKER_URL" ]; then \
		echo "Starting a Celery worker and beat beside the web server (broker: $$CELERY_BROKER_URL)"; \
		$(VENV)/bin/celery -A mieux worker --loglevel=INFO -Q default,reports,credentials & worker=$$!; \
		$(VENV)/bin/celery -A mieux beat --loglevel=INFO --schedule=.celerybeat-schedule & beat=$$!; \
		trap 'kill $$worker $$beat 2>/dev/null' EXIT INT TERM; \
		$(PY) manage.py runserver 127.0.0.1:$(PORT); \
	else \
		echo "No CELERY_BROKER_URL: tasks run eagerly in the web process."; \
		$(PY) manage.py runserver 127.0.0.1:$(PORT); \
	fi

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

test: install translations lint
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -c "from joserfc.jwk import OKPKey; open('$(CHECK_KEY)', 'wb').write(OKPKey.generate_key('Ed25519').as_pem(private=True))"
	$(PROD_CHECK_ENV) $(PY) manage.py check --deploy --fail-level WARNING
	@rm -f check-deploy.sqlite3 $(CHECK_KEY)
	$(PY) -m pytest

# The benchmark suite: ten times the programme generated in PostgreSQL (database mieux_bench on the
# server DATABASE_URL names, else 127.0.0.1), every measurement against its floor, bench/results.json
# and a table; fails when a target is missed. About 15 minutes on 2 cores. See bench/README.md.
bench: install translations
	$(PY) -m bench.run

# Refresh the French and Spanish catalogues after changing strings (needs GNU gettext).
messages: install
	$(PY) manage.py makemessages --locale fr --locale es --no-location --ignore '.venv/*' --ignore 'tests/*' --ignore 'bench/*'

clean:
	rm -rf $(VENV) staticfiles .test-media test-db*.sqlite3 check-deploy.sqlite3
