from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.contrib.settings.registry import register_setting

from . import admin_views, corrections, official
from .models import CommentSettings

register_setting(CommentSettings, icon="comment")


class CommentQueueMenuItem(MenuItem):
    """'Kommentarer (3)': the label says how many comments wait."""

    def is_shown(self, request):
        return request.user.has_perm(admin_views.PERMISSION)

    def render_component(self, request):
        count = admin_views.pending_count()
        self.label = _("Kommentarer (%(count)s väntar)") % {"count": count} if count else _("Kommentarer")
        return super().render_component(request)


@hooks.register("register_admin_urls")
def register_queue_url():
    return [path("kommentarer/", admin_views.queue, name="discussion_queue")]


@hooks.register("register_admin_menu_item")
def register_queue_menu_item():
    return CommentQueueMenuItem(
        _("Kommentarer"), reverse("discussion_queue"), name="kommentarer", icon_name="comment", order=250
    )


@hooks.register("register_admin_urls")
def register_agency_reply_url():
    return [path("kommentarer/svara/<int:comment_id>/", official.agency_reply, name="discussion_agency_reply")]


@hooks.register("register_admin_urls")
def register_moderator_edit_url():
    return [path("kommentarer/andra/<int:comment_id>/", corrections.moderator_edit, name="discussion_moderator_edit")]
