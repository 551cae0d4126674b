"""E-mail alerts: one subscription per address, confirmed by a link (double opt-in), and what each was sent."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Subscription(models.Model):
    class Frequency(models.TextChoices):
        IMMEDIATE = "direkt", _("Direkt när något publiceras")
        WEEKLY = "vecka", _("En gång i veckan")

    email = models.EmailField(verbose_name=_("E-postadress"), unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="subscriptions"
    )
    content_types = models.JSONField(verbose_name=_("Innehåll"), default=list)
    topics = models.JSONField(verbose_name=_("Ämnen"), default=list, blank=True)
    counties = models.JSONField(verbose_name=_("Län"), default=list, blank=True)
    frequency = models.CharField(verbose_name=_("Hur ofta"), max_length=10, choices=Frequency.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # Pages first published up to this moment have been considered for this subscriber.
    sent_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Prenumeration")
        verbose_name_plural = _("Prenumerationer")
        indexes = [models.Index(fields=["frequency", "confirmed_at"], name="subscription_due")]

    def __str__(self):
        return self.email


class SentAlert(models.Model):
    """A page that went to a subscriber: never the same page twice."""

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="sent_alerts")
    page_id = models.PositiveBigIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["subscription", "page_id"], name="one_alert_per_page")]

    def __str__(self):
        return f"{self.subscription_id}: {self.page_id}"
