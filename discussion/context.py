"""Context and history for the moderator: what a comment answers, its thread, who wrote it, what
became of their other comments, and the moderators' notes on them.

A commenter is an account (`Comment.user`), or, for a comment written without logging in, the
e-mail address given with it (compared case-insensitively); an anonymous comment is never counted
as an account's, since the address was not verified. `annotate_rows` gives the queue's rows a short
context in a fixed number of queries; `comment_context` is the detail view
(`/admin/kommentarer/<id>/sammanhang/`), where a moderator also decides and adds notes
(`CommenterNote`, logged as `discussion.note`).
"""

from django import forms
from django.contrib import messages
from django.db.models import Count, Q
from django.db.models.functions import Lower
from django.http import Http404, HttpResponseRedirect
from django.middleware.csrf import get_token
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods
from wagtail.log_actions import log
from wagtail.models import Page

from .models import Comment, CommenterNote, CommentStatus

PERMISSION = "discussion.moderate_comment"
MAX_ID = 2**31 - 1
NOTE_MAX_LENGTH = 2000
# The detail view lists at most this many of the commenter's other comments (the counts cover all).
HISTORY_LIMIT = 50
# A thread longer than this is cut on the detail view (the counts are not affected).
THREAD_LIMIT = 500
EXCERPT_CHARS = 120

# The counts a moderator sees, in this order.
COUNTED = (
    (CommentStatus.APPROVED, lambda n: ngettext("%(count)s godkänd", "%(count)s godkända", n)),
    (CommentStatus.REJECTED, lambda n: ngettext("%(count)s avvisad", "%(count)s avvisade", n)),
    (CommentStatus.REMOVED, lambda n: ngettext("%(count)s borttagen", "%(count)s borttagna", n)),
    (CommentStatus.PENDING, lambda n: ngettext("%(count)s väntande", "%(count)s väntande", n)),
)


def context_url(comment_id):
    return reverse("discussion_comment_context", args=[comment_id])


def commenter_key(comment):
    """("user", id) for an account, ("email", address) for an anonymous commenter, or None (erased)."""
    if comment.user_id:
        return ("user", comment.user_id)
    email = (comment.user_email or "").strip().lower()
    return ("email", email) if email else None


def key_text(key):
    return f"{key[0]}:{key[1]}" if key else ""


def commenter_comments(key):
    if key is None:
        return Comment.objects.none()
    if key[0] == "user":
        return Comment.objects.filter(user_id=key[1])
    return Comment.objects.filter(user__isnull=True, user_email__iexact=key[1])


def commenter_notes(key):
    if key is None:
        return CommenterNote.objects.none()
    if key[0] == "user":
        return CommenterNote.objects.filter(user_id=key[1])
    return CommenterNote.objects.filter(user__isnull=True, email=key[1])


def counts_text(counts):
    """Swedish: "3 godkända, 1 avvisad"; statuses with no comments are left out."""
    parts = [label(counts[status]) % {"count": counts[status]} for status, label in COUNTED if counts.get(status)]
    return ", ".join(parts)


def _without(counts, comment):
    """The counts of a commenter's other comments: the ones given minus this comment itself."""
    counts = dict(counts)
    if counts.get(comment.status):
        counts[comment.status] -= 1
    return counts


def annotate_rows(rows, back=None):
    """Give each listed comment `parent_comment` (for a reply), `other_counts` and `other_counts_text`
    (the commenter's other comments by status). Two queries for any number of rows."""
    rows = list(rows)
    parent_ids = {c.parent_id for c in rows if c.parent_id and c.parent_id != c.pk}
    parents = {p.pk: p for p in Comment.objects.select_related(None).filter(pk__in=parent_ids)} if parent_ids else {}
    keys = {c.pk: commenter_key(c) for c in rows}
    user_ids = {k[1] for k in keys.values() if k and k[0] == "user"}
    emails = {k[1] for k in keys.values() if k and k[0] == "email"}
    totals = {}
    if user_ids or emails:
        found = (
            Comment.objects.annotate(email_lower=Lower("user_email"))
            .filter(Q(user_id__in=user_ids) | Q(user__isnull=True, email_lower__in=emails))
            .values("user_id", "email_lower", "status")
            .annotate(n=Count("pk"))
            .order_by()
        )
        for row in found:
            key = ("user", row["user_id"]) if row["user_id"] else ("email", row["email_lower"])
            totals.setdefault(key, {})[row["status"]] = row["n"]
    for comment in rows:
        comment.parent_comment = parents.get(comment.parent_id) if comment.parent_id != comment.pk else None
        key = keys[comment.pk]
        comment.other_counts = _without(totals.get(key, {}), comment) if key else {}
        comment.other_counts_text = counts_text(comment.other_counts)
        comment.context_url = context_url(comment.pk) + (f"?{urlencode({'next': back})}" if back else "")
    return rows


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Ny anteckning om kommentatorn"),
        max_length=NOTE_MAX_LENGTH,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": str(NOTE_MAX_LENGTH)}),
        help_text=_("Syns bara för moderatorerna. Ingår i kommentatorns utdrag av sina uppgifter."),
        error_messages={
            "required": _("Skriv en anteckning innan du sparar."),
            "max_length": _("Anteckningen får vara högst %(limit_value)d tecken."),
        },
    )
    comment = forms.CharField(widget=forms.HiddenInput, required=False)
    commenter = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, comment, **kwargs):
        super().__init__(*args, **kwargs)
        self.target = comment
        self.fields["comment"].initial = str(comment.pk)
        self.fields["commenter"].initial = key_text(commenter_key(comment))

    def clean_text(self):
        text = self.cleaned_data["text"]
        if not text.strip():
            raise forms.ValidationError(_("Skriv en anteckning innan du sparar."))
        return text

    def clean(self):
        data = super().clean()
        key = commenter_key(self.target)
        if data.get("comment") != str(self.target.pk):
            raise forms.ValidationError(
                _("Anteckningen hör inte till den här kommentaren. Ladda om sidan och försök igen.")
            )
        if key is None:
            raise forms.ValidationError(
                _("Kommentaren har ingen kommentator längre (uppgifterna är raderade). Ingen anteckning sparades.")
            )
        if data.get("commenter") != key_text(key):
            raise forms.ValidationError(
                _("Anteckningen gäller en annan kommentator än den som skrev kommentaren. Ingen anteckning sparades.")
            )
        return data


def _refused(request):
    return TemplateResponse(request, "discussion/admin/refused.html", {}, status=403)


def _back_url(request):
    """The queue listing the moderator came from (`?next=`), if it is on this site."""
    url = request.GET.get("next") or request.POST.get("next") or ""
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}) and url.startswith("/"):
        return url
    return reverse("discussion_comments:index")


def _decision_urls(request, comment, here):
    from .queue import decision_url

    seen = f"{comment.pk}:{comment.moderation_state()}"
    return {
        "csrf_token": get_token(request),
        "seen": seen,
        "approve_url": decision_url("approve", comment, next=here),
        "reject_url": decision_url("reject", comment, next=here, seen=seen),
        "remove_url": decision_url("remove", comment, next=here, seen=seen),
    }


def _page(comment, user):
    page = Page.objects.filter(pk=int(comment.object_pk)).first() if comment.object_pk.isdigit() else None
    if page is None:
        return None, False
    return page, page.permissions_for_user(user).can_edit()


@require_http_methods(["GET", "HEAD", "POST"])
def comment_context(request, comment_id):
    """The comment's context and history, the decisions, and the notes form (POST adds a note)."""
    if not request.user.has_perm(PERMISSION):
        return _refused(request)
    comment = (
        Comment.objects.select_related("user", "moderated_by").filter(pk=comment_id).first()
        if comment_id <= MAX_ID
        else None
    )
    if comment is None:
        raise Http404(_("Kommentaren finns inte."))
    back = _back_url(request)
    here = f"{context_url(comment.pk)}?{urlencode({'next': back})}"
    if request.method == "POST":
        form = NoteForm(request.POST, comment=comment)
        if form.is_valid():
            key = commenter_key(comment)
            note = CommenterNote.objects.create(
                user_id=key[1] if key[0] == "user" else None,
                email=key[1] if key[0] == "email" else "",
                text=form.cleaned_data["text"],
                comment=comment,
                author=request.user,
            )
            log(instance=note, action="discussion.note", user=request.user, data={"comment": comment.pk})
            messages.success(request, _("Anteckningen sparades."))
            return HttpResponseRedirect(f"{here}#anteckningar")
        status = 400
    else:
        form = NoteForm(comment=comment)
        status = 200
    return TemplateResponse(
        request, "discussion/admin/comment_context.html", _context(request, comment, form, here, back), status=status
    )


def _context(request, comment, form, here, back):
    key = commenter_key(comment)
    thread = list(
        Comment.objects.select_related(None).filter(thread_id=comment.thread_id).order_by("order", "pk")[:THREAD_LIMIT]
    )
    parent = None
    if comment.parent_id and comment.parent_id != comment.pk:
        parent = next((c for c in thread if c.pk == comment.parent_id), None) or (
            Comment.objects.select_related(None).filter(pk=comment.parent_id).first()
        )
    others = commenter_comments(key).exclude(pk=comment.pk)
    counts = {row["status"]: row["n"] for row in others.values("status").annotate(n=Count("pk")).order_by()}
    history = list(others.select_related("moderated_by").order_by("-submit_date", "-pk")[:HISTORY_LIMIT])
    page_ids = {int(c.object_pk) for c in history if c.object_pk.isdigit()}
    titles = dict(Page.objects.filter(pk__in=page_ids).values_list("pk", "title")) if page_ids else {}
    for other in history:
        other.page_title = titles.get(int(other.object_pk)) if other.object_pk.isdigit() else None
        other.context_url = context_url(other.pk)
    page, can_edit_page = _page(comment, request.user)
    return {
        "comment": comment,
        "page": page,
        "page_edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk]) if page and can_edit_page else "",
        "parent": parent,
        "thread": thread,
        "thread_cut": len(thread) >= THREAD_LIMIT,
        "commenter_key": key,
        "counts": counts,
        "counts_text": counts_text(counts),
        "other_total": sum(counts.values()),
        "history": history,
        "history_cut": sum(counts.values()) > len(history),
        "notes": list(commenter_notes(key).select_related("author")),
        "form": form,
        "back_url": back,
        "here": here,
        **_decision_urls(request, comment, here),
    }
