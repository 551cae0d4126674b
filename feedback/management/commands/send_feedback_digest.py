from django.core.management.base import BaseCommand

from feedback.tasks import send_feedback_digest_task


class Command(BaseCommand):
    help = (
        "Hand the daily digest of readers' answers to 'Var sidan till hjälp?' to the task worker "
        "(deploy/systemd/landsbygd-daily.service, deploy/crontab.example)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="build and queue the digests in this process")

    def handle(self, *args, now=False, **options):
        if now:
            from feedback.digest import send_feedback_digests

            answers, messages = send_feedback_digests()
            self.stdout.write(f"{answers} answers, {messages} digests queued")
        else:
            send_feedback_digest_task.enqueue()
            self.stdout.write("feedback digest handed to the task worker")
