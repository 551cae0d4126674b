"""Account e-mail greets from the agency, not from example.com: Django's Site record is the agency's."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.sites.models import Site as DjangoSite
from django.core import mail
from django.urls import reverse

from tests.factories import UserFactory
from website.models import SiteSettings

pytestmark = pytest.mark.django_db

AGENCY = "Myndigheten för levande landsbygd"


def test_the_site_record_is_the_agencys_after_migrations(db):
    site = DjangoSite.objects.get_current()
    assert site.name == AGENCY
    assert "example.com" not in site.domain


def test_it_follows_the_agencys_name_and_address_in_the_settings(home_page):
    settings = SiteSettings.for_site(home_page.get_site())
    settings.organisation_name = "Landsbygdsverket"
    settings.save()

    site = DjangoSite.objects.get_current()
    assert site.name == "Landsbygdsverket"
    assert site.domain == "testserver"


def test_a_password_reset_mail_greets_from_the_agency(client, home_page, django_capture_on_commit_callbacks):
    reader = UserFactory(username="lasare", email="lasare@example.se")
    EmailAddress.objects.create(user=reader, email=reader.email, verified=True, primary=True)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_reset_password"), {"email": reader.email})

    assert response.status_code == 302
    [message] = [message for message in mail.outbox if message.to == [reader.email]]
    text = message.subject + message.body
    assert "example.com" not in text
    assert AGENCY in text


def test_a_reset_for_an_unknown_address_sends_no_greeting_at_all(client, home_page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": "okand@example.se"})

    assert all("example.com" not in message.body for message in mail.outbox)
