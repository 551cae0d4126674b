import pytest

from tests import factories
from tests.blog.factories import AuthorFactory, BlogIndexPageFactory

# Shared fixtures, made visible to this package's tests.
home_page = factories.home_page
media_root = factories.media_root


@pytest.fixture
def blog_index(home_page):
    return factories.publish(BlogIndexPageFactory(parent=home_page, posts_per_page=5))


@pytest.fixture
def author(db, media_root):
    return AuthorFactory(name="Karin Exempelsson", slug="karin-exempelsson")
