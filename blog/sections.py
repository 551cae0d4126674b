"""The blog's section on the home page (see HOME_PAGE_SECTIONS)."""

from django.utils.translation import gettext as _

from .models import BlogIndexPage, BlogPage, published_posts

HOME_PAGE_POST_COUNT = 3


def latest_posts(request, home_page):
    index = BlogIndexPage.objects.live().descendant_of(home_page).first()
    return {
        "title": _("Senaste från bloggen"),
        "template": "blog/includes/post_card.html",
        "items": list(published_posts(BlogPage.objects.descendant_of(home_page))[:HOME_PAGE_POST_COUNT]),
        "more_url": index.get_url(request=request) if index else None,
        "more_text": _("Alla blogginlägg"),
    }
