import pytest
from django.core.cache import cache

from stewardship.models import PageOwner
from tests import factories

# Shared fixtures, made visible to this package's tests.
home_page = factories.home_page
media_root = factories.media_root


@pytest.fixture(autouse=True)
def _clear_cache():
    # The rate limit lives in the cache; every test starts without one.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def unit(db):
    return PageOwner.objects.create(name="Enheten för lokal utveckling", email="lokal@example.se", phone="010-1")


@pytest.fixture
def other_unit(db):
    return PageOwner.objects.create(name="Kommunikationsenheten", email="kom@example.se", phone="010-2")


@pytest.fixture
def section(home_page, unit):
    return factories.publish(
        factories.StandardPageFactory(parent=home_page, title="Stöd och bidrag", slug="stod", page_owner=unit)
    )


@pytest.fixture
def page(section):
    """A page that names no owner: it inherits the section's."""
    return factories.publish(factories.StandardPageFactory(parent=section, title="Bygdepeng", slug="bygdepeng"))
