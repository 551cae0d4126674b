"""The Prenumerera page lists every calendar and feed a reader can subscribe to, with addresses to copy."""

import re

import feedparser
import vobject
from icalendar import Calendar


def test_prenumerera_lists_calendars_and_feeds_that_work(client, demo_site):
    response = client.get("/prenumerera/")
    assert response.status_code == 200
    page = response.text

    assert "<h1>Prenumerera</h1>" in page
    webcal = re.findall(r'href="webcal://testserver(/[^"]*)"', page)
    copies = re.findall(r'value="http://testserver(/[^"]*)" readonly', page)
    assert "/kalender/ical/" in webcal
    assert any(path.startswith("/kalender/arrangor/") for path in webcal)
    assert "/blogg/rss/" in copies
    assert any(path.startswith("/blogg/rss/amne/") for path in copies)
    assert any(path.startswith("/blogg/forfattare/") for path in copies)
    assert all("?" not in path for path in webcal + copies)

    for path in webcal:
        content = client.get(path).content
        assert Calendar.from_ical(content)["VERSION"] == "2.0"
        assert vobject.readOne(content.decode()).name == "VCALENDAR"
    for path in copies:
        if "/rss/" in path:
            feed = feedparser.parse(client.get(path).content)
            assert not feed.bozo, (path, feed.get("bozo_exception"))
            assert feed.entries, path
