"""Alerts run in the task worker (backend "background"), never inside an editor's publish request."""

from django_tasks import task

from .alerts import send_alerts


@task(backend="background")
def send_alerts_task(frequency):
    return send_alerts(frequency)
