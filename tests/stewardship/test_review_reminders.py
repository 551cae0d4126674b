"""Pages are reviewed on a routine (R26): due dates per section, reminders, the report, the dashboard."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from wagtail.models import Revision

from stewardship.models import PageReview
from tests import factories

STOCKHOLM = datetime.timezone(datetime.timedelta(hours=1))


def at(year, month, day, hour=4):
    return time_machine.travel(datetime.datetime(year, month, day, hour, 0, tzinfo=STOCKHOLM), tick=False)


@pytest.fixture
def published_page(section, editor):
    """A page an editor published on 10 January 2026, below a section with an owner."""
    with at(2026, 1, 10, 9):
        page = factories.StandardPageFactory(parent=section, title="Bygdepeng", slug="bygdepeng")
        page.save_revision(user=editor).publish()
    page.refresh_from_db()
    return page


def review_by(page):
    return PageReview.objects.get(page=page).review_by


def reminders(django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_review_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return {message.to[0]: message for message in mail.outbox}


def test_a_page_is_due_twelve_months_after_publication_unless_its_section_says_otherwise(published_page, section):
    assert review_by(published_page) == datetime.date(2027, 1, 10)

    section.review_interval_months = 6
    factories.publish(section)
    assert review_by(published_page) == datetime.date(2026, 7, 10), "the section's interval is inherited"

    published_page.review_interval_months = 3
    factories.publish(published_page)
    assert review_by(published_page) == datetime.date(2026, 4, 10), "the page's own interval wins"


def test_marking_reviewed_sets_granskad_without_a_new_revision(admin_client, published_page):
    revisions = Revision.objects.count()
    with at(2026, 11, 30, 10):
        confirm = admin_client.get(f"/admin/granskning/{published_page.pk}/")
        assert confirm.status_code == 200
        assert "Ja, sidan är granskad" in confirm.content.decode()
        response = admin_client.post(f"/admin/granskning/{published_page.pk}/", {"next": "/admin/"})
    assert response.status_code == 302
    assert Revision.objects.count() == revisions
    review = PageReview.objects.get(page=published_page)
    assert review.last_reviewed_at.date() == datetime.date(2026, 11, 30)
    assert review.review_by == datetime.date(2027, 11, 30)


def test_only_someone_who_may_edit_the_page_can_mark_it_reviewed(client, published_page):
    reader = factories.UserFactory(username="lasare")
    client.force_login(reader)
    response = client.post(f"/admin/granskning/{published_page.pk}/")
    assert response.status_code in (302, 403)
    assert PageReview.objects.get(page=published_page).last_reviewed_at is None


def test_reminders_go_to_the_owner_and_the_editors_before_and_after_the_date(
    published_page, django_capture_on_commit_callbacks
):
    with at(2026, 12, 20):
        assert reminders(django_capture_on_commit_callbacks) == {}, "more than two weeks left"
    with at(2026, 12, 28):
        sent = reminders(django_capture_on_commit_callbacks)
        assert set(sent) == {"lokal@example.se", "redaktor@example.se"}
        message = sent["lokal@example.se"]
        assert message.subject == "En sida att granska på webbplatsen"
        assert "Bygdepeng" in message.body
        assert "Granska senast 10 januari 2027" in message.body
        assert f"http://testserver/admin/granskning/{published_page.pk}/" in message.body
    with at(2026, 12, 29):
        assert reminders(django_capture_on_commit_callbacks) == {}, "one reminder before the date"
    with at(2027, 1, 11):
        sent = reminders(django_capture_on_commit_callbacks)
        assert "Skulle ha granskats senast 10 januari 2027" in sent["lokal@example.se"].body
    with at(2027, 1, 15):
        assert reminders(django_capture_on_commit_callbacks) == {}
    with at(2027, 1, 18):
        assert set(reminders(django_capture_on_commit_callbacks)) == {"lokal@example.se", "redaktor@example.se"}


def test_no_reminder_once_the_page_is_reviewed(client, admin_user, published_page, django_capture_on_commit_callbacks):
    with at(2027, 1, 11):
        assert reminders(django_capture_on_commit_callbacks)
    with at(2027, 1, 12, 10):
        client.force_login(admin_user)
        assert client.post(f"/admin/granskning/{published_page.pk}/").status_code == 302
    with at(2027, 1, 19):
        assert reminders(django_capture_on_commit_callbacks) == {}


def test_an_unpublished_page_is_not_reminded(published_page, django_capture_on_commit_callbacks):
    published_page.unpublish()
    with at(2027, 1, 11):
        assert reminders(django_capture_on_commit_callbacks) == {}


def test_the_overdue_report_lists_overdue_pages_only(client, admin_user, section, published_page):
    with at(2026, 6, 1):
        fresh = factories.publish(factories.StandardPageFactory(parent=section, title="Ny sida om service"))
    with at(2027, 2, 1):
        client.force_login(admin_user)
        response = client.get("/admin/rapporter/granskning/")
        export = client.get("/admin/rapporter/granskning/?export=csv")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Bygdepeng" in html
    assert "Enheten för lokal utveckling" in html
    assert "2027-01-10" in html
    assert fresh.title not in html
    assert "Bygdepeng" in b"".join(export.streaming_content).decode()


def test_the_dashboard_shows_pages_to_review(client, admin_user, published_page):
    with at(2026, 6, 1):
        client.force_login(admin_user)
        assert 'id="pages-to-review' not in client.get("/admin/").content.decode()
    with at(2027, 1, 2):
        client.force_login(admin_user)
        html = client.get("/admin/").content.decode()
    assert 'id="pages-to-review' in html
    assert "Bygdepeng" in html


def test_an_editor_sees_only_pages_they_may_edit(client, published_page, home_page):
    moderator = factories.UserFactory(username="moderator", groups=["Moderatorer"])
    with at(2027, 2, 1):
        client.force_login(moderator)
        response = client.get("/admin/rapporter/granskning/")
    assert response.status_code in (302, 403)
