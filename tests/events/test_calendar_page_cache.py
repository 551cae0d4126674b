"""The page cache forgets calendar pages when an event, a session of a series or an organiser changes."""

import pytest
from django.core.cache import cache

from tests.events.factories import EventSeriesPageFactory, OrganiserFactory, make_event, stockholm
from tests.factories import publish


@pytest.fixture
def cached(settings):
    settings.PAGE_CACHE_ENABLED = True
    cache.clear()
    yield
    cache.clear()


def status(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response.get("X-Page-Cache")


def warm(client, paths):
    for path in paths:
        client.get(path)
        assert status(client, path) == "hit", path


@pytest.fixture
def series_with_sessions(calendar, organiser):
    series = publish(EventSeriesPageFactory(parent=calendar, slug="lunchcafeer"))
    sessions = [
        make_event(
            series,
            slug=f"cafe-{day}",
            organiser=organiser,
            start=stockholm(2030, 12, day, 12),
            end=stockholm(2030, 12, day, 13),
        )
        for day in (1, 8)
    ]
    return series, sessions


def test_publishing_a_session_purges_the_calendar_the_series_and_the_other_sessions(
    client, cached, series_with_sessions
):
    _series, (first, second) = series_with_sessions
    paths = [
        "/",
        "/kalender/",
        "/kalender/tidigare/",
        "/kalender/ical/",
        "/kalender/lunchcafeer/",
        "/kalender/lunchcafeer/ical/",
        "/kalender/lunchcafeer/cafe-1/",
        "/kalender/lunchcafeer/cafe-8/",
        "/kalender/lunchcafeer/cafe-8/ical/",
    ]
    warm(client, paths)

    second.title = "Nytt namn"
    publish(second)

    for path in paths:
        assert status(client, path) == "miss", path


def test_renaming_an_organiser_purges_its_events(client, cached, calendar, organiser):
    other = OrganiserFactory()
    make_event(
        calendar,
        slug="med-arrangor",
        organiser=organiser,
        start=stockholm(2030, 12, 1, 12),
        end=stockholm(2030, 12, 1, 13),
    )
    make_event(calendar, slug="utan", organiser=other, start=stockholm(2030, 12, 2, 12), end=stockholm(2030, 12, 2, 13))
    warm(client, ["/kalender/med-arrangor/", "/kalender/utan/", "/kalender/"])

    organiser.name = "Myndigheten för en levande landsbygd"
    organiser.save()

    assert status(client, "/kalender/med-arrangor/") == "miss"
    assert status(client, "/kalender/") == "miss"
    assert status(client, "/kalender/utan/") == "hit"
