from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import PageOwner
from .views import MarkReviewedView, OverdueReviewReport, PagesToReviewPanel


class PageOwnerViewSet(SnippetViewSet):
    model = PageOwner
    icon = "group"
    menu_label = _("Sidansvariga")
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["name", "role", "email"]
    search_fields = ["name", "role"]


register_snippet(PageOwnerViewSet)


@hooks.register("register_admin_urls")
def register_review_urls():
    return [
        path("rapporter/granskning/", OverdueReviewReport.as_view(), name="stewardship_overdue_report"),
        path(
            "rapporter/granskning/resultat/",
            OverdueReviewReport.as_view(results_only=True),
            name="stewardship_overdue_report_results",
        ),
        path("granskning/<int:page_id>/", MarkReviewedView.as_view(), name="stewardship_mark_reviewed"),
    ]


class ReviewReportMenuItem(MenuItem):
    def is_shown(self, request):
        return PagePermissionPolicy().user_has_any_permission(request.user, OverdueReviewReport.any_permission_required)


@hooks.register("register_reports_menu_item")
def register_review_report_menu_item():
    return ReviewReportMenuItem(
        _("Sidor att granska"), reverse("stewardship_overdue_report"), icon_name="time", order=750
    )


@hooks.register("construct_homepage_panels")
def add_pages_to_review_panel(request, panels):
    panels.append(PagesToReviewPanel(request))


def _mark_reviewed_button(page, user, next_url=None):
    if page.live and page.permissions_for_user(user).can_edit():
        url = reverse("stewardship_mark_reviewed", args=[page.pk])
        if next_url:
            url += "?next=" + next_url
        yield Button(_("Markera som granskad"), url, icon_name="time", priority=45)


@hooks.register("register_page_listing_more_buttons")
def page_listing_mark_reviewed(page, user, next_url=None):
    yield from _mark_reviewed_button(page, user, next_url)


@hooks.register("register_page_header_buttons")
def page_header_mark_reviewed(page, user, view_name, next_url=None):
    yield from _mark_reviewed_button(page, user, next_url)
