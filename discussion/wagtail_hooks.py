from django.templatetags.static import static
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.contrib.settings.registry import register_setting
from wagtail.permissions import register_permission_policy

from . import context, corrections, decision_log, log_view, official, queue, reports, restriction_admin
from .models import Comment, CommenterRestriction, CommentSettings

register_setting(CommentSettings, icon="comment")
register_permission_policy(Comment, queue.ModerationPermissionPolicy(Comment), exact_class=True)
register_permission_policy(
    CommenterRestriction, restriction_admin.RestrictionPermissionPolicy(CommenterRestriction), exact_class=True
)


@hooks.register("register_admin_viewset")
def register_comment_queue():
    return queue.comment_viewset


# The queue's decisions, as Wagtail bulk actions on Comment (the listing's footer and row buttons).
hooks.register("register_bulk_action", queue.ApproveComments)
hooks.register("register_bulk_action", queue.RejectComments)
hooks.register("register_bulk_action", queue.RemoveComments)


@hooks.register("insert_global_admin_css")
def comment_queue_css():
    # The pending count's badge on the "Kommentarer" menu item, and the queue's layout.
    return format_html('<link rel="stylesheet" href="{}">', static("discussion/css/moderation.css"))


@hooks.register("register_admin_urls")
def register_agency_reply_url():
    return [path("kommentarer/svara/<int:comment_id>/", official.agency_reply, name="discussion_agency_reply")]


@hooks.register("register_admin_urls")
def register_moderator_edit_url():
    return [path("kommentarer/andra/<int:comment_id>/", corrections.moderator_edit, name="discussion_moderator_edit")]


# Reported comments ("Anmälda", discussion/reports.py).
@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("anmalda-kommentarer/", reports.reports_index, name="discussion_reports"),
        path("anmalda-kommentarer/<int:comment_id>/", reports.handle_report, name="discussion_handle_report"),
    ]


@hooks.register("register_admin_menu_item")
def register_reports_menu_item():
    return reports.ReportsMenuItem()


# Restricted commenters ("Begränsade kommentatorer", discussion/restrictions.py).
@hooks.register("register_admin_viewset")
def register_restriction_viewset():
    return restriction_admin.restriction_viewset


@hooks.register("register_log_actions")
def register_restriction_log_actions(actions):
    actions.register_action(
        "discussion.premoderate", _("Kommentator granskas alltid"), _("Kommentatorn granskas alltid")
    )
    actions.register_action("discussion.ban", _("Kommentator avstängd"), _("Kommentatorn stängdes av"))
    actions.register_action(
        "discussion.suspend", _("Kommentator tillfälligt avstängd"), _("Kommentatorn stängdes av tillfälligt")
    )
    actions.register_action(
        "discussion.restriction_lifted", _("Begränsning hävd"), _("Begränsningen av kommentatorn hävdes")
    )


# The decision log (discussion/decision_log.py, discussion/log_view.py).
@hooks.register("register_log_actions")
def register_moderation_log_actions(actions):
    decision_log.register_actions(actions)


@hooks.register("register_admin_urls")
def register_decision_log_urls():
    return [
        path("beslutslogg/", log_view.DecisionLogView.as_view(), name="discussion_decision_log"),
        path(
            "beslutslogg/resultat/",
            log_view.DecisionLogView.as_view(results_only=True),
            name="discussion_decision_log_results",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_decision_log_menu_item():
    return log_view.DecisionLogMenuItem()


# A comment's context and history, with the moderators' notes on its commenter (discussion/context.py).
@hooks.register("register_admin_urls")
def register_comment_context_url():
    return [
        path("kommentarer/<int:comment_id>/sammanhang/", context.comment_context, name="discussion_comment_context")
    ]


@hooks.register("register_log_actions")
def register_note_log_action(actions):
    actions.register_action("discussion.note", _("Anteckning om kommentator"), _("Anteckning om en kommentator sparad"))
