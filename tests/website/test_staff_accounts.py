"""The demo's Redaktör and Publicist accounts, and the admin's user list that keeps staff apart from readers."""

import io

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from tests.factories import UserFactory


def _usernames(response):
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return {cell.get_text(strip=True) for cell in soup.select("td.username")}


def test_demo_has_editor_and_publisher_who_can_log_in_to_the_admin(demo_site, client):
    for username, group in [("redaktor", "Redaktörer"), ("publicist", "Publicister")]:
        user = get_user_model().objects.get(username=username)
        assert user.email == f"{username}@example.se"
        assert list(user.groups.values_list("name", flat=True)) == [group]
        client.logout()
        response = client.post(reverse("wagtailadmin_login"), {"username": username, "password": username})
        assert response.status_code == 302, response.content
        assert client.get(reverse("wagtailadmin_home")).status_code == 200
        assert client.get(reverse("wagtailadmin_explore_root")).status_code in (200, 302)


def test_demo_loader_prints_the_editorial_accounts_and_creates_them_once(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    first, second = io.StringIO(), io.StringIO()
    call_command("load_demo_content", "--no-renditions", stdout=first)
    call_command("load_demo_content", "--no-renditions", stdout=second)

    assert "redaktor / redaktor" in first.getvalue() and "publicist / publicist" in first.getvalue()
    assert "redaktor / redaktor" in second.getvalue()
    assert "(0 things created)" in second.getvalue()
    assert get_user_model().objects.filter(username__in=["redaktor", "publicist"]).count() == 2


@pytest.fixture
def admin_client(demo_site, client):
    admin = UserFactory(username="chef", is_superuser=True, is_staff=True)
    client.force_login(admin)
    return client


def test_user_list_shows_staff_and_no_readers_by_default(admin_client):
    UserFactory(username="nylasare")
    names = _usernames(admin_client.get(reverse("wagtailusers_users:index")))

    assert {"chef", "redaktor", "publicist", "moderator"} <= names
    assert "lasare" not in names and "nylasare" not in names


def test_reader_filter_lists_readers_only(admin_client):
    UserFactory(username="nylasare")
    names = _usernames(admin_client.get(reverse("wagtailusers_users:index"), {"account_kind": "lasare"}))

    assert {"lasare", "nylasare"} <= names
    assert not names & {"chef", "redaktor", "publicist", "moderator"}


def test_all_accounts_filter_and_search_still_work(admin_client):
    everyone = _usernames(admin_client.get(reverse("wagtailusers_users:index"), {"account_kind": "alla"}))
    assert {"lasare", "chef", "redaktor"} <= everyone

    searched = _usernames(admin_client.get(reverse("wagtailusers_users:index"), {"q": "lasare"}))
    assert "lasare" not in searched  # the default (staff) holds while searching too
    searched = _usernames(
        admin_client.get(reverse("wagtailusers_users:index"), {"q": "lasare", "account_kind": "lasare"})
    )
    assert searched == {"lasare"}


def test_user_list_filter_is_in_swedish_and_bad_value_is_refused_without_500(admin_client):
    response = admin_client.get(reverse("wagtailusers_users:index"))
    text = response.content.decode()
    assert "Konton" in text and "Personal" in text and "Läsare" in text

    response = admin_client.get(reverse("wagtailusers_users:index"), {"account_kind": "<script>"})
    assert response.status_code == 200
    assert "lasare" not in _usernames(response)
