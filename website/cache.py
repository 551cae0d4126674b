"""A whole-page cache for anonymous readers, and exact purging when content changes.

Why not Django's cache middleware: it varies on the Cookie header, which every Wagtail page
sets in Vary, so it would never share an entry between readers. Here a request qualifies when it
carries no session or messages cookie; the cached entry is served before the session, auth
or database is touched.

Entries are keyed by host, path and query string. Each path also has a generation number
(shared by every host and query string of that path); purging a path bumps its generation, so
`/blogg/`, `/blogg/?sida=2` and `/blogg/?tagg=service` all go at once without listing them.

A response is stored only when it cannot be per-reader: status 200, no Set-Cookie, no CSRF
token issued, and no `Cache-Control: private/no-store`.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils.cache import patch_cache_control

EXCLUDED_PREFIXES = ("/admin/", "/django-admin/", "/konto/", "/dokument/", "/static/", "/media/")
GENERATION_PREFIX = "pagecache:gen:"
ENTRY_PREFIX = "pagecache:entry:"
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


def _entry_key(host, path, query):
    return ENTRY_PREFIX + hashlib.sha256(f"{host}\n{path}\n{query}".encode()).hexdigest()


def _lookup(cache, request):
    """The stored entry if it is still current, and the generation to tag a new entry with.

    One round trip to the cache: the entry carries the generation it was stored under, and a
    purge since then (a bumped generation) makes it stale.
    """
    entry_key = _entry_key(request.get_host(), request.path, request.META.get("QUERY_STRING", ""))
    generation_key = _generation_key(request.path)
    found = cache.get_many([entry_key, generation_key])
    generation = found.get(generation_key)
    if generation is None:
        # Start from the clock, so that a generation lost to eviction never matches old entries.
        cache.add(generation_key, time.time_ns(), timeout=None)
        generation = cache.get(generation_key)
        return None, entry_key, generation
    entry = found.get(entry_key)
    if entry is not None and entry[0] == generation:
        return entry, entry_key, generation
    return None, entry_key, generation


def response_is_cacheable(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False
    cache_control = response.get("Cache-Control", "")
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    return b"csrfmiddlewaretoken" not in response.content


def purge_paths(paths):
    """Forget every cached variant (host, query string) of each path."""
    cache = _cache()
    for path in set(paths):
        key = _generation_key(path)
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, time.time_ns(), timeout=None)


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
        stored, key, generation = _lookup(cache, request)
        if stored is not None:
            return self._rebuild(stored)

        response = self.get_response(request)
        if request.method == "GET" and response_is_cacheable(request, response):
            timeout = getattr(settings, "PAGE_CACHE_SECONDS", 300)
            patch_cache_control(response, public=True, max_age=0, s_maxage=timeout)
            headers = [(name, value) for name, value in response.items() if name.lower() not in STORED_HEADERS_SKIP]
            # Tagged with the generation read before rendering: a purge meanwhile leaves it stale.
            cache.set(key, (generation, response.status_code, headers, response.content), timeout=timeout)
            response[CACHE_STATUS_HEADER] = "miss"
        return response

    @staticmethod
    def _rebuild(stored):
        _generation, status, headers, content = stored
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        response[CACHE_STATUS_HEADER] = "hit"
        return response
