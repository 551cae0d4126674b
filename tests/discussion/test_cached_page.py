"""The comment form works on a page served from the shared page cache, and moderation purges it."""

import pytest
from django.test import Client

from discussion.models import Comment
from tests.moderation import decide

from .conftest import form_data


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_ENABLED = True


def test_form_on_cached_page_posts_and_approval_purges(
    page_cache, anonymous_post, moderator, django_capture_on_commit_callbacks
):
    first = Client()
    assert first.get(anonymous_post.url).get("X-Page-Cache") == "miss"
    second = Client()
    response = second.get(anonymous_post.url)
    assert response.get("X-Page-Cache") == "hit"
    assert "csrfmiddlewaretoken" not in response.content.decode()
    data = form_data(second, anonymous_post, email="a@example.se", comment="Från en cachad sida")
    assert second.post("/kommentarer/skicka/", data).status_code == 303

    mod = Client()
    mod.force_login(moderator)
    assert "Från en cachad sida" not in Client().get(anonymous_post.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        decide(mod, "approve", Comment.objects.get().pk)
    assert "Från en cachad sida" in Client().get(anonymous_post.url).content.decode()
