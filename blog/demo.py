"""Demo content for the blog: two authors, seven posts, one of them shaped like the modelled post."""

import datetime

from django.utils import timezone
from wagtail.models import Page
from wagtail.rich_text import RichText

from website.blocks import image_stream
from website.demo import draw_bicycle_repair, draw_portrait, draw_scene, get_or_create_child, get_or_create_image

from .models import Author, BlogIndexPage, BlogPage, BlogPageAuthor

MODELLED_POST_SLUG = "livskraftiga-landsbygder-bygger-pa-manga-roster"
# Case studies are another app: the post finds its example by slug, never by import.
REGION_CASE_STUDY_SLUG = "regionen-som-horde-fler-roster"
DIGITAL_CAFE_URL = "https://example.se/digitala-lunchcafeer"

AUTHORS = [
    {
        "slug": "karin-lindqvist",
        "name": "Karin Lindqvist",
        "role": "Utvecklare, landsbygdsfrågor",
        "bio": "Arbetar med hur regioner och kommuner kan involvera fler i arbetet med lokal utveckling.",
    },
    {
        "slug": "omar-haddad",
        "name": "Omar Haddad",
        "role": "Analytiker, regional tillväxt",
        "bio": "Följer statistik om service, företagande och befolkning i glesa och landsbygdsnära områden.",
    },
]


def _modelled_post_body():
    case_study = Page.objects.filter(slug=REGION_CASE_STUDY_SLUG).first()
    case_study_link = f'<a linktype="page" id="{case_study.pk}">' if case_study is not None else '<a href="/exempel/">'
    # The call to action names the index as a page: its external-address field takes absolute URLs
    # only, so "/exempel/" there made the whole post fail validation in the admin (no save, no preview).
    examples = case_study.get_parent() if case_study is not None else None
    return [
        ("heading", {"text": "Landsbygden är inte en plats utan många", "level": "h2"}),
        (
            "paragraph",
            RichText(
                "<p>Ingen landsbygd är den andra lik. Det som fungerar i en skärgårdskommun passar inte alltid i "
                "en fjällby, och därför behöver lösningarna växa fram nära dem som bor och verkar på platsen.</p>"
            ),
        ),
        ("heading", {"text": "Fler röster ger bättre strategier", "level": "h2"}),
        (
            "paragraph",
            RichText(
                "<p>När en region skrev sin nya utvecklingsstrategi bjöd den in fler än vanligt: näringslivet, "
                "samiska näringar, kommunerna och kultur- och hembygdsföreningar. "
                f"{case_study_link}Läs om hur regionen hörde fler röster, med en film</a>.</p>"
            ),
        ),
        ("heading", {"text": "Två kommuner som vi vill berätta mer om", "level": "h2"}),
        (
            "paragraph",
            RichText(
                "<p>Vi arbetar just nu med två nya goda exempel. Den ena kommunen finansierar "
                "landsbygdsutveckling tillsammans med sina invånare. Den andra ger lokala föreningar pengar "
                "för byautveckling, som föreningarna själva bestämmer över.</p>"
            ),
        ),
        (
            "quote",
            {
                "quote": "Pengarna är inte så många, men de gör att byn själv kan bestämma vad som ska hända först.",
                "attribution": "Ordförande i en byaförening",
            },
        ),
        ("heading", {"text": "Träffas på ett digitalt lunchcafé", "level": "h2"}),
        (
            "paragraph",
            RichText(
                "<p>Tillsammans med ett nationellt landsbygdsnätverk håller vi en serie med fyra digitala "
                "lunchcaféer om lokalt utvecklingsarbete. "
                f'<a href="{DIGITAL_CAFE_URL}"><span class="new-window">Anmäl dig till de digitala '
                "lunchcaféerna</span></a>.</p>"
            ),
        ),
        ("heading", {"text": "Vad kan din organisation göra?", "level": "h2"}),
        (
            "paragraph",
            RichText(
                "<ul><li>Bjud in tidigt, innan besluten är fattade.</li>"
                "<li>Möt människor där de redan finns, i föreningar och på företag.</li>"
                "<li>Återkoppla vad synpunkterna ledde till.</li></ul>"
            ),
        ),
        ("heading", {"text": "Dela era exempel med oss", "level": "h2"}),
        (
            "paragraph",
            RichText(
                "<p>Har din kommun, region eller förening ett arbetssätt som andra kan lära av? Berätta om det i "
                "kommentarsfältet nedan, så kan det bli nästa goda exempel.</p>"
            ),
        ),
        (
            "call_to_action",
            {"text": "Se alla goda exempel", "page": examples, "url": "", "open_in_new_window": False},
        ),
    ]


OTHER_POSTS = [
    (
        "servicepunkter-som-haller-ihop-bygden",
        "Servicepunkter som håller ihop bygden",
        "När butiken blir ombud för paket, apotek och bank blir den också en mötesplats.",
        ["service", "handel"],
    ),
    (
        "unga-som-vill-stanna",
        "Unga som vill stanna – och de som vill komma tillbaka",
        "Vad får unga att stanna i eller flytta tillbaka till en kommun på landsbygden?",
        ["unga", "befolkning"],
    ),
    (
        "bredband-hela-vagen-fram",
        "Bredband hela vägen fram",
        "Utbyggnaden av bredband har kommit långt, men de sista hushållen är de svåraste att nå.",
        ["digitalisering", "infrastruktur"],
    ),
    (
        "foreningslivet-som-motor",
        "Föreningslivet som motor i lokal utveckling",
        "Byalag och hembygdsföreningar tar ansvar för allt från badplatser till laddstolpar.",
        ["föreningsliv", "lokal utveckling"],
    ),
    (
        "statistik-om-landsbygdens-kommuner",
        "Vad säger statistiken om landsbygdens kommuner?",
        "Befolkning, sysselsättning och pendling i fem diagram och några förbehåll.",
        ["statistik", "befolkning"],
    ),
    (
        "leader-och-lokalt-ledd-utveckling",
        "Lokalt ledd utveckling i praktiken",
        "Så arbetar lokala aktionsgrupper med att fördela stöd till projekt som bygden själv tagit fram.",
        ["lokal utveckling", "finansiering"],
    ),
]


def _generic_body(title):
    return [
        ("paragraph", RichText(f"<p>{title} är ett ämne som många kommuner och regioner arbetar med just nu.</p>")),
        ("heading", {"text": "Vad vi har sett", "level": "h2"}),
        (
            "paragraph",
            RichText(
                "<p>I samtal med kommuner, regioner och föreningar återkommer samma sak: det som fungerar bäst "
                "växer fram lokalt, med stöd av en långsiktig finansiering.</p>"
            ),
        ),
        ("heading", {"text": "Vad händer nu", "level": "h2"}),
        ("paragraph", RichText("<p>Vi fortsätter att samla exempel och berättar mer här i bloggen.</p>")),
    ]


def _add_post(context, index, slug, authors, image, tags, **fields):
    post = BlogPage.objects.child_of(index).filter(slug=slug).first()
    if post is not None:
        return post
    # The alt text left blank is the image's description (website.alt_text), typed once in the library.
    post = BlogPage(slug=slug, hero=image_stream(image), **fields)
    post.tags.add(*tags)
    for position, author in enumerate(authors):
        post.blog_authors.add(BlogPageAuthor(author=author, sort_order=position))
    index.add_child(instance=post)
    post.save_revision().publish()
    context.log(f"blog post {slug}")
    return post


def load(context):
    index, created = get_or_create_child(
        context.home,
        BlogIndexPage,
        "blogg",
        title="Blogg",
        lead="Medarbetare skriver om landsbygdsutveckling, goda exempel och det vi lär oss på vägen.",
        show_in_menus=True,
    )
    if created:
        context.log("blog index")

    authors = []
    for position, data in enumerate(AUTHORS):
        author = Author.objects.filter(slug=data["slug"]).first()
        if author is None:
            photo = get_or_create_image(f"Porträtt: {data['name']}", draw_portrait, position)
            author = Author.objects.create(photo=photo, **data)
            context.log(f"author {author.slug}")
        authors.append(author)

    today = timezone.localdate()
    hero = get_or_create_image(
        "Två personer lagar cyklar",
        draw_bicycle_repair,
        description="Två personer lagar cyklar utomhus. I mitten av bilden står ett cykelhjul med ekrar.",
    )
    _add_post(
        context,
        index,
        MODELLED_POST_SLUG,
        [authors[0]],
        hero,
        ["lokal utveckling", "goda exempel"],
        title="Livskraftiga landsbygder bygger på många röster",
        lead="Landsbygder utvecklas bäst när de som bor och verkar där får vara med och forma arbetet. "
        "Här är några exempel på hur det kan gå till, och en inbjudan att dela era egna.",
        hero_caption="Cykelverkstaden i byn är öppen för alla två kvällar i veckan.",
        hero_credit="Myndigheten för levande landsbygd",
        date=today - datetime.timedelta(days=2),
        body=_modelled_post_body(),
    )

    for position, (slug, title, lead, tags) in enumerate(OTHER_POSTS):
        image = get_or_create_image(
            f"Landskap {position + 1}", draw_scene, position + 1, description="Tecknat landskap med hus och granar."
        )
        _add_post(
            context,
            index,
            slug,
            [authors[position % 2]] + ([authors[1]] if position == 4 else []),
            image,
            tags,
            title=title,
            lead=lead,
            date=today - datetime.timedelta(days=10 + 9 * position),
            updated_on=today - datetime.timedelta(days=3) if position == 0 else None,
            body=_generic_body(title),
        )
