"""Tag versions in the shared cache (Redis in production): the test of freshness.

A tag's version is the time (ns) it was last invalidated; an entry or answer is served while each
of its tags still has the version it stored. A missing version counts as changed: it is written
anew from the clock (stamp(): the time the render began), so it never equals an old one. Every invalidation also moves `changed`, the
newest invalidation anywhere: while it stands, nothing that was checked at it needs checking again,
so nearly every hit costs one GET of one key (`latest()`), and a check after a change one MGET.

A process that could not reach the cache invalidates `epoch`, which every entry carries, as soon as
it reaches it again: invalidations made meanwhile were lost, so nothing from before may be served.
"""

import contextlib
import functools
import logging
import threading
import time

from cachetools import LRUCache
from django.conf import settings
from django.core.cache import caches

logger = logging.getLogger(__name__)

PREFIX = "cachetag:"
EPOCH = "epoch"
CHANGED = "changed"

_state = {"outage": False}


def cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def key(name):
    return PREFIX + name


def _guarded(action, failed=None, after_outage=None):
    """Runs the call against the cache; on any error logs `action`, marks the outage and answers
    `failed`. The first call that succeeds after an outage outdates every entry, and answers
    `after_outage` instead of calling when that is given."""

    def decorate(function):
        @functools.wraps(function)
        def call(*args, **kwargs):
            store = cache()
            try:
                if _state["outage"]:
                    now = time.time_ns()
                    store.set_many({key(EPOCH): now, key(CHANGED): now}, timeout=None)
                    _state["outage"] = False
                    logger.warning("Shared cache reachable again: every cached page outdated")
                    if after_outage is not None:
                        return after_outage
                return function(store, *args, **kwargs)
            except Exception:  # noqa: BLE001 - any cache backend's connection error
                logger.warning("Shared cache unreachable: %s", action, exc_info=True)
                _state["outage"] = True
                return failed

        return call

    return decorate


@_guarded("tag versions not read")
def stamp(store, names, collector):
    """(keys, versions) of `names` for what `collector` rendered, or None when one moved since its
    render began (other than by its own writes) or the cache is unreachable. A tag without a version
    gets one from just before the render: unlike any stored before, and not a change it missed.
    Versions are the invalidating server's clock: keep app servers' clocks in step (NTP), or an
    invalidation within the skew may go unseen."""
    keys = tuple(key(name) for name in names)
    found = store.get_many(keys)
    missing = [entry_key for entry_key in keys if entry_key not in found]
    for entry_key in missing:
        store.add(entry_key, collector.started - 1, timeout=None)
    if missing:
        found.update(store.get_many(missing))
    stamped = tuple(found.get(entry_key) for entry_key in keys)
    for name, version in zip(names, stamped, strict=True):
        if version is None or (version > collector.started and name not in collector.written):
            return None
    return keys, stamped


@_guarded("tags not invalidated")
def invalidate(store, names):
    """A new version for each tag; `changed` last, so a process that reads it finds the tags' new
    versions too (django-redis sends set_many as one MULTI/EXEC; local caches set in order)."""
    now = time.time_ns()
    store.set_many({**{key(name): now for name in names}, key(CHANGED): now}, timeout=None)


@_guarded("page served without the page cache")
def latest(store):
    """The version of `changed`, or None while the cache is unreachable (written from the clock
    when missing, so it is unlike any checked before)."""
    found = store.get(key(CHANGED))
    if found is None:
        store.add(key(CHANGED), time.time_ns(), timeout=None)
        found = store.get(key(CHANGED))
    return found


@_guarded("page served without the page cache", after_outage={})
def current(store, keys):
    """The versions at these cache keys, or None while the cache is unreachable; {} on the first
    success after an outage, so that nothing stored before it is served."""
    return store.get_many(keys)


class Checked:
    """The versions an entry or answer stored, and the `changed` at which they were last found
    unchanged: while `changed` stands, no check is needed. It is served from `since` (time.time())
    until `expires` (None: until a write outdates it)."""

    __slots__ = ("keys", "versions", "checked", "since", "expires")

    def __init__(self, keys, stored_versions, since, expires):
        self.keys, self.versions = keys, stored_versions
        self.since, self.expires = since, expires
        self.checked = None

    def in_time(self):
        return self.since <= time.time() and (self.expires is None or time.time() < self.expires)

    def matches(self, found):
        return all(found.get(key) == version for key, version in zip(self.keys, self.versions, strict=True))

    def is_fresh(self, latest):
        """True while no tag changed, False when one did, None while the cache is unreachable."""
        if self.checked == latest:
            return True
        found = current(self.keys)
        if found is None:
            return None
        if self.matches(found):
            self.checked = latest
            return True
        return False


class Local:
    """This process's copies of checked entries or answers, least recently used out first up to
    `max_size` as `size(item)` counts it; an item out of time is dropped when asked for."""

    def __init__(self, max_size, size):
        self.size = size
        self.items = LRUCache(max_size, getsizeof=size)
        self.lock = threading.Lock()  # the development server is threaded

    def get(self, item_key):
        with self.lock:
            item = self.items.get(item_key)
            if item is not None and not item.in_time():
                del self.items[item_key]
                return None
            return item

    def put(self, item_key, item):
        with self.lock, contextlib.suppress(ValueError):  # larger than the whole budget: not kept
            self.items[item_key] = item

    def discard(self, item_key):
        with self.lock:
            self.items.pop(item_key, None)

    def clear(self, max_size=None):
        with self.lock:
            self.items = LRUCache(max_size or self.items.maxsize, getsizeof=self.size)


@_guarded("page served without the page cache")
def read(store, entry_key):
    return store.get(entry_key)


@_guarded("page not stored", failed=False)
def write(store, entry_key, value, timeout):
    store.set(entry_key, value, timeout=timeout)
    return True
