"""The blog's section on the home page (see HOME_PAGE_SECTIONS)."""

from django.utils.translation import gettext as _

from website.mixins import index_url

from .models import BlogIndexPage, BlogPage, published_posts, with_card_images

HOME_PAGE_POST_COUNT = 3


def latest_posts(request, home_page):
    return {
        "title": _("Senaste från bloggen"),
        "template": "blog/includes/post_card.html",
        "items": with_card_images(published_posts(BlogPage.objects.descendant_of(home_page))[:HOME_PAGE_POST_COUNT]),
        "more_url": index_url(BlogIndexPage, home_page, request),
        "more_text": _("Alla blogginlägg"),
    }


def blog_feeds(request):
    """The blog's RSS feeds for the Prenumerera page (see SUBSCRIPTION_FEED_SECTIONS): the whole
    blog, each topic and each author with published posts."""
    from .models import Author

    index = BlogIndexPage.objects.live().first()
    if index is None:
        return None
    feeds = [{"title": _("Hela bloggen"), "url": index.get_feed_url(request)}]
    feeds += [
        {"title": _("Ämnet %(topic)s") % {"topic": tag.name}, "url": index.get_topic_feed_url(tag, request)}
        for tag in index.get_topics()
    ]
    authors = Author.objects.filter(blog_pages__page__in=index.get_posts().values("pk")).distinct()
    feeds += [
        {"title": _("Inlägg av %(name)s") % {"name": author.name}, "url": index.get_author_feed_url(author, request)}
        for author in authors
    ]
    return {"title": _("Bloggen"), "kind": "rss", "feeds": feeds}
