"""Demo content for the home app: privacy page, accessibility statement, site settings."""

import datetime

from wagtail.rich_text import RichText

from website.demo import get_or_create_child
from website.models import SiteSettings

from .models import AccessibilityStatementPage, StandardPage

PRIVACY_BODY = [
    ("heading", {"text": "Vem ansvarar för dina personuppgifter?", "level": "h2"}),
    (
        "paragraph",
        RichText(
            "<p>Myndigheten för levande landsbygd är personuppgiftsansvarig för de uppgifter som lämnas på "
            "webbplatsen. Du når vårt dataskyddsombud på dataskydd@example.se.</p>"
        ),
    ),
    ("heading", {"text": "Kommentarer", "level": "h2"}),
    (
        "paragraph",
        RichText(
            "<p>När du kommenterar sparar vi det du skriver, ditt namn, din e-postadress och tidpunkten. "
            "E-postadressen visas aldrig för andra läsare. Vi behandlar uppgifterna för att kunna publicera "
            "och moderera samtalet, med stöd av vår uppgift av allmänt intresse att informera och föra dialog "
            "om landsbygdsutveckling.</p>"
            "<p>Kommentarer sparas så länge inlägget finns kvar på webbplatsen. Den IP-adress som kommentaren "
            "skickades från sparas i högst 30 dagar för att kunna stoppa missbruk, och raderas sedan.</p>"
            "<p>Moderatorerna kan skriva interna anteckningar om en kommentator, till exempel att hen fått en "
            "varning. Anteckningarna visas aldrig på webbplatsen, ingår när du begär ut dina uppgifter och "
            "raderas tillsammans med dina kommentarer.</p>"
        ),
    ),
    ("heading", {"text": "Var sidan till hjälp?", "level": "h2"}),
    (
        "paragraph",
        RichText(
            "<p>Längst ned på varje sida kan du svara på om sidan var till hjälp och, om den inte var det, "
            "skriva hur vi kan göra den bättre. Vi sparar svaret, sidan det gäller och tidpunkten, men inte vem "
            "som svarade: varken namn, e-postadress eller IP-adress sparas med svaret. Svaren publiceras inte. "
            "De skickas en gång om dagen till den som ansvarar för sidan och används bara för att förbättra "
            "webbplatsen. Svaren raderas efter ett år.</p>"
            "<p>Skriv inga personuppgifter i fältet. Har du ändå gjort det, skriv till dataskydd@example.se så "
            "raderar vi svaret. Vi kan inte svara på synpunkter som lämnas här; vill du ha svar, använd "
            "kontaktuppgifterna under rubriken Om sidan.</p>"
            "<p>För att stoppa missbruk räknar vi hur många svar som kommer från samma IP-adress under en timme. "
            "Adressen sparas bara så länge, i ett tillfälligt minne, och aldrig tillsammans med svaret.</p>"
        ),
    ),
    ("heading", {"text": "Dina rättigheter", "level": "h2"}),
    (
        "paragraph",
        RichText(
            "<p>Du har rätt att få veta vilka uppgifter vi har om dig, att få dem rättade eller raderade och att "
            "klaga hos Integritetsskyddsmyndigheten. Skriv till dataskydd@example.se så tar vi fram eller "
            "raderar dina kommentarer.</p>"
        ),
    ),
    ("heading", {"text": "Kakor", "level": "h2"}),
    (
        "paragraph",
        RichText(
            "<p>Webbplatsen sätter inga kakor när du bara läser. När du loggar in eller skickar ett formulär "
            "används nödvändiga kakor för inloggning och skydd mot förfalskade formulär.</p>"
        ),
    ),
]


def load(context):
    home = context.home
    privacy, created = get_or_create_child(
        home,
        StandardPage,
        "personuppgifter",
        title="Behandling av personuppgifter",
        lead="Så behandlar vi de personuppgifter du lämnar när du kommenterar eller har ett konto hos oss.",
        body=PRIVACY_BODY,
    )
    if created:
        context.log("privacy page")
    statement, created = get_or_create_child(
        home,
        AccessibilityStatementPage,
        "tillganglighet",
        title="Tillgänglighetsredogörelse",
        lead="Myndigheten för levande landsbygd står bakom den här webbplatsen. Vi vill att så många som möjligt "
        "ska kunna använda den.",
        compliance_status=AccessibilityStatementPage.ComplianceStatus.PARTIAL,
        shortcomings=[
            (
                "shortcoming",
                {
                    "problem": "Några äldre filmer saknar syntolkning.",
                    "reason": "Bristande förenlighet. Vi syntolkar filmerna i takt med att de uppdateras.",
                    "criterion": "1.2.5",
                },
            ),
            (
                "shortcoming",
                {
                    "problem": "Vissa PDF-dokument från före 2019 är inte tillgänglighetsanpassade.",
                    "reason": "Utanför lagens tillämpningsområde (publicerade före 23 september 2018).",
                    "criterion": "",
                },
            ),
        ],
        assessment_method="Vi har gjort en självskattning med automatiska tester i webbläsaren (axe-core) för "
        "varje sidtyp vid varje ändring, och manuella tester med tangentbord och skärmläsare.",
        assessed_on=datetime.date(2026, 11, 1),
        statement_updated_on=datetime.date(2026, 11, 20),
        feedback_email="tillganglighet@example.se",
        feedback_phone="010-000 00 00",
    )
    if created:
        context.log("accessibility statement")

    settings = SiteSettings.for_site(context.site)
    settings.organisation_name = "Myndigheten för levande landsbygd"
    settings.tagline = "Kunskap och goda exempel för hela landet"
    settings.contact_email = "registrator@example.se"
    settings.privacy_page = privacy
    settings.accessibility_page = statement
    settings.save()
