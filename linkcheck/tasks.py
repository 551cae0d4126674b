"""Link checks run in the task worker (backend "background"), never inside an editor's request."""

from django_tasks import task
from wagtail.models import Page

from .checker import check_all_links, check_internal_links


@task(backend="background")
def check_internal_links_task(page_ids):
    checked = 0
    for page in Page.objects.filter(pk__in=page_ids):
        check_internal_links(page)
        checked += 1
    return checked


@task(backend="background")
def check_all_links_task(include_external=True):
    return check_all_links(include_external=include_external)
