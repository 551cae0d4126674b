from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Q

from discussion import decision_log
from discussion.models import Comment, CommenterNote


class Command(BaseCommand):
    help = (
        "Deletes every comment written by or with this email address, and the moderators' notes about its "
        "commenter (a data subject's erasure request)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True)

    @transaction.atomic
    def handle(self, *args, email, **options):
        comments = Comment.objects.filter(Q(user_email__iexact=email) | Q(user__email__iexact=email))
        # Other readers' replies stay stored but no longer show: the public tree drops orphans.
        ids = list(comments.values_list("pk", flat=True))
        count = len(ids)
        # The decision log keeps what moderators decided, but no longer names the commenter.
        decision_log.forget_commenter(ids)
        comments.delete()
        # The moderators' notes about this commenter (their account's or their address's) go too.
        notes = CommenterNote.objects.filter(Q(email__iexact=email) | Q(user__email__iexact=email)).delete()[0]
        self.stdout.write(f"Deleted {count} comments and {notes} moderator notes about {email}.")
