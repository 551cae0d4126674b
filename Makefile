VENV ?= .venv
PYTHON := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := $(PYTHON) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install migrate demo lint format messages serve

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PYTHON) || python3 -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

# Needs GNU gettext; the compiled catalogue is committed, so run/test do not.
messages: install
	$(MANAGE) makemessages -l sv --ignore=.venv --ignore=staticfiles --no-obsolete
	$(MANAGE) compilemessages --ignore=.venv -v 0

migrate: install
	$(MANAGE) migrate --noinput -v 0

demo: migrate
	$(MANAGE) load_demo_content

run: demo
	@echo ""
	@echo "  Site:   http://$(HOST):$(PORT)/"
	@echo "  Admin:  http://$(HOST):$(PORT)/admin/  (log in as admin / admin)"
	@echo ""
	$(MANAGE) runserver $(HOST):$(PORT)

test: install
	DJANGO_SETTINGS_MODULE=website.settings.test $(VENV)/bin/pytest -q

# Production settings under gunicorn on 127.0.0.1 (PostgreSQL via DATABASE_URL). Local only: plain
# HTTP, so no HTTPS redirect; media served by the app since there is no proxy in front.
serve: install
	@test -n "$$DATABASE_URL" || (echo "Set DATABASE_URL to a PostgreSQL database, e.g. postgresql://user:pw@127.0.0.1/landsbygd" && exit 1)
	DJANGO_SETTINGS_MODULE=website.settings.production SECRET_KEY=$${SECRET_KEY:-local-serve-$$(hostname)-not-for-internet-use} \
	ALLOWED_HOSTS=$${ALLOWED_HOSTS:-127.0.0.1,localhost} SECURE_SSL_REDIRECT=false SERVE_MEDIA=true \
	sh -c '$(MANAGE) migrate --noinput -v 0 && $(MANAGE) collectstatic --noinput -v 0 && \
	$(VENV)/bin/gunicorn website.wsgi --workers $${WEB_CONCURRENCY:-2} --bind $(HOST):$(PORT) --access-logfile -'

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
