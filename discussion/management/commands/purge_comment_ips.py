import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from discussion.models import Comment, CommentReport

# The privacy notice under the comment form promises this; change both together.
IP_RETENTION_DAYS = 30


class Command(BaseCommand):
    help = f"Forgets the IP address of comments and comment reports older than {IP_RETENTION_DAYS} days. Run daily."

    def handle(self, *args, **options):
        cutoff = timezone.now() - datetime.timedelta(days=IP_RETENTION_DAYS)
        count = Comment.objects.filter(submit_date__lt=cutoff, ip_address__isnull=False).update(ip_address=None)
        self.stdout.write(f"Forgot the IP address of {count} comments.")
        # Reports ("Anmäl") keep the reporter's address for the same time.
        reports = CommentReport.objects.filter(created_at__lt=cutoff, ip_address__isnull=False).update(ip_address=None)
        self.stdout.write(f"Forgot the IP address of {reports} comment reports.")
