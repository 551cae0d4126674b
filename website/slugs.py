"""Slugs are ASCII everywhere: "Byaråd på Öland" becomes "byarad-pa-oland".

Three public Wagtail mechanisms do it together:

- ``WAGTAIL_ALLOW_UNICODE_SLUGS = False`` (settings): the admin's slug widget (``SlugInput``) writes
  ASCII as the editor types, and Wagtail makes a missing page slug from the title in ASCII.
- ``register_form_field_override`` (below): every slug field in every Wagtail admin form, page types
  and snippets alike, turns what was posted into the same ASCII slug on the server, so a slug that
  reached the server unconverted (no JavaScript, a pasted value, an API client) is stored as ASCII too.
- ``TitleFieldPanel`` (pages get it from Wagtail; snippets use ``NameFieldPanel`` below): the slug
  follows the title or name as the editor types.
"""

from django import forms
from django.db import models
from django.utils.text import slugify
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.panels import TitleFieldPanel
from wagtail.admin.widgets import SlugInput


class AsciiSlugField(forms.SlugField):
    """A slug field that stores what the editor typed as an ASCII slug (å→a, ä→a, ö→o, spaces→-)."""

    def __init__(self, *args, allow_unicode=False, **kwargs):
        super().__init__(*args, allow_unicode=False, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return slugify(value) if value else value


def register():
    """Replace Wagtail's own override for slug fields (the SlugInput widget) with one that keeps it
    and adds the ASCII form field. Called once from WebsiteConfig.ready()."""
    register_form_field_override(models.SlugField, override={"widget": SlugInput, "form_class": AsciiSlugField})


class NameFieldPanel(TitleFieldPanel):
    """A snippet's name, with its slug following as the editor types while the snippet is new.

    Once saved, the slug is in addresses (an author's page, the calendar's filter) and stays put
    when the name is corrected.
    """

    def __init__(self, *args, placeholder=False, classname="", **kwargs):
        super().__init__(*args, placeholder=placeholder, classname=classname, **kwargs)

    class BoundPanel(TitleFieldPanel.BoundPanel):
        def get_should_apply(self):
            return self.instance is None or self.instance.pk is None
