import pytest
from django.core.cache import caches
from django.core.management import call_command


@pytest.fixture(autouse=True)
def _empty_caches():
    """Each test starts with empty caches: Wagtail caches renditions and site settings by primary key,
    and a key from an earlier test's rolled-back database would point at the wrong row."""
    for cache in caches.all():
        cache.clear()
    yield


@pytest.fixture
def demo_site(db, settings, tmp_path):
    """The demo content, loaded as `make run` loads it."""
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo_content", "--no-admin", "--no-renditions", stdout=open("/dev/null", "w"))  # noqa: SIM115
    from wagtail.models import Site

    return Site.objects.get(is_default_site=True)
