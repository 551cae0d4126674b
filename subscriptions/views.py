"""The Prenumerera page: feeds to subscribe to, and e-mail alerts with double opt-in.

The form answers the same whether or not the address already subscribes (no one can find out who
does): a new address gets a confirmation link, a known one a link to change its choices. Both mails
go through the outbox after the request. Nothing is sent to a subscriber before the confirmation
link (valid links.CONFIRM_DAYS days) has been opened.
"""

import logging

from django.conf import settings
from django.core import signing
from django.core.cache import caches
from django.core.exceptions import TooManyFieldsSent
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from outbox.mail import queue_email
from website.net import client_ip

from . import links
from .feeds import feed_sections
from .forms import SubscriptionForm
from .models import Subscription

logger = logging.getLogger(__name__)

# Sign-ups per IP address per RATE_WINDOW seconds (Django's cache; shared in production).
RATE_LIMIT = 5
RATE_WINDOW = 10 * 60


def _page(request, form, status=200, message=""):
    return render(
        request,
        "subscriptions/subscribe.html",
        {"page_title": _("Prenumerera"), "feed_sections": feed_sections(request), "form": form, "error": message},
        status=status,
    )


def _rate_limited(request):
    """While the shared cache is down (Redis stopped or frozen) sign-ups are not limited: each still
    needs its confirmation link opened before anything is sent to the address."""
    key = f"subscribe-rate:{client_ip(request)}"
    cache = caches[settings.SHARED_CACHE_ALIAS]
    try:
        cache.add(key, 0, RATE_WINDOW)
        return cache.incr(key) > RATE_LIMIT
    except ValueError:  # evicted between add and incr
        return False
    except Exception:  # noqa: BLE001 - any cache backend's connection error
        logger.warning("Shared cache unreachable: sign-up rate limit not applied", exc_info=True)
        return False


@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request):
    """The alert form (subscriptions/includes/alert_form.html) and the feeds."""
    if request.method != "POST":
        return _page(request, SubscriptionForm())
    try:
        data = request.POST
    except TooManyFieldsSent:
        return _page(
            request, SubscriptionForm(), 400, _("Formuläret innehöll för många val. Välj färre och försök igen.")
        )
    form = SubscriptionForm(data)
    if not form.is_valid():
        return _page(request, form, 400)
    if _rate_limited(request):
        return _page(request, form, 429, _("Du har skickat formuläret många gånger. Vänta en stund och försök igen."))
    email = form.cleaned_data["email"]
    user = request.user if request.user.is_authenticated and request.user.email.lower() == email.lower() else None
    with transaction.atomic():
        subscription = Subscription.objects.select_for_update().filter(email__iexact=email).first()
        if subscription is None:
            subscription, created = Subscription.objects.get_or_create(
                email=email, defaults={**form.choices(), "user": user}
            )
        else:
            created = False
        if created or subscription.confirmed_at is None:
            if not created:
                for name, value in form.choices().items():
                    setattr(subscription, name, value)
                subscription.save()
            queue_email(
                to=email,
                template="subscriptions/email/confirm",
                context={"confirm_url": links.url(subscription, "confirm"), "days": links.CONFIRM_DAYS},
            )
        else:
            queue_email(
                to=email,
                template="subscriptions/email/already",
                context={"manage_url": links.url(subscription, "manage")},
                unsubscribe_url=links.url(subscription, "unsubscribe"),
            )
    return redirect("subscription_sent")


@require_GET
def sent(request):
    return render(request, "subscriptions/sent.html", {"page_title": _("Kolla din e-post")})


def _bad_link(request, expired=False):
    message = (
        _("Länken har gått ut. Den gäller i %(days)s dagar. Anmäl dig igen, så får du en ny.")
        % {"days": links.CONFIRM_DAYS}
        if expired
        else _("Länken fungerar inte. Kontrollera att hela länken kom med, eller anmäl dig igen.")
    )
    return render(
        request,
        "subscriptions/link_error.html",
        {"page_title": _("Länken fungerar inte"), "message": message},
        status=400,
    )


def _subscription(token, purpose):
    """(subscription or None, error response flag): None when the link is good but the subscription is gone."""
    pk, email = links.read(token, purpose)
    return Subscription.objects.filter(pk=pk, email=email).first()


@require_GET
def confirm(request, token):
    try:
        subscription = _subscription(token, "confirm")
    except signing.SignatureExpired:
        return _bad_link(request, expired=True)
    except signing.BadSignature:
        return _bad_link(request)
    if subscription is None:
        return _bad_link(request)
    if subscription.confirmed_at is None:
        now = timezone.now()
        Subscription.objects.filter(pk=subscription.pk, confirmed_at__isnull=True).update(
            confirmed_at=now, sent_until=now
        )
    return render(
        request,
        "subscriptions/confirmed.html",
        {"page_title": _("Prenumerationen är klar"), "manage_url": links.url(subscription, "manage")},
    )


@require_http_methods(["GET", "HEAD", "POST"])
def manage(request, token):
    try:
        subscription = _subscription(token, "manage")
    except signing.BadSignature:
        return _bad_link(request)
    if subscription is None:
        return render(request, "subscriptions/unsubscribed.html", {"page_title": _("Du prenumererar inte")})
    initial = {name: getattr(subscription, name) for name in ("content_types", "topics", "counties", "frequency")}
    form = SubscriptionForm(request.POST if request.method == "POST" else None, initial=initial, with_email=False)
    saved = False
    status = 200
    if request.method == "POST":
        if form.is_valid():
            Subscription.objects.filter(pk=subscription.pk).update(**form.choices())
            saved = True
        else:
            status = 400
    return render(
        request,
        "subscriptions/manage.html",
        {
            "page_title": _("Ändra din prenumeration"),
            "form": form,
            "saved": saved,
            "subscription": subscription,
            "unsubscribe_url": links.url(subscription, "unsubscribe"),
        },
        status=status,
    )


@csrf_exempt  # RFC 8058: mail clients POST here without a page; the signed token is the authority.
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    """GET shows a button (link scanners must not unsubscribe anyone); POST unsubscribes, once or again."""
    try:
        pk, email = links.read(token, "unsubscribe")
    except signing.BadSignature:
        return _bad_link(request)
    if request.method == "POST":
        Subscription.objects.filter(pk=pk, email=email).delete()
        return render(request, "subscriptions/unsubscribed.html", {"page_title": _("Du prenumererar inte längre")})
    return render(request, "subscriptions/unsubscribe.html", {"page_title": _("Avsluta prenumerationen")})


@require_GET
def rss_stylesheet(request):
    """The XSL stylesheet that RSS feeds name: a browser shows a feed as a Swedish page about feeds."""
    xsl = render_to_string("subscriptions/rss.xsl", request=request).lstrip()
    return HttpResponse(xsl, content_type="text/xsl; charset=utf-8")
