"""Page owners and reviews: the owner snippet, the page mixin that names an owner and a review
interval, then each page's review record.

stewardship/ knows pages only through `StewardedPageMixin` (website.mixins.BasePage inherits it)
and through `wagtailcore.Page`; it never imports blog, casestudies or events.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index

DEFAULT_REVIEW_INTERVAL_MONTHS = 12


class ReviewInterval(models.IntegerChoices):
    THREE_MONTHS = 3, _("Var tredje månad")
    SIX_MONTHS = 6, _("Var sjätte månad")
    TWELVE_MONTHS = 12, _("En gång om året")
    TWENTY_FOUR_MONTHS = 24, _("Vartannat år")


def add_months(day, months):
    """The same day `months` later, or the month's last day when it is shorter (31 Jan + 1 = 28 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    next_month = datetime.date(year + month // 12, month % 12 + 1, 1)
    last_day = (next_month - datetime.timedelta(days=1)).day
    return datetime.date(year, month, min(day.day, last_day))


class PageOwner(index.Indexed, models.Model):
    """Sidansvarig: a unit or a person who answers for pages (webbriktlinjer R21)."""

    name = models.CharField(
        verbose_name=_("Namn"),
        max_length=120,
        help_text=_("En enhet eller en funktion, till exempel ”Enheten för lokal utveckling”."),
    )
    role = models.CharField(
        verbose_name=_("Roll"),
        max_length=200,
        blank=True,
        help_text=_("Vad den ansvarige gör, i en rad. Visas under namnet."),
    )
    email = models.EmailField(
        verbose_name=_("E-postadress"),
        blank=True,
        help_text=_(
            "Får påminnelser om granskning och läsarnas synpunkter. Visas på sidorna bara om rutan nedan är ikryssad."
        ),
    )
    show_email = models.BooleanField(
        verbose_name=_("Visa e-postadressen på sidorna"),
        default=False,
        help_text=_("Kryssa bara i för en funktionsadress, aldrig för en persons egen adress utan att hen vill det."),
    )
    contact_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Kontaktsida"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("En sida som berättar hur man når den ansvarige."),
    )
    phone = models.CharField(verbose_name=_("Telefon"), max_length=40, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("role"),
        MultiFieldPanel(
            [FieldPanel("contact_page"), FieldPanel("phone"), FieldPanel("email"), FieldPanel("show_email")],
            heading=_("Kontaktväg"),
        ),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.SearchField("role")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("Sidansvarig")
        verbose_name_plural = _("Sidansvariga")

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.show_email and not self.email:
            raise ValidationError({"email": _("Ange den adress som ska visas på sidorna.")})
        if not (self.contact_page_id or self.phone or (self.email and self.show_email)):
            raise ValidationError(
                _(
                    "Ange minst ett sätt att nå den ansvarige: en kontaktsida, ett telefonnummer "
                    "eller en e-postadress som får visas."
                )
            )

    @property
    def public_email(self):
        """The address readers may see, or ""."""
        return self.email if self.show_email else ""


class StewardedPageMixin(models.Model):
    """A page that names its owner and how often it is reviewed; both are inherited from the
    nearest ancestor that sets them (see stewardship.inheritance)."""

    page_owner = models.ForeignKey(
        "stewardship.PageOwner",
        verbose_name=_("Sidansvarig"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Tomt: samma som den överordnade sidan."),
    )
    review_interval_months = models.PositiveSmallIntegerField(
        verbose_name=_("Granska"),
        choices=ReviewInterval.choices,
        null=True,
        blank=True,
        help_text=_("Tomt: som den överordnade sidan, och en gång om året om ingen sida anger något."),
    )

    stewardship_panels = [
        MultiFieldPanel(
            [FieldPanel("page_owner"), FieldPanel("review_interval_months")],
            heading=_("Ansvar och granskning"),
        )
    ]

    class Meta:
        abstract = True


class PageReview(models.Model):
    """When a page was last reviewed and when it is due again. Kept beside the page, not in its
    revisions: marking a page reviewed changes no content and makes no revision."""

    page = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name=_("Sida"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="review",
    )
    last_reviewed_at = models.DateTimeField(verbose_name=_("Granskad"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Granskad av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    review_by = models.DateField(verbose_name=_("Granska senast"), db_index=True)
    interval_months = models.PositiveSmallIntegerField(verbose_name=_("Intervall i månader"))
    reminded_on = models.DateField(verbose_name=_("Påmind"), null=True, blank=True)

    class Meta:
        verbose_name = _("Granskning")
        verbose_name_plural = _("Granskningar")

    def __str__(self):
        return f"{self.page_id}: {self.review_by}"

    @property
    def is_overdue(self):
        return self.review_by < timezone.localdate()
