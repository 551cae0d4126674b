"""The account itself in the personal-data registry (accounts/personal_data.py): listed last."""

from allauth.account.models import EmailAddress

from .display import display_name
from .models import NotificationChoices
from .personal_data import iso


def export(user):
    choices = NotificationChoices.for_user(user)
    return {
        "account": {
            "display_name": display_name(user),
            "email": user.email,
            "email_addresses": [
                {"email": address.email, "verified": address.verified, "primary": address.primary}
                for address in EmailAddress.objects.filter(user=user).order_by("-primary", "email")
            ],
            "date_joined": iso(user.date_joined),
            "last_login": iso(user.last_login),
            "comment_mail": {field: getattr(choices, field) for field in ("published", "refused", "reply")},
        }
    }


def erase(user):
    # EmailAddress, the mail choices, sessions' owner and allauth's confirmations go with the user (cascade).
    user.delete()
