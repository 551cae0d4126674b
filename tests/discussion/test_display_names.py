"""Display names: no hidden characters, not the agency's name, not a staff member's name."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError

from discussion.models import Comment
from discussion.names import clean_display_name
from website.models import SiteSettings

from .conftest import form_data

HIDDEN = "osynliga tecken eller styrtecken"
RESERVED = "är förbehållet myndigheten"
STAFF = "för likt namnet på någon som arbetar med webbplatsen"


def _post_as(client, page, name, **extra):
    data = form_data(client, page, name=name, email="skribent@example.se", **extra)
    return client.post("/kommentarer/skicka/", data)


@pytest.fixture
def staff_member(db):
    user = get_user_model().objects.create_user(
        username="ggranskare",
        email="greta@example.se",
        password="hemligt-123",
        first_name="Greta",
        last_name="Granskare",
    )
    user.groups.add(Group.objects.get(name="Moderatorer"))
    return user


@pytest.mark.parametrize(
    "name",
    [
        "\u202enimda",  # right-to-left override: shows as "admin"
        "Anna\u200bKarin",  # zero-width space
        "Anna\u200dKarin",  # zero-width joiner
        "Ann\u00ada",  # soft hyphen
        "\u2066Anna\u2069",  # bidi isolates
        "Anna\x07",  # control character
        "Anna\u3164",  # Hangul filler, renders as nothing
        "Z\u0301\u0302\u0303\u0304algo",  # combining marks piled up
    ],
)
def test_names_with_hidden_or_control_characters_are_refused(client, anonymous_post, name):
    response = _post_as(client, anonymous_post, name)
    assert response.status_code == 400
    assert HIDDEN in response.content.decode()
    assert not Comment.objects.exists()


@pytest.mark.parametrize("name", ["Åsa Öberg", "José Núñez", "Anna-Karin", "Li 李", "Mörkö 🌲", "Zoë"])
def test_ordinary_names_with_accents_and_symbols_are_accepted(client, anonymous_post, name):
    response = _post_as(client, anonymous_post, name)
    assert response.status_code == 303
    assert Comment.objects.get().user_name == name


def test_names_are_stored_normalised(client, anonymous_post):
    # Fullwidth letters and a no-break space are NFKC-normalised; runs of spaces become one.
    response = _post_as(client, anonymous_post, "\uff21nna\u00a0  Berg")
    assert response.status_code == 303
    assert Comment.objects.get().user_name == "Anna Berg"


@pytest.mark.parametrize(
    "name",
    [
        "Myndigheten för levande landsbygd",
        "MYNDIGHETEN FÖR LEVANDE LANDSBYGD",
        "Myndigheten  för levande  landsbygd (officiellt)",
        "Redaktionen",
        "rédaktionen",
        "Redak tionen",
        "\uff32edaktionen",  # fullwidth R, NFKC makes it "Redaktionen"
    ],
)
def test_agency_and_reserved_names_are_refused(client, anonymous_post, name):
    response = _post_as(client, anonymous_post, name)
    assert response.status_code == 400
    assert RESERVED in response.content.decode()
    assert not Comment.objects.exists()


def test_renamed_agency_is_protected_and_the_old_name_is_free(client, anonymous_post, site):
    site_settings = SiteSettings.for_site(site)
    site_settings.organisation_name = "Landsbygdsverket"
    site_settings.save()
    assert _post_as(client, anonymous_post, "landsbygdsVERKET").status_code == 400
    assert _post_as(client, anonymous_post, "Myndigheten för levande landsbygd").status_code == 303


def test_reserved_names_come_from_the_comment_settings(client, anonymous_post, comment_settings):
    comment_settings.reserved_names = "Kommunikationsenheten"
    comment_settings.save()
    assert _post_as(client, anonymous_post, "Kommunikationsenheten").status_code == 400
    assert _post_as(client, anonymous_post, "Redaktionen").status_code == 303


@pytest.mark.parametrize("name", ["Greta Granskare", "greta GRANSKARE", "Grèta Granskåre", "ggranskare"])
def test_a_readers_name_may_not_match_a_staff_member(client, anonymous_post, staff_member, name):
    response = _post_as(client, anonymous_post, name)
    assert response.status_code == 400
    assert STAFF in response.content.decode()
    assert not Comment.objects.exists()


def test_a_staff_member_may_use_their_own_name(client, open_post, staff_member):
    client.force_login(staff_member)
    response = client.post("/kommentarer/skicka/", form_data(client, open_post, name="Greta Granskare"))
    assert response.status_code == 303
    assert Comment.objects.get().user_name == "Greta Granskare"


def test_a_name_that_only_shares_a_first_name_with_staff_is_accepted(client, anonymous_post, staff_member):
    assert _post_as(client, anonymous_post, "Greta Andersson").status_code == 303


def test_a_former_staff_member_no_longer_reserves_a_name(client, anonymous_post, staff_member):
    staff_member.is_active = False
    staff_member.save()
    assert _post_as(client, anonymous_post, "Greta Granskare").status_code == 303


def test_validator_can_be_called_directly_by_account_forms(site, staff_member):
    assert clean_display_name("  Åsa   Öberg ") == "Åsa Öberg"
    with pytest.raises(ValidationError) as refused:
        clean_display_name("Greta Granskare")
    assert refused.value.code == "staff"
    assert clean_display_name("Greta Granskare", user=staff_member) == "Greta Granskare"
    with pytest.raises(ValidationError) as refused:
        clean_display_name("\u202enimda")
    assert refused.value.code == "hidden_characters"
