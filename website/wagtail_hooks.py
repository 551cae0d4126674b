from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.rich_text.converters.html_to_contentstate import (
    ExternalLinkElementHandler,
    PageLinkElementHandler,
)
from wagtail.admin.rich_text.editors.draftail.features import EntityFeature
from wagtail.contrib.settings.registry import register_setting

from . import admin_scope
from .models import SiteSettings
from .rich_text import NEW_WINDOW_CLASS, NewWindowMarkerHandler, link_entity_with_new_window

register_setting(SiteSettings, icon="site")


@hooks.register("register_rich_text_features", order=100)
def register_link_with_new_window_choice(features):
    """Wagtail's "link" feature (wagtail/admin/wagtail_hooks.py), with the new-window checkbox in its
    dialog. Registered after Wagtail's own (order), so this one is the feature every field uses."""
    features.register_editor_plugin(
        "draftail",
        "link",
        EntityFeature(
            {
                "type": "LINK",
                "icon": "link",
                "description": _("Länk"),
                "attributes": ["url", "id", "parentId", "newWindow"],
                "allowlist": {"href": "^(http:|https:|mailto:|#|undefined$)"},
                "chooserUrls": {
                    "pageChooser": reverse_lazy("wagtailadmin_choose_page"),
                    "externalLinkChooser": reverse_lazy("wagtailadmin_choose_page_external_link"),
                    "emailLinkChooser": reverse_lazy("wagtailadmin_choose_page_email_link"),
                    "phoneLinkChooser": reverse_lazy("wagtailadmin_choose_page_phone_link"),
                    "anchorLinkChooser": reverse_lazy("wagtailadmin_choose_page_anchor_link"),
                },
                "newWindowLabel": _("Öppnas i nytt fönster"),
            },
            js=["wagtailadmin/js/page-chooser-modal.js", "website/js/new-window-link.js"],
        ),
    )
    features.register_converter_rule(
        "contentstate",
        "link",
        {
            "from_database_format": {
                "a[href]": ExternalLinkElementHandler("LINK"),
                'a[linktype="page"]': PageLinkElementHandler("LINK"),
                f'span[class="{NEW_WINDOW_CLASS}"]': NewWindowMarkerHandler(),
            },
            "to_database_format": {"entity_decorators": {"LINK": link_entity_with_new_window}},
        },
    )


hooks.register("construct_page_chooser_queryset", admin_scope.limit_page_chooser)
hooks.register("construct_main_menu", admin_scope.limit_main_menu)
hooks.register("construct_main_menu", admin_scope.explorer_opens_at_home)
