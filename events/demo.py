"""Demo content for the calendar: organisers, a series of four digital lunch cafés, and three single events.

Dates are set relative to the day the demo is first loaded, so some events are past and some upcoming.
Running the loader again finds every event by its slug and changes nothing, dates included.
"""

import datetime

from django.utils import timezone
from wagtail.rich_text import RichText

from website.demo import get_or_create_child

from .dates import EVENT_TIME_ZONE
from .models import EventIndexPage, EventPage, EventPageCoOrganiser, EventSeriesPage, Organiser

ORGANISERS = [
    {
        "slug": "myndigheten",
        "name": "Myndigheten för levande landsbygd",
        "url": "",
        "description": "Samlar kunskap och goda exempel om landsbygdsutveckling.",
    },
    {
        "slug": "natverket-for-levande-bygder",
        "name": "Nätverket för levande bygder",
        "url": "https://example.se/natverket",
        "description": "Ett nationellt nätverk för dem som arbetar med lokal utveckling på landsbygden.",
    },
    {
        "slug": "bygd-i-rorelse",
        "name": "Föreningen Bygd i rörelse",
        "url": "",
        "description": "En förening som samlar byalag och hembygdsföreningar i länet.",
    },
]

JOIN_INSTRUCTIONS = (
    "Vi träffas i ett videomöte som fungerar i webbläsaren, utan att du behöver installera något. "
    "Länken skickas till dig som har anmält dig, dagen före träffen."
)

CAFES = [
    (
        "att-bjuda-in-fler-roster",
        "Lunchcafé 1: Att bjuda in fler röster",
        "Hur når man dem som sällan kommer till samrådsmöten? Vi pratar om arbetssätt som fungerar.",
        -21,
    ),
    (
        "pengar-till-byautveckling",
        "Lunchcafé 2: Pengar till byautveckling",
        "Två kommuner berättar hur de låter föreningar och invånare bestämma över pengar till byn.",
        -7,
    ),
    (
        "service-pa-landsbygden",
        "Lunchcafé 3: Service som håller ihop bygden",
        "Servicepunkter, paketombud och mötesplatser: vad krävs för att de ska finnas kvar?",
        7,
    ),
    (
        "unga-som-vill-stanna",
        "Lunchcafé 4: Unga som vill stanna",
        "Vad får unga att stanna i, eller flytta tillbaka till, en landsbygdskommun?",
        21,
    ),
]


def _at(day, hour, minute=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=EVENT_TIME_ZONE)


def _body(text):
    return [("paragraph", RichText(f"<p>{text}</p>"))]


def _add_event(context, parent, slug, organiser, co_organisers=(), **fields):
    event = EventPage.objects.child_of(parent).filter(slug=slug).first()
    if event is not None:
        return event
    event = EventPage(slug=slug, organiser=organiser, **fields)
    for position, co_organiser in enumerate(co_organisers):
        event.co_organisers.add(EventPageCoOrganiser(organiser=co_organiser, sort_order=position))
    parent.add_child(instance=event)
    event.save_revision().publish()
    context.log(f"event {slug}")
    return event


def load(context):
    index, created = get_or_create_child(
        context.home,
        EventIndexPage,
        "kalender",
        title="Kalender",
        lead="Seminarier, lunchcaféer och konferenser om landsbygdsutveckling. Välkommen att delta!",
        show_in_menus=True,
    )
    if created:
        context.log("event index")

    organisers = {}
    for data in ORGANISERS:
        organiser = Organiser.objects.filter(slug=data["slug"]).first()
        if organiser is None:
            organiser = Organiser.objects.create(**data)
            context.log(f"organiser {organiser.slug}")
        organisers[data["slug"]] = organiser
    agency = organisers["myndigheten"]
    network = organisers["natverket-for-levande-bygder"]
    association = organisers["bygd-i-rorelse"]

    series, created = get_or_create_child(
        index,
        EventSeriesPage,
        "digitala-lunchcafeer",
        title="Digitala lunchcaféer om lokal utveckling",
        lead="Fyra digitala lunchcaféer som vi håller tillsammans med Nätverket för levande bygder. "
        "Ta med din lunch och lyssna, fråga och dela med dig av era erfarenheter.",
        body=_body(
            "Varje lunchcafé börjar med ett kort samtal med någon som har provat ett nytt arbetssätt. "
            "Sedan är ordet fritt. Du kan vara med på ett tillfälle eller alla fyra."
        ),
    )
    if created:
        context.log("event series digitala-lunchcafeer")

    today = timezone.localdate()
    for slug, title, lead, offset in CAFES:
        day = today + datetime.timedelta(days=offset)
        _add_event(
            context,
            series,
            slug,
            agency,
            [network],
            title=title,
            lead=lead,
            start=_at(day, 12),
            end=_at(day, 13),
            format=EventPage.Format.DIGITAL,
            join_instructions=JOIN_INSTRUCTIONS,
            registration_url=f"https://example.se/anmalan/{slug}",
            registration_deadline=day - datetime.timedelta(days=2),
            recording_url=f"https://example.se/inspelningar/{slug}" if offset < 0 else "",
            body=_body("Lunchcaféet hålls på svenska. Vi textar inspelningen innan den publiceras."),
        )

    cancelled_day = today + datetime.timedelta(days=10)
    _add_event(
        context,
        index,
        "studiebesok-i-en-servicepunkt",
        association,
        title="Studiebesök i en servicepunkt",
        lead="Följ med och se hur byns butik också blivit paketombud, apoteksombud och mötesplats.",
        start=_at(cancelled_day, 13),
        end=_at(cancelled_day, 16),
        format=EventPage.Format.ON_SITE,
        venue_name="Byns lanthandel",
        street_address="Byvägen 3",
        postal_code="123 45",
        locality="Norrbyn",
        cancelled=True,
        body=_body("Studiebesöket är inställt på grund av för få anmälda. Vi planerar ett nytt tillfälle i vår."),
    )

    hybrid_day = today + datetime.timedelta(days=25)
    _add_event(
        context,
        index,
        "lokalt-ledd-utveckling-i-praktiken",
        agency,
        [association],
        title="Seminarium: Lokalt ledd utveckling i praktiken",
        lead="Lokala aktionsgrupper berättar hur de fördelar stöd till projekt som bygden själv har tagit fram.",
        start=_at(hybrid_day, 9, 30),
        end=_at(hybrid_day, 12),
        format=EventPage.Format.HYBRID,
        venue_name="Myndighetens konferenslokal, Ladan",
        street_address="Exempelgatan 5",
        postal_code="111 22",
        locality="Stockholm",
        join_instructions="Seminariet sänds i ett videomöte. Du kan ställa frågor i chatten.",
        registration_url="https://example.se/anmalan/lokalt-ledd-utveckling",
        registration_deadline=hybrid_day - datetime.timedelta(days=5),
        body=_body("Kaffe serveras från klockan 9.00 för dig som kommer på plats."),
    )

    conference_day = today + datetime.timedelta(days=40)
    _add_event(
        context,
        index,
        "landsbygdskonferensen",
        association,
        [agency, network],
        title="Landsbygdskonferensen: bygder som växer",
        lead="Två dagar med föreläsningar, studiebesök och samtal om hur bygder kan växa tillsammans.",
        start=_at(conference_day, 0),
        end=_at(conference_day + datetime.timedelta(days=1), 0),
        all_day=True,
        format=EventPage.Format.ON_SITE,
        venue_name="Folkets hus, stora salen",
        street_address="Storgatan 12",
        postal_code="831 30",
        locality="Östersund",
        registration_url="https://example.se/anmalan/landsbygdskonferensen",
        registration_deadline=conference_day - datetime.timedelta(days=14),
        body=_body("Konferensen är kostnadsfri. Resor och logi betalar du själv."),
    )
