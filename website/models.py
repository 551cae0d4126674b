"""Site-wide settings (registered with the admin in wagtail_hooks.py) and shared inline models."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.models import Orderable

from caching.memo import RememberedSetting


class SiteSettings(RememberedSetting, BaseSiteSetting):
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


class RelatedPageLink(Orderable):
    """A page an editor suggests reading next. Page types add `page = ParentalKey(..., related_name="related_pages")`
    and get the links rendered through `BasePage.get_related_pages()`."""

    related_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Sida"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("En sida som läsaren kan vilja läsa härnäst: ett blogginlägg, ett exempel eller ett evenemang."),
    )

    panels = [FieldPanel("related_page")]

    class Meta(Orderable.Meta):
        abstract = True
        verbose_name = _("Relaterad sida")
        verbose_name_plural = _("Relaterade sidor")
