"""The film facade: the page shows a site-hosted poster and a link; the player loads only after a click."""

import json

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from wagtail.rich_text import RichText

from tests.casestudies.factories import CaseStudyPageFactory
from tests.factories import ImageFactory, publish
from website.video import parse_video_url

VIDEO_HOSTS = ("youtube", "youtu.be", "vimeo")
LOADING_ATTRIBUTES = ("src", "srcset", "href", "poster", "data", "action", "formaction")


def film(poster, url, **overrides):
    value = {
        "url": url,
        "title": "Fler röster i strategin",
        "poster": poster,
        "duration": "4:05",
        "transcript": RichText("<p>Berättare: Vi bjöd in fler än vanligt.</p>"),
        "captioned": False,
    }
    value.update(overrides)
    return ("video", value)


@pytest.fixture
def poster(media_root):
    return ImageFactory(title="Möte i bygdegården")


@pytest.fixture
def page_with_film(case_index, poster):
    def make(url, **overrides):
        page = CaseStudyPageFactory(parent=case_index, body=[film(poster, url, **overrides)])
        return publish(page)

    return make


def fetch(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return response, BeautifulSoup(response.content, "html.parser")


def loads_from_video_host(tag):
    """True if the browser would fetch this element's resource from a video host while loading the page."""
    if tag.name == "a":
        return False  # a link is only followed when the reader chooses to
    return any(host in (tag.get(attribute) or "") for attribute in LOADING_ATTRIBUTES for host in VIDEO_HOSTS)


def test_youtube_film_is_a_facade_until_clicked(client, page_with_film):
    response, html = fetch(client, page_with_film("https://www.youtube.com/watch?v=Xk3vR8pLm2Q"))

    assert html.find("iframe") is None
    assert [tag for tag in html.find_all(True) if loads_from_video_host(tag)] == []
    assert not html.find("link", rel="preconnect")
    assert not html.find("link", rel="dns-prefetch")

    facade = html.select_one(".video__facade")
    poster = facade.find("img")
    assert poster["src"].startswith(settings.MEDIA_URL)
    assert poster["alt"] == ""
    play = facade.find("a", class_="video__play")
    # Without JavaScript the "button" is a plain link to the film; video.js swaps in the player frame.
    assert play["href"] == "https://www.youtube.com/watch?v=Xk3vR8pLm2Q"
    assert play["data-video-embed"] == "https://www.youtube-nocookie.com/embed/Xk3vR8pLm2Q?autoplay=1"
    assert play["data-video-title"] == "Fler röster i strategin"
    assert "Spela upp filmen" in play.get_text()
    assert html.find("script", src="/static/js/video.js").has_attr("defer")


def test_vimeo_film_uses_the_do_not_track_player(client, page_with_film):
    response, html = fetch(client, page_with_film("https://vimeo.com/760000001"))

    play = html.select_one(".video__play")
    assert play["href"] == "https://vimeo.com/760000001"
    assert play["data-video-embed"] == "https://player.vimeo.com/video/760000001?dnt=1&autoplay=1"
    assert html.find("iframe") is None
    assert [tag for tag in html.find_all(True) if loads_from_video_host(tag)] == []


def test_transcript_is_in_an_expandable_section(client, page_with_film):
    response, html = fetch(client, page_with_film("https://youtu.be/Xk3vR8pLm2Q"))

    details = html.select_one(".video details")
    assert details.find("summary").get_text(strip=True) == "Läs filmen som text"
    assert "Vi bjöd in fler än vanligt." in details.get_text()
    assert html.select_one(".video time")["datetime"] == "PT4M5S"


def test_captioned_film_says_so(client, page_with_film):
    response, html = fetch(
        client, page_with_film("https://www.youtube.com/watch?v=Xk3vR8pLm2Q", transcript=RichText(""), captioned=True)
    )

    assert "Filmen är textad." in html.select_one(".video").get_text()
    assert html.select_one(".video details") is None


def test_page_with_film_has_no_inline_code_and_allows_only_the_players_in_frames(client, page_with_film):
    response, html = fetch(client, page_with_film("https://www.youtube.com/watch?v=Xk3vR8pLm2Q"))

    assert not [tag for tag in html.find_all(True) if tag.has_attr("style")]
    assert not [tag for tag in html.find_all(True) if any(name.startswith("on") for name in tag.attrs)]
    inline_scripts = [s for s in html.find_all("script") if not s.has_attr("src")]
    assert all(script["type"] == "application/ld+json" for script in inline_scripts)
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "frame-src https://www.youtube-nocookie.com https://player.vimeo.com" in policy


def test_structured_data_describes_the_case_study_and_its_film(client, page_with_film):
    page = page_with_film("https://www.youtube.com/watch?v=Xk3vR8pLm2Q")
    response, html = fetch(client, page)

    data = json.loads(html.find("script", type="application/ld+json").string)
    assert data["@type"] == "Article"
    assert data["about"] == {"@type": "GovernmentOrganization", "name": page.organisation_name}
    assert data["spatialCoverage"]["name"] == "Jämtlands län"
    (video,) = data["video"]
    assert video["@type"] == "VideoObject"
    assert video["embedUrl"] == "https://www.youtube-nocookie.com/embed/Xk3vR8pLm2Q"
    assert video["thumbnailUrl"].startswith("http://testserver/")
    assert video["duration"] == "PT4M5S"
    assert video["transcript"] == "Berättare: Vi bjöd in fler än vanligt."


def test_video_script_builds_a_titled_frame_only_on_click():
    script = (settings.BASE_DIR / "static" / "js" / "video.js").read_text()

    assert 'addEventListener("click"' in script
    assert 'createElement("iframe")' in script
    assert "frame.title" in script
    assert "https://www.youtube-nocookie.com/embed/" in script
    assert "https://player.vimeo.com/video/" in script


@pytest.mark.parametrize(
    ("url", "provider", "video_id"),
    [
        ("https://www.youtube.com/watch?v=Xk3vR8pLm2Q", "youtube", "Xk3vR8pLm2Q"),
        ("https://www.youtube.com/watch?feature=share&v=Xk3vR8pLm2Q", "youtube", "Xk3vR8pLm2Q"),
        ("https://m.youtube.com/watch?v=Xk3vR8pLm2Q&t=30", "youtube", "Xk3vR8pLm2Q"),
        ("https://youtu.be/Xk3vR8pLm2Q?si=abc", "youtube", "Xk3vR8pLm2Q"),
        ("https://www.youtube.com/embed/Xk3vR8pLm2Q", "youtube", "Xk3vR8pLm2Q"),
        ("https://www.youtube.com/shorts/Xk3vR8pLm2Q", "youtube", "Xk3vR8pLm2Q"),
        ("https://www.youtube-nocookie.com/embed/Xk3vR8pLm2Q", "youtube", "Xk3vR8pLm2Q"),
        ("https://vimeo.com/760000001", "vimeo", "760000001"),
        ("https://vimeo.com/channels/staffpicks/760000001", "vimeo", "760000001"),
        ("https://player.vimeo.com/video/760000001?h=abc123def0", "vimeo", "760000001"),
    ],
)
def test_video_addresses_are_understood(url, provider, video_id):
    ref = parse_video_url(url)

    assert (ref.provider, ref.video_id) == (provider, video_id)


def test_unlisted_vimeo_film_keeps_its_hash():
    ref = parse_video_url("https://vimeo.com/760000001/abc123def0")

    assert ref.embed_url == "https://player.vimeo.com/video/760000001?dnt=1&autoplay=1&h=abc123def0"


@pytest.mark.parametrize(
    "url",
    [
        "",
        "not a url",
        "javascript:alert(1)",
        "https://example.com/watch?v=Xk3vR8pLm2Q",
        "https://youtube.com.evil.example/watch?v=Xk3vR8pLm2Q",
        "https://www.youtube.com/watch?v=Xk3vR8pLm2Q<script>",
        "https://www.youtube.com/watch",
        "https://user:pass@www.youtube.com/watch?v=Xk3vR8pLm2Q",
        "https://vimeo.com/",
        "https://player.vimeo.com/video/abc",
        "http://[::1",
    ],
)
def test_other_addresses_are_refused(url):
    assert parse_video_url(url) is None
