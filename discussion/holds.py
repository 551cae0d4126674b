"""Local hold rules: why a comment waits for a moderator although the site trusts known commenters.

Every rule runs on the site's own data; nothing is sent to a third party. The reasons are stored on
the comment (`Comment.held_because`), so the moderator sees in the queue why it was held, and they
are computed under either moderation policy: with "hold all" they only inform.

- links at or over the limit, and words the settings name (as before);
- the same text posted before, on any page, by anyone, within REPEAT_DAYS (copy-pasted campaigns);
- a new commenter: fewer approved comments than `CommentSettings.trusted_after_approved`;
- a commenter whose decided comments within RATE_DAYS were rejected or removed more often than
  `CommentSettings.rejection_rate_limit` per cent;
- a commenter a moderator restricted to "always pre-moderate" (discussion.restrictions).

A commenter is the account when logged in, else the address typed (informative only: anonymous
comments are always held).
"""

import datetime
import re

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

LINK_RE = re.compile(r"(https?://|www\.)", re.IGNORECASE)
REPEAT_DAYS = 30
RATE_DAYS = 90
# A rate over fewer decisions says little: one rejection of one comment is not a pattern.
RATE_MIN_DECISIONS = 3


def commenter_comments(user, email):
    from .models import Comment

    if user is not None:
        return Comment.objects.filter(user=user)
    return Comment.objects.filter(user__isnull=True, user_email__iexact=(email or "").strip())


def hold_reasons(comment_settings, text, *, user=None, email=""):
    """The reasons, in Swedish, why this text from this commenter must be read first ([] if none)."""
    from .models import CommentStatus

    reasons = []
    links = len(LINK_RE.findall(text))
    if links >= max(comment_settings.link_limit, 1):
        reasons.append(ngettext("Innehåller %(count)d länk", "Innehåller %(count)d länkar", links) % {"count": links})
    lowered = text.lower()
    if any(word in lowered for word in comment_settings.moderation_word_list()):
        reasons.append(_("Innehåller ord som kräver granskning"))

    since = timezone.now() - datetime.timedelta(days=REPEAT_DAYS)
    from .models import Comment

    if Comment.objects.filter(comment__iexact=text.strip(), submit_date__gte=since).exists():
        reasons.append(_("Samma text som en tidigare kommentar"))

    if user is None and not (email or "").strip():
        return reasons
    from .restrictions import always_held

    if always_held(user, email):
        reasons.append(_("En moderator har beslutat att kommentatorn alltid granskas"))
    own = commenter_comments(user, email)
    recent = Q(submit_date__gte=timezone.now() - datetime.timedelta(days=RATE_DAYS))
    counts = own.aggregate(
        approved=Count("pk", filter=Q(status=CommentStatus.APPROVED)),
        refused=Count("pk", filter=recent & Q(status__in=[CommentStatus.REJECTED, CommentStatus.REMOVED])),
        approved_recently=Count("pk", filter=recent & Q(status=CommentStatus.APPROVED)),
    )
    needed = comment_settings.trusted_after_approved
    if counts["approved"] < needed:
        reasons.append(
            ngettext(
                "Ny kommentator: %(approved)d av %(needed)d kommentar godkänd",
                "Ny kommentator: %(approved)d av %(needed)d kommentarer godkända",
                needed,
            )
            % {"approved": counts["approved"], "needed": needed}
        )
    decided = counts["refused"] + counts["approved_recently"]
    if decided >= RATE_MIN_DECISIONS:
        rate = round(100 * counts["refused"] / decided)
        if rate > comment_settings.rejection_rate_limit:
            reasons.append(
                _("%(rate)d %% av kommentatorns kommentarer de senaste %(days)d dagarna avvisades")
                % {"rate": rate, "days": RATE_DAYS}
            )
    return reasons
