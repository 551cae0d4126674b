from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies.pages import PagePermissionPolicy

from .views import BrokenLinkReport


@hooks.register("register_admin_urls")
def register_broken_link_urls():
    return [
        path("rapporter/trasiga-lankar/", BrokenLinkReport.as_view(), name="linkcheck_report"),
        path(
            "rapporter/trasiga-lankar/resultat/",
            BrokenLinkReport.as_view(results_only=True),
            name="linkcheck_report_results",
        ),
    ]


class BrokenLinkMenuItem(MenuItem):
    def is_shown(self, request):
        return PagePermissionPolicy().user_has_any_permission(request.user, BrokenLinkReport.any_permission_required)


@hooks.register("register_reports_menu_item")
def register_broken_link_menu_item():
    return BrokenLinkMenuItem(_("Trasiga länkar"), reverse("linkcheck_report"), icon_name="warning", order=760)
