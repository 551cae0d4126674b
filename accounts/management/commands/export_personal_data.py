import json

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts.personal_data import export_user


class Command(BaseCommand):
    help = "Prints, as JSON, everything stored about the reader with this e-mail address (a request by letter)."

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True)

    def handle(self, *args, email, **options):
        user = get_user_model().objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"No account with the e-mail address {email}.")
        self.stdout.write(json.dumps(export_user(user), ensure_ascii=False, indent=2))
