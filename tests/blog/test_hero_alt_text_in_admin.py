"""The hero image, as an editor meets it in the Wagtail admin: Wagtail's ImageBlock (one at most), with the
site's alt-text rule: no alt text and not decorative is refused, blank alt text is the image's description."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, rich_text, streamfield

from blog.models import BlogPage
from tests.factories import ImageFactory, admin_form_data

ALT_TEXT_ERROR = "Skriv en alternativtext, eller markera bilden som dekorativ."


def hero_stream(image, alt_text="", decorative=False):
    """The hero StreamField as the admin posts it: no block, or one ImageBlock."""
    if image is None:
        return streamfield([])
    value = {"image": image.pk, "alt_text": alt_text}
    if decorative:
        value["decorative"] = "on"
    return streamfield([("image", value)])


def post_form(client, url, author, image, alt_text="", decorative=False, **overrides):
    """The post form as the admin renders it at `url`, filled in by an editor; `image=None` for no hero."""
    data = {
        "title": "Byarna som bygger laddstolpar",
        "slug": "byarna-som-bygger-laddstolpar",
        "lead": "Byalagen tar ansvar för laddningen.",
        "hero": hero_stream(image, alt_text, decorative),
        "hero_caption": "",
        "hero_credit": "",
        "body": streamfield([("paragraph", rich_text("<p>Text om laddstolpar.</p>"))]),
        "blog_authors": inline_formset([{"author": author.pk}], min=1),
        "date": "2026-11-27",
        "updated_on": "",
        "tags": "laddning",
        "related_pages": inline_formset([]),
        "seo_title": "",
        "search_description": "",
        "action-publish": "action-publish",
    }
    data.update(overrides)
    return admin_form_data(client, url, data)


@pytest.fixture
def add_url(blog_index):
    return reverse("wagtailadmin_pages:add", args=("blog", "blogpage", blog_index.pk))


@pytest.fixture
def hero(media_root):
    return ImageFactory(title="Laddstolpe vid bygdegården")


def test_editor_cannot_publish_hero_without_alt_text(admin_client, add_url, author, hero):
    response = admin_client.post(add_url, post_form(admin_client, add_url, author, hero))

    assert response.status_code == 200
    assert ALT_TEXT_ERROR in response.content.decode()
    assert not BlogPage.objects.exists()


def test_editor_cannot_save_draft_with_hero_without_alt_text(admin_client, add_url, author, hero):
    data = post_form(admin_client, add_url, author, hero)
    del data["action-publish"]

    response = admin_client.post(add_url, data)

    assert response.status_code == 200
    assert ALT_TEXT_ERROR in response.content.decode()
    assert not BlogPage.objects.exists()


def test_whitespace_is_not_alt_text(admin_client, add_url, author, hero):
    response = admin_client.post(add_url, post_form(admin_client, add_url, author, hero, alt_text="   "))

    assert ALT_TEXT_ERROR in response.content.decode()
    assert not BlogPage.objects.exists()


def test_editor_publishes_hero_with_alt_text(admin_client, add_url, author, hero, client):
    alt = "En laddstolpe framför en röd bygdegård."
    response = admin_client.post(add_url, post_form(admin_client, add_url, author, hero, alt_text=alt))

    assert response.status_code == 302
    post = BlogPage.objects.get()
    assert post.live
    assert post.hero_image.contextual_alt_text == alt
    page = client.get(post.url).content.decode()
    assert f'alt="{alt}"' in page


def test_editor_publishes_decorative_hero_that_renders_empty_alt(admin_client, add_url, author, hero, client):
    response = admin_client.post(add_url, post_form(admin_client, add_url, author, hero, decorative=True))

    assert response.status_code == 302
    post = BlogPage.objects.get()
    assert post.live and post.hero_image.decorative
    html = client.get(post.url).content.decode()
    assert 'fetchpriority="high"' in html
    hero_tag = html[html.index('<figure class="figure hero">') :].split(">", 2)[1]
    assert 'alt=""' in hero_tag


def test_decorative_hero_hides_stored_alt_text(admin_client, add_url, author, hero, client):
    admin_client.post(add_url, post_form(admin_client, add_url, author, hero, decorative=True, alt_text="Gammal text"))

    html = client.get(BlogPage.objects.get().url).content.decode()
    assert "Gammal text" not in html


def test_post_without_hero_needs_no_alt_text(admin_client, add_url, author, hero):
    response = admin_client.post(add_url, post_form(admin_client, add_url, author, None))

    assert response.status_code == 302
    assert BlogPage.objects.get().live


def test_editing_a_published_post_to_remove_alt_text_is_refused(admin_client, add_url, author, hero, client):
    admin_client.post(add_url, post_form(admin_client, add_url, author, hero, alt_text="En laddstolpe."))
    post = BlogPage.objects.get()
    edit_url = reverse("wagtailadmin_pages:edit", args=(post.pk,))

    response = admin_client.post(edit_url, post_form(admin_client, edit_url, author, hero, alt_text=""))

    assert response.status_code == 200
    assert ALT_TEXT_ERROR in response.content.decode()
    post.refresh_from_db()
    assert post.hero_image.contextual_alt_text == "En laddstolpe."
    assert 'alt="En laddstolpe."' in client.get(post.url).content.decode()


def test_blank_hero_alt_text_is_the_image_s_description(admin_client, add_url, author, media_root, client):
    described = ImageFactory(title="laddstolpe.jpg", description="En laddstolpe vid bygdegårdens vägg.")

    response = admin_client.post(add_url, post_form(admin_client, add_url, author, described, alt_text=""))

    assert response.status_code == 302
    post = BlogPage.objects.get()
    assert post.hero_image.contextual_alt_text == "En laddstolpe vid bygdegårdens vägg."
    assert 'alt="En laddstolpe vid bygdegårdens vägg."' in client.get(post.url).content.decode()


def test_typed_hero_alt_text_wins_over_the_description(admin_client, add_url, author, media_root):
    described = ImageFactory(title="laddstolpe.jpg", description="En laddstolpe.")

    admin_client.post(add_url, post_form(admin_client, add_url, author, described, alt_text="Byalaget laddar."))

    assert BlogPage.objects.get().hero_image.contextual_alt_text == "Byalaget laddar."


def test_the_hero_is_wagtails_image_block_that_prefills_the_description(admin_client, add_url):
    # Wagtail's image-block.js (the ImageBlock's editor) fills the alt text with the chosen image's
    # description (see tests/website/test_image_block_alt_text.py); the hero uses that same block.
    html = admin_client.get(add_url).content.decode()

    assert "wagtail.images.blocks.ImageBlock" in html
    assert "wagtailimages/js/image-block.js" in html
    assert 'name="hero_image"' not in html and 'name="hero_alt_text"' not in html


def test_a_post_has_one_hero_image_at_most(admin_client, add_url, author, hero, media_root):
    second = ImageFactory(title="Andra bilden")
    blocks = [("image", {"image": picture.pk, "alt_text": "En bild."}) for picture in (hero, second)]

    response = admin_client.post(add_url, post_form(admin_client, add_url, author, hero, hero=streamfield(blocks)))

    assert response.status_code == 200
    assert not BlogPage.objects.exists()
