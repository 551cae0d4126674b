"""A communicator types a title with Swedish letters; the address beside it fills in ASCII."""

import pytest
from playwright.sync_api import expect

from .helpers import EDITOR


def type_into(page, url, field, text):
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.locator(field).press_sequentially(text)


pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def log_in(page, live_site):
    page.goto(live_site("/admin/login/"))
    page.fill("input[name=username]", EDITOR["username"])
    page.fill("input[name=password]", EDITOR["password"])
    with page.expect_navigation():
        page.locator("form button[type=submit]").click()


def test_slug_fills_in_ascii_as_the_editor_types(page, live_site):
    from wagtail.models import Site

    log_in(page, live_site)
    home = Site.objects.get(is_default_site=True).root_page
    type_into(page, live_site(f"/admin/pages/add/home/standardpage/{home.pk}/"), "#id_title", "Byaråd på Öland")
    expect(page.locator("#id_slug")).to_have_value("byarad-pa-oland")

    type_into(page, live_site("/admin/snippets/blog/author/add/"), "#id_name", "Åsa Öberg")
    expect(page.locator("#id_slug")).to_have_value("asa-oberg")

    type_into(page, live_site("/admin/snippets/events/organiser/add/"), "#id_name", "Bygdegården i Älvdalen")
    expect(page.locator("#id_slug")).to_have_value("bygdegarden-i-alvdalen")
