"""Replies in the agency's name ("Svara som <agency>"), written from the page or from the admin.

Who may: users with `discussion.reply_as_agency` (the Moderatorer, Redaktörer and Publicister groups,
discussion migration 0007). The reply is published at once, flagged `is_official`, carries the
agency's name (Webbplatsinställningar) and is shown with the badge the comment settings name. It is
written in this admin view only: the readers' form has no way to ask for it, so a forged field
there is ignored, and this view answers 403 to anyone without the permission.

The page's link to this view is rendered only for users with the permission, who are logged in and
so never served from (or stored in) the page cache; saving the reply invalidates the thread's cache
tag like any other comment (caching/).
"""

import uuid

from django import forms
from django.conf import settings
from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from website.models import SiteSettings

from . import decision_log
from .forms import js_length, normalise_text
from .models import Comment, CommentSettings, CommentStatus
from .notifications import notify_reply
from .window import comment_window

REPLY_PERMISSION = "discussion.reply_as_agency"
MAX_LENGTH = 3000
MAX_ID = 2**31 - 1


def can_reply_as_agency(user):
    return user is not None and user.is_authenticated and user.has_perm(REPLY_PERMISSION)


def agency_name(request):
    return SiteSettings.for_request(request).organisation_name


def agency_reply_url(comment_id, next_url=""):
    """The admin view that answers this comment in the agency's name (linked from the page and the queue)."""
    url = reverse("discussion_agency_reply", args=[comment_id])
    if next_url:
        from django.utils.http import urlencode

        url += "?" + urlencode({"next": next_url})
    return url


class AgencyReplyForm(forms.Form):
    comment = forms.CharField(
        label=_("Svar"),
        widget=forms.Textarea(attrs={"rows": 8}),
        strip=False,
        error_messages={"required": _("Skriv ett svar.")},
    )
    # One filled-in form: a resend (double click, reload after a timeout) stores the reply once.
    token = forms.UUIDField(widget=forms.HiddenInput, error_messages={"invalid": _("Formuläret är ogiltigt.")})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["comment"].help_text = _("Publiceras direkt. Högst %(count)s tecken.") % {"count": MAX_LENGTH}
        self.fields["comment"].widget.attrs["maxlength"] = str(MAX_LENGTH)

    def clean_comment(self):
        text = normalise_text(self.cleaned_data["comment"]).strip()
        if not text:
            raise forms.ValidationError(_("Skriv ett svar."))
        length = js_length(text)
        if length > MAX_LENGTH:
            raise forms.ValidationError(
                _("Svaret är %(length)s tecken. Det får vara högst %(max)s tecken."),
                params={"length": length, "max": MAX_LENGTH},
            )
        return text


def _answered(comment_id):
    """The approved comment answered, with its live page; None for anything else."""
    from .views import _find_page

    if comment_id > MAX_ID:
        return None, None
    comment = (
        Comment.objects.filter(pk=comment_id, status=CommentStatus.APPROVED).select_related("content_type").first()
    )
    if comment is None:
        return None, None
    page = _find_page({"content_type": ".".join(comment.content_type.natural_key()), "object_pk": comment.object_pk})
    return comment, page


def _attach_to(comment, reply_depth):
    """Where the reply goes: under the comment, or, where that is deeper than the site shows replies,
    under the nearest comment above it that takes replies (the same thread)."""
    deepest = max(reply_depth, 1) - 1
    parent = comment
    while parent.level > deepest:
        parent = Comment.objects.get(pk=parent.parent_id)
    return parent


def _safe_next(request, value):
    if value and url_has_allowed_host_and_scheme(value, allowed_hosts={request.get_host()}, require_https=False):
        return value
    return ""


@require_http_methods(["GET", "POST"])
def agency_reply(request, comment_id):
    if not can_reply_as_agency(request.user):
        return TemplateResponse(request, "discussion/admin/refused.html", {}, status=403)
    answered, page = _answered(comment_id)
    if page is None:
        raise Http404(_("Kommentaren finns inte eller är inte publicerad."))
    comment_settings = CommentSettings.for_request(request)
    if comment_window(page, request.user, comment_settings).is_hidden:
        raise Http404(_("Sidan har ingen kommentarsdel."))
    from . import corrections  # it imports this module

    name = agency_name(request)
    next_url = _safe_next(request, request.POST.get("next") or request.GET.get("next", ""))

    if request.method == "POST":
        form = AgencyReplyForm(request.POST)
        if form.is_valid():
            reply = _store(request, form.cleaned_data, answered, page, name, comment_settings)
            target = f"{page.url}#kommentar-{reply.pk}"
            if next_url.startswith(reverse("wagtailadmin_home")):
                messages.success(request, _("Svaret är publicerat som %(agency)s.") % {"agency": name})
                target = next_url
            return HttpResponseRedirect(target)
    else:
        form = AgencyReplyForm(initial={"token": uuid.uuid4()})
    return TemplateResponse(
        request,
        "discussion/admin/agency_reply.html",
        {
            "form": form,
            "answered": answered,
            "target_page": page,
            "agency": name,
            "badge": comment_settings.official_badge_text(name),
            "next": next_url,
            "correction_url": corrections.correction_url(answered.pk) if corrections.can_correct(request.user) else "",
        },
        status=400 if form.is_bound else 200,
    )


def _store(request, data, answered, page, name, comment_settings):
    from .views import lock_thread

    key = salted_hmac("discussion.agency_reply", f"{request.user.pk}\x1f{data['token']}", algorithm="sha256")
    key = key.hexdigest()
    stored = Comment.objects.filter(submission_key=key).first()
    if stored is not None:
        return stored
    parent = _attach_to(answered, comment_settings.reply_depth)
    now = timezone.now()
    try:
        with transaction.atomic():
            lock_thread(parent.thread_id)
            reply = Comment(
                content_type=answered.content_type,
                object_pk=answered.object_pk,
                site_id=settings.SITE_ID,
                user=request.user,
                user_name=name,
                user_email=request.user.email,
                comment=data["comment"],
                submit_date=now,
                is_public=True,
                status=CommentStatus.APPROVED,
                is_official=True,
                moderated_at=now,
                moderated_by=request.user,
                parent_id=parent.pk,
                submission_key=key,
            )
            reply.save()
            decision_log.record(reply, "discussion.official_reply", request.user, reply_to=answered.pk)
            # The reader answered hears of it, as they chose in Mitt konto.
            notify_reply(reply, page)
    except IntegrityError:
        stored = Comment.objects.filter(submission_key=key).first()
        if stored is None:
            raise
        return stored
    return reply
