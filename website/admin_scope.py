"""What the admin shows an account that may not edit pages (the comment moderators).

Such an account sees the comment tools in the menu, and in the page chooser (to link to a page in a
reply) only pages that are live and have no unpublished title change, so no draft's title shows.
Editors, publishers and superusers see the admin unchanged, except that the page explorer
("Sidor") opens at the site's home page instead of Wagtail's "Root".
"""

from django.db.models import F
from django.urls import reverse
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.sidebar import PageExplorerMenuItem
from wagtail.models import Page, Site
from wagtail.permission_policies.pages import PagePermissionPolicy

PAGE_ACTIONS = ["add", "change", "publish", "bulk_delete", "lock", "unlock"]
# Menu items a moderator keeps (by MenuItem.name): the comment queue, the reported comments, the
# restricted commenters, the decision log and their own account.
MODERATOR_MENU = {"kommentarer", "anmalda", "begransade_kommentatorer", "beslutslogg"}


def edits_pages(user):
    return user.is_superuser or PagePermissionPolicy().user_has_any_permission(user, PAGE_ACTIONS)


def limit_page_chooser(pages, request):
    if edits_pages(request.user):
        return pages
    # A subquery rather than a filter on draft_title: the chooser's search accepts only indexed
    # filter fields, and the primary key is one.
    linkable = Page.objects.live().filter(draft_title=F("title")).values("pk")
    return pages.live().filter(pk__in=linkable)


def limit_main_menu(request, menu_items):
    if not edits_pages(request.user):
        menu_items[:] = [item for item in menu_items if item.name in MODERATOR_MENU]


class HomeExplorerMenuItem(MenuItem):
    """Wagtail's "Sidor" item, opening at the site's home page rather than at the tree's root."""

    def __init__(self, original, home):
        super().__init__(
            original.label,
            reverse("wagtailadmin_explore", args=[home.pk]),
            name=original.name,
            icon_name=original.icon_name,
            classname=original.classname,
            order=original.order,
            attrs=dict(original.attrs),
        )
        self.home = home

    def render_component(self, request):
        return PageExplorerMenuItem(
            self.name, self.label, self.url, self.home.pk, icon_name=self.icon_name, classname=self.classname
        )


def site_home(request):
    site = Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()
    return site.root_page if site is not None else None


def explorer_opens_at_home(request, menu_items):
    """Point the explorer item at the home page, for anyone whose explorable tree holds it."""
    home = site_home(request)
    root = PagePermissionPolicy().explorable_root_instance(request.user)
    if home is None or root is None or not (home.pk == root.pk or home.is_descendant_of(root)):
        return
    for position, item in enumerate(menu_items):
        if item.name == "explorer":
            menu_items[position] = HomeExplorerMenuItem(item, home)
