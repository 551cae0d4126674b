from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Reader accounts around django-allauth: sign-up with a display name, mail through the outbox,
    "Mitt konto" (own comments, profile, data download, account deletion)."""

    name = "accounts"
    verbose_name = _("Läsarkonton")
    default_auto_field = "django.db.models.BigAutoField"
