"""Mitt konto: the reader's own comments, profile, data download and account deletion."""

import json

from allauth.account.models import EmailAddress
from allauth.account.views import SignupView as AllauthSignupView
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from discussion import own
from discussion.models import Comment, CommentSettings
from discussion.own import comments_of, describe
from subscriptions import links as subscription_links
from subscriptions import personal_data as subscription_data

from . import notifications
from .forms import DeleteAccountForm, DisplayNameForm, NotificationChoicesForm
from .models import NotificationChoices, NotificationKind
from .personal_data import erase_user, export_user

COMMENTS_PER_PAGE = 20


@login_required
def home(request):
    paginator = Paginator(comments_of(request.user), COMMENTS_PER_PAGE)
    comments = paginator.get_page(request.GET.get("sida"))
    return render(
        request,
        "accounts/home.html",
        {"comments": comments, "rows": describe(comments.object_list), "page_title": _("Mitt konto")},
    )


def _own_comment(request, comment_id):
    comment = Comment.objects.filter(pk=comment_id, user=request.user).first() if comment_id < 2**31 else None
    if comment is None:
        raise Http404
    return comment


@login_required
@require_http_methods(["GET", "POST"])
def edit_comment(request, comment_id):
    comment = _own_comment(request, comment_id)
    comment_settings = CommentSettings.for_request(request)
    refusal = own.edit_refusal(comment)
    form = own.EditCommentForm(
        request.POST if request.method == "POST" else None,
        initial={"comment": comment.comment},
        comment_settings=comment_settings,
    )
    status = 200
    if request.method == "POST" and not refusal:
        if form.is_valid():
            refusal = own.edit(comment.pk, request.user, form.cleaned_data["comment"], comment_settings)
            if not refusal:
                messages.success(request, _("Kommentaren är ändrad. Den granskas innan den visas igen."))
                return redirect("account_home")
        status = 400
    if refusal:
        status = 403 if request.method == "POST" else 200
    context = {"comment": comment, "form": form, "refusal": refusal, "page_title": _("Redigera kommentaren")}
    return render(request, "accounts/edit_comment.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def delete_comment(request, comment_id):
    comment = _own_comment(request, comment_id)
    if request.method == "POST":
        if own.delete(comment.pk, request.user):
            messages.success(request, _("Kommentaren är borttagen."))
        return redirect("account_home")
    has_replies = own.has_approved_reply(comment)
    context = {"comment": comment, "has_replies": has_replies, "page_title": _("Ta bort kommentaren")}
    return render(request, "accounts/delete_comment.html", context)


def _render_profile(request, form=None, notification_form=None, status=200):
    form = form or DisplayNameForm(user=request.user, initial={"display_name": request.user.get_full_name()})
    notification_form = notification_form or NotificationChoicesForm(
        instance=NotificationChoices.for_user(request.user)
    )
    context = {"form": form, "notification_form": notification_form, "page_title": _("Namn och e-post")}
    return render(request, "accounts/profile.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    if request.method == "POST":
        form = DisplayNameForm(request.POST, user=request.user)
        if form.is_valid():
            form.save()
            messages.success(request, _("Namnet är ändrat."))
            return redirect("account_profile")
        return _render_profile(request, form=form, status=400)
    return _render_profile(request)


@login_required
@require_POST
def notification_choices(request):
    """The comment mail the reader wants; the form is on the profile page."""
    form = NotificationChoicesForm(request.POST, instance=NotificationChoices.for_user(request.user))
    if not form.is_valid():
        return _render_profile(request, notification_form=form, status=400)
    form.save()
    messages.success(request, _("Dina val för e-post om kommentarer är sparade."))
    return redirect(reverse("account_profile") + "#e-post-om-kommentarer")


UNSUBSCRIBED = {
    NotificationKind.PUBLISHED: _("Du får inte längre e-post när dina kommentarer publiceras."),
    NotificationKind.REFUSED: _("Du får inte längre e-post när dina kommentarer inte publiceras."),
    NotificationKind.REPLY: _("Du får inte längre e-post när någon svarar på dina kommentarer."),
}
ASK = {
    NotificationKind.PUBLISHED: _("Vill du sluta få e-post när dina kommentarer publiceras?"),
    NotificationKind.REFUSED: _("Vill du sluta få e-post när dina kommentarer inte publiceras?"),
    NotificationKind.REPLY: _("Vill du sluta få e-post när någon svarar på dina kommentarer?"),
}


@never_cache
@csrf_exempt  # RFC 8058: mail clients POST `List-Unsubscribe=One-Click` here; the signed token is the authority.
@require_http_methods(["GET", "HEAD", "POST"])
def notification_unsubscribe(request, token):
    """GET asks (link scanners must not unsubscribe anyone); POST turns that kind of mail off, once or again."""
    try:
        kind, who, _value = notifications.read(token)
    except signing.BadSignature:
        return render(
            request,
            "accounts/notification_link_error.html",
            {
                "page_title": _("Länken fungerar inte"),
                "message": _(
                    "Länken fungerar inte. Kontrollera att hela länken från e-postmeddelandet kom med. "
                    "Ingenting har ändrats."
                ),
            },
            status=400,
        )
    context = {"kind": kind, "has_account": who == "u"}
    if request.method == "POST":
        notifications.turn_off(token)
        context.update(page_title=_("E-posten är avstängd"), message=UNSUBSCRIBED[kind])
        return render(request, "accounts/notification_unsubscribed.html", context)
    context.update(page_title=_("Stäng av e-post om kommentarer"), question=ASK[kind])
    return render(request, "accounts/notification_unsubscribe.html", context)


@login_required
def my_data(request):
    if "ladda-ner" in request.GET:
        body = json.dumps(export_user(request.user), ensure_ascii=False, indent=2)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="mina-uppgifter.json"'
        response["Cache-Control"] = "private, no-store"
        return response
    return render(request, "accounts/my_data.html", {"page_title": _("Mina uppgifter")})


def _own_subscriptions(user):
    verified = EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    return subscription_data.shown_to(user, list(verified))


@login_required
@require_http_methods(["GET", "POST"])
def subscriptions(request):
    """The reader's e-mail alerts: what each sends, a link to change it, and a button to end it."""
    own = _own_subscriptions(request.user)
    if request.method == "POST":
        raw_id = request.POST.get("prenumeration", "")
        subscription = own.filter(pk=int(raw_id)).first() if raw_id.isdigit() and len(raw_id) < 10 else None
        if subscription is None:
            return render(
                request,
                "accounts/subscriptions.html",
                {
                    "rows": [],
                    "page_title": _("Prenumerationer"),
                    "error": _("Prenumerationen finns inte, eller är inte din. Ingenting har ändrats."),
                },
                status=404,
            )
        subscription.delete()
        messages.success(request, _("Prenumerationen är avslutad. Du får ingen mer e-post om den."))
        return redirect("account_subscriptions")
    rows = []
    for subscription in own:
        row = subscription_data.describe(subscription)
        row["manage_url"] = reverse("subscription_manage", args=[subscription_links.token(subscription, "manage")])
        rows.append(row)
    return render(request, "accounts/subscriptions.html", {"rows": rows, "page_title": _("Prenumerationer")})


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    form = DeleteAccountForm(request.POST if request.method == "POST" else None, user=request.user)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            user = request.user
            logout(request)
            erase_user(user)
            return redirect("account_deleted")
        status = 400
    return render(
        request, "accounts/delete_account.html", {"form": form, "page_title": _("Ta bort kontot")}, status=status
    )


def account_deleted(request):
    return render(request, "accounts/account_deleted.html", {"page_title": _("Kontot är borttaget")})


class SignupView(AllauthSignupView):
    """allauth's sign-up, answering a form with errors with 400 rather than 200."""

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


signup = SignupView.as_view()
