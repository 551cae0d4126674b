import pytest

from tests.events.factories import EventIndexPageFactory, OrganiserFactory
from tests.factories import home_page, media_root, publish  # noqa: F401 - fixtures


@pytest.fixture
def calendar(home_page):  # noqa: F811 - the imported fixture
    return publish(EventIndexPageFactory(parent=home_page, events_per_page=5))


@pytest.fixture
def organiser(db):
    return OrganiserFactory(name="Myndigheten för levande landsbygd", slug="myndigheten")
