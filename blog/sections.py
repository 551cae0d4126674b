"""The blog's section on the home page (see HOME_PAGE_SECTIONS)."""

from django.utils.translation import gettext as _

from website import sitedata

from .models import BlogIndexPage, BlogPage, published_posts

HOME_PAGE_POST_COUNT = 3


def latest_posts(request, home_page):
    return {
        "title": _("Senaste från bloggen"),
        "template": "blog/includes/post_card.html",
        "items": sitedata.pages_in_order(
            ("home-posts", home_page.pk),
            published_posts(BlogPage.objects.descendant_of(home_page)),
            HOME_PAGE_POST_COUNT,
        ),
        "more_url": sitedata.index_url(BlogIndexPage, home_page, request),
        "more_text": _("Alla blogginlägg"),
    }
