"""What a reader sees on an event page: registration, cancellation, recording, series and structured data."""

import datetime
import json
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import EventPage
from tests.events.factories import EventSeriesPageFactory, OrganiserFactory, make_event, stockholm
from tests.factories import publish


def json_ld(response):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', response.text, re.S)
    return json.loads(match.group(1))


@pytest.fixture
def cafe(calendar, organiser):
    return make_event(
        calendar,
        slug="lunchcafe",
        title="Lunchcafé om byautveckling",
        organiser=organiser,
        start=stockholm(2026, 12, 8, 12),
        end=stockholm(2026, 12, 8, 13),
        registration_url="https://example.se/anmalan",
        registration_deadline=datetime.date(2026, 12, 1),
        recording_url="https://example.se/inspelning",
        join_url="https://example.se/mote",
    )


@pytest.mark.parametrize(
    ("moment", "shown", "hidden"),
    [
        (stockholm(2026, 11, 20, 9), ["Anmäl dig senast 1 december", 'href="https://example.se/anmalan"'], []),
        (stockholm(2026, 12, 1, 23, 59), ["Anmäl dig senast 1 december"], ["Anmälan är stängd"]),
        (stockholm(2026, 12, 2, 0, 1), ["Anmälan är stängd"], ['href="https://example.se/anmalan"']),
        (stockholm(2026, 12, 9, 9), [], ["Anmälan är stängd", "Anmäl dig senast"]),
    ],
)
def test_registration_closes_after_the_last_day(client, cafe, moment, shown, hidden):
    with time_machine.travel(moment, tick=False):
        response = client.get("/kalender/lunchcafe/")

    for text in shown:
        assert text in response.text
    for text in hidden:
        assert text not in response.text


def test_registration_without_deadline_closes_when_the_event_starts(client, calendar, organiser):
    make_event(
        calendar,
        slug="cafe",
        registration_url="https://example.se/anmalan",
        start=stockholm(2026, 12, 8, 12),
        end=stockholm(2026, 12, 8, 13),
    )

    with time_machine.travel(stockholm(2026, 12, 8, 11, 59), tick=False):
        assert 'href="https://example.se/anmalan"' in client.get("/kalender/cafe/").text
    with time_machine.travel(stockholm(2026, 12, 8, 12, 1), tick=False):
        assert "Anmälan är stängd" in client.get("/kalender/cafe/").text


def test_recording_link_appears_only_after_the_event(client, cafe):
    with time_machine.travel(stockholm(2026, 12, 8, 12, 30), tick=False):
        during = client.get("/kalender/lunchcafe/")
    with time_machine.travel(stockholm(2026, 12, 8, 13, 1), tick=False):
        after = client.get("/kalender/lunchcafe/")

    assert "https://example.se/inspelning" not in during.text
    assert 'href="https://example.se/mote"' in during.text
    assert '<a class="cta__link" href="https://example.se/inspelning">Se inspelningen</a>' in after.text
    assert 'href="https://example.se/mote"' not in after.text
    assert "Lägg till i kalender" not in after.text


def test_cancelled_event_says_so_prominently_and_takes_no_registrations(client, cafe):
    cafe.cancelled = True
    publish(cafe)

    with time_machine.travel(stockholm(2026, 11, 20, 9), tick=False):
        response = client.get("/kalender/lunchcafe/")
        data = json_ld(response)

    assert 'class="event-cancelled"' in response.text
    assert "Inställt" in response.text
    assert "Evenemanget är inställt." in response.text
    assert "https://example.se/anmalan" not in response.text
    assert data["eventStatus"] == "https://schema.org/EventCancelled"


def test_event_page_names_organiser_and_co_organisers(client, calendar, organiser):
    network = OrganiserFactory(name="Nätverket för levande bygder", url="https://example.se/natverket")
    make_event(calendar, slug="cafe", organiser=organiser, co_organisers=[network])

    response = client.get("/kalender/cafe/")

    assert "<dt>Arrangörer</dt>" in response.text
    assert 'Myndigheten för levande landsbygd, <a href="https://example.se/natverket">Nätverket' in response.text


def test_on_site_event_shows_venue_and_address(client, calendar, organiser):
    make_event(
        calendar,
        slug="studiebesok",
        format=EventPage.Format.ON_SITE,
        join_instructions="",
        venue_name="Byns lanthandel",
        street_address="Byvägen 3",
        postal_code="123 45",
        locality="Norrbyn",
    )

    response = client.get("/kalender/studiebesok/")

    assert "Byns lanthandel<br>Byvägen 3, 123 45 Norrbyn" in response.text
    assert "Delta digitalt" not in response.text


@pytest.fixture
def series(calendar, organiser):
    series = publish(EventSeriesPageFactory(parent=calendar, title="Digitala lunchcaféer", slug="lunchcafeer"))
    for number, day in enumerate([1, 8, 15, 22], start=1):
        make_event(
            series,
            slug=f"cafe-{number}",
            title=f"Café {number}",
            start=stockholm(2026, 12, day, 12),
            end=stockholm(2026, 12, day, 13),
        )
    return series


def test_each_session_links_to_the_others(client, series):
    response = client.get("/kalender/lunchcafeer/cafe-2/")

    assert 'Del av serien <a href="/kalender/lunchcafeer/">Digitala lunchcaféer</a>' in response.text
    for number in (1, 3, 4):
        assert f'<a href="/kalender/lunchcafeer/cafe-{number}/">Café {number}</a>' in response.text
    assert '<span aria-current="page"><strong>Café 2</strong></span>' in response.text
    assert 'href="/kalender/lunchcafeer/ical/"' in response.text


def test_series_page_lists_upcoming_and_past_sessions(client, series):
    with time_machine.travel(stockholm(2026, 12, 10), tick=False):
        response = client.get("/kalender/lunchcafeer/")

    assert response.status_code == 200
    upcoming, past = response.text.split("Tidigare tillfällen")
    assert upcoming.index("Café 3") < upcoming.index("Café 4")
    assert "Café 1" not in upcoming and "Café 2" not in upcoming
    assert "Café 1" in past and "Café 2" in past


def test_series_page_and_listing_share_the_series_sessions_only(client, series, calendar, organiser):
    make_event(calendar, slug="annat", title="Fristående seminarium")

    response = client.get("/kalender/lunchcafeer/")

    assert "Fristående seminarium" not in response.text


def test_digital_event_json_ld(client, cafe, series):
    with time_machine.travel(stockholm(2026, 11, 20, 9), tick=False):
        data = json_ld(client.get("/kalender/lunchcafe/"))
        session = json_ld(client.get("/kalender/lunchcafeer/cafe-1/"))

    assert data["@type"] == "Event"
    assert data["name"] == "Lunchcafé om byautveckling"
    assert data["startDate"] == "2026-12-08T12:00:00+01:00"
    assert data["endDate"] == "2026-12-08T13:00:00+01:00"
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["location"] == {"@type": "VirtualLocation", "url": "https://example.se/mote"}
    assert data["organizer"] == [
        {"@type": "Organization", "name": "Myndigheten för levande landsbygd", "url": "http://testserver/"}
    ]
    assert data["url"] == "http://testserver/kalender/lunchcafe/"
    assert session["superEvent"]["url"] == "http://testserver/kalender/lunchcafeer/"


def test_on_site_and_hybrid_json_ld_locations(client, calendar, organiser):
    address = {
        "venue_name": "Folkets hus",
        "street_address": "Storgatan 12",
        "postal_code": "831 30",
        "locality": "Östersund",
    }
    make_event(calendar, slug="pa-plats", format=EventPage.Format.ON_SITE, **address)
    make_event(calendar, slug="hybrid", format=EventPage.Format.HYBRID, **address)

    on_site = json_ld(client.get("/kalender/pa-plats/"))
    hybrid = json_ld(client.get("/kalender/hybrid/"))

    place = {
        "@type": "Place",
        "name": "Folkets hus",
        "address": {
            "@type": "PostalAddress",
            "streetAddress": "Storgatan 12",
            "postalCode": "831 30",
            "addressLocality": "Östersund",
            "addressCountry": "SE",
        },
    }
    assert on_site["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert on_site["location"] == place
    assert hybrid["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert hybrid["location"] == [place, {"@type": "VirtualLocation", "url": "http://testserver/kalender/hybrid/"}]


def test_event_page_queries_do_not_grow_with_the_series(client, calendar, organiser, django_assert_max_num_queries):
    series = publish(EventSeriesPageFactory(parent=calendar, slug="serie"))
    for day in range(1, 4):
        make_event(
            series,
            slug=f"cafe-{day}",
            organiser=organiser,
            start=stockholm(2026, 12, day, 12),
            end=stockholm(2026, 12, day, 13),
        )
    client.get("/kalender/serie/cafe-1/")

    with CaptureQueriesContext(connection) as small:
        client.get("/kalender/serie/cafe-1/")
    small_count = len(small)
    for day in range(4, 16):
        make_event(
            series,
            slug=f"cafe-{day}",
            organiser=organiser,
            start=stockholm(2026, 12, day, 12),
            end=stockholm(2026, 12, day, 13),
        )
    client.get("/kalender/serie/cafe-1/")  # the first reader after an edit works out the remembered answers anew

    with django_assert_max_num_queries(small_count):
        response = client.get("/kalender/serie/cafe-1/")
    assert response.text.count('<a href="/kalender/serie/cafe-') == 14
