"""Site search at /sok/: finds pages, pages through results, and never fails on odd input."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from caching import memo
from home.models import StandardPage
from tests.factories import StandardPageFactory, publish
from website.views import SEARCH_RESULTS_PER_PAGE

# What these tests search for is indexed as the site indexes it: on every save (tests/conftest.py).
pytestmark = pytest.mark.search_index


def add_page(parent, title, lead="", **fields):
    # Created and published through the model API; the search index follows the save signals.
    return publish(StandardPageFactory(parent=parent, title=title, lead=lead, **fields))


def search(client, query, **params):
    response = client.get("/sok/", {"q": query, **params})
    assert response.status_code == 200
    return response.content.decode()


def test_reader_finds_page_by_word_in_title(client, home_page):
    add_page(home_page, "Laddstolpar i byarna", "Byalagen bygger laddstolpar.")
    add_page(home_page, "Bredband", "Fiber till de sista hushållen.")

    html = search(client, "laddstolpar")

    assert "Laddstolpar i byarna" in html
    assert "Bredband" not in html
    assert "1 träff för ”laddstolpar”" in html


def test_search_skips_unpublished_pages(client, home_page):
    page = add_page(home_page, "Hemlig planering")
    page.unpublish()

    html = search(client, "planering")

    assert "Hemlig planering" not in html
    assert "0 träffar" in html


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Swedish stemming ('kommunerna' -> 'kommun') needs PostgreSQL's 'swedish' text search configuration; "
    "SQLite's full-text search has no Swedish stemmer. CI runs this on PostgreSQL.",
)
def test_inflected_swedish_word_finds_page(client, home_page):
    add_page(home_page, "Så arbetar en kommun med byautveckling", "Varje kommun kan göra mer.")
    add_page(home_page, "Bredband", "Fiber till de sista hushållen.")

    html = search(client, "kommunerna")

    assert "Så arbetar en kommun med byautveckling" in html
    assert "Bredband" not in html


def test_results_are_paginated(client, home_page):
    for number in range(SEARCH_RESULTS_PER_PAGE + 3):
        add_page(home_page, f"Cykelverkstad {number}", "Om cykelverkstäder.")

    first = search(client, "cykelverkstad")
    second = search(client, "cykelverkstad", sida=2)

    assert f"{SEARCH_RESULTS_PER_PAGE + 3} träffar" in first
    assert first.count('<li>\n      <h2><a href="/') == SEARCH_RESULTS_PER_PAGE
    assert second.count('<li>\n      <h2><a href="/') == 3
    assert 'href="?q=cykelverkstad&amp;sida=2"' in first
    for bad in ("999", "abc", "-1", "0"):
        assert "träffar" in search(client, "cykelverkstad", sida=bad)


def test_empty_query_shows_the_form_only(client, home_page):
    for query in ("", "   "):
        html = search(client, query)
        assert 'id="search-q"' in html
        assert "träff" not in html


@pytest.mark.parametrize(
    "query",
    [
        "kom\x00mun",
        "\x00",
        "k" * 10_000,
        "kommun " * 2000,
        "' OR 1=1 --",
        '"unclosed',
        "a & b | !c",
        "<script>alert(1)</script>",
        "(((",
        "*",
        "ö" * 300,
    ],
)
def test_hostile_query_never_fails(client, home_page, query):
    add_page(home_page, "Kommunens service")

    response = client.get("/sok/", {"q": query})

    assert response.status_code in (200, 400)
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_search_refuses_post(client, home_page):
    assert client.post("/sok/", {"q": "kommun"}).status_code == 405


def test_long_query_is_shortened_in_the_form(client, home_page):
    html = search(client, "k" * 10_000)
    assert "k" * 201 not in html


def test_search_page_is_not_indexed_by_robots(client, home_page):
    assert "Disallow: /sok/" in client.get("/robots.txt").content.decode()


def test_search_finds_blog_post_body_text(client, home_page):
    from tests.blog.factories import BlogIndexPageFactory, make_post

    index = publish(BlogIndexPageFactory(parent=home_page))
    make_post(index, title="Om service", body=[("paragraph", "<p>Lanthandeln blir paketombud.</p>")])

    assert "Om service" in search(client, "paketombud")
    assert StandardPage.objects.count() == 0


def test_pagination_keeps_a_query_with_ampersand(client, home_page):
    for number in range(SEARCH_RESULTS_PER_PAGE + 1):
        add_page(home_page, f"Service och unga {number}")

    first = BeautifulSoup(search(client, "service & unga"), "html.parser")
    next_link = first.select_one('.pagination a[rel="next"]')["href"]

    assert next_link == "?q=service+%26+unga&sida=2"
    second = client.get("/sok/" + next_link).content.decode()
    assert "11 träffar för ”service &amp; unga”" in second


def _search_queries(client, query):

    with CaptureQueriesContext(connection) as captured:
        assert "träffar" in search(client, query)
    return [entry["sql"] for entry in captured]


def test_search_queries_do_not_grow_with_the_hits(client, home_page, django_assert_max_num_queries):
    from tests.blog.factories import BlogIndexPageFactory, make_post

    blog = publish(BlogIndexPageFactory(parent=home_page))
    add_page(home_page, "Cykelverkstad i byn", "Om cykelverkstäder.")
    add_page(home_page, "Cykelverkstad på skolan", "Om cykelverkstäder.")
    make_post(blog, title="Cykelverkstad öppnar", body=[("paragraph", "<p>Om cykelverkstäder.</p>")])
    search(client, "cykelverkstad")  # warm Wagtail's per-site caches
    memo.forget()  # the results themselves, not a remembered rendering of them (caching.memo)
    few = _search_queries(client, "cykelverkstad")
    for number in range(30):
        add_page(home_page, f"Cykelverkstad {number}", "Om cykelverkstäder.")
    for number in range(5):
        make_post(blog, title=f"Cykelverkstad {number} öppnar", body=[("paragraph", "<p>Om cykelverkstäder.</p>")])

    with django_assert_max_num_queries(len(few)):
        html = search(client, "cykelverkstad")

    assert "38 träffar" in html
    assert html.count('<li>\n      <h2><a href="/') == SEARCH_RESULTS_PER_PAGE
    # The search results count the hits in one query and rank the shown ones in another (public API
    # only, whatever the backend); the shown ones then load with one query per page type.
    assert sum("indexentry" in sql.lower() for sql in few) == 2


def test_out_of_range_page_numbers_fall_back(client, home_page):
    for number in range(SEARCH_RESULTS_PER_PAGE + 3):
        add_page(home_page, f"Laddstolpe {number}", "Om laddstolpar.")

    def shown(page):
        return search(client, "laddstolpe", sida=page).count('<li>\n      <h2><a href="/')

    assert shown("abc") == SEARCH_RESULTS_PER_PAGE  # not a number: the first page
    assert shown("2.5") == SEARCH_RESULTS_PER_PAGE
    for past_the_end in ("3", "999", "0", "-1", "9" * 30):  # out of range: the last page, as in listings
        assert shown(past_the_end) == 3
        assert "13 träffar" in search(client, "laddstolpe", sida=past_the_end)
