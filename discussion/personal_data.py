"""Comments in the personal-data registry (accounts/personal_data.py).

On erasure, as the privacy page says, the reader's comments are removed. One that has approved
replies stays only as the placeholder "Kommentaren har tagits bort av skribenten" so the replies
still read as answers: no text, name, e-mail or IP address of the reader is kept in it, nor any
moderator's correction (CommentRevision, which holds the text before it). The moderators' notes
about the reader (CommenterNote: on the account, or on an address of theirs given without logging
in) are part of the export and are deleted on erasure. The decision log keeps its entries on the
reader's comments (who decided what, when and why) without the reader's name.
"""

from django.db.models import F, Q

from . import decision_log
from .models import Comment, CommenterNote, CommentRevision, CommentStatus
from .own import STATUS_LABELS


def _comments(user):
    query = Q(user=user)
    if user.email:
        query |= Q(user_email__iexact=user.email)
    return Comment.objects.select_related(None).filter(query)


def _notes(user):
    query = Q(user=user)
    if user.email:
        query |= Q(user__isnull=True, email__iexact=user.email)
    return CommenterNote.objects.filter(query)


def notes_export(notes):
    return [{"written_at": n.created_at.isoformat(), "text": n.text} for n in notes.order_by("created_at", "pk")]


def export(user):
    rows = []
    for comment in _comments(user).order_by("submit_date", "pk").prefetch_related("revisions"):
        page = comment.content_object
        rows.append(
            {
                "id": comment.pk,
                "page": page.title if page is not None else None,
                "page_url": page.full_url if page is not None else None,
                "submitted_at": comment.submit_date.isoformat(),
                "edited_at": comment.edited_at.isoformat() if comment.edited_at else None,
                "name_shown": comment.user_name,
                "email": comment.user_email,
                "text": comment.comment,
                "status": comment.status,
                "status_label": str(STATUS_LABELS.get(comment.status, comment.status)),
                "reason": comment.decision_reason if not comment.rejected_as_spam else "",
                "ip_address": comment.ip_address,
                "moderator_edits": [
                    {"edited_at": r.edited_at.isoformat(), "text_before": r.text_before, "reason": r.reason}
                    for r in comment.revisions.all()
                ],
            }
        )
    return {"comments": rows, "moderator_notes": notes_export(_notes(user))}


def erase(user):
    _notes(user).delete()
    comments = _comments(user)
    # The decision log keeps what moderators decided, but no longer names the commenter.
    decision_log.forget_commenter(comments.values_list("pk", flat=True))
    answered = set(
        Comment.objects.filter(parent_id__in=comments.values("pk"), status=CommentStatus.APPROVED)
        .exclude(parent_id=F("pk"))
        .values_list("parent_id", flat=True)
    )
    # A moderator's corrections hold the old text; the placeholders keep none of it.
    CommentRevision.objects.filter(comment__in=comments.filter(pk__in=answered)).delete()
    comments.filter(pk__in=answered).update(
        status=CommentStatus.DELETED,
        comment="",
        user_name="",
        user_email="",
        user_url="",
        ip_address=None,
        user=None,
        is_public=False,
        is_removed=True,
        decision_reason="",
    )
    comments.exclude(pk__in=answered).delete()
