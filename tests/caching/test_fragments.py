"""Rendered fragments remembered between readers' requests ({% remembered %}, caching/templatetags):
the home page's sections, the blog's listing, a post's article, a page's head and the search
results render once per process and show every change at once, by their tags; a list of upcoming
events goes when its first event ends, with no write at all."""

import datetime

import pytest
import time_machine
from django.core.cache import caches
from django.template import Context, Template
from django.test import Client
from django.utils import timezone

from blog.models import Author, BlogPage
from caching import memo, tags
from events.models import EventPage, upcoming
from tests.caching.test_memo import POST_SLUG, publish_with_title, queries


def get(path):
    response = Client().get(path)
    assert response.status_code == 200, path
    return response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "budget"), [("/", 3), ("/blogg/", 4), ("post", 5), ("/sok/?q=landsbygd", 2)])
def test_a_readers_next_request_renders_the_fragments_from_memory(demo_site, path, budget):
    if path == "post":
        path = BlogPage.objects.get(slug=POST_SLUG).url
    first = queries(path)
    assert queries(path) <= budget < first


@pytest.mark.django_db
def test_a_renamed_post_shows_at_once_in_every_fragment(demo_site):
    post = BlogPage.objects.get(slug=POST_SLUG)
    for path in ("/", "/blogg/", post.url, "/sok/?q=servicepunkter"):
        get(path)
        get(path)
    publish_with_title(post, "Servicepunkter med ny rubrik")
    assert "Servicepunkter med ny rubrik" in get("/")
    assert "Servicepunkter med ny rubrik" in get("/blogg/")
    assert "<h1>Servicepunkter med ny rubrik</h1>" in get(post.url)
    assert "Servicepunkter med ny rubrik" in get("/sok/?q=servicepunkter")


@pytest.mark.django_db
def test_a_renamed_author_shows_at_once_on_the_post(demo_site):
    post = BlogPage.objects.get(slug=POST_SLUG)
    author = Author.objects.filter(blog_pages__page=post).first()
    get(post.url)
    assert author.name in get(post.url)
    Author.objects.filter(pk=author.pk).update(name="Skribent Med Nytt Namn")
    assert "Skribent Med Nytt Namn" in get(post.url)


@pytest.mark.django_db
def test_a_fragment_carries_the_tags_of_what_the_request_loaded_before_it(demo_site):
    """The author is loaded before the fragment, so rendering it queries nothing: without the
    request's earlier tags the fragment would not know it shows that author."""
    fragment = Template('{% load caching_tags %}{% remembered "author_name" %}{{ author.name }}{% endremembered %}')

    def render(name_in_context=None):
        with memo.serving(), tags.collect():
            author = Author.objects.order_by("pk").first()
            if name_in_context:
                author.name = name_in_context
            return fragment.render(Context({"author": author}))

    first = Author.objects.order_by("pk").first()
    assert render() == first.name
    # Remembered: the second render does not look at the context it was given.
    assert render(name_in_context="Inte renderad") == first.name
    Author.objects.filter(pk=first.pk).update(name="Skribent Efter Ändring")
    assert render() == "Skribent Efter Ändring"


@pytest.mark.django_db
def test_the_home_pages_upcoming_events_change_when_the_first_one_ends(demo_site):
    with time_machine.travel(timezone.now(), tick=False):
        first = list(upcoming(EventPage.objects.live()))[0]
    link = f'href="{first.url}"'
    before, after = first.end - datetime.timedelta(minutes=1), first.end + datetime.timedelta(minutes=1)
    with time_machine.travel(before, tick=False):
        assert link in get("/")
        assert queries("/") <= 3
        assert link in get("/")
    with time_machine.travel(after, tick=False):
        assert link not in get("/")


@pytest.mark.django_db
@pytest.mark.search_index
def test_a_new_post_is_found_by_the_search_at_once(demo_site):
    from tests.blog.factories import make_post

    assert "0 träffar" in get("/sok/?q=kvarnhjul")
    assert "0 träffar" in get("/sok/?q=kvarnhjul")
    make_post(BlogPage.objects.get(slug=POST_SLUG).get_parent(), title="Kvarnhjul i bygden")
    found = get("/sok/?q=kvarnhjul")
    assert "1 träff" in found and "Kvarnhjul i bygden" in found


@pytest.mark.django_db
def test_the_home_page_is_cached_no_longer_than_until_the_first_upcoming_event_ends(demo_site, settings):
    settings.PAGE_CACHE_ENABLED = True
    with time_machine.travel(timezone.now(), tick=False):
        first = list(upcoming(EventPage.objects.live()))[0]
    with time_machine.travel(first.end - datetime.timedelta(minutes=1), tick=False):
        response = Client().get("/")
    assert response.status_code == 200 and response["X-Page-Cache"] == "miss"
    assert "s-maxage=59" in response["Cache-Control"] or "s-maxage=60" in response["Cache-Control"]
    with time_machine.travel(first.end - datetime.timedelta(seconds=30), tick=False):
        response = Client().get("/")
    # A cache in front learns how old the stored page is, so it keeps it only for the rest.
    assert response["X-Page-Cache"] == "hit" and response["Age"] == "30"
    with time_machine.travel(first.end - datetime.timedelta(milliseconds=300), tick=False):
        response = Client(HTTP_HOST="localhost").get("/")  # an address not stored yet
    # Under a second left: nobody keeps it, not even this cache.
    assert "s-maxage=0" in response["Cache-Control"] and "X-Page-Cache" not in response
    # A page that shows nothing of the sort keeps the usual time.
    response = Client().get("/blogg/")
    assert f"s-maxage={settings.PAGE_CACHE_SECONDS}" in response["Cache-Control"]


@pytest.mark.django_db
def test_remembered_fragments_are_bounded_in_size(monkeypatch):
    monkeypatch.setattr(memo, "MAX_TEXT", 10)
    memo.forget()  # a store of that size
    computed = []

    def fragment(name):
        def compute():
            computed.append(name)
            return name * 6

        with memo.serving(), tags.collect():
            return memo.remember(("fragment", name), compute, inherit=True)

    for name in ("a", "b", "b", "c", "c", "a"):
        fragment(name)
    # 6 characters each in a budget of 10: each new one pushes the one before out.
    assert computed == ["a", "b", "c", "a"]


@pytest.mark.django_db
def test_an_events_offer_leaves_its_head_when_registration_closes(demo_site):
    """A page's head (JSON-LD) is a remembered fragment: an event's offer in it holds only while
    registration is open, and goes when the deadline's day is over, with no write."""
    from events.dates import start_of_day

    with time_machine.travel(timezone.now(), tick=False):
        event = next(
            event
            for event in EventPage.objects.live().exclude(registration_deadline=None).order_by("start")
            if event.registration_state() == "open"
        )
    closes = start_of_day(event.registration_deadline + datetime.timedelta(days=1))
    with time_machine.travel(closes - datetime.timedelta(minutes=1), tick=False):
        assert '"@type": "Offer"' in get(event.url)
        assert '"@type": "Offer"' in get(event.url)
    with time_machine.travel(closes + datetime.timedelta(minutes=1), tick=False):
        assert '"@type": "Offer"' not in get(event.url)


@pytest.mark.django_db
def test_the_calendar_and_a_series_are_cached_no_longer_than_until_the_next_event_ends(demo_site, settings):
    from events.models import EventIndexPage, EventSeriesPage

    settings.PAGE_CACHE_ENABLED = True
    series = EventSeriesPage.objects.live().first()
    with time_machine.travel(timezone.now(), tick=False):
        first = list(upcoming(EventPage.objects.live()))[0]
        in_series = list(upcoming(EventPage.objects.live().child_of(series)))[0]
    with time_machine.travel(first.end - datetime.timedelta(minutes=2), tick=False):
        response = Client().get(EventIndexPage.objects.get().url)
        assert response["X-Page-Cache"] == "miss" and "s-maxage=120" in response["Cache-Control"]
    # Tag versions are the clock's: back in time, the ones written since would look newer than any render.
    for cache in caches.all():
        cache.clear()
    memo.forget()
    with time_machine.travel(in_series.end - datetime.timedelta(minutes=3), tick=False):
        response = Client().get(series.url)
        assert response["X-Page-Cache"] == "miss" and "s-maxage=180" in response["Cache-Control"]


@pytest.mark.django_db
def test_a_post_is_cached_no_longer_than_until_commenting_closes(demo_site, settings):
    settings.PAGE_CACHE_ENABLED = True
    post = BlogPage.objects.get(slug=POST_SLUG)
    # A whole second after the update's invalidation: the render is newer than it.
    now = timezone.now().replace(microsecond=0) + datetime.timedelta(seconds=2)
    BlogPage.objects.filter(pk=post.pk).update(comments_close_at=now + datetime.timedelta(seconds=90))
    with time_machine.travel(now, tick=False):
        response = Client().get(post.url)
    assert response["X-Page-Cache"] == "miss" and "s-maxage=90" in response["Cache-Control"]


@pytest.mark.django_db
def test_each_written_page_number_shows_its_own_page_of_the_listing(demo_site):
    from blog.models import BlogIndexPage

    BlogIndexPage.objects.update(posts_per_page=2)
    posts = list(BlogIndexPage.objects.get().get_posts())
    newest, second_page, oldest = posts[0].title, posts[2].title, posts[-1].title
    last = get("/blogg/?sida=-1")  # below 1: Django's paginator gives the last page
    assert oldest in last and newest not in last
    for written in ("1", "x", "01", ""):
        first = get(f"/blogg/?sida={written}")
        assert newest in first and oldest not in first, written
    assert second_page in get("/blogg/?sida=2") and newest not in get("/blogg/?sida=2")
