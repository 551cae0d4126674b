import contextlib

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command

from caching import memo

# `make test` runs the suite in two pytest-xdist workers, each with a database of its own. A test
# module goes to one worker whole (its module-scoped fixtures, such as the demo content or a
# redis-server, are set up once), and so does the browser package (one live server, one demo load
# and one Chromium for all of it). Bigger units go first, so the browser package starts at once.


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    from xdist.scheduler import LoadFileScheduling

    class ModuleAndBrowserPackageScheduling(LoadFileScheduling):
        def _split_scope(self, nodeid):
            path = nodeid.split("::", 1)[0]
            return "tests/browser/" if path.startswith("tests/browser/") else path

    return ModuleAndBrowserPackageScheduling(config, log)


def _transactional(item):
    marker = item.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")):
        return True
    return bool({"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())))


def _restores_itself(item):
    marker = item.get_closest_marker("django_db")
    serialized = bool(marker and marker.kwargs.get("serialized_rollback"))
    return serialized or "django_db_serialized_rollback" in getattr(item, "fixturenames", ())


_db_blocker = []


@pytest.fixture(scope="session", autouse=True)
def _remember_db_blocker(django_db_blocker):
    _db_blocker.append(django_db_blocker)
    yield
    _db_blocker.clear()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional test ends by flushing the database, which takes the rows the migrations made
    with it (Wagtail's root page and default Site, the editorial groups). pytest-django runs those
    tests after the others, but under xdist a worker runs a module whole, and the next module may
    need those rows: put them back, as a serialized_rollback test does at its start."""
    result = yield
    if nextitem is not None and _db_blocker and _transactional(item) and not _restores_itself(nextitem):
        from django.db import connections

        with _db_blocker[0].unblock():
            for connection in connections.all():
                contents = getattr(connection, "_test_serialized_contents", None)
                if contents:
                    connection.creation.deserialize_db_from_string(contents)
    return result


@pytest.fixture(autouse=True)
def _indexes_kept_only_where_read(request):
    """Every save of a page, snippet, image or setting updates two indexes by a task: Wagtail's
    reference index (what links to what) and the search index. Together they were over a quarter of
    a typical test's time. The tests that read them keep them current, as the site does: those
    marked `reference_index` (the link checker's) and `search_index` (site search, the admin's
    choosers, the browser journeys). The others save without them. Module and session fixtures,
    the demo content among them, keep both, as `make run` does."""
    from django.test.utils import override_settings
    from wagtail.signal_handlers import disable_reference_index_auto_update

    with contextlib.ExitStack() as stack:
        if not request.node.get_closest_marker("reference_index"):
            stack.enter_context(disable_reference_index_auto_update())
        if not request.node.get_closest_marker("search_index"):
            backends = {
                name: {**backend, "AUTO_UPDATE": False} for name, backend in settings.WAGTAILSEARCH_BACKENDS.items()
            }
            stack.enter_context(override_settings(WAGTAILSEARCH_BACKENDS=backends))
        yield


@pytest.fixture(autouse=True)
def _empty_caches():
    """Each test starts with empty caches: Wagtail caches renditions and site settings by primary key,
    and a key from an earlier test's rolled-back database would point at the wrong row."""
    for cache in caches.all():
        cache.clear()
    # Answers each process remembers between requests (caching.memo) may come from such a database too.
    memo.forget()
    yield


def _load_demo(media_root):
    from django.test.utils import override_settings

    with override_settings(MEDIA_ROOT=media_root):
        call_command("load_demo_content", "--no-admin", "--no-renditions", stdout=open("/dev/null", "w"))  # noqa: SIM115


def _point_default_connection_at(database_name):
    """Close the default connection and open the next one on another database; returns the previous name."""
    from django.db import connection

    previous = connection.settings_dict["NAME"]
    connection.close()
    connection.settings_dict["NAME"] = database_name
    return previous


@pytest.fixture(scope="session")
def _demo_database_copy(django_db_setup, django_db_blocker, tmp_path_factory):
    """On PostgreSQL the demo content is loaded once per worker, into a copy of the migrated test
    database (Django's clone_test_db: CREATE DATABASE ... TEMPLATE), and each module that needs the
    demo runs on that copy. A load costs seconds of CPU; pointing the connection elsewhere costs
    milliseconds. Elsewhere (SQLite) None: each module loads the demo itself."""
    from django.db import connection, connections

    if connection.vendor != "postgresql":
        yield None
        return
    suffix = "demo"
    media_root = tmp_path_factory.mktemp("demo-media")
    with django_db_blocker.unblock():
        connections.close_all()  # PostgreSQL copies only a database nobody is connected to
        connection.creation.clone_test_db(suffix=suffix, verbosity=0, autoclobber=True)
        copy_name = connection.creation.get_test_db_clone_settings(suffix)["NAME"]
        test_name = _point_default_connection_at(copy_name)
        try:
            _load_demo(media_root)
        finally:
            _point_default_connection_at(test_name)
    yield copy_name, media_root
    with django_db_blocker.unblock():
        connections.close_all()
        connection.creation.destroy_test_db(test_name, verbosity=0, suffix=suffix)


@pytest.fixture(scope="module")
def _demo_database(_demo_database_copy, django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo content for one test module, inside a transaction that is rolled back when the module
    is done. Each test's own transaction nests inside it (a savepoint), so a test sees the demo as
    `make run` loads it and its own changes vanish after it. On PostgreSQL the module runs on the
    worker's demo copy (_demo_database_copy); elsewhere the demo is loaded for the module."""
    from django.db import transaction

    test_name = None
    with django_db_blocker.unblock():
        if _demo_database_copy is not None:
            copy_name, media_root = _demo_database_copy
            test_name = _point_default_connection_at(copy_name)
        else:
            media_root = tmp_path_factory.mktemp("demo-media")
        outer = transaction.atomic()
        outer.__enter__()
        if _demo_database_copy is None:
            _load_demo(media_root)
    try:
        yield media_root
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            if test_name is not None:
                _point_default_connection_at(test_name)
        for cache in caches.all():
            cache.clear()


@pytest.fixture
def demo_site(_demo_database, db, settings):
    """The demo content (see _demo_database); media files live in the module's own folder."""
    from wagtail.models import Site

    settings.MEDIA_ROOT = _demo_database
    return Site.objects.get(is_default_site=True)
