"""Answers kept in each process between readers' requests while their tags stand.

`remember(key, compute)` runs `compute()` while collecting the tags of what it read, and keeps the
answer with the versions of those tags (versions.Checked): the main menu, the site settings, the
view restrictions, a route, a rendered fragment (templatetags/caching_tags.py). Every write
invalidates its tags (invalidation.py), so an answer needs no rule of its own. While `changed`
stands (one GET per request) every answer stands; after a change, each is compared with its tags
once. An answer that read the time (tags.expires_at) also ends then. Only readers' requests
(`serving()`, opened by PageCacheMiddleware) use it; an answer is shared by every request of the
process, so it must be plain data or instances nobody changes.
"""

import contextlib
import contextvars
import threading
import time

from cachetools import LRUCache

from caching import tags, versions

# Characters of rendered text kept, least recently used out first; any other answer counts as this.
MAX_TEXT = 16 * 1024 * 1024
OTHER_SIZE = 4096


class _Answer(versions.Checked):
    __slots__ = ("value", "names", "since", "expires")

    def __init__(self, value, names, keys, found, since, expires):
        super().__init__(keys, found)
        self.value, self.names = value, names
        self.since, self.expires = since, expires  # time.time(); expires None: only a write outdates it

    def in_time(self):
        return self.expires is None or self.since <= time.time() < self.expires


def _size(answer):
    return len(answer.value) if isinstance(answer.value, str) else OTHER_SIZE


_answers = LRUCache(MAX_TEXT, getsizeof=_size)
_lock = threading.Lock()  # the development server is threaded
# `changed` as the request's first lookup read it (None: not yet; False: the cache is unreachable).
_request = contextvars.ContextVar("caching_memo_request", default=None)


@contextlib.contextmanager
def serving():
    """Inside, remember() answers from memory (a reader's request)."""
    token = _request.set([None])
    try:
        yield
    finally:
        _request.reset(token)


def active():
    """Whether remember() answers from memory here (inside a reader's request)."""
    return _request.get() is not None


def forget():
    """Drop every remembered answer (tests; after an outage of the shared cache)."""
    global _answers
    with _lock:
        _answers = LRUCache(MAX_TEXT, getsizeof=_size)


def _latest(state):
    if state[0] is None:
        state[0] = versions.latest() or False
        if state[0] is False:
            forget()  # invalidations made meanwhile were not seen: nothing old may outlive the outage
    return state[0]


def remember(key, compute, inherit=False):
    """compute()'s answer, from this process's memory while the tags it read are unchanged.

    With inherit=True (a rendered fragment) the answer also carries every tag the request had
    collected before: what compute() reuses of what the request loaded earlier (the page, its
    site) queries nothing, so it would otherwise leave no tag."""
    state = _request.get()
    if state is None:
        return compute()
    latest = _latest(state)
    with _lock:
        answer = _answers.get(key) if latest else None
    if answer is not None and answer.in_time() and answer.is_fresh(latest):
        tags.add(*answer.names)
        tags.expires_at(answer.expires)
        return answer.value
    outer = tags.current() if inherit else None
    with tags.collect() as collector:
        if outer is not None:
            collector.started, collector.expires = outer.started, outer.expires
            collector.tags.update(outer.tags)
            collector.written.update(outer.written)
            collector.created.update(outer.created)
        value = compute()
    tags.add(*collector.tags)
    tags.wrote(collector.written)
    tags.created(collector.created)
    tags.expires_at(collector.expires)
    if latest:
        _keep(key, value, collector)
    return value


def _keep(key, value, collector):
    # The epoch too: after an outage of the shared cache (versions.py) nothing remembered stands.
    names = sorted({*collector.tags, versions.EPOCH})
    found = versions.get(names)
    if found is None or tags.outdated(collector, found):
        return  # changed while it was computed: the next request computes it again
    created = {}
    found = versions.create_missing(names, found, created)
    if found is None:
        return
    tags.created(created)  # not a change of what the request's page read (pagecache.store)
    keys = tuple(versions.key(name) for name in names)
    answer = _Answer(
        value, tuple(names), keys, tuple(found[name] for name in names), collector.started / 1e9, collector.expires
    )
    with _lock, contextlib.suppress(ValueError):  # larger than the whole budget: not kept
        _answers[key] = answer


class RememberedSetting:
    """For a Wagtail site setting (BaseSiteSetting): `for_site()`, and so `for_request()`, remembered
    per site. Its related rows (pages, images) are loaded with it, so their tags are the answer's."""

    @classmethod
    def for_site(cls, site):
        def compute():
            instance = super(RememberedSetting, cls).for_site(site)
            for field in instance._meta.concrete_fields:
                if field.is_relation and field.name != "site" and getattr(instance, field.attname) is not None:
                    getattr(instance, field.name)
            return instance

        return remember(("site_setting", cls._meta.label_lower, site.pk), compute)
