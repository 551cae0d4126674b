"""Tag versions in the shared cache (Redis in production): the page cache's test of freshness.

A tag's version is the time (ns) it was last invalidated. An entry stores the versions of its tags
as it found them and is served only while every one is unchanged. A version that is missing
(evicted, or never written) counts as changed: it is written anew, from the clock, so it can
never equal a version an old entry holds.

After an outage nothing stale is served: a process that could not reach the cache (to read or
to invalidate) invalidates the `epoch` tag, which every entry carries, as soon as it reaches it
again. With Redis persistence, entries and versions from before the outage come back, but the
invalidations made meanwhile would not; the new epoch outdates them all.

Every invalidation also moves one more version, `changed`: the time of the newest invalidation
anywhere (`latest()`). While it stands still, nothing was invalidated, so whatever a process
checked against the tags' versions at that `changed` is still current: the page cache and the
memo then read that one key per request and nothing else. Only after a change do they compare
an answer's own tags, once per answer and process. Writes are rare beside reads, so nearly every
hit costs one GET of one short key.

That comparison costs one round trip too, whatever the number of tags: one `get_many` of the
tags' versions (`Checked.is_fresh()`).
"""

import logging
import time

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


def _now():
    return time.time_ns()


def _failed(action):
    logger.warning("Shared cache unreachable: %s", action, exc_info=True)
    _state["outage"] = True


def _recovered(store):
    """Called after a successful call: the first one after an outage outdates every entry."""
    if _state["outage"]:
        _state["outage"] = False
        now = _now()
        store.set_many({key(EPOCH): now, key(CHANGED): now}, timeout=None)
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


def create_missing(names, found, created=None):
    """Give each tag without a version one from the clock; returns the versions of all `names`.
    `created`, a dict, receives the versions this call wrote."""
    missing = [name for name in names if name not in found]
    if not missing:
        return found
    store = cache()
    now = _now()
    try:
        for name in missing:
            if store.add(key(name), now, timeout=None) and created is not None:
                created[name] = now
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
        # `changed` last: a process that reads its new value finds the tags' new versions too
        # (django-redis sends set_many as one MULTI/EXEC transaction; local caches set in order).
        store.set_many({**{key(name): now for name in names}, key(CHANGED): now}, timeout=None)
        _recovered(store)
    except Exception:  # noqa: BLE001 - the change stands; the epoch outdates everything on recovery
        _failed(f"{len(names)} tags not invalidated")


def latest():
    """The version of `changed` (the newest invalidation anywhere), or None while the cache is
    unreachable. One GET: the hit path of the page cache and of the memo. When it is missing
    (evicted, or a new cache), a version from the clock is written, unlike any checked before."""
    store = cache()
    try:
        found = store.get(key(CHANGED))
        if _recovered(store) or found is None:
            store.add(key(CHANGED), _now(), timeout=None)
            found = store.get(key(CHANGED))
    except Exception:  # noqa: BLE001 - any cache backend's connection error
        _failed("page served without the page cache")
        return None
    return found


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


class Checked:
    """What an entry or answer keeps of its last check: the `changed` version (latest()) at which
    its tags were last found unchanged. While `changed` stands, no check is needed."""

    __slots__ = ("keys", "versions", "checked")

    def __init__(self, keys, stored_versions):
        self.keys, self.versions = keys, stored_versions
        self.checked = None  # this process's own: never pickled with an entry

    def matches(self, found):
        """Whether `found` ({key: version}, as current() reads them) holds every stored version."""
        return all(found.get(key) == version for key, version in zip(self.keys, self.versions, strict=True))

    def is_fresh(self, latest):
        """True while no tag changed, False when one did, None while the cache is unreachable: one
        round trip (get_many, MGET on Redis) unless `changed` stands since the last check."""
        if self.checked == latest:
            return True
        found = current(self.keys)
        if found is None:
            return None
        answer = self.matches(found)
        if answer:
            self.checked = latest
        return answer


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
