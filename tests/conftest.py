import pytest
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
def _empty_caches():
    """Each test starts with empty caches: Wagtail caches renditions and site settings by primary key,
    and a key from an earlier test's rolled-back database would point at the wrong row."""
    for cache in caches.all():
        cache.clear()
    # Answers each process remembers between requests (caching.memo) may come from such a database too.
    memo.forget()
    yield


@pytest.fixture(scope="module")
def _demo_database(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo content, loaded once per test module inside a transaction that is rolled back when
    the module is done. Each test's own transaction nests inside it (a savepoint), so a test sees
    the demo as `make run` loads it and its own changes vanish after it, at the cost of one load per
    module instead of one per test."""
    from django.db import transaction
    from django.test.utils import override_settings

    media_root = tmp_path_factory.mktemp("demo-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media_root):
        outer = transaction.atomic()
        outer.__enter__()
        call_command("load_demo_content", "--no-admin", "--no-renditions", stdout=open("/dev/null", "w"))  # noqa: SIM115
    try:
        yield media_root
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
        for cache in caches.all():
            cache.clear()


@pytest.fixture
def demo_site(_demo_database, db, settings):
    """The demo content (see _demo_database); media files live in the module's own folder."""
    from wagtail.models import Site

    settings.MEDIA_ROOT = _demo_database
    return Site.objects.get(is_default_site=True)
