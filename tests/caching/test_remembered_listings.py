"""The calendar, a series and the case study index keep what they list between readers' requests
(caching.memo): the next request reads less, every change shows at once, and each filter and page
number keeps its own listing."""

import pytest

from casestudies.models import CaseStudyIndexPage, CaseStudyPage
from events.models import EventIndexPage, EventPage, EventSeriesPage, upcoming
from tests.caching.test_memo import get, publish_with_title, queries


def html(path, status=200):
    return get(path, status=status).content.decode()


def listing_path(which):
    if which == "calendar":
        return EventIndexPage.objects.get().url
    if which == "series":
        return EventSeriesPage.objects.live().first().url
    return CaseStudyIndexPage.objects.get().url


@pytest.mark.django_db
@pytest.mark.parametrize(("which", "budget"), [("calendar", 4), ("series", 3), ("case_studies", 3)])
def test_a_readers_next_request_reads_the_listing_from_memory(demo_site, which, budget):
    # Without the remembered listings the next request reads 9, 7 and 12 times.
    path = listing_path(which)
    first = queries(path)
    assert queries(path) <= budget < first, path


@pytest.mark.django_db
def test_a_renamed_event_shows_at_once_in_the_calendar_and_its_series(demo_site):
    calendar = EventIndexPage.objects.get()
    series = EventSeriesPage.objects.live().first()
    soonest = upcoming(EventPage.objects.live().descendant_of(calendar)).first()
    session = EventPage.objects.live().child_of(series).first()
    for path in (calendar.url, series.url):
        html(path)
        html(path)
    publish_with_title(soonest, "Evenemang med ny rubrik")
    publish_with_title(session, "Tillfälle med ny rubrik")
    assert "Evenemang med ny rubrik" in html(calendar.url)
    assert "Tillfälle med ny rubrik" in html(series.url)


@pytest.mark.django_db
def test_each_calendar_filter_keeps_its_own_listing(demo_site):
    calendar = EventIndexPage.objects.get()
    events = upcoming(EventPage.objects.live().descendant_of(calendar))
    digital = events.filter(format=EventPage.Format.DIGITAL).first()
    on_site = events.filter(format=EventPage.Format.ON_SITE).first()
    for _ in range(2):
        filtered = html(f"{calendar.url}?format=digitalt")
        assert digital.title in filtered and on_site.title not in filtered
        everything = html(calendar.url)
        assert digital.title in everything and on_site.title in everything
        # A hand-edited filter is refused every time, remembered listing or not, and lists everything.
        refused = html(f"{calendar.url}?arrangor=finns-inte", status=400)
        assert "Det finns ingen sådan arrangör i kalendern." in refused and on_site.title in refused


@pytest.mark.django_db
def test_a_renamed_case_study_and_each_county_filter_show_at_once(demo_site):
    index = CaseStudyIndexPage.objects.get()
    study = CaseStudyPage.objects.live().child_of(index).exclude(county=None).first()
    other = CaseStudyPage.objects.live().child_of(index).exclude(county=None).exclude(county=study.county).first()
    for _ in range(2):
        in_county = html(f"{index.url}?lan={study.county.code}")
        assert study.title in in_county and other.title not in in_county
        assert other.title in html(f"{index.url}?lan={other.county.code}")
    publish_with_title(study, "Exempel med ny rubrik")
    assert "Exempel med ny rubrik" in html(f"{index.url}?lan={study.county.code}")
    assert "Det finns inget sådant län." in html(f"{index.url}?lan=99", status=400)
