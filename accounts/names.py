"""The one call site for checking a display name a reader chooses on their account."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from discussion.names import clean_display_name

MAX_LENGTH = 50


def clean_account_display_name(value, user=None):
    """The name to store, or ValidationError in Swedish: the comment form's rules (discussion/names.py)."""
    value = (value or "").strip()
    if not value:
        raise ValidationError(_("Skriv ett namn som ska visas."), code="required")
    if len(value) > MAX_LENGTH:
        raise ValidationError(_("Namnet får vara högst %(max)s tecken."), params={"max": MAX_LENGTH}, code="max_length")
    return clean_display_name(value, user=user)
