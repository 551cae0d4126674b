from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _

FEED_LENGTH = 20


class BlogFeed(Feed):
    feed_type = Rss201rev2Feed
    language = "sv"

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.index_page

    def title(self, index_page):
        return index_page.title

    def link(self, index_page):
        return index_page.get_full_url(self.request)

    def feed_url(self, index_page):
        return self.request.build_absolute_uri()

    def description(self, index_page):
        return index_page.lead or _("Nya inlägg i bloggen")

    def items(self, index_page):
        # Categories come from the tags: one query for every item's tags, not one per item.
        return index_page.get_posts().prefetch_related("tags")[:FEED_LENGTH]

    def item_title(self, post):
        return post.title

    def item_description(self, post):
        return post.lead

    def item_link(self, post):
        return post.get_full_url(self.request)

    def item_guid(self, post):
        return post.get_full_url(self.request)

    def item_pubdate(self, post):
        return post.first_published_at or post.latest_revision_created_at

    def item_updateddate(self, post):
        return post.last_published_at

    def item_author_name(self, post):
        return ", ".join(link.author.name for link in post.blog_authors.all())

    def item_categories(self, post):
        return [tag.name for tag in post.tags.all()]
