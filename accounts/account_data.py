"""The account itself in the personal-data registry (accounts/personal_data.py): listed last."""

from allauth.account.models import EmailAddress

from .display import display_name
from .personal_data import iso


def export(user):
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
        }
    }


def erase(user):
    # EmailAddress, sessions' owner and allauth's confirmations go with the user (cascade).
    user.delete()
