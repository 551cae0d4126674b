VENV ?= .venv
PYTHON := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := $(PYTHON) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test html-check screenshots install migrate demo lint format messages serve serve-cached bench bench-two-servers

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PYTHON) || python3 -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

# Needs GNU gettext; the compiled catalogue is committed, so run/test do not.
messages: install
	$(MANAGE) makemessages -l sv -e html,txt,py,xsl --ignore=.venv --ignore=staticfiles --ignore=screenshots --no-obsolete
	@# msgmerge's fuzzy guesses are wrong Swedish: drop them so msgen fills in the Swedish source string.
	msgattrib --clear-fuzzy --empty locale/sv/LC_MESSAGES/django.po -o locale/sv/LC_MESSAGES/django.po
	msgen locale/sv/LC_MESSAGES/django.po -o locale/sv/LC_MESSAGES/django.po  # source strings are Swedish
	$(MANAGE) compilemessages --ignore=.venv -v 0

migrate: install
	$(MANAGE) migrate --noinput -v 0

demo: migrate
	$(MANAGE) load_demo_content --address $(HOST):$(PORT)

run: demo
	@echo ""
	@echo "  Site:   http://$(HOST):$(PORT)/"
	@echo "  Admin:  http://$(HOST):$(PORT)/admin/  (log in as admin / admin)"
	@echo "  Reader: http://$(HOST):$(PORT)/konto/login/  (lasare@example.se / lasare)"
	@echo "  Moderator: http://$(HOST):$(PORT)/admin/kommentarer/  (moderator / moderator)"
	@echo "  Redaktör:  http://$(HOST):$(PORT)/admin/  (redaktor / redaktor: writes, submits for review)"
	@echo "  Publicist: http://$(HOST):$(PORT)/admin/  (publicist / publicist: reviews, publishes)"
	@echo ""
	@echo "  E-mail is not sent: the task worker started beside the server prints it in this terminal."
	@echo ""
	@# The task worker (e-mail and other background work) runs beside the dev server and stops with it.
	$(MANAGE) db_worker --backend background --queue-name '*' --no-reload -v 1 & worker=$$!; \
		trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		$(MANAGE) runserver $(HOST):$(PORT)

# Two pytest-xdist workers, each with a test database of its own; a module, and the browser package,
# runs whole on one worker (tests/conftest.py). TEST_WORKERS=0 runs the suite in one process.
# Three were slower on two cores (16m45s against 13m11s): the browser package, the longest unit,
# then shares the cores with two other workers.
TEST_WORKERS ?= 2
test: install
	DJANGO_SETTINGS_MODULE=website.settings.test $(VENV)/bin/pytest -q -n $(TEST_WORKERS) --dist loadfile --durations=25

# A full-page screenshot of every public page type and state at phone and desktop width, for a person to look at.
screenshots: install
	SCREENSHOTS_DIR=$(CURDIR)/screenshots DJANGO_SETTINGS_MODULE=website.settings.test $(VENV)/bin/pytest -q -p no:xdist tests/browser/test_public_pages.py

# The Nu HTML Checker over every public page type and state (needs Java, npm and Chromium).
html-check: install
	rm -rf html-check
	HTML_CHECK_DIR=$(CURDIR)/html-check DJANGO_SETTINGS_MODULE=website.settings.test $(VENV)/bin/pytest -q tests/browser/test_public_pages.py -k desktop
	bash .ci/html_check.sh html-check

# Production settings under gunicorn on 127.0.0.1 (PostgreSQL via DATABASE_URL). Local only: plain
# HTTP, so no HTTPS redirect; media served by the app since there is no proxy in front.
serve: install
	@test -n "$$DATABASE_URL" || (echo "Set DATABASE_URL to a PostgreSQL database, e.g. postgresql://user:pw@127.0.0.1/landsbygd" && exit 1)
	DJANGO_SETTINGS_MODULE=website.settings.production SECRET_KEY=$${SECRET_KEY:-local-serve-$$(hostname)-not-for-internet-use} \
	ALLOWED_HOSTS=$${ALLOWED_HOSTS:-127.0.0.1,localhost} SECURE_SSL_REDIRECT=false SERVE_MEDIA=true \
	sh -c '$(MANAGE) migrate --noinput -v 0 && $(MANAGE) collectstatic --noinput -v 0 && \
	$(VENV)/bin/gunicorn website.wsgi --workers $${WEB_CONCURRENCY:-2} --bind $(HOST):$(PORT) --access-logfile -'

# Varnish (Debian's `varnish` and `varnish-modules`) on $(VARNISH_PORT) in front of `make serve`:
# pages carry their cache tags in `xkey`, and the app sends one tag purge per change (caching/).
# deploy/varnish/default.vcl expects the app on 127.0.0.1:8000.
VARNISH_PORT ?= 8080
# Varnish takes a PURGE only with this secret (deploy/varnish/default.vcl); production sets its own.
VARNISH_PURGE_SECRET ?= dev-only-purge-secret
serve-cached: install
	@command -v varnishd >/dev/null || (echo "Install Varnish first: apt-get install varnish varnish-modules" && exit 1)
	mkdir -p $(CURDIR)/.varnish
	VARNISH_PURGE_SECRET=$(VARNISH_PURGE_SECRET) varnishd -n $(CURDIR)/.varnish -a $(HOST):$(VARNISH_PORT) -f $(CURDIR)/deploy/varnish/default.vcl \
		-s malloc,256m -P $(CURDIR)/.varnish/varnishd.pid
	@echo "Varnish: http://$(HOST):$(VARNISH_PORT)/ in front of http://$(HOST):$(PORT)/"
	trap 'kill $$(cat $(CURDIR)/.varnish/varnishd.pid) 2>/dev/null' EXIT INT TERM; \
		VARNISH_PURGE_SECRET=$(VARNISH_PURGE_SECRET) VARNISH_URL=http://$(HOST):$(VARNISH_PORT) $(MAKE) serve

# Benchmarks (not tests): PostgreSQL via DATABASE_URL; Debian's wrk, nginx-light, varnish, redis-server.
bench: install
	@test -n "$$DATABASE_URL" || (echo "Set DATABASE_URL to a PostgreSQL database for the benchmark data set" && exit 1)
	$(PYTHON) bench/run.py

bench-two-servers: install
	$(PYTHON) bench/two_servers.py

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
