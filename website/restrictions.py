"""Which pages readers may see: Wagtail's view restrictions, remembered between requests.

Wagtail's `PageQuerySet.public()` reads every view restriction on each call (four times on the home
page); `public(queryset)` excludes the same sections with the restricted paths remembered in this
process (caching.memo), checked against the restrictions' tags once per request.
"""

from django.db.models import Q
from wagtail.models import PageViewRestriction

from caching import memo


def _restricted_paths():
    # As Wagtail's private_q: each restricted page and everything below it (the pages' tags too,
    # so a move of a restricted section changes the answer).
    return tuple(sorted(restriction.page.path for restriction in PageViewRestriction.objects.select_related("page")))


def restricted_paths():
    """The tree paths of the pages that carry a view restriction (their descendants inherit it)."""
    return memo.remember(("restricted_paths",), _restricted_paths)


def public(queryset):
    """`queryset.public()` (a page queryset) without reading the restrictions on every call."""
    condition = Q()
    for path in restricted_paths():
        condition |= Q(path__startswith=path)
    return queryset.exclude(condition) if condition else queryset


def none_anywhere():
    """True when no page carries a view restriction (then none applies to any page, alias or not)."""
    return not restricted_paths()
