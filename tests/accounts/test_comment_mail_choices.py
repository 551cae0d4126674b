"""A reader chooses in Mitt konto which comment mail they get; every such mail has a one-click,
signed unsubscribe link that works without logging in (RFC 8058); anonymous commenters keep the
form's checkbox and can turn mail to their address off with the same kind of link."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.test import Client

from discussion.models import Comment, CommentStatus
from tests.discussion.conftest import add_comment, form_data
from tests.moderation import decide

POST_URL = "/kommentarer/skicka/"
PROFILE = "/konto/profil/"
CHOICES_URL = "/konto/profil/e-post-om-kommentarer/"
PUBLISHED = "Din kommentar är publicerad"
REFUSED = "Din kommentar publicerades inte"
REPLY = "Nytt svar på din kommentar"
BAD_LINK = "Länken fungerar inte."


@pytest.fixture
def other_reader(db):
    user = get_user_model().objects.create_user(
        username="svarare", email="svarare@example.se", password="hemligt-123", first_name="Svarande"
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _mails(subject):
    return [m for m in mail.outbox if m.subject == subject]


def _unsubscribe_path(message):
    """The link in the body, as a path; it must be the one the List-Unsubscribe header names."""
    url = re.search(r"https?://\S+/konto/e-post/avsluta/\S+/", message.body).group(0)
    assert message.extra_headers["List-Unsubscribe"] == f"<{url}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    return url[url.index("/konto/") :]


def _post_comment(user, page, text, **fields):
    cache.clear()  # the rate limit: these are posts minutes apart
    client = _client(user)
    response = client.post(POST_URL, form_data(client, page, comment=text, **fields))
    assert response.status_code == 303
    return Comment.objects.get(comment=text)


def _decide(moderator, comment, action, capture, **fields):
    with capture(execute=True):
        response = decide(_client(moderator), action, comment.pk, **fields)
    assert response.status_code == 302


def _choose(client, **choices):
    data = {f"epost-{name}": "on" for name, chosen in choices.items() if chosen}
    return client.post(CHOICES_URL, data)


def _checked(html, name):
    tag = re.search(rf'<input[^>]*name="epost-{name}"[^>]*>', html).group(0)
    return "checked" in tag


# Mitt konto: the three choices


def test_profile_shows_the_three_choices_with_their_defaults_in_swedish(client, reader):
    client.force_login(reader)
    html = client.get(PROFILE).content.decode()
    assert "E-post om dina kommentarer" in html
    for label in (
        "När min kommentar har publicerats",
        "När min kommentar inte publiceras",
        "När någon svarar på min kommentar",
    ):
        assert label in html
    assert "Med moderatorns skäl." in html  # help text
    assert _checked(html, "published") and _checked(html, "refused") and not _checked(html, "reply")


def test_reader_changes_the_choices_and_sees_them_kept(client, reader):
    client.force_login(reader)
    response = _choose(client, published=False, refused=True, reply=True)
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert "Dina val för e-post om kommentarer är sparade." in html
    assert not _checked(html, "published") and _checked(html, "refused") and _checked(html, "reply")


def test_choices_need_a_login_and_a_csrf_token(reader):
    anonymous = Client()
    assert anonymous.post(CHOICES_URL, {"epost-reply": "on"})["Location"].startswith("/konto/login/")
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(reader)
    assert strict.post(CHOICES_URL, {"epost-reply": "on"}).status_code == 403
    html = strict.get(PROFILE).content.decode()
    assert not _checked(html, "reply")


def test_logged_in_form_has_no_per_comment_checkbox_but_points_to_the_choices(client, open_post, reader):
    client.force_login(reader)
    html = client.get(open_post.url).content.decode()
    assert 'name="notify"' not in html
    assert "/konto/profil/#e-post-om-kommentarer" in html


# Published and refused mail follow the choices


def test_published_mail_links_to_the_comment_and_can_be_turned_off(
    open_post, reader, moderator, django_capture_on_commit_callbacks
):
    comment = _post_comment(reader, open_post, "Bra att biblioteket öppnar igen.")
    _decide(moderator, comment, "approve", django_capture_on_commit_callbacks)
    [message] = _mails(PUBLISHED)
    assert message.to == [reader.email]
    assert f"http://testserver{open_post.url}#kommentar-{comment.pk}" in message.body
    html = Client().get(open_post.url).content.decode()
    assert f'id="kommentar-{comment.pk}"' in html  # the anchor the link names is on the page
    _unsubscribe_path(message)


def test_reader_who_turned_published_off_gets_no_mail(open_post, reader, moderator, django_capture_on_commit_callbacks):
    _choose(_client(reader), published=False, refused=True)
    comment = _post_comment(reader, open_post, "Ingen post om den här, tack.")
    _decide(moderator, comment, "approve", django_capture_on_commit_callbacks)
    assert _mails(PUBLISHED) == []
    assert Comment.objects.get(pk=comment.pk).status == CommentStatus.APPROVED


def test_refused_mail_carries_the_reason_and_follows_the_choice(
    open_post, reader, moderator, django_capture_on_commit_callbacks
):
    first = _post_comment(reader, open_post, "Den första som avvisas.")
    _decide(moderator, first, "reject", django_capture_on_commit_callbacks, reason_text="Handlar inte om inlägget")
    [message] = _mails(REFUSED)
    assert message.to == [reader.email] and "Handlar inte om inlägget" in message.body
    _unsubscribe_path(message)

    _choose(_client(reader), published=True, refused=False)
    second = _post_comment(reader, open_post, "Den andra som avvisas.")
    _decide(moderator, second, "reject", django_capture_on_commit_callbacks, reason_text="Reklam")
    assert len(_mails(REFUSED)) == 1


# Replies


def test_reply_mail_goes_to_the_parents_author_once_when_the_reply_is_approved(
    open_post, reader, other_reader, moderator, django_capture_on_commit_callbacks
):
    _choose(_client(reader), published=True, refused=True, reply=True)
    parent = add_comment(open_post, "Vem sköter snöröjningen?", user=reader, email=reader.email)
    reply = _post_comment(other_reader, open_post, "Det gör kommunen.", reply_to=str(parent.pk))
    assert _mails(REPLY) == []  # pending: not yet

    _decide(moderator, reply, "approve", django_capture_on_commit_callbacks)
    [message] = _mails(REPLY)
    assert message.to == [reader.email]
    assert "Skogsbo har svarat på din kommentar" in message.body and "Det gör kommunen." in message.body
    assert f"http://testserver{open_post.url}#kommentar-{reply.pk}" in message.body
    _unsubscribe_path(message)

    # Rejected, then approved again: still one mail for this reply.
    _decide(moderator, reply, "reject", django_capture_on_commit_callbacks, reason_text="Reklam")
    _decide(moderator, reply, "approve", django_capture_on_commit_callbacks)
    assert len(_mails(REPLY)) == 1


def test_no_reply_mail_by_default_or_for_ones_own_reply(
    open_post, reader, other_reader, moderator, django_capture_on_commit_callbacks
):
    parent = add_comment(open_post, "Svarar någon?", user=other_reader, email=other_reader.email)
    reply = _post_comment(reader, open_post, "Ja, jag.", reply_to=str(parent.pk))
    _decide(moderator, reply, "approve", django_capture_on_commit_callbacks)
    assert _mails(REPLY) == []  # other_reader never turned reply mail on

    _choose(_client(reader), published=True, refused=True, reply=True)
    own = add_comment(open_post, "Min egen fråga.", user=reader, email=reader.email)
    own_reply = _post_comment(reader, open_post, "Och mitt eget tillägg.", reply_to=str(own.pk))
    _decide(moderator, own_reply, "approve", django_capture_on_commit_callbacks)
    assert _mails(REPLY) == []


def test_a_reply_published_at_once_tells_the_parents_author(
    open_post, reader, other_reader, comment_settings, django_capture_on_commit_callbacks
):
    comment_settings.moderation_policy = "trust_known"
    comment_settings.trusted_after_approved = 1
    comment_settings.save()
    _choose(_client(reader), published=True, refused=True, reply=True)
    add_comment(open_post, "Godkänd förut.", user=other_reader, email=other_reader.email)  # trusted now
    parent = add_comment(open_post, "Fråga till alla.", user=reader, email=reader.email)
    client = _client(other_reader)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(POST_URL, form_data(client, open_post, comment="Direkt svar.", reply_to=str(parent.pk)))
    assert "kommentar=publicerad" in response["Location"]
    assert [m.to for m in _mails(REPLY)] == [[reader.email]]


# One-click unsubscribe


def _published_mail_for(reader, page, moderator, capture):
    comment = _post_comment(reader, page, "En kommentar som publiceras.")
    _decide(moderator, comment, "approve", capture)
    [message] = _mails(PUBLISHED)
    return _unsubscribe_path(message)


def test_unsubscribe_link_asks_first_then_turns_the_kind_off_without_login(
    open_post, reader, moderator, django_capture_on_commit_callbacks
):
    path = _published_mail_for(reader, open_post, moderator, django_capture_on_commit_callbacks)
    browser = Client(enforce_csrf_checks=True)  # not logged in
    page = browser.get(path)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Vill du sluta få e-post när dina kommentarer publiceras?" in html
    assert '<form method="post"' in html and 'class="site-header' in html  # in the site's layout
    assert _checked(_client(reader).get(PROFILE).content.decode(), "published")  # GET changed nothing

    answer = browser.post(path)
    assert answer.status_code == 200
    assert "Du får inte längre e-post när dina kommentarer publiceras." in answer.content.decode()
    html = _client(reader).get(PROFILE).content.decode()
    assert not _checked(html, "published") and _checked(html, "refused")


def test_mail_clients_one_click_post_turns_it_off(open_post, reader, moderator, django_capture_on_commit_callbacks):
    path = _published_mail_for(reader, open_post, moderator, django_capture_on_commit_callbacks)
    answer = Client(enforce_csrf_checks=True).post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert answer.status_code == 200
    assert not _checked(_client(reader).get(PROFILE).content.decode(), "published")
    # And it holds: the next approval sends nothing.
    mail.outbox.clear()
    again = _post_comment(reader, open_post, "Ännu en kommentar.")
    _decide(moderator, again, "approve", django_capture_on_commit_callbacks)
    assert _mails(PUBLISHED) == []


@pytest.mark.parametrize("damage", ["forged", "truncated", "other-purpose"])
def test_forged_unsubscribe_link_is_refused_in_swedish_and_changes_nothing(
    damage, open_post, reader, moderator, django_capture_on_commit_callbacks
):
    from subscriptions.models import Subscription

    path = _published_mail_for(reader, open_post, moderator, django_capture_on_commit_callbacks)
    token = path.rstrip("/").rsplit("/", 1)[1]
    if damage == "forged":
        token = token[:-3] + ("abc" if not token.endswith("abc") else "xyz")
    elif damage == "truncated":
        token = token[: len(token) // 2]
    else:  # a genuine signed link of another kind (subscriptions' unsubscribe) must not work here
        from subscriptions import links

        subscription = Subscription.objects.create(email=reader.email, frequency="direkt")
        token = links.token(subscription, "unsubscribe")
    bad = f"/konto/e-post/avsluta/{token}/"
    for method in ("get", "post"):
        answer = getattr(Client(), method)(bad)
        assert answer.status_code == 400
        assert BAD_LINK in answer.content.decode() and "Ingenting har ändrats." in answer.content.decode()
    assert _checked(_client(reader).get(PROFILE).content.decode(), "published")


# Anonymous commenters


def test_anonymous_commenter_keeps_the_checkbox_and_can_turn_mail_to_the_address_off(
    client, anonymous_post, moderator, django_capture_on_commit_callbacks
):
    def post(text, notify):
        fields = {"email": "Anna@Example.se", "comment": text}
        if notify:
            fields["notify"] = "on"
        cache.clear()  # the rate limit: these are posts minutes apart
        assert client.post(POST_URL, form_data(client, anonymous_post, **fields)).status_code == 303
        return Comment.objects.get(comment=text)

    _decide(moderator, post("Utan kryss.", notify=False), "approve", django_capture_on_commit_callbacks)
    assert _mails(PUBLISHED) == []
    _decide(moderator, post("Med kryss.", notify=True), "approve", django_capture_on_commit_callbacks)
    [message] = _mails(PUBLISHED)
    assert message.to == ["Anna@Example.se"]
    path = _unsubscribe_path(message)

    assert (
        Client(enforce_csrf_checks=True)
        .post(path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
        .status_code
        == 200
    )
    _decide(moderator, post("Kryss igen, men avstängt.", notify=True), "approve", django_capture_on_commit_callbacks)
    assert len(_mails(PUBLISHED)) == 1
    # Only that kind: a refusal still reaches the address, with its own link.
    _decide(
        moderator, post("Avvisas.", notify=False), "reject", django_capture_on_commit_callbacks, reason_text="Reklam"
    )
    assert [m.to for m in _mails(REFUSED)] == [["Anna@Example.se"]]
