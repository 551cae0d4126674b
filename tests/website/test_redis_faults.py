"""Redis stopped or frozen under the production cache settings: the site serves from the database.

A real redis-server (tests/redis_server.py) is stopped or frozen with SIGSTOP while pages are
requested with the production caches (website/settings/redis.py). Wagtail and allauth call the
default cache themselves, so faking the outage for the project's own calls is not enough.

The rule for comments while Redis is down: the rate limit (one post per 15 s per IP address and
account) is counted from the comments stored in the database, so a post is accepted and moderated
as usual, and a second one from the same address within 15 s is refused.
"""

import json
import os
import re
import subprocess
import sys
import time

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from discussion.models import Comment, CommentStatus
from subscriptions.models import Subscription
from tests.moderation import QUEUE, decide
from tests.public_pages import OPEN_COMMENTS_POST, PUBLIC_PAGES, page_ids
from tests.redis_server import redis_server
from website import redis_breaker

PLAIN_PAGES = [page for page in PUBLIC_PAGES if not page.action]
COMMENT_URL = "/kommentarer/skicka/"
# A cache call gives up after 0.25 s, and after one fault the process treats Redis as down for a
# few seconds (website/redis_breaker.py): a page pays one timeout, not one per call (about ten).
FROZEN_EXTRA_SECONDS = 1
FREEZE_AT_MOST = 10


@pytest.fixture(scope="module")
def redis():
    with redis_server() as server:
        yield server


@pytest.fixture
def production_caches(redis, demo_site):
    if redis.process is None:
        redis.start()
    redis_breaker.reset()
    with redis.settings():
        yield redis
    redis.stop()
    redis.start()
    redis_breaker.reset()


def _client(ip="203.0.113.10"):
    return Client(raise_request_exception=False, REMOTE_ADDR=ip)


def _form_data(client, path, **overrides):
    html = client.get(path).content.decode()
    form = html[html.index('class="comment-form"') :]
    data = {}
    for name in ("content_type", "object_pk", "timestamp", "security_hash"):
        data[name] = re.search(rf'name="{name}" value="([^"]*)"', form).group(1)
    data.update({"name": "Skogsbo", "email": "skogsbo@example.se", "comment": "En kommentar om byn.", "website": ""})
    data.update(overrides)
    return data


def _moderator():
    return Group.objects.get(name="Moderatorer").user_set.first()


@pytest.mark.django_db
def test_with_redis_running_pages_come_from_the_page_cache(production_caches):
    client = _client()
    assert client.get("/blogg/").status_code == 200
    second = client.get("/blogg/")
    assert second.status_code == 200 and second["X-Page-Cache"] == "hit"


@pytest.mark.django_db
@pytest.mark.parametrize("page", PLAIN_PAGES, ids=page_ids(PLAIN_PAGES))
def test_with_redis_stopped_every_page_answers_from_the_database(production_caches, page):
    client = _client()
    assert client.get(page.path).status_code == page.status  # served and stored while Redis runs
    production_caches.stop()
    response = client.get(page.path)
    assert response.status_code == page.status
    assert "X-Page-Cache" not in response


@pytest.mark.django_db
def test_with_redis_stopped_a_comment_is_accepted_and_a_second_within_seconds_refused(production_caches):
    data = _form_data(_client(), OPEN_COMMENTS_POST)
    production_caches.stop()
    assert _client().post(COMMENT_URL, data).status_code == 303
    again = _client().post(COMMENT_URL, {**data, "comment": "En andra kommentar strax efter."})
    assert again.status_code == 429
    assert "Vänta en stund" in again.content.decode()
    other_reader = _client(ip="198.51.100.20").post(COMMENT_URL, {**data, "comment": "En annan läsare."})
    assert other_reader.status_code == 303
    stored = Comment.objects.filter(user_email="skogsbo@example.se").order_by("pk")
    assert [c.comment for c in stored] == ["En kommentar om byn.", "En annan läsare."]
    assert {c.status for c in stored} == {CommentStatus.PENDING}


@pytest.mark.django_db
def test_with_redis_stopped_the_moderator_queue_works(production_caches, django_capture_on_commit_callbacks):
    assert _client().post(COMMENT_URL, _form_data(_client(), OPEN_COMMENTS_POST)).status_code == 303
    comment = Comment.objects.get(comment="En kommentar om byn.")
    production_caches.stop()
    moderator = _client()
    moderator.force_login(_moderator())
    queue = moderator.get(QUEUE)
    assert queue.status_code == 200 and "En kommentar om byn." in queue.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        approved = decide(moderator, "approve", comment.pk)
    assert approved.status_code == 302
    comment.refresh_from_db()
    assert comment.status == CommentStatus.APPROVED
    page = _client().get(OPEN_COMMENTS_POST)
    assert page.status_code == 200 and "En kommentar om byn." in page.content.decode()


@pytest.mark.django_db
def test_with_redis_stopped_a_reader_can_still_sign_up_for_alerts(production_caches):
    production_caches.stop()
    data = {"email": "bevakare@example.se", "content_types": ["blogg"], "frequency": "vecka"}
    assert _client().post("/prenumerera/", data).status_code == 302
    assert Subscription.objects.filter(email="bevakare@example.se").exists()


@pytest.mark.django_db
def test_with_redis_frozen_pages_answer_within_seconds(production_caches):
    client = _client()
    for path in ("/", "/blogg/", OPEN_COMMENTS_POST):
        # Each query string is a page-cache miss: the page is rendered, as it is while Redis is frozen.
        started = time.monotonic()
        assert client.get(f"{path}?varm=1").status_code == 200
        rendering = time.monotonic() - started
        with production_caches.frozen(at_most=FREEZE_AT_MOST):
            started = time.monotonic()
            response = client.get(f"{path}?fryst=1")
            elapsed = time.monotonic() - started
        assert response.status_code == 200
        # A handful of cache calls, 0.25 s each, on top of the rendering; without timeouts, until thawed.
        assert elapsed < rendering + FROZEN_EXTRA_SECONDS, f"{path} took {elapsed:.1f} s with Redis frozen"


@pytest.mark.django_db
def test_after_a_freeze_one_timeout_then_redis_is_skipped_and_used_again_when_back(production_caches, monkeypatch):
    client = _client()
    assert client.get("/blogg/?efter=0").status_code == 200
    started = time.monotonic()
    assert client.get("/blogg/?efter=1").status_code == 200  # a miss, rendered, with Redis up
    rendering = time.monotonic() - started
    # A short pause, but one that outlasts the three requests below even on a loaded machine.
    down_seconds = max(1.0, 3 * 2 * rendering + 1.5)
    monkeypatch.setattr(redis_breaker, "DOWN_SECONDS", down_seconds)
    with production_caches.frozen(at_most=FREEZE_AT_MOST):
        assert client.get("/blogg/?efter=2").status_code == 200  # pays the one timeout
        started = time.monotonic()
        for _ in range(3):
            response = client.get("/blogg/?efter=3")
            assert response.status_code == 200 and "X-Page-Cache" not in response
        # Redis is skipped, not asked: without the breaker each page paid about ten 0.25 s timeouts.
        assert time.monotonic() - started < 3 * 2 * rendering + 1.0
    # Thawed, but within the pause: still served from the database, no cache.
    assert "X-Page-Cache" not in client.get("/blogg/?efter=1")
    deadline = time.monotonic() + down_seconds + 5
    while redis_breaker.is_down() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not redis_breaker.is_down()
    # The first call that reaches Redis again outdates every entry (caching/versions.py), then the
    # page is stored and served from the cache as before.
    answers = [client.get("/blogg/?efter=4").get("X-Page-Cache") for _ in range(3)]
    assert answers[-1] == "hit", answers


@pytest.mark.django_db
def test_with_redis_frozen_posts_that_commit_answer_success(production_caches, django_capture_on_commit_callbacks):
    data = _form_data(_client(), OPEN_COMMENTS_POST)
    moderator = _client()
    moderator.force_login(_moderator())
    with production_caches.frozen(at_most=FREEZE_AT_MOST):
        started = time.monotonic()
        with django_capture_on_commit_callbacks(execute=True):
            posted = _client().post(COMMENT_URL, data)
        assert posted.status_code == 303
        comment = Comment.objects.get(comment="En kommentar om byn.")
        # Approving purges the page after the commit: a purge that times out must not turn it into a 500.
        with django_capture_on_commit_callbacks(execute=True):
            approved = decide(moderator, "approve", comment.pk)
        assert approved.status_code == 302
        assert time.monotonic() - started < FREEZE_AT_MOST - 1
    comment.refresh_from_db()
    assert comment.status == CommentStatus.APPROVED


def test_production_with_redis_url_uses_these_caches():
    """The settings above are what production.py builds from REDIS_URL."""
    from tests.website.test_production_settings import PROJECT_DIR, REQUIRED

    env = {**os.environ, **REQUIRED, "DJANGO_SETTINGS_MODULE": "website.settings.production"}
    env["REDIS_URL"] = "redis://127.0.0.1:6399/0"
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([s.CACHES['default'], s.CACHES['shared'], s.SHARED_CACHE_ALIAS, s.PAGE_CACHE_ALIAS], "
        "default=lambda cls: cls.__module__ + '.' + cls.__qualname__))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT_DIR, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    default, shared, shared_alias, page_cache_alias = json.loads(result.stdout)
    assert default["OPTIONS"]["IGNORE_EXCEPTIONS"] is True
    assert "IGNORE_EXCEPTIONS" not in shared["OPTIONS"]
    for cache in (default, shared):
        assert cache["LOCATION"] == "redis://127.0.0.1:6399/0"
        assert 0 < cache["OPTIONS"]["SOCKET_TIMEOUT"] <= 0.5 and 0 < cache["OPTIONS"]["SOCKET_CONNECT_TIMEOUT"] <= 0.5
        connection_class = cache["OPTIONS"]["CONNECTION_POOL_KWARGS"]["connection_class"]
        assert connection_class == "website.redis_breaker.BreakerConnection"
    assert shared_alias == page_cache_alias == "shared"
