"""The one rule for an image's alt text, wherever an editor places a picture (hero or body block).

An image needs alt text unless the editor marks it decorative. Alt text left blank is taken from
the image's description, so a description typed once in the image library serves every page
that uses the picture. With neither, the editor is asked for one.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ALT_TEXT_MISSING = _("Skriv en alternativtext, eller markera bilden som dekorativ.")


def alt_text_for(image, alt_text, decorative):
    """The alt text to store for `image`: "" when decorative, else the editor's or the description."""
    if image is None or decorative:
        return ""
    text = (alt_text or "").strip() or (getattr(image, "description", "") or "").strip()
    if not text:
        raise ValidationError(ALT_TEXT_MISSING)
    return text
