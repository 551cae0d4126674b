"""Building and sending e-mail alerts from what was published since each subscriber's last one.

Which page types can be subscribed to, and which of their fields hold topics and a county, is
SUBSCRIPTION_CONTENT_TYPES in settings, so this app never imports blog/, casestudies/ or events/.

`send_alerts(frequency)` reads the pages first published since the oldest subscriber's last alert
once (a fixed number of queries), then walks the subscribers in batches of BATCH_SIZE, each batch in
a transaction of its own: for each subscriber the matching pages not sent before, one mail queued
through the outbox, the pages recorded as sent and the subscriber's `sent_until` moved on. A batch
that fails rolls back whole and is done again on the next run; the outbox's `dedupe_key` and the
SentAlert constraint see to it that nobody gets the same alert twice. Two runs at once (two
publishes) meet at the row locks of a batch: the second waits, then reads the first one's
`sent_until` and sends only what the first did not.
"""

import dataclasses
import datetime
import hashlib

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models import Min
from django.db.models.functions import Coalesce
from django.utils import timezone

from outbox.mail import queue_email

from . import links
from .models import SentAlert, Subscription

BATCH_SIZE = 500


def content_types():
    return settings.SUBSCRIPTION_CONTENT_TYPES


def topic_choices():
    from taggit.models import Tag

    return list(Tag.objects.order_by("name").values_list("slug", "name"))


def county_choices():
    return list(apps.get_model(settings.SUBSCRIPTION_COUNTY_MODEL).objects.order_by("name").values_list("code", "name"))


@dataclasses.dataclass(frozen=True)
class Item:
    page_id: int
    kind: str
    title: str
    url: str
    lead: str
    published_at: datetime.datetime
    topics: frozenset | None  # None: the page type has no topics
    county: str | None
    has_county: bool


def new_items(since, until):
    """Live, public pages of the subscribable types first published in (since, until], oldest first."""
    items = []
    for kind, config in content_types().items():
        model = apps.get_model(config["model"])
        pages = model.objects.live().public().filter(first_published_at__gt=since, first_published_at__lte=until)
        topics_field, county_field = config.get("topics"), config.get("county")
        if topics_field:
            pages = pages.prefetch_related(topics_field)
        if county_field:
            pages = pages.select_related(county_field)
        for page in pages.order_by("first_published_at", "pk"):
            county = getattr(page, county_field) if county_field else None
            items.append(
                Item(
                    page_id=page.pk,
                    kind=kind,
                    title=page.title,
                    url=page.get_full_url(),
                    lead=getattr(page, "lead", "") or "",
                    published_at=page.first_published_at,
                    topics=frozenset(tag.slug for tag in getattr(page, topics_field).all()) if topics_field else None,
                    county=county.code if county is not None else None,
                    has_county=bool(county_field),
                )
            )
    items.sort(key=lambda item: (item.published_at, item.page_id))
    return items


def matches(subscription, item):
    if item.kind not in subscription.content_types:
        return False
    if subscription.topics and item.topics is not None and not item.topics & set(subscription.topics):
        return False
    return not (subscription.counties and item.has_county and item.county not in subscription.counties)


def _queue_alert(subscription, items):
    labels = {kind: config["label"] for kind, config in content_types().items()}
    groups = [
        {"label": labels[kind], "items": [item for item in items if item.kind == kind]}
        for kind in content_types()
        if any(item.kind == kind for item in items)
    ]
    ids = ",".join(str(item.page_id) for item in items)
    return queue_email(
        to=subscription.email,
        template="subscriptions/email/alert",
        context={
            "groups": groups,
            "count": len(items),
            "weekly": subscription.frequency == Subscription.Frequency.WEEKLY,
            "manage_url": links.url(subscription, "manage"),
        },
        unsubscribe_url=links.url(subscription, "unsubscribe"),
        dedupe_key=f"alert:{subscription.pk}:{hashlib.sha256(ids.encode()).hexdigest()[:32]}",
    )


def due(frequency, until):
    return Subscription.objects.filter(frequency=frequency, confirmed_at__isnull=False, confirmed_at__lte=until)


def send_alerts(frequency, now=None):
    """Queue one alert per subscriber with something new; returns how many mails were queued."""
    until = now or timezone.now()
    subscriptions = due(frequency, until)
    oldest = subscriptions.aggregate(since=Min(Coalesce("sent_until", "confirmed_at")))["since"]
    if oldest is None:
        return 0
    items = new_items(oldest, until)
    if not items:
        subscriptions.update(sent_until=until)
        return 0
    item_ids = [item.page_id for item in items]
    queued = 0
    last_pk = 0
    while True:
        batch_ids = list(subscriptions.filter(pk__gt=last_pk).order_by("pk").values_list("pk", flat=True)[:BATCH_SIZE])
        if not batch_ids:
            return queued
        last_pk = batch_ids[-1]
        with transaction.atomic():
            batch = list(subscriptions.filter(pk__in=batch_ids).select_for_update().order_by("pk"))
            sent = set(
                SentAlert.objects.filter(subscription__in=batch, page_id__in=item_ids).values_list(
                    "subscription_id", "page_id"
                )
            )
            records = []
            for subscription in batch:
                since = subscription.sent_until or subscription.confirmed_at
                mine = [
                    item
                    for item in items
                    if item.published_at > since
                    and (subscription.pk, item.page_id) not in sent
                    and matches(subscription, item)
                ]
                if mine:
                    if _queue_alert(subscription, mine) is not None:
                        queued += 1
                    records += [SentAlert(subscription=subscription, page_id=item.page_id) for item in mine]
                subscription.sent_until = until
            SentAlert.objects.bulk_create(records, ignore_conflicts=True)
            Subscription.objects.bulk_update(batch, ["sent_until"])
