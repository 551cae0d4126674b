"""A reader's answer to "Var sidan till hjälp?". Stored for the page owner, never shown on the site."""

from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_TEXT_LENGTH = 500


class PageFeedback(models.Model):
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("Sida"), on_delete=models.CASCADE, related_name="reader_feedback"
    )
    # The owner in force when the answer came (inherited down the tree): whom the digest went to.
    owner = models.ForeignKey(
        "stewardship.PageOwner",
        verbose_name=_("Sidansvarig"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reader_feedback",
    )
    helpful = models.BooleanField(verbose_name=_("Till hjälp"))
    text = models.TextField(verbose_name=_("Synpunkt"), max_length=MAX_TEXT_LENGTH, blank=True)
    created_at = models.DateTimeField(verbose_name=_("Inkom"), auto_now_add=True, db_index=True)
    digested_at = models.DateTimeField(verbose_name=_("Skickad till sidansvarig"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("Synpunkt på sida")
        verbose_name_plural = _("Synpunkter på sidor")

    def __str__(self):
        return f"{self.page_id}: {'ja' if self.helpful else 'nej'}"
