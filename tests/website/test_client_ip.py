"""Behind the production proxies, the reader's address comes from the entries our own proxies added."""

from django.test import RequestFactory

from website.net import client_ip


def request_from(remote, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_proxies_the_socket_address_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request_from("203.0.113.7", "198.51.100.1")) == "203.0.113.7"


def test_behind_two_proxies_the_address_the_outer_proxy_saw_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    # The reader forged the first entry; the TLS proxy added 203.0.113.9, Varnish added 127.0.0.1.
    request = request_from("127.0.0.1", "10.9.9.9, 203.0.113.9, 127.0.0.1")
    assert client_ip(request) == "203.0.113.9"


def test_a_short_header_falls_back_to_the_socket_address(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(request_from("127.0.0.1", "203.0.113.9")) == "127.0.0.1"


def test_an_entry_that_is_not_an_address_falls_back_to_the_socket_address(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(request_from("127.0.0.1", "203.0.113.9, bad, 127.0.0.1")) == "127.0.0.1"
    assert client_ip(request_from("127.0.0.1", "203.0.113.9, 2001:DB8::1 , 127.0.0.1")) == "2001:db8::1"
