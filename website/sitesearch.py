"""A page of site-search hits through Wagtail's public search results and Django's Paginator.

Nothing here knows which search backend answers: the database backend, Elasticsearch or OpenSearch
(README, "Search backend") all give search results that count and slice. The count is one query, the
shown hits another; they then load as specific pages with one query per page type.
"""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from wagtail.models import Page


def specific_pages(pages):
    """The specific pages of `pages` (Wagtail pages), in their order: one query per page type."""
    pks_by_type = defaultdict(list)
    for page in pages:
        pks_by_type[page.content_type_id].append(page.pk)
    found = {}
    for content_type_id, pks in pks_by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class() or Page
        found.update(model.objects.filter(pk__in=pks).in_bulk())
    return [found[page.pk] for page in pages if page.pk in found]


def page_of_hits(found, requested, per_page):
    """The page ?sida=`requested` of the search results `found` (of Wagtail pages), hits as specific pages.

    Bad numbers fall back as Paginator.get_page does (and views.paginate): no number or not a number
    gives the first page, a number out of range the last.
    """
    paginator = Paginator(found, per_page)
    page = paginator.get_page(requested)
    return PaginatorPage(specific_pages(list(page.object_list)), page.number, paginator)
