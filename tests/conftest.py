import pytest
from django.core.management import call_command


@pytest.fixture
def demo_site(db, settings, tmp_path):
    """The demo content, loaded as `make run` loads it."""
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo_content", "--no-admin", stdout=open("/dev/null", "w"))  # noqa: SIM115
    from wagtail.models import Site

    return Site.objects.get(is_default_site=True)
