"""The admin report "Trasiga länkar": broken links on the pages the user may edit."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies.pages import PagePermissionPolicy

from .filters import BrokenLinkFilterSet
from .models import BrokenLink


class BrokenLinkReport(ReportView):
    page_title = _("Trasiga länkar")
    header_icon = "warning"
    index_url_name = "linkcheck_report"
    index_results_url_name = "linkcheck_report_results"
    any_permission_required = ["add", "change", "publish"]
    permission_policy = PagePermissionPolicy()
    filterset_class = BrokenLinkFilterSet
    model = BrokenLink
    columns = [
        TitleColumn(
            "page", label=_("Sida"), accessor="page.get_admin_display_title", url_name="wagtailadmin_pages:edit",
            id_accessor="page_id",
        ),
        Column("text", label=_("Länktext")),
        Column("url", label=_("Adress")),
        Column("reason", label=_("Fel")),
        DateColumn("first_seen_at", label=_("Trasig sedan")),
        DateColumn("last_checked_at", label=_("Senast kontrollerad")),
    ]  # fmt: skip
    list_export = ["page.title", "page.full_url", "text", "url", "kind", "status_code", "reason", "first_seen_at"]
    export_headings = {
        "page.title": _("Sida"),
        "page.full_url": _("Sidans adress"),
        "text": _("Länktext"),
        "url": _("Adress"),
        "kind": _("Typ"),
        "status_code": _("Statuskod"),
        "reason": _("Fel"),
        "first_seen_at": _("Trasig sedan"),
    }

    def get_queryset(self):
        pages = self.permission_policy.instances_user_has_permission_for(self.request.user, "change")
        return BrokenLink.objects.filter(page__in=pages).select_related("page").order_by("-first_seen_at", "pk")
