"""The demo comments: a closed modelled post, posts open to logged-in and anonymous readers, accounts."""

import io

from django.contrib.auth import authenticate
from django.test import RequestFactory
from wagtail.models import Site

from discussion.models import Comment, CommentStatus


def _load(settings, tmp_path):
    from django.core.management import call_command

    settings.MEDIA_ROOT = tmp_path / "media"
    # Only the loaders the comments depend on: other apps' demos have their own tests.
    settings.DEMO_CONTENT_LOADERS = ["home.demo.load", "blog.demo.load", "discussion.demo.load"]
    out = io.StringIO()
    call_command("load_demo_content", "--no-admin", stdout=out)
    return out.getvalue()


def test_demo_comments_and_accounts(db, settings, tmp_path, client):
    output = _load(settings, tmp_path)
    assert "lasare@example.se / lasare" in output and "moderator / moderator" in output
    count = Comment.objects.count()
    assert Comment.objects.filter(status=CommentStatus.PENDING).exists()
    assert Comment.objects.filter(level=1, status=CommentStatus.APPROVED).exists()
    _load(settings, tmp_path)
    assert Comment.objects.count() == count  # idempotent

    site = Site.objects.get(is_default_site=True)
    html = client.get("/blogg/livskraftiga-landsbygder-bygger-pa-manga-roster/", HTTP_HOST=site.hostname).content
    assert "Stängd för fler kommentarer" in html.decode()
    # The agency's own reply is published in its name, with the badge.
    assert '<span class="comment__badge">Svar från Myndigheten för levande landsbygd</span>' in html.decode()
    assert authenticate(RequestFactory().get("/"), username="moderator", password="moderator")
    assert client.login(username="lasare", password="lasare")
