"""The page cache serves anonymous readers without the database, and forgets a page when anything it shows changes."""

import pytest
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from wagtail.models import Page

from blog.models import BlogIndexPage, BlogPage, BlogPageRelatedPage
from tests.factories import UnreachableCache

POST_SLUG = "servicepunkter-som-haller-ihop-bygden"


@pytest.fixture
def cached_site(demo_site, settings):
    settings.PAGE_CACHE_ENABLED = True
    cache.clear()
    yield demo_site
    cache.clear()


def get(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response


def warm(client, *paths):
    for path in paths:
        get(client, path)
        assert get(client, path)["X-Page-Cache"] == "hit", path


def publish_with_title(page, title):
    page.title = title
    page.save_revision().publish()


@pytest.mark.django_db
def test_anonymous_reader_gets_cached_page_without_database(cached_site, client, django_assert_num_queries):
    first = get(client, "/blogg/")
    assert first["X-Page-Cache"] == "miss"
    assert "s-maxage" in first["Cache-Control"]
    with django_assert_num_queries(0):
        second = get(client, "/blogg/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


@pytest.mark.django_db
def test_cache_is_keyed_by_host_path_and_query(cached_site, client):
    get(client, "/blogg/")
    assert get(client, "/blogg/?sida=2")["X-Page-Cache"] == "miss"
    assert Client(HTTP_HOST="localhost").get("/blogg/")["X-Page-Cache"] == "miss"


@pytest.mark.django_db
def test_publishing_a_post_purges_its_page_and_every_listing(cached_site, client):
    post = BlogPage.objects.get(slug=POST_SLUG)
    index = post.get_parent().specific
    author = post.blog_authors.first().author
    paths = [
        post.url,
        "/blogg/",
        "/blogg/?sida=1",
        "/",
        "/blogg/rss/",
        index.get_author_url(author),
        "/sitemap.xml",
        "/sok/?q=servicepunkter",
    ]
    warm(client, *paths)
    publish_with_title(post, "Fiber till de sista gårdarna")
    for path in paths:
        response = get(client, path)
        assert response["X-Page-Cache"] == "miss", path
    for path in [post.url, "/blogg/", "/", "/blogg/rss/", index.get_author_url(author)]:
        assert "Fiber till de sista gårdarna" in get(client, path).content.decode(), path


@pytest.mark.django_db
def test_publishing_leaves_unrelated_pages_cached(cached_site, client):
    post = BlogPage.objects.get(slug=POST_SLUG)
    unrelated = BlogPage.objects.exclude(pk=post.pk).exclude(related_pages__related_page=post).first()
    warm(client, unrelated.url, "/personuppgifter/")
    publish_with_title(post, "Fiber till de sista gårdarna")
    assert get(client, unrelated.url)["X-Page-Cache"] == "hit"
    assert get(client, "/personuppgifter/")["X-Page-Cache"] == "hit"


@pytest.mark.django_db
def test_publishing_purges_pages_that_link_to_it(cached_site, client):
    post = BlogPage.objects.get(slug=POST_SLUG)
    referrer = BlogPage.objects.exclude(pk=post.pk).first()
    referrer.related_pages.add(BlogPageRelatedPage(related_page=post))
    referrer.save_revision().publish()
    warm(client, referrer.url)
    publish_with_title(post, "Fiber till de sista gårdarna")
    response = get(client, referrer.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Fiber till de sista gårdarna" in response.content.decode()


@pytest.mark.django_db
def test_unpublishing_and_deleting_purge(cached_site, client):
    post = BlogPage.objects.get(slug=POST_SLUG)
    url = post.url
    warm(client, url, "/blogg/")
    post.unpublish()
    assert client.get(url).status_code == 404
    assert post.title not in get(client, "/blogg/").content.decode()

    other = BlogPage.objects.live().first()
    other_url = other.url
    warm(client, other_url, "/blogg/")
    other.delete()
    assert client.get(other_url).status_code == 404
    assert other.title not in get(client, "/blogg/").content.decode()


@pytest.mark.django_db
def test_moving_a_page_purges_old_and_new_places(cached_site, client):
    post = BlogPage.objects.get(slug=POST_SLUG)
    old_url = post.url
    second_index = BlogIndexPage(title="Arkiv", slug="arkiv")
    Page.objects.get(pk=post.get_parent().get_parent().pk).add_child(instance=second_index)
    second_index.save_revision().publish()
    warm(client, old_url, "/blogg/", "/arkiv/")
    post.move(second_index, pos="last-child")
    # Wagtail leaves a redirect at the old address; a stale cached page would be a 200.
    assert client.get(old_url).status_code in (301, 404)
    assert post.title not in get(client, "/blogg/").content.decode()
    assert post.title in get(client, "/arkiv/").content.decode()


@pytest.mark.django_db
def test_logged_in_reader_bypasses_the_cache(cached_site, client, django_user_model):
    warm(client, "/blogg/")
    reader = django_user_model.objects.create_user("cachelasare", "cachelasare@example.se", "hemligt-losen-123")
    client.force_login(reader)
    response = get(client, "/blogg/")
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]


@pytest.mark.django_db
def test_no_cached_response_carries_a_cookie_or_csrf_token(cached_site, client):
    paths = ["/", "/blogg/", "/personuppgifter/", "/tillganglighet/", "/sok/?q=kommun", "/blogg/rss/"]
    paths += [page.url for page in BlogPage.objects.live()]
    for path in paths:
        get(client, path)
        response = get(client, path)
        if response.get("X-Page-Cache") != "hit":
            continue
        assert not response.cookies, path
        assert "Set-Cookie" not in response, path
        assert b"csrfmiddlewaretoken" not in response.content, path
    # Pages that hand out a CSRF token are never stored.
    assert "X-Page-Cache" not in client.get("/konto/login/")


@pytest.mark.django_db
def test_posts_and_errors_are_not_cached(cached_site, client):
    client.get("/finns-inte/")
    assert client.get("/finns-inte/").get("X-Page-Cache") != "hit"


def wsgi_get(path, method="GET", **environ):
    """A request through the WSGI application gunicorn serves, page-cache fast path included."""
    from wsgiref.util import setup_testing_defaults

    from website.wsgi import application

    path, _, query = path.partition("?")
    environ = {"REQUEST_METHOD": method, "PATH_INFO": path, "QUERY_STRING": query, "HTTP_HOST": "testserver", **environ}
    setup_testing_defaults(environ)
    started = {}

    def start_response(status, headers, exc_info=None):
        started.update(status=status, headers=dict(headers))

    # As Django's test client does: the request must not close the test's database connection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        body = b"".join(application(environ, start_response))
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return started["status"], started["headers"], body


@pytest.mark.django_db
def test_wsgi_fast_path_serves_hits_without_django_or_database(cached_site, django_assert_num_queries):
    status, headers, first = wsgi_get("/blogg/")
    assert status == "200 OK" and headers["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        status, headers, second = wsgi_get("/blogg/")
    assert status == "200 OK" and headers["X-Page-Cache"] == "hit"
    assert second == first
    assert "Set-Cookie" not in headers
    assert headers["Content-Security-Policy"].startswith("default-src 'self'")
    status, headers, body = wsgi_get("/blogg/", method="HEAD")
    assert headers["X-Page-Cache"] == "hit" and body == b""


@pytest.mark.django_db
def test_wsgi_fast_path_leaves_known_readers_and_previews_to_django(cached_site, django_user_model):
    wsgi_get("/blogg/")
    assert wsgi_get("/blogg/")[1]["X-Page-Cache"] == "hit"
    reader = django_user_model.objects.create_user(username="lasare2", email="l2@example.se", password="hemligt-lösen")
    client = Client()
    client.force_login(reader)
    session = client.cookies["sessionid"].value
    status, headers, body = wsgi_get("/blogg/", HTTP_COOKIE=f"sessionid={session}")
    assert "X-Page-Cache" not in headers
    assert "private" in headers["Cache-Control"]
    assert "X-Page-Cache" not in wsgi_get("/blogg/?preview=1")[1]


@pytest.mark.django_db
def test_wsgi_fast_path_misses_after_a_purge(cached_site):
    wsgi_get("/blogg/")
    assert wsgi_get("/blogg/")[1]["X-Page-Cache"] == "hit"
    post = BlogPage.objects.get(slug=POST_SLUG)
    publish_with_title(post, "Ny rubrik på inlägget")
    status, headers, body = wsgi_get("/blogg/")
    assert headers["X-Page-Cache"] == "miss"
    assert "Ny rubrik på inlägget" in body.decode()


@pytest.mark.django_db
def test_purges_are_repeated_when_the_change_commits(cached_site, client, django_capture_on_commit_callbacks):
    """A reader served between the purge and the commit may have stored the old page again."""
    post = BlogPage.objects.get(slug=POST_SLUG)
    with django_capture_on_commit_callbacks() as callbacks:
        publish_with_title(post, "Rubrik före commit")
        warm(client, "/blogg/")  # stands in for a reader served before the commit
    assert get(client, "/blogg/")["X-Page-Cache"] == "hit"
    for callback in callbacks:
        callback()
    assert get(client, "/blogg/")["X-Page-Cache"] == "miss"


@pytest.mark.django_db
def test_renaming_a_section_purges_every_page_its_menu_item_is_on(cached_site, client):
    post = BlogPage.objects.get(slug=POST_SLUG)
    index = post.get_parent().specific
    warm(client, "/", post.url, "/personuppgifter/")
    publish_with_title(index, "Bloggen om landsbygden")
    for path in ("/", post.url, "/personuppgifter/"):
        response = get(client, path)
        assert response["X-Page-Cache"] == "miss", path
        assert "Bloggen om landsbygden" in response.content.decode(), path


@pytest.mark.django_db
def test_changed_site_settings_purge_every_page(cached_site, client):
    from website.models import SiteSettings

    warm(client, "/", "/blogg/")
    settings = SiteSettings.objects.get()
    settings.organisation_name = "Verket för prov"
    settings.save()
    for path in ("/", "/blogg/"):
        assert "Verket för prov" in get(client, path).content.decode(), path


@pytest.mark.django_db
def test_renaming_an_event_series_purges_its_sessions(cached_site, client):
    from events.models import EventPage, EventSeriesPage

    series = EventSeriesPage.objects.live().first()
    session = EventPage.objects.child_of(series).live().first()
    warm(client, session.url)
    publish_with_title(series, "Serien med nytt namn")
    response = get(client, session.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Serien med nytt namn" in response.content.decode()


@pytest.mark.django_db
def test_pages_are_served_uncached_while_the_cache_is_down(cached_site, client, monkeypatch):
    import caching.versions

    warm(client, "/blogg/")
    monkeypatch.setattr(caching.versions, "cache", UnreachableCache)
    response = client.get("/blogg/")
    assert response.status_code == 200
    assert "X-Page-Cache" not in response, "a local copy cannot be checked against the tag versions"
    status, headers, _body = wsgi_get("/blogg/")
    assert status == "200 OK" and "X-Page-Cache" not in headers


@pytest.mark.django_db
def test_nothing_from_before_an_outage_is_served_after_it(cached_site, client, monkeypatch):
    """With Redis persistence, entries and versions from before an outage come back; the changes
    made during it could not move a version. The first process back outdates every entry."""
    import caching.versions

    post = BlogPage.objects.get(slug=POST_SLUG)
    warm(client, post.url, "/blogg/")
    saved = dict(cache._cache) if hasattr(cache, "_cache") else None
    monkeypatch.setattr(caching.versions, "cache", UnreachableCache)
    publish_with_title(post, "Ändrad under avbrottet")  # its invalidation cannot reach the cache
    assert "Ändrad under avbrottet" in get(client, post.url).content.decode()
    monkeypatch.undo()
    if saved is not None:  # Redis back with what it had persisted before the outage
        cache._cache.clear()
        cache._cache.update(saved)
    for path in (post.url, "/blogg/"):
        response = get(client, path)
        assert response.get("X-Page-Cache") != "hit", path
        assert "Ändrad under avbrottet" in response.content.decode(), path


@pytest.mark.django_db
def test_making_a_page_private_purges_it_and_its_listings(cached_site, client):
    from wagtail.models import PageViewRestriction

    post = BlogPage.objects.get(slug=POST_SLUG)
    warm(client, post.url, "/blogg/")
    PageViewRestriction.objects.create(page=post, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(post.url).status_code == 302
    assert post.title not in get(client, "/blogg/").content.decode()


@pytest.mark.django_db
def test_a_new_slug_purges_the_old_addresses_below_it(cached_site, client, django_capture_on_commit_callbacks):
    from events.models import EventPage, EventSeriesPage

    series = EventSeriesPage.objects.live().first()
    session = EventPage.objects.child_of(series).live().first()
    old_url = session.url
    warm(client, old_url)
    series.slug = "nytt-namn-pa-serien"
    with django_capture_on_commit_callbacks(execute=True):
        series.save_revision().publish()
    # Wagtail leaves a redirect at the old address; a stale cached page would be a 200.
    assert client.get(old_url).status_code in (301, 302, 404)


@pytest.mark.django_db
def test_a_renamed_author_or_topic_is_purged_wherever_it_shows(cached_site, client):

    post = BlogPage.objects.get(slug=POST_SLUG)
    author = post.blog_authors.first().author
    warm(client, post.url, "/blogg/")
    author.name = "Skribent Med Nytt Namn"
    author.save()
    for path in (post.url, "/blogg/"):
        assert "Skribent Med Nytt Namn" in get(client, path).content.decode(), path

    tag = post.tags.first()
    warm(client, post.url)
    tag.name = "Ämne med nytt namn"
    tag.save()
    assert "Ämne med nytt namn" in get(client, post.url).content.decode()


@pytest.mark.django_db
def test_comment_reply_pages_are_never_cached(cached_site, client):
    from discussion.models import Comment

    comment = Comment.objects.filter(is_public=True).first()
    if comment is None:
        pytest.skip("the demo content has no public comment")
    for _ in range(2):
        response = client.get(f"/kommentarer/svara/{comment.pk}/")
        assert "X-Page-Cache" not in response
