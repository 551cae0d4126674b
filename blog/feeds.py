import datetime

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed, Stylesheet
from django.utils.translation import gettext as _

FEED_LENGTH = 20


class BlogFeed(Feed):
    """The blog's newest posts. `TopicFeed` and `AuthorFeed` narrow it to one topic or one author."""

    feed_type = Rss201rev2Feed
    language = "sv"

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def posts(self, index_page):
        return index_page.get_posts()

    def stylesheets(self, index_page):
        # A browser shows the feed as a page that explains it (see subscriptions/views.py).
        return [Stylesheet(reverse("rss_stylesheet"), mimetype="text/xsl", media="screen")]

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.index_page

    def title(self, index_page):
        return index_page.title

    def link(self, index_page):
        return index_page.get_full_url(self.request)

    def feed_url(self, index_page):
        # The feed's own address (atom:link rel="self"), whatever query string the request carried.
        return self.request.build_absolute_uri(self.request.path)

    def description(self, index_page):
        return index_page.lead or _("Nya inlägg i bloggen")

    def items(self, index_page):
        # Categories come from the tags: one query for every item's tags, not one per item.
        return self.posts(index_page).prefetch_related("tags")[:FEED_LENGTH]

    def item_title(self, post):
        return post.title

    def item_description(self, post):
        return post.lead

    def item_link(self, post):
        return post.get_full_url(self.request)

    def item_guid(self, post):
        return post.get_full_url(self.request)

    def item_pubdate(self, post):
        """The date the reader sees on the post, at the time of day it first went out."""
        first = timezone.localtime(post.first_published_at) if post.first_published_at else None
        time_of_day = first.time() if first and first.date() == post.date else datetime.time(9, 0)
        return timezone.make_aware(datetime.datetime.combine(post.date, time_of_day))

    def item_updateddate(self, post):
        return post.last_published_at

    def item_author_name(self, post):
        return ", ".join(link.author.name for link in post.blog_authors.all())

    def item_categories(self, post):
        return [tag.name for tag in post.tags.all()]


class TopicFeed(BlogFeed):
    def __init__(self, index_page, tag):
        super().__init__(index_page)
        self.tag = tag

    def posts(self, index_page):
        return index_page.get_posts().filter(tags=self.tag)

    def title(self, index_page):
        return f"{index_page.title}: {self.tag.name}"

    def link(self, index_page):
        return self.request.build_absolute_uri(index_page.get_topic_url(self.tag, request=self.request))

    def description(self, index_page):
        return _("Nya inlägg i bloggen om %(topic)s") % {"topic": self.tag.name}


class AuthorFeed(BlogFeed):
    def __init__(self, index_page, author):
        super().__init__(index_page)
        self.author = author

    def posts(self, index_page):
        return index_page.get_posts().filter(blog_authors__author=self.author)

    def title(self, index_page):
        return f"{index_page.title}: {self.author.name}"

    def link(self, index_page):
        return self.request.build_absolute_uri(index_page.get_author_url(self.author, request=self.request))

    def description(self, index_page):
        return _("Nya inlägg i bloggen av %(name)s") % {"name": self.author.name}
