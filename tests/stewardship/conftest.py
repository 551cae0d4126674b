import pytest

from stewardship.models import PageOwner
from tests import factories

# Shared fixtures, made visible to this package's tests.
home_page = factories.home_page
media_root = factories.media_root


@pytest.fixture
def unit(db):
    return PageOwner.objects.create(
        name="Enheten för lokal utveckling",
        role="skriver om lokalt utvecklingsarbete",
        email="lokal@example.se",
        show_email=True,
    )


@pytest.fixture
def section(home_page, unit):
    """A section page with an owner, and a page below it that names none."""
    page = factories.StandardPageFactory(parent=home_page, title="Stöd och bidrag", slug="stod", page_owner=unit)
    return factories.publish(page)


@pytest.fixture
def child(section):
    return factories.publish(factories.StandardPageFactory(parent=section, title="Bygdepeng", slug="bygdepeng"))


@pytest.fixture
def editor(db):
    return factories.UserFactory(username="redaktor", email="redaktor@example.se", groups=["Redaktörer"])
