"""Swedish where Wagtail's own catalogue lacks a string or says it in jargon (locale/wagtail/sv)."""

import pytest
from django.urls import reverse
from django.utils import translation


@pytest.mark.parametrize(
    ("english", "swedish"),
    [
        ("Anchor link", "Länk till ett avsnitt"),  # Wagtail: "Förankringslänk"
        ("Site history", "Ändringar på webbplatsen"),  # Wagtail: "Sajthistorik"
        ("Exploring", "Sidor under"),  # missing in Wagtail's catalogue
        ("Autosave is paused", "Automatisk sparning är pausad"),  # missing
        ("%(label)s and Publish", "%(label)s och publicera"),  # Wagtail: "Godkänn och Publicera"
        (
            "The slug '%(page_slug)s' is already in use within the parent page.",
            "Adressnamnet ”%(page_slug)s” används redan av en annan sida på samma plats. Välj ett annat.",
        ),
    ],
)
def test_project_catalogue_wins_over_wagtails(english, swedish):
    with translation.override("sv"):
        assert translation.gettext(english) == swedish


def test_the_site_s_own_strings_still_come_first():
    # The site's catalogue (locale/sv) is searched before the Wagtail overrides.
    with translation.override("sv"):
        assert translation.gettext("Okänt") == "Okänt"


def test_admin_javascript_strings_are_swedish(admin_client):
    response = admin_client.get(reverse("wagtailadmin_javascript_catalog"))

    text = response.content.decode("unicode_escape")
    assert "Fäst verktygsfältet" in text  # "Pin toolbar"
    assert "Sök bland alternativen" in text  # "Search options…"


def test_admin_login_form_labels_the_password_in_swedish(client, db):
    response = client.get(reverse("wagtailadmin_login"))

    assert '<label class="w-field__label" for="id_password"' in response.content.decode()
    assert "Lösenord" in response.content.decode()
    assert ">Password<" not in response.content.decode()
