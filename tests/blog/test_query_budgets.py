"""The blog's pages cost a fixed number of queries, however many posts, tags, authors or links they show."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.blog.factories import AuthorFactory, BlogIndexPageFactory, make_post
from tests.factories import ImageFactory, StandardPageFactory, publish
from website.blocks import image_stream

# Absolute ceilings. Measured in November 2026 without comments: index 15, post 21, feed 10, home 11;
# the margin is for the comment section and page-cache bookkeeping, not for per-item queries.
# The page owner and review dates at each page's foot (December 2026) add a fixed three.
INDEX_BUDGET = 23
POST_BUDGET = 30
FEED_BUDGET = 14


def count_queries(client, path, cards=None):
    client.get(path)  # the first visit creates image renditions; readers after that find them

    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, path
    if cards is not None:
        assert response.content.decode().count('<article class="card') == cards, "the listing shows every post"
    return len(captured), [query["sql"] for query in captured.captured_queries]


def explain(small, large):
    return "\n".join(["--- small ---", *small[1], "--- large ---", *large[1]])


@pytest.fixture
def big_index(home_page):
    # Room for every post on one page, so that a per-card query would show.
    return publish(BlogIndexPageFactory(parent=home_page, posts_per_page=50))


def add_posts(index, count, authors, tags):
    for _ in range(count):
        make_post(
            index,
            authors=authors,
            tag_names=tags,
            hero=image_stream(ImageFactory(), "En bild."),
        )


@pytest.mark.parametrize(
    ("path", "shown"), [("/blogg/", 31), ("/blogg/?tagg=service", 30), ("/blogg/forfattare/{author}/", 30)]
)
def test_blog_listing_does_not_grow_with_posts_tags_or_authors(client, big_index, path, shown):
    authors = [AuthorFactory(), AuthorFactory()]
    path = path.format(author=authors[0].slug)
    add_posts(big_index, 3, authors, ["service", "unga", "ämne 3"])
    small = count_queries(client, path, cards=3)

    more_authors = [AuthorFactory(), AuthorFactory()]
    add_posts(big_index, 27, [authors[0], more_authors[0]], ["service", "ämne 4", "ämne 5"])
    add_posts(big_index, 1, more_authors, ["ämne 6", "ämne 7", "ämne 8"])
    large = count_queries(client, path, cards=shown)

    assert large[0] == small[0], explain(small, large)
    assert small[0] <= INDEX_BUDGET, explain(small, large)


def test_home_page_does_not_grow_with_posts(client, big_index):
    authors = [AuthorFactory(), AuthorFactory()]
    add_posts(big_index, 1, authors[:1], ["ämne"])
    small = count_queries(client, "/")
    add_posts(big_index, 10, authors, ["ämne", "annat", "tredje"])
    large = count_queries(client, "/")

    assert large[0] == small[0], explain(small, large)
    assert small[0] <= INDEX_BUDGET, explain(small, large)


def make_rich_post(index, home_page, slug, authors, tags, related):
    targets = [publish(StandardPageFactory(parent=home_page, title=f"Läs också {slug} {n}")) for n in range(related)]
    targets += [make_post(index, title=f"Inlägg att läsa {slug}", authors=authors[:1])]
    post = make_post(
        index,
        title=f"Inlägget {slug}",
        slug=slug,
        authors=authors,
        tag_names=tags,
        hero=image_stream(ImageFactory(), "En bild."),
        body=[("paragraph", "<p>Text.</p>"), ("heading", {"text": "Rubrik", "level": "h2"})],
    )
    for target in targets:
        post.related_pages.create(related_page=target)
    return publish(post)


def test_post_does_not_grow_with_authors_tags_or_related_pages(client, home_page, big_index):
    small_post = make_rich_post(big_index, home_page, "litet", [AuthorFactory()], ["ett"], related=1)
    large_post = make_rich_post(
        big_index,
        home_page,
        "stort",
        [AuthorFactory() for _ in range(5)],
        [f"ämne {n}" for n in range(10)],
        related=10,
    )

    small = count_queries(client, small_post.url)
    large = count_queries(client, large_post.url)

    assert large[0] == small[0], explain(small, large)
    assert small[0] <= POST_BUDGET, explain(small, large)


def test_feed_does_not_grow_with_posts(client, big_index):
    authors = [AuthorFactory(), AuthorFactory()]
    add_posts(big_index, 2, authors, ["ett", "två"])
    small = count_queries(client, "/blogg/rss/")
    add_posts(big_index, 15, authors, ["ett", "tre", "fyra"])
    large = count_queries(client, "/blogg/rss/")

    assert large[0] == small[0], explain(small, large)
    assert small[0] <= FEED_BUDGET, explain(small, large)
