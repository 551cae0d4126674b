"""Site-wide settings. Registered with the admin in wagtail_hooks.py."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting


class SiteSettings(BaseSiteSetting):
    organisation_name = models.CharField(
        verbose_name=_("Myndighetens namn"),
        max_length=120,
        default="Myndigheten för levande landsbygd",
        help_text=_("Visas i sidhuvudet, i flöden och i strukturerad data."),
    )
    tagline = models.CharField(
        verbose_name=_("Undertext"),
        max_length=200,
        blank=True,
        help_text=_("En kort rad under namnet i sidhuvudet."),
    )
    contact_email = models.EmailField(
        verbose_name=_("Kontaktadress"),
        blank=True,
        help_text=_("Visas i sidfoten och i tillgänglighetsredogörelsen."),
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Sida om personuppgifter"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Länkas från sidfoten och under kommentarsformuläret."),
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Tillgänglighetsredogörelse"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Länkas från sidfoten på varje sida."),
    )

    panels = [
        FieldPanel("organisation_name"),
        FieldPanel("tagline"),
        FieldPanel("contact_email"),
        FieldPanel("privacy_page"),
        FieldPanel("accessibility_page"),
    ]

    class Meta:
        verbose_name = _("Webbplatsinställningar")
