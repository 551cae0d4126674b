"""The editor's side: the case study form and the film block's preview render in the admin."""

from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.rich_text import RichText

from casestudies.models import CaseStudyPage
from tests.casestudies.factories import CaseStudyPageFactory
from tests.factories import ImageFactory, publish


def test_editor_opens_a_case_study_with_a_film(admin_client, case_index, media_root):
    poster = ImageFactory(title="Möte i bygdegården")
    body = [
        (
            "video",
            {
                "url": "https://vimeo.com/760000001",
                "title": "Krona för krona",
                "poster": poster,
                "duration": "3:12",
                "transcript": RichText(""),
                "captioned": True,
            },
        )
    ]
    page = publish(CaseStudyPageFactory(parent=case_index, body=body, municipality="2309"))

    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))

    assert response.status_code == 200
    content = response.content.decode()
    for help_text in ("Används när läsaren filtrerar exemplen.", "Lämna tomt om exemplet gäller hela länet."):
        assert help_text in content
    # Municipalities are grouped under their county, the chosen one selected.
    select = BeautifulSoup(content, "html.parser").find("select", attrs={"name": "municipality"})
    groups = select.find_all("optgroup")
    assert len(groups) == 21
    jamtland = select.find("optgroup", label="Jämtlands län")
    assert [option.get_text() for option in jamtland.find_all("option")][:3] == ["Berg", "Bräcke", "Härjedalen"]
    assert jamtland.find("option", selected=True).get_text() == "Krokom"
    assert len(select.find_all("option")) == 291


def test_every_editor_field_has_help_text():
    skip = {"page_ptr", "title", "slug", "seo_title", "search_description", "show_in_menus", "go_live_at", "expire_at"}
    fields = [
        field
        for field in CaseStudyPage._meta.get_fields()
        if getattr(field, "model", None) is CaseStudyPage and field.name not in skip and field.editable
    ]
    missing = [field.name for field in fields if not getattr(field, "help_text", "")]

    assert missing == []


def test_film_block_preview_renders_without_a_poster(admin_client):
    video_block = CaseStudyPage._meta.get_field("body").stream_block.child_blocks["video"]

    response = admin_client.get(reverse("wagtailadmin_block_preview"), {"id": video_block.definition_prefix})

    assert response.status_code == 200
    content = response.content.decode()
    assert "Spela upp filmen" in content
    assert "<iframe" not in content
