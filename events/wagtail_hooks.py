from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Organiser


class OrganiserViewSet(SnippetViewSet):
    model = Organiser
    icon = "group"
    menu_label = _("Arrangörer")
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["name", "url"]
    search_fields = ["name"]


register_snippet(OrganiserViewSet)
