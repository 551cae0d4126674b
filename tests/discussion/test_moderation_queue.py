"""The comment queue on Wagtail's admin views, as the Moderatorer group uses it: queues, filters,
search, paging, select all, bulk decisions with correct Swedish plurals, and the menu's badge."""

import datetime
import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from django.utils import timezone

from discussion.models import Comment, CommentStatus
from tests.moderation import ALL, QUEUE, decide, decision_url, seen

from .conftest import add_comment


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _rows(html):
    """The comments' texts in the listing, in order."""
    return re.findall(r'<div id="comment_\d+_title">([^<]*)</div>', html)


@pytest.fixture
def editor(db):
    user = get_user_model().objects.create_user(username="redaktor", email="red@example.se", password="hemligt-123")
    user.groups.add(Group.objects.get(name="Redaktörer"))
    return user


@pytest.fixture
def queue(anonymous_post, make_post):
    other = make_post("annat", comment_mode="open", comments_login="anonymous")
    old = add_comment(anonymous_post, "Gammal fråga om bussen", status=CommentStatus.PENDING, name="Vera Väg")
    Comment.objects.filter(pk=old.pk).update(submit_date=timezone.now() - datetime.timedelta(days=40))
    return {
        "other": other,
        "pending": [
            add_comment(anonymous_post, f"Väntande nummer {n}", status=CommentStatus.PENDING, name="Sam Skog")
            for n in range(3)
        ]
        + [old],
        "elsewhere": add_comment(other, "Väntar på en annan sida", status=CommentStatus.PENDING, name="Ola Å"),
        "approved": add_comment(anonymous_post, "Redan godkänd", name="Sam Skog"),
        "rejected": add_comment(anonymous_post, "Redan avvisad", status=CommentStatus.REJECTED, name="Kim Kant"),
    }


def test_moderator_filters_searches_and_approves_three_at_once(queue, moderator, django_capture_on_commit_callbacks):
    client = _client(moderator)
    assert not moderator.is_superuser

    # The default queue: what waits, nothing decided.
    html = client.get(QUEUE).content.decode()
    assert set(_rows(html)) == {c.comment for c in queue["pending"]} | {"Väntar på en annan sida"}
    assert "5 kommentarer väntar på granskning." in html
    for label in ("Väntande", "Godkända", "Avvisade", "Alla"):
        assert f">{label}" in html
    assert 'aria-current="page">Väntande' in html

    # The other queues.
    assert _rows(client.get(f"{QUEUE}?queue=approved").content.decode()) == ["Redan godkänd"]
    assert _rows(client.get(f"{QUEUE}?queue=refused").content.decode()) == ["Redan avvisad"]
    assert len(_rows(client.get(ALL).content.decode())) == 7

    # Filters: page, date range, commenter; and search (the AJAX results view the search box uses).
    other = queue["other"]
    assert _rows(client.get(f"{QUEUE}?page={other.pk}").content.decode()) == ["Väntar på en annan sida"]
    today = timezone.localdate()
    recent = client.get(f"{QUEUE}?date_from={today - datetime.timedelta(days=1)}&date_to={today}").content.decode()
    assert "Gammal fråga om bussen" not in _rows(recent) and len(_rows(recent)) == 4
    assert _rows(client.get(f"{QUEUE}?commenter=vera").content.decode()) == ["Gammal fråga om bussen"]
    found = client.get(f"{QUEUE}results/?q=bussen").content.decode()
    assert _rows(found) == ["Gammal fråga om bussen"]

    # Bulk approval of three, from the confirmation page the footer's button opens.
    three = queue["pending"][:3]
    ids = [c.pk for c in three]
    confirm = client.get(decision_url("approve", *ids, next=f"{QUEUE}?queue=pending"))
    assert confirm.status_code == 200
    page = confirm.content.decode()
    assert "Du har markerat 3 kommentarer" in page
    states = re.findall(r'name="seen" value="([^"]+)"', page)
    assert len(states) == 3
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(decision_url("approve", *ids, next=f"{QUEUE}?queue=pending"), {"seen": states}, follow=True)
    html = done.content.decode()
    assert "3 kommentarer godkändes." in html
    assert done.redirect_chain[-1][0] == f"{QUEUE}?queue=pending"
    assert set(Comment.objects.filter(pk__in=ids).values_list("status", flat=True)) == {CommentStatus.APPROVED}
    assert {c.comment for c in three}.isdisjoint(_rows(html))  # gone from the waiting queue

    # One is singular.
    with django_capture_on_commit_callbacks(execute=True):
        one = decide(client, "approve", queue["elsewhere"].pk, seen=seen(client), follow=True)
    assert "1 kommentar godkändes." in one.content.decode()
    assert "1 kommentarer" not in one.content.decode()


def test_reject_with_a_reason_from_the_row_link_tells_the_commenter(
    queue, moderator, django_capture_on_commit_callbacks
):
    client = _client(moderator)
    target = queue["pending"][0]
    Comment.objects.filter(pk=target.pk).update(user_email="skribent@example.se")
    listing = client.get(QUEUE).content.decode()
    link = re.search(rf'href="(/admin/bulk/discussion/comment/reject/\?id={target.pk}[^"]*)"', listing).group(1)
    link = link.replace("&amp;", "&")
    form = client.get(link).content.decode()
    assert "Välj ett skäl" in form and '<option value="Reklam">' in form
    states = re.findall(r'name="seen" value="([^"]+)"', form)
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(link, {"seen": states, "reason": "Reklam"}, follow=True)
    assert "1 kommentar avvisades." in done.content.decode()
    target.refresh_from_db()
    assert target.status == CommentStatus.REJECTED and target.decision_reason == "Reklam"
    assert [m.to for m in mail.outbox if m.subject == "Din kommentar publicerades inte"] == [["skribent@example.se"]]


def test_the_row_link_keeps_the_state_the_moderator_saw(queue, moderator, django_capture_on_commit_callbacks):
    # Another moderator approves between the listing and the reason form: the rejection is not made.
    client = _client(moderator)
    target = queue["pending"][0]
    listing = client.get(QUEUE).content.decode()
    link = re.search(rf'href="(/admin/bulk/discussion/comment/reject/\?id={target.pk}[^"]*)"', listing).group(1)
    link = link.replace("&amp;", "&")
    with django_capture_on_commit_callbacks(execute=True):
        decide(_client(get_user_model().objects.get(pk=moderator.pk)), "approve", target.pk)
    form = client.get(link).content.decode()
    states = re.findall(r'name="seen" value="([^"]+)"', form)
    done = client.post(link, {"seen": states, "reason": "Reklam"}, follow=True)
    assert "Ditt beslut om den gjordes inte." in done.content.decode()
    target.refresh_from_db()
    assert target.status == CommentStatus.APPROVED


def test_select_all_in_listing_decides_on_the_filtered_listing_only(queue, moderator):
    client = _client(moderator)
    other = queue["other"]
    # The footer's "select all in listing" sends the listing's own query with id=all.
    done = client.post(
        f"/admin/bulk/discussion/comment/approve/?queue=pending&page={other.pk}&id=all&next={QUEUE}", follow=True
    )
    assert "1 kommentar godkändes." in done.content.decode()
    assert Comment.objects.get(pk=queue["elsewhere"].pk).status == CommentStatus.APPROVED
    assert set(Comment.objects.filter(pk__in=[c.pk for c in queue["pending"]]).values_list("status", flat=True)) == {
        CommentStatus.PENDING
    }


def test_paging_and_select_all_controls(anonymous_post, moderator):
    for n in range(55):
        add_comment(anonymous_post, f"Kö {n}", status=CommentStatus.PENDING)
    client = _client(moderator)
    first = client.get(QUEUE).content.decode()
    assert len(_rows(first)) == 50
    assert "Sida 1 av 2" in first
    assert "data-bulk-action-select-all-checkbox" in first and "Välj alla kommentarer i listan" in first
    assert len(_rows(client.get(f"{QUEUE}?p=2").content.decode())) == 5
    assert client.get(f"{QUEUE}?p=999").status_code in (200, 404)


def test_menu_says_kommentarer_with_a_badge_of_what_waits(queue, moderator):
    client = _client(moderator)
    html = client.get("/admin/").content.decode()
    props = json.loads(re.search(r'id="wagtail-sidebar-props"[^>]*>(.*?)</script>', html, re.S).group(1))
    [item] = [
        entry["_args"][0] for entry in props["modules"][1]["_args"][0] if entry["_args"][0]["name"] == "kommentarer"
    ]
    label, url, attrs = item["label"], item["url"], item["attrs"]
    assert (label, url) == ("Kommentarer", QUEUE)  # short: nothing to cut off
    assert attrs == {"data-pending-count": "5", "aria-label": "Kommentarer, 5 väntar på granskning"}
    assert "discussion/css/moderation" in html
    Comment.objects.update(status=CommentStatus.APPROVED)
    html = client.get("/admin/").content.decode()
    assert "data-pending-count" not in html


@pytest.mark.parametrize("who", ["reader", "editor", "anonymous"])
def test_who_may_not_moderate_reaches_none_of_the_queue(who, queue, request):
    client = Client() if who == "anonymous" else _client(request.getfixturevalue(who))
    target = queue["pending"][0]
    for url in (QUEUE, f"{QUEUE}results/", decision_url("approve", target.pk), decision_url("reject", target.pk)):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert "Väntande nummer" not in response.content.decode()
    for action, data in (("approve", {}), ("reject", {"reason": "Reklam"}), ("remove", {"spam": "on"})):
        assert decide(client, action, target.pk, **data).status_code in (302, 403)
    target.refresh_from_db()
    assert target.status == CommentStatus.PENDING
    assert not mail.outbox


def test_the_moderator_cannot_add_edit_or_delete_comments_through_generic_views(queue, moderator):
    client = _client(moderator)
    target = queue["pending"][0]
    for url in (f"{QUEUE}new/", f"{QUEUE}edit/{target.pk}/", f"{QUEUE}delete/{target.pk}/"):
        assert client.get(url).status_code in (302, 403), url
        assert client.post(url, {"comment": "Ändrad"}).status_code in (302, 403), url
    assert Comment.objects.filter(pk=target.pk, comment=target.comment).exists()
    assert f"{QUEUE}edit/" not in client.get(QUEUE).content.decode()


def test_forged_decisions_are_refused_without_a_500(queue, moderator):
    client = _client(moderator)
    target = queue["pending"][0]
    assert decide(client, "approve", "x", "9" * 30).status_code == 404
    assert decide(client, "explode", target.pk).status_code == 404
    answer = decide(client, "reject", target.pk, reason_text="x" * 600)
    assert answer.status_code == 400 and "som mest 500 tecken" in answer.content.decode()
    assert client.get(f"{QUEUE}?queue=zzz&page=abc&date_from=nonsense&p=-1").status_code == 200
    target.refresh_from_db()
    assert target.status == CommentStatus.PENDING


def test_the_keyboard_shortcuts_are_documented_and_loaded_from_a_file(queue, moderator):
    html = _client(moderator).get(QUEUE).content.decode()
    assert re.search(r'<script defer src="/static/discussion/js/queue-keys\.js[^"]*"></script>', html)
    section = html[html.index('id="comment-shortcuts"') :]
    for key in ("j", "k", "a", "r", "?"):
        assert f"<kbd>{key}</kbd>" in section
    assert 'id="comment-shortcuts-status" class="w-sr-only" aria-live="polite"' in html
    assert 'data-position="Kommentar %(number)s av %(total)s."' in html
    assert '<a href="#comment-shortcuts">' in html


def test_each_row_leads_to_the_agency_reply_and_the_correction(queue, moderator, site):
    from website.models import SiteSettings

    site_settings = SiteSettings.for_site(site)
    site_settings.organisation_name = "Testverket"
    site_settings.save()
    client = _client(moderator)
    approved, pending = queue["approved"], queue["pending"][0]
    html = client.get(ALL).content.decode()
    assert f'href="/admin/kommentarer/svara/{approved.pk}/?next=' in html
    assert f'href="/admin/kommentarer/svara/{pending.pk}/' not in html  # only a published comment is answered
    assert f'href="/admin/kommentarer/andra/{pending.pk}/?next=' in html
    assert "Svara som Testverket" in html
    reply_form = client.get(f"/admin/kommentarer/svara/{approved.pk}/?next={QUEUE}")
    assert reply_form.status_code == 200
