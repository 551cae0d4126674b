"""A hung mail server never holds a reader's request: comment mail waits in the outbox for the worker."""

import time

from django_tasks_db.models import DBTaskResult

from discussion.models import Comment
from outbox.models import OutgoingEmail
from outbox.tasks import send_one
from tests.mailservers import hung_smtp_server

from .conftest import form_data

DATABASE_QUEUE = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "background": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "email"]},
}


def test_comment_post_answers_at_once_while_the_mail_server_hangs(
    client, anonymous_post, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = DATABASE_QUEUE  # as in production: a worker, not the request, sends
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_TIMEOUT = 1
    with hung_smtp_server() as (port, accepted):
        settings.EMAIL_PORT = port
        data = form_data(client, anonymous_post, email="anna@example.se")
        started = time.monotonic()
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/kommentarer/skicka/", data)
        elapsed = time.monotonic() - started
        assert response.status_code == 303
        assert elapsed < 0.9, f"the post waited {elapsed:.2f}s"
        assert not accepted, "the request itself talked to the mail server"
        assert Comment.objects.count() == 1

        message = OutgoingEmail.objects.get()
        assert message.to == "moderatorer@example.se"
        assert DBTaskResult.objects.filter(task_path="outbox.tasks.deliver_email").count() == 1

        # The worker's attempt times out; the comment and its notice are both kept.
        assert send_one(message.pk) is False
    message.refresh_from_db()
    assert message.status == OutgoingEmail.Status.QUEUED and message.attempts == 1
    assert Comment.objects.count() == 1


def test_comment_post_with_a_working_mail_server_notifies_the_moderators(
    client, anonymous_post, django_capture_on_commit_callbacks
):
    """The twin: the same post with mail working sends the moderators' notice through the queue."""
    from django.core import mail

    data = form_data(client, anonymous_post, email="anna@example.se")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/kommentarer/skicka/", data)
    assert response.status_code == 303
    assert [m.to for m in mail.outbox] == [["moderatorer@example.se"]]
    assert OutgoingEmail.objects.get().status == OutgoingEmail.Status.SENT
