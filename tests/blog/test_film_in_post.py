"""A film in a blog post, or on any page with the site-wide blocks, is the case studies' film: a poster
from the site and a link until the reader clicks, nothing fetched from the video host (no oEmbed) when
the editor saves or the reader loads the page, and a transcript or captions before it is stored."""

import socket

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import get_page_models
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import rich_text, streamfield

from blog.models import BlogPage
from tests.blog.factories import make_post
from tests.blog.test_hero_alt_text_in_admin import post_form
from tests.factories import ImageFactory
from website.blocks import image_stream

YOUTUBE = "https://www.youtube.com/watch?v=Xk3vR8pLm2Q"
TRANSCRIPT_ERROR = (
    "Skriv en textversion av filmen, eller kryssa i att filmen är textad. Annars kan inte alla ta del av den."
)


@pytest.fixture
def no_network(monkeypatch):
    """Any connection to another host fails the test (an oEmbed fetch would be one)."""
    real_connect = socket.socket.connect

    def guarded_connect(sock, address):
        if sock.family in (socket.AF_INET, socket.AF_INET6) and address[0] not in {"127.0.0.1", "::1", "localhost"}:
            raise AssertionError(f"network access to {address!r}")
        return real_connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket, "create_connection", lambda address, *a, **k: guarded_connect(socket.socket(), address))


@pytest.fixture
def poster(media_root):
    return ImageFactory(title="Cykelverkstad i byn")


@pytest.fixture
def add_url(blog_index):
    return reverse("wagtailadmin_pages:add", args=("blog", "blogpage", blog_index.pk))


def film(poster, **overrides):
    value = {"url": YOUTUBE, "title": "Byns cykelverkstad", "poster": poster.pk, "duration": "2:30"}
    value.update(overrides)
    return ("video", value)


def form_with_film(client, page_url, author, poster, **film_fields):
    body = streamfield([("paragraph", rich_text("<p>Se filmen.</p>")), film(poster, **film_fields)])
    return post_form(client, page_url, author, poster, alt_text="Två personer lagar cyklar.", body=body)


def test_every_page_type_offers_the_film_and_no_oembed(db):
    for model in get_page_models():
        body = getattr(model, "body", None)
        if body is None or not hasattr(body.field, "stream_block"):
            continue
        children = body.field.stream_block.child_blocks
        assert "video" in children, model.__name__
        assert "embed" not in children, model.__name__


def test_film_in_a_post_is_a_facade_until_clicked(client, blog_index, author, poster, no_network):
    value = {
        "url": YOUTUBE,
        "title": "Byns cykelverkstad",
        "poster": poster,
        "duration": "2:30",
        "transcript": RichText("<p>Berättare: Här lagar vi cyklar tillsammans.</p>"),
        "captioned": False,
    }
    post = make_post(blog_index, authors=[author], hero=image_stream(poster, "Cyklar."), body=[("video", value)])

    response = client.get(post.url)

    html = BeautifulSoup(response.content, "html.parser")
    assert html.find("iframe") is None
    loading = [
        tag
        for tag in html.find_all(True)
        if tag.name != "a" and any("youtube" in (tag.get(name) or "") for name in ("src", "srcset", "href", "data"))
    ]
    assert loading == []
    play = html.select_one(".video__facade a.video__play")
    assert play["href"] == YOUTUBE
    assert play["data-video-embed"] == "https://www.youtube-nocookie.com/embed/Xk3vR8pLm2Q?autoplay=1"
    assert html.select_one(".video__facade img")["src"].startswith("/media/")
    assert "Här lagar vi cyklar tillsammans." in html.select_one("details.video__transcript").get_text()
    assert html.find("script", src="/static/js/video.js").has_attr("defer")


def test_film_without_transcript_or_captions_is_refused(admin_client, add_url, author, poster, no_network):
    response = admin_client.post(add_url, form_with_film(admin_client, add_url, author, poster))

    assert response.status_code == 200
    assert TRANSCRIPT_ERROR in response.content.decode().replace("\\u00e4", "ä").replace("\\u00e5", "å")
    assert not BlogPage.objects.exists()


def test_captioned_film_is_published_without_fetching_anything(admin_client, add_url, author, poster, no_network):
    response = admin_client.post(add_url, form_with_film(admin_client, add_url, author, poster, captioned="on"))

    assert response.status_code == 302
    post = BlogPage.objects.get()
    assert post.live
    assert [block.block_type for block in post.body] == ["paragraph", "video"]
    assert post.body[1].value["captioned"] is True


def test_film_from_another_host_is_refused(admin_client, add_url, author, poster, no_network):
    data = form_with_film(admin_client, add_url, author, poster, url="https://example.com/film.mp4", captioned="on")

    response = admin_client.post(add_url, data)

    assert response.status_code == 200
    assert not BlogPage.objects.exists()
