"""Readers report ("Anmäl") a published comment; moderators handle the reports ("Anmälda").

Public side: every published comment carries a plain link to `discussion_report` (the same for
every reader, so cached pages stay shared). That page, in the site's layout, has a form with a
reason from `ReportReason` (free text required for "Annat"); it carries a CSRF token, so it is
never served from the shared cache. One report per reader (account, or IP address while it is kept)
and comment: a second is accepted and not counted. Reports are rate-limited per IP address and
account like comments, in the shared cache.

Admin side: `reports_index` lists the comments with unhandled reports, their count and reasons;
`handle_report` keeps the comment or removes it through `admin_views.moderate` (so the commenter
is told and a concurrent decision is caught) and marks the reports the moderator saw as handled.
The comment queue's "Anmälda" tab (discussion/queue.py) lists the same comments in Wagtail's listing
and posts to `handle_report` too, with `next` leading back to the tab.
"""

import datetime
import logging

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.cache import caches
from django.db import transaction
from django.db.models import Count, Max, Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.admin.menu import MenuItem

from website.net import client_ip

from . import decision_log
from .models import Comment, CommentReport, CommentStatus, ReportOutcome, ReportReason

logger = logging.getLogger(__name__)

PERMISSION = "discussion.moderate_comment"
RATE_LIMIT_SECONDS = 15
MAX_TEXT_LENGTH = 1000
MAX_ID = 2**31 - 1


def report_url(comment_id):
    return reverse("discussion_report", args=[comment_id])


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Varför anmäler du kommentaren?"),
        choices=ReportReason.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Välj varför du anmäler kommentaren."),
            "invalid_choice": _("Välj ett av skälen i listan."),
        },
    )
    text = forms.CharField(
        label=_("Beskriv vad som är fel"),
        required=False,
        max_length=MAX_TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": str(MAX_TEXT_LENGTH)}),
        help_text=_("Krävs om du väljer ”Annat”. Högst %(count)s tecken.") % {"count": MAX_TEXT_LENGTH},
        error_messages={"max_length": _("Beskrivningen får vara högst %(limit_value)d tecken.")},
    )

    def clean_text(self):
        text = self.cleaned_data["text"]
        if "\x00" in text:
            raise forms.ValidationError(_("Beskrivningen innehåller otillåtna tecken."))
        return " ".join(text.split())

    def clean(self):
        data = super().clean()
        if data.get("reason") == ReportReason.OTHER and not data.get("text"):
            self.add_error("text", _("Beskriv vad som är fel med kommentaren när du väljer ”Annat”."))
        return data


def _published(comment_id):
    """The approved comment and its live page, or (None, None)."""
    from .views import _find_page

    if comment_id > MAX_ID:
        return None, None
    comment = (
        Comment.objects.select_related("content_type").filter(pk=comment_id, status=CommentStatus.APPROVED).first()
    )
    if comment is None:
        return None, None
    page = _find_page({"content_type": ".".join(comment.content_type.natural_key()), "object_pk": comment.object_pk})
    if page is None:
        return None, None
    return comment, page


def _rate_limited(request, submission):
    """As discussion.views._rate_limited, with keys of its own (a report does not stop a comment).
    A resend of the same report is never limited; it is counted once anyway."""
    keys = [f"discussion:report-rate:ip:{client_ip(request)}"]
    if request.user.is_authenticated:
        keys.append(f"discussion:report-rate:user:{request.user.pk}")
    limited = False
    try:
        cache = caches[settings.SHARED_CACHE_ALIAS]
        for key in keys:
            if not cache.add(key, submission, RATE_LIMIT_SECONDS) and cache.get(key) != submission:
                limited = True
    except Exception:  # noqa: BLE001 - any cache backend's connection error
        logger.warning("Shared cache unreachable: report rate limit counted from the database", exc_info=True)
        recent = Q(ip_address=client_ip(request)) if client_ip(request) else Q()
        if request.user.is_authenticated:
            recent |= Q(reporter=request.user)
        if not recent:
            return False
        since = timezone.now() - datetime.timedelta(seconds=RATE_LIMIT_SECONDS)
        return CommentReport.objects.filter(recent, created_at__gte=since).exists()
    return limited


def _reported_before(comment, request):
    if request.user.is_authenticated:
        return CommentReport.objects.filter(comment=comment, reporter=request.user).exists()
    ip = client_ip(request)
    return bool(ip) and CommentReport.objects.filter(comment=comment, reporter=None, ip_address=ip).exists()


def _form_page(request, comment, page, form, status=200, message=""):
    return render(
        request,
        "discussion/report_form_page.html",
        {
            "form": form,
            "comment": comment,
            "target_page": page,
            "message": message,
            "page_title": _("Anmäl kommentar"),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def report_comment(request, comment_id):
    from .views import _error

    comment, page = _published(comment_id)
    if comment is None:
        return _error(request, 404, _("Kommentaren finns inte eller är inte publicerad."))
    if request.method == "GET":
        if request.GET.get("tack"):
            return render(
                request,
                "discussion/report_thanks.html",
                {"comment": comment, "target_page": page, "page_title": _("Tack för din anmälan")},
            )
        return _form_page(request, comment, page, ReportForm())
    form = ReportForm(request.POST)
    if not form.is_valid():
        return _form_page(request, comment, page, form, status=400)
    data = form.cleaned_data
    if _rate_limited(request, f"{comment.pk}:{data['reason']}:{data['text']}"):
        return _form_page(
            request,
            comment,
            page,
            form,
            status=429,
            message=_("Du skickar anmälningar för tätt. Vänta en stund och skicka sedan igen."),
        )
    user = request.user if request.user.is_authenticated else None
    with transaction.atomic():
        # The comment's row serialises two reports from one reader at once.
        Comment.objects.select_related(None).select_for_update(of=("self",)).filter(pk=comment.pk).first()
        if not _reported_before(comment, request):
            CommentReport.objects.create(
                comment=comment, reason=data["reason"], text=data["text"], reporter=user, ip_address=client_ip(request)
            )
    return HttpResponseRedirect(f"{report_url(comment.pk)}?tack=1", status=303)


# Admin side ("Anmälda").


def can_handle_reports(user):
    return user is not None and user.is_authenticated and user.has_perm(PERMISSION)


class ReportsMenuItem(MenuItem):
    """ "Anmälda" in the admin menu, for moderators, with the number of reported comments."""

    def __init__(self):
        super().__init__(
            _("Anmälda"), reverse_lazy("discussion_reports"), name="anmalda", icon_name="warning", order=251
        )

    def is_shown(self, request):
        return can_handle_reports(request.user)

    def render_component(self, request):
        component = super().render_component(request)
        count = open_report_count()
        if count:
            component.attrs = {
                **component.attrs,
                "data-pending-count": str(count),
                "aria-label": ngettext("Anmälda, %(count)s kommentar", "Anmälda, %(count)s kommentarer", count)
                % {"count": count},
            }
        return component


def open_reports():
    return CommentReport.objects.filter(handled_at__isnull=True)


def open_report_count():
    return open_reports().values("comment").distinct().count()


def attach_open_reports(comments):
    """Give each comment its unhandled reports as `open_reports`, in one query for the whole list."""
    by_comment = {}
    for report in open_reports().filter(comment__in=comments).order_by("created_at"):
        by_comment.setdefault(report.comment_id, []).append(report)
    for comment in comments:
        comment.open_reports = by_comment.get(comment.pk, [])


def reason_counts(reports):
    counts = {}
    for report in reports:
        counts[report.get_reason_display()] = counts.get(report.get_reason_display(), 0) + 1
    return sorted(counts.items())


def _refused(request):
    return TemplateResponse(request, "discussion/admin/refused.html", {}, status=403)


def reported_comments():
    """Comments with unhandled reports, the most reported first."""
    open_reports = Q(reports__handled_at__isnull=True)
    return (
        Comment.objects.select_related("content_type")
        .filter(pk__in=CommentReport.objects.filter(handled_at__isnull=True).values("comment"))
        .annotate(report_count=Count("reports", filter=open_reports), last_report=Max("reports__pk"))
        .order_by("-report_count", "last_report")
    )


def reports_index(request):
    if not can_handle_reports(request.user):
        return _refused(request)
    comments = list(reported_comments()[:200])
    attach_open_reports(comments)
    for comment in comments:
        comment.reason_counts = reason_counts(comment.open_reports)
        comment.target_page = _page_of(comment)
    return TemplateResponse(request, "discussion/admin/reports.html", {"comments": comments})


def _page_of(comment):
    from .views import _find_page

    return _find_page({"content_type": ".".join(comment.content_type.natural_key()), "object_pk": comment.object_pk})


def _int(value):
    value = str(value or "")
    return int(value) if value.isdigit() and len(value) < 10 else None


@require_POST
def handle_report(request, comment_id):
    from .admin_views import conflict_message, moderate

    if not can_handle_reports(request.user):
        return _refused(request)
    from .corrections import safe_admin_next

    back = safe_admin_next(request, str(request.POST.get("next", ""))) or reverse("discussion_reports")
    action = request.POST.get("action")
    last_seen = _int(request.POST.get("last_report"))
    comment = Comment.objects.filter(pk=comment_id).first() if comment_id <= MAX_ID else None
    if comment is None:
        raise Http404(_("Kommentaren finns inte."))
    if action not in ("keep", "remove") or last_seen is None:
        messages.error(request, _("Välj Behåll eller Ta bort för en anmäld kommentar."))
        response = reports_index(request)
        response.status_code = 400
        return response
    seen_reports = CommentReport.objects.filter(comment=comment, handled_at__isnull=True, pk__lte=last_seen)
    if not seen_reports.exists():
        messages.warning(request, _("Anmälningarna av kommentaren är redan hanterade."))
        return HttpResponseRedirect(back)
    reasons = sorted({str(r.get_reason_display()) for r in seen_reports})
    with transaction.atomic():
        reason = ""
        if action == "remove":
            reason = " ".join(str(request.POST.get("reason", "")).split())[:500] or (
                _("Kommentaren anmäldes och togs bort: %(reasons)s.") % {"reasons": ", ".join(reasons).lower()}
            )
            seen = {comment.pk: str(request.POST.get("seen", ""))[:100]} if request.POST.get("seen") else None
            # Logged below as the reports' outcome (one entry for the moderator's one decision).
            outcome = moderate([comment.pk], "remove", request.user, seen=seen, reason=reason, log=False)
            if outcome.conflicts:
                messages.error(request, conflict_message(outcome.conflicts[0]))
                return HttpResponseRedirect(back)
        handled = seen_reports.update(
            handled_at=timezone.now(),
            handled_by=request.user,
            outcome=ReportOutcome.REMOVE if action == "remove" else ReportOutcome.KEEP,
        )
        # Two moderators at once: the second finds the reports handled and logs nothing.
        if handled:
            decision_log.record(
                comment,
                "discussion.report_removed" if action == "remove" else "discussion.report_kept",
                request.user,
                reason=str(reason),
                report_count=handled,
                report_reasons=reasons,
            )
    if action == "remove":
        messages.success(request, _("Kommentaren från %(name)s är borttagen.") % {"name": comment.user_name})
    else:
        messages.success(request, _("Kommentaren från %(name)s behålls.") % {"name": comment.user_name})
    return HttpResponseRedirect(back)
