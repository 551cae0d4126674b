"""The digest runs in the task worker (backend "background"), never inside a request."""

from django_tasks import task

from .digest import send_feedback_digests


@task(backend="background")
def send_feedback_digest_task():
    return send_feedback_digests()
