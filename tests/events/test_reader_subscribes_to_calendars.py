"""A reader subscribes to the calendar, a series or an organiser's events from a calendar app.

Each feed is read back with two independent parsers, icalendar and vobject, as two different
calendar apps would.
"""

import datetime

import pytest
import time_machine
import vobject
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from icalendar import Calendar

from events.models import EventPageCoOrganiser
from tests.events.factories import (
    EventSeriesPageFactory,
    OrganiserFactory,
    make_event,
    stockholm,
)
from tests.factories import publish

NOW = stockholm(2026, 12, 10, 8)


def feed(client, path):
    with time_machine.travel(NOW, tick=False):
        response = client.get(path)
    assert response.status_code == 200, path
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "Content-Disposition" not in response
    return response


def both_parsers(content):
    """(icalendar's calendar, vobject's calendar) for the same bytes."""
    return Calendar.from_ical(content), vobject.readOne(content.decode())


def vobject_events(calendar):
    return list(getattr(calendar, "vevent_list", []))


@pytest.fixture
def events(calendar, organiser):
    other = OrganiserFactory(name="Nätverket för landsbygden", slug="natverket")
    series = publish(EventSeriesPageFactory(parent=calendar, title="Lunchcaféer", slug="lunchcafeer"))
    made = {
        "long_ago": make_event(
            calendar, slug="i-somras", title="I somras", start=stockholm(2026, 8, 1, 10), end=stockholm(2026, 8, 1, 11)
        ),
        "last_month": make_event(
            series,
            slug="cafe-1",
            title="Café 1",
            organiser=other,
            start=stockholm(2026, 11, 20, 12),
            end=stockholm(2026, 11, 20, 13),
        ),
        "cancelled": make_event(
            series,
            slug="cafe-2",
            title="Café 2",
            organiser=other,
            start=stockholm(2026, 12, 15, 12),
            end=stockholm(2026, 12, 15, 13),
            cancelled=True,
        ),
        "next_year": make_event(
            calendar, slug="konferens", title="Konferens", start=stockholm(2027, 3, 1, 9), end=stockholm(2027, 3, 1, 16)
        ),
    }
    # The conference is run together with the network.
    made["next_year"].co_organisers.add(EventPageCoOrganiser(organiser=other))
    publish(made["next_year"])
    made["series"] = series
    made["other"] = other
    return made


def test_whole_calendar_feed_parses_in_two_parsers(client, events):
    content = feed(client, "/kalender/ical/").content
    ical, vcal = both_parsers(content)

    expected = ["Café 1", "Inställt: Café 2", "Konferens"]
    assert [str(event["SUMMARY"]) for event in ical.events] == expected
    assert [event.summary.value for event in vobject_events(vcal)] == expected
    assert [event.uid.value for event in vobject_events(vcal)] == [str(event["UID"]) for event in ical.events]
    # A subscription says how it is called and how often to fetch it again.
    assert str(ical["X-WR-CALNAME"]) == events["series"].get_parent().title
    assert ical["REFRESH-INTERVAL"].dt == datetime.timedelta(hours=6)
    assert vcal.contents["refresh-interval"][0].value


def test_cancelled_event_stays_in_the_feed_marked_cancelled(client, events):
    ical, vcal = both_parsers(feed(client, "/kalender/ical/").content)

    [cancelled] = [event for event in ical.events if "Café 2" in str(event["SUMMARY"])]
    assert str(cancelled["STATUS"]) == "CANCELLED"
    [vcancelled] = [event for event in vobject_events(vcal) if "Café 2" in event.summary.value]
    assert vcancelled.status.value == "CANCELLED"


def test_uids_stay_the_same_when_an_event_is_edited_so_apps_update_in_place(client, events):
    before = {
        str(event["URL"]): str(event["UID"])
        for event in Calendar.from_ical(feed(client, "/kalender/ical/").content).events
    }
    conference = events["next_year"]
    conference.title = "Konferens om landsbygden"
    conference.start = stockholm(2027, 3, 2, 9)
    conference.end = stockholm(2027, 3, 2, 16)
    publish(conference)

    after_events = Calendar.from_ical(feed(client, "/kalender/ical/").content).events
    after = {str(event["URL"]): str(event["UID"]) for event in after_events}
    assert after == before
    assert "Konferens om landsbygden" in [str(event["SUMMARY"]) for event in after_events]


def test_series_feed_holds_its_sessions(client, events):
    ical, vcal = both_parsers(feed(client, "/kalender/lunchcafeer/ical/").content)

    assert [str(event["SUMMARY"]) for event in ical.events] == ["Café 1", "Inställt: Café 2"]
    assert len(vobject_events(vcal)) == 2
    assert str(ical["X-WR-CALNAME"]) == "Lunchcaféer"


def test_organiser_feed_holds_what_it_runs_and_co_runs(client, events):
    ical, vcal = both_parsers(feed(client, "/kalender/arrangor/natverket/ical/").content)

    assert [str(event["SUMMARY"]) for event in ical.events] == ["Café 1", "Inställt: Café 2", "Konferens"]
    assert [event.summary.value for event in vobject_events(vcal)] == ["Café 1", "Inställt: Café 2", "Konferens"]
    # The other organiser's feed has only the event it runs alone that is still in the window: none.
    own = Calendar.from_ical(feed(client, "/kalender/arrangor/myndigheten/ical/").content)
    assert [str(event["SUMMARY"]) for event in own.events] == []


def test_unknown_organiser_feed_is_a_404(client, events):
    assert client.get("/kalender/arrangor/finns-inte/ical/").status_code == 404
    # Its positive twin.
    assert client.get("/kalender/arrangor/natverket/ical/").status_code == 200


def test_a_single_event_is_still_a_download(client, events):
    response = client.get("/kalender/konferens/ical/")

    assert response["Content-Disposition"] == 'attachment; filename="konferens.ics"'
    page = client.get("/kalender/konferens/").text
    assert 'href="/kalender/konferens/ical/" download>Lägg till i kalender' in page


def test_pages_offer_webcal_links_and_an_address_to_copy(client, events):
    with time_machine.travel(NOW, tick=False):
        index = client.get("/kalender/").text
        series = client.get("/kalender/lunchcafeer/").text
        filtered = client.get("/kalender/?arrangor=natverket").text

    assert 'href="webcal://testserver/kalender/ical/"' in index
    assert 'value="http://testserver/kalender/ical/" readonly' in index
    assert 'href="webcal://testserver/kalender/lunchcafeer/ical/"' in series
    assert (
        '<link rel="alternate" type="text/calendar" title="Lunchcaféer" href="/kalender/lunchcafeer/ical/">' in series
    )
    assert 'href="webcal://testserver/kalender/arrangor/natverket/ical/"' in filtered
    assert 'href="/kalender/arrangor/natverket/ical/"' in filtered
    assert "webcal://testserver/kalender/arrangor/" not in index


def test_whole_calendar_feed_is_served_from_the_page_cache(client, events, settings):
    settings.PAGE_CACHE_ENABLED = True
    cache.clear()
    with time_machine.travel(NOW, tick=False):
        first = client.get("/kalender/ical/")
        second = client.get("/kalender/ical/")

    assert first.get("X-Page-Cache") == "miss"
    assert second.get("X-Page-Cache") == "hit"
    assert second.content == first.content


def test_feed_costs_the_same_queries_for_few_and_many_events(client, calendar, organiser):
    def count():
        client.get("/kalender/ical/")
        with CaptureQueriesContext(connection) as captured:
            feed(client, "/kalender/ical/")
        return len(captured)

    for day in range(1, 4):
        make_event(calendar, slug=f"a-{day}", start=stockholm(2027, 1, day, 9), end=stockholm(2027, 1, day, 10))
    few = count()
    for day in range(4, 24):
        make_event(calendar, slug=f"a-{day}", start=stockholm(2027, 1, day, 9), end=stockholm(2027, 1, day, 10))
    many = count()

    assert many <= few
