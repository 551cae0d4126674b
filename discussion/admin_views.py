"""The moderators' comment queue in the Wagtail admin: pending first, filters, search, one-by-one and bulk actions."""

import datetime
from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Case, IntegerField, Q, Value, When
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods
from wagtail.models import Page

from .models import Comment, CommentSettings, CommentStatus
from .notifications import notify_commenters

PERMISSION = "discussion.moderate_comment"
ACTIONS = {
    "approve": (CommentStatus.APPROVED, _("%(count)s kommentarer godkändes.")),
    "reject": (CommentStatus.REJECTED, _("%(count)s kommentarer avvisades.")),
    "remove": (CommentStatus.REMOVED, _("%(count)s kommentarer togs bort.")),
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


def moderate(comment_ids, action, user, *, seen=None, reason="", spam=False):
    """Set the status of exactly these comments and tell their commenters (notify_decision).

    `seen` maps a comment's id to the `moderation_state()` the moderator saw (the queue's form sends
    it for every row; a caller without it, such as a script, decides on the current state); a comment
    that has changed since (another moderator decided first, or the commenter edited it) is left as it is
    and returned among the conflicts. The rows are locked until commit, so of two decisions at once
    the second finds the first's result. update() skips xtd's pre_save hook, which would otherwise
    publish or hide every reply together with its parent; the pages' cache tags go by the UPDATE (caching).
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


def _parse_date(value):
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _filtered(request):
    comments = Comment.objects.select_related("content_type").order_by(
        Case(When(status=CommentStatus.PENDING, then=Value(0)), default=Value(1), output_field=IntegerField()),
        "-submit_date",
    )
    status = request.GET.get("status", "")
    if status in CommentStatus.values:
        comments = comments.filter(status=status)
    page_id = request.GET.get("page", "")
    if page_id.isdigit():
        comments = comments.filter(object_pk=page_id)
    date_from = _parse_date(request.GET.get("from", ""))
    if date_from:
        comments = comments.filter(submit_date__date__gte=date_from)
    date_to = _parse_date(request.GET.get("to", ""))
    if date_to:
        comments = comments.filter(submit_date__date__lte=date_to)
    query = request.GET.get("q", "").strip()[:200]
    if query:
        comments = comments.filter(
            Q(comment__icontains=query) | Q(user_name__icontains=query) | Q(user_email__icontains=query)
        )
    return comments, {"status": status, "page": page_id, "from": date_from, "to": date_to, "q": query}


def _seen_states(request):
    """{id: state} from the form's `seen` fields ("id:state"), as the moderator saw the rows."""
    seen = {}
    for value in request.POST.getlist("seen")[:1000]:
        pk, _sep, state = str(value).partition(":")
        if pk.isdigit() and len(pk) < 10:
            seen[int(pk)] = state[:100]
    return seen


def _decide(request):
    action = request.POST.get("action", "")
    ids = request.POST.getlist("ids")
    single = request.POST.get("single", "")
    if single:
        action, _sep, single_id = single.partition(":")
        ids = [single_id]
    ids = [int(i) for i in ids if str(i).isdigit() and len(str(i)) < 10]
    if action not in ACTIONS:
        messages.error(request, _("Välj vad som ska göras med kommentarerna."))
        return
    if not ids:
        messages.error(request, _("Välj minst en kommentar."))
        return
    seen = _seen_states(request)
    reason, spam = "", False
    if ACTIONS[action][0] in (CommentStatus.REJECTED, CommentStatus.REMOVED):
        spam = request.POST.get("spam") == "on"
        reason = _chosen_reason(request)
        if not reason and not spam:
            messages.error(
                request,
                _("Välj eller skriv ett skäl innan du avvisar eller tar bort. Skälet skickas till den som skrev."),
            )
            return
        if spam and not reason:
            reason = str(_("Skräppost"))
    outcome = moderate(ids, action, request.user, seen=seen, reason=reason, spam=spam)
    if outcome.count:
        messages.success(request, ACTIONS[action][1] % {"count": outcome.count})
    for comment in outcome.conflicts:
        messages.warning(request, conflict_message(comment))
    if not outcome.count and not outcome.conflicts:
        messages.info(request, _("Inget behövde ändras."))


def _chosen_reason(request):
    """The reason from the settings' list, or the free text; never anything else."""
    text = " ".join(str(request.POST.get("reason_text", "")).split())[:500]
    if text:
        return text
    chosen = str(request.POST.get("reason", ""))
    allowed = CommentSettings.for_request(request).decision_reason_list()
    return chosen if chosen in allowed else ""


@permission_required(PERMISSION, raise_exception=True)
@require_http_methods(["GET", "POST"])
def queue(request):
    if request.method == "POST":
        _decide(request)
        return redirect(request.get_full_path())

    comments, filters = _filtered(request)
    paginator = Paginator(comments, 50)
    page_obj = paginator.get_page(request.GET.get("p"))
    rows = list(page_obj.object_list)
    pages = {p.pk: p for p in Page.objects.filter(pk__in={int(c.object_pk) for c in rows if c.object_pk.isdigit()})}
    for comment in rows:
        comment.target_page = pages.get(int(comment.object_pk)) if comment.object_pk.isdigit() else None
    commented_pages = Page.objects.filter(
        pk__in=[int(pk) for pk in Comment.objects.values_list("object_pk", flat=True).distinct() if pk.isdigit()]
    ).order_by("title")
    return TemplateResponse(
        request,
        "discussion/admin/queue.html",
        {
            "rows": rows,
            "page_obj": page_obj,
            "filters": filters,
            "statuses": CommentStatus.choices,
            "commented_pages": commented_pages,
            "pending_count": pending_count(),
            "querystring": request.GET.urlencode(),
            "decision_reasons": CommentSettings.for_request(request).decision_reason_list(),
        },
    )
