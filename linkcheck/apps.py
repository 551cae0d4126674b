from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LinkCheckConfig(AppConfig):
    """Broken links on published pages (issue 16.3, webbriktlinjer R26): internal ones on publish and
    nightly, external ones nightly in the worker; never during a reader's page load."""

    name = "linkcheck"
    verbose_name = _("Länkkontroll")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals

        signals.connect()
