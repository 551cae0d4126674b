import pytest
from django.core.cache import caches
from django.core.management import call_command

from caching import memo


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
