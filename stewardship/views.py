"""Admin views: the overdue report, the dashboard panel and "Markera som granskad"."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import PageReportView
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from .inheritance import resolve_all
from .models import PageOwner, PageReview
from .review import REMIND_DAYS_BEFORE, due_pages, mark_reviewed, overdue_pages


def _attach_owners(pages):
    """Each page gets `review_owner` (the PageOwner in force, or None): a few queries per listing."""
    pages = list(pages)
    if not pages:
        return pages
    answers = resolve_all(Page.objects.filter(pk__in=[page.pk for page in pages]))
    owners = PageOwner.objects.in_bulk({owner_id for owner_id, _interval in answers.values() if owner_id})
    for page in pages:
        page.review_owner = owners.get(answers[page.pk][0])
    return pages


class OverdueReviewReport(PageReportView):
    """Live pages the user may edit whose "Granska senast" has passed, the most overdue first."""

    page_title = gettext_lazy("Sidor att granska")
    header_icon = "time"
    results_template_name = "stewardship/admin/overdue_report_results.html"
    index_url_name = "stewardship_overdue_report"
    index_results_url_name = "stewardship_overdue_report_results"
    any_permission_required = ["add", "change", "publish"]
    list_export = ["title", "review.review_by", "review.last_reviewed_at", "url"]
    export_headings = {
        "title": gettext_lazy("Sida"),
        "review.review_by": gettext_lazy("Granska senast"),
        "review.last_reviewed_at": gettext_lazy("Granskad"),
        "url": gettext_lazy("Adress"),
    }

    def get_queryset(self):
        pages = self.permission_policy.instances_user_has_permission_for(self.request.user, "change")
        self.queryset = overdue_pages(pages).select_related("review", "content_type")
        return super().get_queryset()

    def decorate_paginated_queryset(self, object_list):
        return _attach_owners(object_list)


class PagesToReviewPanel(Component):
    """Dashboard: "Sidor att granska", overdue and due within two weeks, for pages the user may edit."""

    name = "pages_to_review"
    order = 150
    template_name = "stewardship/admin/pages_to_review_panel.html"
    limit = 10

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        pages = PagePermissionPolicy().instances_user_has_permission_for(self.request.user, "change")
        due = list(due_pages(pages, within_days=REMIND_DAYS_BEFORE)[: self.limit + 1])
        return {
            "pages": _attach_owners(due[: self.limit]),
            "more": len(due) > self.limit,
            "today": timezone.localdate(),
            "report_url": reverse("stewardship_overdue_report"),
        }

    def render_html(self, parent_context=None):
        context = self.get_context_data(parent_context)
        if not context["pages"]:
            return ""
        return super().render_html(parent_context)


class MarkReviewedView(WagtailAdminTemplateMixin, TemplateView):
    """GET: confirm; POST: set "Granskad" to now. Needs permission to edit the page."""

    template_name = "stewardship/admin/mark_reviewed.html"
    page_title = gettext_lazy("Markera som granskad")
    header_icon = "time"

    def dispatch(self, request, page_id):
        self.page = get_object_or_404(Page, pk=page_id).specific_deferred
        if not self.page.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        next_url = request.POST.get("next") or request.GET.get("next") or ""
        if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
            next_url = ""
        self.next_url = next_url or reverse("stewardship_overdue_report")
        return super().dispatch(request)

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page=self.page,
            next_url=self.next_url,
            review=PageReview.objects.filter(page_id=self.page.pk).first(),
            **kwargs,
        )

    def post(self, request):
        review = mark_reviewed(self.page, request.user)
        messages.success(
            request,
            _("”%(title)s” är markerad som granskad. Nästa granskning senast %(date)s.")
            % {"title": self.page.get_admin_display_title(), "date": review.review_by.isoformat()},
        )
        return redirect(self.next_url)
