"""A page of site-search hits, and how many hits there are, in as few queries as the backend allows.

Wagtail's search results count their hits in one query and rank them in another, each matching the
whole index; with `.specific()` a third query and then one per page type follow. Here one query
ranks, counts (COUNT(*) OVER () costs nothing more: ranking already visits every hit, and the window
is taken before LIMIT) and returns the ids of the shown hits; then one query per page type loads them.
"""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Count, Window
from wagtail.models import Page

# The fast path's bound on ?sida=: a larger number would make an OFFSET the database refuses.
MAX_PAGE_NUMBER = 10_000


def specific_pages(rows):
    """The specific pages for (pk, content type id) rows, in the rows' order: one query per page type."""
    pks_by_type = defaultdict(list)
    for pk, content_type_id in rows:
        pks_by_type[content_type_id].append(pk)
    found = {}
    for content_type_id, pks in pks_by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class() or Page
        found.update(model.objects.filter(pk__in=pks).in_bulk())
    return [found[pk] for pk, _content_type_id in rows if pk in found]


def _page(found, number, per_page):
    """Page `number` of `found`, or None when it is past the last page."""
    start = (number - 1) * per_page
    ranked = found[start : start + per_page].get_queryset()
    rows = list(ranked.annotate(search_hits=Window(Count("*"))).values_list("pk", "content_type", "search_hits"))
    if not rows and number > 1:
        return None
    paginator = Paginator(found, per_page)
    # The count is known: the paginator must not ask the database again.
    paginator.count = rows[0][2] if rows else 0
    return PaginatorPage(specific_pages([(pk, content_type) for pk, content_type, _hits in rows]), number, paginator)


def page_of_hits(found, requested, per_page):
    """The page ?sida=`requested` of the search results `found` (of Wagtail pages), hits as specific pages.

    Bad numbers fall back as views.paginate does: no number gives the first page, a number out of
    range the last; only then is there a separate count query.
    """
    try:
        number = int(requested)
    except (TypeError, ValueError):
        number = 1
    if 1 <= number <= MAX_PAGE_NUMBER:
        page = _page(found, number, per_page)
        if page is not None:
            return page
    last = max(1, -(-found.count() // per_page))
    # Page 1 is never None: should the hits have gone since the count, an empty first page.
    return _page(found, last, per_page) or _page(found, 1, per_page)
