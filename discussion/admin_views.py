"""Moderation decisions: `moderate()` applies one to exactly the comments a moderator saw.

The queue itself (listing, filters, bulk actions) is discussion/queue.py, on Wagtail's admin views.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import decision_log
from .models import Comment, CommentStatus
from .notifications import notify_commenters

PERMISSION = "discussion.moderate_comment"


def admin_time(value):
    """A moment as the moderation listings show it: local time, to the minute ("" for none)."""
    from django.utils import formats

    return formats.date_format(timezone.localtime(value), "Y-m-d H:i") if value else ""


ACTIONS = {
    "approve": (CommentStatus.APPROVED,),
    "reject": (CommentStatus.REJECTED,),
    "remove": (CommentStatus.REMOVED,),
}


def pending_count():
    return Comment.objects.filter(status=CommentStatus.PENDING).count()


@dataclass
class Outcome:
    """What moderate() did: the comments it changed, and those another moderator changed first."""

    applied: list = field(default_factory=list)
    conflicts: list = field(default_factory=list)

    @property
    def count(self):
        return len(self.applied)


def moderate(comment_ids, action, user, *, seen=None, reason="", spam=False, log=True, notify=True):
    """Set the status of exactly these comments and tell their commenters (notify_decision).

    `seen` maps a comment's id to the `moderation_state()` the moderator saw (the queue's form sends
    it for every row; a caller without it, such as a script, decides on the current state); a comment
    that has changed since (another moderator decided first, or the commenter edited it) is left as it is
    and returned among the conflicts. The rows are locked until commit, so of two decisions at once
    the second finds the first's result. update() skips xtd's pre_save hook, which would otherwise
    publish or hide every reply together with its parent; the pages' cache tags go by the UPDATE (caching).
    With notify=False nobody is told (a ban rejects the commenter's waiting comments without a word).

    Each comment changed gets one entry in the decision log (discussion.decision_log), in the same
    transaction; a caller that logs the action under a verb of its own (reports) passes `log=False`.
    """
    seen = seen or {}
    status = ACTIONS[action][0]
    outcome = Outcome()
    with transaction.atomic():
        rows = list(
            Comment.objects.select_related(None)
            .select_for_update(of=("self",))
            .filter(pk__in=comment_ids)
            .order_by("pk")
        )
        for comment in rows:
            if comment.pk in seen and seen[comment.pk] != comment.moderation_state():
                outcome.conflicts.append(comment)
            elif comment.status != status:
                outcome.applied.append(comment.pk)
        ids = outcome.applied
        if not ids:
            return outcome
        refused = status in (CommentStatus.REJECTED, CommentStatus.REMOVED)
        Comment.objects.filter(pk__in=ids).update(
            status=status,
            is_public=status == CommentStatus.APPROVED,
            is_removed=status == CommentStatus.REMOVED,
            moderated_at=timezone.now(),
            moderated_by=user,
            decision_reason=reason if refused else "",
            rejected_as_spam=spam if refused else False,
        )
        if log:
            decision_log.record_decisions(
                [c for c in rows if c.pk in set(ids)],
                action,
                user,
                reason=reason if refused else "",
                spam=spam if refused else False,
            )
        if notify:
            notify_commenters(ids)
    return outcome


def conflict_message(comment):
    """Swedish: what another moderator did to a comment this moderator also decided on."""
    who = comment.moderated_by.get_full_name() or comment.moderated_by.get_username() if comment.moderated_by else ""
    when = timezone.localtime(comment.moderated_at).strftime("%H:%M:%S") if comment.moderated_at else ""
    params = {"name": comment.user_name, "status": comment.get_status_display().lower(), "who": who, "when": when}
    if who:
        return (
            _(
                "Kommentaren från %(name)s ändrades av %(who)s kl. %(when)s och är nu %(status)s. "
                "Ditt beslut om den gjordes inte."
            )
            % params
        )
    return _("Kommentaren från %(name)s har ändrats och är nu %(status)s. Ditt beslut om den gjordes inte.") % params


def seen_states(values):
    """{id: state} from the form's `seen` fields ("id:state"), as the moderator saw the rows."""
    seen = {}
    for value in list(values)[:1000]:
        pk, _sep, state = str(value).partition(":")
        if pk.isdigit() and len(pk) < 10:
            seen[int(pk)] = state[:100]
    return seen
