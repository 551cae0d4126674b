"""Send every queued e-mail that is due: the safety net behind the task worker (cron, every few minutes).

With --enqueue the messages are handed to the worker instead of being sent by this process.
"""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from outbox.tasks import deliver_email, due_messages, send_one


class Command(BaseCommand):
    help = "Sends (or with --enqueue, hands to the worker) every queued e-mail that is due."

    def add_arguments(self, parser):
        parser.add_argument("--enqueue", action="store_true", help="Hand the messages to the task worker.")
        parser.add_argument("--limit", type=int, default=1000, help="At most this many messages per run.")

    def handle(self, *args, enqueue=False, limit=1000, **options):
        ids = list(due_messages().order_by("created_at").values_list("pk", flat=True)[:limit])
        sent = 0
        for message_id in ids:
            if enqueue:
                deliver_email.enqueue(message_id)
            elif send_one(message_id):
                sent += 1
        if enqueue:
            self.stdout.write(_("%(count)s meddelanden lämnades till kön.") % {"count": len(ids)})
        else:
            self.stdout.write(_("%(sent)s av %(count)s meddelanden skickades.") % {"sent": sent, "count": len(ids)})
