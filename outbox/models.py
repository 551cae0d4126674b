"""Every e-mail the site sends is a row here first, then delivered by the task worker.

The row is written in the same transaction as the change it reports (a comment approved, a
subscription confirmed), so a rollback sends nothing and a commit can never lose its mail. A
`dedupe_key` makes "tell this person this thing" happen at most once however often it is asked.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutgoingEmail(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("I kö")
        SENT = "sent", _("Skickat")
        FAILED = "failed", _("Misslyckades")

    created_at = models.DateTimeField(verbose_name=_("Skapat"), auto_now_add=True)
    to = models.EmailField(verbose_name=_("Mottagare"), max_length=254)
    from_email = models.CharField(verbose_name=_("Avsändare"), max_length=300)
    subject = models.CharField(verbose_name=_("Ämne"), max_length=300)
    body_text = models.TextField(verbose_name=_("Text"))
    body_html = models.TextField(verbose_name=_("HTML"), blank=True)
    headers = models.JSONField(verbose_name=_("Rubriker"), default=dict, blank=True)
    # Unique when set: the second request to send the same notice finds it already queued.
    dedupe_key = models.CharField(verbose_name=_("Nyckel"), max_length=200, null=True, blank=True, unique=True)
    status = models.CharField(
        verbose_name=_("Status"), max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(verbose_name=_("Försök"), default=0)
    last_error = models.TextField(verbose_name=_("Senaste fel"), blank=True)
    next_attempt_at = models.DateTimeField(verbose_name=_("Nästa försök"), null=True, blank=True)
    sent_at = models.DateTimeField(verbose_name=_("Skickat"), null=True, blank=True)

    class Meta:
        verbose_name = _("Utgående e-postmeddelande")
        verbose_name_plural = _("Utgående e-postmeddelanden")
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due")]

    def __str__(self):
        return f"{self.to}: {self.subject}"
