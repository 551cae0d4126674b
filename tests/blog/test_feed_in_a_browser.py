"""A reader opens an RSS feed in a browser: an XSL stylesheet from the site turns it into a Swedish
page about feeds, while feed readers still get plain, valid RSS."""

import re

import feedparser
from lxml import etree

from tests.blog.factories import make_post


def transform(client, feed_response):
    """What a browser shows: the feed through the stylesheet its xml-stylesheet instruction names."""
    instruction = re.search(
        rb'<\?xml-stylesheet href="([^"]+)" media="screen" type="text/xsl"\?>', feed_response.content
    )
    assert instruction, feed_response.content[:300]
    xsl_response = client.get(instruction.group(1).decode())
    assert xsl_response.status_code == 200
    assert xsl_response["Content-Type"] == "text/xsl; charset=utf-8"
    stylesheet = etree.XSLT(etree.fromstring(xsl_response.content))
    return str(stylesheet(etree.fromstring(feed_response.content))), xsl_response


def test_feed_in_a_browser_explains_itself_in_swedish(client, blog_index, author):
    make_post(blog_index, title="Bredband i byn", lead="Så fick byn fiber.", authors=[author], tag_names=["bredband"])

    for path in ("/blogg/rss/", "/blogg/rss/amne/bredband/", "/blogg/forfattare/karin-exempelsson/rss/"):
        response = client.get(path)
        html, xsl_response = transform(client, response)

        assert '<html lang="sv">' in html
        assert "Det här är ett RSS-flöde." in html
        assert "flödesläsare" in html
        assert 'href="/prenumerera/"' in html
        assert '<a href="http://testserver/blogg/bredband-i-byn/">Bredband i byn</a>' in html
        assert "Så fick byn fiber." in html
        # CSP-clean: styles from the site's own stylesheet, no inline script or style.
        assert "<script" not in html and "style=" not in html and "<style" not in html
        assert 'rel="stylesheet" href="/static/css/site.css"' in html
        for served in (response, xsl_response):
            assert "script-src 'self'" in served["Content-Security-Policy"]
            assert "unsafe-inline" not in served["Content-Security-Policy"]


def test_empty_feed_in_a_browser_says_so(client, blog_index):
    html, _xsl = transform(client, client.get("/blogg/rss/"))

    assert "Flödet har inga inlägg ännu." in html


def test_feed_readers_still_get_valid_rss(client, blog_index, author):
    make_post(blog_index, title="Bredband i byn", authors=[author])

    response = client.get("/blogg/rss/")
    feed = feedparser.parse(response.content)

    assert response["Content-Type"].startswith("application/rss+xml")
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "rss20"
    assert [entry.title for entry in feed.entries] == ["Bredband i byn"]
    assert etree.fromstring(response.content).tag == "rss"
