"""A publish checks the page's own internal links; unpublishing or deleting a page re-checks the pages
that link to it (found through the reference index). The checks run in the worker after the commit."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import pre_delete
from wagtail.models import Page, ReferenceIndex
from wagtail.signals import page_published, page_unpublished


def _enqueue(page_ids):
    page_ids = sorted(set(page_ids))
    if page_ids:
        from .tasks import check_internal_links_task

        transaction.on_commit(lambda: check_internal_links_task.enqueue(page_ids))


def pages_linking_to(page):
    page_type = ContentType.objects.get_for_model(Page)
    return {
        int(object_id)
        for object_id in ReferenceIndex.get_references_to(page)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    }


def on_published(sender, instance, **kwargs):
    _enqueue({instance.pk} | pages_linking_to(instance))


def on_unpublished(sender, instance, **kwargs):
    _enqueue({instance.pk} | pages_linking_to(instance))


def on_page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        _enqueue(pages_linking_to(instance) - {instance.pk})


def connect():
    page_published.connect(on_published, dispatch_uid="linkcheck_on_published")
    page_unpublished.connect(on_unpublished, dispatch_uid="linkcheck_on_unpublished")
    pre_delete.connect(on_page_deleted, dispatch_uid="linkcheck_on_page_deleted")
