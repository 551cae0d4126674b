import pytest

from tests.casestudies.factories import CaseStudyIndexPageFactory
from tests.factories import home_page, media_root, publish  # noqa: F401


@pytest.fixture
def case_index(home_page):  # noqa: F811 - the imported fixture, requested by name
    return publish(CaseStudyIndexPageFactory(parent=home_page, per_page=5))
