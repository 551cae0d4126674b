"""Readers report ("Anmäl") a published comment; moderators handle the reports in "Anmälda"."""

import io
import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.test import Client

from discussion.models import Comment, CommentReport, CommentStatus, ReportOutcome

from .conftest import add_comment

ADMIN_URL = "/admin/anmalda-kommentarer/"


def _url(comment_id):
    return f"/kommentarer/anmal/{comment_id}/"


def _report(client, comment, **data):
    """Open the report page from the article's "Anmäl" link and post its form (CSRF token included)."""
    form = client.get(_url(comment.pk))
    assert form.status_code == 200
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.content.decode()).group(1)
    return client.post(
        _url(comment.pk), {"csrfmiddlewaretoken": token, **data}, REMOTE_ADDR=data.pop("ip", "127.0.0.1")
    )


def _client(user=None):
    client = Client(enforce_csrf_checks=True)
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def published(anonymous_post):
    return add_comment(anonymous_post, text="Ni är alla idioter.", name="Grannen", email="granne@example.se")


def test_anonymous_reader_reports_through_the_link_under_the_comment(settings, anonymous_post, published):
    settings.PAGE_CACHE_ENABLED = True
    first, second = Client(), Client()
    page = first.get(anonymous_post.url).content.decode()
    assert f'href="{_url(published.pk)}"' in page and ">Anmäl<" in page
    assert "använd länken ”Anmäl” under den" in " ".join(page.split())
    # The cached page is the same for every anonymous reader.
    assert second.get(anonymous_post.url).content.decode() == page

    report_page = first.get(_url(published.pk)).content.decode()
    assert "Anmäl kommentar" in report_page and "Ni är alla idioter." in report_page
    assert "Kränkande" in report_page and "Olagligt innehåll" in report_page and "Annat" in report_page

    response = _report(_client(), published, reason="offensive")
    assert response.status_code == 303
    assert "Tack! En moderator läser din anmälan." in Client().get(response["Location"]).content.decode()
    report = CommentReport.objects.get()
    assert (report.comment_id, report.reason, report.reporter, report.ip_address) == (
        published.pk,
        "offensive",
        None,
        "127.0.0.1",
    )
    assert report.handled_at is None


def test_logged_in_reader_reports_with_free_text_and_twice_counts_once(reader, published):
    client = _client(reader)
    response = _report(client, published, reason="other", text="Hänger ut  en   namngiven granne.")
    assert response.status_code == 303
    report = CommentReport.objects.get()
    assert report.reporter == reader and report.text == "Hänger ut en namngiven granne."
    # The same reader again (later, past the rate limit): accepted, not counted.
    from django.core.cache import cache

    cache.clear()
    assert _report(client, published, reason="spam").status_code == 303
    assert CommentReport.objects.count() == 1


def test_other_without_text_is_refused_in_swedish_and_the_twin_is_stored(published):
    client = _client()
    response = _report(client, published, reason="other", text="   ")
    assert response.status_code == 400
    assert "Beskriv vad som är fel med kommentaren när du väljer ”Annat”." in response.content.decode()
    assert not CommentReport.objects.exists()
    assert _report(client, published, reason="other", text="Reklam för en bluff.").status_code == 303
    assert CommentReport.objects.get().text == "Reklam för en bluff."


@pytest.mark.parametrize("reason", ["forged", "", "offensive\x00"])
def test_forged_reason_is_refused(published, reason):
    response = _report(_client(), published, reason=reason)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Välj ett av skälen i listan." in html or "Välj varför du anmäler kommentaren." in html
    assert not CommentReport.objects.exists()


def test_pending_removed_and_unknown_comments_cannot_be_reported(anonymous_post, published):
    pending = add_comment(anonymous_post, text="Väntar", status=CommentStatus.PENDING)
    removed = add_comment(anonymous_post, text="Borta", status=CommentStatus.REMOVED)
    client = _client()
    for comment_id in (pending.pk, removed.pk, 999999, 2**40):
        assert client.get(_url(comment_id)).status_code == 404
        response = client.post(_url(comment_id), {"reason": "spam"})
        assert response.status_code in (403, 404)  # no CSRF token: refused before it is looked at
    assert "Kommentaren finns inte eller är inte publicerad." in client.get(_url(pending.pk)).content.decode()
    assert not CommentReport.objects.exists()
    assert _report(client, published, reason="spam").status_code == 303


def test_post_without_csrf_token_is_refused(published):
    response = _client().post(_url(published.pk), {"reason": "spam"})
    assert response.status_code == 403
    assert not CommentReport.objects.exists()


def test_reports_are_rate_limited_per_ip(anonymous_post, published):
    other = add_comment(anonymous_post, text="Köp billiga klockor här.", name="Säljare")
    client = _client()
    assert _report(client, published, reason="offensive").status_code == 303
    response = _report(client, other, reason="spam")
    assert response.status_code == 429
    assert "Du skickar anmälningar för tätt." in response.content.decode()
    assert CommentReport.objects.count() == 1
    # Another address is not limited.
    assert _report(_client(), other, reason="spam", ip="192.0.2.7").status_code == 303
    assert CommentReport.objects.count() == 2


def test_report_ip_is_forgotten_with_the_comment_ips(published):
    _report(_client(), published, reason="spam")
    CommentReport.objects.update(created_at="2020-01-01T00:00:00Z")
    call_command("purge_comment_ips", stdout=io.StringIO())
    assert CommentReport.objects.get().ip_address is None


def _reported(anonymous_post, published):
    """Two readers report `published`; one reports another comment."""
    other = add_comment(anonymous_post, text="En vanlig kommentar.", name="Vän")
    _report(_client(), published, reason="offensive")
    _report(_client(), published, reason="other", text="Hot mot en person.", ip="192.0.2.8")
    _report(_client(), other, reason="spam", ip="192.0.2.9")
    return other


def _admin_page(client):
    response = client.get(ADMIN_URL)
    assert response.status_code == 200
    return response.content.decode()


def _decide(client, html, comment, action, **extra):
    row = html[html.index(f'id="anmald-{comment.pk}"') :]
    data = {
        "last_report": re.search(r'name="last_report" value="([^"]+)"', row).group(1),
        "seen": re.search(r'name="seen" value="([^"]+)"', row).group(1),
        "action": action,
        **extra,
    }
    return client.post(f"{ADMIN_URL}{comment.pk}/", data)


def test_moderator_lists_and_keeps(moderator, anonymous_post, published):
    other = _reported(anonymous_post, published)
    add_comment(anonymous_post, text="Ingen har anmält den här.")
    client = Client()
    client.force_login(moderator)
    html = _admin_page(client)
    assert "Ingen har anmält den här." not in html
    assert "Anmälda kommentarer" in html
    assert "Ni är alla idioter." in html and "En vanlig kommentar." in html
    row = html[html.index(f'id="anmald-{published.pk}"') : html.index(f'id="anmald-{other.pk}"')]
    assert '<td class="report-count">2</td>' in row
    assert "Kränkande (1)" in row and "Annat (1)" in row and "Hot mot en person." in row
    # The menu shows "Anmälda" with the number of reported comments.
    admin = client.get("/admin/").content.decode()
    props = json.loads(re.search(r'id="wagtail-sidebar-props"[^>]*>(.*?)</script>', admin, re.S).group(1))
    [item] = [entry["_args"][0] for entry in props["modules"][1]["_args"][0] if entry["_args"][0]["name"] == "anmalda"]
    assert (item["label"], item["url"]) == ("Anmälda", ADMIN_URL)
    assert item["attrs"] == {"data-pending-count": "2", "aria-label": "Anmälda, 2 kommentarer"}

    response = _decide(client, html, other, "keep")
    assert response.status_code == 302
    report = CommentReport.objects.get(comment=other)
    assert (report.outcome, report.handled_by) == (ReportOutcome.KEEP, moderator) and report.handled_at
    assert Comment.objects.get(pk=other.pk).status == CommentStatus.APPROVED
    html = _admin_page(client)
    assert "En vanlig kommentar." not in html and "Ni är alla idioter." in html


def test_moderator_removes_through_the_moderation_decision(
    moderator, anonymous_post, published, django_capture_on_commit_callbacks
):
    _reported(anonymous_post, published)
    client = Client()
    client.force_login(moderator)
    html = _admin_page(client)
    with django_capture_on_commit_callbacks(execute=True):
        response = _decide(client, html, published, "remove", reason="Kränker en annan läsare.")
    assert response.status_code == 302
    comment = Comment.objects.get(pk=published.pk)
    assert comment.status == CommentStatus.REMOVED and comment.moderated_by == moderator
    assert comment.decision_reason == "Kränker en annan läsare."
    assert set(CommentReport.objects.filter(comment=published).values_list("outcome", flat=True)) == {"remove"}
    assert "Ni är alla idioter." not in Client().get(anonymous_post.url).content.decode()
    assert "Ni är alla idioter." not in _admin_page(client)
    # A forged action changes nothing.
    other = CommentReport.objects.get(handled_at__isnull=True).comment
    response = client.post(f"{ADMIN_URL}{other.pk}/", {"action": "delete", "last_report": "1"})
    assert response.status_code == 400 and "Välj Behåll eller Ta bort" in response.content.decode()
    assert CommentReport.objects.filter(handled_at__isnull=True).count() == 1
    # The commenter is told, as for any removal (discussion.admin_views.moderate).
    assert any("granne@example.se" in message.to for message in mail.outbox)


def test_report_arriving_after_the_moderator_looked_stays_open(moderator, anonymous_post, published):
    _report(_client(), published, reason="offensive")
    client = Client()
    client.force_login(moderator)
    html = _admin_page(client)
    _report(_client(), published, reason="illegal", ip="192.0.2.10")
    assert _decide(client, html, published, "keep").status_code == 302
    assert CommentReport.objects.filter(comment=published, handled_at__isnull=True).get().reason == "illegal"


def test_non_moderators_are_refused(reader, anonymous_post, published):
    _report(_client(), published, reason="offensive")
    staff = get_user_model().objects.create_user(username="personal", password="x", is_staff=False)
    from django.contrib.auth.models import Group

    staff.groups.add(Group.objects.get(name="Redaktörer"))
    for user in (reader, staff):
        client = Client()
        client.force_login(user)
        listing = client.get(ADMIN_URL)
        handle = client.post(f"{ADMIN_URL}{published.pk}/", {"action": "remove", "last_report": "999"})
        for response in (listing, handle):
            assert response.status_code in (302, 403)
            if response.status_code == 403:
                assert "Du har inte behörighet" in response.content.decode()
    anonymous = Client().get(ADMIN_URL)
    assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"]
    assert Comment.objects.get(pk=published.pk).status == CommentStatus.APPROVED
    assert not CommentReport.objects.filter(handled_at__isnull=False).exists()


QUEUE_TAB = "/admin/kommentarer/?queue=reported"


def _tab_decide(client, html, comment, action, **extra):
    cell = html[html.index(f'action="{ADMIN_URL}{comment.pk}/"') :]
    data = {
        "last_report": re.search(r'name="last_report" value="([^"]+)"', cell).group(1),
        "seen": re.search(r'name="seen" value="([^"]+)"', cell).group(1),
        "next": re.search(r'name="next" value="([^"]+)"', cell).group(1).replace("&amp;", "&"),
        "action": action,
        **extra,
    }
    return client.post(f"{ADMIN_URL}{comment.pk}/", data)


def test_the_queue_has_an_anmalda_tab_where_reports_are_handled(
    moderator, anonymous_post, published, django_assert_max_num_queries
):
    other = _reported(anonymous_post, published)
    add_comment(anonymous_post, text="Ingen har anmält den här.")
    add_comment(anonymous_post, text="Väntar utan anmälan.", status=CommentStatus.PENDING)
    client = Client()
    client.force_login(moderator)
    html = client.get("/admin/kommentarer/").content.decode()
    assert re.search(r'href="/admin/kommentarer/\?queue=reported">Anmälda \(2\)</a>', html)

    with django_assert_max_num_queries(40):
        html = client.get(QUEUE_TAB).content.decode()
    assert "Ni är alla idioter." in html and "En vanlig kommentar." in html
    assert "Ingen har anmält den här." not in html and "Väntar utan anmälan." not in html
    assert "1 anmälan:" in html and "Kränkande (1)" in html and "Hot mot en person." in html

    # Keep from the tab: the moderator is back in the tab, the comment stays published and leaves it.
    response = _tab_decide(client, html, other, "keep")
    assert response.status_code == 302 and response["Location"] == QUEUE_TAB
    assert CommentReport.objects.get(comment=other).outcome == ReportOutcome.KEEP
    html = client.get(QUEUE_TAB).content.decode()
    assert "En vanlig kommentar." not in html and "Ni är alla idioter." in html

    # Remove from the tab, with a reason: the same decision path as the Anmälda page.
    response = _tab_decide(client, html, published, "remove", reason="Kränker en annan läsare.")
    assert response.status_code == 302 and response["Location"] == QUEUE_TAB
    comment = Comment.objects.get(pk=published.pk)
    assert comment.status == CommentStatus.REMOVED and comment.decision_reason == "Kränker en annan läsare."
    assert "Inga kommentarer matchar." in client.get(QUEUE_TAB).content.decode()


def test_a_foreign_next_address_leads_back_to_the_anmalda_page(moderator, anonymous_post, published):
    other = _reported(anonymous_post, published)
    client = Client()
    client.force_login(moderator)
    html = client.get(QUEUE_TAB).content.decode()
    response = _tab_decide(client, html, other, "keep", next="https://example.com/admin/")
    assert response.status_code == 302 and response["Location"] == ADMIN_URL
    assert CommentReport.objects.get(comment=other).outcome == ReportOutcome.KEEP
