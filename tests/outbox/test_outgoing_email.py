"""E-mail goes through the outbox: queued with the change, sent after commit, once, and retried."""

import time

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction

from outbox.mail import queue_email
from outbox.models import OutgoingEmail
from outbox.tasks import MAX_ATTEMPTS, send_one
from tests.mailservers import closed_port, hung_smtp_server

TEMPLATE = "discussion/email/comment_published"


def context(home_page):
    return {"page": home_page, "page_url": "http://testserver/", "comment": None}


@pytest.fixture
def smtp(settings):
    def use(port, timeout=1):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = port
        settings.EMAIL_TIMEOUT = timeout

    return use


def test_mail_is_sent_after_commit_from_the_agency_with_one_click_unsubscribe(
    home_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        queue_email(
            to="lasare@example.se",
            template=TEMPLATE,
            context=context(home_page),
            unsubscribe_url="http://testserver/avregistrera/abc/",
        )
        assert mail.outbox == []  # nothing leaves before the change is committed
    [message] = mail.outbox
    assert message.to == ["lasare@example.se"]
    assert message.from_email == "Myndigheten för levande landsbygd <webbplatsen@example.se>"
    assert message.subject == "Din kommentar är publicerad"
    assert message.extra_headers["List-Unsubscribe"] == "<http://testserver/avregistrera/abc/>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert OutgoingEmail.objects.get().status == OutgoingEmail.Status.SENT


def test_a_rolled_back_change_sends_nothing(home_page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                queue_email(to="lasare@example.se", template=TEMPLATE, context=context(home_page))
                raise RuntimeError("the change failed")
        except RuntimeError:
            pass
    assert mail.outbox == []
    assert not OutgoingEmail.objects.exists()


def test_the_same_notice_asked_for_twice_is_sent_once(home_page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = queue_email(to="lasare@example.se", template=TEMPLATE, context=context(home_page), dedupe_key="k:1")
        second = queue_email(to="lasare@example.se", template=TEMPLATE, context=context(home_page), dedupe_key="k:1")
        other = queue_email(to="lasare@example.se", template=TEMPLATE, context=context(home_page), dedupe_key="k:2")
    assert first is not None and second is None and other is not None
    assert len(mail.outbox) == 2


def test_an_address_with_a_line_break_is_never_queued(home_page):
    assert queue_email(to="a@example.se\nBcc: b@example.se", template=TEMPLATE, context=context(home_page)) is None
    assert queue_email(to="a@example.se", template=TEMPLATE, context=context(home_page)) is not None
    assert list(OutgoingEmail.objects.values_list("to", flat=True)) == ["a@example.se"]


def test_a_refused_send_is_kept_and_sent_by_the_next_sweep(
    home_page, smtp, settings, django_capture_on_commit_callbacks
):
    smtp(closed_port())
    with django_capture_on_commit_callbacks(execute=True):
        queue_email(to="lasare@example.se", template=TEMPLATE, context=context(home_page))
    message = OutgoingEmail.objects.get()
    assert message.status == OutgoingEmail.Status.QUEUED
    assert message.attempts == 1 and "Connection" in message.last_error and message.next_attempt_at

    # Not yet due: the sweep leaves it alone.
    call_command("send_queued_email", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert OutgoingEmail.objects.get().attempts == 1

    OutgoingEmail.objects.update(next_attempt_at=None)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_queued_email", stdout=open("/dev/null", "w"))  # noqa: SIM115
    message.refresh_from_db()
    assert message.status == OutgoingEmail.Status.SENT and message.attempts == 2
    assert len(mail.outbox) == 1
    # Sent is sent: another sweep or a late task sends nothing more.
    call_command("send_queued_email", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert send_one(message.pk) is False
    assert len(mail.outbox) == 1


def test_a_message_is_given_up_after_the_last_attempt(home_page, smtp):
    smtp(closed_port())
    message = queue_email(to="lasare@example.se", template=TEMPLATE, context=context(home_page))
    for _attempt in range(MAX_ATTEMPTS):
        OutgoingEmail.objects.filter(pk=message.pk).update(next_attempt_at=None)
        send_one(message.pk)
    message.refresh_from_db()
    assert message.status == OutgoingEmail.Status.FAILED and message.attempts == MAX_ATTEMPTS


def test_a_hung_mail_server_costs_the_worker_only_the_timeout(home_page, smtp):
    with hung_smtp_server() as (port, accepted):
        smtp(port, timeout=1)
        message = queue_email(to="lasare@example.se", template=TEMPLATE, context=context(home_page))
        started = time.monotonic()
        assert send_one(message.pk) is False
        elapsed = time.monotonic() - started
    assert accepted, "the worker did reach the hung server"
    assert elapsed < 5
    message.refresh_from_db()
    assert message.status == OutgoingEmail.Status.QUEUED and "timed out" in message.last_error
