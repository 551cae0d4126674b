"""Behind the production proxies (TLS proxy, Varnish), one setting, TRUSTED_PROXY_COUNT, tells
every per-reader limit who the reader is: allauth's login limits and the comment rate limit."""

import logging

import pytest
from allauth.account.adapter import DefaultAccountAdapter
from django.test import Client
from django.utils import translation
from django.utils.html import escape

from discussion.models import Comment

from .conftest import form_data

PROXY = "127.0.0.1"
LOGIN_URL = "/konto/login/"
with translation.override("sv"):
    TOO_MANY = escape(str(DefaultAccountAdapter.error_messages["too_many_login_attempts"]))


@pytest.fixture(autouse=True)
def _behind_two_proxies(settings):
    settings.TRUSTED_PROXY_COUNT = 2


def _reader_at(ip):
    """A reader at ip, as Varnish hands the request on: the TLS proxy added ip, Varnish 127.0.0.1."""
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"{ip}, {PROXY}", raise_request_exception=False)


def _log_in(client, email, password):
    return client.post(LOGIN_URL, {"login": email, "password": password})


def test_failed_logins_from_one_reader_do_not_lock_out_another(db, reader):
    attacker = _reader_at("203.0.113.66")
    answers = [_log_in(attacker, f"gissning{n}@example.se", "fel-losenord").content.decode() for n in range(11)]
    # allauth's per-IP limit (10 failed logins a minute) applies to the reader who failed ...
    assert [TOO_MANY in answer for answer in answers] == [False] * 10 + [True]
    # ... and not to everyone behind the same proxy.
    assert _log_in(_reader_at("198.51.100.7"), "lasare@example.se", "hemligt-123").status_code == 302


def test_forwarded_for_that_is_not_an_address_is_ignored_and_logged(client, anonymous_post, caplog):
    data = form_data(client, anonymous_post, email="a@example.se")
    forged = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"<script>x</script>, {PROXY}")
    with caplog.at_level(logging.WARNING, logger="website.net"):
        assert forged.post("/kommentarer/skicka/", data).status_code == 303
        assert _log_in(forged, "lasare@example.se", "fel-losenord").status_code == 200
    assert Comment.objects.get().ip_address == PROXY
    assert "X-Forwarded-For entry is not an IP address" in caplog.text


def test_forwarded_for_with_an_address_is_the_readers(client, anonymous_post, caplog):
    data = form_data(client, anonymous_post, email="a@example.se")
    with caplog.at_level(logging.WARNING, logger="website.net"):
        assert _reader_at("203.0.113.9").post("/kommentarer/skicka/", data).status_code == 303
    assert Comment.objects.get().ip_address == "203.0.113.9"
    assert "X-Forwarded-For" not in caplog.text
