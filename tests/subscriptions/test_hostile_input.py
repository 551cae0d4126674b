"""Bad input on the subscribe form: a 4xx with a Swedish message, nothing stored, never a 500. Each has a positive twin."""

import pytest
from django.core import mail
from taggit.models import Tag

from subscriptions.models import Subscription


@pytest.fixture
def topics(db):
    Tag.objects.create(name="unga", slug="unga")
    Tag.objects.create(name="service", slug="service")


def post(client, django_capture_on_commit_callbacks, **overrides):
    data = {"email": "lasare@example.se", "content_types": ["blogg"], "frequency": "vecka", **overrides}
    with django_capture_on_commit_callbacks(execute=True):
        return client.post("/prenumerera/", data)


def refused(response, message):
    assert response.status_code == 400
    assert message in response.text
    assert Subscription.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"email": "inte-en-adress"}, "Skriv en giltig e-postadress"),
        ({"email": ""}, "Skriv din e-postadress."),
        ({"email": "lasare@example.se\r\nBcc: alla@example.se"}, "Skriv en giltig e-postadress"),
        ({"email": "lasare@example.se\nSubject: hej"}, "Skriv en giltig e-postadress"),
        ({"email": "a" * 250 + "@example.se"}, "E-postadressen är för lång"),
        ({"topics": ["finns-inte"]}, "Det finns inget ämne som heter ”finns-inte”"),
        ({"counties": ["99"]}, "Det finns inget län med koden ”99”"),
        ({"content_types": ["finns-inte"]}, "Välj bland innehållen i listan"),
        ({"content_types": []}, "Välj minst en sorts innehåll"),
        ({"frequency": "varje-sekund"}, "Välj direkt eller en gång i veckan"),
    ],
)
def test_bad_input_is_refused_in_swedish(client, django_capture_on_commit_callbacks, topics, overrides, message):
    refused(post(client, django_capture_on_commit_callbacks, **overrides), message)


def test_ten_thousand_topics(client, django_capture_on_commit_callbacks, topics, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = None  # the form's own limit, not Django's, answers here
    refused(post(client, django_capture_on_commit_callbacks, topics=["unga"] * 10_000), "Välj högst 50 ämnen")


def test_ten_thousand_fields_over_djangos_limit(client, django_capture_on_commit_callbacks, topics):
    refused(
        post(client, django_capture_on_commit_callbacks, topics=[f"t{n}" for n in range(10_000)]),
        "Formuläret innehöll för många val",
    )


def test_positive_twin_with_topics_and_counties(client, django_capture_on_commit_callbacks, topics):
    from casestudies.models import County

    code = County.objects.values_list("code", flat=True).first()
    response = post(
        client,
        django_capture_on_commit_callbacks,
        email="Lasare+bevakning@Example.se",
        content_types=["blogg", "exempel", "kalender"],
        topics=["unga", "service"],
        counties=[code],
        frequency="direkt",
    )

    assert response.status_code == 302
    subscription = Subscription.objects.get()
    assert subscription.email == "Lasare+bevakning@example.se"
    assert subscription.topics == ["unga", "service"]
    assert subscription.counties == [code]
    assert subscription.confirmed_at is None
    [message] = mail.outbox
    assert message.to == ["Lasare+bevakning@example.se"]


def test_sign_ups_are_rate_limited_per_address(client, django_capture_on_commit_callbacks, topics):
    for number in range(5):
        assert post(client, django_capture_on_commit_callbacks, email=f"l{number}@example.se").status_code == 302
    response = post(client, django_capture_on_commit_callbacks, email="sjatte@example.se")

    assert response.status_code == 429
    assert "Vänta en stund" in response.text
    assert not Subscription.objects.filter(email="sjatte@example.se").exists()
    # Another address (another reader) is not held back.
    other = client.post(
        "/prenumerera/",
        {"email": "annan@example.se", "content_types": ["blogg"], "frequency": "vecka"},
        REMOTE_ADDR="192.0.2.7",
    )
    assert other.status_code == 302


def test_form_page_is_swedish_and_labelled(client, topics):
    page = client.get("/prenumerera/").text

    assert '<label for="id_email">Din e-postadress</label>' in page
    assert "<legend>Vad vill du få veta om?</legend>" in page
    assert "Behandling av personuppgifter" in page
    assert "raderas" in page
