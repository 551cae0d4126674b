"""The calendar's section on the home page (see HOME_PAGE_SECTIONS)."""

from django.utils.translation import gettext as _

from caching import tags
from website.restrictions import public

from .models import EventIndexPage, EventPage, event_listing, upcoming

HOME_PAGE_EVENT_COUNT = 3


def upcoming_events(request, home_page):
    index = EventIndexPage.objects.live().descendant_of(home_page).first()
    if index is None:
        return None
    events = list(upcoming(event_listing(EventPage.objects.descendant_of(index)))[:HOME_PAGE_EVENT_COUNT])
    index.attach_series(events)
    if events:
        # The list changes by itself when the first of these events ends (and the next comes in).
        tags.expires_at(min(event.end for event in events).timestamp())
    return {
        "title": _("Kommande evenemang"),
        "template": "events/includes/event_card.html",
        "items": events,
        "more_url": index.get_url(request=request),
        "more_text": _("Hela kalendern"),
    }


def calendar_feeds(request):
    """The calendar feeds for the Prenumerera page (see SUBSCRIPTION_FEED_SECTIONS): the whole
    calendar, each series with sessions still in a feed's window, and each organiser."""
    from .ical import feed_window
    from .models import EventSeriesPage, Organiser

    index = EventIndexPage.objects.live().first()
    if index is None:
        return None
    feeds = [{"title": _("Hela kalendern"), "url": index.get_ical_url(request)}]
    in_window = feed_window(EventPage.objects.descendant_of(index).live())
    for series in public(EventSeriesPage.objects.child_of(index).live()).order_by("title"):
        if in_window.child_of(series).exists():
            feeds.append(
                {"title": _("Serien %(title)s") % {"title": series.title}, "url": series.get_ical_url(request)}
            )
    for organiser in Organiser.with_events():
        feeds.append(
            {
                "title": _("Evenemang från %(name)s") % {"name": organiser.name},
                "url": index.get_organiser_feed_url(organiser, request),
            }
        )
    return {"title": _("Kalendern"), "kind": "ical", "feeds": feeds}
