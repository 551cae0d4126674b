"""WCAG 1.2.2 in the admin: a case study with a film is published only with a transcript or captions."""

import html
import json

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from casestudies.models import CaseStudyPage, County, Municipality
from tests.factories import ImageFactory

TRANSCRIPT_ERROR = (
    "Skriv en textversion av filmen, eller kryssa i att filmen är textad. Annars kan inte alla ta del av den."
)
YOUTUBE = "https://www.youtube.com/watch?v=Xk3vR8pLm2Q"


def video(image, **overrides):
    value = {
        "url": YOUTUBE,
        "title": "Fler röster i strategin",
        "poster": image.pk,
        "duration": "4:05",
        "transcript": rich_text(""),
    }
    value.update(overrides)
    return value


def case_study_form(body, **overrides):
    data = {
        "title": "Regionen som hörde fler röster",
        "slug": "regionen-som-horde-fler-roster",
        "lead": "Regionen bjöd in fler.",
        # The "Kommentarer" tab: the window as the site default sets it.
        "comment_mode": "default",
        "comments_login": "default",
        "organisation_name": "Region Norrlandet",
        "organisation_type": "region",
        "county": County.objects.get(code="24").pk,
        "municipality": "",
        "tags": "medborgardialog",
        "period": "2022–2024",
        "partners": "Kommunerna i länet",
        "contact_name": "Maria Exempelsson",
        "contact_role": "Strateg",
        "contact_email": "strateg@example.se",
        "body": streamfield(body),
        "related_pages": inline_formset([]),
        "comments": inline_formset([]),
        "seo_title": "",
        "search_description": "",
        "action-publish": "action-publish",
    }
    data.update(overrides)
    return nested_form_data(data)


def video_errors(response):
    """The errors the admin shows on the first block of the body."""
    stream_error = response.context["form"].errors["body"].as_data()[0]
    return {name: list(error.messages) for name, error in stream_error.block_errors[0].block_errors.items()}


def shown_to_editor(response, message):
    """StreamField errors reach the admin's block editor as JSON inside the page."""
    return json.dumps(message)[1:-1] in html.unescape(response.content.decode())


@pytest.fixture
def add_url(case_index):
    return reverse("wagtailadmin_pages:add", args=("casestudies", "casestudypage", case_index.pk))


@pytest.fixture
def poster(media_root):
    return ImageFactory(title="Möte i bygdegården")


def test_film_without_transcript_or_captions_is_not_published(admin_client, add_url, poster):
    response = admin_client.post(add_url, case_study_form([("video", video(poster))]))

    assert response.status_code == 200
    assert video_errors(response) == {"transcript": [TRANSCRIPT_ERROR]}
    assert shown_to_editor(response, TRANSCRIPT_ERROR)
    assert not CaseStudyPage.objects.exists()


def test_an_empty_paragraph_is_no_transcript(admin_client, add_url, poster):
    response = admin_client.post(add_url, case_study_form([("video", video(poster, transcript=rich_text("<p> </p>")))]))

    assert video_errors(response) == {"transcript": [TRANSCRIPT_ERROR]}
    assert not CaseStudyPage.objects.exists()


def test_film_with_transcript_is_published(admin_client, add_url, poster, client):
    transcript = rich_text("<p>Berättare: Vi bjöd in fler än vanligt.</p>")
    response = admin_client.post(add_url, case_study_form([("video", video(poster, transcript=transcript))]))

    assert response.status_code == 302
    page = CaseStudyPage.objects.get()
    assert page.live
    html = client.get(page.url).content.decode()
    assert "Vi bjöd in fler än vanligt." in html
    assert "video__transcript" in html


def test_captioned_film_without_transcript_is_published(admin_client, add_url, poster, client):
    response = admin_client.post(add_url, case_study_form([("video", video(poster, captioned="on"))]))

    assert response.status_code == 302
    page = CaseStudyPage.objects.get()
    assert page.live
    html = client.get(page.url).content.decode()
    assert "Filmen är textad." in html
    assert "video__transcript" not in html  # no transcript to open


def test_removing_the_transcript_from_a_published_film_is_refused(admin_client, add_url, poster, client):
    transcript = rich_text("<p>Berättare: Vi bjöd in fler än vanligt.</p>")
    admin_client.post(add_url, case_study_form([("video", video(poster, transcript=transcript))]))
    page = CaseStudyPage.objects.get()
    edit_url = reverse("wagtailadmin_pages:edit", args=(page.pk,))

    response = admin_client.post(edit_url, case_study_form([("video", video(poster))]))

    assert response.status_code == 200
    assert video_errors(response) == {"transcript": [TRANSCRIPT_ERROR]}
    assert "Vi bjöd in fler än vanligt." in client.get(page.url).content.decode()


def test_poster_image_is_required(admin_client, add_url, poster):
    response = admin_client.post(add_url, case_study_form([("video", video(poster, poster="", captioned="on"))]))

    assert response.status_code == 200
    assert "poster" in video_errors(response)
    assert not CaseStudyPage.objects.exists()


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/film.mp4",
        "https://youtube.com.example.com/watch?v=Xk3vR8pLm2Q",
        "https://www.youtube.com/watch?v=kort",
        "https://vimeo.com/about",
        "ftp://vimeo.com/123456",
    ],
)
def test_film_must_be_on_youtube_or_vimeo(admin_client, add_url, poster, url):
    response = admin_client.post(add_url, case_study_form([("video", video(poster, url=url, captioned="on"))]))

    assert response.status_code == 200
    assert "url" in video_errors(response)
    assert not CaseStudyPage.objects.exists()


@pytest.mark.parametrize("duration", ["fyra", "4:75", "4.05", "245"])
def test_duration_must_read_as_minutes_and_seconds(admin_client, add_url, poster, duration):
    response = admin_client.post(
        add_url, case_study_form([("video", video(poster, duration=duration, captioned="on"))])
    )

    assert video_errors(response) == {"duration": ["Skriv längden som minuter:sekunder, till exempel 4:05."]}


def test_municipality_must_lie_in_the_county(admin_client, add_url):
    stockholm = Municipality.objects.get(code="0180")

    response = admin_client.post(add_url, case_study_form([], municipality=stockholm.pk))

    assert response.status_code == 200
    assert response.context["form"].errors["municipality"] == ["Stockholm ligger inte i Västerbottens län."]
    assert not CaseStudyPage.objects.exists()


def test_municipality_in_the_county_is_accepted(admin_client, add_url):
    umea = Municipality.objects.get(code="2480")

    response = admin_client.post(add_url, case_study_form([], municipality=umea.pk))

    assert response.status_code == 302
    assert CaseStudyPage.objects.get().municipality == umea
