"""A reader follows one topic or one author of the blog in a feed reader."""

from tests.blog.factories import AuthorFactory, make_post
from tests.feed_validation import assert_valid_rss


def read(client, path):
    """The feed as a feed reader gets it, after the offline W3C-validator checks (0 messages)."""
    return assert_valid_rss(client.get(path), "http://testserver" + path)


def posts(blog_index, author):
    other = AuthorFactory(name="Omar Exempelsson", slug="omar-exempelsson")
    make_post(blog_index, title="Om unga", authors=[author], tag_names=["unga"])
    make_post(blog_index, title="Om service", authors=[other], tag_names=["service"])
    make_post(blog_index, title="Om båda", authors=[author, other], tag_names=["unga", "service", "Åre"])
    make_post(blog_index, title="Utkast om unga", authors=[author], tag_names=["unga"], publish_now=False, live=False)
    return other


def test_topic_feed_holds_only_that_topics_published_posts(client, blog_index, author):
    posts(blog_index, author)

    feed = read(client, "/blogg/rss/amne/unga/")

    assert sorted(entry.title for entry in feed.entries) == ["Om båda", "Om unga"]
    assert feed.feed.title == "Blogg: unga"
    assert feed.feed.link == "http://testserver/blogg/?tagg=unga"


def test_topic_with_letters_beyond_ascii_has_a_feed(client, blog_index, author):
    posts(blog_index, author)

    page = client.get("/blogg/?tagg=%C3%A5re").text
    assert 'href="/blogg/rss/amne/%C3%A5re/"' in page
    assert [entry.title for entry in read(client, "/blogg/rss/amne/%C3%A5re/").entries] == ["Om båda"]


def test_author_feed_holds_only_that_authors_posts(client, blog_index, author):
    posts(blog_index, author)

    feed = read(client, "/blogg/forfattare/karin-exempelsson/rss/")

    assert sorted(entry.title for entry in feed.entries) == ["Om båda", "Om unga"]
    assert feed.feed.title == "Blogg: Karin Exempelsson"
    assert feed.feed.link == "http://testserver/blogg/forfattare/karin-exempelsson/"


def test_pages_point_to_their_own_feed_without_query_strings(client, blog_index, author):
    posts(blog_index, author)

    topic_page = client.get("/blogg/?tagg=unga&sida=1").text
    author_page = client.get("/blogg/forfattare/karin-exempelsson/").text
    index = client.get("/blogg/").text

    assert (
        '<link rel="alternate" type="application/rss+xml" title="Blogg: unga" href="/blogg/rss/amne/unga/">'
        in topic_page
    )
    assert 'href="/blogg/rss/amne/unga/">Prenumerera på ämnet unga via RSS' in topic_page
    assert (
        '<link rel="alternate" type="application/rss+xml" title="Blogg: Karin Exempelsson" '
        'href="/blogg/forfattare/karin-exempelsson/rss/">'
    ) in author_page
    assert '<link rel="alternate" type="application/rss+xml" title="Blogg" href="/blogg/rss/">' in index


def test_old_topic_filter_on_the_feed_redirects_to_the_topic_feed(client, blog_index, author):
    posts(blog_index, author)

    response = client.get("/blogg/rss/?tagg=unga")

    assert response.status_code == 301
    assert response["Location"] == "/blogg/rss/amne/unga/"


def test_unknown_topic_or_author_feed_is_a_404(client, blog_index, author):
    posts(blog_index, author)

    assert client.get("/blogg/rss/amne/finns-inte/").status_code == 404
    assert client.get("/blogg/rss/?tagg=finns-inte").status_code == 404
    assert client.get("/blogg/forfattare/finns-inte/rss/").status_code == 404
    # A topic that only a draft has is not a topic of the blog yet.
    assert client.get("/blogg/rss/amne/service/").status_code == 200
