"""An editor in the Wagtail admin: where calendar pages may be created, and what an event must say."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from events.models import EventIndexPage, EventPage, EventSeriesPage
from home.models import StandardPage
from tests.events.factories import EventSeriesPageFactory, make_event
from tests.factories import StandardPageFactory, publish


def add_url(model, parent):
    return reverse("wagtailadmin_pages:add", args=("events", model._meta.model_name, parent.pk))


def event_form(organiser, **overrides):
    data = {
        "title": "Lunchcafé om service",
        "slug": "lunchcafe-om-service",
        "lead": "Vi pratar om servicepunkter.",
        # The "Kommentarer" tab: the window as the site default sets it.
        "comment_mode": "default",
        "comments_login": "default",
        "cancelled": "",
        "start": "2026-12-08 12:00",
        "end": "2026-12-08 13:00",
        "format": "digitalt",
        "venue_name": "",
        "street_address": "",
        "postal_code": "",
        "locality": "",
        "join_instructions": "Länken skickas till dig som anmält dig.",
        "join_url": "",
        "registration_url": "",
        "registration_deadline": "",
        "organiser": organiser.pk,
        "co_organisers": inline_formset([]),
        "body": streamfield([]),
        "recording_url": "",
        "comments": inline_formset([]),
        "seo_title": "",
        "search_description": "",
        "action-publish": "action-publish",
    }
    data.update(overrides)
    return nested_form_data(data)


def test_calendar_lives_under_the_home_page_once(home_page, calendar):
    other = publish(StandardPageFactory(parent=home_page))

    assert not EventIndexPage.can_create_at(home_page)  # max_count 1, and one exists
    assert not EventIndexPage.can_create_at(other)
    assert EventIndexPage.parent_page_types == ["home.HomePage"]


def test_events_and_series_belong_in_the_calendar(home_page, calendar, organiser):
    series = publish(EventSeriesPageFactory(parent=calendar))
    event = make_event(calendar, organiser=organiser)
    other = publish(StandardPageFactory(parent=home_page))

    assert EventPage.can_create_at(calendar)
    assert EventPage.can_create_at(series)
    assert EventSeriesPage.can_create_at(calendar)
    assert not EventPage.can_create_at(home_page)
    assert not EventPage.can_create_at(other)
    assert not EventPage.can_create_at(event)
    assert not EventSeriesPage.can_create_at(series)
    assert not EventSeriesPage.can_create_at(home_page)
    assert not StandardPage.can_create_at(calendar)


def test_admin_refuses_an_event_outside_the_calendar(admin_client, home_page, organiser):
    form = admin_client.get(add_url(EventPage, home_page))
    posted = admin_client.post(add_url(EventPage, home_page), event_form(organiser))

    # Wagtail answers a forbidden place with a redirect to the dashboard and a message.
    assert (form.status_code, form["Location"]) == (302, "/admin/")
    assert (posted.status_code, posted["Location"]) == (302, "/admin/")
    assert not EventPage.objects.exists()


def test_editor_publishes_an_event_in_a_series(admin_client, calendar, organiser):
    series = publish(EventSeriesPageFactory(parent=calendar, slug="lunchcafeer"))

    response = admin_client.post(add_url(EventPage, series), event_form(organiser))

    assert response.status_code == 302
    event = EventPage.objects.get(slug="lunchcafe-om-service")
    assert event.live
    assert event.get_parent().pk == series.pk
    assert event.when == "tisdag 8 december 2026 kl. 12.00–13.00"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"end": "2026-12-08 11:00"}, "Evenemanget måste sluta efter att det har börjat."),
        ({"end": "2026-12-08 12:00"}, "Evenemanget måste sluta efter att det har börjat."),
        ({"format": "pa-plats", "join_instructions": ""}, "Skriv var evenemanget hålls."),
        ({"format": "hybrid", "venue_name": "Folkets hus"}, "Skriv på vilken ort evenemanget hålls."),
        (
            {"format": "hybrid", "venue_name": "Folkets hus", "locality": "Östersund", "join_instructions": ""},
            "Beskriv hur man deltar digitalt.",
        ),
        ({"join_instructions": "  "}, "Beskriv hur man deltar digitalt."),
        ({"registration_deadline": "2026-12-09"}, "Sista anmälningsdag kan inte vara efter evenemanget."),
    ],
)
def test_editor_cannot_publish_an_incomplete_event(admin_client, calendar, organiser, overrides, message):
    response = admin_client.post(add_url(EventPage, calendar), event_form(organiser, **overrides))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not EventPage.objects.exists()


def test_on_site_event_with_venue_is_accepted(admin_client, calendar, organiser):
    data = event_form(
        organiser, format="pa-plats", join_instructions="", venue_name="Folkets hus", locality="Östersund"
    )

    response = admin_client.post(add_url(EventPage, calendar), data)

    assert response.status_code == 302
    assert EventPage.objects.get().format == "pa-plats"


def test_all_day_event_is_stored_as_whole_days(admin_client, calendar, organiser):
    data = event_form(organiser, all_day="on", start="2026-12-08", end="2026-12-10 10:00")

    response = admin_client.post(add_url(EventPage, calendar), data)

    assert response.status_code == 302
    event = EventPage.objects.get()
    assert (event.local_start.hour, event.local_start.minute) == (0, 0)
    assert (event.local_end.date().day, event.local_end.hour) == (10, 23)
    assert event.when == "8–10 december 2026"


def test_organisers_are_snippets_in_the_admin(admin_client, organiser):
    response = admin_client.get(reverse("wagtailsnippets_events_organiser:list"))

    assert response.status_code == 200
    assert "Myndigheten för levande landsbygd" in response.content.decode()


def test_a_second_calendar_cannot_be_added(admin_client, home_page, calendar):
    response = admin_client.get(add_url(EventIndexPage, home_page))

    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert EventIndexPage.objects.count() == 1
