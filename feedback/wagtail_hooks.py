from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .views_admin import FeedbackReport, may_see_report


@hooks.register("register_admin_urls")
def register_feedback_report_urls():
    return [
        path("rapporter/synpunkter/", FeedbackReport.as_view(), name="feedback_report"),
        path(
            "rapporter/synpunkter/resultat/", FeedbackReport.as_view(results_only=True), name="feedback_report_results"
        ),
    ]


class FeedbackReportMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_report(request.user)


@hooks.register("register_reports_menu_item")
def register_feedback_report_menu_item():
    return FeedbackReportMenuItem(_("Läsarnas synpunkter"), reverse("feedback_report"), icon_name="comment", order=760)
