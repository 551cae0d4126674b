"""Site-wide answers remembered between readers' requests (caching/memo.py): the view restrictions,
the main menu, the site settings, a section's link and which page an address names. With the page
cache off, a reader's next request makes fewer queries, and every change still shows at once."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from blog.models import BlogIndexPage, BlogPage
from website.models import SiteSettings

POST_SLUG = "servicepunkter-som-haller-ihop-bygden"


def get(path, status=200):
    response = Client().get(path)
    assert response.status_code == status, path
    return response


def queries(path):
    with CaptureQueriesContext(connection) as captured:
        get(path)
    return len(captured)


def publish_with_title(page, title):
    page.title = title
    page.save_revision().publish()


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/blogg/", "/sok/?q=landsbygd"])
def test_a_readers_next_request_reads_less(demo_site, path):
    post = BlogPage.objects.get(slug=POST_SLUG)
    for page in (path, post.url):
        first = queries(page)
        assert queries(page) <= first - 3, page


@pytest.mark.django_db
def test_remembered_routes_still_find_pages_and_their_views(demo_site):
    post = BlogPage.objects.get(slug=POST_SLUG)
    for _ in range(2):
        assert post.title in get(post.url).content.decode()
        assert get("/blogg/?sida=2").status_code == 200
        get("/blogg/finns-inte/", status=404)


@pytest.mark.django_db
def test_a_renamed_menu_section_shows_at_once(demo_site):
    get("/")
    index = BlogIndexPage.objects.get()
    publish_with_title(index, "Bloggen om bygden")
    assert "Bloggen om bygden" in get("/").content.decode()


@pytest.mark.django_db
def test_changed_site_settings_show_at_once(demo_site):
    get("/")
    settings = SiteSettings.objects.get()
    settings.organisation_name = "Verket för prov"
    settings.save()
    assert "Verket för prov" in get("/").content.decode()
    SiteSettings.objects.update(organisation_name="Verket efter update")
    assert "Verket efter update" in get("/blogg/").content.decode()


@pytest.mark.django_db
def test_a_new_view_restriction_hides_the_section_at_once(demo_site):
    post = BlogPage.objects.get(slug=POST_SLUG)
    assert post.title in get("/").content.decode()
    get(post.url)
    restriction = PageViewRestriction.objects.create(page=post.get_parent(), restriction_type=PageViewRestriction.LOGIN)
    assert post.title not in get("/").content.decode()
    assert get(post.url, status=302)["Location"].startswith("/")
    restriction.delete()
    assert post.title in get("/").content.decode()
    assert get(post.url).status_code == 200


@pytest.mark.django_db
def test_a_page_with_a_new_address_leaves_its_old_one_at_once(demo_site):
    post = BlogPage.objects.get(slug=POST_SLUG)
    old_url = post.url
    get(old_url)
    get(old_url)
    post.slug = "servicepunkter-med-ny-adress"
    post.save_revision().publish()
    new_url = BlogPage.objects.get(pk=post.pk).url
    assert new_url != old_url
    # Not found (or Wagtail's redirect to the new address), not the remembered route to the page.
    assert Client().get(old_url).status_code in (301, 404)
    assert post.title in get(new_url).content.decode()


@pytest.mark.django_db
def test_an_unpublished_page_is_gone_at_once(demo_site):
    post = BlogPage.objects.get(slug=POST_SLUG)
    get(post.url)
    get(post.url)
    post.unpublish()
    get(post.url, status=404)


@pytest.mark.django_db
def test_a_renamed_page_owner_and_a_new_review_show_at_once(demo_site):
    from django.utils import timezone

    from stewardship.inheritance import owner_of
    from stewardship.models import PageOwner, PageReview

    post = BlogPage.objects.get(slug=POST_SLUG)
    owner = owner_of(post)
    assert owner is not None and owner.name in get(post.url).content.decode()
    PageOwner.objects.filter(pk=owner.pk).update(name="Enheten med nytt namn")
    assert "Enheten med nytt namn" in get(post.url).content.decode()
    before = get(post.url).content.decode()
    PageReview.objects.update_or_create(page=post, defaults={"last_reviewed_at": timezone.now()})
    assert get(post.url).content.decode() != before


@pytest.mark.django_db
def test_a_renamed_topic_and_a_renamed_ancestor_show_at_once(demo_site):
    from taggit.models import Tag

    post = BlogPage.objects.get(slug=POST_SLUG)
    topic = post.tags.first()
    get("/blogg/")
    get(post.url)
    Tag.objects.filter(pk=topic.pk).update(name="Ämne med nytt namn")
    assert "Ämne med nytt namn" in get("/blogg/").content.decode()
    publish_with_title(post.get_parent().specific, "Bloggen med nytt namn")
    assert "Bloggen med nytt namn" in get(post.url).content.decode()
