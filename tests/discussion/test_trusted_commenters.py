"""'Trust known commenters' trusts verified, logged-in accounts only; anonymous answers never differ by address."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.cache import cache

from discussion.models import Comment, CommentStatus

from .conftest import add_comment, form_data

URL = "/kommentarer/skicka/"


@pytest.fixture
def trusting(comment_settings):
    comment_settings.moderation_policy = "trust_known"
    # One approved comment makes a commenter known here; the hold rules have tests of their own.
    comment_settings.trusted_after_approved = 1
    comment_settings.save()
    return comment_settings


def _anonymous_answer(client, page, email, text):
    cache.clear()
    response = client.post(URL, form_data(client, page, email=email, comment=text))
    page = client.get(response["Location"]).content.decode()
    # The form under the thanks carries a fresh timestamp and hash; everything else must match.
    page = re.sub(r'name="(timestamp|security_hash)" value="[^"]*"', "", page)
    return response.status_code, response["Location"], page


def test_anonymous_post_typing_a_trusted_address_is_held_and_answered_like_any_other(
    client, anonymous_post, trusting, reader
):
    add_comment(anonymous_post, email="redaktionen@example.se")  # approved before, anonymously
    add_comment(anonymous_post, email=reader.email, user=reader)  # and a verified account's address
    known = _anonymous_answer(client, anonymous_post, "redaktionen@example.se", "Låtsas vara redaktionen.")
    account = _anonymous_answer(client, anonymous_post, reader.email, "Låtsas vara läsaren.")
    unknown = _anonymous_answer(client, anonymous_post, "okand@example.se", "Helt ny här.")
    assert known[0] == account[0] == unknown[0] == 303
    assert known[1] == account[1] == unknown[1]
    assert known[2] == account[2] == unknown[2]  # the page after: the same thanks, nothing shown
    for text in ("Låtsas vara redaktionen.", "Låtsas vara läsaren.", "Helt ny här."):
        assert Comment.objects.get(comment=text).status == CommentStatus.PENDING


def test_anonymous_resend_answers_the_same_whatever_the_address(client, anonymous_post, trusting):
    add_comment(anonymous_post, email="kand@example.se")
    data = form_data(client, anonymous_post, email="kand@example.se", comment="Skickas två gånger.")
    assert client.post(URL, data)["Location"] == client.post(URL, data)["Location"]
    assert "kommentar=tack" in client.post(URL, data)["Location"]


def test_verified_account_with_an_approved_comment_is_published_at_once(client, open_post, trusting, reader):
    add_comment(open_post, email=reader.email, user=reader)
    client.force_login(reader)
    response = client.post(URL, form_data(client, open_post, comment="Betrodd läsare."))
    assert "kommentar=publicerad" in response["Location"]
    assert Comment.objects.get(comment="Betrodd läsare.").status == CommentStatus.APPROVED


def test_unverified_account_is_held_even_with_an_approved_comment(client, open_post, trusting):
    user = get_user_model().objects.create_user(username="overifierad", email="ov@example.se", password="x-123456")
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    add_comment(open_post, email=user.email, user=user)
    client.force_login(user)
    response = client.post(URL, form_data(client, open_post, comment="Inte verifierad."))
    assert "kommentar=tack" in response["Location"]
    assert Comment.objects.get(comment="Inte verifierad.").status == CommentStatus.PENDING


def test_account_whose_address_was_approved_anonymously_is_not_trusted_by_that(client, open_post, trusting, reader):
    add_comment(open_post, email=reader.email)  # someone typed the reader's address, no account
    client.force_login(reader)
    client.post(URL, form_data(client, open_post, comment="Första med kontot."))
    assert Comment.objects.get(comment="Första med kontot.").status == CommentStatus.PENDING
