"""Images are served as WebP renditions with dimensions and srcset, made before the first reader arrives."""

import re

import pytest
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.images.models import Rendition

from blog.models import BlogPage
from website.images import ALL_SPECS


@pytest.fixture
def demo_with_renditions(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo_content", "--no-admin", stdout=open("/dev/null", "w"))  # noqa: SIM115


def img_tags(html):
    return re.findall(r"<img\b[^>]*>", html)


@pytest.mark.django_db
def test_demo_images_are_prerendered_webp_with_size_and_srcset(demo_with_renditions, client):
    images = get_image_model().objects.all()
    assert images.exists()
    for image in images:
        specs = set(image.renditions.values_list("filter_spec", flat=True))
        assert set(ALL_SPECS) <= specs, image.title

    before = Rendition.objects.count()
    for path in ["/", "/blogg/"] + [post.url for post in BlogPage.objects.live()]:
        assert client.get(path).status_code == 200
    assert Rendition.objects.count() == before, "a reader's request had to make a rendition"

    # One demo load for both checks: loading it with renditions is the slow part.
    post = BlogPage.objects.get(slug="livskraftiga-landsbygder-bygger-pa-manga-roster")
    tags = img_tags(client.get(post.url).content.decode())
    hero = next(tag for tag in tags if "fetchpriority" in tag)
    assert ".webp" in hero and "srcset=" in hero and 'width="' in hero and 'height="' in hero
    assert 'loading="lazy"' not in hero, "the hero is above the fold"

    listing = img_tags(client.get("/blogg/").content.decode())
    cards = [tag for tag in listing if "card__image" in tag]
    assert len(cards) > 1
    for card in cards:
        assert ".webp" in card and "srcset=" in card and 'width="' in card
    # The first card is in view at once; the rest wait until they scroll near.
    assert 'loading="lazy"' not in cards[0] and 'fetchpriority="high"' in cards[0]
    assert all('loading="lazy"' in card for card in cards[1:])
