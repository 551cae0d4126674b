"""The calendar on the home page, and the demo calendar loaded once and left alone afterwards."""

import datetime

import pytest
import time_machine
from wagtail.models import Site

from events import demo
from events.models import EventIndexPage, EventPage, EventSeriesPage, Organiser
from tests.events.factories import make_event, stockholm
from website.demo import DemoContext


def test_home_page_lists_the_next_three_events(client, calendar, organiser):
    for day in (3, 20, 10, 5):
        make_event(
            calendar,
            title=f"Träff {day} december",
            start=stockholm(2026, 12, day, 12),
            end=stockholm(2026, 12, day, 13),
        )
    make_event(calendar, title="Redan hållen", start=stockholm(2026, 11, 1, 12), end=stockholm(2026, 11, 1, 13))

    with time_machine.travel(stockholm(2026, 11, 27, 9), tick=False):
        response = client.get("/")

    text = response.text
    assert response.status_code == 200
    assert "Kommande evenemang" in text
    assert text.index("Träff 3 december") < text.index("Träff 5 december") < text.index("Träff 10 december")
    assert "Träff 20 december" not in text
    assert "Redan hållen" not in text
    assert '<a href="/kalender/">Hela kalendern</a>' in text


def test_home_page_without_upcoming_events_has_no_calendar_section(client, calendar):
    assert "Kommande evenemang" not in client.get("/").text


@pytest.fixture
def demo_context(home_page):
    return DemoContext(site=Site.objects.get(is_default_site=True), home=home_page)


def test_demo_calendar_is_loaded_once_and_never_redated(demo_context):
    with time_machine.travel(stockholm(2026, 11, 27, 9), tick=False):
        demo.load(demo_context)
    created = list(demo_context.created)
    starts = dict(EventPage.objects.values_list("slug", "start"))

    demo_context.created.clear()
    with time_machine.travel(stockholm(2026, 12, 15, 9), tick=False):
        demo.load(demo_context)

    assert demo_context.created == []
    assert dict(EventPage.objects.values_list("slug", "start")) == starts
    assert len(created) == 1 + 3 + 1 + 7
    assert EventIndexPage.objects.get().show_in_menus


def test_demo_calendar_has_the_lunch_cafe_series_and_each_kind_of_event(demo_context):
    with time_machine.travel(stockholm(2026, 11, 27, 9), tick=False):
        demo.load(demo_context)
        now = datetime.datetime.now(tz=datetime.UTC)

    series = EventSeriesPage.objects.get()
    sessions = EventPage.objects.child_of(series)
    assert sessions.count() == 4
    assert sessions.filter(end__lt=now).exists() and sessions.filter(end__gte=now).exists()
    assert {session.format for session in sessions} == {EventPage.Format.DIGITAL}
    network = Organiser.objects.get(slug="natverket-for-levande-bygder")
    assert all(network in session.all_organisers() for session in sessions)
    assert EventPage.objects.filter(format=EventPage.Format.ON_SITE).exists()
    assert EventPage.objects.filter(format=EventPage.Format.HYBRID).exists()
    assert EventPage.objects.filter(cancelled=True).exists()
    assert EventPage.objects.filter(all_day=True).exists()
    assert all(event.live for event in EventPage.objects.all())


def test_demo_calendar_pages_render(client, demo_context):
    with time_machine.travel(stockholm(2026, 11, 27, 9), tick=False):
        demo.load(demo_context)
        paths = ["/kalender/", "/kalender/tidigare/", "/kalender/ical/", "/kalender/digitala-lunchcafeer/"]
        paths += [event.url for event in EventPage.objects.all()]
        for path in paths:
            assert client.get(path).status_code == 200, path
