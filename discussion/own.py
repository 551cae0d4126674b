"""A reader's own comments, as "Mitt konto" shows them (status in Swedish, the page each is on), and
what the writer may do with them: edit within 15 minutes while unanswered, delete."""

import datetime

from django import forms
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from .forms import js_length, normalise_text
from .models import Comment, CommentStatus
from .notifications import notify_moderators

# What the reader sees for each status (the moderators' words differ: "Godkänd", "Borttagen").
STATUS_LABELS = {
    CommentStatus.PENDING: _("Väntar på granskning"),
    CommentStatus.APPROVED: _("Publicerad"),
    CommentStatus.REJECTED: _("Avvisad"),
    CommentStatus.REMOVED: _("Borttagen"),
    CommentStatus.DELETED: _("Borttagen av dig"),
}


def comments_of(user):
    """The reader's comments, newest first (a queryset, for paging)."""
    return Comment.objects.select_related(None).filter(user=user).order_by("-submit_date", "-pk")


def describe(comments):
    """Each comment with what the reader needs: status label, the moderator's reason, the page.

    Pages for a whole list cost one query; a page that is gone or unpublished shows without a link.
    """
    comments = list(comments)
    page_ids = {int(c.object_pk) for c in comments if c.object_pk.isdigit()}
    pages = {page.pk: page for page in Page.objects.live().filter(pk__in=page_ids)}
    answered = set(
        Comment.objects.filter(parent_id__in=[c.pk for c in comments], status=CommentStatus.APPROVED)
        .exclude(parent_id=models.F("pk"))
        .values_list("parent_id", flat=True)
    )
    edit_until = timezone.now() - datetime.timedelta(minutes=EDIT_MINUTES)
    rows = []
    for comment in comments:
        page = pages.get(int(comment.object_pk)) if comment.object_pk.isdigit() else None
        reason = ""
        if comment.status in (CommentStatus.REJECTED, CommentStatus.REMOVED) and not comment.rejected_as_spam:
            reason = comment.decision_reason
        rows.append(
            {
                "comment": comment,
                "status": comment.status,
                "status_label": STATUS_LABELS.get(comment.status, comment.get_status_display()),
                "reason": reason,
                "page": page,
                "url": f"{page.url}#kommentar-{comment.pk}"
                if page and comment.status == CommentStatus.APPROVED
                else "",
                "can_edit": comment.status in (CommentStatus.PENDING, CommentStatus.APPROVED)
                and not comment.moderator_edited_at
                and comment.submit_date >= edit_until
                and comment.pk not in answered,
                "can_delete": comment.status != CommentStatus.DELETED,
            }
        )
    return rows


EDIT_MINUTES = 15


def has_approved_reply(comment):
    return Comment.objects.filter(parent_id=comment.pk, status=CommentStatus.APPROVED).exclude(pk=comment.pk).exists()


def edit_refusal(comment, now=None):
    """Why the writer may not edit this comment now (Swedish), or "" when they may."""
    now = now or timezone.now()
    if comment.status not in (CommentStatus.PENDING, CommentStatus.APPROVED):
        return _("Kommentaren går inte att redigera längre.")
    if comment.moderator_edited_at:
        return _("En moderator har ändrat kommentaren, så den går inte att redigera längre.")
    if now > comment.submit_date + datetime.timedelta(minutes=EDIT_MINUTES):
        return _("Du kan bara redigera en kommentar de första %(minutes)s minuterna.") % {"minutes": EDIT_MINUTES}
    if has_approved_reply(comment):
        return _("Kommentaren har fått svar och går inte att redigera längre.")
    return ""


class EditCommentForm(forms.Form):
    """The text of one's own comment, under the same rules as a new comment."""

    comment = forms.CharField(
        label=_("Kommentar"),
        widget=forms.Textarea(attrs={"rows": 6}),
        strip=False,
        error_messages={"required": _("Skriv en kommentar.")},
    )

    def __init__(self, *args, comment_settings, **kwargs):
        self.comment_settings = comment_settings
        super().__init__(*args, **kwargs)
        self.fields["comment"].widget.attrs.update(
            {"maxlength": str(comment_settings.max_length), "data-comment-counter": ""}
        )
        self.fields["comment"].help_text = _("Högst %(count)s tecken.") % {"count": comment_settings.max_length}

    def clean_comment(self):
        text = normalise_text(self.cleaned_data["comment"]).strip()
        if not text:
            raise forms.ValidationError(_("Skriv en kommentar."))
        length = js_length(text)
        if length > self.comment_settings.max_length:
            raise forms.ValidationError(
                _("Kommentaren är %(length)s tecken. Den får vara högst %(max)s tecken."),
                params={"length": length, "max": self.comment_settings.max_length},
            )
        if any(word in text.lower() for word in self.comment_settings.disallowed_word_list()):
            raise forms.ValidationError(_("Kommentaren innehåller ord som inte är tillåtna här."))
        return text


def edit(comment_id, user, text, comment_settings):
    """Store the new text, or return the Swedish reason it can't be. An approved comment goes back
    to moderation and leaves the page until it is approved again."""
    with transaction.atomic():
        comment = Comment.objects.select_for_update().filter(pk=comment_id, user=user).first()
        if comment is None:
            return _("Kommentaren finns inte.")
        refusal = edit_refusal(comment)
        if refusal:
            return refusal
        comment.comment = text
        comment.edited_at = timezone.now()
        comment.status = CommentStatus.PENDING
        comment.is_public = False
        comment.save(update_fields=["comment", "edited_at", "status", "is_public"])
        notify_moderators(comment, comment_settings)
    return ""


def delete(comment_id, user):
    """The writer deletes their comment: the text goes at once; a placeholder keeps the place of a
    comment that has approved replies (section.public_comments). Returns False if there was none."""
    with transaction.atomic():
        comment = Comment.objects.select_for_update().filter(pk=comment_id, user=user).first()
        if comment is None or comment.status == CommentStatus.DELETED:
            return False
        comment.status = CommentStatus.DELETED
        comment.comment = ""
        comment.is_public = False
        comment.is_removed = True
        comment.save(update_fields=["status", "comment", "is_public", "is_removed"])
        # A moderator's corrections hold the old text: it goes with the comment.
        comment.revisions.all().delete()
    return True
