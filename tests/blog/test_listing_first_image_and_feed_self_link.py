"""Listings load their first picture at once (it is in view); the feed names its own address plainly."""

import datetime

import feedparser
from bs4 import BeautifulSoup

from tests.blog.factories import make_post
from tests.factories import ImageFactory
from website.blocks import image_stream


def card_images(html):
    return BeautifulSoup(html, "html.parser").select(".card img.card__image")


def test_first_card_image_is_not_lazy_loaded_and_the_rest_are(client, blog_index):
    for day in (1, 2, 3):
        make_post(
            blog_index,
            title=f"Inlägg {day}",
            date=datetime.date(2026, 11, day),
            hero=image_stream(ImageFactory(), "En cykel"),
        )
    images = card_images(client.get("/blogg/").content)
    assert len(images) == 3
    assert images[0].get("loading") is None
    assert images[0]["fetchpriority"] == "high"
    assert [image.get("loading") for image in images[1:]] == ["lazy", "lazy"]

    home = card_images(client.get("/").content)
    assert home[0].get("loading") is None
    assert all(image.get("loading") == "lazy" for image in home[1:])


def test_feed_self_link_drops_the_query_string(client, blog_index):
    make_post(blog_index, title="Nytt inlägg")
    response = client.get("/blogg/rss/?utm_source=nyhetsbrev&x=%3Cscript%3E")
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    self_links = [link.href for link in feed.feed.links if link.rel == "self"]
    assert self_links == ["http://testserver/blogg/rss/"]
    assert b"utm_source" not in response.content
