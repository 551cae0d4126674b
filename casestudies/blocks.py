"""The case studies' StreamField: the site-wide blocks plus a film shown behind a privacy facade."""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from website.blocks import RICH_TEXT_FEATURES, BaseStreamBlock

YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be", "www.youtube-nocookie.com"}
VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}
YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
VIMEO_ID = re.compile(r"^[0-9]{1,12}$")
VIMEO_HASH = re.compile(r"^[0-9a-f]{6,20}$")
DURATION = re.compile(r"^(?:(?P<hours>\d{1,2}):)?(?P<minutes>[0-5]?\d):(?P<seconds>[0-5]\d)$")


@dataclass(frozen=True)
class VideoRef:
    """A film on YouTube or Vimeo, known by its id: everything else is derived, never fetched."""

    provider: str
    video_id: str
    vimeo_hash: str = ""

    @property
    def provider_name(self):
        return "YouTube" if self.provider == "youtube" else "Vimeo"

    @property
    def embed_url(self):
        # The privacy-enhanced players: no tracking cookies until the reader plays the film.
        if self.provider == "youtube":
            return f"https://www.youtube-nocookie.com/embed/{self.video_id}?autoplay=1"
        url = f"https://player.vimeo.com/video/{self.video_id}?dnt=1&autoplay=1"
        return f"{url}&h={self.vimeo_hash}" if self.vimeo_hash else url

    @property
    def watch_url(self):
        if self.provider == "youtube":
            return f"https://www.youtube.com/watch?v={self.video_id}"
        return f"https://vimeo.com/{self.video_id}" + (f"/{self.vimeo_hash}" if self.vimeo_hash else "")


def parse_video_url(url):
    """The `VideoRef` for a YouTube or Vimeo address, or None if the address is neither."""
    try:
        parts = urlsplit((url or "").strip())
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or parts.username or parts.password or parts.port:
        return None
    host = (parts.hostname or "").lower()
    segments = [segment for segment in parts.path.split("/") if segment]
    query = parse_qs(parts.query)
    if host in YOUTUBE_HOSTS:
        candidate = ""
        if host == "youtu.be":
            candidate = segments[0] if segments else ""
        elif segments[:1] == ["watch"]:
            candidate = query.get("v", [""])[0]
        elif len(segments) >= 2 and segments[0] in ("embed", "shorts", "live", "v"):
            candidate = segments[1]
        return VideoRef("youtube", candidate) if YOUTUBE_ID.match(candidate) else None
    if host in VIMEO_HOSTS:
        if host == "player.vimeo.com":
            if len(segments) != 2 or segments[0] != "video" or not VIMEO_ID.match(segments[1]):
                return None
            vimeo_hash = query.get("h", [""])[0]
            return VideoRef("vimeo", segments[1], vimeo_hash if VIMEO_HASH.match(vimeo_hash) else "")
        # vimeo.com/123, vimeo.com/123/abcdef (unlisted), vimeo.com/channels/x/123, …/video/123
        for position, segment in enumerate(segments):
            if VIMEO_ID.match(segment):
                following = segments[position + 1] if position + 1 < len(segments) else ""
                return VideoRef("vimeo", segment, following if VIMEO_HASH.match(following) else "")
        return None
    return None


def duration_to_iso(text):
    """ "4:05" or "1:02:30" as ISO 8601 ("PT4M5S"), for <time datetime> and structured data."""
    match = DURATION.match((text or "").strip())
    if not match:
        return ""
    hours, minutes, seconds = (int(match.group(name) or 0) for name in ("hours", "minutes", "seconds"))
    return "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "") + f"{seconds}S"


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
        template = "casestudies/blocks/video_block.html"
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


class CaseStudyStreamBlock(BaseStreamBlock):
    video = VideoBlock()
