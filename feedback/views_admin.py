"""The admin report "Läsarnas synpunkter": every answer to pages the user may edit, filtered per page and per owner."""

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from stewardship.models import PageOwner

from .models import PageFeedback

REPORT_PERMISSIONS = ["add", "change", "publish"]


def editable_pages(user):
    return PagePermissionPolicy().instances_user_has_permission_for(user, "change")


def may_see_report(user):
    return PagePermissionPolicy().user_has_any_permission(user, REPORT_PERMISSIONS)


class PageFeedbackFilterSet(WagtailFilterSet):
    page = django_filters.ModelChoiceFilter(
        label=_("Sida"),
        queryset=lambda request: Page.objects.filter(
            pk__in=PageFeedback.objects.filter(page__in=editable_pages(request.user)).values("page")
        ).order_by("title"),
        empty_label=_("Alla sidor"),
    )
    owner = django_filters.ModelChoiceFilter(
        label=_("Sidansvarig"),
        queryset=lambda request: PageOwner.objects.filter(pk__in=PageFeedback.objects.values("owner")).order_by("name"),
        empty_label=_("Alla sidansvariga"),
    )
    helpful = django_filters.BooleanFilter(label=_("Till hjälp"), widget=django_filters.widgets.BooleanWidget())
    created_at = django_filters.DateFromToRangeFilter(label=_("Inkom"), widget=DateRangePickerWidget)
    text = django_filters.CharFilter(label=_("Synpunkten innehåller"), lookup_expr="icontains")

    class Meta:
        model = PageFeedback
        fields = ["page", "owner", "helpful", "created_at", "text"]


class FeedbackReport(ReportView):
    page_title = _("Läsarnas synpunkter")
    header_icon = "comment"
    results_template_name = "feedback/admin/report_results.html"
    index_url_name = "feedback_report"
    index_results_url_name = "feedback_report_results"
    filterset_class = PageFeedbackFilterSet
    model = PageFeedback
    list_export = ["created_at", "page.title", "page.full_url", "owner.name", "helpful", "text"]
    export_headings = {
        "created_at": _("Inkom"),
        "page.title": _("Sida"),
        "page.full_url": _("Adress"),
        "owner.name": _("Sidansvarig"),
        "helpful": _("Till hjälp"),
        "text": _("Synpunkt"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not may_see_report(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return (
            PageFeedback.objects.filter(page__in=editable_pages(self.request.user))
            .select_related("page", "owner")
            .order_by("-created_at", "-pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Per page: how many said yes and no, over what the filters selected.
        context["per_page"] = (
            self.object_list.values("page__title", "page_id")
            .annotate(yes=Count("pk", filter=Q(helpful=True)), no=Count("pk", filter=Q(helpful=False)))
            .order_by("-no", "page__title")[:20]
        )
        return context
