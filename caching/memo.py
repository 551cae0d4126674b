"""Site-wide answers kept in each process between readers' requests while their tags stand.

Which sections are behind a view restriction, the main menu, the site settings: nearly every page
asks, and the answers change only when someone edits them. `remember(key, compute)` runs
`compute()` once while collecting the tags of what it read (tags.py), keeps the answer in this
process with the versions of those tags (versions.py), and answers later requests from memory
while none of them was invalidated. Every write invalidates its tags (invalidation.py), so a
remembered answer needs no rule of its own.

The first lookup of a request reads `changed`, the version of the newest invalidation anywhere
(versions.latest(): one round trip of one key, the same cache as the page cache). While it is the
one the remembered answers were last checked at, they all stand. When it moved, the versions of
every site-wide answer's tags are read at once (one more round trip), the answers whose tags
changed are dropped, and the rest are checked at the new `changed`. The answer's tags are added
to the request's own, so a page cached from it goes when it does.

Only readers' requests use it (PageCacheMiddleware opens `serving()` around those the page cache
could serve, whether or not it is on); the admin, forms and management commands compute every
time. Keys must be site-wide (a setting, a site's menu), not per page: every key is checked on
every request. An answer is shared by every request of the process: plain data, or instances
whose related rows `compute()` has already loaded and nobody changes.
"""

import contextlib
import contextvars
import threading
import time
from collections import OrderedDict

from caching import tags, versions

# More answers than this (keys that are not site-wide after all): start again.
MAX_ANSWERS = 200
# Answers checked on their own (per page), least recently stored out first.
MAX_ALONE = 5000


class _Answer:
    __slots__ = ("value", "names", "keys", "versions", "checked")

    def __init__(self, value, names, keys, found):
        self.value, self.names, self.keys, self.versions = value, names, keys, found
        self.checked = None  # the `changed` version at which the tags' versions were last compared

    def is_current(self, found):
        return all(found.get(key) == version for key, version in zip(self.keys, self.versions, strict=True))


class _Request:
    __slots__ = ("latest",)

    def __init__(self):
        self.latest = None  # `changed` as the request's first lookup read it; False: unreachable


_answers = {}
# The `changed` version at which every answer in _answers was last found current.
_checked = {"latest": None}
_alone = OrderedDict()
_lock = threading.Lock()  # the development server is threaded
_request = contextvars.ContextVar("caching_memo_request", default=None)


@contextlib.contextmanager
def serving():
    """Inside, remember() answers from memory (a reader's request)."""
    token = _request.set(_Request())
    try:
        yield
    finally:
        _request.reset(token)


def active():
    """Whether remember() answers from memory here (inside a reader's request)."""
    return _request.get() is not None


def forget():
    """Drop every remembered answer (tests; after an outage of the shared cache)."""
    with _lock:
        _answers.clear()
        _alone.clear()
        _checked["latest"] = None


def _read(state):
    """`changed` for this request (False while the cache is unreachable); when it moved since the
    site-wide answers were last checked, those whose tags changed are dropped first."""
    if state.latest is None:
        latest = versions.latest()
        if latest is None:
            forget()  # invalidations made meanwhile were not seen: nothing old may outlive the outage
            state.latest = False
            return False
        state.latest = latest
        with _lock:
            if _checked["latest"] == latest:
                return latest
            keys = sorted({key for answer in _answers.values() for key in answer.keys})
        found = versions.current(keys) if keys else {}
        if found is None:
            forget()
            state.latest = False
            return False
        with _lock:
            for name, answer in list(_answers.items()):
                if not answer.is_current(found):
                    del _answers[name]
            _checked["latest"] = latest
    return state.latest


def _alone_is_current(answer, latest):
    if answer.checked == latest:
        return True
    found = versions.current(answer.keys)
    if found and answer.is_current(found):
        answer.checked = latest
        return True
    return False


def remember(key, compute, alone=False):
    """compute()'s answer, from this process's memory while the tags it read are unchanged.

    With alone=True (a key per page, such as a URL's route) the answer is checked on its own when
    it is asked for, one round trip of its tags only, and kept among at most MAX_ALONE such answers."""
    state = _request.get()
    if state is None:
        return compute()
    store = _alone if alone else _answers
    latest = _read(state)
    answer = store.get(key) if latest else None
    if answer is not None and (not alone or _alone_is_current(answer, latest)):
        tags.add(*answer.names)
        return answer.value
    started = time.time_ns()
    with tags.collect() as collector:
        value = compute()
    tags.add(*collector.tags)
    tags.wrote(collector.written)
    tags.created(collector.created)
    if latest:
        _keep(state, store, key, value, sorted(collector.tags), started, collector)
    return value


def _keep(state, store, key, value, names, started, collector):
    # The epoch too: after an outage of the shared cache (versions.py) nothing remembered stands.
    names = sorted({*names, versions.EPOCH})
    found = versions.get(names)
    if found is None:
        return
    if any(
        version > started
        for name, version in found.items()
        if name not in collector.written and collector.created.get(name) != version
    ):
        return  # changed while it was computed: the next request computes it again
    created = {}
    found = versions.create_missing(names, found, created)
    if found is None:
        return
    # Not a change of what the request's page read (pagecache.store).
    tags.created(created)
    keys = tuple(versions.key(name) for name in names)
    answer = _Answer(value, tuple(names), keys, tuple(found[name] for name in names))
    with _lock:
        if store is _alone:
            _alone[key] = answer
            _alone.move_to_end(key)
            while len(_alone) > MAX_ALONE:
                _alone.popitem(last=False)
            return
        if len(_answers) >= MAX_ANSWERS:
            _answers.clear()
        _answers[key] = answer


class RememberedSetting:
    """For a Wagtail site setting (BaseSiteSetting): `for_site()`, and so `for_request()`, remembered
    per site between readers' requests. The related rows (pages, images) are loaded with it, so
    their tags are the answer's and no later request reads them through the shared instance."""

    @classmethod
    def for_site(cls, site):
        def compute():
            instance = super(RememberedSetting, cls).for_site(site)
            for field in instance._meta.concrete_fields:
                if field.is_relation and field.name != "site" and getattr(instance, field.attname) is not None:
                    getattr(instance, field.name)
            return instance

        return remember(("site_setting", cls._meta.label_lower, site.pk), compute)
