"""The app's page cache: whole responses for anonymous readers, each stored with its tags' versions.

Not Django's cache middleware: it varies on Cookie, which every Wagtail page lists in Vary. Here
a GET qualifies without a session or messages cookie, outside paths.NEVER_CACHE_PREFIXES; a
response that cannot be per-reader (200, no Set-Cookie, no CSRF token, not private) is stored by
scheme, host, path and query with the versions of the tags it read, and goes out with them in
`xkey` for Varnish. A hit is one GET of `changed` and no query (each process keeps a copy of the
page), one MGET more after a change; under gunicorn PageCacheApplication serves it from WSGI.
"""

import hashlib
import logging
import time
from collections import Counter
from http import HTTPStatus

from django.conf import settings
from django.http import HttpResponse
from django.http.cookie import parse_cookie
from django.utils.cache import patch_cache_control
from wagtail.models import Site

from caching import invalidation, memo, tags, versions
from caching.paths import STATIC_PREFIXES, never_cached

logger = logging.getLogger(__name__)

ENTRY_PREFIX = "pagecache:entry:v7:"
CACHE_STATUS_HEADER = "X-Page-Cache"
# In the WSGI environ: (address, latest) of a lookup PageCacheApplication made and missed.
MISSED = "caching.pagecache.missed"
TAGS_HEADER = "xkey"
# Headers that describe the response, not the request that first produced it.
STORED_HEADERS_SKIP = {"set-cookie", "date"}
# More tags than this: the rows of the most frequent models are named by their list tag instead.
MAX_TAGS = 120


def is_enabled():
    return getattr(settings, "PAGE_CACHE_ENABLED", False)


def _timeout():
    return getattr(settings, "PAGE_CACHE_SECONDS", 300)


def _bypass_cookies():
    return {settings.SESSION_COOKIE_NAME, getattr(settings, "MESSAGE_COOKIE_NAME", "messages")}


def reader_is_anonymous(environ):
    """True when nothing in the request can make the page differ for this reader."""
    cookies = environ.get("HTTP_COOKIE")
    return not (cookies and _bypass_cookies() & set(parse_cookie(cookies)))


def cacheable_address(environ):
    """The page cache's address for a request it may answer (a GET or HEAD from an anonymous reader,
    outside paths.never_cached, not a preview, over HTTPS when required), else None. Decided from
    the WSGI environ, so that PageCacheApplication decides as the middleware does."""
    query = environ.get("QUERY_STRING", "")
    if environ.get("REQUEST_METHOD") not in ("GET", "HEAD") or "preview" in query:
        return None
    try:
        # As Django reads them: PATH_INFO arrives as latin-1 decoded bytes.
        path = (environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "/")).encode("iso-8859-1").decode()
    except UnicodeError:
        return None
    secure = _is_secure(environ)
    if never_cached(path) or not reader_is_anonymous(environ) or (settings.SECURE_SSL_REDIRECT and not secure):
        return None  # a plain-HTTP request must still get SecurityMiddleware's redirect
    if settings.USE_X_FORWARDED_HOST and "HTTP_X_FORWARDED_HOST" in environ:
        return None
    # Django's request.get_host() before validation: a host it refuses gets a 400, which is not stored.
    host = environ.get("HTTP_HOST") or f"{environ['SERVER_NAME']}:{environ['SERVER_PORT']}"
    return _address("https" if secure else "http", host, path, query)


def response_is_cacheable(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False
    cache_control = response.get("Cache-Control", "")
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    return b"csrfmiddlewaretoken" not in response.content


def _address(scheme, host, path, query):
    # The scheme too: canonical and Open Graph URLs are absolute.
    return hashlib.sha256(f"{scheme}\n{host}\n{path}\n{query}".encode()).hexdigest()


def compact(names):
    """At most MAX_TAGS tags: rows of the commonest models give way to the model's list tag, which
    every change of those rows invalidates too."""
    names = set(names)
    if len(names) <= MAX_TAGS:
        return names
    per_label = Counter(name.rsplit(":", 1)[0] for name in names if name.rsplit(":", 1)[-1].isdigit())
    for label, _count in per_label.most_common():
        names = {name for name in names if not (name.startswith(label + ":") and name.rsplit(":", 1)[-1].isdigit())}
        names.add(f"{label}:list")
        if len(names) <= MAX_TAGS:
            break
    return names


class Entry(versions.Checked):
    __slots__ = ("status", "headers", "content")

    def __init__(self, keys, found_versions, status, headers, content, stored, expires):
        super().__init__(keys, found_versions, stored, expires)
        self.status, self.headers, self.content = status, headers, content

    def served_headers(self):
        """The stored headers, with the entry's age: a cache in front keeps it only for the rest of
        its s-maxage (which may be short: tags.expires_at)."""
        return [*self.headers, ("Age", str(max(0, int(time.time() - self.since)))), (CACHE_STATUS_HEADER, "hit")]


# This process's copies of the entries it served, so a hit moves only the tag versions over the
# network, not the page; each is still checked on every request.
_local_copies = versions.Local(32 * 1024 * 1024, size=lambda entry: len(entry.content))


def lookup(address):
    """(entry, latest): the stored entry for this address if every one of its tags is unchanged,
    else None; and `changed` as read for it (versions.latest(); False while unreachable)."""
    entry_key = ENTRY_PREFIX + address
    latest = versions.latest()
    if latest is None:
        return None, False
    local = _local_copies.get(entry_key)
    if local is not None:
        is_fresh = local.is_fresh(latest)
        if is_fresh:
            return local, latest
        if is_fresh is None:
            return None, False
        # Another process may have stored a newer rendering since.
        _local_copies.discard(entry_key)
    entry = versions.read(entry_key)
    if not isinstance(entry, Entry) or not entry.in_time() or not entry.is_fresh(latest):
        return None, latest
    _local_copies.put(entry_key, entry)
    return entry, latest


def store(address, response, names, collector, timeout):
    """Store the response under its tags' versions, unless one moved since its render began."""
    stamped = versions.stamp(names, collector)
    if stamped is None:
        return False
    headers = [(name, value) for name, value in response.items() if name.lower() not in STORED_HEADERS_SKIP]
    now = time.time()
    entry = Entry(*stamped, response.status_code, headers, response.content, now, now + timeout)
    entry_key = ENTRY_PREFIX + address
    if not versions.write(entry_key, entry, timeout):
        return False
    _local_copies.put(entry_key, entry)
    return True


def collecting():
    """Whether responses are tagged: for the page cache, or for an HTTP cache in front."""
    return is_enabled() or bool(invalidation.frontends())


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        address = cacheable_address(request.META)
        if address is None:
            response = self.get_response(request)
            if not reader_is_anonymous(request.META) and not request.path.startswith(STATIC_PREFIXES):
                # Shared caches in front (Varnish, CDN) must never keep a logged-in reader's page.
                patch_cache_control(response, private=True)
            return response
        latest = None  # not read yet: memo reads it if it needs it
        if is_enabled():
            missed = request.META.get(MISSED)
            if missed is not None and missed[0] == address:
                latest = missed[1]
            else:
                stored, latest = lookup(address)
                if stored is not None:
                    return self._rebuild(stored)
        # A reader's request: remembered answers come from this process's memory (memo.py), and
        # what it reads is tagged, for them and for the caches. Its render begins after the lookup,
        # which may have found the cache back after an outage and outdated everything before.
        with memo.serving(latest), tags.collect() as collector:
            return self._serve(request, address, collector)

    def _serve(self, request, address, collector):
        enabled = is_enabled()
        tagged = collecting()
        if tagged:
            with tags.scope(tags.SITES_TAG):
                # Which site a host is: Wagtail keeps the answer on the request for the views after.
                Site.find_for_request(request)
                Site.get_site_root_paths()
        response = self.get_response(request)
        timeout = _timeout()
        if collector.expires is not None:
            timeout = min(timeout, int(collector.expires - time.time()))
        if tagged and request.method == "GET" and response_is_cacheable(request, response):
            names = sorted(compact(collector.tags | {versions.EPOCH}))
            # s-maxage=0 when what the page shows of the time is about to change: not kept anywhere.
            patch_cache_control(response, public=True, max_age=0, s_maxage=max(timeout, 0))
            response[TAGS_HEADER] = " ".join(names)
            if enabled and timeout > 0 and store(address, response, names, collector, timeout):
                response[CACHE_STATUS_HEADER] = "miss"
        return response

    @staticmethod
    def _rebuild(stored):
        """The stored response as Django would send it (see also PageCacheApplication)."""
        response = HttpResponse(stored.content, status=stored.status)
        for name, value in stored.served_headers():
            response[name] = value
        return response


class PageCacheApplication:
    """Serves page-cache hits from WSGI, before Django builds a request; everything else goes to Django."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        address = cacheable_address(environ) if is_enabled() else None
        if address is None:
            return self.application(environ, start_response)
        stored, latest = lookup(address)
        if stored is None:
            environ[MISSED] = (address, latest)  # so that the middleware does not look it up again
            return self.application(environ, start_response)
        start_response(f"{stored.status} {HTTPStatus(stored.status).phrase}", stored.served_headers())
        return [] if environ["REQUEST_METHOD"] == "HEAD" else [stored.content]


def _is_secure(environ):
    header = settings.SECURE_PROXY_SSL_HEADER
    if header:
        name, value = header
        forwarded = environ.get(name)
        if forwarded is not None:
            return forwarded.split(",")[0].strip() == value
    return environ.get("wsgi.url_scheme") == "https"
