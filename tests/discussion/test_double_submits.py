"""A form sent twice (a double click, a resend) is stored once, and both answers say it was received."""

import pytest
from django.test import Client

from discussion.models import Comment

from .concurrency import require_concurrent_database, run_at_once
from .conftest import add_comment, form_data

THANKS = "Tack! Din kommentar granskas innan den publiceras."
URL = "/kommentarer/skicka/"


def _thanked(client, response):
    return response.status_code == 303 and THANKS in client.get(response["Location"]).content.decode()


def test_anonymous_form_sent_twice_is_stored_once_and_both_answers_thank(client, anonymous_post):
    data = form_data(client, anonymous_post, email="dubbel@example.se")
    first = client.post(URL, data)
    second = client.post(URL, data)
    assert _thanked(client, first) and _thanked(client, second)
    assert Comment.objects.count() == 1


def test_logged_in_double_click_is_stored_once_and_both_answers_thank(client, open_post, reader):
    client.force_login(reader)
    data = form_data(client, open_post, comment="Klickade två gånger.")
    first = client.post(URL, data)
    second = client.post(URL, data)
    assert _thanked(client, first) and _thanked(client, second)
    assert Comment.objects.get().user == reader


def test_reply_sent_twice_is_stored_once(client, anonymous_post):
    parent = add_comment(anonymous_post)
    data = form_data(client, anonymous_post, email="svar@example.se", reply_to=str(parent.pk))
    assert _thanked(client, client.post(URL, data))
    assert _thanked(client, client.post(URL, data))
    assert Comment.objects.filter(parent_id=parent.pk).exclude(pk=parent.pk).count() == 1


def test_a_different_comment_right_after_is_still_rate_limited(client, anonymous_post):
    data = form_data(client, anonymous_post, email="dubbel@example.se")
    assert client.post(URL, data).status_code == 303
    assert client.post(URL, {**data, "comment": "Något helt annat."}).status_code == 429
    assert Comment.objects.count() == 1


def test_the_same_text_from_another_reader_is_stored_too(client, anonymous_post):
    # A cached page gives every reader the same form timestamp: the key must tell them apart.
    data = form_data(client, anonymous_post, email="en@example.se")
    assert client.post(URL, data, REMOTE_ADDR="192.0.2.1").status_code == 303
    assert client.post(URL, {**data, "email": "annan@example.se"}, REMOTE_ADDR="192.0.2.2").status_code == 303
    assert Comment.objects.count() == 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_anonymous_form_sent_twice_at_once_is_stored_once(anonymous_post):
    require_concurrent_database()
    data = form_data(Client(), anonymous_post, email="samtidigt@example.se")
    for _round in range(5):
        Comment.objects.all().delete()
        from django.core.cache import cache

        cache.clear()
        data["comment"] = f"Samtidigt skickad, omgång {_round}."
        responses = run_at_once([lambda: Client().post(URL, data) for _ in range(2)])
        assert [r.status_code for r in responses] == [303, 303]
        assert all("kommentar=tack" in r["Location"] for r in responses)
        assert Comment.objects.count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_logged_in_double_click_at_once_is_stored_once(open_post, reader):
    require_concurrent_database()
    from django.core.cache import cache

    client = Client()
    client.force_login(reader)
    data = form_data(client, open_post)
    for _round in range(5):
        Comment.objects.all().delete()
        cache.clear()
        data["comment"] = f"Dubbelklick, omgång {_round}."

        def post():
            own = Client()
            own.cookies = client.cookies  # the same browser: same session, same CSRF cookie
            return own.post(URL, data)

        responses = run_at_once([post, post])
        assert [r.status_code for r in responses] == [303, 303]
        assert Comment.objects.get().user == reader
