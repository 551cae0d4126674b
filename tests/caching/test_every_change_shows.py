"""The generic test of cache tags: whatever a page shows, changing it makes the next anonymous
request render the page anew, from the app cache (and, see test_varnish.py, through Varnish).

For one page of every page type in the demo, every object whose tag the page carries is changed
through `save()`, and one row of each of their models through `QuerySet.update()`, and the page
must not be served from the cache afterwards. Then the cases that broke before, each with a visible change.
"""

import pytest
from django.apps import apps
from django.core.cache import cache
from django.core.management import call_command
from django.db.models import F
from django.test import Client
from wagtail.models import Page, PageViewRestriction

from blog.models import BlogIndexPage, BlogPage
from caching import tags
from discussion.models import Comment, CommentStatus

POST_SLUG = "servicepunkter-som-haller-ihop-bygden"


@pytest.fixture
def cached_site(demo_site, settings):
    settings.PAGE_CACHE_ENABLED = True
    cache.clear()
    return demo_site


def get(path, **headers):
    response = Client(**headers).get(path)
    assert response.status_code == 200, path
    return response


def warm(path):
    first = get(path)
    second = get(path)
    assert second["X-Page-Cache"] == "hit", path
    return first


def tagged_objects(response):
    """(model, pk) for every row tag the response carries."""
    found = []
    for name in response["xkey"].split():
        label, _, key = name.rpartition(":")
        if not key.isdigit() or "." not in label:
            continue
        found.append((apps.get_model(label), int(key)))
    return found


def one_page_per_type():
    pages = {}
    for page in Page.objects.live().public().specific().order_by("path"):
        if page.url is not None:
            pages.setdefault(type(page), page)
    return list(pages.values())


def touch_with_update(model, pk):
    """An UPDATE that changes nothing, as a bulk path would send it (no signals)."""
    field = next(field for field in model._meta.concrete_fields if not field.primary_key)
    model._base_manager.filter(pk=pk).update(**{field.attname: F(field.attname)})


@pytest.mark.django_db
def test_changing_anything_a_page_shows_renders_it_anew(cached_site):
    pages = one_page_per_type()
    assert len(pages) >= 8, "the demo has every page type"
    for page in pages:
        path = page.url
        updated_models = set()
        for model, pk in tagged_objects(warm(path)):
            instance = model._base_manager.filter(pk=pk).first()
            if instance is None:
                continue
            instance.save()
            assert get(path).get("X-Page-Cache") != "hit", f"{path} after saving {model.__name__} {pk}"
            assert get(path)["X-Page-Cache"] == "hit", path
            if model in updated_models:
                continue
            # An UPDATE's tags come from one parser of the statement, the same for each row of a model.
            updated_models.add(model)
            touch_with_update(model, pk)
            assert get(path).get("X-Page-Cache") != "hit", f"{path} after an update of {model.__name__} {pk}"
            get(path)


@pytest.mark.django_db
def test_an_erased_comment_leaves_the_cached_page_and_its_reply_pages(cached_site):
    comment = next(
        comment
        for comment in Comment.objects.filter(status=CommentStatus.APPROVED, parent_id=F("pk"))
        if Client().get(f"/kommentarer/svara/{comment.pk}/").status_code == 200
    )
    page = Page.objects.get(pk=comment.object_pk).specific
    reply_path = f"/kommentarer/svara/{comment.pk}/"
    cache.clear()
    assert comment.comment in warm(page.url).content.decode()
    assert warm(reply_path)["X-Page-Cache"] == "miss"  # reply pages are cached, with their comments' tags
    call_command("erase_comments", email=comment.user_email, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert comment.comment not in get(page.url).content.decode()
    assert Client().get(reply_path).status_code == 404


@pytest.mark.django_db
def test_a_moderated_comment_shows_and_goes(cached_site, admin_client):
    comment = Comment.objects.filter(status=CommentStatus.APPROVED).first()
    page = Page.objects.get(pk=comment.object_pk).specific
    warm(page.url)
    Comment.objects.filter(pk=comment.pk).update(status=CommentStatus.REMOVED, is_public=False, is_removed=True)
    assert comment.comment not in get(page.url).content.decode()


@pytest.mark.django_db
def test_a_renamed_menu_section_shows_on_every_page(cached_site):
    index = BlogIndexPage.objects.get()
    paths = ["/", "/personuppgifter/", BlogPage.objects.get(slug=POST_SLUG).url]
    for path in paths:
        warm(path)
    index.title = "Bloggen om bygden"
    index.save_revision().publish()
    for path in paths:
        assert "Bloggen om bygden" in get(path).content.decode(), path


@pytest.mark.django_db
def test_a_moved_page_leaves_its_old_address(cached_site):
    post = BlogPage.objects.get(slug=POST_SLUG)
    old_url = post.url
    warm(old_url)
    target = Page.objects.get(url_path="/").get_children().first().get_children().exclude(pk=post.get_parent().pk)
    post.move(target.first(), pos="last-child")
    assert Client().get(old_url).status_code in (301, 302, 404)


@pytest.mark.django_db
def test_a_view_restriction_applies_at_once(cached_site):
    post = BlogPage.objects.get(slug=POST_SLUG)
    warm(post.url)
    warm("/blogg/")
    restriction = PageViewRestriction.objects.create(page=post, restriction_type=PageViewRestriction.LOGIN)
    assert Client().get(post.url).status_code == 302
    assert post.title not in get("/blogg/").content.decode()
    restriction.delete()
    assert post.title in get("/blogg/").content.decode()


@pytest.mark.django_db
def test_an_image_edit_shows_where_the_image_does(cached_site):
    post = next(post for post in BlogPage.objects.all() if post.hero_image)
    warm(post.url)
    image = post.hero_image
    image.title = "Ny bildtitel"
    image.focal_point_x, image.focal_point_y, image.focal_point_width, image.focal_point_height = 1, 1, 1, 1
    image.save()
    assert get(post.url).get("X-Page-Cache") != "hit"


@pytest.mark.django_db
def test_a_renamed_topic_shows_on_the_post_and_the_listing(cached_site):
    post = BlogPage.objects.get(slug=POST_SLUG)
    warm(post.url)
    warm("/blogg/")
    topic = post.tags.first()
    topic.name = "Ämne med nytt namn"
    topic.save()
    assert "Ämne med nytt namn" in get(post.url).content.decode()
    assert "Ämne med nytt namn" in get("/blogg/").content.decode()


@pytest.mark.django_db
def test_an_unrelated_change_leaves_a_page_cached(cached_site):
    """The positive twin: tags are precise enough that a plain page survives a post's publish."""
    post = BlogPage.objects.get(slug=POST_SLUG)
    warm("/personuppgifter/")
    post.title = "Fiber till de sista gårdarna"
    post.save_revision().publish()
    assert get("/personuppgifter/")["X-Page-Cache"] == "hit"
    assert tags.MENU_TAG in get("/personuppgifter/")["xkey"].split()
