"""Review dates: when each page is due ("Granska senast"), marking a page reviewed, and the pages due.

A page is due `interval` months after its last review, or after its first publication when it has
never been reviewed; the interval comes from the page or its section (stewardship.inheritance).
"""

import datetime

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from .inheritance import resolve_all
from .models import PageReview, add_months

# Reminders go out this many days before a page is due, and again once it is overdue.
REMIND_DAYS_BEFORE = 14


def _base_date(page, review):
    if review is not None and review.last_reviewed_at:
        return timezone.localdate(review.last_reviewed_at)
    if page.first_published_at:
        return timezone.localdate(page.first_published_at)
    return timezone.localdate()


def refresh(pages):
    """Create or correct the review record of each page in the queryset `pages`. Returns how many changed."""
    answers = resolve_all(pages)
    pages = list(pages.only("pk", "first_published_at"))
    reviews = PageReview.objects.in_bulk([page.pk for page in pages])
    create, update = [], []
    for page in pages:
        _owner, interval = answers[page.pk]
        review = reviews.get(page.pk)
        review_by = add_months(_base_date(page, review), interval)
        if review is None:
            create.append(PageReview(page_id=page.pk, review_by=review_by, interval_months=interval))
        elif (review.review_by, review.interval_months) != (review_by, interval):
            review.review_by, review.interval_months = review_by, interval
            update.append(review)
    PageReview.objects.bulk_create(create, ignore_conflicts=True)
    PageReview.objects.bulk_update(update, ["review_by", "interval_months"])
    return len(create) + len(update)


def refresh_page_and_below(page):
    """After a publish: the page's own record, and the pages below that may inherit its interval."""
    refresh(Page.objects.filter(pk=page.pk))
    if not page.is_leaf():
        refresh(page.get_descendants())


@transaction.atomic
def mark_reviewed(page, user):
    """Set "Granskad" to now and move "Granska senast" on; the page's content and revisions stay as they are."""
    refresh(Page.objects.filter(pk=page.pk))
    review = PageReview.objects.select_for_update().get(page_id=page.pk)
    review.last_reviewed_at = timezone.now()
    review.reviewed_by = user if getattr(user, "is_authenticated", False) else None
    review.review_by = add_months(timezone.localdate(review.last_reviewed_at), review.interval_months)
    review.reminded_on = None
    review.save()
    return review


def due_pages(pages, within_days=0):
    """Live pages of the queryset `pages` due for review within `within_days` from today (or overdue),
    the most overdue first, each with its review record loaded (`page.review`)."""
    limit = timezone.localdate() + datetime.timedelta(days=within_days)
    return (
        pages.live().filter(review__review_by__lte=limit).select_related("review").order_by("review__review_by", "path")
    )


def overdue_pages(pages):
    """Live pages whose "Granska senast" has passed."""
    return pages.live().filter(review__review_by__lt=timezone.localdate()).order_by("review__review_by", "path")
