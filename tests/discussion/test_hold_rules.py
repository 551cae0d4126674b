"""Local hold rules: under "trust known commenters" a verified reader's comment is published at once
unless a rule holds it, and the moderator sees which rule did (discussion.holds)."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from discussion.models import Comment, CommentStatus

from .conftest import add_comment, form_data

URL = "/kommentarer/skicka/"


@pytest.fixture
def trusting(comment_settings):
    comment_settings.moderation_policy = "trust_known"
    comment_settings.trusted_after_approved = 2
    comment_settings.rejection_rate_limit = 30
    comment_settings.save()
    return comment_settings


@pytest.fixture
def known_reader(open_post, reader):
    for number in range(2):
        add_comment(open_post, f"Tidigare godkänd {number}", email=reader.email, user=reader)
    return reader


def _post(client, page, text):
    response = client.post(URL, form_data(client, page, comment=text))
    assert response.status_code == 303
    return Comment.objects.filter(comment=text).latest("pk")


def test_known_reader_is_published_at_once_with_no_reason_stored(client, open_post, trusting, known_reader):
    client.force_login(known_reader)
    comment = _post(client, open_post, "En helt ny tanke om inlägget.")
    assert comment.status == CommentStatus.APPROVED
    assert comment.held_because == ""
    assert "En helt ny tanke om inlägget." in client.get(open_post.url).content.decode()


def test_new_commenters_first_comments_are_held_until_enough_are_approved(client, open_post, trusting, reader):
    add_comment(open_post, "Den första godkända", email=reader.email, user=reader)
    client.force_login(reader)
    comment = _post(client, open_post, "Min andra kommentar.")
    assert comment.status == CommentStatus.PENDING
    assert comment.held_because == "Ny kommentator: 1 av 2 kommentarer godkända"

    add_comment(open_post, "Den andra godkända", email=reader.email, user=reader)
    cache.clear()  # the rate limit, which this test is not about
    assert _post(client, open_post, "Min tredje kommentar.").status == CommentStatus.APPROVED


def test_the_same_text_posted_again_is_held_even_from_a_known_reader(client, open_post, trusting, known_reader):
    add_comment(open_post, "Köp billiga solglasögon här!", email="nagon@example.se", name="Någon")
    client.force_login(known_reader)
    comment = _post(client, open_post, "köp billiga solglasögon här!")
    assert comment.status == CommentStatus.PENDING
    assert comment.held_because == "Samma text som en tidigare kommentar"


def test_the_same_text_from_long_ago_is_not_held(client, open_post, trusting, known_reader):
    old = add_comment(open_post, "Tack för ett bra inlägg!", email="nagon@example.se", name="Någon")
    Comment.objects.filter(pk=old.pk).update(submit_date=timezone.now() - datetime.timedelta(days=31))
    client.force_login(known_reader)
    assert _post(client, open_post, "Tack för ett bra inlägg!").status == CommentStatus.APPROVED


def test_a_commenter_often_rejected_lately_is_held(client, open_post, trusting, known_reader):
    for number in range(2):
        add_comment(open_post, f"Avvisad {number}", CommentStatus.REJECTED, email=known_reader.email, user=known_reader)
    client.force_login(known_reader)
    comment = _post(client, open_post, "Ännu en kommentar.")
    assert comment.status == CommentStatus.PENDING
    assert comment.held_because == "50 % av kommentatorns kommentarer de senaste 90 dagarna avvisades"


def test_a_rate_under_the_limit_does_not_hold(client, open_post, trusting, known_reader):
    trusting.rejection_rate_limit = 50
    trusting.save()
    for number in range(2):
        add_comment(open_post, f"Avvisad {number}", CommentStatus.REJECTED, email=known_reader.email, user=known_reader)
    client.force_login(known_reader)
    assert _post(client, open_post, "Ännu en kommentar.").status == CommentStatus.APPROVED


def test_links_over_the_limit_are_held_and_named(client, open_post, trusting, known_reader):
    client.force_login(known_reader)
    comment = _post(client, open_post, "Se https://example.se/a och https://example.se/b")
    assert comment.status == CommentStatus.PENDING
    assert comment.held_because == "Innehåller 2 länkar"


def test_every_reason_is_kept_even_when_all_comments_are_held(client, open_post, comment_settings, reader):
    assert comment_settings.moderation_policy == "hold_all"
    client.force_login(reader)
    comment = _post(client, open_post, "Se https://example.se/a och https://example.se/b")
    assert comment.status == CommentStatus.PENDING
    assert comment.held_because.splitlines() == ["Innehåller 2 länkar", "Ny kommentator: 0 av 3 kommentarer godkända"]


def test_editors_set_the_rules_in_the_comment_settings(client, trusting, site):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("chef", "chef@example.se", "x-123456")
    client.force_login(admin)
    url = f"/admin/settings/discussion/commentsettings/{site.pk}/"
    page = client.get(url).content.decode()
    assert "Godkända kommentarer innan en kommentator är känd" in page
    assert "Gräns för andel avvisade (procent)" in page


def test_the_moderator_sees_in_the_queue_why_a_comment_waits(client, open_post, trusting, known_reader, moderator):
    client.force_login(known_reader)
    _post(client, open_post, "Se https://example.se/a och https://example.se/b")
    cache.clear()  # the rate limit
    published = _post(client, open_post, "Ett vanligt svar utan länkar.")
    assert published.status == CommentStatus.APPROVED
    client.force_login(moderator)
    html = client.get("/admin/kommentarer/?queue=pending").content.decode()
    assert "Hölls för granskning eftersom:" in html
    assert "<li><small>Innehåller 2 länkar</small></li>" in html
    assert html.count("Hölls för granskning eftersom:") == 1
