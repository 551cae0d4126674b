"""The comment post view.

Pages with a comment form may be served from a shared cache, so their HTML carries nothing per
reader. The form's anti-forgery data is contrib-comments' security hash over (page, timestamp),
the same for every reader and valid for two days. Anonymous posts are therefore exempt from
Django's CSRF token (a forged anonymous post can do no more than a bot filling in the form,
which the hash, honeypot, rate limit and moderation already handle). A logged-in reader's post
must carry a CSRF token: their pages are not served from the shared cache (the session cookie
bypasses it), so the form includes the token, and this view checks it.
"""

import datetime
import logging

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import render
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django_comments_xtd.models import XtdComment
from wagtail.models import Page

from caching import tags
from website.net import client_ip

from .forms import CommentForm, normalise_text
from .holds import hold_reasons
from .models import Comment, CommentableMixin, CommentSettings, CommentStatus, ModerationPolicy
from .notifications import notify_moderators, notify_reply
from .restrictions import REFUSED_MESSAGE, refuses_posts
from .section import Rejection, attach_rejection, thread_tags
from .window import comment_window

logger = logging.getLogger(__name__)

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


def _answer_on_page(request, page, status, *, message="", form=None, text=""):
    """The article page itself, its comment form refilled and the reason at the top of the form."""
    attach_rejection(request, Rejection(message=str(message), form=form, text=text))
    response = page.serve(request)
    response.status_code = status
    response["Cache-Control"] = "private, no-store"
    return response


def _refilled_form(page, request, window, comment_settings):
    """A new form (fresh security hash) with what the reader wrote, for when the posted one can't be reused."""
    fields = ("name", "email", "comment", "notify", "reply_to")
    initial = {name: request.POST.get(name, "")[:5000] for name in fields if name in request.POST}
    if "comment" in initial:
        initial["comment"] = normalise_text(initial["comment"])
    return CommentForm(page, window=window, comment_settings=comment_settings, user=request.user, initial=initial)


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


def _rate_limited(request, submission):
    """One post per RATE_LIMIT_SECONDS per IP address and per account, counted in the shared cache.
    Each slot remembers the submission that took it, so a resend of that same form (a double click)
    is never limited.

    While the shared cache is down (Redis stopped or frozen), the same rule is counted from the
    comments stored in the database instead: a post is refused when one from the same address or
    account was stored in the last RATE_LIMIT_SECONDS, and accepted (and moderated as usual) otherwise.
    """
    keys = [f"discussion:rate:ip:{client_ip(request)}"]
    if request.user.is_authenticated:
        keys.append(f"discussion:rate:user:{request.user.pk}")
    limited = False
    try:
        cache = caches[settings.SHARED_CACHE_ALIAS]
        for key in keys:
            if not cache.add(key, submission, RATE_LIMIT_SECONDS) and cache.get(key) != submission:
                limited = True
    except Exception:  # noqa: BLE001 - any cache backend's connection error
        logger.warning("Shared cache unreachable: comment rate limit counted from the database", exc_info=True)
        return _posted_recently(request)
    return limited


def _posted_recently(request):
    recent = Q()
    ip = client_ip(request)
    if ip:
        recent |= Q(ip_address=ip)
    if request.user.is_authenticated:
        recent |= Q(user=request.user)
    if not recent:
        return False
    since = timezone.now() - datetime.timedelta(seconds=RATE_LIMIT_SECONDS)
    return Comment.objects.filter(recent, submit_date__gte=since).exists()


@csrf_exempt
def post_comment(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    page = _find_page(request.POST)
    if page is None:
        return _error(request, 400, _("Sidan du försökte kommentera finns inte."))
    comment_settings = CommentSettings.for_request(request)
    window = comment_window(page, request.user, comment_settings)
    text = normalise_text(str(request.POST.get("comment", ""))[:5000])
    if not window.is_open:
        return _answer_on_page(request, page, 403, message=window.reason, text=text)
    if request.user.is_authenticated and _csrf_failure(request) is not None:
        return _answer_on_page(
            request,
            page,
            403,
            message=_("Formuläret kunde inte kontrolleras. Skicka kommentaren igen."),
            form=_refilled_form(page, request, window, comment_settings),
        )

    form = CommentForm(page, data=request.POST, window=window, comment_settings=comment_settings, user=request.user)
    try:
        valid = form.is_valid()
    except (ValueError, ValidationError):
        valid = False
    if not valid:
        if form.security_failed():
            return _answer_on_page(
                request,
                page,
                400,
                message=_("Formuläret kunde inte kontrolleras. Skicka kommentaren igen."),
                form=_refilled_form(page, request, window, comment_settings),
            )
        if "reply_to" in form.errors:
            # The comment answered was removed meanwhile: sent again, the text becomes a new comment.
            form.data = form.data.copy()
            form.data["reply_to"] = ""
            return _answer_on_page(
                request,
                page,
                400,
                message=_("Skickar du kommentaren igen publiceras den som en ny kommentar, inte som ett svar."),
                form=form,
            )
        return _answer_on_page(request, page, 400, form=form)

    data = form.cleaned_data
    content_type = ContentType.objects.get_for_model(page)
    user = request.user if request.user.is_authenticated else None
    email = user.email if user else data["email"]
    parent = data.get("reply_to")
    if refuses_posts(user, email):
        # A banned or suspended commenter: nothing is stored, and the answer does not say why.
        return _answer_on_page(request, page, 403, message=REFUSED_MESSAGE, text=text)
    key = submission_key(data, page, user, email, parent)

    # A double click or a resent form: the comment is already stored once.
    stored = Comment.objects.select_related(None).filter(submission_key=key).only("status").first()
    if stored is not None or _is_duplicate(content_type, page, data["comment"], email, parent):
        return _received(page, user, stored)

    if _rate_limited(request, key):
        return _answer_on_page(
            request,
            page,
            429,
            message=_("Du skickar kommentarer för tätt. Vänta en stund och skicka sedan igen."),
            form=_refilled_form(page, request, window, comment_settings),
        )

    held_because = hold_reasons(comment_settings, data["comment"], user=user, email=email)
    status = CommentStatus.PENDING
    if comment_settings.moderation_policy == ModerationPolicy.TRUST_KNOWN and not held_because and is_trusted(user):
        status = CommentStatus.APPROVED

    try:
        with transaction.atomic():
            if parent is not None:
                lock_thread(parent.thread_id)
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
                submission_key=key,
                held_because="\n".join(held_because),
            )
            comment.save()
            if status == CommentStatus.PENDING:
                notify_moderators(comment, comment_settings)
            else:
                notify_reply(comment, page)
    except IntegrityError:
        # The same form, sent twice at once: the other request stored it.
        stored = Comment.objects.select_related(None).filter(submission_key=key).only("status").first()
        if stored is None:
            raise
        return _received(page, user, stored)
    return _received(page, user, comment)


def submission_key(data, page, user, email, parent):
    """The same for every resend of one filled-in form: the form's timestamp (set when the page was
    rendered), the page, the comment replied to, who sends it and what they wrote. A cached page
    carries the same timestamp for every reader, so the sender and the text are part of the key."""
    identity = f"user:{user.pk}" if user else f"email:{email.strip().lower()}"
    value = "\x1f".join(
        [str(data["timestamp"]), str(page.pk), str(parent.pk if parent else 0), identity, data["comment"]]
    )
    return salted_hmac("discussion.submission", value, algorithm="sha256").hexdigest()


def lock_thread(thread_id):
    """Hold the thread's first comment until commit: xtd numbers a reply by reading and shifting the
    `order` of the thread's rows, which two replies at once would number alike (or deadlock over)."""
    list(XtdComment.norel_objects.select_for_update().filter(pk=thread_id).values_list("pk", flat=True))


def is_trusted(user):
    """Trust known commenters: a logged-in account with a verified address (how many of its comments
    were approved is a hold rule, discussion.holds). An anonymous post is never trusted, whatever
    address it types."""
    if user is None:
        return False
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()


def _received(page, user, comment):
    """The answer to a stored post. Anonymous readers always get the same one ("thanks, it will be
    read"), so the answer tells nothing about the address they typed."""
    published = user is not None and comment is not None and comment.status == CommentStatus.APPROVED
    return _redirect_to_page(page, "publicerad" if published else "tack")


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
