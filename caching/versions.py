"""Tag versions in the shared cache (Redis in production): the page cache's test of freshness.

A tag's version is the time (ns) it was last invalidated. An entry stores the versions of its tags
as it found them and is served only while every one is unchanged. A version that is missing
(evicted, or never written) counts as changed: it is written anew, from the clock, so it can
never equal a version an old entry holds.

After an outage nothing stale is served: a process that could not reach the cache (to read or
to invalidate) invalidates the `epoch` tag, which every entry carries, as soon as it reaches it
again. With Redis persistence, entries and versions from before the outage come back, but the
invalidations made meanwhile would not; the new epoch outdates them all.
"""

import logging
import time

from django.conf import settings
from django.core.cache import caches

logger = logging.getLogger(__name__)

PREFIX = "cachetag:"
EPOCH = "epoch"

_state = {"outage": False}


def cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def key(name):
    return PREFIX + name


def _now():
    return time.time_ns()


def _failed(action):
    logger.warning("Shared cache unreachable: %s", action, exc_info=True)
    _state["outage"] = True


def _recovered(store):
    """Called after a successful call: the first one after an outage outdates every entry."""
    if _state["outage"]:
        _state["outage"] = False
        store.set(key(EPOCH), _now(), timeout=None)
        logger.warning("Shared cache reachable again: every cached page outdated")
        return True
    return False


def get(names):
    """{tag: version} for the tags that have one, or None while the cache is unreachable."""
    store = cache()
    try:
        found = store.get_many([key(name) for name in names])
        _recovered(store)
    except Exception:  # noqa: BLE001 - any cache backend's connection error
        _failed("tag versions not read")
        return None
    return {name[len(PREFIX) :]: value for name, value in found.items()}


def create_missing(names, found):
    """Give each tag without a version one from the clock; returns the versions of all `names`."""
    missing = [name for name in names if name not in found]
    if not missing:
        return found
    store = cache()
    now = _now()
    try:
        for name in missing:
            store.add(key(name), now, timeout=None)
        created = store.get_many([key(name) for name in missing])
    except Exception:  # noqa: BLE001
        _failed("tag versions not written")
        return None
    return {**found, **{name[len(PREFIX) :]: value for name, value in created.items()}}


def invalidate(names):
    """A new version for each tag: every entry that carries one of them is stale from now on."""
    store = cache()
    now = _now()
    try:
        store.set_many({key(name): now for name in names}, timeout=None)
        _recovered(store)
    except Exception:  # noqa: BLE001 - the change stands; the epoch outdates everything on recovery
        _failed(f"{len(names)} tags not invalidated")


def current(keys):
    """The versions at these cache keys ({key: version}), or None while the cache is unreachable.

    The page cache's hit path: one round trip. The first success after an outage answers {}, so
    that nothing stored before it is served."""
    store = cache()
    try:
        found = store.get_many(keys)
        if _recovered(store):
            return {}
    except Exception:  # noqa: BLE001 - any cache backend's connection error
        _failed("page served without the page cache")
        return None
    return found


def read(entry_key):
    try:
        return cache().get(entry_key)
    except Exception:  # noqa: BLE001
        _failed("page served without the page cache")
        return None


def write(entry_key, value, timeout):
    try:
        cache().set(entry_key, value, timeout=timeout)
    except Exception:  # noqa: BLE001 - the page is served all the same, uncached
        _failed("page not stored")
        return False
    return True
