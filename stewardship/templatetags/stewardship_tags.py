from django import template
from django.utils import timezone

from caching import memo

from ..inheritance import owner_of
from ..models import PageReview

register = template.Library()


def _last_reviewed(page):
    if page.pk is None:
        return None
    return memo.remember(
        ("last_reviewed", page.pk),
        lambda: PageReview.objects.filter(page_id=page.pk).values_list("last_reviewed_at", flat=True).first(),
    )


@register.inclusion_tag("components/page_stewardship.html", takes_context=True)
def page_stewardship(context, page):
    """The page foot: who answers for the page and how to reach them, and its dates (R21, R23)."""
    published = page.first_published_at
    updated = page.last_published_at
    if published and updated and timezone.localdate(updated) == timezone.localdate(published):
        updated = None
    return {
        "request": context.get("request"),
        "owner": owner_of(page),
        "published": published,
        "updated": updated,
        "reviewed": _last_reviewed(page),
    }
