"""E-mail about comments: moderators hear about each held comment; a commenter hears, as they chose,
when theirs is published or refused, and when a reply to it is published.

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


def _page_link(page, comment):
    """The comment's place on the page (the anchor components/comments.html and rendering.py use)."""
    return f"{page.full_url or ''}#kommentar-{comment.pk}"


def notify_decision(comment):
    """Tell the commenter what became of their comment: call once per moderation decision, inside
    the transaction that records it (the mail leaves after commit, and at most once per decision).

    Who hears what is accounts.notifications.recipient: a reader with an account as chosen in Mitt
    konto, a commenter without one as the comment form says. Published: a notice with a link to the
    comment. Rejected or removed: the reason the moderator gave, unless it was marked as spam (spam
    is never answered). An approved reply also tells the author of the comment it answers
    (notify_reply). Each kind of mail goes at most once per comment (the outbox's dedupe_key), so two
    moderators deciding alike send one mail. Every mail carries a one-click unsubscribe link.
    """
    from accounts.models import NotificationKind
    from accounts.notifications import recipient

    from .models import CommentStatus

    if comment.status in (CommentStatus.REJECTED, CommentStatus.REMOVED):
        if comment.rejected_as_spam or not comment.decision_reason:
            return
        page = comment.content_object
        to = recipient(comment, NotificationKind.REFUSED) if page is not None else None
        if to is not None:
            queue_email(
                to=to.email,
                template="discussion/email/comment_refused",
                context={"comment": comment, "page": page},
                unsubscribe_url=to.unsubscribe_url,
                dedupe_key=f"comment-{comment.status}:{comment.pk}",
            )
        return

    if comment.status == CommentStatus.APPROVED:
        page = comment.content_object
        if page is None:
            return
        to = recipient(comment, NotificationKind.PUBLISHED)
        if to is not None:
            queue_email(
                to=to.email,
                template="discussion/email/comment_published",
                context={"comment": comment, "page": page, "page_url": _page_link(page, comment)},
                unsubscribe_url=to.unsubscribe_url,
                dedupe_key=f"comment-published:{comment.pk}",
            )
        notify_reply(comment, page)


def notify_reply(reply, page=None):
    """Tell the author of the comment this approved reply answers, if they asked to hear of replies.

    Call when the reply becomes public (a moderator's approval, or a post published at once), inside
    that transaction. Never for a reply by the same writer; at most once per reply.
    """
    from accounts.models import NotificationKind
    from accounts.notifications import recipient

    from .models import Comment, CommentStatus

    if reply.status != CommentStatus.APPROVED or not reply.parent_id or reply.parent_id == reply.pk:
        return
    parent = Comment.objects.select_related("user").filter(pk=reply.parent_id, status=CommentStatus.APPROVED).first()
    if parent is None:
        return
    if reply.user_id and reply.user_id == parent.user_id:
        return
    if (reply.user_email or "").strip().lower() == (parent.user_email or "").strip().lower():
        return
    page = page or reply.content_object
    to = recipient(parent, NotificationKind.REPLY) if page is not None else None
    if to is None or (reply.user_id is None and reply.user_email.strip().lower() == to.email.lower()):
        return
    queue_email(
        to=to.email,
        template="discussion/email/comment_reply",
        context={"comment": parent, "reply": reply, "page": page, "page_url": _page_link(page, reply)},
        unsubscribe_url=to.unsubscribe_url,
        dedupe_key=f"comment-reply:{reply.pk}",
    )


def notify_commenters(comment_ids):
    """notify_decision for each of these comments, after a bulk decision."""
    from .models import Comment

    for comment in Comment.objects.filter(pk__in=comment_ids):
        notify_decision(comment)
    Comment.objects.filter(pk__in=comment_ids).update(notify_on_approval=False)
