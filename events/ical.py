"""iCalendar (RFC 5545) export with the icalendar library.

One event is a download ("Lägg till i kalender"). The whole calendar, a series and an organiser's
events are feeds that a calendar app subscribes to (`webcal://`): they hold the events of the last
`FEED_PAST_DAYS` days and everything after, each with a UID that never changes, so the app updates
its copy in place, and a cancelled event stays with `STATUS:CANCELLED` so the app marks it too.
Each event costs no query and no template: the listing is fetched in a fixed number of queries
(events.models.event_listing) and each VEVENT is built from the page's own fields.
"""

import datetime

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event
from wagtail.models import Site

from . import dates

PRODID = "-//Myndigheten för levande landsbygd//Kalender//SV"
# How far back a subscribed feed reaches: an app keeps showing what happened last month.
FEED_PAST_DAYS = 30
# How often a calendar app should fetch a subscribed feed again (RFC 7986 and Outlook's own property).
FEED_REFRESH = datetime.timedelta(hours=6)


def feed_window(queryset, now=None):
    """Events that ended at most FEED_PAST_DAYS ago, or have not ended, soonest first."""
    now = now or timezone.now().replace(second=0, microsecond=0)
    return queryset.filter(end__gte=now - datetime.timedelta(days=FEED_PAST_DAYS)).order_by("start", "pk")


def event_uid(event, host):
    """Stable across edits and moves: the page's id never changes, and the host names whose id it is."""
    return f"event-{event.pk}@{host}"


def _description(event, request):
    parts = [event.lead]
    if event.is_digital and event.join_instructions:
        parts.append(event.join_instructions)
    if event.join_url:
        parts.append(event.join_url)
    parts.append(_("Mer information: %(url)s") % {"url": event.get_full_url(request)})
    return "\n\n".join(part for part in parts if part)


def _location(event):
    if event.is_on_site:
        return ", ".join(part for part in (event.venue_name, event.full_address) if part)
    return event.join_url or _("Digitalt")


def build_vevent(event, request, host, stamp):
    vevent = Event()
    vevent.add("uid", event_uid(event, host))
    vevent.add("dtstamp", stamp)
    if event.all_day:
        # DTEND of an all-day event is the day after the last day (RFC 5545, 3.6.1).
        vevent.add("dtstart", event.local_start.date())
        vevent.add("dtend", event.local_end.date() + datetime.timedelta(days=1))
    else:
        vevent.add("dtstart", event.local_start)
        vevent.add("dtend", event.local_end)
    summary = event.title
    if event.cancelled:
        summary = _("Inställt: %(title)s") % {"title": event.title}
    vevent.add("summary", summary)
    vevent.add("description", _description(event, request))
    vevent.add("location", _location(event))
    vevent.add("url", event.get_full_url(request))
    vevent.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    if event.last_published_at:
        vevent.add("last-modified", event.last_published_at.astimezone(datetime.UTC))
    return vevent


def build_calendar(events, request, name, subscription=False):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", dates.EVENT_TIME_ZONE.key)
    if subscription:
        calendar.add("name", name)
        calendar.add("refresh-interval", FEED_REFRESH, parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", FEED_REFRESH)
    site = Site.find_for_request(request)
    host = site.hostname if site else request.get_host().split(":")[0]
    stamp = timezone.now().astimezone(datetime.UTC)
    events = list(events)
    for event in events:
        calendar.add_component(build_vevent(event, request, host, stamp))
    # The time zone's rules only for the years the events span, rather than since 1970.
    today = timezone.localdate()
    first = min([event.local_start.date() for event in events] + [today])
    last = max([event.local_end.date() for event in events] + [today])
    calendar.add_missing_timezones(
        first_date=datetime.date(first.year - 1, 1, 1), last_date=datetime.date(last.year + 2, 1, 1)
    )
    return calendar


def calendar_response(request, events, name, filename):
    """A text/calendar response; a file name makes it a download, without one it is a feed to subscribe to."""
    calendar = build_calendar(events, request, name, subscription=not filename)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
