"""The comment post view.

Pages with a comment form may be served from a shared cache, so their HTML carries nothing per
reader. The form's anti-forgery data is contrib-comments' security hash over (page, timestamp),
the same for every reader and valid for two days. Anonymous posts are therefore exempt from
Django's CSRF token (a forged anonymous post can do no more than a bot filling in the form,
which the hash, honeypot, rate limit and moderation already handle). A logged-in reader's post
must carry a CSRF token: their pages are not served from the shared cache (the session cookie
bypasses it), so the form includes the token, and this view checks it.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import transaction
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from wagtail.models import Page

from caching import tags
from website.net import client_ip

from .forms import CommentForm
from .models import Comment, CommentableMixin, CommentSettings, CommentStatus, ModerationPolicy
from .notifications import notify_moderators
from .section import thread_tags
from .window import comment_window

RATE_LIMIT_SECONDS = 15
# Larger ids cannot exist, and some databases fail rather than find nothing.
MAX_ID = 2**31 - 1


def _error(request, status, message, page=None):
    return render(
        request,
        "discussion/comment_error.html",
        {"message": message, "target_page": page, "page_title": message},
        status=status,
    )


def _find_page(data):
    """The live commentable page the form names, or None for anything forged or stale."""
    content_type_label = str(data.get("content_type", ""))[:100]
    object_pk = str(data.get("object_pk", ""))[:20]
    if "\x00" in content_type_label + object_pk or not object_pk.isdigit() or int(object_pk) > MAX_ID:
        return None
    try:
        app_label, model = content_type_label.split(".", 1)
        content_type = ContentType.objects.get_by_natural_key(app_label, model)
    except (ValueError, ObjectDoesNotExist):
        return None
    model_class = content_type.model_class()
    if model_class is None or not issubclass(model_class, Page) or not issubclass(model_class, CommentableMixin):
        return None
    page = model_class.objects.live().public().filter(pk=int(object_pk)).first()
    return page


def _csrf_failure(request):
    """Django's CSRF check, run only for logged-in readers (see the module docstring)."""
    middleware = CsrfViewMiddleware(lambda req: None)
    return middleware.process_view(request, None, (), {})


def _rate_limited(request):
    keys = [f"discussion:rate:ip:{client_ip(request)}"]
    if request.user.is_authenticated:
        keys.append(f"discussion:rate:user:{request.user.pk}")
    limited = False
    for key in keys:
        if not cache.add(key, 1, RATE_LIMIT_SECONDS):
            limited = True
    return limited


@csrf_exempt
def post_comment(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if request.user.is_authenticated and _csrf_failure(request) is not None:
        return _error(request, 403, _("Formuläret kunde inte kontrolleras. Ladda om sidan och försök igen."))

    page = _find_page(request.POST)
    if page is None:
        return _error(request, 400, _("Sidan du försökte kommentera finns inte."))
    comment_settings = CommentSettings.for_request(request)
    window = comment_window(page, request.user, comment_settings)
    if not window.is_open:
        return _error(request, 403, window.reason, page)

    form = CommentForm(page, data=request.POST, window=window, comment_settings=comment_settings, user=request.user)
    try:
        valid = form.is_valid()
    except (ValueError, ValidationError):
        valid = False
    if not valid:
        if form.security_failed():
            return _error(request, 400, _("Formuläret kunde inte kontrolleras. Ladda om sidan och försök igen."), page)
        return render(
            request,
            "discussion/comment_form_page.html",
            {"form": form, "target_page": page, "window": window, "page_title": _("Kommentaren skickades inte")},
            status=400,
        )

    data = form.cleaned_data
    content_type = ContentType.objects.get_for_model(page)
    user = request.user if request.user.is_authenticated else None
    email = user.email if user else data["email"]
    parent = data.get("reply_to")

    # A double click or a resent form: the comment is already stored once.
    duplicate = _is_duplicate(content_type, page, data["comment"], email, parent)
    if duplicate:
        return _redirect_to_page(page, "tack")

    if _rate_limited(request):
        return _error(request, 429, _("Du skickar kommentarer för tätt. Vänta en stund och försök igen."), page)

    status = CommentStatus.PENDING
    if (
        comment_settings.moderation_policy == ModerationPolicy.TRUST_KNOWN
        and not form.needs_moderation(data["comment"])
        and Comment.objects.filter(user_email__iexact=email, status=CommentStatus.APPROVED).exists()
    ):
        status = CommentStatus.APPROVED

    with transaction.atomic():
        comment = Comment(
            content_type=content_type,
            object_pk=str(page.pk),
            site_id=settings.SITE_ID,
            user=user,
            user_name=data["name"],
            user_email=email,
            comment=data["comment"],
            submit_date=timezone.now(),
            ip_address=client_ip(request),
            is_public=status == CommentStatus.APPROVED,
            status=status,
            notify_on_approval=data.get("notify", False) and status != CommentStatus.APPROVED,
            parent_id=parent.pk if parent else 0,
        )
        comment.save()
        if status == CommentStatus.PENDING:
            notify_moderators(comment, comment_settings)
    return _redirect_to_page(page, "publicerad" if status == CommentStatus.APPROVED else "tack")


def _is_duplicate(content_type, page, text, email, parent):
    same = Comment.objects.filter(content_type=content_type, object_pk=str(page.pk), comment=text, user_email=email)
    if parent is not None:
        same = same.filter(parent_id=parent.pk)
    return same.exclude(status=CommentStatus.REMOVED).exists()


def _redirect_to_page(page, flag):
    return HttpResponseRedirect(f"{page.url}?{urlencode({'kommentar': flag})}#kommentarer", status=303)


def reply_form(request, comment_id):
    """A page with the comment being answered and the form; only for approved comments that take replies."""
    parent = None
    if comment_id <= MAX_ID:
        # The page shows this comment: it carries the comment's thread tag (caching.tags).
        with tags.scope():
            parent = Comment.objects.filter(pk=comment_id, status=CommentStatus.APPROVED).first()
    if parent is not None:
        tags.add(*thread_tags(parent.content_type_id, parent.object_pk))
    page = None
    if parent is not None:
        page = _find_page({"content_type": ".".join(parent.content_type.natural_key()), "object_pk": parent.object_pk})
    if page is None:
        return _error(request, 404, _("Kommentaren finns inte."))
    comment_settings = CommentSettings.for_request(request)
    window = comment_window(page, request.user, comment_settings)
    if not window.is_open:
        return _error(request, 403, window.reason, page)
    if parent.level >= comment_settings.reply_depth:
        return _error(request, 404, _("Det går inte att svara på den här kommentaren."), page)
    form = CommentForm(
        page, window=window, comment_settings=comment_settings, user=request.user, initial={"reply_to": parent.pk}
    )
    return render(
        request,
        "discussion/comment_form_page.html",
        {"form": form, "target_page": page, "window": window, "parent": parent, "page_title": _("Svara")},
    )
