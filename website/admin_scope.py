"""What the admin shows an account that may not edit pages (the comment moderators).

Such an account sees the comment tools in the menu, and in the page chooser (to link to a page in a
reply) only pages that are live and have no unpublished title change, so no draft's title shows.
Editors, publishers and superusers see the admin unchanged.
"""

from django.db.models import F
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

PAGE_ACTIONS = ["add", "change", "publish", "bulk_delete", "lock", "unlock"]
# Menu items a moderator keeps (by MenuItem.name): the comment queue and their own account.
MODERATOR_MENU = {"kommentarer"}


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
