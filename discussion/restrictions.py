"""Restrictions on one commenter (issue 13, point 7): always pre-moderate, ban, or timed suspension.

A commenter is an account, or for anonymous comments the e-mail address typed (compared without
regard to case); a restriction on an address also covers an account with that address.

- "Granska alltid": every comment they post is held for a moderator, even under "trust known
  commenters" (a hold reason, discussion.holds).
- "Avstängd" (ban) and "Tillfälligt avstängd" (suspension until a time): their pending comments are
  rejected at once through the central decision path (admin_views.moderate, with no mail and a
  neutral reason: nothing tells them of the ban), and a new post is refused with a neutral message (views.post_comment) and not
  stored. A suspension ends by itself when its time has passed.

Each restriction has a reason, records who made it and when, can be lifted (who, when, why), and is
written to Wagtail's log (discussion.premoderate / .ban / .suspend / .restriction_lifted).
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from .models import CommenterRestriction, CommentStatus, RestrictionKind

REFUSED_MESSAGE = _("Kommentaren kunde inte tas emot.")
# The reason stored on the waiting comments a ban rejects: the commenter may read it (Mitt konto, the
# data download), so it says nothing about the ban; the ban's own reason is in the log.
REJECTED_REASON = _("Kommentaren publiceras inte.")
LOG_ACTIONS = {
    RestrictionKind.PREMODERATE: "discussion.premoderate",
    RestrictionKind.BAN: "discussion.ban",
    RestrictionKind.SUSPEND: "discussion.suspend",
}
LIFTED_ACTION = "discussion.restriction_lifted"
REFUSING_KINDS = (RestrictionKind.BAN, RestrictionKind.SUSPEND)


def active_for(user=None, email=""):
    return CommenterRestriction.objects.active().for_commenter(user, email)


def refuses_posts(user=None, email=""):
    """Whether this commenter is banned or suspended right now."""
    return active_for(user, email).filter(kind__in=REFUSING_KINDS).exists()


def always_held(user=None, email=""):
    return active_for(user, email).filter(kind=RestrictionKind.PREMODERATE).exists()


def staff_accounts():
    """Accounts that work with the site (the same as discussion.names counts as staff)."""
    return (
        get_user_model()
        .objects.filter(
            Q(is_staff=True)
            | Q(is_superuser=True)
            | Q(groups__permissions__codename="access_admin")
            | Q(user_permissions__codename="access_admin")
        )
        .distinct()
    )


def is_protected(user=None, email=""):
    """Staff accounts, their addresses and the agency's own contact address cannot be restricted."""
    from wagtail.models import Site

    from website.models import SiteSettings

    if user is not None and staff_accounts().filter(pk=user.pk).exists():
        return True
    email = (email or "").strip()
    if not email:
        return False
    if staff_accounts().filter(email__iexact=email).exists():
        return True
    agency = {(SiteSettings.for_site(site).contact_email or "").strip().lower() for site in Site.objects.all()}
    return email.lower() in agency


def pending_comments(restriction):
    """The commenter's comments that wait: the account's, and any sent with the restricted address."""
    from .models import Comment

    match = Q(pk__in=[])
    email = restriction.email
    if restriction.user_id:
        match |= Q(user_id=restriction.user_id)
        email = email or (restriction.user.email or "").strip()
    if email:
        match |= Q(user_email__iexact=email) | Q(user__email__iexact=email)
    return Comment.objects.filter(match, status=CommentStatus.PENDING)


def _log_data(restriction, **extra):
    return {
        "reason": restriction.reason,
        "commenter": restriction.commenter_label(),
        "kind": restriction.kind,
        "user_id": restriction.user_id,
        "email": restriction.email,
        "until": restriction.until.isoformat() if restriction.until else None,
        **extra,
    }


def restrict(restriction, by, comment=None):
    """Store a new (validated) restriction made by `by`, reject the commenter's pending comments if it
    refuses posts, and log it (naming `comment`, the one it was made from, if any). Returns the ids of
    the comments rejected."""
    from .admin_views import moderate

    restriction.email = (restriction.email or "").strip().lower()
    restriction.created_by = by
    restriction.created_at = timezone.now()
    if restriction.kind != RestrictionKind.SUSPEND:
        restriction.until = None
    with transaction.atomic():
        restriction.save()
        rejected = []
        if restriction.kind in REFUSING_KINDS:
            ids = list(pending_comments(restriction).values_list("pk", flat=True))
            if ids:
                rejected = moderate(ids, "reject", by, reason=str(REJECTED_REASON), notify=False).applied
        log(
            instance=restriction,
            action=LOG_ACTIONS[restriction.kind],
            user=by,
            data=_log_data(restriction, rejected_comments=rejected, comment_id=comment.pk if comment else None),
        )
    return rejected


def lift(restriction, by, reason=""):
    """Lift an active restriction (who, when, why) and log it; False if it was no longer active."""
    with transaction.atomic():
        current = CommenterRestriction.objects.select_for_update().filter(pk=restriction.pk).first()
        if current is None or not current.is_active:
            return False
        current.lifted_at = timezone.now()
        current.lifted_by = by
        current.lift_reason = reason
        current.save(update_fields=["lifted_at", "lifted_by", "lift_reason"])
        log(
            instance=current,
            action=LIFTED_ACTION,
            user=by,
            data=_log_data(current, reason=reason, restriction_reason=current.reason),
        )
    restriction.refresh_from_db()
    return True
