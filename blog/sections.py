"""The blog's section on the home page (see HOME_PAGE_SECTIONS)."""

from django.utils.translation import gettext as _

from website.mixins import index_url

from .models import BlogIndexPage, BlogPage, published_posts

HOME_PAGE_POST_COUNT = 3


def latest_posts(request, home_page):
    return {
        "title": _("Senaste från bloggen"),
        "template": "blog/includes/post_card.html",
        "items": list(published_posts(BlogPage.objects.descendant_of(home_page))[:HOME_PAGE_POST_COUNT]),
        "more_url": index_url(BlogIndexPage, home_page, request),
        "more_text": _("Alla blogginlägg"),
    }
