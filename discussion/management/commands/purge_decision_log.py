import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone
from wagtail.models import Site

from discussion import decision_log
from discussion.models import CommentSettings


class Command(BaseCommand):
    help = (
        "Deletes decision log entries (every discussion.* action) older than the comment settings' "
        "'Beslutsloggen sparas (dagar)'; empty keeps them all. Safe to run daily."
    )

    def handle(self, *args, **options):
        site = Site.objects.filter(is_default_site=True).first()
        days = CommentSettings.for_site(site).decision_log_retention_days if site else None
        if not days:
            self.stdout.write("No retention time set for the decision log: nothing deleted (kept until culled).")
            return
        cutoff = timezone.now() - datetime.timedelta(days=days)
        count, _by_model = decision_log.entries().filter(timestamp__lt=cutoff).delete()
        self.stdout.write(f"Deleted {count} decision log entries older than {days} days.")
