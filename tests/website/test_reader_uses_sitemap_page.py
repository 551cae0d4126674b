"""Webbplatskarta: a reader finds every section and its pages on an HTML page; search engines keep /sitemap.xml."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from home.models import StandardPage
from tests.factories import publish


def make_section(site, pages):
    archive = site.root_page.add_child(instance=StandardPage(title="Arkiv", slug="arkiv"))
    publish(archive)
    for number in range(pages):
        publish(archive.add_child(instance=StandardPage(title=f"Sida {number:02}", slug=f"sida-{number}")))
    return archive


def test_footer_links_to_the_html_sitemap(client, demo_site):
    page = client.get("/").text

    assert '<a href="/webbplatskarta/">Webbplatskarta</a>' in page


def test_sitemap_lists_sections_with_their_pages(client, demo_site):
    response = client.get("/webbplatskarta/")

    assert response.status_code == 200
    page = response.text
    assert "<h1>Webbplatskarta</h1>" in page
    headings = re.findall(r'<h2 id="sitemap-\d+"><a href="([^"]+)">([^<]+)</a></h2>', page)
    assert ("/blogg/", "Blogg") in headings
    assert any(url == "/kalender/" for url, _title in headings)
    assert any(url == "/exempel/" for url, _title in headings)
    for post in Page.objects.live().child_of(Page.objects.get(slug="blogg"))[:3]:
        assert f'href="{post.url}"' in page
    assert 'href="/sitemap.xml"' in page
    assert client.get("/sitemap.xml").status_code == 200


def test_large_section_is_paged_on_its_own(client, demo_site):
    archive = make_section(demo_site, 60)

    overview = client.get("/webbplatskarta/").text
    assert "Sida 09" in overview and "Sida 10" not in overview
    assert f'href="/webbplatskarta/{archive.pk}/">Alla 60 sidor i Arkiv' in overview

    first = client.get(f"/webbplatskarta/{archive.pk}/").text
    second = client.get(f"/webbplatskarta/{archive.pk}/?sida=2").text
    assert "Sida 49" in first and "Sida 50" not in first
    assert "Sida 50" in second and "Sida 59" in second
    assert 'rel="next"' in first


def test_private_and_draft_pages_are_not_listed(client, demo_site):
    archive = demo_site.root_page.add_child(instance=StandardPage(title="Arkiv", slug="arkiv"))
    publish(archive)
    secret = archive.add_child(instance=StandardPage(title="Hemlig sida", slug="hemlig"))
    publish(secret)
    PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.LOGIN)
    archive.add_child(instance=StandardPage(title="Utkastsida", slug="utkast", live=False))
    publish(archive.add_child(instance=StandardPage(title="Öppen sida", slug="oppen")))

    overview = client.get("/webbplatskarta/").text
    section = client.get(f"/webbplatskarta/{archive.pk}/").text

    assert "Öppen sida" in overview and "Öppen sida" in section
    for text in (overview, section):
        assert "Hemlig sida" not in text
        assert "Utkastsida" not in text


def test_unknown_section_is_a_404(client, demo_site):
    assert client.get("/webbplatskarta/999999/").status_code == 404
    blog = Page.objects.get(slug="blogg")
    assert client.get(f"/webbplatskarta/{blog.pk}/").status_code == 200
    # A page deeper down is not a section.
    post = Page.objects.live().child_of(blog).first()
    assert client.get(f"/webbplatskarta/{post.pk}/").status_code == 404


def test_sitemap_queries_do_not_grow_with_pages(client, demo_site):
    def count():
        client.get("/webbplatskarta/")
        with CaptureQueriesContext(connection) as captured:
            client.get("/webbplatskarta/")
        return len(captured)

    make_section(demo_site, 2)
    few = count()
    StandardPage.objects.get(slug="arkiv").delete()
    make_section(demo_site, 30)
    many = count()

    assert many == few
