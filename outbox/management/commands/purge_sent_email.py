"""Forget sent e-mail after OUTBOX_KEEP_SENT_DAYS (the messages hold readers' addresses); run daily."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from outbox.models import OutgoingEmail


class Command(BaseCommand):
    help = "Deletes sent and failed e-mail older than OUTBOX_KEEP_SENT_DAYS days."

    def handle(self, *args, **options):
        cutoff = timezone.now() - datetime.timedelta(days=settings.OUTBOX_KEEP_SENT_DAYS)
        deleted, _details = (
            OutgoingEmail.objects.exclude(status=OutgoingEmail.Status.QUEUED).filter(created_at__lt=cutoff).delete()
        )
        self.stdout.write(_("%(count)s gamla meddelanden togs bort.") % {"count": deleted})
