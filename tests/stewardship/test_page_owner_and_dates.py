"""Every page says who answers for it and when it was published, updated and reviewed (R21, R23)."""

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.management import call_command
from wagtail.models import Page
from wagtail.test.utils.form_data import streamfield

from stewardship.models import PageOwner
from tests import factories

STOCKHOLM = datetime.timezone(datetime.timedelta(hours=1))


def page_facts(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    facts = BeautifulSoup(response.content, "html.parser").select_one(".page-facts")
    assert facts is not None, "no page foot"
    return {dt.get_text(strip=True): dt.find_next_sibling("dd") for dt in facts.select("dt")}


def test_owner_set_on_a_section_is_shown_on_the_pages_below(client, section, child):
    facts = page_facts(client, child)
    assert facts["Sidansvarig"].get_text(" ", strip=True) == (
        "Enheten för lokal utveckling, skriver om lokalt utvecklingsarbete"
    )
    assert facts["Kontakt"].select_one("a[href='mailto:lokal@example.se']") is not None


def test_a_page_with_its_own_owner_shows_that_one(client, section):
    own = PageOwner.objects.create(name="Analysenheten", role="", phone="010-000 00 30")
    page = factories.publish(factories.StandardPageFactory(parent=section, title="Statistik", page_owner=own))
    facts = page_facts(client, page)
    assert facts["Sidansvarig"].get_text(strip=True) == "Analysenheten"
    assert facts["Kontakt"].select_one("a[href='tel:010-0000030']").get_text() == "010-000 00 30"


def test_a_personal_address_is_not_shown_unless_the_owner_says_so(client, home_page):
    person = PageOwner.objects.create(
        name="Handläggare för bredband", email="fornamn.efternamn@example.se", show_email=False, phone="010-1"
    )
    page = factories.publish(factories.StandardPageFactory(parent=home_page, page_owner=person))
    html = client.get(page.url).content.decode()
    assert "fornamn.efternamn@example.se" not in html
    assert "Handläggare för bredband" in html

    person.show_email = True
    person.save()
    assert "mailto:fornamn.efternamn@example.se" in client.get(page.url).content.decode()


def test_a_page_without_any_owner_above_it_shows_only_its_dates(client, home_page):
    page = factories.publish(factories.StandardPageFactory(parent=home_page))
    facts = page_facts(client, page)
    assert "Sidansvarig" not in facts
    assert "Publicerad" in facts


def test_dates_published_updated_and_reviewed(client, admin_client, section):
    with time_machine.travel(datetime.datetime(2026, 1, 10, 9, 0, tzinfo=STOCKHOLM), tick=False):
        page = factories.publish(factories.StandardPageFactory(parent=section, title="Landsbygdsprogrammet"))
    facts = page_facts(client, page)
    assert facts["Publicerad"].time["datetime"] == "2026-01-10"
    assert facts["Publicerad"].get_text(strip=True) == "10 januari 2026"
    assert "Uppdaterad" not in facts
    assert "Granskad" not in facts

    with time_machine.travel(datetime.datetime(2026, 1, 10, 16, 0, tzinfo=STOCKHOLM), tick=False):
        factories.publish(page)
    assert "Uppdaterad" not in page_facts(client, page), "the same day is no update worth showing"

    with time_machine.travel(datetime.datetime(2026, 3, 5, 9, 0, tzinfo=STOCKHOLM), tick=False):
        factories.publish(page)
    facts = page_facts(client, page)
    assert facts["Publicerad"].time["datetime"] == "2026-01-10"
    assert facts["Uppdaterad"].time["datetime"] == "2026-03-05"

    with time_machine.travel(datetime.datetime(2026, 6, 1, 9, 0, tzinfo=STOCKHOLM), tick=False):
        response = admin_client.post(f"/admin/granskning/{page.pk}/", {"next": "/admin/"})
    assert response.status_code == 302
    facts = page_facts(client, page)
    assert facts["Granskad"].time["datetime"] == "2026-06-01"
    assert facts["Uppdaterad"].time["datetime"] == "2026-03-05", "a review is not an update"


def test_editor_sets_the_owner_in_the_page_settings(admin_client, client, home_page, unit):
    page = factories.publish(factories.StandardPageFactory(parent=home_page, title="Om oss"))
    url = f"/admin/pages/{page.pk}/edit/"
    data = factories.admin_form_data(
        admin_client, url, {"body": streamfield([]), "page_owner": unit.pk, "action-publish": "publish"}
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302
    assert "Enheten för lokal utveckling" in client.get(page.url).content.decode()


@pytest.mark.parametrize(
    ("fields", "stored"),
    [
        ({"name": "Enheten utan kontakt", "role": "", "email": "intern@example.se"}, False),
        ({"name": "Enheten utan kontakt", "role": "", "email": "intern@example.se", "phone": "010-2"}, True),
        ({"name": "Enheten utan kontakt", "role": "", "email": "funktion@example.se", "show_email": "on"}, True),
        ({"name": "Enheten utan kontakt", "role": "", "show_email": "on", "phone": "010-2"}, False),
    ],
)
def test_an_owner_needs_a_way_to_be_reached(admin_client, fields, stored):
    data = {"name": "", "role": "", "email": "", "contact_page": "", "phone": "", **fields}
    response = admin_client.post("/admin/snippets/stewardship/pageowner/add/", data)
    assert PageOwner.objects.filter(name="Enheten utan kontakt").exists() is stored
    if stored:
        assert response.status_code == 302
    else:
        assert response.status_code == 200
        assert "Ange" in response.content.decode()


def test_the_demo_content_names_owners_and_loads_twice_without_changes(demo_site, client):
    blog = Page.objects.get(slug="blogg").specific
    post = blog.get_children().live().first()
    facts = page_facts(client, post)
    assert facts["Sidansvarig"].get_text(" ", strip=True).startswith("Enheten för lokal utveckling")
    out = []

    class Out:
        def write(self, text):
            out.append(text)

    call_command("load_demo_content", "--no-admin", "--no-renditions", stdout=Out())
    assert "(0 things created)" in "".join(out)
