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

from caching import tags, versions

# Characters of rendered text kept, least recently used out first; any other answer counts as this.
MAX_TEXT = 16 * 1024 * 1024
OTHER_SIZE = 4096


class _Answer(versions.Checked):
    __slots__ = ("value", "names")

    def __init__(self, value, names, keys, found, since, expires):
        super().__init__(keys, found, since, expires)
        self.value, self.names = value, names


_answers = versions.Local(
    MAX_TEXT, size=lambda answer: len(answer.value) if isinstance(answer.value, str) else OTHER_SIZE
)
# `changed` for this request (None: not read yet; False: the cache is unreachable).
_request = contextvars.ContextVar("caching_memo_request", default=None)


@contextlib.contextmanager
def serving(latest=None):
    """Inside, remember() answers from memory (a reader's request). `latest`: versions.latest() as
    the caller read it for this request (False: unreachable), or None to read it when needed."""
    if latest is False:
        forget()  # invalidations made meanwhile were not seen: nothing old may outlive the outage
    token = _request.set([latest])
    try:
        yield
    finally:
        _request.reset(token)


def active():
    """Whether remember() answers from memory here (inside a reader's request)."""
    return _request.get() is not None


def forget():
    """Drop every remembered answer (tests; after an outage of the shared cache)."""
    _answers.clear(MAX_TEXT)


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
    answer = _answers.get(key) if latest else None
    if answer is not None and answer.is_fresh(latest):
        tags.add(*answer.names)
        tags.expires_at(answer.expires)
        return answer.value
    outer = tags.current()
    with tags.collect() as collector:
        if outer is not None:
            # From the request's start: the versions it gives tags that had none are then no change
            # the request's page missed (versions.stamp).
            collector.started = outer.started
            if inherit:
                collector.expires = outer.expires
                collector.tags.update(outer.tags)
                collector.written.update(outer.written)
        value = compute()
    tags.add(*collector.tags)
    tags.wrote(collector.written)
    tags.expires_at(collector.expires)
    if latest:
        _keep(key, value, collector)
    return value


def _keep(key, value, collector):
    # The epoch too: after an outage of the shared cache (versions.py) nothing remembered stands.
    names = tuple(sorted({*collector.tags, versions.EPOCH}))
    stamped = versions.stamp(names, collector)
    if stamped is not None:  # else changed while it was computed: the next request computes it again
        _answers.put(key, _Answer(value, names, *stamped, collector.started / 1e9, collector.expires))


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
