"""Structured data carries what Google's rich-result docs ask for (issue 16, point 8).

Each page type's JSON-LD is read from the rendered page and checked against the properties the docs list:

- Article (BlogPosting, case studies): https://developers.google.com/search/docs/appearance/structured-data/article
  ("Structured data type definitions": no required properties; recommended author, author.name, author.url,
  dateModified, datePublished, headline, image).
- Event: https://developers.google.com/search/docs/appearance/structured-data/event
  (required location, location.address for a Place, location.url for a VirtualLocation, name, startDate;
  recommended description, endDate, eventAttendanceMode, eventStatus, image, offers, organizer, organizer.name,
  organizer.url, performer, previousStartDate).
- EventSeries has no rich result of its own; https://schema.org/EventSeries with its dates and subEvent.
"""

import datetime
import json
import re

import pytest
from bs4 import BeautifulSoup

from stewardship.models import PageOwner
from tests.blog.factories import AuthorFactory, BlogIndexPageFactory, make_post
from tests.casestudies.factories import CaseStudyIndexPageFactory, CaseStudyPageFactory
from tests.events.factories import (
    EventIndexPageFactory,
    EventSeriesPageFactory,
    OrganiserFactory,
    make_event,
    stockholm,
)
from tests.factories import ImageFactory, StandardPageFactory, publish
from website.blocks import image_stream

ARTICLE_REQUIRED = []
ARTICLE_RECOMMENDED = ["author", "author.name", "author.url", "dateModified", "datePublished", "headline", "image"]
EVENT_REQUIRED = ["location", "name", "startDate"]
EVENT_RECOMMENDED = [
    "description",
    "endDate",
    "eventAttendanceMode",
    "eventStatus",
    "image",
    "organizer",
    "organizer.name",
    "organizer.url",
]
# Recommended by Google but not carried, because the site has no such data: `performer` (no speakers are
# recorded), `previousStartDate` (a moved event keeps no old date), `offers` only while registration is open.

DATE_TIME_WITH_ZONE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")


def json_ld_of(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    scripts = BeautifulSoup(response.content, "html.parser").head.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


def values(data, dotted):
    """Every value at `dotted` (lists are walked), so "author.url" checks each author."""
    found = [data]
    for key in dotted.split("."):
        step = []
        for item in found:
            for element in item if isinstance(item, list) else [item]:
                if isinstance(element, dict) and element.get(key) not in (None, "", []):
                    step.append(element[key])
        if not step or len(step) < len(found):
            return []
        found = step
    return found


def missing(data, properties):
    return [name for name in properties if not values(data, name)]


def assert_valid_event(data):
    assert data["@type"] == "Event"
    assert missing(data, EVENT_REQUIRED + EVENT_RECOMMENDED) == []
    for location in data["location"] if isinstance(data["location"], list) else [data["location"]]:
        if location["@type"] == "Place":
            assert location["address"]["addressLocality"]
        else:
            assert location["@type"] == "VirtualLocation"
            assert location["url"].startswith("http")
    assert data["eventStatus"].startswith("https://schema.org/Event")
    assert data["eventAttendanceMode"].startswith("https://schema.org/")


@pytest.fixture
def owner(db):
    return PageOwner.objects.create(name="Enheten för lokal utveckling", role="Landsbygdsfrågor", phone="010-000 00")


def test_blog_posting_has_every_recommended_property_with_zoned_times(client, home_page):
    index = publish(BlogIndexPageFactory(parent=home_page))
    post = make_post(
        index,
        slug="cyklar",
        authors=[AuthorFactory(name="Karin Exempelsson")],
        date=datetime.date(2026, 11, 27),
        updated_on=datetime.date(2026, 11, 29),
        hero=image_stream(ImageFactory(), "Två personer lagar en cykel."),
    )

    data = json_ld_of(client, post)

    assert data["@type"] == "BlogPosting"
    assert missing(data, ARTICLE_REQUIRED + ARTICLE_RECOMMENDED) == []
    assert data["author"][0]["url"].startswith("http://testserver/blogg/forfattare/")
    assert DATE_TIME_WITH_ZONE.match(data["datePublished"]), data["datePublished"]
    assert data["datePublished"].startswith("2026-11-27T")
    assert data["dateModified"].startswith("2026-11-29T")
    assert data["datePublished"].endswith("+01:00")  # Stockholm in winter
    assert data["publisher"]["url"] == "http://testserver/"


def test_blog_posting_without_image_lacks_only_the_image(client, home_page):
    index = publish(BlogIndexPageFactory(parent=home_page))
    post = make_post(index, slug="utan-bild", authors=[AuthorFactory()], date=datetime.date(2026, 11, 27))

    assert missing(json_ld_of(client, post), ARTICLE_RECOMMENDED) == ["image"]


def test_case_study_has_image_and_author_from_its_page_owner(client, home_page, owner):
    home_page.page_owner = owner
    home_page.save_revision().publish()
    index = publish(CaseStudyIndexPageFactory(parent=home_page))
    contact = publish(StandardPageFactory(parent=home_page, slug="kontakt", title="Kontakt"))
    owner.contact_page = contact
    owner.save()
    case = publish(CaseStudyPageFactory(parent=index, slug="region", social_image=ImageFactory()))

    data = json_ld_of(client, case)

    assert data["@type"] == "Article"
    assert missing(data, ARTICLE_REQUIRED + ARTICLE_RECOMMENDED) == []
    assert data["author"] == {
        "@type": "Organization",
        "name": "Enheten för lokal utveckling",
        "url": "http://testserver/kontakt/",
    }
    assert DATE_TIME_WITH_ZONE.match(data["datePublished"])


def test_case_study_without_owner_or_image_is_credited_to_the_agency(client, home_page):
    index = publish(CaseStudyIndexPageFactory(parent=home_page))
    case = publish(CaseStudyPageFactory(parent=index, slug="kommun"))

    data = json_ld_of(client, case)

    assert missing(data, ARTICLE_RECOMMENDED) == ["image"]
    assert data["author"]["@type"] == "GovernmentOrganization"
    assert data["author"]["url"] == "http://testserver/"


@pytest.fixture
def calendar(home_page):
    return publish(EventIndexPageFactory(parent=home_page))


def test_digital_event_has_required_and_recommended_properties(client, calendar):
    organiser = OrganiserFactory(name="Landsbygdsnätverket", url="https://natverket.example/")
    event = make_event(calendar, slug="cafe", organiser=organiser, social_image=ImageFactory())

    data = json_ld_of(client, event)

    assert_valid_event(data)
    assert data["location"]["@type"] == "VirtualLocation"
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["organizer"] == [
        {"@type": "Organization", "name": "Landsbygdsnätverket", "url": "https://natverket.example/"}
    ]
    assert data["startDate"] == "2026-12-08T12:00:00+01:00"
    assert data["image"].startswith("http://testserver/")


def test_cancelled_hybrid_event_has_place_with_address_and_virtual_location(client, calendar):
    event = make_event(
        calendar,
        slug="stamma",
        format="hybrid",
        venue_name="Bygdegården",
        street_address="Byvägen 1",
        postal_code="123 45",
        locality="Exempelby",
        cancelled=True,
        social_image=ImageFactory(),
    )

    data = json_ld_of(client, event)

    assert_valid_event(data)
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert [location["@type"] for location in data["location"]] == ["Place", "VirtualLocation"]
    assert data["location"][0]["address"]["streetAddress"] == "Byvägen 1"
    # An organiser without a website of its own carries the agency's address (organizer.url).
    assert data["organizer"][0]["url"] == "http://testserver/"


def test_event_without_image_lacks_only_the_image(client, calendar):
    event = make_event(calendar, slug="utan-bild", organiser=OrganiserFactory(url="https://a.example/"))

    assert missing(json_ld_of(client, event), EVENT_REQUIRED + EVENT_RECOMMENDED) == ["image"]


def test_event_series_has_its_dates_and_every_session_as_a_valid_sub_event(client, calendar):
    series = publish(EventSeriesPageFactory(parent=calendar, slug="lunchcafeer", social_image=ImageFactory()))
    organiser = OrganiserFactory(url="https://natverket.example/")
    for day in (8, 15, 22):
        make_event(
            series,
            slug=f"cafe-{day}",
            start=stockholm(2026, 12, day, 12),
            end=stockholm(2026, 12, day, 13),
            organiser=organiser,
            social_image=ImageFactory(),
        )
    make_event(
        series,
        slug="utkast",
        publish_now=False,
        live=False,
        start=stockholm(2027, 1, 5, 12),
        end=stockholm(2027, 1, 5, 13),
    )

    data = json_ld_of(client, series)

    assert data["@type"] == "EventSeries"
    assert data["startDate"] == "2026-12-08T12:00:00+01:00"
    assert data["endDate"] == "2026-12-22T13:00:00+01:00"
    assert len(data["subEvent"]) == 3  # the draft is not announced
    for session in data["subEvent"]:
        assert_valid_event(session)
    assert data["image"].startswith("http://testserver/")

    # Each session names its series in turn.
    session = json_ld_of(client, series.get_children().live().first().specific)
    assert session["superEvent"] == {
        "@type": "EventSeries",
        "name": series.title,
        "url": "http://testserver/kalender/lunchcafeer/",
    }
