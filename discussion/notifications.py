"""E-mail about comments: moderators hear about each held comment; a commenter who asked hears when
theirs is published.

Mail is queued in the outbox (outbox.mail.queue_email) inside the transaction that makes the change,
and delivered by the task worker after commit: nobody is told about a change that was rolled back,
and no request waits for the mail server.
"""

from django.conf import settings
from django.urls import reverse

from outbox.mail import queue_email


def _absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def notify_moderators(comment, comment_settings):
    if not comment_settings.moderator_email:
        return
    page = comment.content_object
    queue_email(
        to=comment_settings.moderator_email,
        template="discussion/email/comment_waiting",
        context={"comment": comment, "page": page, "queue_url": _absolute(reverse("discussion_comments:index"))},
        dedupe_key=f"comment-waiting:{comment.pk}",
    )


def notify_decision(comment):
    """Tell the commenter what became of their comment: call once per moderation decision, inside
    the transaction that records it (the mail leaves after commit, and at most once per decision).

    Published: a notice when they asked for one. Rejected or removed: the reason the moderator gave,
    unless it was marked as spam (spam is never answered). Each kind of decision is told at most
    once per comment (the outbox's dedupe_key), so two moderators deciding alike send one mail.
    """
    from .models import CommentStatus

    if (
        comment.status in (CommentStatus.REJECTED, CommentStatus.REMOVED)
        and not comment.rejected_as_spam
        and comment.decision_reason
        and comment.user_email
    ):
        page = comment.content_object
        if page is not None:
            queue_email(
                to=comment.user_email,
                template="discussion/email/comment_refused",
                context={"comment": comment, "page": page},
                dedupe_key=f"comment-{comment.status}:{comment.pk}",
            )
        return

    if comment.status == CommentStatus.APPROVED and comment.notify_on_approval and comment.user_email:
        page = comment.content_object
        if page is not None:
            queue_email(
                to=comment.user_email,
                template="discussion/email/comment_published",
                context={"comment": comment, "page": page, "page_url": page.full_url or ""},
                dedupe_key=f"comment-published:{comment.pk}",
            )


def notify_commenters(comment_ids):
    """notify_decision for each of these comments, after a bulk decision."""
    from .models import Comment

    for comment in Comment.objects.filter(pk__in=comment_ids):
        notify_decision(comment)
    Comment.objects.filter(pk__in=comment_ids).update(notify_on_approval=False)
