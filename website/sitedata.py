"""Site-wide answers that almost every request needs, kept in each process between requests.

Which site a host is, its root page, its settings, the main menu, whether any page is behind a
view restriction, a page's breadcrumbs, the topics of a blog, a listing's size and which page a
URL segment names: a dozen queries on every request whose answers change only when someone edits
content. Each request reads one shared "content generation" number from the default cache (one
round trip to Redis in production); any saved or deleted page, site, setting, restriction, tag
or snippet bumps it, so every process on every server drops its answers at once.

Only readers' requests see remembered answers (the middleware sets the generation); the admin,
management commands and migrations query the database as usual.
"""

import contextvars
import logging
import time

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save

logger = logging.getLogger(__name__)

GENERATION_KEY = "sitedata:generation"
# Answers kept per process and generation; keys with the time in them (an events listing's
# count) would otherwise grow without end between two edits.
MAX_ANSWERS = 2000
EDITING_PREFIXES = ("/admin/", "/django-admin/")
SITE_HEADERS = ("HTTP_HOST", "SERVER_NAME", "SERVER_PORT", "HTTP_X_FORWARDED_HOST", "HTTP_X_FORWARDED_PORT")
# Apps whose every model is content a remembered answer may be built from (pages, their inline
# rows, snippets, settings). Comments are not among them: nothing here depends on them.
CONTENT_APPS = {
    "home",
    "blog",
    "casestudies",
    "events",
    "website",
    "stewardship",
    "taggit",
    "wagtailcore",
    "wagtailimages",
}
# Models of those apps that change on every edit or a reader's first view (renditions) but never
# change a remembered answer.
IGNORED_MODELS = {
    "revision",
    "pagelogentry",
    "modellogentry",
    "workflowstate",
    "taskstate",
    "referenceindex",
    "rendition",
    "uploadedimage",
}

_request_generation = contextvars.ContextVar("sitedata_generation", default=None)
_store = (None, {})


def _cache():
    return caches[getattr(settings, "SHARED_CACHE_ALIAS", "default")]


def current_generation():
    """The shared generation, or None (answer everything from the database) when the cache is down."""
    cache = _cache()
    try:
        generation = cache.get(GENERATION_KEY)
        if generation is None:
            # From the clock: a generation lost to eviction never comes back as an old number.
            cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
            generation = cache.get(GENERATION_KEY)
    except Exception:  # noqa: BLE001 - any cache backend's connection error
        logger.warning("Shared cache unreachable: site data is read from the database", exc_info=True)
        # Edits made meanwhile cannot move the generation: forget, so nothing old outlives the outage.
        global _store
        _store = (None, {})
        return None
    return generation


def now_and_after_commit(action):
    """Run action now, and again once the surrounding transaction commits: a reader served in
    between saw the old data and may have stored it. Outside a transaction, once is enough."""
    action()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(action)


def is_metadata_fill(update_fields):
    """A save of only an image's size or hash: Wagtail filling them in on first use, not an edit."""
    return bool(update_fields) and set(update_fields) <= {"file_size", "file_hash"}


def bump():
    """Make every process forget its answers (see now_and_after_commit)."""
    now_and_after_commit(_bump_now)


def _bump_now():
    global _store
    _store = (None, {})
    try:
        try:
            _cache().incr(GENERATION_KEY)
        except ValueError:
            _cache().set(GENERATION_KEY, time.time_ns(), timeout=None)
    except Exception:  # noqa: BLE001 - while the cache is down, no process remembers anything anyway
        logger.warning("Shared cache unreachable: could not move the site data generation", exc_info=True)


_MISSING = object()


def _values():
    """This request's generation and the answers stored under it (None outside a request)."""
    global _store
    generation = _request_generation.get()
    if generation is None:
        return None
    stored_generation, values = _store
    if stored_generation != generation:
        values = {}
        _store = (generation, values)
    return values


def _put(values, key, value):
    if len(values) >= MAX_ANSWERS:
        values.clear()
    values[key] = value


def remember(key, compute):
    """compute(), answered from memory while the content generation of this request holds."""
    values = _values()
    if values is None:
        return compute()
    value = values.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        _put(values, key, value)
    return value


class SiteDataMiddleware:
    """Reads the content generation once per request, and hands Wagtail the request's site.

    Wagtail finds the site itself (when a view asks for it); the middleware keeps what it found,
    with its root page loaded, for the next request to the same host.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(EDITING_PREFIXES):
            # Editors work on these objects (a settings form binds to its instance): never share them.
            return self.get_response(request)
        token = _request_generation.set(current_generation())
        try:
            values = _values()
            if values is None:
                return self.get_response(request)
            meta = request.META
            # Everything Wagtail's Site.find_for_request reads (get_host and get_port).
            key = ("site", *(meta.get(name) for name in SITE_HEADERS))
            site = values.get(key, _MISSING)
            if site is not _MISSING:
                request._wagtail_site = site
            response = self.get_response(request)
            if site is _MISSING and getattr(request, "_wagtail_site", None) is not None:
                _put(values, key, request._wagtail_site)
            return response
        finally:
            _request_generation.reset(token)


def restricted_paths():
    """Tree paths of the pages with a view restriction (they and their descendants are private)."""
    from wagtail.models import PageViewRestriction

    return remember(
        "restricted-paths",
        lambda: sorted(set(PageViewRestriction.objects.values_list("page__path", flat=True))),
    )


def public(queryset):
    """Wagtail's `.public()`, without its query for the restrictions on every call."""
    private = Q()
    for path in restricted_paths():
        private |= Q(path__startswith=path)
    return queryset.exclude(private) if private else queryset


def pages_in_order(key, queryset, limit):
    """The first `limit` of queryset: which ones is remembered, the pages themselves are loaded
    fresh by primary key (cheap, whereas finding the newest in a large tree is not)."""
    ids = remember(key, lambda: list(queryset.values_list("pk", flat=True)[:limit]))
    found = {page.pk: page for page in queryset.filter(pk__in=ids)}
    return [found[pk] for pk in ids if pk in found]


def index_url(model, home_page, request):
    """The URL of the first live `model` page under the home page (a section's "more" link)."""

    def find():
        index = model.objects.live().descendant_of(home_page).first()
        return index.get_url(request=request) if index else None

    return remember(("index-url", model._meta.label_lower, home_page.pk), find)


def _statement_key(kind, queryset):
    sql, params = queryset.query.sql_with_params()
    key = (kind, sql, tuple(params))
    try:
        hash(key)
    except TypeError:  # a parameter that cannot be a key (a list in a JSON lookup, say)
        return None
    return key


def count(queryset):
    """queryset.count(), remembered per SQL statement: listing sizes change only with content."""
    key = _statement_key("count", queryset)
    return queryset.count() if key is None else remember(key, queryset.count)


def rows(queryset):
    """list(queryset), remembered per SQL statement: for option lists and facet counts."""
    key = _statement_key("rows", queryset)
    return list(queryset) if key is None else remember(key, lambda: list(queryset))


def _on_change(sender, instance=None, update_fields=None, **kwargs):
    from wagtail.contrib.settings.models import BaseSiteSetting

    if is_metadata_fill(update_fields):
        return
    meta = sender._meta
    if (meta.app_label in CONTENT_APPS and meta.model_name not in IGNORED_MODELS) or issubclass(
        sender, BaseSiteSetting
    ):
        bump()


def connect():
    post_save.connect(_on_change, dispatch_uid="sitedata_saved")
    post_delete.connect(_on_change, dispatch_uid="sitedata_deleted")
