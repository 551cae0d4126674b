"""The moderators' decision log, on Wagtail's own audit log (`wagtail.log_actions.log`).

Every moderation action is one `ModelLogEntry` (Wagtail's log for models that are not pages),
written in the same transaction as the decision itself, so a decision that is rolled back or
refused (another moderator got there first) leaves nothing in the log. Actions are named
`discussion.<verb>` and registered with Swedish labels through the `register_log_actions` hook
(discussion/wagtail_hooks.py); other modules register their own `discussion.*` verbs the same way,
and the log view (discussion/decision_log_view.py) lists every one of them.

`data` on an entry keeps what makes it readable after the comment has changed or gone:

    reason         why (a refusal's reason, a correction's reason, the reports' reasons), or ""
    spam           True when a comment was refused as spam (the commenter was not told)
    comment_id     the comment decided on (for a ban or a note: the comment it was made from, if any)
    commenter      the commenter's display name; emptied when their data is erased
    commenter_id   the commenter's account id, or None
    page_id        the page the comment is on, and
    page_title     its title at the time

Log entries are kept for *Beslutsloggen sparas (dagar)* in the comment settings; empty keeps them
until the agency decides on culling (`manage.py purge_decision_log`, run daily).
"""

import uuid

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry, Page

PREFIX = "discussion."

# verb: (label in filters and listings, message in Wagtail's history views)
ACTIONS = {
    "discussion.approve": (_("Godkänd"), _("Godkände kommentaren")),
    "discussion.reject": (_("Avvisad"), _("Avvisade kommentaren")),
    "discussion.remove": (_("Borttagen"), _("Tog bort kommentaren")),
    "discussion.edit": (_("Redigerad av moderator"), _("Ändrade kommentarens text")),
    "discussion.official_reply": (_("Svar från myndigheten"), _("Svarade i myndighetens namn")),
    "discussion.report_kept": (_("Anmälan hanterad: behålls"), _("Hanterade anmälningar och behöll kommentaren")),
    "discussion.report_removed": (
        _("Anmälan hanterad: borttagen"),
        _("Hanterade anmälningar och tog bort kommentaren"),
    ),
}

# moderate()'s actions and the verbs they are logged under.
DECISION_VERBS = {"approve": "discussion.approve", "reject": "discussion.reject", "remove": "discussion.remove"}


def register_actions(actions):
    for action, (label, message) in ACTIONS.items():
        actions.register_action(action, label, message)


def action_choices():
    """Every registered `discussion.*` action with its label, whichever module registered it."""
    from wagtail.log_actions import registry

    return sorted(
        ((action, str(label)) for action, label in registry.get_choices() if action.startswith(PREFIX)),
        key=lambda choice: choice[1],
    )


def action_label(action):
    from wagtail.log_actions import registry

    return str(registry.get_action_label(action)) if registry.action_exists(action) else action


def comment_data(comment, pages=None):
    """The commenter and the page, so the entry reads without the comment (see the module docstring)."""
    page = None
    if comment.object_pk.isdigit():
        page = pages.get(int(comment.object_pk)) if pages is not None else _page(comment.object_pk)
    return {
        "comment_id": comment.pk,
        "commenter": comment.user_name,
        "commenter_id": comment.user_id,
        "page_id": page.pk if page is not None else None,
        "page_title": page.title if page is not None else "",
    }


def _page(object_pk):
    return Page.objects.filter(pk=int(object_pk)).only("pk", "title").first()


def record(comment, verb, user, *, reason="", spam=False, pages=None, group=None, **extra):
    """Log one moderation action on a comment. Call it inside the decision's transaction."""
    data = {"reason": reason or "", "spam": bool(spam), **comment_data(comment, pages), **extra}
    return log(
        instance=comment,
        action=verb,
        user=user,
        uuid=group,
        # The label is what Wagtail's own history views show: no comment text (it may be erased).
        title=str(_("Kommentar %(id)s") % {"id": comment.pk}),
        data=data,
    )


def record_decisions(comments, action, user, *, reason="", spam=False):
    """One entry per comment a decision changed (moderate()), grouped by one uuid."""
    verb = DECISION_VERBS.get(action, action)
    page_ids = {int(c.object_pk) for c in comments if c.object_pk.isdigit()}
    pages = {p.pk: p for p in Page.objects.filter(pk__in=page_ids).only("pk", "title")}
    group = uuid.uuid4()
    for comment in comments:
        record(comment, verb, user, reason=reason, spam=spam, pages=pages, group=group)


def entries():
    """All moderation log entries (every `discussion.*` action), newest first."""
    return ModelLogEntry.objects.filter(action__startswith=PREFIX)


def forget_commenter(comment_ids):
    """On erasure: the log keeps the decisions but no longer names the commenter."""
    from .models import Comment

    ids = [str(pk) for pk in comment_ids]
    if not ids:
        return 0
    content_type = ContentType.objects.get_for_model(Comment, for_concrete_model=False)
    count = 0
    for entry in entries().filter(content_type=content_type, object_id__in=ids).only("pk", "data"):
        data = {**(entry.data or {}), "commenter": "", "commenter_id": None}
        count += ModelLogEntry.objects.filter(pk=entry.pk).update(data=data)
    return count
