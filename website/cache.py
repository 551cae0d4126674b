"""A whole-page cache for anonymous readers, and exact purging when content changes.

Why not Django's cache middleware: it varies on the Cookie header, which every Wagtail page
sets in Vary, so it would never share an entry between readers. Here a request qualifies when it
carries no session or messages cookie; the cached entry is served before the session, auth
or database is touched. Under gunicorn (website/wsgi.py) hits are served by PageCacheApplication,
before Django builds a request at all; the middleware stores entries and serves the test client.

Entries are keyed by host, path and query string. Each path also has a generation number
(shared by every host and query string of that path); purging a path bumps its generation, so
`/blogg/`, `/blogg/?sida=2` and `/blogg/?tagg=service` all go at once without listing them.
One more generation covers the whole site, for what every page shows (the main menu, settings).

A response is stored only when it cannot be per-reader: status 200, no Set-Cookie, no CSRF
token issued, and no `Cache-Control: private/no-store`.
"""

import hashlib
import logging
import threading
import time
from collections import OrderedDict
from http import HTTPStatus

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.http.cookie import parse_cookie
from django.utils.cache import patch_cache_control

logger = logging.getLogger(__name__)

# /kommentarer/: the reply pages quote a comment, which moderation may remove at any time.
EXCLUDED_PREFIXES = ("/admin/", "/django-admin/", "/konto/", "/kommentarer/", "/dokument/", "/static/", "/media/")
GENERATION_PREFIX = "pagecache:gen:"
# Bumped when something every page shows changes: the main menu, breadcrumbs of a section, settings.
SITE_GENERATION_KEY = "pagecache:gen:site"
ENTRY_PREFIX = "pagecache:entry:v2:"
CACHE_STATUS_HEADER = "X-Page-Cache"
# Headers that describe the response, not the request that first produced it.
STORED_HEADERS_SKIP = {"set-cookie", "date"}


def _cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def is_enabled():
    return getattr(settings, "PAGE_CACHE_ENABLED", False)


def _bypass_cookies():
    return {settings.SESSION_COOKIE_NAME, getattr(settings, "MESSAGE_COOKIE_NAME", "messages")}


def reader_is_anonymous(request):
    """True when nothing in the request can make the page differ for this reader."""
    return not (_bypass_cookies() & set(request.COOKIES))


def request_is_cacheable(request):
    return (
        request.method in ("GET", "HEAD")
        and not request.path.startswith(EXCLUDED_PREFIXES)
        and reader_is_anonymous(request)
        # Served ahead of SecurityMiddleware: a plain-HTTP request must still get its redirect.
        and (request.is_secure() or not settings.SECURE_SSL_REDIRECT)
        # Wagtail previews and the admin's userbar are never anonymous; be explicit anyway.
        and "preview" not in request.GET
    )


def _generation_key(path):
    return GENERATION_PREFIX + hashlib.sha256(path.encode()).hexdigest()


def _entry_key(scheme, host, path, query):
    # The scheme too: canonical and Open Graph URLs are absolute.
    return ENTRY_PREFIX + hashlib.sha256(f"{scheme}\n{host}\n{path}\n{query}".encode()).hexdigest()


class LocalCopies:
    """This process's copies of entries it has served, so a hit moves only the generations over the
    network, not the page. Bounded in bytes, least recently used first out; each copy is still
    checked against the shared generations on every request, so a purge anywhere applies at once,
    and it expires when the shared entry does."""

    def __init__(self, max_bytes):
        self.max_bytes = max_bytes
        self.size = 0
        self.entries = OrderedDict()
        self.lock = threading.Lock()  # the development server is threaded

    def get(self, key):
        with self.lock:
            entry = self.entries.get(key)
            if entry is None:
                return None
            if entry[4] < time.time():
                self._discard(key)
                return None
            self.entries.move_to_end(key)
            return entry

    def put(self, key, entry):
        with self.lock:
            self._discard(key)
            size = len(entry[3])
            if size > self.max_bytes:
                return
            self.entries[key] = entry
            self.size += size
            while self.size > self.max_bytes:
                _key, oldest = self.entries.popitem(last=False)
                self.size -= len(oldest[3])

    def discard(self, key):
        with self.lock:
            self._discard(key)

    def _discard(self, key):
        found = self.entries.pop(key, None)
        if found is not None:
            self.size -= len(found[3])


_local_copies = LocalCopies(max_bytes=32 * 1024 * 1024)


def _lookup(cache, scheme, host, path, query):
    """The stored entry if it is still current, and the generation to tag a new entry with.

    One round trip to the cache: the entry carries the generations (its path's and the whole
    site's) it was stored under, and a purge since then (a bumped generation) makes it stale.
    With a local copy, only the generations make the trip.
    """
    entry_key = _entry_key(scheme, host, path, query)
    generation_key = _generation_key(path)
    local = _local_copies.get(entry_key)
    wanted = (
        [generation_key, SITE_GENERATION_KEY] if local is not None else [entry_key, generation_key, SITE_GENERATION_KEY]
    )
    found = cache.get_many(wanted)
    generation = (found.get(generation_key), found.get(SITE_GENERATION_KEY))
    if None in generation:
        # Start from the clock, so that a generation lost to eviction never matches old entries.
        for key in (generation_key, SITE_GENERATION_KEY):
            cache.add(key, time.time_ns(), timeout=None)
        found = cache.get_many([generation_key, SITE_GENERATION_KEY])
        return None, entry_key, (found.get(generation_key), found.get(SITE_GENERATION_KEY))
    if local is not None:
        if local[0] == generation:
            return local, entry_key, generation
        _local_copies.discard(entry_key)
        entry = cache.get(entry_key)
    else:
        entry = found.get(entry_key)
    if entry is not None and entry[0] == generation:
        _local_copies.put(entry_key, entry)
        return entry, entry_key, generation
    return None, entry_key, generation


def _safe_lookup(cache, scheme, host, path, query):
    """_lookup, or nothing to serve and no generation to store under while the cache is down."""
    try:
        return _lookup(cache, scheme, host, path, query)
    except Exception:  # noqa: BLE001 - any cache backend's connection error
        logger.warning("Shared cache unreachable: page served without the page cache", exc_info=True)
        return None, None, None


def _timeout():
    return getattr(settings, "PAGE_CACHE_SECONDS", 300)


def response_is_cacheable(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False
    cache_control = response.get("Cache-Control", "")
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    return b"csrfmiddlewaretoken" not in response.content


def _bump(cache, key):
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, time.time_ns(), timeout=None)


def purge_paths(paths):
    """Forget every cached variant (host, query string) of each path."""
    cache = _cache()
    for path in set(paths):
        _bump(cache, _generation_key(path))


def purge_everything():
    """Forget every cached page: for a change that every page shows."""
    _bump(_cache(), SITE_GENERATION_KEY)


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_enabled() or not request_is_cacheable(request):
            response = self.get_response(request)
            if not reader_is_anonymous(request) and not request.path.startswith(("/static/", "/media/")):
                # Shared caches in front (Varnish, CDN) must never keep a logged-in reader's page.
                patch_cache_control(response, private=True)
            return response

        cache = _cache()
        stored, key, generation = _safe_lookup(
            cache, request.scheme, request.get_host(), request.path, request.META.get("QUERY_STRING", "")
        )
        if stored is not None:
            return self._rebuild(stored)

        response = self.get_response(request)
        if generation is not None and request.method == "GET" and response_is_cacheable(request, response):
            timeout = _timeout()
            patch_cache_control(response, public=True, max_age=0, s_maxage=timeout)
            headers = [(name, value) for name, value in response.items() if name.lower() not in STORED_HEADERS_SKIP]
            # Tagged with the generation read before rendering: a purge meanwhile leaves it stale.
            # Its expiry travels with it, so a local copy never outlives the shared entry.
            entry = (generation, response.status_code, headers, response.content, time.time() + timeout)
            try:
                cache.set(key, entry, timeout=timeout)
            except Exception:  # noqa: BLE001 - the page is served all the same, uncached
                logger.warning("Shared cache unreachable: page not stored", exc_info=True)
                return response
            _local_copies.put(key, entry)
            response[CACHE_STATUS_HEADER] = "miss"
        return response

    @staticmethod
    def _rebuild(stored):
        """The stored response as Django would send it (see also PageCacheApplication)."""
        _generation, status, headers, content, _expires = stored
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        response[CACHE_STATUS_HEADER] = "hit"
        return response


class PageCacheApplication:
    """Serves page-cache hits from WSGI, before Django builds a request or runs a middleware.

    A hit costs one cache round trip and nothing else; anything this cannot decide as the
    middleware would (a cookie that makes the reader known, a redirect to HTTPS due, a preview,
    an odd path) goes to Django, where PageCacheMiddleware decides and stores.
    """

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        stored = self._hit(environ) if is_enabled() else None
        if stored is None:
            return self.application(environ, start_response)
        _generation, status, headers, content, _expires = stored
        start_response(f"{status} {HTTPStatus(status).phrase}", [*headers, (CACHE_STATUS_HEADER, "hit")])
        return [] if environ["REQUEST_METHOD"] == "HEAD" else [content]

    @staticmethod
    def _hit(environ):
        if environ.get("REQUEST_METHOD") not in ("GET", "HEAD") or "preview" in environ.get("QUERY_STRING", ""):
            return None
        try:
            # As Django reads them: PATH_INFO arrives as latin-1 decoded bytes.
            path = (environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "/")).encode("iso-8859-1").decode()
        except UnicodeError:
            return None
        if path.startswith(EXCLUDED_PREFIXES) or _bypass_cookies() & set(parse_cookie(environ.get("HTTP_COOKIE", ""))):
            return None
        if settings.SECURE_SSL_REDIRECT and not _is_secure(environ):
            return None
        # Django's request.get_host() before validation; an entry exists only for a host that passed it.
        host = environ.get("HTTP_HOST") or f"{environ['SERVER_NAME']}:{environ['SERVER_PORT']}"
        if settings.USE_X_FORWARDED_HOST and "HTTP_X_FORWARDED_HOST" in environ:
            return None
        scheme = "https" if _is_secure(environ) else "http"
        stored, _key, _generation = _safe_lookup(_cache(), scheme, host, path, environ.get("QUERY_STRING", ""))
        return stored


def _is_secure(environ):
    header = settings.SECURE_PROXY_SSL_HEADER
    if header:
        name, value = header
        forwarded = environ.get(name)
        if forwarded is not None:
            return forwarded.split(",")[0].strip() == value
    return environ.get("wsgi.url_scheme") == "https"
