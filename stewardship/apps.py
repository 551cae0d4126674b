from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StewardshipConfig(AppConfig):
    """Who answers for each page, and when it was last reviewed (issue 16, webbriktlinjer R21, R23, R26)."""

    name = "stewardship"
    verbose_name = _("Sidansvar och granskning")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals

        signals.connect()
