"""The feeds each app offers, for the Prenumerera page.

Each entry of SUBSCRIPTION_FEED_SECTIONS names a function `(request) -> section or None`, owned by
the app whose data it lists (as HOME_PAGE_SECTIONS does for the home page), so this app never
imports blog/ or events/. A section is `{"title": str, "kind": "rss" | "ical", "feeds": [{"title", "url"}]}`.
"""

from django.conf import settings
from django.utils.module_loading import import_string


def feed_sections(request):
    sections = (import_string(path)(request) for path in settings.SUBSCRIPTION_FEED_SECTIONS)
    return [section for section in sections if section and section["feeds"]]
