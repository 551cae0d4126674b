from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    """ "Var sidan till hjälp?" on every content page: answers for the page owner, never published
    (issue 16, points 4 and 5; webbriktlinjer R38)."""

    name = "feedback"
    verbose_name = _("Synpunkter på sidor")
    default_auto_field = "django.db.models.BigAutoField"
