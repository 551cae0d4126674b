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

An answer that goes out of date by itself (it read the time: tags.expires_at, such as a list
of upcoming events) is also dropped when its time comes, and passes that time on to the page
that uses it.

Only readers' requests use it (PageCacheMiddleware opens `serving()` around those the page cache
could serve, whether or not it is on); the admin, forms and management commands compute every
time. Keys must be site-wide (a setting, a site's menu), not per page: every key is checked on
every request; per-page answers (routes, rendered fragments) use `alone=True`. An answer is
shared by every request of the process: plain data, or instances whose related rows `compute()`
has already loaded and nobody changes.
"""

import contextlib
import contextvars
import threading
import time
from collections import OrderedDict

from caching import tags, versions

# More answers than this (keys that are not site-wide after all): start again.
MAX_ANSWERS = 200
# Answers checked on their own (per page), least recently used out first.
MAX_ALONE = 5000
# ... and at most this many characters of rendered fragments among them.
MAX_ALONE_TEXT = 16 * 1024 * 1024


class _Answer(versions.Checked):
    __slots__ = ("value", "names", "since", "expires")

    def __init__(self, value, names, keys, found, since, expires):
        super().__init__(keys, found)
        self.value, self.names = value, names
        self.since, self.expires = since, expires  # time.time(); expires None: only a write outdates it

    def in_time(self):
        return self.expires is None or self.since <= time.time() < self.expires


class _Request:
    __slots__ = ("latest",)

    def __init__(self):
        self.latest = None  # `changed` as the request's first lookup read it; False: unreachable


_answers = {}
# The `changed` version at which every answer in _answers was last found current.
_checked = {"latest": None}
_alone = OrderedDict()
_alone_text = {"size": 0}
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
        _alone_text["size"] = 0
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
                if not answer.matches(found):
                    del _answers[name]
            _checked["latest"] = latest
    return state.latest


def remember(key, compute, alone=False, inherit=False):
    """compute()'s answer, from this process's memory while the tags it read are unchanged.

    With alone=True (a key per page, such as a URL's route) the answer is checked on its own when
    it is asked for, one round trip of its tags only, and kept among at most MAX_ALONE such answers
    (MAX_ALONE_TEXT characters of text), least recently used out first.
    With inherit=True (a rendered fragment, see templatetags/caching_tags.py) the answer also
    carries every tag the request had collected before: what compute() reuses of what the request
    loaded earlier (the page, its site) queries nothing, so it would otherwise leave no tag."""
    state = _request.get()
    if state is None:
        return compute()
    store = _alone if alone else _answers
    latest = _read(state)
    answer = store.get(key) if latest else None
    if answer is not None and answer.in_time() and (not alone or answer.is_fresh(latest)):
        if alone:
            with _lock:
                if key in _alone:
                    _alone.move_to_end(key)  # least recently used goes first
        tags.add(*answer.names)
        tags.expires_at(answer.expires)
        return answer.value
    outer = tags.current() if inherit else None
    with tags.collect() as collector:
        if outer is not None:
            # Read (and written, and given a first version) by the request before: the fragment's too.
            collector.started, collector.expires = outer.started, outer.expires
            collector.written.update(outer.written)
            collector.created.update(outer.created)
            inherited = set(outer.tags)
        value = compute()
    tags.add(*collector.tags)
    tags.wrote(collector.written)
    tags.created(collector.created)
    tags.expires_at(collector.expires)
    if latest:
        names = collector.tags | inherited if outer is not None else collector.tags
        _keep(store, key, value, names, collector)
    return value


def _keep(store, key, value, names, collector):
    # The epoch too: after an outage of the shared cache (versions.py) nothing remembered stands.
    names = sorted({*names, versions.EPOCH})
    found = versions.get(names)
    if found is None:
        return
    if tags.outdated(collector, found):
        return  # changed while it was computed: the next request computes it again
    created = {}
    found = versions.create_missing(names, found, created)
    if found is None:
        return
    # Not a change of what the request's page read (pagecache.store).
    tags.created(created)
    keys = tuple(versions.key(name) for name in names)
    found_versions = tuple(found[name] for name in names)
    answer = _Answer(value, tuple(names), keys, found_versions, collector.started / 1e9, collector.expires)
    with _lock:
        if store is _alone:
            _drop_alone(key)
            if _text_size(answer) > MAX_ALONE_TEXT:
                return
            _alone[key] = answer
            _alone_text["size"] += _text_size(answer)
            while len(_alone) > MAX_ALONE or _alone_text["size"] > MAX_ALONE_TEXT:
                _drop_alone(next(iter(_alone)))
            return
        if len(_answers) >= MAX_ANSWERS:
            _answers.clear()
        _answers[key] = answer


def _text_size(answer):
    return len(answer.value) if isinstance(answer.value, str) else 0


def _drop_alone(key):
    answer = _alone.pop(key, None)
    if answer is not None:
        _alone_text["size"] -= _text_size(answer)


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
