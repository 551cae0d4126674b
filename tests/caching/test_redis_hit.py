"""On Redis a page-cache hit is one round trip with one key, whatever the number of tags the page
carries, and a change still shows at once (caching/versions.py, `latest()` and `Checked.is_fresh()`)."""

import io
import sys

import pytest
import redis as redis_py
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from blog.models import BlogPage
from caching import pagecache
from tests.redis_server import redis_server

POST_SLUG = "servicepunkter-som-haller-ihop-bygden"


@pytest.fixture
def production_caches(demo_site):
    with redis_server() as server, server.settings():
        pagecache._local_copies.clear()
        yield server
        pagecache._local_copies.clear()


def wsgi_get(path):
    from website.wsgi import application

    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "SCRIPT_NAME": "",
        "QUERY_STRING": "",
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "80",
        "HTTP_HOST": "localhost",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
    }
    started = {}

    def start_response(status, headers, exc_info=None):
        started["status"], started["headers"] = status, dict(headers)

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        body = b"".join(application(environ, start_response))
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return started["status"], started["headers"], body.decode()


def commands_by_name(connection):
    stats = connection.info("commandstats")
    return {name.removeprefix("cmdstat_"): value["calls"] for name, value in stats.items()}


def commands_during(server, action):
    connection = redis_py.Redis.from_url(server.url)
    before = commands_by_name(connection)
    result = action()
    after = commands_by_name(connection)
    after["info"] -= 1  # the INFO that took `before`
    return {name: calls - before.get(name, 0) for name, calls in after.items() if calls != before.get(name, 0)}, result


def publish_with_title(page, title):
    page.title = title
    page.save_revision().publish()


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/blogg/"])
def test_a_hit_is_one_redis_command_of_one_key_and_no_query(production_caches, path, django_assert_num_queries):
    status, headers, first = wsgi_get(path)
    assert headers["X-Page-Cache"] == "miss"
    assert len(headers["xkey"].split()) > 20, "the page carries many tags"
    assert wsgi_get(path)[1]["X-Page-Cache"] == "hit"
    with django_assert_num_queries(0):
        commands, (status, headers, second) = commands_during(production_caches, lambda: wsgi_get(path))
    assert status == "200 OK" and headers["X-Page-Cache"] == "hit"
    assert second == first
    # Nothing was invalidated since this process last checked: one GET of the `changed` version.
    assert commands == {"get": 1}


@pytest.mark.django_db
def test_after_a_change_the_first_hit_reads_the_tags_versions_once_and_the_next_only_gets(production_caches):
    wsgi_get("/")
    wsgi_get("/blogg/")
    publish_with_title(BlogPage.objects.get(slug=POST_SLUG), "Rubrik som inte syns på startsidan")
    wsgi_get("/blogg/")  # stored anew
    commands, (status, headers, body) = commands_during(production_caches, lambda: wsgi_get("/blogg/"))
    assert headers["X-Page-Cache"] == "hit" and "Rubrik som inte syns på startsidan" in body
    # `changed` moved since this process last checked its copy: one MGET of the copy's tags'
    # versions after the GET of `changed`.
    assert commands == {"get": 1, "mget": 1}
    commands, (status, headers, body) = commands_during(production_caches, lambda: wsgi_get("/blogg/"))
    assert headers["X-Page-Cache"] == "hit"
    assert commands == {"get": 1}


@pytest.mark.django_db
def test_on_redis_a_change_shows_at_once_and_the_new_page_is_served_from_the_cache(production_caches):
    wsgi_get("/blogg/")
    assert wsgi_get("/blogg/")[1]["X-Page-Cache"] == "hit"
    publish_with_title(BlogPage.objects.get(slug=POST_SLUG), "Rubrik efter ändringen")
    status, headers, body = wsgi_get("/blogg/")
    assert headers["X-Page-Cache"] == "miss" and "Rubrik efter ändringen" in body
    status, headers, body = wsgi_get("/blogg/")
    assert headers["X-Page-Cache"] == "hit" and "Rubrik efter ändringen" in body


@pytest.mark.django_db
def test_a_process_copy_of_an_older_rendering_is_not_served_after_a_newer_one_was_stored(production_caches):
    """Each rendering has a check of its own: another process's copy of the old page must not pass
    by the versions of the page stored after the change (this process stands in for both)."""
    address = pagecache.ENTRY_PREFIX + pagecache._address("http", "localhost", "/blogg/", "")
    wsgi_get("/blogg/")
    old_copy = pagecache._local_copies.get(address)
    assert old_copy is not None
    publish_with_title(BlogPage.objects.get(slug=POST_SLUG), "Rubrik i nyare utgåva")
    assert "Rubrik i nyare utgåva" in wsgi_get("/blogg/")[2]  # stored anew, with the new versions
    pagecache._local_copies.put(address, old_copy)  # what a process that served the old page still keeps
    status, headers, body = wsgi_get("/blogg/")
    assert headers["X-Page-Cache"] == "hit"
    assert "Rubrik i nyare utgåva" in body


@pytest.mark.django_db
def test_a_miss_reads_the_changed_version_once_for_the_page_and_its_remembered_answers(production_caches, monkeypatch):
    """Under gunicorn the WSGI wrapper looks the page up first; on a miss Django renders it without
    looking it up again, and the remembered answers use the `changed` that lookup read."""
    from caching import versions

    wsgi_get("/blogg/")
    publish_with_title(BlogPage.objects.get(slug=POST_SLUG), "Rubrik efter en enda uppslagning")
    reads = []
    read_latest = versions.latest
    monkeypatch.setattr(versions, "latest", lambda: reads.append(1) or read_latest())
    status, headers, body = wsgi_get("/blogg/")
    assert headers["X-Page-Cache"] == "miss" and "Rubrik efter en enda uppslagning" in body
    assert len(reads) == 1
    assert wsgi_get("/blogg/")[1]["X-Page-Cache"] == "hit"
