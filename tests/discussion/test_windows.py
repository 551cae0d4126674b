"""Every comment window, as the reader sees it (GET) and as the server holds it (POST)."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from discussion.models import Comment

from .conftest import add_comment, form_data

LOGIN_TEXT = "Du måste vara inloggad för att få kommentera"
CLOSED_TEXT = "Stängd för fler kommentarer"


def _post(client, page, data=None):
    data = data or form_data(client, page, email="a@example.se")
    return client.post("/kommentarer/skicka/", data)


def test_open_page_shows_form(client, anonymous_post):
    html = client.get(anonymous_post.url).content.decode()
    assert 'class="comment-form"' in html
    assert CLOSED_TEXT not in html and LOGIN_TEXT not in html


def test_login_required_shows_login_link_back_to_page(client, open_post):
    html = client.get(open_post.url).content.decode()
    assert LOGIN_TEXT in html
    assert f"/konto/login/?next={open_post.url}" in html
    assert 'class="comment-form"' not in html


def test_anonymous_post_to_login_required_page_is_refused(client, open_post, reader, anonymous_post):
    client.force_login(reader)
    data = form_data(client, open_post)
    client.logout()
    data.pop("csrfmiddlewaretoken")
    response = _post(client, open_post, data)
    assert response.status_code == 403
    assert "inloggad" in response.content.decode()
    assert Comment.objects.count() == 0


@pytest.mark.parametrize(
    "fields",
    [
        {"comment_mode": "closed"},
        {"comment_mode": "open", "comments_close_at": timezone.now() - datetime.timedelta(minutes=1)},
        {"comment_mode": "open", "comments_close_after_days": 3},
    ],
    ids=["mode", "date", "age"],
)
def test_closed_page_shows_comments_but_no_form_and_refuses_posts(client, make_post, fields):
    post = make_post("stangd", comments_login="anonymous")
    data = form_data(client, post, email="a@example.se")  # taken while still open
    add_comment(post, "En gammal godkänd kommentar")
    type(post).objects.filter(pk=post.pk).update(**fields)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=4)):
        html = client.get(post.url).content.decode()
        assert CLOSED_TEXT in html
        assert "En gammal godkänd kommentar" in html
        assert 'class="comment-form"' not in html
        response = _post(client, post, data)
    assert response.status_code == 403
    assert Comment.objects.count() == 1


def test_site_default_close_after_days_applies(client, make_post, comment_settings):
    post = make_post("standard", comments_login="anonymous")
    with time_machine.travel(timezone.now() + datetime.timedelta(days=31)):
        assert CLOSED_TEXT in client.get(post.url).content.decode()
    assert 'class="comment-form"' in client.get(post.url).content.decode()


def test_hidden_page_has_no_comment_section_and_refuses_posts(client, make_post):
    post = make_post("dold", comments_login="anonymous")
    data = form_data(client, post, email="a@example.se")
    add_comment(post, "Syns aldrig")
    type(post).objects.filter(pk=post.pk).update(comment_mode="hidden")
    html = client.get(post.url).content.decode()
    assert 'id="kommentarer"' not in html and "Syns aldrig" not in html
    assert _post(client, post, data).status_code == 403
    assert Comment.objects.count() == 1


def test_site_setting_off_hides_default_pages(client, make_post, comment_settings):
    comment_settings.enabled_by_default = False
    comment_settings.save()
    post = make_post("av")
    assert 'id="kommentarer"' not in client.get(post.url).content.decode()


def test_site_default_login_required(client, make_post, comment_settings):
    post = make_post("std-login")
    assert LOGIN_TEXT in client.get(post.url).content.decode()
    comment_settings.login_required = False
    comment_settings.save()
    assert 'id="id_email"' in client.get(post.url).content.decode()


def test_logged_in_post_needs_csrf_token(client, open_post, reader):
    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(reader)
    data = form_data(csrf_client, open_post)
    data.pop("csrfmiddlewaretoken")
    assert csrf_client.post("/kommentarer/skicka/", data).status_code == 403
    assert Comment.objects.count() == 0
    data = form_data(csrf_client, open_post)
    assert csrf_client.post("/kommentarer/skicka/", data).status_code == 303


def test_form_from_a_day_old_cached_page_still_works(client, anonymous_post):
    data = form_data(client, anonymous_post, email="a@example.se")
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=30)):
        assert _post(client, anonymous_post, data).status_code == 303
