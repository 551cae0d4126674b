"""Every page tells a logged-in reader who they are, and the anonymous page stays one cacheable page."""

import re

import pytest
from django.test import Client


@pytest.fixture
def named_reader(reader):
    reader.first_name = "Skogsmulle"
    reader.save()
    return reader


def header(html):
    return html[html.index('<header class="site-header">') : html.index("</header>")]


def test_logged_in_reader_sees_name_account_link_and_log_out_form(client, open_post, named_reader):
    client.force_login(named_reader)
    for url in (open_post.url, "/", "/sok/?q=by"):
        html = header(client.get(url).content.decode())
        assert "Skogsmulle" in html, url
        assert 'href="/konto/"' in html and "Mitt konto" in html
        logout = re.search(r'<form method="post" action="/konto/logout/"[^>]*>(.*?)</form>', html, re.S)
        assert logout and "csrfmiddlewaretoken" in logout.group(1) and "Logga ut" in logout.group(1)
        assert "Logga in" not in html


def test_log_out_from_the_header_returns_to_the_page(client, open_post, named_reader):
    client.force_login(named_reader)
    response = client.post("/konto/logout/", {"next": open_post.url})
    assert response.status_code == 302 and response["Location"] == open_post.url
    html = header(client.get(open_post.url).content.decode())
    assert "Skogsmulle" not in html and "Logga in" in html


def test_log_out_needs_the_csrf_token(open_post, named_reader):
    client = Client(enforce_csrf_checks=True)
    client.force_login(named_reader)
    assert client.post("/konto/logout/").status_code == 403
    assert "_auth_user_id" in client.session


def test_anonymous_reader_sees_log_in_link_back_to_the_page(client, open_post):
    html = header(client.get(open_post.url).content.decode())
    assert f'href="/konto/login/?next={open_post.url.replace("/", "%2F")}"' in html
    assert "Logga ut" not in html and "Mitt konto" not in html and "csrfmiddlewaretoken" not in html


def test_anonymous_page_is_the_same_for_everyone_and_served_from_cache_without_queries(
    settings, open_post, named_reader, django_assert_num_queries
):
    settings.PAGE_CACHE_ENABLED = True
    first = Client().get(open_post.url)
    assert first.status_code == 200 and "Set-Cookie" not in str(first.headers)
    with django_assert_num_queries(0):
        second = Client().get(open_post.url)
    assert second.status_code == 200
    assert second.content == first.content
    assert "Logga in" in header(second.content.decode())

    # A logged-in reader is never given the shared page, and never puts theirs in it.
    member = Client()
    member.force_login(named_reader)
    assert "Skogsmulle" in member.get(open_post.url).content.decode()
    with django_assert_num_queries(0):
        third = Client().get(open_post.url)
    assert "Skogsmulle" not in third.content.decode()
    assert third.content == first.content
