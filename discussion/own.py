"""A reader's own comments, as "Mitt konto" shows them: status in Swedish, and the page each is on."""

from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from .models import Comment, CommentStatus

# What the reader sees for each status (the moderators' words differ: "Godkänd", "Borttagen").
STATUS_LABELS = {
    CommentStatus.PENDING: _("Väntar på granskning"),
    CommentStatus.APPROVED: _("Publicerad"),
    CommentStatus.REJECTED: _("Avvisad"),
    CommentStatus.REMOVED: _("Borttagen"),
    CommentStatus.DELETED: _("Borttagen av dig"),
}


def comments_of(user):
    """The reader's comments, newest first (a queryset, for paging)."""
    return Comment.objects.select_related(None).filter(user=user).order_by("-submit_date", "-pk")


def describe(comments):
    """Each comment with what the reader needs: status label, the moderator's reason, the page.

    Pages for a whole list cost one query; a page that is gone or unpublished shows without a link.
    """
    comments = list(comments)
    page_ids = {int(c.object_pk) for c in comments if c.object_pk.isdigit()}
    pages = {page.pk: page for page in Page.objects.live().filter(pk__in=page_ids)}
    rows = []
    for comment in comments:
        page = pages.get(int(comment.object_pk)) if comment.object_pk.isdigit() else None
        reason = ""
        if comment.status in (CommentStatus.REJECTED, CommentStatus.REMOVED) and not comment.rejected_as_spam:
            reason = comment.decision_reason
        rows.append(
            {
                "comment": comment,
                "status": comment.status,
                "status_label": STATUS_LABELS.get(comment.status, comment.get_status_display()),
                "reason": reason,
                "page": page,
                "url": f"{page.url}#kommentar-{comment.pk}"
                if page and comment.status == CommentStatus.APPROVED
                else "",
            }
        )
    return rows
