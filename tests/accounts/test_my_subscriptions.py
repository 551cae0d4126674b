"""Mitt konto › Prenumerationer: a logged-in reader finds, changes and ends their e-mail alerts."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from subscriptions.models import Subscription

pytestmark = pytest.mark.django_db


def _subscription(email, user=None, **fields):
    defaults = {"content_types": ["blogg", "kalender"], "frequency": "vecka", "confirmed_at": timezone.now()}
    return Subscription.objects.create(email=email, user=user, **{**defaults, **fields})


def test_reader_sees_their_alerts_changes_them_and_ends_one(client, reader):
    made_logged_out = _subscription(reader.email.upper())
    made_logged_in = _subscription("annan@example.se", user=reader, frequency="direkt", confirmed_at=None)
    client.force_login(reader)

    html = client.get("/konto/prenumerationer/").content.decode()
    assert "Blogginlägg, Evenemang i kalendern" in html
    assert "En gång i veckan" in html and "Direkt när något publiceras" in html
    assert "Väntar på att du öppnar länken i bekräftelsemejlet" in html
    assert html.count("Avsluta prenumerationen<span") == 2

    manage_url = re.search(r'href="(/prenumerera/andra/[^"]+)"', html).group(1)
    assert client.get(manage_url).status_code == 200
    assert "Ändra din prenumeration" in client.get(manage_url).content.decode()

    response = client.post("/konto/prenumerationer/", {"prenumeration": made_logged_out.pk}, follow=True)
    assert response.status_code == 200
    assert "Prenumerationen är avslutad" in response.content.decode()
    assert list(Subscription.objects.values_list("pk", flat=True)) == [made_logged_in.pk]


def test_the_account_menu_links_to_subscriptions(client, reader):
    client.force_login(reader)
    html = client.get("/konto/").content.decode()
    assert 'href="/konto/prenumerationer/"' in html
    assert "Du prenumererar inte på någon e-post från oss." in client.get("/konto/prenumerationer/").content.decode()


def test_an_unverified_address_shows_nobody_elses_subscription(client, reader):
    # Anyone can sign up with someone else's address; until it is verified it proves nothing.
    victim = _subscription("offer@example.se")
    stranger = get_user_model().objects.create_user(username="fraemling", email="offer@example.se", password="x-123456")
    client.force_login(stranger)
    html = client.get("/konto/prenumerationer/").content.decode()
    assert "offer@example.se" not in html.split("<h1>", 1)[1].split("Prenumerera på e-post", 1)[0]
    response = client.post("/konto/prenumerationer/", {"prenumeration": victim.pk})
    assert response.status_code == 404
    assert "Ingenting har ändrats" in response.content.decode()
    assert Subscription.objects.filter(pk=victim.pk).exists()


@pytest.mark.parametrize("forged", ["", "abc", "-1", "99999999999999999999", "1 OR 1=1"])
def test_forged_or_foreign_ids_change_nothing(client, reader, forged):
    others = _subscription("ngn@example.se")
    client.force_login(reader)
    response = client.post("/konto/prenumerationer/", {"prenumeration": forged})
    assert response.status_code == 404
    assert "Prenumerationen finns inte" in response.content.decode()
    response = client.post("/konto/prenumerationer/", {"prenumeration": others.pk})
    assert response.status_code == 404
    assert Subscription.objects.filter(pk=others.pk).exists()


def test_anonymous_visitors_are_sent_to_log_in(client):
    mine = _subscription("ngn@example.se")
    response = client.post("/konto/prenumerationer/", {"prenumeration": mine.pk})
    assert response.status_code == 302 and "/konto/login/" in response["Location"]
    assert Subscription.objects.filter(pk=mine.pk).exists()
