"""Delivery of queued e-mail by the task worker (`manage.py db_worker`), with retries.

A message is locked while it is sent and marked sent in the same transaction, so two workers
never send it twice. A failure is recorded and retried later with a growing delay; after
MAX_ATTEMPTS it is marked failed and stays visible in the admin. `manage.py send_queued_email`
(run from cron, see deploy/) hands anything still due to the worker, in case a worker died.
"""

import contextlib
import datetime
import logging
import smtplib
import socket

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.utils import timezone
from django_tasks import task, task_backends

from .models import OutgoingEmail

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
RETRY_BASE_SECONDS = 60
SEND_ERRORS = (smtplib.SMTPException, OSError, socket.timeout)


def retry_delay(attempts):
    """1, 2, 4 … minutes, at most six hours."""
    return datetime.timedelta(seconds=min(RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0), 6 * 3600))


def _as_email(message, connection):
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body_text,
        from_email=message.from_email,
        to=[message.to],
        headers=message.headers,
        connection=connection,
    )
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    return email


def send_one(message_id, connection=None):
    """Send one queued message now. Returns True when it was sent by this call."""
    with transaction.atomic():
        message = (
            OutgoingEmail.objects.select_for_update(skip_locked=True)
            .filter(pk=message_id, status=OutgoingEmail.Status.QUEUED)
            .first()
        )
        if message is None:
            return False  # sent already, given up on, or being sent by another worker right now
        message.attempts += 1
        try:
            _as_email(message, connection or get_connection(timeout=settings.EMAIL_TIMEOUT)).send()
        except SEND_ERRORS as error:
            message.last_error = f"{type(error).__name__}: {error}"[:2000]
            if message.attempts >= MAX_ATTEMPTS:
                message.status = OutgoingEmail.Status.FAILED
                message.next_attempt_at = None
                logger.error("Giving up on e-mail %s after %s attempts: %s", message.pk, message.attempts, error)
            else:
                message.next_attempt_at = timezone.now() + retry_delay(message.attempts)
                logger.warning("E-mail %s not sent (attempt %s): %s", message.pk, message.attempts, error)
            message.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
            sent = False
        else:
            message.status = OutgoingEmail.Status.SENT
            message.sent_at = timezone.now()
            message.next_attempt_at = None
            message.last_error = ""
            message.save(update_fields=["attempts", "last_error", "status", "next_attempt_at", "sent_at"])
            sent = True
    if not sent and message.status == OutgoingEmail.Status.QUEUED:
        _schedule_retry(message)
    return sent


def _schedule_retry(message):
    backend = task_backends[deliver_email.backend]
    if backend.supports_defer:
        deliver_email.using(run_after=message.next_attempt_at).enqueue(message.pk)
    # Without deferral (the immediate backend in tests), `send_queued_email` picks it up when due.


@task(backend="background", queue_name="email")
def deliver_email(message_id):
    return send_one(message_id)


def due_messages(now=None):
    now = now or timezone.now()
    return OutgoingEmail.objects.filter(status=OutgoingEmail.Status.QUEUED).exclude(next_attempt_at__gt=now)


@task(backend="background", queue_name="email")
def deliver_email_batch(message_ids):
    """Send many messages over one SMTP connection (digests); each is still locked, sent and marked alone."""
    connection = get_connection(timeout=settings.EMAIL_TIMEOUT)
    sent = 0
    try:
        connection.open()
        for message_id in message_ids:
            sent += send_one(message_id, connection=connection)
    except SEND_ERRORS as error:
        # Could not even connect: every message stays queued for the next try.
        logger.warning("Batch of %s e-mails not sent: %s", len(message_ids), error)
    finally:
        with contextlib.suppress(SEND_ERRORS):
            connection.close()
    return sent
