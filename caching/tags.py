"""Collecting the cache tags of what a response rendered, where the data is fetched.

While `collect()` is active, every model instance loaded (`post_init`) adds `<label>:<pk>` and
`<label>:any`, `<label>` being the root concrete model (a post loaded as `BlogPage` or as `Page`
is `wagtailcore.page:<pk>`), and every SELECT (an execute wrapper: counts, `exists()`, subqueries
too) adds `<label>:list` for each table it reads. A SELECT of rows by primary key adds no list tag:
it changes only with those rows, which carry their own tags. Inside `scope(*names)` list tags are
left out and `names` stand for them: a question whose answer changes only with known rows (routing,
the main menu, a comment thread). invalidation.py produces the same tags for a write.
"""

import contextlib
import contextvars
import functools
import re
import time

from django.apps import apps
from django.db import connections
from django.db.backends.signals import connection_created
from django.db.models.signals import post_init

# Bookkeeping that no page shows: not tagged when read, not invalidated when written.
IGNORED_MODELS = {
    "sessions.session",
    "admin.logentry",
    "contenttypes.contenttype",
    "wagtailcore.referenceindex",
    "wagtailcore.revision",
    "wagtailcore.pagelogentry",
    "wagtailcore.modellogentry",
    "wagtailcore.taskstate",
    "wagtailcore.workflowstate",
    "wagtailcore.pagesubscription",
    "wagtailcore.comment",
    "wagtailcore.commentreply",
    "wagtailimages.rendition",  # a rendition changes only with its image, whose tag it shares
    "wagtailsearch.indexentry",
    "wagtailsearch.sqliteftsindexentry",
    "wagtailadmin.editingsession",
    "wagtailadmin.formstate",
    "wagtailcore.uploadedfile",
    "django_tasks_database.dbtaskresult",
    "outbox.outgoingemail",
}

MENU_TAG = "menu"
SITES_TAG = "wagtailcore.site:list"
_TABLE = re.compile(r'(FROM|JOIN) "(\w+)"')
# A WHERE clause that is one condition on one column: `= %s` or `IN (%s, ...)`, then at most an order and a limit.
_ONE_COLUMN = re.compile(
    r' WHERE "(\w+)"\."(\w+)" (= %s|IN \((?:%s, )*%s\))(?: ORDER BY [^()]*)?(?: LIMIT \d+(?: OFFSET \d+)?)?$'
)

_collector = contextvars.ContextVar("cache_tags", default=None)


class Collector:
    __slots__ = ("tags", "lists", "instances", "written", "started", "expires")

    def __init__(self):
        self.started = time.time_ns()
        self.expires = None  # time.time() at which what is rendered goes out of date by itself
        self.tags = set()
        self.lists = self.instances = True
        # Invalidated by this render itself (a setting created on first use): it shows those writes.
        self.written = set()


def list_labels(model):
    """The model's label and its concrete parents', the root last (pages share wagtailcore.page)."""
    meta = model._meta.concrete_model._meta
    return [meta.label_lower, *(parent._meta.label_lower for parent in meta.get_parent_list())]


@functools.cache  # asked for every instance a reader's page loads
def label(model):
    """The label whose tags a model's rows carry: the root of a multi-table chain."""
    return list_labels(model)[-1]


def instance_tag(model, pk):
    return f"{label(model)}:{pk}"


def thread_tag(content_type_id, object_pk):
    """The comments on one object (a page's comment thread)."""
    return f"thread:{content_type_id}:{object_pk}"


class Table:
    __slots__ = ("model", "label", "root", "pk", "parents", "threads")

    def __init__(self, model):
        from django.contrib.contenttypes.fields import GenericForeignKey
        from modelcluster.fields import ParentalKey

        meta = model._meta
        self.model = model
        self.label = meta.label_lower
        self.root = label(model)
        self.pk = meta.pk.column
        # Rows of a parent's (ParentalKey: a page's authors, links): read by it, a read of the parent.
        self.parents = {
            field.column: label(field.related_model) for field in meta.local_fields if isinstance(field, ParentalKey)
        }
        # The object a generic foreign key names (a comment's page).
        self.threads = [
            (meta.get_field(field.ct_field).attname, field.fk_field)
            for field in meta.private_fields
            if isinstance(field, GenericForeignKey)
        ]


@functools.cache
def tables():
    """db_table -> Table, for every model of the project's apps that pages may show."""
    found = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.label_lower not in IGNORED_MODELS and not model._meta.proxy:
            found.setdefault(model._meta.db_table, Table(model))
    return found


def by_one_column(sql, params):
    """(Table, column, values) when the statement's WHERE is one `=`/`IN` on one column, else None."""
    if sql.count(" WHERE ") != 1:
        return None
    found = _ONE_COLUMN.search(sql)
    if found is None:
        return None
    table = tables().get(found.group(1))
    if table is None:
        return None
    count = 1 if found.group(3) == "= %s" else found.group(3).count("%s")
    values = list(params[-count:]) if params and len(params) >= count else []
    return table, found.group(2), values


@contextlib.contextmanager
def collect():
    collector = Collector()
    token = _collector.set(collector)
    try:
        yield collector
    finally:
        _collector.reset(token)


def current():
    return _collector.get()


def expires_at(timestamp):
    """What is being rendered goes out of date by itself at `timestamp` (time.time()), if not before."""
    collector = _collector.get()
    if collector is not None and timestamp is not None:
        collector.expires = timestamp if collector.expires is None else min(collector.expires, timestamp)


def add(*names):
    collector = _collector.get()
    if collector is not None:
        collector.tags.update(names)


def wrote(names):
    collector = _collector.get()
    if collector is not None:
        collector.written.update(names)


@contextlib.contextmanager
def scope(*names, instances=True):
    """Inside, reads add no list tags (and with instances=False no instance tags): `names` stand for them."""
    collector = _collector.get()
    if collector is None:
        yield
        return
    collector.tags.update(names)
    saved = collector.lists, collector.instances
    collector.lists = False
    collector.instances = collector.instances and instances
    try:
        yield
    finally:
        collector.lists, collector.instances = saved


def _on_init(sender, instance, **kwargs):
    collector = _collector.get()
    if collector is None or not collector.instances:
        return
    if instance.pk is not None and sender._meta.label_lower not in IGNORED_MODELS:
        root = label(sender)
        collector.tags.update((f"{root}:{instance.pk}", f"{root}:any"))


def read_tags(sql, params):
    """The tags of one SELECT beyond the instances it loads."""
    known = tables()
    one = by_one_column(sql, params)
    if one is not None:
        table, column, values = one
        first = _TABLE.search(sql)
        if column == table.pk and first is not None and known.get(first.group(2)) is table and values:
            # Rows by primary key: their own tags say when they change (named here too, for a
            # values() or values_list() read, which loads no instance).
            return {f"{table.root}:{value}" for value in values}
        parent = table.parents.get(column)
        if parent is not None:
            return {f"{table.label}:any", *(f"{parent}:{value}" for value in values)}
    names = set()
    selected = sql[: sql.find(" FROM ")]
    for kind, name in _TABLE.findall(sql):
        table = known.get(name)
        if table is None:
            continue
        # A join whose rows are loaded too (select_related: their primary key is selected) is a
        # read of those rows, which carry their own tags; any other join filters the listing.
        if kind == "JOIN" and f'"{name}"."{table.pk}"' in selected:
            continue
        names.add(f"{table.label}:list")
    return names


def _wrapper(execute, sql, params, many, context):
    collector = _collector.get()
    if collector is not None and collector.lists and not many and sql.lstrip()[:6].upper() in ("SELECT", "WITH R"):
        collector.tags.update(read_tags(sql, params))
    return execute(sql, params, many, context)


def install(connection, **kwargs):
    from caching import invalidation

    for wrapper in (_wrapper, invalidation.sql_wrapper):
        if wrapper not in connection.execute_wrappers:
            connection.execute_wrappers.append(wrapper)


def connect():
    post_init.connect(_on_init, dispatch_uid="caching_tags_post_init")
    connection_created.connect(install, dispatch_uid="caching_tags_connection")
    for connection in connections.all(initialized_only=True):
        install(connection)
