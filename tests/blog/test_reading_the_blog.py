"""A reader browses the blog: dates in Swedish, topics, pages of posts, and each author's posts."""

import datetime

import pytest
from bs4 import BeautifulSoup

from tests import factories
from tests.blog.factories import AuthorFactory, BlogIndexPageFactory, make_post


def soup(client, path, status=200):
    response = client.get(path)
    assert response.status_code == status, path
    return BeautifulSoup(response.content, "html.parser")


def card_titles(page):
    return [heading.get_text(strip=True) for heading in page.select(".card__title")]


def test_post_shows_publication_date_in_swedish(client, blog_index, author):
    post = make_post(blog_index, title="Datum", authors=[author], date=datetime.date(2026, 11, 27))

    meta = soup(client, post.url).select_one(".post .meta")

    assert "Publicerad 27 november 2026" in " ".join(meta.get_text().split())
    assert meta.find("time")["datetime"] == "2026-11-27"
    assert "Uppdaterad" not in meta.get_text()


def test_post_shows_updated_date(client, blog_index, author):
    post = make_post(
        blog_index, authors=[author], date=datetime.date(2026, 3, 2), updated_on=datetime.date(2026, 5, 14)
    )

    meta = " ".join(soup(client, post.url).select_one(".post .meta").get_text().split())

    assert "Publicerad 2 mars 2026" in meta
    assert "Uppdaterad 14 maj 2026" in meta


def test_post_shows_authors_tags_and_related_pages(client, blog_index, author):
    other = make_post(blog_index, title="Läs mig också", authors=[author])
    post = make_post(blog_index, title="Huvudinlägg", authors=[author], tag_names=["service", "unga"])
    post.related_pages.create(related_page=other)
    post.save_revision().publish()

    page = soup(client, post.url)

    box = page.select_one(".author-box")
    assert "Karin Exempelsson" in box.get_text()
    assert box.find("a")["href"] == "/blogg/forfattare/karin-exempelsson/"
    assert [a.get_text() for a in page.select(".tags a")] == ["service", "unga"]
    assert page.select_one(".tags a")["href"] == "/blogg/?tagg=service"
    assert [a.get_text() for a in page.select(".related a")] == ["Läs mig också"]


def test_unpublished_related_page_is_not_linked(client, blog_index, author):
    other = make_post(blog_index, title="Tillbakadragen", authors=[author])
    post = make_post(blog_index, authors=[author])
    post.related_pages.create(related_page=other)
    post.save_revision().publish()
    other.unpublish()

    assert "Tillbakadragen" not in soup(client, post.url).get_text()


def test_index_lists_newest_first_with_swedish_dates(client, blog_index, author):
    make_post(blog_index, title="Äldre", authors=[author], date=datetime.date(2026, 1, 5))
    make_post(blog_index, title="Nyare", authors=[author], date=datetime.date(2026, 10, 1))

    page = soup(client, "/blogg/")

    assert card_titles(page) == ["Nyare", "Äldre"]
    assert "1 oktober 2026" in page.select_one(".card .meta").get_text()


def test_reader_filters_blog_by_tag(client, blog_index, author):
    make_post(blog_index, title="Om service", authors=[author], tag_names=["service"])
    make_post(blog_index, title="Om unga", authors=[author], tag_names=["unga"])
    make_post(blog_index, title="Om båda", authors=[author], tag_names=["service", "unga"])

    page = soup(client, "/blogg/?tagg=service")

    assert sorted(card_titles(page)) == ["Om båda", "Om service"]
    current = page.select_one('.tag-filter a[aria-current="page"]')
    assert current.get_text() == "service"


def test_unknown_tag_shows_no_posts(client, blog_index, author):
    make_post(blog_index, title="Om service", authors=[author], tag_names=["service"])

    page = soup(client, "/blogg/?tagg=finns-inte")

    assert card_titles(page) == []
    assert "Det finns inga inlägg här ännu." in page.get_text()


@pytest.mark.parametrize("tag", ['"><script>alert(1)</script>', "a&sida=3", "x" * 5000, "\x00"])
def test_hostile_tag_filter_is_harmless(client, blog_index, author, tag):
    make_post(blog_index, authors=[author], tag_names=["service"])

    response = client.get("/blogg/", {"tagg": tag})

    assert response.status_code in (200, 400)
    assert "<script>alert(1)" not in response.content.decode()


def test_tag_filter_pages_keep_the_tag(client, blog_index, author):
    for number in range(7):
        make_post(blog_index, title=f"Inlägg {number}", authors=[author], tag_names=["lokal utveckling"])
    make_post(blog_index, title="Annat ämne", authors=[author], tag_names=["service"])

    first = soup(client, "/blogg/?tagg=lokal-utveckling")
    next_link = first.select_one('.pagination a[rel="next"]')["href"]
    second = soup(client, "/blogg/" + next_link)

    assert len(card_titles(first)) == 5
    assert len(card_titles(second)) == 2
    assert "Annat ämne" not in card_titles(second)


def test_blog_index_is_paginated(client, blog_index, author):
    for number in range(12):
        make_post(blog_index, title=f"Inlägg {number:02}", authors=[author], date=datetime.date(2026, 1, number + 1))

    first = soup(client, "/blogg/")
    third = soup(client, "/blogg/?sida=3")

    assert card_titles(first) == [f"Inlägg {number:02}" for number in range(11, 6, -1)]
    assert card_titles(third) == ["Inlägg 01", "Inlägg 00"]
    assert first.select_one('.pagination [aria-current="page"]').get_text(strip=True).endswith("1")
    assert card_titles(soup(client, "/blogg/?sida=999")) == card_titles(third)
    for bad in ("abc", "-1", "0", "1.5", "9" * 40, "\x00"):
        assert card_titles(soup(client, f"/blogg/?sida={bad}")) in (card_titles(first), card_titles(third)), bad


def test_author_page_lists_only_that_authors_posts(client, blog_index, author):
    other = AuthorFactory(name="Omar Exempelsson", slug="omar")
    make_post(blog_index, title="Karins", authors=[author])
    make_post(blog_index, title="Omars", authors=[other])
    make_post(blog_index, title="Gemensamt", authors=[other, author])
    make_post(blog_index, title="Karins utkast", authors=[author], publish_now=False, live=False)

    page = soup(client, "/blogg/forfattare/karin-exempelsson/")

    assert page.h1.get_text() == "Karin Exempelsson"
    assert sorted(card_titles(page)) == ["Gemensamt", "Karins"]


def test_author_page_paginates(client, blog_index, author):
    for _ in range(6):
        make_post(blog_index, authors=[author])
    assert len(card_titles(soup(client, "/blogg/forfattare/karin-exempelsson/?sida=2"))) == 1
    assert len(card_titles(soup(client, "/blogg/forfattare/karin-exempelsson/?sida=x"))) == 5


def test_unknown_author_is_not_found(client, blog_index):
    page = soup(client, "/blogg/forfattare/finns-inte/", status=404)
    assert "Sidan finns inte" in page.get_text()


def test_pagination_links_carry_non_ascii_tag_encoded(client, blog_index, author):
    for _ in range(6):
        make_post(blog_index, authors=[author], tag_names=["föreningsliv"])

    page = soup(client, "/blogg/?tagg=föreningsliv")

    next_link = page.select_one('.pagination a[rel="next"]')["href"]
    assert next_link == "?tagg=f%C3%B6reningsliv&sida=2"
    assert len(card_titles(soup(client, "/blogg/" + next_link))) == 1


def test_topic_list_offers_only_topics_of_published_posts(client, blog_index, author, home_page):
    make_post(blog_index, authors=[author], tag_names=["service"])
    make_post(blog_index, authors=[author], tag_names=["hemligt"], publish_now=False, live=False)
    other_blog = factories.publish(BlogIndexPageFactory(parent=home_page, title="Annan blogg", slug="annan"))
    make_post(other_blog, authors=[author], tag_names=["annat"])

    topics = [a.get_text() for a in soup(client, "/blogg/").select(".tag-filter a")]

    assert topics == ["Alla ämnen", "service"]
