"""What a reader sees when a page does not exist or the site fails."""

import pytest
from django.test import Client


def test_missing_page_answers_404_in_swedish(client, home_page):
    response = client.get("/finns-inte/")

    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="sv">' in html
    assert "Sidan finns inte" in html
    assert '<meta name="robots" content="noindex">' in html
    assert 'href="/sok/"' in html


def test_missing_page_without_any_site_still_answers_404(client, db):
    assert client.get("/finns-inte/").status_code == 404


@pytest.mark.urls("tests.website.error_urls")
def test_failing_view_renders_the_500_page(home_page, caplog):
    client = Client(raise_request_exception=False)

    response = client.get("/trasig/")

    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="sv">' in html
    assert "Något gick fel" in html
    assert "Ett fel uppstod hos oss. Försök igen om en stund." in html
    assert "RuntimeError" not in html
