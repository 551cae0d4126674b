"""A reader answers "Var sidan till hjälp?" at the foot of a content page (issue 16, points 4 and 5).

The answer is stored for the page owner and never shown on the site; bad input gets a 4xx with a
Swedish message and stores nothing; the page holding the form stays in the shared page cache.
"""

import datetime
import io

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from feedback.models import PageFeedback
from tests import factories
from website.models import SiteSettings

URL = "/synpunkter/skicka/"
STOCKHOLM = datetime.timezone(datetime.timedelta(hours=1))


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def feedback_section(response):
    return soup(response).find("section", class_="page-feedback")


def test_every_content_page_asks_and_says_how_answers_are_handled(client, page, home_page):
    privacy = factories.publish(factories.StandardPageFactory(parent=home_page, title="Personuppgifter", slug="pu"))
    settings_row = SiteSettings.for_site(home_page.get_site())
    settings_row.privacy_page = privacy
    settings_row.save()

    response = client.get(page.url)

    section = feedback_section(response)
    assert section.h2.get_text() == "Var sidan till hjälp?"
    form = section.form
    assert form["method"] == "post" and form["action"] == URL
    assert form.find("input", attrs={"name": "sida"})["value"] == str(page.pk)
    assert [b.get_text() for b in form.find_all("button", attrs={"name": "svar"})] == ["Ja", "Skicka"]
    assert form.details.summary.get_text() == "Nej"  # opens the text field without JavaScript
    textarea = form.find("textarea", attrs={"name": "text"})
    assert textarea["maxlength"] == "500"
    assert "Skriv inga personuppgifter" in section.get_text()
    assert "publiceras inte" in section.get_text()
    assert section.find("a", string="Så behandlar vi personuppgifter")["href"] == privacy.url
    # Nothing per reader: no CSRF token, no cookie.
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert not response.cookies


def test_yes_is_stored_for_the_inherited_owner_and_thanked_on_the_same_page(client, page, unit):
    response = client.post(URL, {"sida": page.pk, "svar": "ja", "text": "ignoreras"})

    assert response.status_code == 200
    assert soup(response).h1.get_text(strip=True) == page.title  # the page itself, not a bare page
    assert "Tack för ditt svar!" in feedback_section(response).find(role="status").get_text()
    assert feedback_section(response).form is None
    assert response["Cache-Control"] == "private, no-store"
    answer = PageFeedback.objects.get()
    assert (answer.page_id, answer.owner, answer.helpful, answer.text) == (page.pk, unit, True, "")


def test_no_with_text_is_stored_and_never_published(client, page):
    response = client.post(URL, {"sida": page.pk, "svar": "nej", "text": "  Adressen till ansökan saknas.  "})

    assert response.status_code == 200
    answer = PageFeedback.objects.get()
    assert (answer.helpful, answer.text) == (False, "Adressen till ansökan saknas.")
    assert "Adressen till ansökan saknas" not in Client().get(page.url).content.decode()


def test_no_without_text_is_fine(client, page):
    assert client.post(URL, {"sida": page.pk, "svar": "nej", "text": ""}).status_code == 200
    assert PageFeedback.objects.get().helpful is False


def test_javascript_gets_the_thanks_as_json(client, page):
    response = client.post(URL, {"sida": page.pk, "svar": "ja"}, headers={"Accept": "application/json"})
    assert response.status_code == 200
    assert response.json() == {"message": "Tack för ditt svar! Det går till den som ansvarar för sidan.", "ok": True}

    bad = client.post(URL, {"sida": page.pk, "svar": "kanske"}, headers={"Accept": "application/json"})
    assert bad.status_code == 400
    assert bad.json() == {"message": "Välj Ja eller Nej.", "ok": False}
    assert PageFeedback.objects.count() == 1


def test_text_of_500_characters_is_accepted(client, page):
    assert client.post(URL, {"sida": page.pk, "svar": "nej", "text": "å" * 500}).status_code == 200
    assert PageFeedback.objects.get().text == "å" * 500


def test_too_long_text_is_refused_on_the_page_with_the_text_kept(client, page):
    response = client.post(URL, {"sida": page.pk, "svar": "nej", "text": "å" * 501})

    assert response.status_code == 400
    section = feedback_section(response)
    assert section.find(role="alert").get_text() == "Skriv högst 500 tecken (du skrev 501)."
    assert section.details.has_attr("open")
    assert section.textarea.get_text() == "å" * 500  # refilled, cut to what fits
    assert not PageFeedback.objects.exists()


@pytest.mark.parametrize("choice", ["", "kanske", "JA", "ja\x00"])
def test_empty_or_invalid_choice_is_refused(client, page, choice):
    response = client.post(URL, {"sida": page.pk, "svar": choice})

    assert response.status_code == 400
    assert feedback_section(response).find(role="alert").get_text() == "Välj Ja eller Nej."
    assert not PageFeedback.objects.exists()


@pytest.mark.parametrize("page_id", ["", "abc", "0", "-1", "99999", "2147483648", "99999999999999999999", "1\x00"])
def test_unknown_or_forged_page_is_refused(client, page, page_id):
    response = client.post(URL, {"sida": page_id, "svar": "ja"})

    assert response.status_code == 400
    assert soup(response).h1.get_text() == "Sidan du ville lämna synpunkter på finns inte."
    assert not PageFeedback.objects.exists()


def test_draft_restricted_or_root_page_is_refused(client, page, home_page):
    draft = factories.StandardPageFactory(parent=home_page, slug="utkast", live=False)
    from wagtail.models import Page, PageViewRestriction

    secret = factories.publish(factories.StandardPageFactory(parent=home_page, slug="hemlig"))
    PageViewRestriction.objects.create(page=secret, restriction_type="password", password="x")
    for page_id in (draft.pk, secret.pk, Page.get_first_root_node().pk):
        assert client.post(URL, {"sida": page_id, "svar": "ja"}).status_code == 400
    assert not PageFeedback.objects.exists()
    assert client.post(URL, {"sida": page.pk, "svar": "ja"}).status_code == 200  # the twin


def test_get_is_not_allowed(client, page):
    assert client.get(URL).status_code == 405


def test_rate_limited_per_ip_address_behind_the_trusted_proxy(client, page, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(10):
        assert (
            client.post(
                URL, {"sida": page.pk, "svar": "ja"}, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.7"
            ).status_code
            == 200
        )
    response = client.post(
        URL, {"sida": page.pk, "svar": "nej", "text": "Elfte"}, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.7"
    )
    assert response.status_code == 429
    assert "Vänta en stund" in feedback_section(response).find(role="alert").get_text()
    assert feedback_section(response).textarea.get_text() == "Elfte"
    # Another reader behind the same proxy is not limited.
    assert (
        client.post(
            URL, {"sida": page.pk, "svar": "ja"}, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.8"
        ).status_code
        == 200
    )
    assert PageFeedback.objects.count() == 11


def test_a_cached_page_stays_cached_after_an_answer(page, settings):
    settings.PAGE_CACHE_ENABLED = True
    assert Client().get(page.url)["X-Page-Cache"] == "miss"
    assert Client().get(page.url)["X-Page-Cache"] == "hit"

    reader = Client()
    assert reader.post(URL, {"sida": page.pk, "svar": "nej", "text": "Mer om ansökan"}).status_code == 200
    assert not reader.cookies  # the post set no cookie that would take the reader out of the cache

    with CaptureQueriesContext(connection) as queries:
        response = reader.get(page.url)
    assert response["X-Page-Cache"] == "hit"
    assert len(queries) == 0


def test_admin_report_per_page_and_per_owner(admin_client, page, section, other_unit):
    other = factories.publish(
        factories.StandardPageFactory(parent=section.get_parent(), slug="annan", title="Annan", page_owner=other_unit)
    )
    PageFeedback.objects.create(
        page=page, owner=page.page_owner or section.page_owner, helpful=False, text="Saknar datum"
    )
    PageFeedback.objects.create(page=page, owner=section.page_owner, helpful=True)
    PageFeedback.objects.create(page=other, owner=other_unit, helpful=False, text="Fel länk")

    everything = admin_client.get("/admin/rapporter/synpunkter/")
    assert everything.status_code == 200
    text = everything.content.decode()
    assert "Läsarnas synpunkter" in text and "Saknar datum" in text and "Fel länk" in text

    per_page = admin_client.get("/admin/rapporter/synpunkter/", {"page": page.pk}).content.decode()
    assert "Saknar datum" in per_page and "Fel länk" not in per_page

    per_owner = admin_client.get("/admin/rapporter/synpunkter/", {"owner": other_unit.pk}).content.decode()
    assert "Fel länk" in per_owner and "Saknar datum" not in per_owner

    unhelpful = admin_client.get("/admin/rapporter/synpunkter/", {"helpful": "false"}).content.decode()
    assert "Saknar datum" in unhelpful and "Fel länk" in unhelpful

    export = admin_client.get("/admin/rapporter/synpunkter/", {"export": "csv", "owner": other_unit.pk})
    assert "Fel länk" in b"".join(export.streaming_content).decode()


def test_report_is_closed_to_users_who_edit_no_pages(client, page, django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("läsare", password="x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    PageFeedback.objects.create(page=page, helpful=False, text="Hemligt")

    response = client.get("/admin/rapporter/synpunkter/")
    assert response.status_code in (302, 403)
    assert "Hemligt" not in response.content.decode()


def test_daily_digest_goes_to_each_owner_once(
    client, page, section, unit, other_unit, django_capture_on_commit_callbacks
):
    other = factories.publish(
        factories.StandardPageFactory(parent=section.get_parent(), slug="annan", title="Annan", page_owner=other_unit)
    )
    with time_machine.travel(datetime.datetime(2026, 12, 1, 14, 0, tzinfo=STOCKHOLM), tick=False):
        client.post(URL, {"sida": page.pk, "svar": "nej", "text": "Saknar datum"})
        client.post(URL, {"sida": page.pk, "svar": "ja"})
        client.post(URL, {"sida": other.pk, "svar": "nej", "text": "Fel länk"})
    mail.outbox.clear()

    with (
        time_machine.travel(datetime.datetime(2026, 12, 2, 3, 15, tzinfo=STOCKHOLM), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        call_command("send_feedback_digest", stdout=io.StringIO())
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {"lokal@example.se", "kom@example.se"}
    body = by_address["lokal@example.se"].body
    assert "Bygdepeng" in body and "Ja: 1, Nej: 1" in body and "Saknar datum" in body
    assert "Fel länk" not in body
    assert by_address["lokal@example.se"].subject == "Läsarnas svar om en sida"
    assert PageFeedback.objects.filter(digested_at__isnull=True).count() == 0

    # The next day: nothing new, nothing sent.
    mail.outbox.clear()
    with (
        time_machine.travel(datetime.datetime(2026, 12, 3, 3, 15, tzinfo=STOCKHOLM), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        call_command("send_feedback_digest", stdout=io.StringIO())
    assert mail.outbox == []


def test_answers_are_deleted_after_a_year(page):
    with time_machine.travel(datetime.datetime(2025, 11, 1, 12, 0, tzinfo=STOCKHOLM), tick=False):
        old = PageFeedback.objects.create(
            page=page, helpful=True, digested_at=datetime.datetime(2025, 11, 2, tzinfo=STOCKHOLM)
        )
    recent = PageFeedback.objects.create(
        page=page, helpful=True, digested_at=datetime.datetime(2026, 11, 2, tzinfo=STOCKHOLM)
    )
    call_command("send_feedback_digest", "--now", stdout=io.StringIO())
    assert list(PageFeedback.objects.values_list("pk", flat=True)) == [recent.pk]
    assert old.pk != recent.pk


def test_an_editor_sees_the_report_for_the_pages_they_may_edit(client, page):
    editor = factories.UserFactory(username="redaktor", groups=["Redaktörer"])
    PageFeedback.objects.create(page=page, helpful=False, text="Synlig för redaktören")
    client.force_login(editor)

    response = client.get("/admin/rapporter/synpunkter/")
    assert response.status_code == 200
    assert "Synlig för redaktören" in response.content.decode()
