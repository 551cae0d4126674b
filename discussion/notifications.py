"""Emails: moderators hear about each held comment; a commenter who asked hears when theirs is published.

Both are sent from transaction.on_commit, so nobody is told about a comment that was rolled back.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.translation import gettext as _


def _absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def notify_moderators(comment, comment_settings, request=None):
    if not comment_settings.moderator_email:
        return
    page = comment.content_object
    send_mail(
        subject=_("En kommentar väntar på granskning: %(title)s") % {"title": page.title if page else ""},
        message=_("%(name)s har kommenterat ”%(title)s”:\n\n%(text)s\n\nGranska kommentaren: %(url)s\n")
        % {
            "name": comment.user_name,
            "title": page.title if page else "",
            "text": comment.comment,
            "url": _absolute(reverse("discussion_queue")),
        },
        from_email=None,
        recipient_list=[comment_settings.moderator_email],
        fail_silently=True,
    )


def notify_commenters(comment_ids):
    from .models import Comment

    for comment in Comment.objects.filter(pk__in=comment_ids, notify_on_approval=True).exclude(user_email=""):
        page = comment.content_object
        if page is None:
            continue
        send_mail(
            subject=_("Din kommentar är publicerad"),
            message=_("Din kommentar på ”%(title)s” är nu publicerad:\n\n%(url)s\n")
            % {"title": page.title, "url": page.full_url or ""},
            from_email=None,
            recipient_list=[comment.user_email],
            fail_silently=True,
        )
    Comment.objects.filter(pk__in=comment_ids).update(notify_on_approval=False)
