"""The image block in every body StreamField is Wagtail's ImageBlock: alt text unless the editor marks the
picture decorative, the alt text prefilled from the image's description."""

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
    # No description: the editor must type the alt text (see the description tests below).
    return ImageFactory(title="Byns badplats")


def image_block(picture, alt_text="", decorative=None, **overrides):
    image = {"image": picture.pk, "alt_text": alt_text}
    if decorative:
        image["decorative"] = decorative
    return {"image": image, "caption": "", "credit": "", **overrides}


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
    assert ALT_TEXT_ERROR in str(raised.value.block_errors["image"].block_errors["alt_text"])


@pytest.mark.parametrize("overrides", [{"alt_text": "En brygga vid en sjö."}, {"decorative": True}])
def test_block_accepts_alt_text_or_decorative(picture, overrides):
    block = AccessibleImageBlock()
    value = block.clean(block.to_python(image_block(picture, **overrides)))
    assert value["image"].pk == picture.pk
    assert value["image"].decorative is bool(overrides.get("decorative"))


def test_the_image_chooser_hands_the_block_the_description_as_alt_text(admin_client, picture):
    picture.description = "En brygga vid en sjö, i kvällsljus."
    picture.save()
    # Wagtail's image-block.js fills the alt text field with the chosen image's default_alt_text.
    response = admin_client.get(reverse("wagtailimages_chooser:chosen", args=[picture.pk]))

    assert response.status_code == 200
    assert response.json()["result"]["default_alt_text"] == "En brygga vid en sjö, i kvällsljus."


def test_an_image_stored_by_id_alone_gets_the_description_as_alt_text(picture):
    picture.description = "En brygga vid en sjö, i kvällsljus."
    picture.save()
    value = AccessibleImageBlock().child_blocks["image"].to_python(picture.pk)

    assert value.contextual_alt_text == "En brygga vid en sjö, i kvällsljus."
    assert value.decorative is False


@pytest.mark.parametrize(
    ("old", "new_image"),
    [
        (
            {"image": 7, "alt_text": "Två cyklar.", "decorative": False},
            {"image": 7, "alt_text": "Två cyklar.", "decorative": False},
        ),
        ({"image": 7, "alt_text": "Syns inte", "decorative": True}, {"image": 7, "alt_text": "", "decorative": True}),
        ({"image": 7}, {"image": 7, "alt_text": "", "decorative": False}),
    ],
)
def test_stored_image_blocks_are_migrated_to_image_block_values(old, new_image):
    from website.stream_migrations import NestAltTextInImageBlock

    operation = NestAltTextInImageBlock()
    migrated = operation.apply({**old, "caption": "Bryggan", "credit": "Kim"})

    assert migrated == {"image": new_image, "caption": "Bryggan", "credit": "Kim"}
    assert operation.apply(migrated) == migrated


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


def test_blank_alt_text_in_an_image_block_is_the_image_s_description(admin_client, home_page, media_root, client):
    described = ImageFactory(title="brygga.jpg", description="En brygga i kvällsljus.")

    response = submit(admin_client, home_page, described, alt_text="")

    assert response.status_code == 302
    html = client.get(StandardPage.objects.get(live=True).url).content.decode()
    assert 'alt="En brygga i kvällsljus."' in html
