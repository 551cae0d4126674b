import json

from django.core.management.base import BaseCommand
from django.db.models import Q

from discussion.models import Comment, CommenterNote
from discussion.personal_data import notes_export


class Command(BaseCommand):
    help = (
        "Prints, as JSON, every comment written by or with this email address and the moderators' notes about "
        "its commenter (a data subject's access request)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True)

    def handle(self, *args, email, **options):
        comments = (
            Comment.objects.select_related(None)
            .filter(Q(user_email__iexact=email) | Q(user__email__iexact=email))
            .order_by("submit_date")
        )
        data = [
            {
                "id": c.pk,
                "page_id": c.object_pk,
                "name": c.user_name,
                "email": c.user_email,
                "comment": c.comment,
                "submitted": c.submit_date.isoformat(),
                "status": c.status,
                "ip_address": c.ip_address,
            }
            for c in comments
        ]
        notes = CommenterNote.objects.filter(Q(email__iexact=email) | Q(user__email__iexact=email))
        output = {"comments": data, "moderator_notes": notes_export(notes)}
        self.stdout.write(json.dumps(output, ensure_ascii=False, indent=2))
