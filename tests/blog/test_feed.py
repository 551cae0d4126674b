"""The blog's RSS feed, read by a feed reader."""

import datetime

import time_machine

from tests.blog.factories import AuthorFactory, make_post
from tests.feed_validation import assert_valid_rss


def read_feed(client):
    """The feed as a feed reader gets it, after the offline W3C-validator checks (0 messages)."""
    return assert_valid_rss(client.get("/blogg/rss/"), "http://testserver/blogg/rss/")


def test_reader_subscribes_to_feed_with_newest_posts_first(client, blog_index, author):
    other = AuthorFactory(name="Omar Exempelsson")
    with time_machine.travel(datetime.datetime(2026, 11, 1, 9, tzinfo=datetime.UTC), tick=False):
        make_post(blog_index, title="Äldst", date=datetime.date(2026, 11, 1), authors=[author])
    with time_machine.travel(datetime.datetime(2026, 11, 20, 9, tzinfo=datetime.UTC), tick=False):
        make_post(blog_index, title="Nyast", date=datetime.date(2026, 11, 20), authors=[author, other])
    with time_machine.travel(datetime.datetime(2026, 11, 10, 9, tzinfo=datetime.UTC), tick=False):
        make_post(blog_index, title="Mitten", date=datetime.date(2026, 11, 10), authors=[other])

    feed = read_feed(client)

    assert feed.feed.title == "Blogg"
    assert feed.feed.language == "sv"
    assert feed.feed.link == "http://testserver/blogg/"
    assert [entry.title for entry in feed.entries] == ["Nyast", "Mitten", "Äldst"]
    newest = feed.entries[0]
    assert newest.link == "http://testserver/blogg/nyast/"
    assert newest.id == newest.link
    assert "Karin Exempelsson" in newest.author and "Omar Exempelsson" in newest.author
    assert newest.published_parsed[:3] == (2026, 11, 20)
    assert all(entry.link.startswith("http://testserver/blogg/") for entry in feed.entries)


def test_feed_lists_only_published_posts(client, blog_index, author):
    make_post(blog_index, title="Publicerad", authors=[author])
    make_post(blog_index, title="Utkast", authors=[author], publish_now=False, live=False)

    assert [entry.title for entry in read_feed(client).entries] == ["Publicerad"]


def test_feed_carries_lead_and_tags(client, blog_index, author):
    make_post(blog_index, title="Med ämnen", lead="Kort om saken.", authors=[author], tag_names=["service", "unga"])

    entry = read_feed(client).entries[0]
    assert entry.summary == "Kort om saken."
    assert sorted(tag.term for tag in entry.tags) == ["service", "unga"]


def test_empty_blog_has_valid_feed(client, blog_index):
    feed = read_feed(client)
    assert feed.entries == []


def test_blog_index_advertises_its_feed(client, blog_index):
    html = client.get("/blogg/").content.decode()
    assert 'type="application/rss+xml"' in html
    assert 'href="/blogg/rss/"' in html


def test_feed_dates_posts_by_their_publication_date_not_when_they_were_entered(client, blog_index, author):
    # Entered and published on 27 November, but dated 3 November by the editor (a back-dated post).
    with time_machine.travel(datetime.datetime(2026, 11, 27, 14, tzinfo=datetime.UTC), tick=False):
        make_post(blog_index, title="Bakåtdaterad", date=datetime.date(2026, 11, 3), authors=[author])

    entry = read_feed(client).entries[0]
    assert entry.published_parsed[:3] == (2026, 11, 3)
