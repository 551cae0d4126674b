"""The daily digest: each page owner gets one e-mail with the answers their pages received since the last one.

Answers to pages without an owner with an address go to the site's contact address (SiteSettings).
Answers older than KEEP_DAYS are deleted, as the form and the privacy page promise.
"""

import datetime
from urllib.parse import urljoin

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from outbox.mail import queue_email
from website.models import SiteSettings

from .models import PageFeedback

KEEP_DAYS = 365


def _fallback_address():
    site = Site.objects.filter(is_default_site=True).first()
    return SiteSettings.for_site(site).contact_email if site else ""


@transaction.atomic
def send_feedback_digests():
    """Queue one digest per recipient. Returns (answers sent, messages queued)."""
    now = timezone.now()
    PageFeedback.objects.filter(created_at__lt=now - datetime.timedelta(days=KEEP_DAYS)).delete()
    answers = list(
        PageFeedback.objects.select_for_update(of=("self",))
        .filter(digested_at__isnull=True)
        .select_related("page", "owner")
        .order_by("page__path", "created_at", "pk")
    )
    if not answers:
        return 0, 0
    fallback = _fallback_address()
    by_recipient = {}
    for answer in answers:
        address = (answer.owner.email if answer.owner and answer.owner.email else fallback).strip().lower()
        if not address:
            continue  # nobody to tell: kept for the admin report, tried again tomorrow
        pages = by_recipient.setdefault(address, {})
        pages.setdefault(answer.page_id, {"page": answer.page, "yes": 0, "no": 0, "texts": []})
        entry = pages[answer.page_id]
        entry["yes" if answer.helpful else "no"] += 1
        if answer.text:
            entry["texts"].append(answer.text)
        answer.digested_at = now
    report_url = urljoin(settings.WAGTAILADMIN_BASE_URL, reverse("feedback_report"))
    today = timezone.localdate(now)
    queued = 0
    for address, pages in sorted(by_recipient.items()):
        message = queue_email(
            to=address,
            template="feedback/email/digest",
            context={"pages": list(pages.values()), "report_url": report_url},
            dedupe_key=f"feedback-digest:{address}:{today.isoformat()}",
        )
        queued += message is not None
    sent = [answer for answer in answers if answer.digested_at is not None]
    PageFeedback.objects.bulk_update(sent, ["digested_at"])
    return len(sent), queued
