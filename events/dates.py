"""When an event happens, in words: Swedish dates and times in the Stockholm time zone.

Kept apart from the models so the listing, the event page, the iCalendar export and the
tests all say the same thing the same way.
"""

import datetime
import zoneinfo

from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _

EVENT_TIME_ZONE = zoneinfo.ZoneInfo("Europe/Stockholm")


def local(value):
    """`value` (aware) in Stockholm time."""
    return timezone.localtime(value, EVENT_TIME_ZONE)


def start_of_day(day):
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=EVENT_TIME_ZONE)


def end_of_day(day):
    # The last whole second of the day: an all-day event stays "upcoming" until midnight.
    return datetime.datetime.combine(day, datetime.time(23, 59, 59), tzinfo=EVENT_TIME_ZONE)


def _time(value):
    return date_format(value, "H.i")


def _date_range(first, last):
    """ "8–10 december 2026", "30 november – 2 december 2026", "30 december 2026 – 2 januari 2027"."""
    if first.year != last.year:
        return f"{date_format(first, 'j F Y')} – {date_format(last, 'j F Y')}"
    if first.month != last.month:
        return f"{date_format(first, 'j F')} – {date_format(last, 'j F Y')}"
    return f"{first.day}–{date_format(last, 'j F Y')}"


def format_when(start, end, all_day=False):
    """The event's date and time as a reader sees it, e.g. "tisdag 8 december 2026 kl. 12.00–13.00"."""
    start, end = local(start), local(end)
    if all_day:
        if start.date() == end.date():
            return date_format(start, "l j F Y")
        return _date_range(start.date(), end.date())
    if start.date() == end.date():
        return _("%(date)s kl. %(start)s–%(end)s") % {
            "date": date_format(start, "l j F Y"),
            "start": _time(start),
            "end": _time(end),
        }
    return _("%(dates)s, start kl. %(start)s och slut kl. %(end)s") % {
        "dates": _date_range(start.date(), end.date()),
        "start": _time(start),
        "end": _time(end),
    }


def format_day_month(day):
    """ "1 december", for deadlines within the event's year."""
    return date_format(day, "j F")


def format_day_month_year(day):
    return date_format(day, "j F Y")
