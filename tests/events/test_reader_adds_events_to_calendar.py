"""iCalendar downloads and the feed, parsed back with the icalendar library as a calendar client would."""

import datetime
import zoneinfo

import pytest
import time_machine
from icalendar import Calendar

from events.models import EventPage
from tests.events.factories import EventSeriesPageFactory, make_event, stockholm
from tests.factories import publish

STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


@pytest.fixture
def events(calendar, organiser):
    series = publish(EventSeriesPageFactory(parent=calendar, title="Lunchcaféer", slug="lunchcafeer"))
    return {
        "first": make_event(
            series, slug="cafe-1", title="Café 1", start=stockholm(2026, 12, 1, 12), end=stockholm(2026, 12, 1, 13)
        ),
        "second": make_event(
            series,
            slug="cafe-2",
            title="Café 2",
            start=stockholm(2026, 12, 15, 12),
            end=stockholm(2026, 12, 15, 13),
            cancelled=True,
        ),
        "summer": make_event(
            calendar,
            slug="sommarmote",
            title="Sommarmöte",
            start=stockholm(2027, 6, 10, 9),
            end=stockholm(2027, 6, 10, 15, 30),
            format=EventPage.Format.HYBRID,
            venue_name="Folkets hus",
            street_address="Storgatan 12",
            postal_code="831 30",
            locality="Östersund",
        ),
        "conference": make_event(
            calendar,
            slug="konferens",
            title="Konferens",
            all_day=True,
            start=stockholm(2027, 1, 6),
            end=stockholm(2027, 1, 7),
            format=EventPage.Format.ON_SITE,
            venue_name="Folkets hus",
            locality="Östersund",
        ),
    }


def test_single_event_download(client, events):
    event = events["summer"]

    response = client.get("/kalender/sommarmote/ical/")
    calendar = parse(response)

    assert response["Content-Disposition"] == 'attachment; filename="sommarmote.ics"'
    assert calendar["VERSION"] == "2.0"
    assert "Myndigheten för levande landsbygd" in str(calendar["PRODID"])
    [vevent] = calendar.events
    assert str(vevent["UID"]) == f"event-{event.pk}@testserver"
    assert str(vevent["SUMMARY"]) == "Sommarmöte"
    assert str(vevent["URL"]) == "http://testserver/kalender/sommarmote/"
    assert str(vevent["STATUS"]) == "CONFIRMED"
    assert str(vevent["LOCATION"]) == "Folkets hus, Storgatan 12, 831 30 Östersund"
    assert isinstance(vevent.DTSTAMP, datetime.datetime)
    # Summer time: 09.00 in Stockholm is 07.00 UTC.
    assert vevent.start == datetime.datetime(2027, 6, 10, 9, tzinfo=STOCKHOLM)
    assert vevent.start.astimezone(datetime.UTC).hour == 7
    assert vevent["DTSTART"].params["TZID"] == "Europe/Stockholm"
    assert vevent.end == datetime.datetime(2027, 6, 10, 15, 30, tzinfo=STOCKHOLM)
    [timezone] = calendar.timezones
    assert timezone.tz_name == "Europe/Stockholm"


def test_uid_is_stable_across_downloads_and_edits(client, events):
    first = parse(client.get("/kalender/sommarmote/ical/")).events[0]
    event = events["summer"]
    event.title = "Sommarmöte i Östersund"
    publish(event)
    again = parse(client.get("/kalender/sommarmote/ical/")).events[0]

    assert str(first["UID"]) == str(again["UID"])
    assert str(again["SUMMARY"]) == "Sommarmöte i Östersund"


def test_cancelled_event_has_status_cancelled(client, events):
    [vevent] = parse(client.get("/kalender/lunchcafeer/cafe-2/ical/")).events

    assert str(vevent["STATUS"]) == "CANCELLED"
    assert str(vevent["SUMMARY"]) == "Inställt: Café 2"


def test_all_day_event_uses_dates_with_exclusive_end(client, events):
    [vevent] = parse(client.get("/kalender/konferens/ical/")).events

    assert vevent.start == datetime.date(2027, 1, 6)
    assert vevent.end == datetime.date(2027, 1, 8)
    assert vevent["DTSTART"].params["VALUE"] == "DATE"


def test_series_feed_holds_every_session(client, events):
    with time_machine.travel(stockholm(2026, 11, 20), tick=False):
        response = client.get("/kalender/lunchcafeer/ical/")
    calendar = parse(response)

    # A feed to subscribe to; the series page's link downloads it once with the `download` attribute.
    assert "Content-Disposition" not in response
    assert [str(vevent["SUMMARY"]) for vevent in calendar.events] == ["Café 1", "Inställt: Café 2"]
    assert {str(vevent["UID"]) for vevent in calendar.events} == {
        f"event-{events['first'].pk}@testserver",
        f"event-{events['second'].pk}@testserver",
    }


def test_feed_holds_upcoming_events_and_the_last_30_days(client, events):
    with time_machine.travel(stockholm(2027, 1, 2), tick=False):
        response = client.get("/kalender/ical/")
    calendar = parse(response)

    # Café 1 ended 32 days before, Café 2 18 days before.
    assert "Content-Disposition" not in response
    assert [str(vevent["SUMMARY"]) for vevent in calendar.events] == ["Inställt: Café 2", "Konferens", "Sommarmöte"]
    assert [str(vevent["URL"]) for vevent in calendar.events] == [
        "http://testserver/kalender/lunchcafeer/cafe-2/",
        "http://testserver/kalender/konferens/",
        "http://testserver/kalender/sommarmote/",
    ]
    assert calendar.timezones[0].tz_name == "Europe/Stockholm"


def test_empty_feed_is_still_a_valid_calendar(client, calendar):
    calendar_file = parse(client.get("/kalender/ical/"))

    assert calendar_file.events == []
    assert calendar_file["VERSION"] == "2.0"


def test_pages_link_to_their_downloads(client, events):
    with time_machine.travel(stockholm(2026, 11, 20), tick=False):
        event_page = client.get("/kalender/sommarmote/")
        index = client.get("/kalender/")

    assert 'href="/kalender/sommarmote/ical/" download>Lägg till i kalender' in event_page.text
    assert '<link rel="alternate" type="text/calendar"' in index.text
    assert 'href="/kalender/ical/"' in index.text


def test_draft_event_has_no_download(client, calendar, organiser):
    draft = make_event(calendar, slug="utkast")
    draft.unpublish()

    assert client.get("/kalender/utkast/ical/").status_code == 404
