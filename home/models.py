"""Home page and plain content pages: inline models, then pages."""

from django.conf import settings
from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from website.blocks import BaseStreamBlock
from website.mixins import BasePage


class FeaturedPageBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label=_("Sida"))
    description = blocks.TextBlock(
        label=_("Beskrivning"), required=False, help_text=_("Lämna tomt för att använda sidans ingress.")
    )

    class Meta:
        icon = "pick"
        label = _("Utvald sida")
        template = "components/blocks/featured_page_block.html"
        description = _("Lyft fram en sida på startsidan.")


class HomePage(BasePage):
    featured = StreamField(
        [("featured_page", FeaturedPageBlock())],
        verbose_name=_("Utvalt innehåll"),
        blank=True,
        help_text=_("Sidor som redaktionen vill lyfta fram, i den ordning de ska visas."),
    )

    content_panels = BasePage.content_panels + [FieldPanel("lead"), FieldPanel("featured")]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("Startsida")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Fetched when the template's remembered fragment renders, not when it is remembered.
        context["sections"] = SimpleLazyObject(
            lambda: [
                section
                for section in (import_string(path)(request, self) for path in settings.HOME_PAGE_SECTIONS)
                if section and section["items"]
            ]
        )
        return context

    def get_json_ld(self, request=None):
        data = super().get_json_ld(request)
        data["@type"] = "WebSite"
        return data


class StandardPage(BasePage):
    body = StreamField(BaseStreamBlock(), verbose_name=_("Innehåll"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("lead"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]
    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("Informationssida")


class ShortcomingBlock(blocks.StructBlock):
    problem = blocks.TextBlock(label=_("Brist"), help_text=_("Vad fungerar inte, och för vem?"))
    reason = blocks.TextBlock(
        label=_("Orsak"),
        help_text=_("Varför: bristande förenlighet, oskäligt betungande anpassning eller utanför lagens tillämpning."),
    )
    criterion = blocks.CharBlock(label=_("WCAG-kriterium"), required=False, help_text=_("Till exempel 1.2.2."))

    class Meta:
        icon = "warning"
        label = _("Känd brist")
        template = "components/blocks/shortcoming_block.html"


class AccessibilityStatementPage(BasePage):
    """A tillgänglighetsredogörelse with the parts that Digg's model requires."""

    class ComplianceStatus(models.TextChoices):
        FULL = "full", _("Helt förenlig")
        PARTIAL = "partial", _("Delvis förenlig")
        NONE = "none", _("Inte förenlig")

    compliance_status = models.CharField(
        verbose_name=_("Förenlighetsstatus"),
        max_length=10,
        choices=ComplianceStatus.choices,
        default=ComplianceStatus.PARTIAL,
        help_text=_("Hur väl webbplatsen uppfyller lagen om tillgänglighet till digital offentlig service."),
    )
    shortcomings = StreamField(
        [("shortcoming", ShortcomingBlock())],
        verbose_name=_("Kända brister"),
        blank=True,
        help_text=_("Varje känd brist med orsak."),
    )
    assessment_method = models.TextField(
        verbose_name=_("Hur vi har testat webbplatsen"),
        help_text=_("Till exempel egen granskning, automatiska tester och tester med användare."),
    )
    assessed_on = models.DateField(verbose_name=_("Senast bedömd"), help_text=_("När granskningen gjordes."))
    statement_updated_on = models.DateField(
        verbose_name=_("Redogörelsen uppdaterad"), help_text=_("När den här redogörelsen senast uppdaterades.")
    )
    feedback_email = models.EmailField(
        verbose_name=_("E-post för att rapportera brister"),
        help_text=_("Dit läsare skriver om de upptäcker brister eller behöver innehållet i annat format."),
    )
    feedback_phone = models.CharField(verbose_name=_("Telefon"), max_length=40, blank=True, help_text=_("Valfritt."))
    supervisory_authority_url = models.URLField(
        verbose_name=_("Tillsynsmyndighetens anmälningssida"),
        default="https://www.digg.se/tdosanmalan",
        help_text=_("Digg:s sida för att anmäla brister i tillgängligheten."),
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("Övrig text"), blank=True)

    content_panels = BasePage.content_panels + [
        FieldPanel("lead"),
        FieldPanel("compliance_status"),
        FieldPanel("shortcomings"),
        MultiFieldPanel(
            [FieldPanel("assessment_method"), FieldPanel("assessed_on"), FieldPanel("statement_updated_on")],
            heading=_("Bedömning"),
        ),
        MultiFieldPanel(
            [FieldPanel("feedback_email"), FieldPanel("feedback_phone"), FieldPanel("supervisory_authority_url")],
            heading=_("Kontakt och tillsyn"),
        ),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("assessment_method"), index.SearchField("body")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("Tillgänglighetsredogörelse")
