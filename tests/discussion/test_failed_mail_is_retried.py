"""A mail server that fails once loses nothing: the moderator's decision and the comment stay as
decided, the notice waits in the outbox, and the worker's retry sends it once."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from discussion.models import Comment, CommentStatus
from outbox.models import OutgoingEmail
from tests.mailbackends import FailingFirstBackend
from tests.moderation import decide

from .conftest import form_data

# As in production: the request queues, the database worker sends and schedules the retry.
DATABASE_QUEUE = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "background": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "email"]},
}
PUBLISHED = "Din kommentar är publicerad"


@pytest.fixture
def failing_once(settings):
    settings.EMAIL_BACKEND = "tests.mailbackends.FailingFirstBackend"
    FailingFirstBackend.failures = 0
    yield FailingFirstBackend
    FailingFirstBackend.failures = 0


def _worker():
    call_command(
        "db_worker", "--backend", "background", "--queue-name", "*", "--batch", "--no-startup-delay", "-v", "0"
    )


def _published_notice():
    return OutgoingEmail.objects.get(subject=PUBLISHED)


# Committed for real: the worker opens and closes its own connections, as it does in production.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_failed_send_is_retried_and_the_decision_is_kept(
    settings, open_post, reader, moderator, failing_once, django_capture_on_commit_callbacks
):
    settings.TASKS = DATABASE_QUEUE
    writer = Client()
    writer.force_login(reader)
    data = form_data(writer, open_post, comment="Tack för guiden!")
    with django_capture_on_commit_callbacks(execute=True):
        assert writer.post("/kommentarer/skicka/", data).status_code == 303
    comment = Comment.objects.get()
    _worker()  # the moderators' notice goes out

    failing_once.failures = 1  # the server drops the next send: the commenter's notice after the decision
    queue = Client()
    queue.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        answer = decide(queue, "approve", comment.pk, follow=True)
    assert answer.status_code == 200 and "godkändes" in answer.content.decode()
    _worker()

    assert failing_once.failures == 0  # the send was tried, and failed
    notice = _published_notice()
    assert notice.status == OutgoingEmail.Status.QUEUED and notice.attempts == 1
    assert "SMTPServerDisconnected" in notice.last_error and notice.next_attempt_at > timezone.now()
    assert _mails() == []
    # Nothing of the decision is lost while the mail waits.
    comment.refresh_from_db()
    assert comment.status == CommentStatus.APPROVED and comment.moderated_by == moderator
    assert "Tack för guiden!" in Client().get(open_post.url).content.decode()
    # The retry is a task of its own, due when the notice is.
    assert DBTaskResult.objects.filter(status="READY", task_path="outbox.tasks.deliver_email").count() >= 1

    with time_machine.travel(notice.next_attempt_at + datetime.timedelta(seconds=1), tick=False):
        _worker()
    notice.refresh_from_db()
    assert notice.status == OutgoingEmail.Status.SENT and notice.attempts == 2 and notice.last_error == ""
    [message] = _mails()
    assert message.to == [reader.email] and f"#kommentar-{comment.pk}" in message.body
    comment.refresh_from_db()
    assert comment.status == CommentStatus.APPROVED and comment.moderated_by == moderator

    # Sent is sent: another sweep, or the worker again, sends nothing more.
    call_command("send_queued_email", stdout=open("/dev/null", "w"))  # noqa: SIM115
    _worker()
    assert len(_mails()) == 1


def test_the_same_decision_with_a_working_server_is_mailed_at_once(
    open_post, reader, moderator, django_capture_on_commit_callbacks
):
    """The twin: nothing fails, the notice is sent on the first attempt."""
    comment = Comment.objects.create(
        content_type_id=open_post.content_type_id,
        object_pk=str(open_post.pk),
        site_id=1,
        user=reader,
        user_name="Läsare",
        user_email=reader.email,
        comment="Tack för guiden!",
        submit_date=timezone.now(),
        status=CommentStatus.PENDING,
    )
    queue = Client()
    queue.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        decide(queue, "approve", comment.pk)
    notice = _published_notice()
    assert notice.status == OutgoingEmail.Status.SENT and notice.attempts == 1
    assert [m.to for m in _mails()] == [[reader.email]]


def _mails():
    return [m for m in mail.outbox if m.subject == PUBLISHED]
