"""The demo loader: safe to run twice, and the pages it makes render without any network."""

import socket

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from blog.demo import DIGITAL_CAFE_URL
from blog.models import Author, BlogPage

LOCAL_HOSTS = {"127.0.0.1", "::1", "localhost"}


@pytest.fixture
def no_network(monkeypatch):
    """Any connection to another host fails the test; the local database stays reachable."""
    real_connect = socket.socket.connect

    def guarded_connect(sock, address):
        if sock.family in (socket.AF_INET, socket.AF_INET6) and address[0] not in LOCAL_HOSTS:
            raise AssertionError(f"network access to {address!r}")
        return real_connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket, "create_connection", lambda address, *a, **k: guarded_connect(socket.socket(), address))


def counts():
    return {
        "pages": Page.objects.count(),
        "live pages": Page.objects.live().count(),
        "revisions": Revision.objects.count(),
        "images": get_image_model().objects.count(),
        "authors": Author.objects.count(),
        "blog posts": BlogPage.objects.count(),
    }


def load():
    with open("/dev/null", "w") as quiet:
        call_command("load_demo_content", "--no-admin", stdout=quiet)


def test_demo_loader_run_twice_creates_nothing_the_second_time(db, settings, tmp_path, no_network):
    settings.MEDIA_ROOT = tmp_path / "media"

    load()
    first = counts()
    load()

    assert counts() == first
    assert first["blog posts"] >= 7 and first["authors"] >= 2 and first["images"] >= 3


def test_demo_pages_render_without_network(demo_site, client, no_network):
    for page in Page.objects.live().specific().filter(depth__gte=2):
        response = client.get(page.url)
        assert response.status_code == 200, page.url
    for path in ("/blogg/rss/", "/sitemap.xml", "/robots.txt", "/sok/?q=kommun"):
        assert client.get(path).status_code == 200, path


def test_demo_modelled_post_has_its_anatomy(demo_site, client):
    html = client.get("/blogg/livskraftiga-landsbygder-bygger-pa-manga-roster/").content.decode()

    assert 'alt="Två personer lagar cyklar utomhus.' in html
    assert html.count("<h2>") >= 6
    cafe = BeautifulSoup(html, "html.parser").find("a", href=DIGITAL_CAFE_URL)
    assert cafe["target"] == "_blank" and cafe["rel"] == ["noopener"]
    assert "(öppnas i nytt fönster)" in cafe.get_text()
    assert 'class="author-box"' in html


def test_demo_images_carry_a_description_for_alt_text(demo_site):
    from wagtail.images import get_image_model

    images = get_image_model().objects.filter(title__in=["Två personer lagar cyklar", "Landskap 1"])
    assert {image.title: image.description for image in images} == {
        "Två personer lagar cyklar": "Två personer lagar cyklar utomhus. I mitten av bilden står ett cykelhjul med ekrar.",
        "Landskap 1": "Tecknat landskap med hus och granar.",
    }
