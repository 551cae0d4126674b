"""A logged-in reader sees their own comments waiting for moderation on the page; nobody else does."""

from django.test import Client

from discussion.models import CommentStatus
from tests.discussion.conftest import add_comment


def test_own_pending_comment_shows_only_to_its_writer(client, open_post, reader, moderator):
    reader.first_name = "Skogsbo"
    reader.save()
    add_comment(open_post, text="Min väntande tanke", status=CommentStatus.PENDING, user=reader, email=reader.email)
    add_comment(open_post, text="Någon annans väntande", status=CommentStatus.PENDING, email="annan@example.se")
    client.force_login(reader)
    html = client.get(open_post.url).content.decode()
    assert "Min väntande tanke" in html
    assert "Väntar på granskning – bara du ser den" in html
    assert "Någon annans väntande" not in html
    assert 'value="Skogsbo"' in html  # the display name prefilled in the form

    anonymous = Client().get(open_post.url).content.decode()
    assert "Min väntande tanke" not in anonymous and "bara du ser den" not in anonymous
    other = Client()
    other.force_login(moderator)
    assert "Min väntande tanke" not in other.get(open_post.url).content.decode()


def test_approved_comment_leaves_the_pending_list(client, open_post, reader):
    add_comment(open_post, text="Redan godkänd", user=reader, email=reader.email)
    client.force_login(reader)
    html = client.get(open_post.url).content.decode()
    assert "Redan godkänd" in html and "bara du ser den" not in html
