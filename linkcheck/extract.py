"""The links a page carries, read from its content (never by rendering it).

External links come from rich text (fields and blocks), URL blocks and URL fields. Internal links
(pages, documents, images) come from Wagtail's reference index, which already follows rich text,
StreamField blocks, choosers and inline related pages; the content is read here only for the text a
reader sees on each link.
"""

from dataclasses import dataclass

from bs4 import BeautifulSoup
from django.db import models
from wagtail import blocks
from wagtail.documents import get_document_model
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex
from wagtail.rich_text import RichText


@dataclass(frozen=True)
class Link:
    url: str
    text: str


@dataclass(frozen=True)
class Reference:
    """An internal link: a target model and primary key, with the text around it."""

    model: type
    object_id: str
    text: str  # the text on the link, "" where the page shows the target's own title (a chooser, a related page)
    where: str = ""  # the field or block it is in, as the reference index describes it


class _Collector:
    def __init__(self):
        self.external = []
        self.texts = {}  # ("page"|"document"|"image", id) -> link text

    def html(self, source):
        for anchor in BeautifulSoup(source or "", "html.parser").find_all("a"):
            text = " ".join(anchor.get_text(" ").split())
            if anchor.get("linktype") and str(anchor.get("id", "")).isdigit():
                self.texts.setdefault((anchor["linktype"], str(anchor["id"])), text)
            elif anchor.get("href", "").startswith(("http://", "https://")):
                self.external.append(Link(anchor["href"].strip(), text))

    def url(self, value, text):
        if isinstance(value, str) and value.startswith(("http://", "https://")):
            self.external.append(Link(value.strip(), text))

    def block(self, block, value, text=""):
        if value is None:
            return
        if isinstance(value, RichText):
            self.html(value.source)
        elif isinstance(block, blocks.StreamBlock):
            for child in value:
                self.block(child.block, child.value)
        elif isinstance(block, blocks.ListBlock):
            for item in value:
                self.block(block.child_block, item)
        elif isinstance(block, blocks.StructBlock) and isinstance(value, blocks.StructValue):
            # A StructBlock whose value is no StructValue (Wagtail's ImageBlock gives the Image) has no links.
            label = value.get("text") or value.get("title") or ""
            for name, child_block in block.child_blocks.items():
                self.block(child_block, value.get(name), text=label)
        elif isinstance(block, blocks.URLBlock):
            self.url(value, text)
        elif isinstance(block, blocks.PageChooserBlock) and text:
            self.texts.setdefault(("page", str(value.pk)), text)


def _collect(page):
    collector = _Collector()
    for field in page._meta.get_fields():
        if isinstance(field, StreamField):
            collector.block(field.stream_block, getattr(page, field.name))
        elif isinstance(field, RichTextField):
            collector.html(getattr(page, field.name))
        elif isinstance(field, models.URLField):
            collector.url(getattr(page, field.name), str(field.verbose_name))
    return collector


def external_links(page):
    """The page's links to other sites, each address once (with the first text it has)."""
    seen = {}
    for link in _collect(page).external:
        seen.setdefault(link.url, link)
    return list(seen.values())


def _linktype(model):
    """How rich text names a link to this (base) model: `<a linktype="page" id="…">`."""
    if issubclass(model, Page):
        return "page"
    if issubclass(model, get_document_model()):
        return "document"
    if issubclass(model, get_image_model()):
        return "image"
    return None


def internal_references(page):
    """What the page links to on the site, with each link's text.

    From the reference index (rich text, blocks, choosers, inline related pages; it names each target
    by its base model), and from the rich text itself: when a page is deleted Wagtail drops the index
    rows that point to it, but the `<a linktype="page" id="…">` stays in the text of the pages linking to it."""
    collector = _collect(page)
    references, seen = [], set()
    for row in ReferenceIndex.get_references_for_object(page).select_related("to_content_type"):
        model = row.to_content_type.model_class()
        if model is None:
            continue
        key = (_linktype(model), str(row.to_object_id))
        seen.add(key)
        references.append(Reference(model, key[1], collector.texts.get(key, ""), str(row.describe_source_field())))
    models_of = {"page": Page, "document": get_document_model(), "image": get_image_model()}
    for (linktype, object_id), text in collector.texts.items():
        if (linktype, object_id) not in seen and linktype in models_of:
            references.append(Reference(models_of[linktype], object_id, text))
    return references
