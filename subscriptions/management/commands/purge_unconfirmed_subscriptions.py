import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from subscriptions.links import CONFIRM_DAYS
from subscriptions.models import Subscription


class Command(BaseCommand):
    help = f"Delete sign-ups never confirmed within {CONFIRM_DAYS} days, as the Prenumerera page promises."

    def handle(self, *args, **options):
        cutoff = timezone.now() - datetime.timedelta(days=CONFIRM_DAYS)
        deleted, _ = Subscription.objects.filter(confirmed_at__isnull=True, created_at__lt=cutoff).delete()
        self.stdout.write(f"{deleted} unconfirmed sign-ups deleted")
