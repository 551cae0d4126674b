from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.rich_text.converters.html_to_contentstate import InlineStyleElementHandler
from wagtail.admin.rich_text.editors.draftail.features import InlineStyleFeature
from wagtail.contrib.settings.registry import register_setting

from . import admin_scope
from .models import SiteSettings
from .rich_text import NEW_WINDOW_CLASS

register_setting(SiteSettings, icon="site")


@hooks.register("register_rich_text_features")
def register_new_window_feature(features):
    feature_name = "new-window"
    style_type = "NEW_WINDOW"
    features.register_editor_plugin(
        "draftail",
        feature_name,
        InlineStyleFeature(
            {
                "type": style_type,
                "label": "↗",
                "description": str(_("Länken öppnas i nytt fönster (markera länktexten)")),
            }
        ),
    )
    features.register_converter_rule(
        "contentstate",
        feature_name,
        {
            "from_database_format": {f'span[class="{NEW_WINDOW_CLASS}"]': InlineStyleElementHandler(style_type)},
            "to_database_format": {
                "style_map": {style_type: {"element": "span", "props": {"class": NEW_WINDOW_CLASS}}}
            },
        },
    )


hooks.register("construct_page_chooser_queryset", admin_scope.limit_page_chooser)
hooks.register("construct_main_menu", admin_scope.limit_main_menu)
hooks.register("construct_main_menu", admin_scope.explorer_opens_at_home)
