from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    name = "outbox"
    verbose_name = _("Utgående e-post")
    default_auto_field = "django.db.models.BigAutoField"
