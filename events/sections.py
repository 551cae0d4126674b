"""The calendar's section on the home page (see HOME_PAGE_SECTIONS)."""

from django.utils.translation import gettext as _

from .models import EventIndexPage, EventPage, event_listing, upcoming

HOME_PAGE_EVENT_COUNT = 3


def upcoming_events(request, home_page):
    index = EventIndexPage.objects.live().descendant_of(home_page).first()
    if index is None:
        return None
    events = list(upcoming(event_listing(EventPage.objects.descendant_of(index)))[:HOME_PAGE_EVENT_COUNT])
    index.attach_series(events)
    return {
        "title": _("Kommande evenemang"),
        "template": "events/includes/event_card.html",
        "items": events,
        "more_url": index.get_url(request=request),
        "more_text": _("Hela kalendern"),
    }
