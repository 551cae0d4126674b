"""A real Chromium (Debian's `chromium` package) against a live server with the demo content.

Where Chromium is missing the browser tests are skipped with one line saying so, except
under CI (CI=true), where a missing browser is a failure: CI must never pass by skipping.

The demo content is loaded once for the whole package, committed so the live server's
thread sees it, and the database is put back exactly as it was when the package is done,
so tests outside this package never see it.
"""

import io
import os
from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.color import no_style
from django.test.utils import override_settings

from .helpers import CHROMIUM, CHROMIUM_ARGS, DESKTOP, EDITOR, READER, UNDER_CI, block_other_hosts


def pytest_collection_modifyitems(config, items):
    browser_items = [item for item in items if item.get_closest_marker("browser")]
    for item in browser_items:
        # A person's journey runs on the site as it is: both indexes kept current (tests/conftest.py).
        item.add_marker(pytest.mark.search_index)
        item.add_marker(pytest.mark.reference_index)
    if CHROMIUM or UNDER_CI or not browser_items:
        return
    reason = "Chromium is not installed (apt-get install chromium)"
    skip = pytest.mark.skip(reason=reason)
    for item in browser_items:
        item.add_marker(skip)
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line(f"SKIPPED {len(browser_items)} browser tests: {reason}.", yellow=True)


@dataclass
class LiveSite:
    url: str
    host: str

    def __call__(self, path):
        return self.url + path


def _create_accounts():
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model

    User = get_user_model()
    reader = User.objects.create_user(READER["username"], READER["email"], READER["password"])
    EmailAddress.objects.create(user=reader, email=READER["email"], verified=True, primary=True)
    User.objects.create_superuser(EDITOR["username"], EDITOR["email"], EDITOR["password"])


def _restore_database(connection, snapshot):
    """Flush the demo content and put back what was there before, sequences included."""
    from django.apps import apps

    call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
    connection.creation.deserialize_db_from_string(snapshot)
    # Rows come back with their old primary keys; PostgreSQL's sequences must follow them.
    statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models(include_auto_created=True))
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
    cache.clear()


@pytest.fixture(scope="package")
def live_site(django_db_setup, django_db_blocker, tmp_path_factory):
    if not CHROMIUM:
        pytest.fail("Chromium is not installed (apt-get install chromium); CI never skips the browser tests.")
    from django.db import connection
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():
        snapshot = connection.creation.serialize_db_to_string()
        try:
            with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("browser-media")):
                call_command("load_demo_content", "--no-admin", stdout=io.StringIO())
                _create_accounts()
                cache.clear()
                server = LiveServer("localhost")
                server._live_server_modified_settings.enable()
                try:
                    yield LiveSite(url=server.url, host=server.thread.host)
                finally:
                    server._live_server_modified_settings.disable()
                    server.stop()
        finally:
            _restore_database(connection, snapshot)


@pytest.fixture(scope="package")
def browser(live_site):
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django would otherwise refuse
    # the ORM calls that tests make while the browser is open.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
            # While Playwright's loop runs, Django keeps this thread's connections apart from the
            # ones it uses after (asgiref's Local): close them now, or PostgreSQL cannot drop the
            # test database at the end of the session.
            connections.close_all()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def context(browser, live_site):
    """A fresh browser profile: no cookies, desktop size, Swedish."""
    browser_context = browser.new_context(viewport=DESKTOP, locale="sv-SE")
    browser_context.set_default_timeout(10_000)
    block_other_hosts(browser_context, live_site.host)
    yield browser_context
    browser_context.close()


@pytest.fixture
def page(context):
    return context.new_page()
