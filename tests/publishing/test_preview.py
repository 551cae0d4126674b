"""The editor's live preview: framed by the admin (same origin) only, and honest about a draft."""

import pytest
from django.urls import reverse

from tests.blog.factories import AuthorFactory, make_post

from .conftest import edit_form

pytestmark = pytest.mark.django_db


def directives(response):
    policy = response["Content-Security-Policy"]
    return dict((part.strip().split(" ", 1) + [""])[:2] for part in policy.split(";"))


def preview(client, page):
    """What the preview panel shows: the edit form posted to the preview URL, then its rendering."""
    url = reverse("wagtailadmin_pages:preview_on_edit", args=(page.pk,))
    stored = client.post(url, edit_form(client, page))
    assert stored.json()["is_valid"] is True
    return client.get(url, {"mode": "", "in_preview_panel": "true"})


def test_preview_may_be_framed_by_the_admin_only_and_keeps_the_strict_script_policy(admin_client, blog_index):
    post = make_post(blog_index, title="Förhandsvisat inlägg", authors=[AuthorFactory()])

    response = preview(admin_client, post)

    assert response.status_code == 200
    assert "Förhandsvisat inlägg" in response.content.decode()
    policy = directives(response)
    assert policy["frame-ancestors"] == "'self'"
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert policy["script-src"] == "'self'"  # the public page's policy, not the admin's


def test_the_public_page_still_refuses_every_frame(client, blog_index):
    post = make_post(blog_index, title="Publicerat inlägg", authors=[AuthorFactory()])

    response = client.get(post.url)

    assert directives(response)["frame-ancestors"] == "'none'"
    assert response["X-Frame-Options"] == "DENY"


def test_a_drafts_preview_does_not_claim_it_is_published(admin_client, blog_index):
    draft = make_post(blog_index, publish_now=False, live=False, title="Ett utkast", authors=[AuthorFactory()])
    draft.save_revision()

    html = preview(admin_client, draft).content.decode()

    assert "Utkast, ännu inte publicerat" in html
    assert "Publicerad" not in html


def test_a_live_posts_preview_says_published(admin_client, blog_index):
    post = make_post(blog_index, title="Ett publicerat inlägg", authors=[AuthorFactory()])

    html = preview(admin_client, post).content.decode()

    assert "Publicerad" in html
    assert "Utkast" not in html
