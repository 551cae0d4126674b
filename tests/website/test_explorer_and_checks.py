"""The page explorer opens at the site's home page, and the editor's content checks are on."""

import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.urls import reverse

from blog.models import BlogPage


def _menu_items(node):
    """Every menu item in the sidebar's props, as (type, args)."""
    if isinstance(node, dict):
        if str(node.get("_type", "")).endswith("MenuItem"):
            yield node["_type"], node.get("_args", [])
        for value in node.values():
            yield from _menu_items(value)
    elif isinstance(node, list):
        for value in node:
            yield from _menu_items(value)


def _explorer_item(client):
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    props = BeautifulSoup(response.content, "html.parser").find(id="wagtail-sidebar-props")
    items = [
        (kind, args)
        for kind, args in _menu_items(json.loads(props.string))
        if args and isinstance(args[0], dict) and args[0].get("name") == "explorer"
    ]
    assert len(items) == 1, items
    return items[0]


@pytest.mark.parametrize("username", ["redaktor", "publicist", "admin"])
def test_explorer_menu_item_opens_at_the_home_page(demo_site, client, username):
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        user = get_user_model().objects.create_superuser(username, f"{username}@example.se", username)
    client.force_login(user)
    home = demo_site.root_page
    kind, args = _explorer_item(client)

    explore_home = reverse("wagtailadmin_explore", args=[home.pk])
    assert kind == "wagtail.sidebar.PageExplorerMenuItem"
    assert args[0]["url"] == explore_home and args[1] == home.pk, args
    assert args[0]["label"] == "Sidor"

    listing = client.get(explore_home)
    assert listing.status_code == 200
    assert home.title in listing.content.decode()


def test_edit_view_has_the_content_checks_panel_and_axe_configuration(demo_site, client):
    client.force_login(get_user_model().objects.get(username="redaktor"))
    post = BlogPage.objects.live().first()
    response = client.get(reverse("wagtailadmin_pages:edit", args=[post.pk]))
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")

    assert soup.select_one('[data-side-panel="checks"]') is not None
    config = soup.find(id="accessibility-axe-configuration") or soup.find(id="checker-axe-configuration")
    assert config is not None
    axe = json.loads(config.string)
    assert {"heading-order", "link-name", "alt-text-quality", "empty-heading"} <= set(axe["options"]["runOnly"])
    # The checker's messages are in Swedish.
    assert axe["messages"]["button-name"]["error_name"] == "Knappen saknar text"


def test_page_view_carries_the_userbar_that_runs_the_checks(demo_site, client):
    # The checks panel runs axe inside the preview through Wagtail's userbar in templates/base.html;
    # a staff member viewing the page gets the same userbar with its accessibility checker.
    client.force_login(get_user_model().objects.get(username="redaktor"))
    post = BlogPage.objects.live().first()
    response = client.get(post.url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("wagtail-userbar") is not None or "wagtail-userbar" in response.content.decode()
    assert "axe-configuration" in response.content.decode()
