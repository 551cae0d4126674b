"""The demo's case studies: enough variety to try every filter, and the region with a film."""

from bs4 import BeautifulSoup
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.images.models import Rendition

from casestudies.models import CaseStudyPage
from website.images import make_renditions


def test_demo_case_studies(demo_site, client):
    pages = CaseStudyPage.objects.live().select_related("county")

    assert pages.count() >= 8
    assert len({page.county.code for page in pages}) >= 5
    assert {page.organisation_type for page in pages} == {"kommun", "region", "lansstyrelse", "myndighet", "annan"}

    region = CaseStudyPage.objects.get(slug="regionen-som-horde-fler-roster")
    # The posters use the renditions `load_demo_content` makes ahead of readers (skipped in this fixture).
    make_renditions(get_image_model().objects.filter(title__startswith="Affischbild"))
    renditions = Rendition.objects.count()
    html = BeautifulSoup(client.get(region.url).content, "html.parser")
    assert Rendition.objects.count() == renditions, "the poster's renditions were made ahead of readers"
    play = html.select_one(".video__play")
    assert play["data-video-embed"].startswith("https://www.youtube-nocookie.com/embed/")
    poster = html.select_one(".video__poster")
    assert poster["src"].startswith("/") and ".webp" in poster["src"] and "srcset" in poster.attrs
    assert html.select_one(".video details summary")
    for phrase in ("näringslivet", "samiska näringar", "kommunerna", "hembygdsföreningar"):
        assert phrase in region.lead

    titles = {page.title for page in pages}
    assert "Kommunen som finansierar landsbygdsutveckling tillsammans med invånarna" in titles
    assert "Kommunen som ger föreningar pengar för byautveckling" in titles

    # The blog's modelled post links to the region's case study.
    assert region.url in client.get("/blogg/livskraftiga-landsbygder-bygger-pa-manga-roster/").content.decode()

    # Loading again creates nothing.
    count = CaseStudyPage.objects.count()
    call_command("load_demo_content", "--no-admin", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert CaseStudyPage.objects.count() == count
