"""Who hears about a comment by e-mail, and the signed one-click links that turn a kind of mail off.

A commenter with an account gets what they chose in Mitt konto (models.NotificationChoices). A
commenter without one keeps the comment form's rule (the "published" notice only when they ticked the
box, the refusal with its reason always, no reply notices) unless their address used an unsubscribe
link for that kind (models.NotificationOptOut).

Each link carries the kind and the account's id, or the address for a commenter without an account,
signed with SECRET_KEY and a salt of its own, so it cannot be turned into a link for another reader
or another kind. It works without logging in and never expires: a mail read a year later still
unsubscribes.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse

from .models import NotificationChoices, NotificationKind, NotificationOptOut

SALT = "accounts.notification-unsubscribe"


@dataclass
class Recipient:
    email: str
    unsubscribe_url: str


def token_for(kind, *, user=None, email=None):
    kind = NotificationKind(kind).value
    if user is not None:
        return signing.dumps([kind, "u", user.pk], salt=SALT, compress=True)
    return signing.dumps([kind, "e", email.strip().lower()], salt=SALT, compress=True)


def unsubscribe_url(kind, *, user=None, email=None):
    """An absolute URL (mail is read outside the site)."""
    path = reverse("notification_unsubscribe", args=[token_for(kind, user=user, email=email)])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def read(token):
    """(kind, "u", user id) or (kind, "e", address); raises signing.BadSignature for anything forged."""
    data = signing.loads(token, salt=SALT)
    if not (isinstance(data, list) and len(data) == 3 and data[0] in NotificationKind.values):
        raise signing.BadSignature("unexpected payload")
    kind, who, value = data
    if not ((who == "u" and isinstance(value, int)) or (who == "e" and isinstance(value, str) and value)):
        raise signing.BadSignature("unexpected payload")
    return kind, who, value


def turn_off(token):
    """Turn the link's kind of mail off; returns the kind. Raises signing.BadSignature for a bad link."""
    kind, who, value = read(token)
    if who == "u":
        from django.contrib.auth import get_user_model

        user = get_user_model().objects.filter(pk=value).first()
        if user is not None:
            with transaction.atomic():
                NotificationChoices.objects.update_or_create(user=user, defaults={kind: False})
    else:
        try:
            with transaction.atomic():
                NotificationOptOut.objects.get_or_create(email=value, kind=kind)
        except IntegrityError:
            pass  # the same link, followed twice at once: the other request stored it
    return kind


def opted_out(email, kind):
    return NotificationOptOut.objects.filter(email=email.strip().lower(), kind=kind).exists()


def recipient(comment, kind):
    """Where to send `kind` of mail about this comment, with its unsubscribe link, or None."""
    kind = NotificationKind(kind)
    user = comment.user if comment.user_id else None
    if user is not None:
        if not user.is_active or not user.email or not NotificationChoices.for_user(user).wants(kind):
            return None
        return Recipient(user.email, unsubscribe_url(kind, user=user))
    email = (comment.user_email or "").strip()
    if not email:
        return None
    wanted = {
        NotificationKind.PUBLISHED: comment.notify_on_approval,
        NotificationKind.REFUSED: True,
        NotificationKind.REPLY: False,
    }[kind]
    if not wanted or opted_out(email, kind):
        return None
    return Recipient(email, unsubscribe_url(kind, email=email))
