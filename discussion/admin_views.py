"""The moderators' comment queue in the Wagtail admin: pending first, filters, search, one-by-one and bulk actions."""

import datetime

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

from .models import Comment, CommentStatus
from .notifications import notify_commenters

PERMISSION = "discussion.moderate_comment"
ACTIONS = {
    "approve": (CommentStatus.APPROVED, _("%(count)s kommentarer godkändes.")),
    "reject": (CommentStatus.REJECTED, _("%(count)s kommentarer avvisades.")),
    "remove": (CommentStatus.REMOVED, _("%(count)s kommentarer togs bort.")),
}


def pending_count():
    return Comment.objects.filter(status=CommentStatus.PENDING).count()


def moderate(comment_ids, action, user):
    """Set the status of exactly these comments. update() skips xtd's pre_save hook, which would
    otherwise publish or hide every reply together with its parent."""
    status = ACTIONS[action][0]
    with transaction.atomic():
        ids = list(Comment.objects.filter(pk__in=comment_ids).exclude(status=status).values_list("pk", flat=True))
        Comment.objects.filter(pk__in=ids).update(
            status=status,
            is_public=status == CommentStatus.APPROVED,
            is_removed=status == CommentStatus.REMOVED,
            moderated_at=timezone.now(),
            moderated_by=user,
        )
        if status == CommentStatus.APPROVED and ids:
            notify_commenters(ids)
    return len(ids)


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


@permission_required(PERMISSION, raise_exception=True)
@require_http_methods(["GET", "POST"])
def queue(request):
    if request.method == "POST":
        action = request.POST.get("action", "")
        ids = request.POST.getlist("ids")
        single = request.POST.get("single", "")
        if single:
            action, _sep, single_id = single.partition(":")
            ids = [single_id]
        ids = [int(i) for i in ids if str(i).isdigit() and len(str(i)) < 10]
        if action not in ACTIONS:
            messages.error(request, _("Välj vad som ska göras med kommentarerna."))
        elif not ids:
            messages.error(request, _("Välj minst en kommentar."))
        else:
            count = moderate(ids, action, request.user)
            messages.success(request, ACTIONS[action][1] % {"count": count})
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
        },
    )
