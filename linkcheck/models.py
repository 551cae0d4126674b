from django.db import models
from django.utils.translation import gettext_lazy as _


class BrokenLink(models.Model):
    """A link on a live page that does not lead anywhere useful. A row exists only while the link is
    broken: the check that finds it working again, or no longer on the page, deletes it."""

    class Kind(models.TextChoices):
        INTERNAL = "internal", _("Intern")
        EXTERNAL = "external", _("Extern")

    page = models.ForeignKey("wagtailcore.Page", verbose_name=_("Sida"), on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("Typ"), max_length=10, choices=Kind.choices)
    url = models.CharField(_("Adress"), max_length=2000)
    text = models.CharField(_("Länktext"), max_length=500, blank=True)
    status_code = models.PositiveSmallIntegerField(_("Statuskod"), null=True, blank=True)
    reason = models.CharField(_("Fel"), max_length=300)
    first_seen_at = models.DateTimeField(_("Trasig sedan"))
    last_checked_at = models.DateTimeField(_("Senast kontrollerad"))

    class Meta:
        verbose_name = _("trasig länk")
        verbose_name_plural = _("trasiga länkar")
        ordering = ["-first_seen_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["page", "kind", "url"], name="linkcheck_one_row_per_link")]

    def __str__(self):
        return f"{self.url} ({self.reason})"
