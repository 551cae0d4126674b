import datetime

import factory
import wagtail_factories

from events.dates import EVENT_TIME_ZONE
from events.models import EventIndexPage, EventPage, EventPageCoOrganiser, EventSeriesPage, Organiser
from tests.factories import publish


def stockholm(year, month, day, hour=0, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=EVENT_TIME_ZONE)


class OrganiserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organiser

    name = factory.Sequence(lambda n: f"Arrangör {n}")
    slug = factory.Sequence(lambda n: f"arrangor-{n}")


class EventIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = EventIndexPage

    title = "Kalender"
    slug = "kalender"
    lead = "Seminarier och lunchcaféer."


class EventSeriesPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = EventSeriesPage

    title = factory.Sequence(lambda n: f"Serie {n}")
    lead = "En serie träffar."


class EventPageFactory(wagtail_factories.PageFactory):
    """A digital event on 8 December 2026, 12.00–13.00; `co_organisers=[...]` adds co-organisers."""

    class Meta:
        model = EventPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Evenemang {n}")
    lead = "Om evenemanget."
    start = stockholm(2026, 12, 8, 12)
    end = stockholm(2026, 12, 8, 13)
    format = EventPage.Format.DIGITAL
    join_instructions = "Länken skickas till dig som anmält dig."
    organiser = factory.SubFactory(OrganiserFactory)

    @classmethod
    def _create_instance(cls, model_class, parent, kwargs):
        co_organisers = kwargs.pop("co_organisers", None) or []
        instance = model_class(**kwargs)
        for position, organiser in enumerate(co_organisers):
            instance.co_organisers.add(EventPageCoOrganiser(organiser=organiser, sort_order=position))
        parent.add_child(instance=instance)
        return instance


def make_event(parent, publish_now=True, **fields):
    event = EventPageFactory(parent=parent, **fields)
    return publish(event) if publish_now else event
