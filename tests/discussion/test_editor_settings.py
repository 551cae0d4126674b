"""Editors set a page's comment window in a "Kommentarer" tab; administrators set site-wide defaults."""

import pytest
from django.contrib.auth import get_user_model

from discussion.models import CommentSettings


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("chef", "chef@example.se", "hemligt-123")
    client.force_login(user)
    return client


def test_page_editor_has_comments_tab(admin_client, open_post):
    html = admin_client.get(f"/admin/pages/{open_post.pk}/edit/").content.decode()
    assert "Kommentarer" in html
    for field in ("comment_mode", "comments_login", "comments_close_at", "comments_close_after_days"):
        assert f'name="{field}"' in html


def test_site_settings_form_saves(admin_client, site, comment_settings):
    url = f"/admin/settings/discussion/commentsettings/{site.pk}/"
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(
        url,
        {
            "enabled_by_default": "on",
            "close_after_days": "14",
            "login_required": "",
            "max_length": "500",
            "reply_depth": "2",
            "moderation_policy": "trust_known",
            "link_limit": "3",
            "trusted_after_approved": "5",
            "rejection_rate_limit": "40",
            "disallowed_words": "dumt",
            "moderation_words": "",
            "moderator_email": "mod@example.se",
        },
    )
    assert response.status_code == 302
    saved = CommentSettings.for_site(site)
    assert (saved.max_length, saved.reply_depth, saved.login_required) == (500, 2, False)
    assert (saved.trusted_after_approved, saved.rejection_rate_limit) == (5, 40)


def test_site_settings_refuse_a_rate_over_100_percent(admin_client, site, comment_settings):
    url = f"/admin/settings/discussion/commentsettings/{site.pk}/"
    data = {
        "enabled_by_default": "on",
        "close_after_days": "14",
        "max_length": "500",
        "reply_depth": "1",
        "moderation_policy": "trust_known",
        "link_limit": "2",
        "trusted_after_approved": "3",
        "rejection_rate_limit": "101",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Kontrollera att detta värde är mindre än eller lika med 100." in response.content.decode()
    assert CommentSettings.for_site(site).rejection_rate_limit == 30


def test_defaults(site):
    defaults = CommentSettings.for_site(site)
    assert defaults.enabled_by_default and defaults.login_required
    assert (defaults.close_after_days, defaults.max_length, defaults.reply_depth, defaults.link_limit) == (
        30,
        300,
        1,
        2,
    )
    assert defaults.moderation_policy == "hold_all"
