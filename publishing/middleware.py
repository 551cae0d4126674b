"""One writer per page at a time in the Wagtail admin, and an autosave never publishes.

Wagtail's page editor reads the page (live or draft, its workflow state) when a POST arrives and
writes the whole page row back from that reading. Two POSTs for one page at once, typically
"Godkänn och publicera" and the autosave that the same click sets off, both read "draft, in
review"; the approval publishes, then the autosave writes `live=False` back over it (and, carrying
the clicked button's hidden fields, tries to approve a task that is already finished: a 500).

This middleware closes the race where it starts, before the view reads anything:

- every admin POST that writes one page runs in a transaction that first locks that page's row
  (`SELECT ... FOR UPDATE` on PostgreSQL; on SQLite the transaction itself serialises writers),
  so the second request reads what the first one wrote;
- an autosave (the editor's background save, which asks for JSON) is only ever a save: any
  publish, submit or workflow-action field in it is dropped;
- a workflow action on a page whose review has meanwhile ended (a double click, two publishers)
  is not replayed as a save of the stale form: the publisher is told what happened instead.

Mail about the change is queued in the same transaction (publishing/notifications.py), so it goes
out only if the change commits.
"""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _
from wagtail.models import Page

PAGE_NAMESPACE = "wagtailadmin_pages"
PAGE_ID_KWARGS = ("page_id", "page_to_move_id")
# POSTs under the page namespace that write nothing to the page.
READ_ONLY_VIEWS = {"preview_on_edit", "preview_on_add", "collect_workflow_action_data", "workflow_preview"}
EDIT_VIEWS = {"edit", "revisions_revert"}
# What the editor's buttons add to the form; an autosave must never carry them.
ACTION_PREFIXES = ("action-", "workflow-action-")


def page_written_by(request):
    """(page id, view name) when this request is an admin POST that writes one page, else None."""
    if request.method != "POST":
        return None
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    if PAGE_NAMESPACE not in match.namespaces or match.url_name in READ_ONLY_VIEWS:
        return None
    for kwarg in PAGE_ID_KWARGS:
        if kwarg in match.kwargs:
            return int(match.kwargs[kwarg]), match.url_name
    return None


def is_autosave(request):
    """Wagtail's own test for a background save: the request does not want HTML back."""
    return not request.accepts("text/html")


def without_actions(post):
    cleaned = post.copy()
    for key in list(cleaned):
        if key.startswith(ACTION_PREFIXES):
            del cleaned[key]
    return cleaned


class PageWriteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        written = page_written_by(request)
        if written is None:
            return self.get_response(request)
        page_id, view_name = written
        if view_name in EDIT_VIEWS and is_autosave(request):
            request.POST = without_actions(request.POST)
        with transaction.atomic():
            page = Page.objects.select_for_update().filter(pk=page_id).first()
            if page is not None and view_name in EDIT_VIEWS and self.review_has_ended(request, page):
                messages.warning(request, self.review_ended_message(page))
                return redirect("wagtailadmin_pages:edit", page_id)
            return self.get_response(request)

    @staticmethod
    def review_has_ended(request, page):
        return bool(request.POST.get("action-workflow-action")) and page.current_workflow_task is None

    @staticmethod
    def review_ended_message(page):
        if page.live:
            return _("Granskningen av ”%(title)s” var redan avslutad: sidan är publicerad.") % {"title": page.title}
        return _("Granskningen av ”%(title)s” var redan avslutad. Inget har ändrats.") % {"title": page.title}
