"""An administrator sees, in Swedish, what each group may do: in the group list and on the user form."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

EDITORS_SAY = "Skriver och redigerar sidor och skickar dem till en publicist för granskning. Publicerar inte. Svarar läsare i myndighetens namn."
PUBLISHERS_SAY = "Granskar det redaktörerna skickar in och publicerar det, eller ber om ändringar. Svarar läsare i myndighetens namn."
MODERATORS_SAY = "Godkänner, avvisar, rättar och tar bort läsarnas kommentarer och svarar läsare i myndighetens namn. Kommer inte åt sidorna."


def rows(html):
    soup = BeautifulSoup(html, "html.parser")
    return {
        row.select_one("td").get_text(" ", strip=True): [cell.get_text(" ", strip=True) for cell in row.select("td")]
        for row in soup.select("table tbody tr")
    }


def test_group_list_describes_each_editorial_group(admin_client):
    response = admin_client.get(reverse("wagtailusers_groups:index"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Beskrivning" in html
    listed = rows(html)
    assert EDITORS_SAY in listed["Redaktörer"]
    assert PUBLISHERS_SAY in listed["Publicister"]
    assert MODERATORS_SAY in listed["Moderatorer"]


def test_a_group_without_a_description_is_listed_with_an_empty_description(admin_client):
    Group.objects.create(name="Projektgrupp")

    listed = rows(admin_client.get(reverse("wagtailusers_groups:index")).content.decode())

    assert listed["Projektgrupp"][1:] == [""]


def test_user_form_says_what_each_group_may_do(admin_client):
    user = UserFactory(username="ny-redaktor")

    response = admin_client.get(reverse("wagtailusers_users:edit", args=[user.pk]))

    assert response.status_code == 200
    labels = [
        label.get_text(" ", strip=True) for label in BeautifulSoup(response.content, "html.parser").select("label")
    ]
    assert f"Redaktörer: {EDITORS_SAY}" in labels
    assert f"Moderatorer: {MODERATORS_SAY}" in labels
    new_user = admin_client.get(reverse("wagtailusers_users:add")).content.decode()
    assert f"Publicister: {PUBLISHERS_SAY}" in new_user


def test_choosing_a_described_group_on_the_user_form_saves_it(admin_client):
    user = UserFactory(username="ny-publicist", email="ny-publicist@example.se")
    publishers = Group.objects.get(name="Publicister")

    response = admin_client.post(
        reverse("wagtailusers_users:edit", args=[user.pk]),
        {
            "username": user.username,
            "email": user.email,
            "first_name": "Ny",
            "last_name": "Publicist",
            "is_active": "on",
            "groups": [publishers.pk],
            "password1": "",
            "password2": "",
        },
    )

    assert response.status_code == 302
    assert list(user.groups.values_list("name", flat=True)) == ["Publicister"]


def test_user_form_refuses_a_group_that_does_not_exist(admin_client):
    user = UserFactory(username="ny-skribent", email="ny-skribent@example.se")

    response = admin_client.post(
        reverse("wagtailusers_users:edit", args=[user.pk]),
        {"username": user.username, "email": user.email, "is_active": "on", "groups": [999_999]},
    )

    assert response.status_code == 200
    assert "groups" in response.context["form"].errors
    assert not user.groups.exists()
