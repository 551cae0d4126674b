from django.core.management.base import BaseCommand

from subscriptions.models import Subscription
from subscriptions.tasks import send_alerts_task


class Command(BaseCommand):
    help = "Hand the weekly e-mail digest to the task worker (deploy/systemd/landsbygd-alert-digest.timer)."

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="build and queue the digests in this process")

    def handle(self, *args, now=False, **options):
        if now:
            from subscriptions.alerts import send_alerts

            self.stdout.write(f"{send_alerts(Subscription.Frequency.WEEKLY)} digests queued")
        else:
            send_alerts_task.enqueue(Subscription.Frequency.WEEKLY)
            self.stdout.write("weekly digest handed to the task worker")
