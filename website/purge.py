"""Which cached URLs a content change makes stale, and purging them.

A page is shown on its own URL (and its routable sub-URLs, such as a feed), and listed by its
ancestors (the index it sits in, the home page), by the pages that link to it (Wagtail's
reference index: related pages, rich-text links, choosers), by the sitemap and by search.
Page types add listings of their own through `get_listing_paths()` (a post on its authors'
pages, for example).

The same set goes to the page cache (website/cache.py) and, where one is configured, to the
HTTP cache in front (Wagtail's frontend cache invalidation, e.g. Varnish).
"""

import logging

from django.conf import settings
from django.db.models.functions import Cast
from django.db.models.signals import post_delete, post_save, pre_delete
from taggit.models import Tag
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
from wagtail.images.models import AbstractImage
from wagtail.models import Page, PageViewRestriction, ReferenceIndex, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from website.cache import purge_everything, purge_paths
from website.sitedata import is_metadata_fill, now_and_after_commit

logger = logging.getLogger(__name__)

SITE_WIDE_PATHS = ["/sitemap.xml", "/sok/"]
# Stands for every path: the page cache bumps its site-wide generation, and Varnish bans every
# object (deploy/varnish/default.vcl knows this path).
EVERY_PATH = "/*"


def _page_paths(page):
    """The page's own URL and its routable sub-URLs, as paths."""
    parts = page.get_url_parts()
    if parts is None:
        return []
    _site_id, _root_url, page_path = parts
    specific = page.specific_deferred
    cached = specific.get_cached_paths() if hasattr(specific, "get_cached_paths") else ["/"]
    return [page_path.rstrip("/") + "/" + path.lstrip("/") for path in cached]


def _referencing_pages(page):
    page_type = ReferenceIndex._get_base_content_type(page)
    source_ids = (
        ReferenceIndex.get_references_to(page)
        .filter(base_content_type=page_type)
        .annotate(source_id=Cast("object_id", output_field=Page._meta.pk))
        .values("source_id")
    )
    return Page.objects.live().filter(pk__in=source_ids)


def _shown_on_every_page(page):
    """A site's home page or one of its sections: the main menu and breadcrumbs show them everywhere."""
    roots = set(Site.objects.values_list("root_page_id", flat=True))
    return page.pk in roots or (page.depth > 1 and page.get_parent().pk in roots)


def _descendant_paths(page):
    """Paths of the pages below `page`: they name it in breadcrumbs and, for events, as their series."""
    paths = set()
    root_paths = _root_url_paths()
    for url_path in Page.objects.descendant_of(page).live().values_list("url_path", flat=True):
        path = _relative_path(url_path, root_paths)
        if path:
            paths.add(path)
    return paths


def paths_listing(page):
    """Every path whose cached response may show `page`."""
    if _shown_on_every_page(page):
        return {EVERY_PATH}
    paths = set(SITE_WIDE_PATHS)
    paths.update(_descendant_paths(page))
    paths.update(_page_paths(page))
    for ancestor in page.get_ancestors().filter(depth__gt=1):
        paths.update(_page_paths(ancestor))
    for referrer in _referencing_pages(page):
        paths.update(_page_paths(referrer))
    listing = getattr(page.specific_deferred, "get_listing_paths", None)
    if listing is not None:
        paths.update(listing())
    return paths


def purge(paths):
    paths = sorted(set(paths))
    if not paths:
        return
    now_and_after_commit(lambda: _purge_now(paths))


def _purge_now(paths):
    try:
        if EVERY_PATH in paths:
            purge_everything()
            paths = [EVERY_PATH]
        else:
            purge_paths(paths)
    except Exception:  # noqa: BLE001 - an editor's publish must not fail because the cache is down
        logger.exception("Page cache unreachable: %s not purged", paths)
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        roots = {site.root_url for site in Site.objects.all()}
        purge_urls_from_cache([root.rstrip("/") + path for root in roots for path in paths])
    logger.debug("Purged %s", paths)


def purge_page(page):
    """Purge a page and everything that lists it; also what other apps call (comments)."""
    purge(paths_listing(page))


def _root_url_paths():
    return list(Site.objects.values_list("root_page__url_path", flat=True))


def _relative_path(url_path, root_paths=None):
    """A tree url_path ("/startsida/blogg/x/") as the path readers see ("/blogg/x/")."""
    for root_path in _root_url_paths() if root_paths is None else root_paths:
        if url_path.startswith(root_path):
            return "/" + url_path[len(root_path) :]
    return None


def on_published(sender, instance, **kwargs):
    purge_page(instance)


def on_unpublished(sender, instance, **kwargs):
    purge_page(instance)


def _old_paths(page, url_path_before):
    """The paths a page and the pages below it had before its URL changed (a move, a new slug):
    cached there, they would hide the redirects Wagtail leaves behind."""
    root_paths = _root_url_paths()
    old_prefix = _relative_path(url_path_before, root_paths)
    if old_prefix is None:
        return set()
    paths = {old_prefix}
    for url_path in Page.objects.descendant_of(page).values_list("url_path", flat=True):
        if url_path.startswith(page.url_path):
            paths.add(old_prefix + url_path[len(page.url_path) :])
    return paths


def on_moved(sender, instance, url_path_before, parent_page_before, **kwargs):
    paths = paths_listing(instance)
    paths.update(_old_paths(instance, url_path_before))
    paths.update(paths_listing(parent_page_before))
    purge(paths)


def on_slug_changed(sender, instance, instance_before, **kwargs):
    purge(_old_paths(instance, instance_before.url_path))


def on_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page) and instance.live and instance.depth > 1:
        purge_page(instance)


def on_saved(sender, instance, created=False, **kwargs):
    """Settings and sites show on every page (the agency's name, the footer, the comment rules)."""
    from wagtail.contrib.settings.models import BaseSiteSetting

    # Settings are created with their defaults on first read, by a page being rendered: nothing to purge.
    if isinstance(instance, (Site, BaseSiteSetting)) and not created:
        purge([EVERY_PATH])
    elif isinstance(instance, PageViewRestriction):
        on_restriction_changed(sender, instance)
    elif (
        isinstance(instance, (AbstractImage, Tag)) and not created and not is_metadata_fill(kwargs.get("update_fields"))
    ):
        # A renamed topic or an edited image (new file, focal point, alt text) may show on any
        # listing; both are rare edits, so everything goes rather than a search for every use.
        purge([EVERY_PATH])


def on_restriction_changed(sender, instance, **kwargs):
    """A page made private (or public again) leaves or joins every listing, search and the sitemap.
    Restrictions are rare: purging everything is simpler than finding every listing."""
    if isinstance(instance, PageViewRestriction):
        purge([EVERY_PATH])


def connect():
    post_save.connect(on_saved, dispatch_uid="website_purge_settings")
    page_published.connect(on_published, dispatch_uid="website_purge_published")
    page_unpublished.connect(on_unpublished, dispatch_uid="website_purge_unpublished")
    post_page_move.connect(on_moved, dispatch_uid="website_purge_moved")
    page_slug_changed.connect(on_slug_changed, dispatch_uid="website_purge_slug_changed")
    post_delete.connect(on_restriction_changed, sender=PageViewRestriction, dispatch_uid="website_purge_restriction")
    pre_delete.connect(on_deleted, dispatch_uid="website_purge_deleted")
