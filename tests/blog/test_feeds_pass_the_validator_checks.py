"""Every feed of the site gives the W3C Feed Validator nothing to say (issue 15.8), checked offline.

tests/feed_validation.py stands in for the validator, which is a web service; the tests below hold
it to the site's three kinds of feed with awkward content, and show that it does catch each defect
the validator reports, so a clean result means something.
"""

import pytest

from tests.blog.factories import AuthorFactory, make_post
from tests.feed_validation import assert_valid_rss, rss_problems

FEEDS = ("/blogg/rss/", "/blogg/rss/amne/unga/", "/blogg/forfattare/karin-exempelsson/rss/")


@pytest.fixture
def awkward_posts(blog_index, author):
    other = AuthorFactory(name="Åsa Öberg-Exempelsson", slug="asa-oberg")
    make_post(blog_index, title="Unga & äldre: “byn” är 5 < 7?", lead="Räksmörgås & 5 < 7.", authors=[author, other],
              tag_names=["unga", "Åre", "service"])  # fmt: skip
    make_post(blog_index, title="Utan ingress", lead="", authors=[author], tag_names=["unga"])
    make_post(blog_index, title="Utan författare", tag_names=["unga"])


@pytest.mark.parametrize("path", FEEDS)
def test_each_feed_has_zero_validator_messages(client, awkward_posts, path):
    feed = assert_valid_rss(client.get(path), "http://testserver" + path)
    assert feed.entries, path


@pytest.mark.parametrize("path", FEEDS)
def test_a_stray_query_string_changes_nothing_the_validator_sees(client, awkward_posts, path):
    assert_valid_rss(client.get(path + "?utm_source=nyhetsbrev&sida=2"), "http://testserver" + path + "?utm_source=x")


def test_the_stylesheet_the_feed_names_is_served(client, awkward_posts):
    response = client.get("/blogg/rss/")
    assert b'<?xml-stylesheet href="/prenumerera/rss.xsl" media="screen" type="text/xsl"?>' in response.content
    assert client.get("/prenumerera/rss.xsl").status_code == 200


def test_an_empty_feed_passes_too(client, blog_index):
    assert assert_valid_rss(client.get("/blogg/rss/"), "http://testserver/blogg/rss/").entries == []


GOOD = """<?xml version="1.0" encoding="utf-8"?>
<?xml-stylesheet href="/prenumerera/rss.xsl" media="screen" type="text/xsl"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>Blogg</title>
<link>https://example.se/blogg/</link><description>Nytt</description>
<atom:link href="https://example.se/blogg/rss/" rel="self"/><language>sv</language>
<lastBuildDate>Wed, 02 Dec 2026 09:00:00 +0000</lastBuildDate>
<item><title>Ett</title><link>https://example.se/blogg/ett/</link><description>Text</description>
<pubDate>Fri, 27 Nov 2026 09:00:00 +0100</pubDate><guid>https://example.se/blogg/ett/</guid></item>
<item><title>Två</title><link>https://example.se/blogg/tva/</link>
<pubDate>Fri, 27 Nov 2026 10:00:00 +0100</pubDate><guid>https://example.se/blogg/tva/</guid></item>
</channel></rss>"""
URL = "https://example.se/blogg/rss/"


def test_the_checker_finds_nothing_in_a_good_feed():
    assert rss_problems(GOOD.encode(), URL) == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("<language>sv</language>", "<language>svenska</language>"), "invalid language"),
        (("<language>sv</language>", "<language>xx</language>"), "invalid language"),
        (("Fri, 27 Nov 2026 09:00:00 +0100", "2026-11-27T09:00:00+01:00"), "not an RFC 822 date"),
        (("Fri, 27 Nov 2026 09:00:00 +0100", "Fri, 27 Nov 26 09:00:00 +0100"), "not an RFC 822 date"),
        (("Fri, 27 Nov 2026 09:00:00 +0100", "Fri, 27 Nov 2099 09:00:00 +0100"), "implausible date"),
        (("<link>https://example.se/blogg/ett/</link>", "<link>/blogg/ett/</link>"), "not an absolute URL"),
        (("<guid>https://example.se/blogg/tva/</guid>", "<guid>https://example.se/blogg/ett/</guid>"), "twice"),
        (("<guid>https://example.se/blogg/ett/</guid>", "<guid>ett</guid>"), "guid must be a full URL"),
        (("<guid>https://example.se/blogg/ett/</guid>", ""), "no guid"),
        (('href="https://example.se/blogg/rss/"', 'href="https://example.se/blogg/rss/?tagg=unga"'), "self reference"),
        (('<atom:link href="https://example.se/blogg/rss/" rel="self"/>', ""), "0 atom:link"),
        (("<description>Nytt</description>", ""), "missing or empty <description>"),
        (("<title>Ett</title>", "<title>&lt;b&gt;Ett&lt;/b&gt;</title>"), "title contains HTML"),
        (
            ("<description>Text</description>", "<description>&lt;script&gt;x()&lt;/script&gt;</description>"),
            "dangerous",
        ),  # fmt: skip
        (
            ("<description>Text</description>", '<description>&lt;a href="/ett/"&gt;ett&lt;/a&gt;</description>'),
            "relative URL",
        ),  # fmt: skip
        (("<description>Text</description>", "<description>Text</description><foo>x</foo>"), "undefined element"),
        (("<title>Blogg</title>", "<title>Blogg</title><title>Igen</title>"), "more than once"),
        (('type="text/xsl"', 'type="text/html"'), "xml-stylesheet"),
        (('version="2.0"', 'version="0.91"'), "not rss 2.0"),
        (("</channel>", ""), "not well-formed"),
    ],
)
def test_the_checker_reports_what_the_validator_reports(change, message):
    old, new = change
    assert old in GOOD
    problems = rss_problems(GOOD.replace(old, new, 1).encode(), URL)
    assert any(message in problem for problem in problems), problems
