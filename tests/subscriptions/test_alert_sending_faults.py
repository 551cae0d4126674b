"""Sending alerts survives a failure halfway and two runs at once, without sending anyone the same alert twice."""

import datetime
import threading
from unittest import mock

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from outbox.models import OutgoingEmail
from subscriptions import alerts
from subscriptions.models import SentAlert, Subscription
from tests.blog.factories import AuthorFactory, BlogIndexPageFactory, make_post
from tests.factories import publish


def subscribers(count, frequency=Subscription.Frequency.WEEKLY):
    start = timezone.now() - datetime.timedelta(days=1)
    return Subscription.objects.bulk_create(
        Subscription(
            email=f"l{n}@example.se", content_types=["blogg"], frequency=frequency, confirmed_at=start, sent_until=start
        )
        for n in range(count)
    )


@pytest.fixture
def posts(home_page, media_root):
    index = publish(BlogIndexPageFactory(parent=home_page, slug="blogg"))
    author = AuthorFactory()
    return [make_post(index, title=f"Inlägg {n}", authors=[author]) for n in range(2)]


def test_a_batch_that_fails_halfway_is_redone_whole_without_repeats(
    posts, django_capture_on_commit_callbacks, monkeypatch
):
    subscribers(5)
    monkeypatch.setattr(alerts, "BATCH_SIZE", 2)
    real = alerts._queue_alert
    calls = []

    def fail_on_the_fourth(subscription, items):
        calls.append(subscription.pk)
        if len(calls) == 4:
            raise ConnectionError("database went away")
        return real(subscription, items)

    with (
        mock.patch.object(alerts, "_queue_alert", fail_on_the_fourth),
        pytest.raises(ConnectionError),
        django_capture_on_commit_callbacks(execute=True),
    ):
        alerts.send_alerts(Subscription.Frequency.WEEKLY)
    # The first batch (two subscribers) went out; the failed one stored nothing.
    assert len(mail.outbox) == 2
    assert SentAlert.objects.count() == 4

    with django_capture_on_commit_callbacks(execute=True):
        assert alerts.send_alerts(Subscription.Frequency.WEEKLY) == 3
    assert sorted(message.to[0] for message in mail.outbox) == [f"l{n}@example.se" for n in range(5)]
    assert OutgoingEmail.objects.count() == 5
    with django_capture_on_commit_callbacks(execute=True):
        assert alerts.send_alerts(Subscription.Frequency.WEEKLY) == 0


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_runs_at_once_send_each_alert_once(home_page, media_root):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite has no row locks and one writer at a time; run with DATABASE_URL on PostgreSQL")
    index = publish(BlogIndexPageFactory(parent=home_page, slug="blogg"))
    author = AuthorFactory()
    make_post(index, title="Samtidigt", authors=[author])
    subscribers(40)
    barrier = threading.Barrier(2)
    results = []

    def run():
        barrier.wait()
        try:
            results.append(alerts.send_alerts(Subscription.Frequency.WEEKLY))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sum(results) == 40
    assert OutgoingEmail.objects.count() == 40
    assert SentAlert.objects.count() == 40
