"""A moderator's admin: the comment tools, and in the page chooser only live pages, no draft titles."""

import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.urls import reverse

from blog.models import BlogIndexPage, BlogPage
from tests.factories import StandardPageFactory, UserFactory

# What these tests search for is indexed as the site indexes it: on every save (tests/conftest.py).
pytestmark = pytest.mark.search_index

DRAFT_TITLE = "Hemlig plan som inte är publicerad"
RENAMED_TITLE = "Ny rubrik som ännu är ett utkast"


@pytest.fixture
def pages(demo_site):
    index = BlogIndexPage.objects.live().first()
    draft = StandardPageFactory.build(title=DRAFT_TITLE, slug="hemlig-plan", live=False)
    index.add_child(instance=draft)
    draft.save_revision()
    live = BlogPage.objects.live().child_of(index).exclude(pk=draft.pk).first()
    live.title = RENAMED_TITLE
    live.save_revision()  # an unpublished title change
    live.refresh_from_db()
    assert live.title != RENAMED_TITLE and live.draft_title == RENAMED_TITLE
    return index, draft, live


def _chooser_texts(client, index):
    browse = client.get(reverse("wagtailadmin_choose_page_child", args=[index.pk]))
    search = client.get(reverse("wagtailadmin_choose_page_search"), {"q": "plan"})
    renamed = client.get(reverse("wagtailadmin_choose_page_search"), {"q": "rubrik"})
    for response in (browse, search, renamed):
        assert response.status_code == 200
    # The browse view answers JSON for the modal; the search view answers its results as HTML.
    return browse.json()["html"] + search.content.decode() + renamed.content.decode()


def _login(client, username):
    client.force_login(get_user_model().objects.get(username=username))


def test_moderator_chooser_shows_no_draft_title(pages, client):
    index, draft, live = pages
    _login(client, "moderator")
    text = _chooser_texts(client, index)

    assert DRAFT_TITLE not in text and RENAMED_TITLE not in text
    other_live = BlogPage.objects.live().child_of(index).exclude(pk=live.pk).first()
    assert other_live.title in text  # live pages stay linkable


def test_editor_chooser_shows_draft_titles(pages, client):
    index, draft, live = pages
    _login(client, "redaktor")
    text = _chooser_texts(client, index)

    assert DRAFT_TITLE in text and RENAMED_TITLE in text


def _menu_names(client):
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    props = BeautifulSoup(response.content, "html.parser").find(id="wagtail-sidebar-props")
    return set(re.findall(r'"name": "([^"]+)"', props.string))


def test_moderator_menu_has_the_comment_tools_only(demo_site, client):
    _login(client, "moderator")
    names = _menu_names(client)
    assert "kommentarer" in names
    assert not names & {"explorer", "images", "documents", "snippets", "reports", "help"}


def test_editor_menu_is_unchanged(demo_site, client):
    _login(client, "redaktor")
    names = _menu_names(client)
    assert {"explorer", "images"} <= names


def test_moderator_without_the_group_is_limited_too(demo_site, client):
    client.force_login(UserFactory(username="ensam", groups=["Moderatorer"]))
    assert client.get(reverse("wagtailadmin_choose_page_search"), {"q": "plan"}).status_code == 200
