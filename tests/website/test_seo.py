"""What search engines and link previews read: sitemap, robots.txt, canonical links, meta tags, JSON-LD."""

import datetime
import json
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from tests.blog.factories import AuthorFactory, BlogIndexPageFactory, make_post
from tests.factories import AccessibilityStatementPageFactory, ImageFactory, StandardPageFactory, publish
from website.blocks import image_stream

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def pages(home_page):
    standard = publish(StandardPageFactory(parent=home_page, title="Om oss", slug="om-oss", lead="Vilka vi är."))
    statement = publish(AccessibilityStatementPageFactory(parent=home_page))
    index = publish(BlogIndexPageFactory(parent=home_page))
    authors = [AuthorFactory(name="Karin Exempelsson"), AuthorFactory(name="Omar Exempelsson")]
    post = make_post(
        index,
        title="Cykelverkstaden",
        slug="cykelverkstaden",
        lead="Byn lagar cyklar tillsammans.",
        authors=authors,
        date=datetime.date(2026, 11, 27),
        updated_on=datetime.date(2026, 11, 29),
        hero=image_stream(ImageFactory(), "Två personer lagar en cykel."),
    )
    return {
        "home": home_page,
        "standard": standard,
        "statement": statement,
        "index": index,
        "post": post,
        "authors": authors,
    }


def head_of(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return BeautifulSoup(response.content, "html.parser").head


def json_ld(head):
    scripts = head.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


def test_sitemap_lists_every_public_page_with_absolute_urls(client, pages):
    draft = StandardPageFactory(parent=pages["home"], title="Utkast", slug="utkast", live=False)

    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    locations = {loc.text for loc in ET.fromstring(response.content).findall("sm:url/sm:loc", SITEMAP_NS)}  # noqa: S314
    author_pages = {f"http://testserver/blogg/forfattare/{author.slug}/" for author in pages["authors"]}
    assert locations == {
        "http://testserver/",
        "http://testserver/om-oss/",
        "http://testserver/tillganglighet/",
        "http://testserver/blogg/",
        "http://testserver/blogg/cykelverkstaden/",
        # Each author's page is a page of its own (issue 16, point 7).
        *author_pages,
    }
    assert draft.slug not in response.content.decode()


def test_robots_txt_names_the_sitemap(client, home_page):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines


@pytest.mark.parametrize("name", ["home", "standard", "statement", "index", "post"])
def test_every_page_has_canonical_description_open_graph_and_json_ld(client, pages, name):
    page = pages[name]
    head = head_of(client, page.url)
    full_url = f"http://testserver{page.url}"

    assert head.find("link", rel="canonical")["href"] == full_url
    assert head.find("meta", attrs={"name": "description"})["content"].strip()
    assert head.find("meta", property="og:title")["content"] == page.title
    assert head.find("meta", property="og:url")["content"] == full_url
    assert head.find("meta", property="og:type")["content"] == ("article" if name == "post" else "website")
    data = json_ld(head)
    assert data["@context"] == "https://schema.org"
    assert data["url"] == full_url


def test_post_has_blog_posting_structured_data(client, pages):
    data = json_ld(head_of(client, pages["post"].url))

    assert data["@type"] == "BlogPosting"
    assert data["headline"] == "Cykelverkstaden"
    # Dates carry a time and a zone (issue 16, point 8): the day starts in Stockholm unless published that day.
    assert data["datePublished"] == "2026-11-27T00:00:00+01:00"
    assert data["dateModified"] == "2026-11-29T00:00:00+01:00"
    assert [person["name"] for person in data["author"]] == ["Karin Exempelsson", "Omar Exempelsson"]
    assert [person["url"] for person in data["author"]] == [
        f"http://testserver/blogg/forfattare/{author.slug}/" for author in pages["authors"]
    ]
    assert data["image"].startswith("http://testserver/")
    assert data["description"] == "Byn lagar cyklar tillsammans."


def test_post_shares_its_hero_image(client, pages):
    head = head_of(client, pages["post"].url)
    assert head.find("meta", property="og:image")["content"].startswith("http://testserver/")


def test_search_description_wins_over_lead(client, home_page):
    page = publish(
        StandardPageFactory(parent=home_page, slug="sida", lead="Ingressen.", search_description="För sökmotorer.")
    )
    head = head_of(client, page.url)
    assert head.find("meta", attrs={"name": "description"})["content"] == "För sökmotorer."


def test_json_ld_cannot_break_out_of_its_script(client, home_page):
    page = publish(StandardPageFactory(parent=home_page, slug="farlig", title="</script><script>alert(1)</script>"))

    response = client.get(page.url)
    head = BeautifulSoup(response.content, "html.parser").head
    assert json_ld(head)["name"] == "</script><script>alert(1)</script>"
    assert "<script>alert(1)" not in response.content.decode()


def test_non_page_views_have_canonical_without_query(client, home_page):
    head = head_of(client, "/sok/?q=kommun&sida=2")
    assert head.find("link", rel="canonical")["href"] == "http://testserver/sok/"
    assert head.find("meta", property="og:url")["content"] == "http://testserver/sok/"
