"""A reader comments, a moderator approves, the comment appears: all through HTTP."""

from django.core import mail

from discussion.models import Comment, CommentStatus
from tests.moderation import QUEUE, decide, seen

from .conftest import add_comment, form_data

THANKS = "Tack! Din kommentar granskas innan den publiceras."


def test_reader_posts_comment_and_moderator_approves_it(
    client, open_post, reader, moderator, django_capture_on_commit_callbacks
):
    client.force_login(reader)
    data = form_data(client, open_post, comment="Vi behöver fler mötesplatser i byn.", notify="on")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/kommentarer/skicka/", data)
    assert response.status_code == 303
    page = client.get(response["Location"])
    assert THANKS in page.content.decode()
    # Only its writer sees it, marked as waiting (others: after logout below).
    assert "Väntar på granskning – bara du ser den" in page.content.decode()
    comment = Comment.objects.get()
    assert comment.status == CommentStatus.PENDING and comment.user == reader
    assert [m.to for m in mail.outbox] == [["moderatorer@example.se"]]

    client.logout()
    assert "Vi behöver fler mötesplatser i byn." not in client.get(open_post.url).content.decode()

    client.force_login(moderator)
    queue = client.get(QUEUE)
    assert queue.status_code == 200
    assert "Vi behöver fler mötesplatser i byn." in queue.content.decode()
    assert "1 kommentar väntar" in queue.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = decide(client, "approve", comment.pk, seen=seen(client))
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["lasare@example.se"]

    client.logout()
    html = client.get(open_post.url).content.decode()
    assert "Vi behöver fler mötesplatser i byn." in html
    assert "lasare@example.se" not in html


def test_anonymous_reader_posts_with_name_and_email_never_shown(client, anonymous_post):
    data = form_data(client, anonymous_post, email="anna@example.se")
    assert "csrfmiddlewaretoken" not in data  # the page carries nothing per reader
    response = client.post("/kommentarer/skicka/", data)
    assert response.status_code == 303
    comment = Comment.objects.get()
    assert comment.user_email == "anna@example.se" and comment.user is None
    Comment.objects.filter(pk=comment.pk).update(status=CommentStatus.APPROVED, is_public=True)
    html = client.get(anonymous_post.url).content.decode()
    assert "En vänlig kommentar om byn." in html
    assert "anna@example.se" not in html
    assert "gravatar" not in html.lower()


def test_anonymous_form_has_labelled_fields_counter_and_privacy_notice(client, anonymous_post):
    html = client.get(anonymous_post.url).content.decode()
    for field in ("id_name", "id_email", "id_comment", "id_notify"):
        assert f'for="{field}"' in html
    assert 'maxlength="300"' in html
    assert 'aria-live="polite"' in html
    assert "/static/js/comments.js" in html
    assert "Behandling av personuppgifter" in html
    assert 'href="/personuppgifter/"' in html


def test_logged_in_form_asks_no_email(client, open_post, reader):
    client.force_login(reader)
    html = client.get(open_post.url).content.decode()
    assert 'id="id_email"' not in html
    assert "csrfmiddlewaretoken" in html


def test_errors_are_summarised_and_linked_to_fields(client, anonymous_post):
    data = form_data(client, anonymous_post, comment="", email="inte-en-adress")
    response = client.post("/kommentarer/skicka/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert 'href="#id_comment"' in html and 'href="#id_email"' in html
    assert Comment.objects.count() == 0


def test_line_breaks_count_once_like_the_browser(client, anonymous_post, comment_settings):
    comment_settings.max_length = 20
    comment_settings.save()
    ten_lines = "\r\n".join(["ab"] * 7)  # 14 letters + 6 breaks = 20 in the browser, 26 raw
    response = client.post(
        "/kommentarer/skicka/", form_data(client, anonymous_post, comment=ten_lines, email="a@example.se")
    )
    assert response.status_code == 303
    assert Comment.objects.get().comment == "\n".join(["ab"] * 7)
    too_long = "😀" * 11  # 22 UTF-16 units, as String.length counts
    response = client.post(
        "/kommentarer/skicka/", form_data(client, anonymous_post, comment=too_long, email="b@example.se")
    )
    assert response.status_code == 400
    assert Comment.objects.count() == 1


def test_identical_comment_sent_twice_is_stored_once(client, anonymous_post):
    data = form_data(client, anonymous_post, email="a@example.se")
    assert client.post("/kommentarer/skicka/", data).status_code == 303
    assert client.post("/kommentarer/skicka/", data).status_code == 303
    assert Comment.objects.count() == 1


def test_second_post_within_seconds_is_rate_limited(client, anonymous_post):
    assert (
        client.post("/kommentarer/skicka/", form_data(client, anonymous_post, email="a@example.se")).status_code == 303
    )
    response = client.post(
        "/kommentarer/skicka/", form_data(client, anonymous_post, email="a@example.se", comment="En annan kommentar.")
    )
    assert response.status_code == 429
    assert "Vänta en stund" in response.content.decode()
    assert Comment.objects.count() == 1


def test_honeypot_filled_is_refused(client, anonymous_post):
    response = client.post(
        "/kommentarer/skicka/", form_data(client, anonymous_post, email="a@example.se", website="spam")
    )
    assert response.status_code == 400
    assert Comment.objects.count() == 0


def test_disallowed_words_are_refused_and_moderation_words_held(client, anonymous_post, comment_settings, reader):
    comment_settings.disallowed_words = "fula ord\n"
    comment_settings.moderation_words = "kasino"
    comment_settings.moderation_policy = "trust_known"
    comment_settings.trusted_after_approved = 1
    comment_settings.save()
    response = client.post(
        "/kommentarer/skicka/", form_data(client, anonymous_post, email="a@example.se", comment="Här står FULA ORD.")
    )
    assert response.status_code == 400
    assert Comment.objects.count() == 0
    add_comment(anonymous_post, email=reader.email, user=reader)  # a known, verified commenter
    client.force_login(reader)
    client.post("/kommentarer/skicka/", form_data(client, anonymous_post, comment="Trevligt inlägg!"))
    assert Comment.objects.get(comment="Trevligt inlägg!").status == CommentStatus.APPROVED
    from django.core.cache import cache

    cache.clear()
    client.post("/kommentarer/skicka/", form_data(client, anonymous_post, comment="Spela kasino"))
    assert Comment.objects.get(comment="Spela kasino").status == CommentStatus.PENDING
    cache.clear()
    client.post(
        "/kommentarer/skicka/",
        form_data(client, anonymous_post, comment="Se https://a.example och https://b.example"),
    )
    assert Comment.objects.get(comment__startswith="Se https").status == CommentStatus.PENDING
