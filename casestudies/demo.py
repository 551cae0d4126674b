"""Demo content for case studies: the index and nine examples, two of them with a film.

Organisations are fictional; the counties and municipalities are the real reference data.
"""

from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.rich_text import RichText

from website.demo import PALETTE, draw_scene, get_or_create_child, get_or_create_image

from .models import CaseStudyIndexPage, CaseStudyPage, CaseStudyRelatedPage, County, Municipality

REGION_SLUG = "regionen-som-horde-fler-roster"


def draw_meeting(seed, width=1280, height=720):
    """People round a table in a village hall, with a window onto the landscape: a film's poster."""
    image = PILImage.new("RGB", (width, height), PALETTE["paper"])
    draw = ImageDraw.Draw(image)
    window = draw_scene(seed, width=width // 3, height=height // 3)
    image.paste(window, (width // 3, height // 10))
    draw.rectangle(
        [width // 3, height // 10, width // 3 + width // 3, height // 10 + height // 3], outline=PALETTE["ink"], width=8
    )
    draw.rectangle([0, int(height * 0.78), width, height], fill=(176, 132, 92))
    table_top = int(height * 0.62)
    shirts = [PALETTE["red"], PALETTE["blue"], PALETTE["forest"], PALETTE["sun"], PALETTE["ink"]]
    for position in range(5):
        x = int(width * (0.16 + position * 0.17))
        head = 34
        draw.ellipse([x - head, table_top - 190 - head, x + head, table_top - 190 + head], fill=PALETTE["skin"])
        draw.rounded_rectangle(
            [x - 55, table_top - 150, x + 55, table_top + 10], 18, fill=shirts[(position + seed) % 5]
        )
    draw.rounded_rectangle([int(width * 0.06), table_top, int(width * 0.94), table_top + 40], 10, fill=(120, 84, 52))
    draw.rectangle([int(width * 0.1), table_top + 40, int(width * 0.12), height], fill=(120, 84, 52))
    draw.rectangle([int(width * 0.88), table_top + 40, int(width * 0.9), height], fill=(120, 84, 52))
    return image


def _paragraph(text):
    return ("paragraph", RichText(f"<p>{text}</p>"))


def _heading(text):
    return ("heading", {"text": text, "level": "h2"})


REGION_TRANSCRIPT = (
    "<p><b>Berättare:</b> När regionen skulle skriva en ny utvecklingsstrategi ville vi höra fler än de "
    "som brukar komma till mötena.</p>"
    "<p><b>Strateg på regionen:</b> Vi åkte ut i stället för att bjuda in. Vi satt med företagarföreningar, "
    "med renskötare och andra inom de samiska näringarna, med kommunerna och med kultur- och "
    "hembygdsföreningar.</p>"
    "<p><b>Ordförande i en hembygdsförening:</b> För första gången kändes det som att det vi sa faktiskt "
    "hamnade i texten. Vi känner igen oss i strategin.</p>"
    "<p><b>Företagare:</b> Det viktigaste var att de kom tillbaka och berättade vad som hänt med våra "
    "synpunkter.</p>"
    "<p><b>Berättare:</b> Strategin antogs efter två år. Nu följs den upp på samma sätt: ute i bygderna.</p>"
)

CASE_STUDIES = [
    {
        "slug": "kommunen-som-finansierar-landsbygdsutveckling-med-invanarna",
        "title": "Kommunen som finansierar landsbygdsutveckling tillsammans med invånarna",
        "lead": "För varje krona som bygden samlar in lägger kommunen till en krona. Invånarna bestämmer "
        "själva vad pengarna ska användas till.",
        "organisation_name": "Fjällbygdens kommun",
        "organisation_type": "kommun",
        "county": "23",
        "municipality": "2309",
        "tags": ["finansiering", "lokal utveckling", "medborgardialog"],
        "period": "2021–pågående",
        "partners": "Bygdeföreningar i kommunen\nDen lokala sparbanksstiftelsen\nLänets Leaderområde",
        "contact": ("Anders Nyberg", "Landsbygdsutvecklare", "landsbygd@fjallbygden.example.se"),
        "film": {
            "url": "https://vimeo.com/760000001",
            "title": "Krona för krona – så fungerar bygdepengen",
            "duration": "3:12",
            "captioned": True,
        },
        "body": [
            _heading("Så fungerar det"),
            _paragraph(
                "Bygden samlar in pengar genom fester, lotterier och gåvor. Kommunen matchar beloppet upp till "
                "ett tak per år. Det gör att även små byar kan genomföra större projekt."
            ),
            _heading("Vad det har lett till"),
            _paragraph(
                "Hittills har pengarna gått till en renoverad badplats, en laddstolpe vid bygdegården och en "
                "digital anslagstavla som håller ihop byns föreningar."
            ),
        ],
    },
    {
        "slug": "kommunen-som-ger-foreningar-pengar-for-byautveckling",
        "title": "Kommunen som ger föreningar pengar för byautveckling",
        "lead": "Varje by med en aktiv förening får ett årligt bidrag att använda som den vill, så länge det "
        "gör byn bättre att bo i.",
        "organisation_name": "Skogsåsens kommun",
        "organisation_type": "kommun",
        "county": "21",
        "municipality": "2161",
        "tags": ["föreningsliv", "finansiering", "lokal utveckling"],
        "period": "2019–pågående",
        "partners": "Byaföreningar och byalag\nKommunens fritidsenhet",
        "contact": ("Sofia Berglund", "Samordnare för byautveckling", "byautveckling@skogsasen.example.se"),
        "body": [
            _heading("Förtroende i stället för ansökningar"),
            _paragraph(
                "I stället för att söka pengar projekt för projekt får föreningarna ett fast belopp varje år. "
                "De redovisar i efterhand, på en sida, vad pengarna gått till."
            ),
            (
                "quote",
                {
                    "quote": "Vi slipper skriva ansökningar och kan lägga tiden på byn i stället.",
                    "attribution": "Kassör i ett byalag",
                },
            ),
            _heading("Lärdomar"),
            _paragraph(
                "Kommunen har sett att fler föreningar startar när pengarna är förutsägbara, och att byarna ofta "
                "går ihop om större satsningar."
            ),
        ],
    },
    {
        "slug": "lansstyrelsen-som-samlade-servicen",
        "title": "Länsstyrelsen som samlade servicen på landsbygden",
        "lead": "Länsstyrelsen hjälpte butiker i glesbygden att bli servicepunkter för paket, apoteksvaror och "
        "kontanter.",
        "organisation_name": "Länsstyrelsen i Dalarnas län",
        "organisation_type": "lansstyrelse",
        "county": "20",
        "municipality": "",
        "tags": ["service", "handel"],
        "period": "2020–2023",
        "partners": "Lanthandlare i länet\nKommunerna i länet",
        "contact": ("Erik Holm", "Handläggare, kommersiell service", "service@lansstyrelsen.example.se"),
        "body": [
            _paragraph(
                "Genom stöd till investeringar och en gemensam plan med kommunerna kunde tolv butiker bli "
                "servicepunkter."
            ),
            _heading("Varför det fungerar"),
            _paragraph(
                "När fler ärenden går att göra på samma ställe får butiken fler kunder, och bygden en mötesplats."
            ),
        ],
    },
    {
        "slug": "statistik-som-kommunerna-sjalva-kan-anvanda",
        "title": "Statistik som kommunerna själva kan använda",
        "lead": "En myndighet tog fram enkla kartor och tabeller över service och befolkning som kommunerna "
        "kan använda i sin planering.",
        "organisation_name": "Myndigheten för levande landsbygd",
        "organisation_type": "myndighet",
        "county": "23",
        "municipality": "2380",
        "tags": ["statistik", "service"],
        "period": "2024",
        "partners": "Fem kommuner som testade verktyget",
        "contact": ("Omar Haddad", "Analytiker, regional tillväxt", "analys@example.se"),
        "body": [
            _paragraph(
                "Kommunerna bad om statistik som gick att använda direkt, utan att beställa särskilda "
                "bearbetningar. Resultatet blev ett antal färdiga kartor per kommun."
            ),
        ],
    },
    {
        "slug": "byalaget-som-byggde-laddstolpar",
        "title": "Byalaget som byggde laddstolpar",
        "lead": "När ingen annan byggde laddplatser på norra Gotland gjorde byalaget det själv.",
        "organisation_name": "Norra bygdens byalag",
        "organisation_type": "annan",
        "county": "09",
        "municipality": "0980",
        "tags": ["föreningsliv", "infrastruktur"],
        "period": "2022–2023",
        "partners": "Det lokala elnätsbolaget\nRegionens landsbygdsstöd",
        "contact": ("Helena Ekström", "Ordförande i byalaget", "byalaget@example.se"),
        "body": [
            _paragraph(
                "Byalaget bildade en ekonomisk förening, sökte stöd och byggde fyra laddplatser vid bygdegården. "
                "Intäkterna går tillbaka till föreningen."
            ),
        ],
    },
    {
        "slug": "skargardens-egen-servicepunkt",
        "title": "Skärgårdens egen servicepunkt",
        "lead": "En kommun i skärgården lät de bofasta vara med och utforma en servicepunkt som är öppen året runt.",
        "organisation_name": "Kustlandets kommun",
        "organisation_type": "kommun",
        "county": "08",
        "municipality": "0883",
        "tags": ["service", "medborgardialog"],
        "period": "2023–2024",
        "partners": "Skärgårdens intresseförening\nRederiet som trafikerar öarna",
        "contact": ("Jonas Lindberg", "Näringslivsutvecklare", "naringsliv@kustlandet.example.se"),
        "body": [
            _paragraph(
                "De bofasta fick välja vilka tjänster som var viktigast. Paketutlämning och receptfria läkemedel "
                "kom först, följt av en plats att arbeta på distans."
            ),
        ],
    },
    {
        "slug": "regionen-som-tog-bussen-till-bygden",
        "title": "Regionen som tog bussen till bygden",
        "lead": "Med en buss som stannade en dag i varje by samlade regionen in idéer om kollektivtrafiken.",
        "organisation_name": "Region Sydslätten",
        "organisation_type": "region",
        "county": "12",
        "municipality": "",
        "tags": ["infrastruktur", "unga", "medborgardialog"],
        "period": "2024",
        "partners": "Kommunerna i länet\nGymnasieskolor",
        "contact": ("Petra Malm", "Trafikplanerare", "trafik@sydslatten.example.se"),
        "body": [
            _paragraph(
                "Bussen blev en rullande mötesplats. Flest synpunkter kom från unga som pendlar till gymnasiet "
                "och från äldre som inte längre kör bil."
            ),
        ],
    },
    {
        "slug": "unga-som-fordelar-pengarna",
        "title": "Unga som fördelar pengarna",
        "lead": "I ett lokalt utvecklingsområde fördelar en jury av unga en del av projektpengarna.",
        "organisation_name": "Leaderområdet Älvdalarna",
        "organisation_type": "annan",
        "county": "17",
        "municipality": "1737",
        "tags": ["unga", "finansiering", "lokal utveckling"],
        "period": "2023–pågående",
        "partners": "Kommunerna i området\nUngdomsråd",
        "contact": ("Amir Karimi", "Verksamhetsledare", "leader@example.se"),
        "body": [
            _paragraph(
                "Juryn består av åtta unga mellan 15 och 25 år. De läser ansökningarna, träffar de sökande och "
                "beslutar om mindre projekt själva."
            ),
        ],
    },
]

REGION = {
    "slug": REGION_SLUG,
    "title": "Regionen som hörde fler röster",
    "lead": "När regionen skrev sin utvecklingsstrategi bjöd den in fler än vanligt: näringslivet, samiska "
    "näringar, kommunerna och kultur- och hembygdsföreningar. Se filmen om hur det gick till.",
    "organisation_name": "Region Norrlandet",
    "organisation_type": "region",
    "county": "24",
    "municipality": "",
    "tags": ["medborgardialog", "utvecklingsstrategi", "kultur"],
    "period": "2022–2024",
    "partners": "Kommunerna i länet\nSamiska näringsorganisationer\nFöretagarföreningar\nKultur- och hembygdsföreningar",
    "contact": ("Maria Sundqvist", "Strateg, regional utveckling", "strategi@norrlandet.example.se"),
    "film": {
        "url": "https://www.youtube.com/watch?v=Xk3vR8pLm2Q",
        "title": "Fler röster i regionens utvecklingsstrategi",
        "duration": "4:05",
        "transcript": REGION_TRANSCRIPT,
        "captioned": False,
    },
    "body": [
        _heading("Varför fler röster?"),
        _paragraph(
            "Tidigare strategier skrevs i huvudsak av regionen och kommunerna. Den här gången ville regionen att "
            "de som bor och verkar i länet skulle känna igen sig i texten."
        ),
        "FILM",
        _heading("Så gick det till"),
        _paragraph(
            "Regionen höll samtal på ett trettiotal platser: i bygdegårdar, på företag och i samebyar. Näringslivet, "
            "samiska näringar, kommunerna och kultur- och hembygdsföreningar fick samma frågor."
        ),
        (
            "quote",
            {
                "quote": "När fler fick vara med blev strategin både bättre och mer använd.",
                "attribution": "Strateg på regionen",
            },
        ),
        _heading("Det här lärde vi oss"),
        (
            "paragraph",
            RichText(
                "<ul><li>Åk dit människor redan är.</li><li>Ge tid: samtal tar längre tid än remisser.</li>"
                "<li>Berätta vad synpunkterna ledde till.</li></ul>"
            ),
        ),
    ],
}


def _film_block(film, seed):
    poster = get_or_create_image(f"Affischbild: {film['title']}", draw_meeting, seed)
    return (
        "video",
        {
            "url": film["url"],
            "title": film["title"],
            "poster": poster,
            "duration": film.get("duration", ""),
            "transcript": RichText(film.get("transcript", "")),
            "captioned": film.get("captioned", False),
        },
    )


def _add_case_study(context, index, data, related=(), seed=0):
    existing = CaseStudyPage.objects.child_of(index).filter(slug=data["slug"]).first()
    if existing is not None:
        return existing
    body = list(data["body"])
    if "film" in data:
        film = _film_block(data["film"], seed)
        body = [film if item == "FILM" else item for item in body] if "FILM" in body else body + [film]
    name, role, email = data["contact"]
    page = CaseStudyPage(
        slug=data["slug"],
        title=data["title"],
        lead=data["lead"],
        organisation_name=data["organisation_name"],
        organisation_type=data["organisation_type"],
        county=County.objects.get(code=data["county"]),
        municipality=Municipality.objects.get(code=data["municipality"]) if data["municipality"] else None,
        period=data["period"],
        partners=data["partners"],
        contact_name=name,
        contact_role=role,
        contact_email=email,
        body=body,
    )
    page.tags.add(*data["tags"])
    for position, other in enumerate(related):
        page.related_pages.add(CaseStudyRelatedPage(related_page=other, sort_order=position))
    index.add_child(instance=page)
    page.save_revision().publish()
    context.log(f"case study {page.slug}")
    return page


def load(context):
    index, created = get_or_create_child(
        context.home,
        CaseStudyIndexPage,
        "exempel",
        title="Goda exempel",
        lead="Kommuner, regioner, länsstyrelser, myndigheter och föreningar som har hittat sätt att utveckla "
        "landsbygden tillsammans med dem som bor där.",
        show_in_menus=True,
    )
    if created:
        context.log("case study index")
    pages = {}
    for position, data in enumerate(CASE_STUDIES):
        pages[data["slug"]] = _add_case_study(context, index, data, seed=position)
    # Created last so that it is the newest, and first on the home page.
    _add_case_study(
        context,
        index,
        REGION,
        related=[pages[CASE_STUDIES[0]["slug"]], pages[CASE_STUDIES[1]["slug"]]],
        seed=7,
    )
    context.extra["case_study_index"] = index
