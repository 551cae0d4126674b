"""Threaded replies, and a comment is public only when it is itself approved."""

from django.core.cache import cache

from discussion.models import Comment, CommentStatus
from tests.moderation import QUEUE, decide, decision_url

from .conftest import add_comment, form_data


def test_reader_replies_to_approved_comment(client, anonymous_post):
    parent = add_comment(anonymous_post, "Förälder")
    form_page = client.get(f"/kommentarer/svara/{parent.pk}/").content.decode()
    assert 'name="reply_to"' in form_page
    data = form_data(client, anonymous_post, email="a@example.se", comment="Ett svar", reply_to=str(parent.pk))
    assert client.post("/kommentarer/skicka/", data).status_code == 303
    reply = Comment.objects.get(comment="Ett svar")
    assert reply.parent_id == parent.pk and reply.level == 1 and reply.thread_id == parent.pk
    Comment.objects.filter(pk=reply.pk).update(status=CommentStatus.APPROVED, is_public=True)
    html = client.get(anonymous_post.url).content.decode()
    assert html.index("Förälder") < html.index("Ett svar")
    assert "comment-list--replies" in html


def test_reply_depth_zero_means_no_replies(client, anonymous_post, comment_settings):
    comment_settings.reply_depth = 0
    comment_settings.save()
    parent = add_comment(anonymous_post, "Förälder")
    assert "/kommentarer/svara/" not in client.get(anonymous_post.url).content.decode()
    data = form_data(client, anonymous_post, email="a@example.se", reply_to=str(parent.pk))
    client.post("/kommentarer/skicka/", data)
    assert not Comment.objects.filter(level=1).exists()


def test_approving_parent_does_not_publish_pending_or_rejected_replies(client, anonymous_post, moderator):
    parent = add_comment(anonymous_post, "Förälder", status=CommentStatus.PENDING)
    pending_reply = add_comment(anonymous_post, "Väntande svar", status=CommentStatus.PENDING, parent=parent)
    rejected_reply = add_comment(anonymous_post, "Avvisat svar", status=CommentStatus.REJECTED, parent=parent)
    client.force_login(moderator)
    decide(client, "approve", parent.pk)
    decide(client, "reject", parent.pk, reason_text="Fel tråd")
    decide(client, "approve", parent.pk)
    pending_reply.refresh_from_db()
    rejected_reply.refresh_from_db()
    assert pending_reply.status == CommentStatus.PENDING
    assert rejected_reply.status == CommentStatus.REJECTED
    client.logout()
    html = client.get(anonymous_post.url).content.decode()
    assert "Förälder" in html
    assert "Väntande svar" not in html and "Avvisat svar" not in html


def test_saving_a_parent_does_not_publish_replies_either(anonymous_post):
    # xtd's pre_save hook flips is_public on replies; status keeps them private.
    parent = add_comment(anonymous_post, "Förälder")
    reply = add_comment(anonymous_post, "Svar", status=CommentStatus.PENDING, parent=parent)
    parent.save()
    reply.refresh_from_db()
    assert reply.status == CommentStatus.PENDING


def test_rejected_and_removed_comments_disappear(client, anonymous_post, moderator):
    first = add_comment(anonymous_post, "Första")
    second = add_comment(anonymous_post, "Andra")
    reply = add_comment(anonymous_post, "Svar på första", parent=first)
    client.force_login(moderator)
    decide(client, "reject", first.pk, reason="Reklam")
    decide(client, "remove", second.pk, spam="on")
    client.logout()
    html = client.get(anonymous_post.url).content.decode()
    assert "Första" not in html and "Andra" not in html
    assert "Svar på första" not in html  # nothing shows under a hidden comment
    assert Comment.objects.get(pk=reply.pk).status == CommentStatus.APPROVED


def test_bulk_actions_and_filters(client, anonymous_post, make_post, moderator):
    other = make_post("annat", comment_mode="open", comments_login="anonymous")
    a = add_comment(anonymous_post, "Alfa väntar", status=CommentStatus.PENDING)
    b = add_comment(anonymous_post, "Beta väntar", status=CommentStatus.PENDING)
    c = add_comment(other, "Gamma godkänd")
    client.force_login(moderator)
    html = client.get(f"{QUEUE}?queue=all").content.decode()
    assert html.index("Beta väntar") < html.index("Gamma godkänd")  # pending first
    assert "Gamma" not in client.get(f"{QUEUE}?queue=pending").content.decode()
    assert "Gamma" not in client.get(QUEUE).content.decode()  # the waiting comments are the default queue
    assert "Alfa" not in client.get(f"{QUEUE}?queue=all&page={other.pk}").content.decode()
    assert "Beta" not in client.get(f"{QUEUE}?q=alfa").content.decode()
    assert "Alfa" not in client.get(f"{QUEUE}?date_from=2000-01-01&date_to=2000-01-02").content.decode()
    assert client.get(f"{QUEUE}?date_from=nonsense&p=xyz&page=abc&queue=zzz").status_code == 200
    decide(client, "approve", a.pk, b.pk)
    assert set(Comment.objects.filter(status=CommentStatus.APPROVED).values_list("pk", flat=True)) == {a.pk, b.pk, c.pk}
    assert decide(client, "explode", a.pk).status_code == 404
    assert decide(client, "reject", "9" * 30, "x", reason="Reklam").status_code == 404
    assert client.get(decision_url("reject", "9" * 30)).status_code == 404


def test_queue_needs_csrf(moderator, anonymous_post):
    from django.test import Client

    comment = add_comment(anonymous_post, "Väntar", status=CommentStatus.PENDING)
    client = Client(enforce_csrf_checks=True)
    client.force_login(moderator)
    assert client.post(decision_url("approve", comment.pk)).status_code == 403
    assert Comment.objects.get(pk=comment.pk).status == CommentStatus.PENDING


def test_moderators_can_only_moderate(client, moderator, reader):
    client.force_login(moderator)
    assert client.get(QUEUE).status_code == 200
    for url in ("/admin/pages/", "/admin/images/", "/admin/users/", "/admin/settings/discussion/commentsettings/"):
        response = client.get(url)
        assert response.status_code in (302, 403), url
    client.force_login(reader)
    assert client.get(QUEUE).status_code in (302, 403)
    assert client.get("/admin/").status_code == 302


def test_trusted_commenter_published_at_once(client, open_post, reader, comment_settings):
    comment_settings.moderation_policy = "trust_known"
    comment_settings.trusted_after_approved = 1
    comment_settings.save()
    client.force_login(reader)
    client.post("/kommentarer/skicka/", form_data(client, open_post, comment="Första gången"))
    assert Comment.objects.get().status == CommentStatus.PENDING
    Comment.objects.update(status=CommentStatus.APPROVED, is_public=True)
    cache.clear()
    response = client.post("/kommentarer/skicka/", form_data(client, open_post, comment="Andra gången"))
    assert Comment.objects.get(comment="Andra gången").status == CommentStatus.APPROVED
    assert "Din kommentar är publicerad" in client.get(response["Location"]).content.decode()


def test_deleting_a_page_deletes_its_comments(anonymous_post, make_post):
    keep = make_post("kvar", comment_mode="open")
    add_comment(anonymous_post, "Försvinner")
    add_comment(keep, "Stannar")
    anonymous_post.delete()
    assert list(Comment.objects.values_list("comment", flat=True)) == ["Stannar"]
