"""Addresses are ASCII: an editor who writes "Byaråd på Öland" gets /byarad-pa-oland/, on every page
type and on the snippets that have addresses (authors, organisers), as they type and on the server."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import querydict_from_html

from blog.models import Author
from events.models import Organiser
from home.models import StandardPage
from website.slugs import AsciiSlugField


def page_types():
    from wagtail.models import get_page_models

    return [model for model in get_page_models() if model is not Page]


def slug_and_title_inputs(html):
    soup = BeautifulSoup(html, "html.parser")
    return soup.select_one("input[name=slug]"), soup.select_one("input[name=title], input[name=name]")


@pytest.mark.parametrize("model", page_types(), ids=lambda model: model.__name__)
def test_every_page_type_makes_ascii_slugs(demo_site, admin_client, model):
    page = model.objects.order_by("pk").first()
    assert page is not None, f"the demo has no {model.__name__}"

    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    slug, _title = slug_and_title_inputs(response.content.decode())

    # The admin's slug widget writes ASCII as the editor types...
    assert "w-slug" in slug["data-controller"]
    assert not slug.has_attr("data-w-slug-allow-unicode-value")  # Django leaves a False attribute out
    # ...and the server turns whatever reaches it into the same.
    form_class = model.get_edit_handler().get_form_class()
    assert isinstance(form_class.base_fields["slug"], AsciiSlugField)
    assert page.slug.isascii()


@pytest.mark.parametrize("model", [m for m in page_types() if m.max_count is None], ids=lambda m: m.__name__)
def test_slug_follows_the_title_of_a_new_page(demo_site, admin_client, model):
    parent = next(p for p in Page.objects.order_by("path").specific() if model.can_create_at(p))
    url = reverse("wagtailadmin_pages:add", args=(model._meta.app_label, model._meta.model_name, parent.pk))

    slug, title = slug_and_title_inputs(admin_client.get(url).content.decode())

    assert "w-sync" in title["data-controller"]
    assert "keyup->w-sync#apply" in title["data-action"]
    assert title["data-w-sync-target-value"] == f"#{slug['id']}"


def post_standard_page(client, parent, **fields):
    url = reverse("wagtailadmin_pages:add", args=("home", "standardpage", parent.pk))
    data = querydict_from_html(client.get(url).content.decode(), form_id="page-edit-form").dict()
    data.update({"title": "Byaråd på Öland", "lead": "Om byaråden.", "body-count": "0"}, **fields)
    return client.post(url, data)


def test_page_slug_typed_with_swedish_letters_is_stored_in_ascii(demo_site, admin_client):
    response = post_standard_page(admin_client, demo_site.root_page, slug="Byaråd på Öland – så gör vi")

    assert response.status_code == 302
    page = StandardPage.objects.get(title="Byaråd på Öland")
    assert page.slug == "byarad-pa-oland-sa-gor-vi"


def test_page_slug_of_only_punctuation_is_refused_and_nothing_stored(demo_site, admin_client):
    before = StandardPage.objects.count()

    response = post_standard_page(admin_client, demo_site.root_page, slug="!!!")

    # Nothing of "!!!" is left for an address: the editor is asked to write one.
    assert response.status_code == 200
    assert response.context["form"].errors["slug"] == ["Det här fältet är obligatoriskt"]
    assert StandardPage.objects.count() == before


def test_new_slug_for_a_saved_page_is_stored_in_ascii(demo_site, admin_client):
    post_standard_page(admin_client, demo_site.root_page, slug="byarad")
    page = StandardPage.objects.get(title="Byaråd på Öland")
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    data = querydict_from_html(admin_client.get(url).content.decode(), form_id="page-edit-form").dict()
    data.update({"slug": "Gårdsbutiker i Ödeshög", "body-count": "0"})

    response = admin_client.post(url, data)

    assert response.status_code == 302
    page.refresh_from_db()
    assert page.slug == "gardsbutiker-i-odeshog"


SNIPPETS = [
    (Author, {"name": "Åsa Öberg", "role": "Utredare", "bio": "Skriver om service.", "photo": ""}),
    (Organiser, {"name": "Bygdegårdsföreningen i Älvdalen", "url": "", "description": ""}),
]


@pytest.mark.parametrize(("model", "fields"), SNIPPETS, ids=lambda value: getattr(value, "__name__", ""))
def test_snippet_slug_follows_the_name_while_new_and_is_ascii(demo_site, admin_client, model, fields):
    add_url = reverse(f"wagtailsnippets_{model._meta.app_label}_{model._meta.model_name}:add")

    slug, name = slug_and_title_inputs(admin_client.get(add_url).content.decode())
    assert not slug.has_attr("data-w-slug-allow-unicode-value")  # Django leaves a False attribute out
    assert "keyup->w-sync#apply" in name["data-action"]
    assert name["data-w-sync-target-value"] == f"#{slug['id']}"

    response = admin_client.post(add_url, {**fields, "slug": fields["name"]})

    assert response.status_code == 302
    stored = model.objects.get(name=fields["name"])
    assert stored.slug == {"Åsa Öberg": "asa-oberg"}.get(fields["name"], "bygdegardsforeningen-i-alvdalen")

    # Once saved the slug is in addresses: correcting the name no longer rewrites it.
    edit_url = reverse(f"wagtailsnippets_{model._meta.app_label}_{model._meta.model_name}:edit", args=(stored.pk,))
    _slug, name = slug_and_title_inputs(admin_client.get(edit_url).content.decode())
    assert "w-sync#apply" not in name.get("data-action", "")


def test_snippet_slug_of_only_punctuation_is_refused_and_nothing_stored(demo_site, admin_client):
    add_url = reverse("wagtailsnippets_blog_author:add")
    before = Author.objects.count()

    response = admin_client.post(add_url, {**SNIPPETS[0][1], "slug": "!!!"})

    assert response.status_code == 200
    assert response.context["form"].errors["slug"] == ["Det här fältet är obligatoriskt"]
    assert Author.objects.count() == before
