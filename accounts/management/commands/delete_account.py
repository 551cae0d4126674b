from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts.personal_data import erase_user


class Command(BaseCommand):
    help = (
        "Deletes the reader's account with this e-mail address and erases their data as the privacy page says "
        "(a request by letter). Asks before deleting unless --yes is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True)
        parser.add_argument("--yes", action="store_true", help="Delete without asking.")

    def handle(self, *args, email, yes, **options):
        user = get_user_model().objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"No account with the e-mail address {email}.")
        if user.is_staff or user.is_superuser:
            raise CommandError("This is a staff account: remove it in the admin under Users.")
        if not yes and input(f"Delete the account {user.email} and its comments? [y/N] ").strip().lower() != "y":
            raise CommandError("Nothing deleted.")
        erase_user(user)
        self.stdout.write(f"Deleted the account {email} and its data.")
