"""A moderator corrects a comment (removes a phone number, say) instead of rejecting it whole.

The admin view `discussion_moderator_edit` takes the new text and a reason. The text before, the
text after, who, when and why go into a `CommentRevision`; the comment's `moderator_edited_at` is
set, and the page shows "Redigerad av moderator" beside it. The text is written with `update()`
(as moderation decisions are), so xtd's pre_save hook does not run, and the UPDATE invalidates the
thread's cache tag (caching/). Once a moderator has corrected a comment, its writer can no longer
edit it (discussion.own.edit_refusal).

The form carries a fingerprint of the text the moderator saw; if the comment changed meanwhile
(another moderator, or its writer), nothing is stored and the form shows the new text.
"""

import hashlib

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from . import decision_log
from .forms import js_length, normalise_text
from .models import Comment, CommentRevision, CommentStatus
from .official import agency_name, agency_reply_url, can_reply_as_agency

PERMISSION = "discussion.moderate_comment"
MAX_LENGTH = 3000
MAX_REASON_LENGTH = 500
MAX_ID = 2**31 - 1


def can_correct(user):
    return user is not None and user.is_authenticated and user.has_perm(PERMISSION)


def correction_url(comment_id):
    return reverse("discussion_moderator_edit", args=[comment_id])


def fingerprint(text):
    return hashlib.sha256(text.encode()).hexdigest()[:32]


class CorrectionForm(forms.Form):
    comment = forms.CharField(
        label=_("Ny text"),
        widget=forms.Textarea(attrs={"rows": 8}),
        strip=False,
        error_messages={"required": _("Skriv kommentarens nya text.")},
    )
    reason = forms.CharField(
        label=_("Skäl till ändringen"),
        max_length=MAX_REASON_LENGTH,
        help_text=_("Till exempel ”Tog bort ett telefonnummer”. Sparas i kommentarens historik."),
        error_messages={
            "required": _("Skriv varför du ändrar kommentaren."),
            "max_length": _("Skälet får vara högst %(limit_value)d tecken."),
        },
    )
    seen = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, original, **kwargs):
        self.original = original
        super().__init__(*args, **kwargs)
        self.fields["comment"].help_text = _("Högst %(count)s tecken.") % {"count": MAX_LENGTH}
        self.fields["comment"].widget.attrs["maxlength"] = str(MAX_LENGTH)

    def clean_comment(self):
        text = normalise_text(self.cleaned_data["comment"]).strip()
        if not text:
            raise forms.ValidationError(_("Skriv kommentarens nya text."))
        length = js_length(text)
        if length > MAX_LENGTH:
            raise forms.ValidationError(
                _("Texten är %(length)s tecken. Den får vara högst %(max)s tecken."),
                params={"length": length, "max": MAX_LENGTH},
            )
        if text == self.original:
            raise forms.ValidationError(_("Texten är oförändrad. Ändra den, eller avbryt."))
        return text

    def clean_reason(self):
        reason = " ".join(self.cleaned_data["reason"].split())
        if not reason:
            raise forms.ValidationError(_("Skriv varför du ändrar kommentaren."))
        return reason


def _refused(request):
    return TemplateResponse(request, "discussion/admin/refused.html", {}, status=403)


def _page_of(comment):
    from .views import _find_page

    return _find_page({"content_type": ".".join(comment.content_type.natural_key()), "object_pk": comment.object_pk})


def _editable(comment_id):
    if comment_id > MAX_ID:
        return None
    return (
        Comment.objects.select_related("content_type")
        .exclude(status=CommentStatus.DELETED)
        .filter(pk=comment_id)
        .first()
    )


def safe_admin_next(request, value):
    if (
        value
        and value.startswith(reverse("wagtailadmin_home"))
        and url_has_allowed_host_and_scheme(value, allowed_hosts={request.get_host()})
    ):
        return value
    return ""


@require_http_methods(["GET", "POST"])
def moderator_edit(request, comment_id):
    if not can_correct(request.user):
        return _refused(request)
    comment = _editable(comment_id)
    if comment is None:
        raise Http404(_("Kommentaren finns inte."))
    next_url = safe_admin_next(request, request.POST.get("next") or request.GET.get("next", ""))
    status = 200
    if request.method == "POST":
        form = CorrectionForm(request.POST, original=comment.comment)
        status = 400
        if form.is_valid():
            outcome = _correct(comment.pk, request.user, form.cleaned_data)
            if outcome is True:
                messages.success(request, _("Kommentaren är ändrad. Den gamla texten finns i historiken."))
                return HttpResponseRedirect(next_url or correction_url(comment.pk))
            # Changed meanwhile: nothing stored; the page shows the text as it is now, the form keeps
            # what the moderator wrote, to send again if it still applies.
            comment = outcome
            status = 409
            form = CorrectionForm(
                initial={**form.cleaned_data, "seen": fingerprint(comment.comment)}, original=comment.comment
            )
            form.conflict = True
    else:
        form = CorrectionForm(
            initial={"comment": comment.comment, "seen": fingerprint(comment.comment)}, original=comment.comment
        )
    page = _page_of(comment)
    return TemplateResponse(
        request,
        "discussion/admin/moderator_edit.html",
        {
            "form": form,
            "comment": comment,
            "target_page": page,
            "revisions": comment.revisions.select_related("edited_by"),
            "next": next_url,
            "conflict": getattr(form, "conflict", False),
            "agency_reply_url": agency_reply_url(comment.pk)
            if comment.status == CommentStatus.APPROVED and can_reply_as_agency(request.user)
            else "",
            "agency": agency_name(request),
        },
        status=status,
    )


def _correct(comment_id, user, data):
    """Store the correction and return True, or return the comment as it now is if it changed since
    the moderator saw it."""
    now = timezone.now()
    with transaction.atomic():
        comment = (
            Comment.objects.select_related(None)
            .select_for_update(of=("self",))
            .filter(pk=comment_id)
            .exclude(status=CommentStatus.DELETED)
            .first()
        )
        if comment is None:
            raise Http404(_("Kommentaren finns inte."))
        if fingerprint(comment.comment) != data["seen"]:
            return Comment.objects.select_related("content_type").get(pk=comment.pk)
        revision = CommentRevision.objects.create(
            comment=comment,
            text_before=comment.comment,
            text_after=data["comment"],
            reason=data["reason"],
            edited_by=user,
            edited_at=now,
        )
        Comment.objects.filter(pk=comment.pk).update(comment=data["comment"], moderator_edited_at=now)
        decision_log.record(comment, "discussion.edit", user, reason=data["reason"], revision_id=revision.pk)
    return True
