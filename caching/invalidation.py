"""One generic invalidation: whatever a write changed, its tags (see tags.py) go, once, on commit.

Every INSERT, UPDATE and DELETE (an execute wrapper: `QuerySet.update()`, `bulk_create()`, tree
moves and cascades too) invalidates its table's `<label>:list`, and `<label>:<pk>` of each row it
names by primary key (else `<label>:any`). `post_save`/`post_delete` and Wagtail's move and slug
signals add what the statement cannot know: a ParentalKey's parent, a comment's thread, the menu,
a moved page's old place. A transaction's tags go to the tag versions and to each HTTP cache in
front in one call each when it commits, and to the versions at once too, so that a render under
way is not stored. A rolled-back transaction leaves its tags for the next commit: harmless.
"""

import functools
import logging
import threading

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models.signals import post_delete, post_save
from django.utils.module_loading import import_string
from modelcluster.fields import ParentalKey
from wagtail.models import Page, Site
from wagtail.signals import page_slug_changed, post_page_move

from caching import tags, versions

logger = logging.getLogger(__name__)

_WRITE = ("INSERT", "UPDATE", "DELETE")
_local = threading.local()


def _pending(using):
    found = getattr(_local, "pending", None)
    if found is None:
        found = _local.pending = {}
    return found.setdefault(using, set())


def invalidate(names, using=DEFAULT_DB_ALIAS):
    """Invalidate these tags once the current transaction on `using` commits (at once outside one)."""
    if not names:
        return
    tags.wrote(names)
    if transaction.get_connection(using).in_atomic_block:
        # Now, for a render already under way (it will not be stored), and again on commit: a
        # reader served in between still read the old rows and may have stored them.
        versions.invalidate(names)
    _pending(using).update(names)
    transaction.on_commit(lambda: flush(using), using=using)


def flush(using=DEFAULT_DB_ALIAS):
    pending = _pending(using)
    if not pending:
        return
    names = sorted(pending)
    pending.clear()
    versions.invalidate(names)
    for frontend in frontends():
        try:
            frontend.purge_tags(names)
        except Exception:  # noqa: BLE001 - an editor's change must not fail because a cache is down
            logger.exception("Could not purge %d tags from %s", len(names), frontend)


@functools.cache
def frontends():
    """The HTTP caches in front (settings.CACHE_TAG_FRONTENDS: dotted paths of backend classes)."""
    return [import_string(path)() for path in getattr(settings, "CACHE_TAG_FRONTENDS", [])]


def _statement_tags(sql, params):
    verb = sql.lstrip()[:6].upper()
    table = tags.tables().get(sql.split('"', 2)[1]) if sql.count('"') >= 2 else None
    if table is None:
        return ()
    names = {f"{table.label}:list"}
    if verb == "INSERT":
        return names
    one = tags.by_one_column(sql, params)
    if one is not None and one[1] == table.pk:
        names.update(f"{table.root}:{value}" for value in one[2])
        if verb == "UPDATE" and table.threads:
            names.update(_thread_tags(table, one[2]))
    else:
        names.add(f"{table.root}:any")
    return names


def _thread_tags(table, pks):
    """The threads of updated rows (a comment moderated by `update()`)."""
    names = set()
    with tags.scope(instances=False):
        for content_type, object_pk in table.threads:
            rows = table.model._base_manager.filter(pk__in=pks).values_list(content_type, object_pk)
            names.update(tags.thread_tag(*row) for row in rows if None not in row)
    return names


def sql_wrapper(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if sql.lstrip()[:6].upper() in _WRITE:
        if many:
            names = set()
            for row in params:
                names.update(_statement_tags(sql, row))
        else:
            names = _statement_tags(sql, params)
        invalidate(names, using=context["connection"].alias)
    return result


def instance_tags(instance):
    """The tags a saved or deleted instance changes, beyond those of its own table's statement."""
    model = type(instance)
    names = {tags.instance_tag(model, instance.pk), *(f"{name}:list" for name in tags.list_labels(model))}
    meta = model._meta
    for field in meta.private_fields:
        if isinstance(field, GenericForeignKey):
            content_type_id = getattr(instance, meta.get_field(field.ct_field).attname, None)
            object_pk = getattr(instance, field.fk_field, None)
            if content_type_id is not None and object_pk is not None:
                names.add(tags.thread_tag(content_type_id, object_pk))
    for field in meta.local_fields:
        if isinstance(field, ParentalKey):
            parent_pk = getattr(instance, field.attname, None)
            if parent_pk is not None:
                names.add(tags.instance_tag(field.related_model, parent_pk))
    if isinstance(instance, Page) and _in_menu_scope(instance.url_path):
        names.add(tags.MENU_TAG)
    return names


def _in_menu_scope(url_path):
    """A site's root page or one of its children: the main menu shows them on every page."""
    if not url_path:
        return False
    for root in Site.get_site_root_paths():
        if url_path.startswith(root.root_path) and url_path[len(root.root_path) :].strip("/").count("/") == 0:
            return True
        if root.root_path.startswith(url_path):
            return True
    return False


def _on_change(sender, instance, **kwargs):
    if sender._meta.label_lower in tags.IGNORED_MODELS or instance.pk is None:
        return
    invalidate(instance_tags(instance), using=kwargs.get("using") or DEFAULT_DB_ALIAS)


def _on_page_moved(sender, instance, url_path_before=None, parent_page_before=None, **kwargs):
    names = instance_tags(instance) | {"wagtailcore.page:any"}
    if _in_menu_scope(url_path_before):
        names.add(tags.MENU_TAG)
    if parent_page_before is not None:
        names.add(tags.instance_tag(Page, parent_page_before.pk))
    invalidate(names)


def _on_slug_changed(sender, instance, instance_before=None, **kwargs):
    # The pages below have new addresses, written by a tree UPDATE: every page that names one goes.
    invalidate(instance_tags(instance) | {"wagtailcore.page:any"})


def connect():
    post_save.connect(_on_change, dispatch_uid="caching_invalidate_saved")
    post_delete.connect(_on_change, dispatch_uid="caching_invalidate_deleted")
    post_page_move.connect(_on_page_moved, dispatch_uid="caching_invalidate_moved")
    page_slug_changed.connect(_on_slug_changed, dispatch_uid="caching_invalidate_slug")


def flush_all():
    """Flush every connection's pending tags now (for tests and management commands' ends)."""
    for connection in connections.all(initialized_only=True):
        flush(connection.alias)
