"""A page of a subscribable type published: immediate alerts go out from the task worker after commit."""

from django.apps import apps
from django.conf import settings
from django.db import transaction
from wagtail.signals import page_published

from .models import Subscription


def _on_publish(sender, instance, **kwargs):
    from .tasks import send_alerts_task

    transaction.on_commit(lambda: send_alerts_task.enqueue(Subscription.Frequency.IMMEDIATE))


def connect():
    for config in settings.SUBSCRIPTION_CONTENT_TYPES.values():
        page_published.connect(
            _on_publish, sender=apps.get_model(config["model"]), dispatch_uid=f"alerts-{config['model']}"
        )
