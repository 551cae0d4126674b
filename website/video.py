"""Films on YouTube and Vimeo, known by their address alone: nothing is ever fetched from the host
(no oEmbed). The `VideoBlock` in website/blocks.py shows them behind a privacy facade."""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

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
