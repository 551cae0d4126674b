"""The events calendar: inline models, the index page, the series page, the event page, then the organiser snippet.

A series is a page, and its sessions are its child pages (`/kalender/<serie>/<tillfalle>/`). Belonging to a
series is where the page sits in the tree, so an event can only ever be in one series, editors move a session
in or out with Wagtail's "move", and the series gets its own page, breadcrumbs and search entry for free.
Events that are not part of a series are children of the index page.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from caching import memo, tags
from discussion.models import CommentableMixin, edit_handler_with_comments
from website.blocks import BaseStreamBlock
from website.mixins import BasePage
from website.restrictions import public
from website.slugs import NameFieldPanel
from website.views import paginate

from . import dates


class EventPageCoOrganiser(Orderable):
    page = ParentalKey("events.EventPage", related_name="co_organisers", on_delete=models.CASCADE)
    organiser = models.ForeignKey(
        "events.Organiser",
        verbose_name=_("Medarrangör"),
        on_delete=models.PROTECT,
        related_name="co_organised_events",
        help_text=_("En organisation som ordnar evenemanget tillsammans med huvudarrangören."),
    )

    panels = [FieldPanel("organiser")]

    class Meta(Orderable.Meta):
        verbose_name = _("Medarrangör")
        verbose_name_plural = _("Medarrangörer")
        constraints = [
            models.UniqueConstraint(fields=["page", "organiser"], name="unique_co_organiser_per_event"),
        ]


def event_listing(queryset):
    """Live, public events with everything a card shows, in a fixed number of queries."""
    return (
        public(queryset.live())
        .select_related("organiser")
        .prefetch_related(
            Prefetch("co_organisers", queryset=EventPageCoOrganiser.objects.select_related("organiser")),
        )
    )


def organised_by(organiser):
    """Events the organiser runs or co-runs, as a filter: a subquery rather than a join, so no DISTINCT."""
    co_organised = EventPageCoOrganiser.objects.filter(organiser=organiser).values("page_id")
    return Q(organiser=organiser) | Q(pk__in=co_organised)


def upcoming(queryset, now=None):
    """Events that have not ended yet, soonest first. An event turns "past" when its end time passes."""
    return queryset.filter(end__gte=now or timezone.now()).order_by("start", "pk")


def next_end(queryset, now=None):
    """When the first of these events that has not ended yet ends (time.time()), or None."""
    end = upcoming(queryset, now).aggregate(first=models.Min("end"))["first"]
    return end.timestamp() if end else None


def past(queryset, now=None):
    return queryset.filter(end__lt=now or timezone.now()).order_by("-start", "-pk")


class EventIndexPage(RoutablePageMixin, BasePage):
    events_per_page = models.PositiveSmallIntegerField(
        verbose_name=_("Evenemang per sida"),
        default=12,
        help_text=_("Hur många evenemang som visas per sida i kalendern."),
    )

    content_panels = BasePage.content_panels + [FieldPanel("lead"), FieldPanel("events_per_page")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage", "events.EventSeriesPage"]
    max_count = 1

    class Meta:
        verbose_name = _("Kalender")

    def get_events(self):
        return event_listing(EventPage.objects.descendant_of(self))

    def _listing(self, request, show_past):
        from .forms import EventFilterForm

        form = EventFilterForm(request.GET or None)
        # A hand-edited address: say what was wrong and list everything instead.
        status = 400 if form.is_bound and not form.is_valid() else 200
        organiser = form.cleaned_data.get("arrangor") if status == 200 and form.is_bound else None

        def find_page_of_events():
            events = form.filter(self.get_events()) if status == 200 and form.is_bound else self.get_events()
            # Both lists change by themselves when the next event ends (caching.tags).
            tags.expires_at(next_end(events))
            found = paginate(request, past(events) if show_past else upcoming(events), self.events_per_page)
            found.object_list = list(found.object_list)
            self.attach_series(found.object_list)
            return found

        # Remembered between readers' requests (caching.memo) while the events it read stand.
        key = ("calendar_listing", self.pk, show_past, status, request.GET.urlencode())
        page_of_events = memo.remember(key, find_page_of_events)
        response = self.render(
            request,
            context_overrides={
                "events": page_of_events,
                "show_past": show_past,
                "filter_form": form,
                "filter_query": form.query_string() if status == 200 else "",
                "upcoming_url": self.get_url(request=request),
                "past_url": self.get_past_url(request),
                "organiser_feed_url": self.get_organiser_feed_url(organiser, request) if organiser else "",
                "subpage_meta": self.get_past_meta(request) if show_past else None,
            },
        )
        response.status_code = status
        return response

    @path("")
    def upcoming_events(self, request):
        return self._listing(request, show_past=False)

    @path("tidigare/")
    def past_events(self, request):
        return self._listing(request, show_past=True)

    @path("ical/")
    def ical_feed(self, request):
        from .ical import calendar_response, feed_window

        return calendar_response(request, feed_window(self.get_events()), name=self.title, filename=None)

    @path("arrangor/<slug:slug>/ical/")
    def organiser_feed(self, request, slug):
        from .ical import calendar_response, feed_window

        organiser = get_object_or_404(Organiser, slug=slug)
        events = feed_window(self.get_events().filter(organised_by(organiser)))
        return calendar_response(request, events, name=f"{self.title}: {organiser.name}", filename=None)

    def get_past_meta(self, request):
        """The past events are a page of their own: their address, title, description and a CollectionPage."""
        url = request.build_absolute_uri(self.get_past_url(request))
        title = str(_("%(calendar)s: Tidigare evenemang") % {"calendar": self.title})
        description = str(_("Evenemang som redan har ägt rum, med program, dokumentation och inspelningar."))
        return {
            "title": title,
            "description": description,
            "url": url,
            "json_ld": {
                "@context": "https://schema.org",
                "@type": "CollectionPage",
                "name": title,
                "url": url,
                "description": description,
                "isPartOf": {"@type": "WebPage", "name": self.title, "url": self.get_full_url(request)},
            },
        }

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        if urls:
            urls.append({"location": self.get_full_url(request) + self.reverse_subpage("past_events")})
        return urls

    def get_past_url(self, request=None):
        return self.get_url(request=request) + self.reverse_subpage("past_events")

    def get_ical_url(self, request=None):
        return self.get_url(request=request) + self.reverse_subpage("ical_feed")

    def get_organiser_feed_url(self, organiser, request=None):
        return self.get_url(request=request) + self.reverse_subpage("organiser_feed", kwargs={"slug": organiser.slug})

    def attach_series(self, events):
        """Set `series` on each event in one query, instead of one parent lookup per card."""
        series_by_path = {series.path: series for series in EventSeriesPage.objects.descendant_of(self).live()}
        for event in events:
            event.listed_series = series_by_path.get(event.path[: -Page.steplen])


class EventSeriesPage(RoutablePageMixin, BasePage):
    """A series of events, such as four lunch cafés on one theme. Its sessions are its child pages."""

    body = StreamField(
        BaseStreamBlock(),
        verbose_name=_("Om serien"),
        blank=True,
        help_text=_("Vad serien handlar om och vem den passar. Tillfällena listas automatiskt under texten."),
    )

    content_panels = BasePage.content_panels + [FieldPanel("lead"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = ["events.EventPage"]

    class Meta:
        verbose_name = _("Evenemangsserie")
        verbose_name_plural = _("Evenemangsserier")

    def get_sessions(self):
        return event_listing(EventPage.objects.child_of(self)).order_by("start", "pk")

    @path("")
    def session_list(self, request):
        # Remembered between readers' requests (caching.memo) while the sessions and calendar stand.
        sessions, calendar_index = memo.remember(("series_sessions", self.pk), self._sessions_and_calendar)
        now = timezone.now()
        # The lists change by themselves when the next session ends (caching.tags).
        tags.expires_at(min((session.end.timestamp() for session in sessions if session.end >= now), default=None))
        return self.render(
            request,
            context_overrides={
                "upcoming_sessions": [session for session in sessions if session.end >= now],
                "past_sessions": [session for session in sessions if session.end < now],
                "calendar_index": calendar_index,
            },
        )

    def _sessions_and_calendar(self):
        sessions = list(self.get_sessions())
        for session in sessions:
            session.listed_series = self
        return sessions, self.get_parent().specific

    @path("ical/")
    def ical(self, request):
        """The series as a feed to subscribe to; the page's link also lets a reader download it once."""
        from .ical import calendar_response, feed_window

        return calendar_response(request, feed_window(self.get_sessions()), name=self.title, filename=None)

    def get_ical_url(self, request=None):
        return self.get_url(request=request) + self.reverse_subpage("ical")

    def get_json_ld(self, request=None):
        """The series with its first and last dates and each live session as a subEvent."""
        data = super().get_json_ld(request)
        data["@type"] = "EventSeries"
        sessions = list(self.get_sessions())
        if sessions:
            data["startDate"] = sessions[0].json_ld_dates()[0]
            data["endDate"] = max(sessions, key=lambda session: session.end).json_ld_dates()[1]
            data["subEvent"] = [session.get_json_ld(request, in_series=self) for session in sessions]
            for session in data["subEvent"]:
                del session["@context"]
                session.pop("superEvent", None)
        data["organizer"] = self.json_ld_publisher(request)
        image = self.json_ld_image(request)
        if image:
            data["image"] = image
        return data


class EventPage(CommentableMixin, RoutablePageMixin, BasePage):
    class Format(models.TextChoices):
        DIGITAL = "digitalt", _("Digitalt")
        ON_SITE = "pa-plats", _("På plats")
        HYBRID = "hybrid", _("Hybrid: på plats och digitalt")

    start = models.DateTimeField(
        verbose_name=_("Börjar"),
        help_text=_("Datum och klockslag i svensk tid. För heldagsevenemang räcker datumet."),
    )
    end = models.DateTimeField(
        verbose_name=_("Slutar"),
        help_text=_("Måste vara efter starten. Evenemanget flyttas till ”Tidigare evenemang” när det har slutat."),
    )
    all_day = models.BooleanField(
        verbose_name=_("Heldag"),
        default=False,
        help_text=_("Kryssa i om evenemanget pågår hela dagen eller dagarna. Då visas inga klockslag."),
    )
    cancelled = models.BooleanField(
        verbose_name=_("Inställt"),
        default=False,
        help_text=_("Kryssa i om evenemanget är inställt. Sidan ligger kvar och visar tydligt att det är inställt."),
    )
    format = models.CharField(
        verbose_name=_("Mötesform"),
        max_length=10,
        choices=Format.choices,
        default=Format.DIGITAL,
        help_text=_("Digitalt, på plats eller både och. Styr vilka uppgifter om platsen som krävs."),
    )
    venue_name = models.CharField(
        verbose_name=_("Plats"),
        max_length=200,
        blank=True,
        help_text=_("Lokalens namn, till exempel ”Folkets hus, stora salen”. Krävs på plats och hybrid."),
    )
    street_address = models.CharField(
        verbose_name=_("Gatuadress"), max_length=200, blank=True, help_text=_("Till exempel ”Storgatan 1”.")
    )
    postal_code = models.CharField(
        verbose_name=_("Postnummer"), max_length=10, blank=True, help_text=_("Till exempel ”123 45”.")
    )
    locality = models.CharField(
        verbose_name=_("Ort"),
        max_length=100,
        blank=True,
        help_text=_("Orten där evenemanget hålls. Krävs på plats och hybrid."),
    )
    join_instructions = models.TextField(
        verbose_name=_("Så deltar du digitalt"),
        blank=True,
        help_text=_("Till exempel vilket verktyg som används och när länken skickas ut. Krävs digitalt och hybrid."),
    )
    join_url = models.URLField(
        verbose_name=_("Länk till det digitala mötet"),
        blank=True,
        help_text=_("Valfritt. Lämna tomt om länken bara skickas till dem som anmält sig."),
    )
    registration_url = models.URLField(
        verbose_name=_("Länk till anmälan"),
        blank=True,
        help_text=_("Adressen till anmälningsformuläret. Lämna tomt om ingen anmälan behövs."),
    )
    registration_deadline = models.DateField(
        verbose_name=_("Sista anmälningsdag"),
        null=True,
        blank=True,
        help_text=_("Visas som ”Anmäl dig senast 1 december”. Dagen efter visas ”Anmälan är stängd”."),
    )
    organiser = models.ForeignKey(
        "events.Organiser",
        verbose_name=_("Arrangör"),
        on_delete=models.PROTECT,
        related_name="events",
        help_text=_("Den som står som huvudarrangör."),
    )
    recording_url = models.URLField(
        verbose_name=_("Länk till inspelningen"),
        blank=True,
        help_text=_("Visas på sidan när evenemanget är över."),
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("Brödtext"), blank=True)

    content_panels = BasePage.content_panels + [
        FieldPanel("lead"),
        FieldPanel("cancelled"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("start"), FieldPanel("end")]), FieldPanel("all_day")],
            heading=_("Tid"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("format"),
                FieldPanel("venue_name"),
                FieldPanel("street_address"),
                FieldRowPanel([FieldPanel("postal_code"), FieldPanel("locality")]),
                FieldPanel("join_instructions"),
                FieldPanel("join_url"),
            ],
            heading=_("Plats och deltagande"),
        ),
        MultiFieldPanel(
            [FieldPanel("registration_url"), FieldPanel("registration_deadline")],
            heading=_("Anmälan"),
        ),
        FieldPanel("organiser"),
        InlinePanel("co_organisers", label=_("Medarrangörer")),
        FieldPanel("body"),
        FieldPanel("recording_url"),
    ]
    edit_handler = edit_handler_with_comments(content_panels, BasePage.promote_panels, BasePage.settings_panels)
    search_fields = BasePage.search_fields + [
        index.SearchField("body"),
        index.SearchField("venue_name"),
        index.SearchField("locality"),
        index.FilterField("start"),
        index.FilterField("end"),
    ]
    parent_page_types = ["events.EventIndexPage", "events.EventSeriesPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Evenemang")
        verbose_name_plural = _("Evenemang")
        # Upcoming listings filter on end and order by (start, pk); past ones the reverse.
        indexes = [
            models.Index(fields=["start", "page_ptr"], name="event_start_order"),
            models.Index(fields=["end"], name="event_end"),
        ]

    # Validation -----------------------------------------------------------------------------------------------

    def _normalise_all_day(self):
        # An all-day event runs from the start of its first day to the end of its last, in Swedish time,
        # whatever clock time the editor left in the fields.
        if self.all_day and self.start and self.end:
            self.start = dates.start_of_day(dates.local(self.start).date())
            self.end = dates.end_of_day(dates.local(self.end).date())

    def clean(self):
        super().clean()
        self._normalise_all_day()
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("Evenemanget måste sluta efter att det har börjat.")
        if self.format in (self.Format.ON_SITE, self.Format.HYBRID):
            if not self.venue_name.strip():
                errors["venue_name"] = _("Skriv var evenemanget hålls.")
            if not self.locality.strip():
                errors["locality"] = _("Skriv på vilken ort evenemanget hålls.")
        if self.format in (self.Format.DIGITAL, self.Format.HYBRID) and not self.join_instructions.strip():
            errors["join_instructions"] = _("Beskriv hur man deltar digitalt.")
        if self.registration_deadline and self.end and self.registration_deadline > dates.local(self.end).date():
            errors["registration_deadline"] = _("Sista anmälningsdag kan inte vara efter evenemanget.")
        if errors:
            raise ValidationError(errors)

    # What the templates ask -------------------------------------------------------------------------------------

    @property
    def when(self):
        return dates.format_when(self.start, self.end, self.all_day)

    @property
    def local_start(self):
        return dates.local(self.start)

    @property
    def local_end(self):
        return dates.local(self.end)

    def is_past(self, now=None):
        past = self.end < (now or timezone.now())
        if not past:
            # What is rendered from the answer goes out of date when the event ends (caching.tags).
            tags.expires_at(self.end.timestamp())
        return past

    @property
    def is_on_site(self):
        return self.format in (self.Format.ON_SITE, self.Format.HYBRID)

    @property
    def is_digital(self):
        return self.format in (self.Format.DIGITAL, self.Format.HYBRID)

    @property
    def full_address(self):
        postal = " ".join(part for part in (self.postal_code, self.locality) if part)
        return ", ".join(part for part in (self.street_address, postal) if part)

    def registration_state(self, now=None):
        """ "open" (until the deadline), "closed", or None when no registration is asked for or it makes no sense."""
        now = now or timezone.now()
        if not self.registration_url or self.cancelled or self.is_past(now):
            return None
        today = timezone.localtime(now, dates.EVENT_TIME_ZONE).date()
        if self.registration_deadline and today > self.registration_deadline:
            return "closed"
        if not self.registration_deadline and now >= self.start:
            return "closed"
        # Open until the deadline's day is over, or else until the event starts (caching.tags).
        closes = (
            dates.start_of_day(self.registration_deadline + datetime.timedelta(days=1))
            if self.registration_deadline
            else self.start
        )
        tags.expires_at(closes.timestamp())
        return "open"

    @property
    def registration_deadline_text(self):
        if not self.registration_deadline:
            return ""
        if self.registration_deadline.year != self.local_start.year:
            return dates.format_day_month_year(self.registration_deadline)
        return dates.format_day_month(self.registration_deadline)

    @cached_property
    def series(self):
        def find():
            parent = self.get_parent()
            return parent.specific if parent and parent.specific_class is EventSeriesPage else None

        # Remembered between readers' requests (caching.memo) while the pages it read stand.
        return memo.remember(("event_series", self.pk), find)

    def all_organisers(self):
        return [self.organiser] + [link.organiser for link in self.co_organisers.all()]

    def _sessions_and_organisers(self):
        series = self.series
        sessions = list(public(EventPage.objects.child_of(series).live()).order_by("start", "pk")) if series else []
        return sessions, self.all_organisers()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        # Remembered between readers' requests (caching.memo) while the rows they read stand.
        sessions, organisers = memo.remember(("event_sessions_organisers", self.pk), self._sessions_and_organisers)
        context.update(
            {
                "series": self.series,
                "sessions": sessions,
                "is_past": self.is_past(now),
                "registration_state": self.registration_state(now),
                "organisers": organisers,
                "ical_url": self.get_ical_url(request),
            }
        )
        return context

    @path("ical/")
    def ical(self, request):
        from .ical import calendar_response

        if not self.live:
            raise Http404
        return calendar_response(request, [self], name=self.title, filename=f"{self.slug}.ics")

    def get_ical_url(self, request=None):
        return self.get_url(request=request) + self.reverse_subpage("ical")

    def json_ld_dates(self):
        """(start, end): dates for an all-day event, else date-times with their zone."""
        if self.all_day:
            return self.local_start.date().isoformat(), self.local_end.date().isoformat()
        return self.local_start.replace(microsecond=0).isoformat(), self.local_end.replace(microsecond=0).isoformat()

    def get_json_ld(self, request=None, in_series=None):
        data = super().get_json_ld(request)
        url = self.get_full_url(request)
        attendance = {
            self.Format.DIGITAL: "OnlineEventAttendanceMode",
            self.Format.ON_SITE: "OfflineEventAttendanceMode",
            self.Format.HYBRID: "MixedEventAttendanceMode",
        }[self.format]
        place = {
            "@type": "Place",
            "name": self.venue_name,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": self.street_address,
                "postalCode": self.postal_code,
                "addressLocality": self.locality,
                "addressCountry": "SE",
            },
        }
        virtual = {"@type": "VirtualLocation", "url": self.join_url or url}
        locations = ([place] if self.is_on_site else []) + ([virtual] if self.is_digital else [])
        start, end = self.json_ld_dates()
        organisers = [organiser.json_ld() for organiser in self.all_organisers()]
        publisher = self.json_ld_publisher(request)
        for organiser in organisers:
            # Google recommends organizer.url: an organiser without a website of its own is named with ours.
            if "url" not in organiser and publisher and publisher.get("url"):
                organiser["url"] = publisher["url"]
        data.update(
            {
                "@type": "Event",
                "name": self.title,
                "startDate": start,
                "endDate": end,
                "eventAttendanceMode": f"https://schema.org/{attendance}",
                "eventStatus": "https://schema.org/" + ("EventCancelled" if self.cancelled else "EventScheduled"),
                "location": locations[0] if len(locations) == 1 else locations,
                "organizer": organisers or publisher,
            }
        )
        image = self.json_ld_image(request)
        if image:
            data["image"] = image
        if in_series is None and self.series is not None:
            data["superEvent"] = {
                "@type": "EventSeries",
                "name": self.series.title,
                "url": self.series.get_full_url(request),
            }
        if self.registration_state() == "open":
            data["offers"] = {"@type": "Offer", "url": self.registration_url, "price": "0", "priceCurrency": "SEK"}
        return data


class Organiser(index.Indexed, models.Model):
    name = models.CharField(
        verbose_name=_("Namn"), max_length=200, help_text=_("Organisationens namn, som det ska visas för läsaren.")
    )
    slug = models.SlugField(
        verbose_name=_("Adressnamn"),
        max_length=100,
        unique=True,
        help_text=_("Används när läsaren filtrerar kalendern på arrangör."),
    )
    url = models.URLField(verbose_name=_("Webbplats"), blank=True, help_text=_("Valfritt. Organisationens webbplats."))
    description = models.TextField(
        verbose_name=_("Kort presentation"),
        blank=True,
        max_length=400,
        help_text=_("Valfritt. En mening om organisationen."),
    )

    panels = [NameFieldPanel("name"), FieldPanel("slug"), FieldPanel("url"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("Arrangör")
        verbose_name_plural = _("Arrangörer")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def json_ld(self):
        data = {"@type": "Organization", "name": self.name}
        if self.url:
            data["url"] = self.url
        return data

    @classmethod
    def with_events(cls):
        """Organisers that appear on at least one live event, for the filter."""
        live = public(EventPage.objects.live())
        return cls.objects.filter(pk__in=cls.objects.filter(Q(events__in=live) | Q(co_organised_events__page__in=live)))
