"""Author pages and past events are pages of their own: canonical address, title, description, structured
data, and a place in the sitemap (they used to point at /blogg/ and /kalender/)."""

import json

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page


def head(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    soup = BeautifulSoup(response.content, "html.parser")
    return {
        "title": soup.title.get_text(),
        "canonical": soup.select_one("link[rel=canonical]")["href"],
        "og_url": soup.select_one("meta[property='og:url']")["content"],
        "description": soup.select_one("meta[name=description]")["content"],
        "json_ld": [json.loads(script.string) for script in soup.select("script[type='application/ld+json']")],
    }


@pytest.fixture
def author_url(demo_site):
    blog = Page.objects.get(slug="blogg").specific
    author = blog.get_authors().first()
    return author, blog.get_author_url(author)


def test_an_author_page_is_its_own_canonical_page(client, author_url):
    author, url = author_url
    meta = head(client, url)
    assert meta["canonical"] == meta["og_url"]
    assert meta["canonical"].endswith(url)
    assert meta["title"].startswith(author.name)
    assert author.role in meta["description"]
    (profile,) = meta["json_ld"]
    assert profile["@type"] == "ProfilePage"
    assert profile["mainEntity"]["@type"] == "Person"
    assert profile["mainEntity"]["name"] == author.name
    assert profile["mainEntity"]["url"] == meta["canonical"]


def test_past_events_are_their_own_canonical_page(client, demo_site):
    meta = head(client, "/kalender/tidigare/")
    assert meta["canonical"].endswith("/kalender/tidigare/")
    assert "Tidigare evenemang" in meta["title"]
    assert meta["description"].startswith("Evenemang som redan har ägt rum")
    assert meta["json_ld"][0]["@type"] == "CollectionPage"

    upcoming = head(client, "/kalender/")
    assert upcoming["canonical"].endswith("/kalender/")
    assert upcoming["description"] != meta["description"]


def test_both_are_in_the_sitemap(client, author_url):
    _author, url = author_url
    sitemap = client.get("/sitemap.xml").content.decode()
    locations = [loc.get_text() for loc in BeautifulSoup(sitemap, "html.parser").find_all("loc")]
    assert any(location.endswith(url) for location in locations)
    assert any(location.endswith("/kalender/tidigare/") for location in locations)
    assert len(locations) == len(set(locations))
