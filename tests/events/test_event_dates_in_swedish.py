"""Dates and times read as a Swede writes them, in Stockholm time whatever the server's clock."""

import datetime

import pytest

from events.dates import format_when
from tests.events.factories import make_event, stockholm

UTC = datetime.UTC


@pytest.mark.parametrize(
    ("start", "end", "all_day", "expected"),
    [
        (stockholm(2026, 12, 8, 12), stockholm(2026, 12, 8, 13), False, "tisdag 8 december 2026 kl. 12.00–13.00"),
        (stockholm(2026, 6, 3, 9, 30), stockholm(2026, 6, 3, 11, 5), False, "onsdag 3 juni 2026 kl. 09.30–11.05"),
        (
            stockholm(2026, 12, 8, 9),
            stockholm(2026, 12, 10, 16),
            False,
            "8–10 december 2026, start kl. 09.00 och slut kl. 16.00",
        ),
        (
            stockholm(2026, 11, 30, 9),
            stockholm(2026, 12, 2, 15),
            False,
            "30 november – 2 december 2026, start kl. 09.00 och slut kl. 15.00",
        ),
        (stockholm(2026, 12, 8), stockholm(2026, 12, 8, 23, 59), True, "tisdag 8 december 2026"),
        (stockholm(2026, 12, 8), stockholm(2026, 12, 10, 23, 59), True, "8–10 december 2026"),
        (stockholm(2026, 12, 30), stockholm(2027, 1, 2, 23, 59), True, "30 december 2026 – 2 januari 2027"),
        # Stored in UTC, shown in Swedish summer and winter time.
        (
            datetime.datetime(2026, 7, 1, 10, tzinfo=UTC),
            datetime.datetime(2026, 7, 1, 11, tzinfo=UTC),
            False,
            "onsdag 1 juli 2026 kl. 12.00–13.00",
        ),
        (
            datetime.datetime(2026, 12, 8, 21, 30, tzinfo=UTC),
            datetime.datetime(2026, 12, 8, 22, 30, tzinfo=UTC),
            False,
            "tisdag 8 december 2026 kl. 22.30–23.30",
        ),
    ],
)
def test_when_reads_in_swedish(start, end, all_day, expected):
    assert format_when(start, end, all_day) == expected


def test_event_page_shows_when_with_machine_readable_time(client, calendar, organiser):
    make_event(calendar, slug="lunchcafe", start=stockholm(2026, 12, 8, 12), end=stockholm(2026, 12, 8, 13))

    response = client.get("/kalender/lunchcafe/")

    assert response.status_code == 200
    assert '<time datetime="2026-12-08T12:00:00+01:00">tisdag 8 december 2026 kl. 12.00–13.00</time>' in response.text


def test_all_day_event_is_shown_without_times(client, calendar, organiser):
    make_event(
        calendar,
        slug="konferens",
        all_day=True,
        start=stockholm(2026, 12, 8, 10),
        end=stockholm(2026, 12, 10, 10),
        format="pa-plats",
        venue_name="Folkets hus",
        locality="Östersund",
    )

    response = client.get("/kalender/konferens/")

    assert '<time datetime="2026-12-08">8–10 december 2026</time>' in response.text
    assert "kl." not in response.text.split("<main", 1)[1].split("</dl>", 1)[0]


def test_times_are_stockholm_times_whatever_the_active_time_zone():
    from django.utils import timezone

    with timezone.override("UTC"):
        assert format_when(stockholm(2026, 12, 8, 12), stockholm(2026, 12, 8, 13)) == (
            "tisdag 8 december 2026 kl. 12.00–13.00"
        )
