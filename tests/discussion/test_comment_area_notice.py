"""Under every comment form and on the privacy page, one sentence says who runs the comment area, that
comments are read before publication and how to report one (BBS-lagen 1998:112 § 3)."""

import re

import pytest
from django.test import Client

from discussion.models import ModerationPolicy
from home.models import StandardPage
from website.models import SiteSettings

from .conftest import add_comment

READ_FIRST = "Kommentarsfältet drivs av Testverket, som läser varje kommentar innan den publiceras"
REPORT_BY_MAIL = (
    "vill du anmäla en kommentar, använd länken ”Anmäl” under den eller skriv till "
    '<a href="mailto:anmalan@example.se">anmalan@example.se</a>'
)


@pytest.fixture
def agency(site):
    site_settings = SiteSettings.for_site(site)
    site_settings.organisation_name = "Testverket"
    site_settings.contact_email = "anmalan@example.se"
    site_settings.save()
    return site_settings


@pytest.fixture
def privacy_page(site, agency):
    page = StandardPage(title="Behandling av personuppgifter", slug="personuppgifter")
    site.root_page.add_child(instance=page)
    page.save_revision().publish()
    agency.privacy_page = page
    agency.save()
    return page


def _text(html):
    return " ".join(re.sub(r"\s+", " ", html).split())


def test_sentence_under_the_comment_form(client, anonymous_post, agency):
    html = _text(client.get(anonymous_post.url).content.decode())
    form_end = html.index("</form>")
    assert html.index(READ_FIRST) > form_end
    assert REPORT_BY_MAIL in html
    # On the page that answers one comment too.
    parent = add_comment(anonymous_post)
    reply_page = _text(client.get(f"/kommentarer/svara/{parent.pk}/").content.decode())
    assert reply_page.index(READ_FIRST) > reply_page.index("</form>")


def test_sentence_where_login_is_required(client, open_post, agency):
    html = _text(client.get(open_post.url).content.decode())
    assert "Du måste vara inloggad för att få kommentera" in html
    assert READ_FIRST in html


def test_sentence_on_the_privacy_page_and_not_on_other_pages(client, privacy_page, site):
    html = _text(client.get(privacy_page.url).content.decode())
    assert "<h2" in html and "Kommentarsfältet</h2>" in html
    assert READ_FIRST in html and REPORT_BY_MAIL in html

    other = StandardPage(title="Om oss", slug="om-oss")
    site.root_page.add_child(instance=other)
    other.save_revision().publish()
    assert "Kommentarsfältet drivs av" not in client.get(other.url).content.decode()


def test_sentence_follows_the_settings(privacy_page, comment_settings, agency):
    comment_settings.moderation_policy = ModerationPolicy.TRUST_KNOWN
    comment_settings.save()
    agency.contact_email = ""
    agency.save()
    html = _text(Client().get(privacy_page.url).content.decode())
    assert "som läser nya kommentatorers kommentarer innan de publiceras och håller uppsikt över alla andra" in html
    assert (
        "vill du anmäla en kommentar, använd länken ”Anmäl” under den eller kontakta Testverket och ange vilken kommentar det gäller"
        in html
    )
    assert "mailto:" not in html.split("Kommentarsfältet</h2>")[1].split("</section>")[0]
