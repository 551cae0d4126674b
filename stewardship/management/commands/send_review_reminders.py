from django.core.management.base import BaseCommand

from stewardship.reminders import send_review_reminders


class Command(BaseCommand):
    help = (
        "Brings every page's review date up to date and e-mails page owners and editors about pages "
        "due for review within two weeks or overdue. Run daily (deploy/systemd/landsbygd-daily.service)."
    )

    def handle(self, *args, **options):
        pages, messages = send_review_reminders()
        self.stdout.write(f"{pages} pages to review, {messages} reminders queued.")
