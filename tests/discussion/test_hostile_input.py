"""Bad and forged input: a clear 4xx, nothing stored, never a 500."""

import time

import pytest
from django.contrib.contenttypes.models import ContentType

from discussion.models import Comment, CommentStatus

from .conftest import add_comment, form_data

URL = "/kommentarer/skicka/"


@pytest.fixture
def data(client, anonymous_post):
    return form_data(client, anonymous_post, email="a@example.se")


def _refused(client, payload, status=400):
    response = client.post(URL, payload)
    assert response.status_code == status, response.content[:500]
    assert Comment.objects.count() == 0
    return response


def _accepted(client, payload):
    """The positive twin of _refused: the same post with valid data is stored, once."""
    response = client.post(URL, payload)
    assert response.status_code == 303, response.content[:500]
    assert Comment.objects.count() == 1
    return Comment.objects.get()


def test_oversized_comment(client, data):
    _refused(client, {**data, "comment": "x" * 301})
    _refused(client, {**data, "comment": "x" * 200_000})
    assert _accepted(client, {**data, "comment": "x" * 300}).comment == "x" * 300


def test_nul_bytes_anywhere(client, data):
    for field in ("comment", "name", "email", "object_pk", "content_type", "timestamp", "security_hash", "reply_to"):
        _refused(client, {**data, field: "a\x00b"})
    stored = _accepted(client, {**data, "comment": "a b", "name": "a b"})
    assert (stored.comment, stored.user_name) == ("a b", "a b")


def test_forged_target_object(client, data, make_post):
    other = make_post("annat", comment_mode="open", comments_login="anonymous")
    _refused(client, {**data, "object_pk": str(other.pk)})  # hash does not match
    _refused(client, {**data, "object_pk": "999999"})
    _refused(client, {**data, "object_pk": "-1"})
    _refused(client, {**data, "object_pk": ""})
    _refused(client, {**data, "object_pk": "9" * 40})
    # The other page's own form (its hash matches its object) is stored, against that page.
    assert _accepted(client, form_data(client, other, email="a@example.se")).object_pk == str(other.pk)


def test_forged_content_type(client, data):
    _refused(client, {**data, "content_type": "auth.user"})
    _refused(client, {**data, "content_type": "wagtailcore.page"})
    _refused(client, {**data, "content_type": "nope"})
    _refused(client, {**data, "content_type": "no.such"})
    assert _accepted(client, data).content_type.model_class().__name__ == "BlogPage"


def test_tampered_security_hash_and_timestamp(client, data):
    _refused(client, {**data, "security_hash": "0" * 40})
    _refused(client, {**data, "security_hash": "short"})
    _refused(client, {**data, "timestamp": str(int(data["timestamp"]) + 1)})
    _refused(client, {**data, "timestamp": "igår"})
    _refused(client, {**data, "timestamp": "9" * 40})
    old = int(time.time()) - 3 * 24 * 3600
    from django_comments.forms import CommentSecurityForm
    from wagtail.models import Page

    page = Page.objects.get(pk=data["object_pk"]).specific
    forged_hash = CommentSecurityForm(page).initial_security_hash(old)
    _refused(client, {**data, "timestamp": str(old), "security_hash": forged_hash})
    # The hash and timestamp as the page rendered them are accepted.
    _accepted(client, data)


def test_missing_fields(client, data):
    for field in data:
        payload = {k: v for k, v in data.items() if k != field}
        if field == "website":
            continue
        response = client.post(URL, payload)
        assert 400 <= response.status_code < 500
    assert Comment.objects.count() == 0


def test_get_is_not_allowed(client):
    assert client.get(URL).status_code == 405


def test_bad_reply_targets(client, data, anonymous_post, make_post):
    other = make_post("annat", comment_mode="open", comments_login="anonymous")
    on_other_page = add_comment(other, "På en annan sida")
    pending = add_comment(anonymous_post, "Väntar", status=CommentStatus.PENDING)
    rejected = add_comment(anonymous_post, "Avvisad", status=CommentStatus.REJECTED)
    parent = add_comment(anonymous_post, "Förälder")
    reply = add_comment(anonymous_post, "Svar", parent=parent)
    before = Comment.objects.count()
    for target in (on_other_page.pk, pending.pk, rejected.pk, reply.pk, 999999, "abc", -3, "9" * 30):
        response = client.post(URL, {**data, "reply_to": str(target)})
        assert response.status_code == 400
    assert Comment.objects.count() == before


def test_reply_view_only_for_approved_comments(client, anonymous_post):
    pending = add_comment(anonymous_post, "Väntar", status=CommentStatus.PENDING)
    approved = add_comment(anonymous_post, "Godkänd")
    reply = add_comment(anonymous_post, "Svar", parent=approved)
    assert client.get(f"/kommentarer/svara/{pending.pk}/").status_code == 404
    assert client.get(f"/kommentarer/svara/{'9' * 30}/").status_code == 404
    assert client.get(f"/kommentarer/svara/{reply.pk}/").status_code == 404
    response = client.get(f"/kommentarer/svara/{approved.pk}/")
    assert response.status_code == 200
    assert "Godkänd" in response.content.decode() and "hemlig@example.se" not in response.content.decode()


def test_xtd_urls_are_not_mounted(client, anonymous_post):
    comment = add_comment(anonymous_post, "Väntar", status=CommentStatus.PENDING)
    ct = ContentType.objects.get_for_model(comment)
    for url in (
        f"/comments/cr/{ct.pk}/{comment.pk}/",
        f"/comments/reply/{comment.pk}/",
        "/comments/api/",
        f"/kommentarer/{comment.pk}/",
    ):
        assert client.get(url).status_code == 404
