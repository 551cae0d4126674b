"""The writer edits their comment within 15 minutes while it has no approved reply, or deletes it."""

import datetime

from django.test import Client
from django.utils import timezone

from discussion.models import Comment, CommentStatus
from tests.discussion.conftest import add_comment


def mine(page, reader, text="Min kommentar", status=CommentStatus.APPROVED, minutes_ago=5, **extra):
    comment = add_comment(page, text=text, status=status, user=reader, email=reader.email, name="Skogsbo", **extra)
    Comment.objects.filter(pk=comment.pk).update(submit_date=timezone.now() - datetime.timedelta(minutes=minutes_ago))
    return Comment.objects.get(pk=comment.pk)


def edit_url(comment):
    return f"/konto/kommentarer/{comment.pk}/redigera/"


def delete_url(comment):
    return f"/konto/kommentarer/{comment.pk}/ta-bort/"


def test_approved_comment_edited_goes_back_to_moderation_and_shows_redigerad(
    client, open_post, reader, django_capture_on_commit_callbacks
):
    comment = mine(open_post, reader)
    client.force_login(reader)
    assert 'href="' + edit_url(comment) + '"' in client.get("/konto/").content.decode()
    assert "Min kommentar" in client.get(edit_url(comment)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit_url(comment), {"comment": "Min rättade kommentar"})
    assert response.status_code == 302 and response["Location"] == "/konto/"
    comment.refresh_from_db()
    assert comment.comment == "Min rättade kommentar"
    assert comment.status == CommentStatus.PENDING and not comment.is_public and comment.edited_at
    assert "Min rättade kommentar" not in Client().get(open_post.url).content.decode()

    Comment.objects.filter(pk=comment.pk).update(status=CommentStatus.APPROVED, is_public=True)
    html = Client().get(open_post.url).content.decode()
    item = html[html.index(f'id="kommentar-{comment.pk}"') :]
    assert "Min rättade kommentar" in item and '<span class="comment__edited">Redigerad</span>' in item[:600]


def test_pending_comment_edited_stays_pending(client, open_post, reader):
    comment = mine(open_post, reader, status=CommentStatus.PENDING)
    client.force_login(reader)
    assert client.post(edit_url(comment), {"comment": "Ny text"}).status_code == 302
    comment.refresh_from_db()
    assert comment.comment == "Ny text" and comment.status == CommentStatus.PENDING


def test_no_edit_after_15_minutes(client, open_post, reader):
    comment = mine(open_post, reader, minutes_ago=16)
    client.force_login(reader)
    assert 'href="' + edit_url(comment) + '"' not in client.get("/konto/").content.decode()
    response = client.post(edit_url(comment), {"comment": "För sent"})
    assert response.status_code == 403
    assert "de första 15 minuterna" in response.content.decode()
    comment.refresh_from_db()
    assert comment.comment == "Min kommentar" and comment.status == CommentStatus.APPROVED


def test_edit_just_inside_15_minutes_works(client, open_post, reader):
    comment = mine(open_post, reader, minutes_ago=14)
    client.force_login(reader)
    assert client.post(edit_url(comment), {"comment": "I tid"}).status_code == 302


def test_no_edit_once_an_approved_reply_exists(client, open_post, reader):
    comment = mine(open_post, reader)
    add_comment(open_post, "Ett väntande svar", status=CommentStatus.PENDING, parent=comment)
    client.force_login(reader)
    assert 'href="' + edit_url(comment) + '"' in client.get("/konto/").content.decode()  # a pending reply
    add_comment(open_post, "Ett godkänt svar", parent=comment)
    assert 'href="' + edit_url(comment) + '"' not in client.get("/konto/").content.decode()
    response = client.post(edit_url(comment), {"comment": "Ändrat i efterhand"})
    assert response.status_code == 403 and "har fått svar" in response.content.decode()
    comment.refresh_from_db()
    assert comment.comment == "Min kommentar"


def test_bad_edits_are_refused_in_swedish(client, open_post, reader, comment_settings):
    comment_settings.disallowed_words = "fuskord"
    comment_settings.save()
    comment = mine(open_post, reader)
    client.force_login(reader)
    for text, message in (
        ("", "Skriv en kommentar"),
        ("x" * 301, "högst 300 tecken"),
        ("ett fuskord", "inte är tillåtna"),
    ):
        response = client.post(edit_url(comment), {"comment": text})
        assert response.status_code == 400, text
        assert message in response.content.decode()
    comment.refresh_from_db()
    assert comment.comment == "Min kommentar" and comment.edited_at is None


def test_nobody_edits_or_deletes_another_readers_comment(client, open_post, reader, moderator):
    comment = mine(open_post, reader)
    client.force_login(moderator)
    assert client.get(edit_url(comment)).status_code == 404
    assert client.post(edit_url(comment), {"comment": "Kapad"}).status_code == 404
    assert client.post(delete_url(comment)).status_code == 404
    assert client.post("/konto/kommentarer/99999999999/ta-bort/").status_code == 404
    comment.refresh_from_db()
    assert comment.comment == "Min kommentar" and comment.status == CommentStatus.APPROVED
    anonymous = Client()
    assert anonymous.post(delete_url(comment)).status_code == 302  # to the login page


def test_delete_without_replies_removes_it_from_the_page(client, open_post, reader, django_capture_on_commit_callbacks):
    comment = mine(open_post, reader)
    client.force_login(reader)
    page = client.get(delete_url(comment)).content.decode()
    assert "försvinner från sidan" in page
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(delete_url(comment)).status_code == 302
    comment.refresh_from_db()
    assert comment.status == CommentStatus.DELETED and comment.comment == "" and not comment.is_public
    html = Client().get(open_post.url).content.decode()
    assert f'id="kommentar-{comment.pk}"' not in html
    assert "tagits bort av skribenten" not in html
    assert "Borttagen av dig" in client.get("/konto/").content.decode()


def test_delete_with_approved_replies_leaves_a_placeholder(client, open_post, reader):
    comment = mine(open_post, reader)
    reply = add_comment(open_post, "Svaret finns kvar", parent=comment)
    client.force_login(reader)
    assert "Svaren finns kvar" in client.get(delete_url(comment)).content.decode()
    client.post(delete_url(comment))
    html = Client().get(open_post.url).content.decode()
    placeholder = html[html.index(f'id="kommentar-{comment.pk}"') :]
    assert placeholder.index("Kommentaren har tagits bort av skribenten") < placeholder.index("Svaret finns kvar")
    assert f'id="kommentar-{reply.pk}"' in placeholder
    assert "Min kommentar" not in html and "Skogsbo" not in html
    assert "Kommentarer <span" in html and "(1)" in html  # the placeholder is not counted


def test_deleting_twice_is_harmless(client, open_post, reader):
    comment = mine(open_post, reader)
    client.force_login(reader)
    assert client.post(delete_url(comment)).status_code == 302
    assert client.post(delete_url(comment)).status_code == 302
    assert Comment.objects.get(pk=comment.pk).status == CommentStatus.DELETED
