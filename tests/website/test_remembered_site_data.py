"""Site-wide answers (menu, settings, routing, restrictions, listing sizes) are remembered between
requests, and every kind of change reaches the next reader, whichever process or server made it."""

import re

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from tests.blog.factories import BlogIndexPageFactory, make_post
from tests.factories import StandardPageFactory, UnreachableCache, publish
from website import sitedata
from website.models import SiteSettings


def menu(response):
    """The main menu's link texts (the menu is left out when it would be empty)."""
    nav = re.search(r'<nav[^>]*class="[^"]*main-menu.*?</nav>', response.content.decode(), re.S)
    return re.findall(r">\s*([^<>]+?)\s*</a>", nav.group(0)) if nav else []


def queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(captured)


@pytest.fixture
def blog(home_page):
    index = publish(BlogIndexPageFactory(parent=home_page, title="Blogg", slug="blogg", show_in_menus=True))
    for number in range(3):
        make_post(index, title=f"Inlägg {number}")
    return index


def test_a_second_visit_answers_site_wide_data_from_memory(client, blog):
    client.get("/blogg/")  # renditions and settings are created on the very first visit
    sitedata.bump()
    cold = queries(client, "/blogg/")
    warm = queries(client, "/blogg/")
    # Left for the warm visit: the index page itself, its posts, their authors.
    assert warm <= 4 < cold


def test_a_published_menu_page_is_in_the_next_menu(client, blog):
    assert "Om oss" not in menu(client.get("/blogg/"))
    publish(StandardPageFactory(parent=blog.get_parent(), title="Om oss", slug="om-oss", show_in_menus=True))
    response = client.get("/blogg/")
    assert "Om oss" in menu(response)
    assert client.get("/om-oss/").status_code == 200


def test_an_unpublished_page_leaves_the_menu_and_its_url(client, blog):
    client.get("/blogg/")
    blog.unpublish()
    response = client.get("/")
    assert "Blogg" not in menu(response)
    assert client.get("/blogg/").status_code == 404


def test_a_url_that_was_missing_works_once_the_page_is_published(client, home_page):
    assert client.get("/nyheter/").status_code == 404
    publish(StandardPageFactory(parent=home_page, title="Nyheter", slug="nyheter"))
    assert client.get("/nyheter/").status_code == 200


def test_changed_site_settings_show_at_once(client, home_page):
    client.get("/")
    settings = SiteSettings.objects.get()
    settings.organisation_name = "Verket för prov"
    settings.save()
    assert "Verket för prov" in client.get("/").content.decode()


def test_a_new_view_restriction_applies_to_the_next_request(client, blog):
    post = make_post(blog, title="Snart hemligt")
    assert client.get(post.url).status_code == 200
    assert "Snart hemligt" in client.get("/blogg/").content.decode()

    PageViewRestriction.objects.create(page=post, restriction_type=PageViewRestriction.LOGIN)

    assert client.get(post.url).status_code == 302  # to the login page
    assert "Snart hemligt" not in client.get("/blogg/").content.decode()


def test_listing_sizes_follow_new_posts(client, blog):
    blog.posts_per_page = 2
    publish(blog)
    assert 'href="?sida=3"' not in client.get("/blogg/").content.decode()
    for number in range(3):
        make_post(blog, title=f"Mer {number}")
    assert 'href="?sida=3"' in client.get("/blogg/").content.decode()


def test_a_change_made_by_another_server_reaches_this_one(client, blog):
    """Another server's edit reaches this process only through the shared generation number."""
    client.get("/blogg/")
    # The edit as this process sees it from the other server: the row changes and the shared
    # generation moves on, but no signal runs here and this process's memory is untouched.
    Page.objects.filter(pk=blog.pk).update(title="Bloggen")
    caches["default"].incr(sitedata.GENERATION_KEY)
    assert "Bloggen" in menu(client.get("/"))


def test_outside_a_request_nothing_is_remembered(blog):
    calls = []
    for _ in range(2):
        sitedata.remember("key", lambda: calls.append(1))
    assert len(calls) == 2


def test_a_rejected_settings_form_changes_nothing_readers_see(client, admin_client, home_page):
    """The admin binds its forms to instances; it must never get the ones readers share."""
    before = SiteSettings.objects.get_or_create(site=home_page.get_site())[0].organisation_name
    assert before in client.get("/").content.decode()
    response = admin_client.post(
        f"/admin/settings/website/sitesettings/{home_page.get_site().pk}/",
        {"organisation_name": "Ändrat men ogiltigt", "contact_email": "inte en adress"},
    )
    assert response.status_code == 200 and "inte en adress" in response.content.decode()
    page = client.get("/").content.decode()
    assert before in page and "Ändrat men ogiltigt" not in page


def test_pages_are_served_from_the_database_while_the_shared_cache_is_down(client, blog, monkeypatch):
    assert "Blogg" in menu(client.get("/"))  # remembered under the current generation
    monkeypatch.setattr(sitedata, "_cache", UnreachableCache)
    Page.objects.filter(pk=blog.pk).update(title="Bloggen")  # an edit no generation can record
    response = client.get("/")
    assert response.status_code == 200
    assert "Bloggen" in menu(response)
    monkeypatch.undo()
    assert "Bloggen" in menu(client.get("/")), "nothing from before the outage is served after it"
