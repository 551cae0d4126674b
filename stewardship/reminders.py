"""Review reminders: one e-mail per recipient listing the pages they should review.

A page is in the reminder when it is due within REMIND_DAYS_BEFORE days and nobody was reminded in
this review period yet, and again once it is overdue: the day after "Granska senast" and then weekly
until someone marks it reviewed. Recipients are the page owner's address and the page's editors
(every active user who saved a revision of it, and its Wagtail owner). Mail goes through the outbox.
"""

import datetime
from urllib.parse import urljoin

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, Revision

from outbox.mail import queue_email

from .inheritance import resolve_all
from .models import PageOwner, PageReview
from .review import REMIND_DAYS_BEFORE, refresh

OVERDUE_REMINDER_EVERY_DAYS = 7


def _needs_reminder(review, today):
    if review.review_by >= today:
        period_start = review.review_by - datetime.timedelta(days=REMIND_DAYS_BEFORE)
        return review.reminded_on is None or review.reminded_on < period_start
    return (
        review.reminded_on is None
        or review.reminded_on < review.review_by
        or review.reminded_on <= today - datetime.timedelta(days=OVERDUE_REMINDER_EVERY_DAYS)
    )


def _editor_addresses(page_ids):
    """{page pk: {address, ...}} of the users who edited each page."""
    User = get_user_model()
    editors = {}
    for page_id, user_id in (
        Revision.page_revisions.filter(object_id__in=[str(pk) for pk in page_ids], user__isnull=False)
        .values_list("object_id", "user_id")
        .distinct()
    ):
        editors.setdefault(int(page_id), set()).add(user_id)
    for page_id, user_id in Page.objects.filter(pk__in=page_ids, owner__isnull=False).values_list("pk", "owner_id"):
        editors.setdefault(page_id, set()).add(user_id)
    user_ids = {user_id for ids in editors.values() for user_id in ids}
    addresses = dict(User.objects.filter(pk__in=user_ids, is_active=True).exclude(email="").values_list("pk", "email"))
    return {page_id: {addresses[uid] for uid in ids if uid in addresses} for page_id, ids in editors.items()}


def _admin_url(name, *args):
    return urljoin(settings.WAGTAILADMIN_BASE_URL, reverse(name, args=args))


@transaction.atomic
def send_review_reminders():
    """Queue today's reminders. Returns (pages reminded, messages queued)."""
    today = timezone.localdate()
    refresh(Page.objects.filter(depth__gt=1))
    reviews = [
        review
        for review in PageReview.objects.select_for_update()
        .filter(page__live=True, review_by__lte=today + datetime.timedelta(days=REMIND_DAYS_BEFORE))
        .order_by("review_by", "page__path")
        if _needs_reminder(review, today)
    ]
    if not reviews:
        return 0, 0
    page_ids = [review.page_id for review in reviews]
    pages = Page.objects.in_bulk(page_ids)
    owners_of = resolve_all(Page.objects.filter(pk__in=page_ids))
    owners = PageOwner.objects.in_bulk({owner_id for owner_id, _interval in owners_of.values() if owner_id})
    editors = _editor_addresses(page_ids)

    by_recipient = {}
    for review in reviews:
        page = pages[review.page_id]
        owner = owners.get(owners_of[page.pk][0])
        item = {
            "title": page.title,
            "review_by": review.review_by,
            "overdue": review.review_by < today,
            "owner": owner.name if owner else "",
            "edit_url": _admin_url("wagtailadmin_pages:edit", page.pk),
            "mark_reviewed_url": _admin_url("stewardship_mark_reviewed", page.pk),
        }
        recipients = set(editors.get(page.pk, set()))
        if owner and owner.email:
            recipients.add(owner.email)
        for address in recipients:
            by_recipient.setdefault(address.lower(), []).append(item)
        review.reminded_on = today
    PageReview.objects.bulk_update(reviews, ["reminded_on"])

    queued = 0
    for address, items in sorted(by_recipient.items()):
        message = queue_email(
            to=address,
            template="stewardship/email/review_reminder",
            context={"pages": items, "report_url": _admin_url("stewardship_overdue_report")},
            dedupe_key=f"review-reminder:{address}:{today.isoformat()}",
        )
        queued += message is not None
    return len(reviews), queued
