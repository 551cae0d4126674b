"""The site-wide StreamField blocks, films included. Apps subclass `BaseStreamBlock` when they need a block more."""

from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock, ImageChooserBlock

from website.alt_text import alt_text_for
from website.video import DURATION, duration_to_iso, parse_video_url


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Rubrik"), help_text=_("Kort och beskrivande, gärna under 60 tecken."))
    level = blocks.ChoiceBlock(
        label=_("Nivå"),
        choices=[("h2", _("Mellanrubrik (H2)")), ("h3", _("Underrubrik (H3)"))],
        default="h2",
        help_text=_("H2 för avsnitt, H3 för delar av ett avsnitt. Hoppa inte över nivåer."),
    )

    class Meta:
        icon = "title"
        label = _("Rubrik")
        template = "components/blocks/heading_block.html"
        preview_value = {"text": "Fler röster i utvecklingsarbetet", "level": "h2"}
        description = _("En mellanrubrik som delar upp texten och syns i skärmläsarens rubriklista.")


class DescribedImageBlock(ImageBlock):
    """Wagtail's ImageBlock with the site's alt-text rule (website.alt_text): blank alt text is the
    image's description. Deconstructs as Wagtail's ImageBlock; only validation differs."""

    def clean(self, value):
        if value is not None and not getattr(value, "decorative", False):
            try:
                value.contextual_alt_text = alt_text_for(value, value.contextual_alt_text, False)
            except ValidationError as error:
                raise blocks.StructBlockValidationError(block_errors={"alt_text": error}) from error
        return super().clean(value)


def image_stream(image, alt_text="", decorative=False, block_name="image"):
    """A one-picture StreamField value (a page's hero) for code that places a picture without the admin
    form (demo content, tests), under the same rule: blank alt text is the image's description."""
    if image is None:
        return []
    value = {"image": image.pk, "alt_text": alt_text_for(image, alt_text, decorative), "decorative": bool(decorative)}
    return [{"type": block_name, "value": value}]


class AccessibleImageBlock(blocks.StructBlock):
    """A picture with caption and credit. Its alt text is Wagtail's `ImageBlock`: alt text or
    "decorative", one of the two required (ImageBlock.clean), the alt text prefilled from the image's
    description when the editor picks it, and taken from it when left blank. The value's `image` is the Image itself, carrying
    `contextual_alt_text` and `decorative`."""

    image = DescribedImageBlock(label=_("Bild"))
    caption = blocks.CharBlock(label=_("Bildtext"), required=False)
    credit = blocks.CharBlock(label=_("Fotograf"), required=False, help_text=_("Visas som ”Foto: …”."))

    class Meta:
        icon = "image"
        label = _("Bild")
        template = "components/blocks/image_block.html"
        description = _("En bild med alternativtext, bildtext och fotograf.")


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Citat"))
    attribution = blocks.CharBlock(label=_("Vem sa det"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Citat")
        template = "components/blocks/quote_block.html"
        preview_value = {
            "quote": "När fler fick vara med blev strategin både bättre och mer använd.",
            "attribution": "Utvecklingsstrateg i en region",
        }
        description = _("Ett framhävt citat med källa.")


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Länktext"), help_text=_("Säg vart länken leder, inte ”klicka här”."))
    page = blocks.PageChooserBlock(label=_("Sida på webbplatsen"), required=False)
    url = blocks.URLBlock(label=_("Extern adress"), required=False)
    open_in_new_window = blocks.BooleanBlock(
        label=_("Öppna i nytt fönster"),
        required=False,
        help_text=_("Läsaren får veta det i länktexten: ”(öppnas i nytt fönster)”."),
    )

    class Meta:
        icon = "link"
        label = _("Uppmaning med länk")
        template = "components/blocks/call_to_action_block.html"
        preview_value = {"text": "Anmäl dig till den digitala caféträffen", "url": "https://example.se/"}
        description = _("En tydlig länk som uppmanar läsaren att göra något.")

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise blocks.StructBlockValidationError(
                block_errors={"url": ValidationError(_("Välj antingen en sida eller en extern adress."))}
            )
        return value


RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class RichTextBlock(blocks.RichTextBlock):
    class Meta:
        icon = "pilcrow"
        label = _("Text")
        template = "components/blocks/rich_text_block.html"
        preview_value = "<p>Landsbygder som växer bygger på människor som möts och hittar lösningar tillsammans.</p>"
        description = _("Brödtext med länkar och listor.")


class VideoEmbedBlock(EmbedBlock):
    """No longer offered to editors (it fetched oEmbed at save); kept because old migrations name it."""

    class Meta:
        icon = "media"
        label = _("Inbäddad media")
        description = _("En länk till en extern tjänst. Läsaren ser en länk tills sidan kan bädda in den.")


class VideoValue(blocks.StructValue):
    @property
    def video(self):
        return parse_video_url(self.get("url"))

    @property
    def iso_duration(self):
        return duration_to_iso(self.get("duration"))

    @property
    def has_transcript(self):
        return bool(strip_tags(getattr(self.get("transcript"), "source", "") or "").strip())


class VideoBlock(blocks.StructBlock):
    url = blocks.URLBlock(
        label=_("Adress till filmen"),
        help_text=_("Adressen till filmen på YouTube eller Vimeo, till exempel https://www.youtube.com/watch?v=…"),
    )
    title = blocks.CharBlock(
        label=_("Filmens titel"),
        max_length=200,
        help_text=_("Visas under filmen och läses upp för den som använder skärmläsare."),
    )
    poster = ImageChooserBlock(
        label=_("Affischbild"),
        help_text=_("En bild ur filmen, uppladdad här. Visas tills läsaren väljer att spela upp filmen."),
    )
    duration = blocks.CharBlock(
        label=_("Längd"),
        required=False,
        max_length=8,
        help_text=_("Filmens längd som minuter:sekunder, till exempel 4:05, eller timmar:minuter:sekunder."),
    )
    transcript = blocks.RichTextBlock(
        label=_("Textversion"),
        required=False,
        features=RICH_TEXT_FEATURES,
        help_text=_("Allt som sägs och visas i filmen, i text. Krävs om filmen inte är textad."),
    )
    captioned = blocks.BooleanBlock(
        label=_("Filmen är textad"),
        required=False,
        help_text=_("Kryssa i bara om allt tal i filmen finns som undertexter på svenska."),
    )

    class Meta:
        icon = "media"
        label = _("Film")
        template = "components/blocks/video_block.html"
        value_class = VideoValue
        preview_value = {
            "url": "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
            "title": "Så hörde regionen fler röster",
            "duration": "4:05",
            "transcript": "<p>Berättare: Vi bjöd in fler än vanligt när strategin skulle skrivas.</p>",
            "captioned": False,
        }
        description = _(
            "En film från YouTube eller Vimeo. Läsaren ser en bild från webbplatsen tills hen väljer att spela upp "
            "filmen; först då hämtas den från videotjänsten."
        )

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        if value.get("url") and parse_video_url(value["url"]) is None:
            errors["url"] = ValidationError(
                _("Ange en adress till en film på YouTube (youtube.com, youtu.be) eller Vimeo (vimeo.com).")
            )
        if value.get("duration") and not DURATION.match(value["duration"].strip()):
            errors["duration"] = ValidationError(_("Skriv längden som minuter:sekunder, till exempel 4:05."))
        # WCAG 1.2.2: a film with speech needs captions or a text alternative.
        if not value.has_transcript and not value.get("captioned"):
            errors["transcript"] = ValidationError(
                _(
                    "Skriv en textversion av filmen, eller kryssa i att filmen är textad. Annars kan inte alla ta del av den."
                )
            )
        if errors:
            raise blocks.StructBlockValidationError(block_errors=errors)
        return value


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = RichTextBlock(features=RICH_TEXT_FEATURES)
    image = AccessibleImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    video = VideoBlock()
