"""The image block in every body StreamField needs alt text unless the editor marks the picture decorative."""

import pytest
from django.urls import reverse
from wagtail.blocks import StructBlockValidationError
from wagtail.test.utils.form_data import streamfield

from home.models import StandardPage
from tests.factories import ImageFactory, admin_form_data
from website.blocks import AccessibleImageBlock

ALT_TEXT_ERROR = "Skriv en alternativtext, eller markera bilden som dekorativ."


@pytest.fixture
def picture(media_root):
    return ImageFactory(title="Byns badplats")


def image_block(picture, **overrides):
    value = {"image": picture.pk, "alt_text": "", "caption": "", "credit": ""}
    value.update(overrides)
    return value


def page_form(client, url, picture, **block_overrides):
    return admin_form_data(
        client,
        url,
        {
            "title": "Badplatser",
            "slug": "badplatser",
            "lead": "Om byarnas badplatser.",
            "body": streamfield([("image", image_block(picture, **block_overrides))]),
            "seo_title": "",
            "search_description": "",
            "action-publish": "action-publish",
        },
    )


def submit(client, home_page, picture, **block_overrides):
    url = reverse("wagtailadmin_pages:add", args=("home", "standardpage", home_page.pk))
    return client.post(url, page_form(client, url, picture, **block_overrides))


def test_block_refuses_image_without_alt_text(picture):
    block = AccessibleImageBlock()
    with pytest.raises(StructBlockValidationError) as raised:
        block.clean(block.to_python(image_block(picture)))
    assert ALT_TEXT_ERROR in str(raised.value.block_errors["alt_text"])


@pytest.mark.parametrize("overrides", [{"alt_text": "En brygga vid en sjö."}, {"decorative": True}])
def test_block_accepts_alt_text_or_decorative(picture, overrides):
    block = AccessibleImageBlock()
    value = block.clean(block.to_python(image_block(picture, **overrides)))
    assert value["image"] == picture


def test_editor_cannot_publish_image_block_without_alt_text(admin_client, home_page, picture):
    response = submit(admin_client, home_page, picture)

    assert response.status_code == 200
    assert ALT_TEXT_ERROR in response.content.decode()
    assert not StandardPage.objects.exists()


def test_editor_publishes_image_block_with_alt_text(admin_client, home_page, picture, client):
    response = submit(admin_client, home_page, picture, alt_text="En brygga vid en sjö.")

    assert response.status_code == 302
    html = client.get(StandardPage.objects.get(live=True).url).content.decode()
    assert 'alt="En brygga vid en sjö."' in html


def test_editor_publishes_decorative_image_block_with_empty_alt(admin_client, home_page, picture, client):
    response = submit(admin_client, home_page, picture, decorative="on", alt_text="Ska inte synas")

    assert response.status_code == 302
    html = client.get(StandardPage.objects.get(live=True).url).content.decode()
    assert 'alt=""' in html
    assert "Ska inte synas" not in html
