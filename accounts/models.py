"""What a reader chose to hear about by e-mail (Mitt konto), and addresses that asked for no more.

`NotificationChoices` belongs to an account; a reader who never opened the settings has no row and
gets the defaults. `NotificationOptOut` records an address (any commenter, with or without an
account) that used an unsubscribe link for one kind of mail; accounts.notifications reads both.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    PUBLISHED = "published", _("Kommentaren är publicerad")
    REFUSED = "refused", _("Kommentaren publicerades inte")
    REPLY = "reply", _("Nytt svar på kommentaren")


class NotificationChoices(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="notification_choices",
        verbose_name=_("Konto"),
    )
    published = models.BooleanField(
        verbose_name=_("När min kommentar har publicerats"),
        default=True,
        help_text=_("Ett e-postmeddelande med en länk till kommentaren på sidan."),
    )
    refused = models.BooleanField(
        verbose_name=_("När min kommentar inte publiceras"),
        default=True,
        help_text=_("Med moderatorns skäl. Kommentarer som bedöms som skräppost får inget svar."),
    )
    reply = models.BooleanField(
        verbose_name=_("När någon svarar på min kommentar"),
        default=False,
        help_text=_("När svaret har granskats och publicerats, aldrig för dina egna svar."),
    )

    class Meta:
        verbose_name = _("E-post om kommentarer")
        verbose_name_plural = _("E-post om kommentarer")

    def __str__(self):
        return str(self.user)

    @classmethod
    def for_user(cls, user):
        """The reader's choices; the defaults (unsaved) when they never changed them."""
        return cls.objects.filter(user=user).first() or cls(user=user)

    def wants(self, kind):
        return getattr(self, NotificationKind(kind).value)


class NotificationOptOut(models.Model):
    """An address that turned one kind of comment mail off with the link in such a mail."""

    email = models.EmailField(verbose_name=_("E-postadress"), max_length=254)
    kind = models.CharField(verbose_name=_("Sorts e-post"), max_length=10, choices=NotificationKind.choices)
    created_at = models.DateTimeField(verbose_name=_("Avslutad"), auto_now_add=True)

    class Meta:
        verbose_name = _("Avslutad e-post om kommentarer")
        verbose_name_plural = _("Avslutad e-post om kommentarer")
        constraints = [models.UniqueConstraint(fields=["email", "kind"], name="notification_optout_unique")]

    def __str__(self):
        return f"{self.email}: {self.kind}"
