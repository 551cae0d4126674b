"""A reader browses /kalender/: upcoming events soonest first, past ones latest first, filters, pages."""

import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from caching import memo
from events.models import EventPage
from tests.events.factories import EventSeriesPageFactory, OrganiserFactory, make_event, stockholm
from tests.factories import publish

NOW = stockholm(2026, 12, 8, 12, 30)


def titles(response):
    return re.findall(
        r'<h3 class="card__title"><a href="[^"]+">(?:<span[^>]*>[^<]*</span> )?([^<]+)</a>', response.text
    )


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def four_events(calendar, organiser):
    make_event(calendar, title="Nästa vecka", start=stockholm(2026, 12, 15, 12), end=stockholm(2026, 12, 15, 13))
    make_event(calendar, title="Pågår nu", start=stockholm(2026, 12, 8, 12), end=stockholm(2026, 12, 8, 13))
    make_event(calendar, title="Förra veckan", start=stockholm(2026, 12, 1, 12), end=stockholm(2026, 12, 1, 13))
    make_event(calendar, title="I morse", start=stockholm(2026, 12, 8, 9), end=stockholm(2026, 12, 8, 10))


def test_upcoming_events_soonest_first_including_one_in_progress(client, four_events, frozen):
    response = client.get("/kalender/")

    assert response.status_code == 200
    assert titles(response) == ["Pågår nu", "Nästa vecka"]


def test_past_events_latest_first(client, four_events, frozen):
    response = client.get("/kalender/tidigare/")

    assert response.status_code == 200
    assert titles(response) == ["I morse", "Förra veckan"]
    assert 'aria-current="page">Tidigare evenemang' in response.text


def test_event_moves_to_past_when_it_ends(client, calendar, organiser):
    make_event(calendar, title="Lunchcafé", start=stockholm(2026, 12, 8, 12), end=stockholm(2026, 12, 8, 13))

    with time_machine.travel(stockholm(2026, 12, 8, 12, 59), tick=False):
        assert titles(client.get("/kalender/")) == ["Lunchcafé"]
        assert titles(client.get("/kalender/tidigare/")) == []
    with time_machine.travel(stockholm(2026, 12, 8, 13, 1), tick=False):
        assert titles(client.get("/kalender/")) == []
        assert titles(client.get("/kalender/tidigare/")) == ["Lunchcafé"]


def test_all_day_event_stays_upcoming_until_midnight(client, calendar):
    make_event(calendar, title="Konferens", all_day=True, start=stockholm(2026, 12, 8), end=stockholm(2026, 12, 8))

    with time_machine.travel(stockholm(2026, 12, 8, 23, 30), tick=False):
        assert titles(client.get("/kalender/")) == ["Konferens"]
    with time_machine.travel(stockholm(2026, 12, 9, 0, 1), tick=False):
        assert titles(client.get("/kalender/tidigare/")) == ["Konferens"]


def test_drafts_are_not_listed(client, calendar, frozen):
    draft = make_event(calendar, title="Utkast", start=stockholm(2026, 12, 20, 12), end=stockholm(2026, 12, 20, 13))
    draft.unpublish()

    assert titles(client.get("/kalender/")) == []


@pytest.fixture
def mixed_events(calendar):
    agency = OrganiserFactory(name="Myndigheten", slug="myndigheten")
    network = OrganiserFactory(name="Nätverket för levande bygder", slug="natverket")
    day = 10
    for title, event_format, organiser, co_organisers in [
        ("Digitalt café", EventPage.Format.DIGITAL, agency, [network]),
        ("Studiebesök", EventPage.Format.ON_SITE, network, []),
        ("Hybridseminarium", EventPage.Format.HYBRID, agency, []),
    ]:
        make_event(
            calendar,
            title=title,
            format=event_format,
            organiser=organiser,
            co_organisers=co_organisers,
            venue_name="Folkets hus",
            locality="Östersund",
            start=stockholm(2026, 12, day, 12),
            end=stockholm(2026, 12, day, 13),
        )
        day += 1


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("format=digitalt", ["Digitalt café"]),
        ("format=pa-plats", ["Studiebesök"]),
        ("format=hybrid", ["Hybridseminarium"]),
        ("arrangor=natverket", ["Digitalt café", "Studiebesök"]),
        ("arrangor=myndigheten&format=hybrid", ["Hybridseminarium"]),
        ("format=&arrangor=", ["Digitalt café", "Studiebesök", "Hybridseminarium"]),
    ],
)
def test_reader_filters_by_format_and_organiser(client, mixed_events, frozen, query, expected):
    response = client.get(f"/kalender/?{query}")

    assert response.status_code == 200
    assert titles(response) == expected


def test_filters_carry_over_to_past_events_link(client, mixed_events, frozen):
    response = client.get("/kalender/?format=digitalt")

    assert 'href="/kalender/tidigare/?format=digitalt"' in response.text
    assert '<option value="digitalt" selected>' in response.text


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("format=simultant", "Välj digitalt, på plats eller hybrid."),
        ("arrangor=finns-inte", "Det finns ingen sådan arrangör i kalendern."),
        ("arrangor=%00", "Filtret kunde inte användas"),
        ("format=%00digitalt", "Filtret kunde inte användas"),
    ],
)
def test_unknown_filter_value_is_a_clear_400(client, mixed_events, frozen, query, message):
    response = client.get(f"/kalender/?{query}")

    assert response.status_code == 400
    assert message in response.text
    assert len(titles(response)) == 3


def test_listing_is_paginated_and_keeps_the_filter(client, calendar, organiser, frozen):
    for day in range(9, 21):
        make_event(
            calendar,
            publish_now=False,
            title=f"Café {day}",
            start=stockholm(2026, 12, day, 12),
            end=stockholm(2026, 12, day, 13),
        )

    first = client.get("/kalender/?format=digitalt")
    third = client.get("/kalender/?format=digitalt&sida=3")
    beyond = client.get("/kalender/?sida=99")

    assert titles(first) == [f"Café {day}" for day in range(9, 14)]
    assert "format=digitalt&amp;sida=2" in first.text
    assert titles(third) == ["Café 19", "Café 20"]
    assert titles(beyond) == ["Café 19", "Café 20"]


def test_cards_name_series_and_cancellation(client, calendar, organiser, frozen):
    series = publish(EventSeriesPageFactory(parent=calendar, title="Digitala lunchcaféer"))
    make_event(series, title="Café 1", start=stockholm(2026, 12, 9, 12), end=stockholm(2026, 12, 9, 13))
    make_event(
        calendar,
        title="Studiebesök",
        cancelled=True,
        format=EventPage.Format.ON_SITE,
        venue_name="Butiken",
        locality="Norrbyn",
        start=stockholm(2026, 12, 10, 12),
        end=stockholm(2026, 12, 10, 13),
    )

    response = client.get("/kalender/")

    assert titles(response) == ["Café 1", "Studiebesök"]
    assert 'Del av serien <a href="/kalender/' in response.text
    assert '<span class="event-badge event-badge--cancelled">Inställt</span> Studiebesök' in response.text


def _count_queries(client, path):
    """Queries of a render with nothing remembered (caching.memo): what each reader's first
    request after an edit costs."""
    memo.forget()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def _add_events(calendar, series, organisers, count, offset):
    for number in range(count):
        day = offset + number
        make_event(
            series if number % 3 == 0 else calendar,
            publish_now=False,
            title=f"Evenemang {day}",
            organiser=organisers[number % 2],
            co_organisers=[organisers[(number + 1) % 2]],
            start=stockholm(2027, 1, 1, 12) + (stockholm(2027, 1, 2) - stockholm(2027, 1, 1)) * day,
            end=stockholm(2027, 1, 1, 13) + (stockholm(2027, 1, 2) - stockholm(2027, 1, 1)) * day,
        )


def test_listing_queries_do_not_grow_with_the_number_of_events(client, calendar, frozen):
    calendar.events_per_page = 20
    calendar.save()
    organisers = [OrganiserFactory(), OrganiserFactory()]
    series = publish(EventSeriesPageFactory(parent=calendar))
    _add_events(calendar, series, organisers, 20, 0)
    client.get("/kalender/")  # warm the site and page caches
    client.get("/kalender/tidigare/")

    with_20 = _count_queries(client, "/kalender/?sida=1")
    with_20_past = _count_queries(client, "/kalender/tidigare/")
    _add_events(calendar, series, organisers, 180, 20)
    client.get("/kalender/")
    with_200 = _count_queries(client, "/kalender/?sida=1")
    with_200_filtered = _count_queries(client, f"/kalender/?arrangor={organisers[0].slug}&sida=2")

    assert with_20 == with_200
    assert with_200_filtered <= with_200 + 1
    assert with_20_past <= with_20


def test_series_and_session_queries_do_not_grow_with_the_number_of_sessions(client, calendar, frozen):
    # The series' JSON-LD names every session with its organisers: no query per session.
    organisers = [OrganiserFactory(), OrganiserFactory()]
    series = publish(EventSeriesPageFactory(parent=calendar))
    first = make_event(series, title="Tillfälle 1", organiser=organisers[0], co_organisers=[organisers[1]])
    make_event(series, title="Tillfälle 2", organiser=organisers[1])
    client.get(series.url)  # warm the site and page caches
    client.get(first.url)
    with_2 = _count_queries(client, series.url), _count_queries(client, first.url)
    for number in range(3, 9):
        make_event(series, title=f"Tillfälle {number}", organiser=organisers[number % 2], co_organisers=[organisers[0]])
    with_8 = _count_queries(client, series.url), _count_queries(client, first.url)
    assert "Tillfälle 8" in client.get(series.url).text
    assert with_8 == with_2
