"""Every moderation action is one entry in the decision log ("Beslutslogg"), which moderators list,
filter, search and export; entries older than the retention the settings name are deleted."""

import csv
import datetime
import io
import json
import re
import uuid

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.log_actions import registry as log_registry
from wagtail.models import ModelLogEntry

from discussion.models import Comment, CommentReport, CommentSettings, CommentStatus
from tests.moderation import decide, seen

from .conftest import add_comment

LOG = "/admin/beslutslogg/"
REPORTS = "/admin/anmalda-kommentarer/"


def _client(user=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _entries(**filters):
    return list(ModelLogEntry.objects.filter(action__startswith="discussion.", **filters).order_by("pk"))


@pytest.fixture
def second_moderator(db):
    user = get_user_model().objects.create_user(
        username="moderator2", email="mod2@example.se", password="hemligt-123", first_name="Kim", last_name="Kö"
    )
    user.groups.add(Group.objects.get(name="Moderatorer"))
    return user


@pytest.fixture
def editor(db):
    user = get_user_model().objects.create_user(username="redaktor", email="red@example.se", password="hemligt-123")
    user.groups.add(Group.objects.get(name="Redaktörer"))
    return user


@pytest.fixture
def waiting(anonymous_post):
    return add_comment(anonymous_post, "Köp billiga klockor här", status=CommentStatus.PENDING, name="Säljaren")


# Recording: one entry per applied decision, with who and why.


@pytest.mark.parametrize(
    "action,data,verb,reason,spam",
    [
        ("approve", {}, "discussion.approve", "", False),
        ("reject", {"reason": "Reklam"}, "discussion.reject", "Reklam", False),
        ("reject", {"spam": "on"}, "discussion.reject", "Skräppost", True),
        ("remove", {"reason_text": "Uppgifter om en  tredje person"}, "discussion.remove", None, False),
    ],
)
def test_each_queue_decision_is_one_entry_with_moderator_and_reason(
    anonymous_post, waiting, moderator, action, data, verb, reason, spam, django_capture_on_commit_callbacks
):
    client = _client(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        response = decide(client, action, waiting.pk, seen=seen(client), **data)
    assert response.status_code == 302
    [entry] = _entries()
    assert (entry.action, entry.user, entry.object_id) == (verb, moderator, str(waiting.pk))
    assert entry.data["reason"] == (reason if reason is not None else "Uppgifter om en tredje person")
    assert entry.data["spam"] is spam
    assert entry.data["commenter"] == "Säljaren" and entry.data["page_title"] == anonymous_post.title
    assert entry.data["page_id"] == anonymous_post.pk and entry.data["comment_id"] == waiting.pk
    # The entry's label names no comment text (it may later be erased).
    assert "klockor" not in entry.label


def test_a_bulk_decision_logs_each_comment_once_under_one_uuid(anonymous_post, moderator):
    first = add_comment(anonymous_post, "Första", status=CommentStatus.PENDING)
    second = add_comment(anonymous_post, "Andra", status=CommentStatus.PENDING)
    client = _client(moderator)
    assert decide(client, "approve", first.pk, second.pk, seen=seen(client)).status_code == 302
    entries = _entries()
    assert sorted(int(e.object_id) for e in entries) == [first.pk, second.pk]
    assert len({e.uuid for e in entries}) == 1 and entries[0].uuid is not None
    # Approving again changes nothing and logs nothing.
    decide(client, "approve", first.pk, second.pk)
    assert len(_entries()) == 2


def test_a_decision_refused_because_another_moderator_was_first_logs_nothing(
    waiting, moderator, second_moderator, django_capture_on_commit_callbacks
):
    first, second = _client(moderator), _client(second_moderator)
    seen_first, seen_second = seen(first), seen(second)
    with django_capture_on_commit_callbacks(execute=True):
        decide(first, "approve", waiting.pk, seen=seen_first)
        response = decide(second, "reject", waiting.pk, seen=seen_second, reason="Reklam", follow=True)
    assert "Ditt beslut om den gjordes inte." in response.content.decode()
    [entry] = _entries()
    assert (entry.action, entry.user) == ("discussion.approve", moderator)


def test_a_refusal_without_reason_is_refused_and_logs_nothing(waiting, moderator):
    client = _client(moderator)
    assert decide(client, "reject", waiting.pk, seen=seen(client)).status_code == 400
    assert _entries() == []
    # The twin with a reason is logged.
    assert decide(client, "reject", waiting.pk, seen=seen(client), reason="Reklam").status_code == 302
    assert [e.action for e in _entries()] == ["discussion.reject"]


def test_a_correction_is_one_edit_entry_with_its_reason(anonymous_post, moderator):
    comment = add_comment(anonymous_post, "Ring 070-123 45 67", name="Byalaget")
    client = _client(moderator)
    url = f"/admin/kommentarer/andra/{comment.pk}/"
    fingerprint = re.search(r'name="seen" value="([^"]+)"', client.get(url).content.decode()).group(1)
    assert client.post(url, {"comment": "Ring oss", "reason": "", "seen": fingerprint}).status_code == 400
    assert _entries() == []
    response = client.post(url, {"comment": "Ring oss", "reason": "Tog bort ett telefonnummer", "seen": fingerprint})
    assert response.status_code == 302
    [entry] = _entries()
    assert (entry.action, entry.user, entry.data["reason"]) == (
        "discussion.edit",
        moderator,
        "Tog bort ett telefonnummer",
    )
    assert entry.data["commenter"] == "Byalaget" and entry.data["revision_id"] == comment.revisions.get().pk


def test_an_agency_reply_is_one_entry_even_when_sent_twice(anonymous_post, moderator):
    question = add_comment(anonymous_post, "När öppnar ansökan?", name="Byalaget")
    client = _client(moderator)
    url = f"/admin/kommentarer/svara/{question.pk}/"
    token = str(uuid.uuid4())
    for _attempt in range(2):
        assert client.post(url, {"token": token, "comment": "Den 1 mars."}).status_code == 302
    reply = Comment.objects.get(is_official=True)
    [entry] = _entries()
    assert (entry.action, entry.user, entry.object_id) == ("discussion.official_reply", moderator, str(reply.pk))
    assert entry.data["reply_to"] == question.pk and entry.data["page_title"] == anonymous_post.title


def _report(comment, reason="offensive", text=""):
    return CommentReport.objects.create(comment=comment, reason=reason, text=text, ip_address="192.0.2.1")


def _report_form(client, comment):
    html = client.get(REPORTS).content.decode()
    row = html[html.index(f'id="anmald-{comment.pk}"') :]
    return {
        "last_report": re.search(r'name="last_report" value="([^"]+)"', row).group(1),
        "seen": re.search(r'name="seen" value="([^"]+)"', row).group(1),
    }


def test_handled_reports_are_one_entry_each_and_a_second_handling_logs_nothing(
    anonymous_post, moderator, second_moderator, django_capture_on_commit_callbacks
):
    kept = add_comment(anonymous_post, "Skarp men saklig kritik", name="Kritikern")
    removed = add_comment(anonymous_post, "Hot mot grannen", name="Grannen")
    _report(kept, "spam")
    _report(removed, "offensive")
    _report(removed, "illegal")
    first, second = _client(moderator), _client(second_moderator)
    kept_first, kept_second = _report_form(first, kept), _report_form(second, kept)
    assert first.post(f"{REPORTS}{kept.pk}/", {**kept_first, "action": "keep"}).status_code == 302
    assert second.post(f"{REPORTS}{kept.pk}/", {**kept_second, "action": "keep"}).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        response = first.post(f"{REPORTS}{removed.pk}/", {**_report_form(first, removed), "action": "remove"})
    assert response.status_code == 302
    entries = _entries()
    # One entry per handling: the removal is logged as the reports' outcome, not also as a removal.
    assert [(e.action, e.user, e.object_id) for e in entries] == [
        ("discussion.report_kept", moderator, str(kept.pk)),
        ("discussion.report_removed", moderator, str(removed.pk)),
    ]
    assert entries[0].data["report_count"] == 1 and entries[0].data["report_reasons"] == ["Spam"]
    assert entries[1].data["report_count"] == 2
    assert entries[1].data["reason"] == "Kommentaren anmäldes och togs bort: kränkande, olagligt innehåll."


# The log view.


@pytest.fixture
def logged(anonymous_post, moderator, second_moderator):
    """Three decisions by two moderators, on three days."""
    spam = add_comment(anonymous_post, "Köp billiga klockor här", status=CommentStatus.PENDING, name="Säljaren")
    kind = add_comment(anonymous_post, "Tack för ett bra inlägg om byn", status=CommentStatus.PENDING, name="Byalaget")
    rude = add_comment(anonymous_post, "Ni är dumma", status=CommentStatus.PENDING, name="Grannen")
    decide(_client(moderator), "reject", spam.pk, reason_text="Reklam för klockor")
    decide(_client(moderator), "approve", kind.pk)
    decide(_client(second_moderator), "remove", rude.pk, reason="Kränkande eller hotfullt")
    now = timezone.now()
    for entry, days in zip(_entries(), (20, 10, 1), strict=True):
        ModelLogEntry.objects.filter(pk=entry.pk).update(timestamp=now - datetime.timedelta(days=days))
    return {"spam": spam, "kind": kind, "rude": rude}


def _rows(html):
    """The rows of the log's table (not of the keyboard shortcuts' dialog)."""
    if '<table class="listing' not in html:
        return []
    table = html[html.index('<table class="listing') :]
    table = table[: table.index("</table>")]
    body = table[table.index("<tbody") :] if "<tbody" in table else ""
    return re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)


def test_moderator_lists_every_decision_with_who_what_and_why(logged, moderator, anonymous_post):
    response = _client(moderator).get(LOG)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Beslutslogg" in html
    rows = _rows(html)
    assert len(rows) == 3
    newest = rows[0]
    assert "Borttagen" in newest and "Kim Kö" in newest and "Kränkande" in newest and "Grannen" in newest
    assert anonymous_post.title in newest
    assert f'href="/admin/kommentarer/{logged["rude"].pk}/sammanhang/"' in newest
    assert "Avvisad" in rows[2] and "Reklam för klockor" in rows[2] and "moderator" in rows[2]
    # Swedish headings and export links.
    for text in ("När", "Vem", "Åtgärd", "Kommentar", "Kommentator", "Sida", "Skäl"):
        assert f">{text}<" in html or f"{text}\n" in html or text in html
    assert "export=csv" in html and "export=xlsx" in html and "Ladda ner CSV" in html
    assert "3 beslut" in html and "loggpost" not in html and 'aria-label="Actions"' not in html
    # The moderator filter names moderators as the rows do.
    assert re.search(r'<option value="\d+">Kim Kö</option>', html)


def test_filters_by_action_moderator_and_date(logged, moderator, second_moderator):
    client = _client(moderator)
    rows = _rows(client.get(LOG, {"action": "discussion.approve"}).content.decode())
    assert len(rows) == 1 and "Godkänd" in rows[0] and "Byalaget" in rows[0]
    rows = _rows(client.get(LOG, {"user": second_moderator.pk}).content.decode())
    assert len(rows) == 1 and "Grannen" in rows[0]
    since = (timezone.localdate() - datetime.timedelta(days=15)).isoformat()
    until = (timezone.localdate() - datetime.timedelta(days=5)).isoformat()
    rows = _rows(client.get(LOG, {"date_from": since, "date_to": until}).content.decode())
    assert len(rows) == 1 and "Byalaget" in rows[0]
    # The results view the filters refresh through answers the same.
    response = client.get(f"{LOG}resultat/", {"action": "discussion.reject"})
    assert response.status_code == 200 and len(_rows(response.content.decode())) == 1


def test_search_finds_reason_comment_text_and_commenter(logged, moderator):
    client = _client(moderator)
    for query, commenter in (("klockor", "Säljaren"), ("bra inlägg", "Byalaget"), ("grannen", "Grannen")):
        rows = _rows(client.get(LOG, {"q": query}).content.decode())
        assert len(rows) == 1 and commenter in rows[0], query
    assert _rows(client.get(LOG, {"q": "finns inte någonstans"}).content.decode()) == []


def test_every_discussion_verb_is_listed_and_filterable_whoever_registered_it(logged, moderator):
    log_registry.scan_for_actions()
    log_registry.register_action("discussion.test_note", "Anteckning (test)", "Skrev en anteckning")
    try:
        log(instance=logged["kind"], action="discussion.test_note", user=moderator, data={"reason": "Vänlig"})
        client = _client(moderator)
        html = client.get(LOG).content.decode()
        assert 'value="discussion.test_note"' in html and "Anteckning (test)" in html
        rows = _rows(client.get(LOG, {"action": "discussion.test_note"}).content.decode())
        assert len(rows) == 1 and "Anteckning (test)" in rows[0] and "Vänlig" in rows[0]
    finally:
        log_registry.formatters.pop("discussion.test_note")
        log_registry.choices.remove(("discussion.test_note", "Anteckning (test)"))


def test_a_note_on_a_commenter_is_listed_with_the_comment_it_was_made_from(logged, moderator, anonymous_post):
    client = _client(moderator)
    url = f"/admin/kommentarer/{logged['spam'].pk}/sammanhang/"
    html = client.get(url).content.decode()
    form = html[html.index('id="anteckningar"') :]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))
    response = client.post(url, {**fields, "csrfmiddlewaretoken": token, "text": "Skickar ofta reklam."})
    assert response.status_code == 302
    rows = _rows(client.get(LOG, {"action": "discussion.note"}).content.decode())
    assert len(rows) == 1 and "Säljaren" in rows[0] and anonymous_post.title in rows[0]
    assert f'href="/admin/kommentarer/{logged["spam"].pk}/sammanhang/"' in rows[0]
    # The note's text stays in the notes, not in the log.
    assert "Skickar ofta reklam." not in rows[0]


def test_entries_of_other_apps_are_not_listed(logged, moderator, anonymous_post):
    log(instance=anonymous_post, action="wagtail.edit", user=moderator)
    assert len(_rows(_client(moderator).get(LOG).content.decode())) == 3


def test_csv_export_has_the_filtered_rows(logged, moderator):
    client = _client(moderator)
    response = client.get(LOG, {"export": "csv"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "beslutslogg-" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [r["Åtgärd"] for r in rows] == ["Borttagen", "Godkänd", "Avvisad"]
    assert rows[2]["Skäl"] == "Reklam för klockor" and rows[2]["Kommentator"] == "Säljaren"
    assert rows[0]["Moderator"] == "Kim Kö" and rows[0]["Kommentar"] == f"Kommentar {logged['rude'].pk}"
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", rows[0]["Tid"])
    response = client.get(LOG, {"export": "csv", "action": "discussion.approve"})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [r["Kommentator"] for r in rows] == ["Byalaget"]


def test_xlsx_export_has_the_rows(logged, moderator):
    response = _client(moderator).get(LOG, {"export": "xlsx"})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = list(sheet.values)
    assert values[0][:3] == ("Tid", "Moderator", "Åtgärd") and len(values) == 4
    assert values[3][2] == "Avvisad" and values[3][6] == "Reklam för klockor"


@pytest.mark.parametrize(
    "params,message",
    [
        ({"date_from": "2024-13-45"}, "Fyll i ett giltigt datum"),
        ({"date_from": "0001-01-01"}, "Ange datum mellan år 2000 och 2999"),
        ({"date_to": "9999-12-31"}, "Ange datum mellan år 2000 och 2999"),
        ({"user": "abc"}, "Välj en moderator i listan."),
        ({"user": "9" * 30}, "Välj en moderator i listan."),
        ({"user": "99999"}, "Välj en moderator i listan."),
        ({"action": "discussion.bogus"}, "Välj en åtgärd i listan."),
        ({"action": "discussion.reject", "export": "csv", "date_from": "igår"}, "Fyll i ett giltigt datum"),
    ],
)
def test_hostile_filters_get_a_swedish_message_and_a_400(logged, moderator, params, message):
    response = _client(moderator).get(LOG, params)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and "Filtret kunde inte användas." in html
    assert _rows(html) == []


def test_valid_twins_of_the_hostile_filters_succeed(logged, moderator, second_moderator):
    client = _client(moderator)
    today = timezone.localdate().isoformat()
    for params in ({"date_from": "2024-12-31"}, {"date_to": today}, {"user": second_moderator.pk}):
        response = client.get(LOG, params)
        assert response.status_code == 200 and _rows(response.content.decode()), params
    response = client.get(LOG, {"action": "discussion.reject", "export": "csv", "date_from": "2024-01-01"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")


def test_hostile_search_and_paging_are_no_500(logged, moderator):
    client = _client(moderator)
    for params in ({"q": "a\x00b"}, {"q": "x" * 5000}, {"p": "999"}, {"p": "-1"}, {"ordering": "password"}):
        assert client.get(LOG, params).status_code == 200, params


# Who may see it.


def _menu(client):
    """The admin menu's items (name, label, url) in order, from the sidebar's props."""
    html = client.get("/admin/").content.decode()
    props = json.loads(re.search(r'id="wagtail-sidebar-props"[^>]*>(.*?)</script>', html, re.S).group(1))
    items = []

    def walk(node):
        if isinstance(node, dict):
            if "name" in node and "url" in node:
                items.append(node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(props)
    return items


def test_menu_item_next_to_the_queue_for_moderators_and_superusers(logged, moderator, editor):
    names = [item["name"] for item in _menu(_client(moderator))]
    assert names.index("beslutslogg") == names.index("anmalda") + 1 == names.index("kommentarer") + 2
    [item] = [item for item in _menu(_client(moderator)) if item["name"] == "beslutslogg"]
    assert (item["label"], item["url"]) == ("Beslutslogg", LOG)
    admin = get_user_model().objects.create_superuser("chef", "chef@example.se", "hemligt-123")
    assert "beslutslogg" in [item["name"] for item in _menu(_client(admin))]
    assert _client(admin).get(LOG).status_code == 200
    assert "beslutslogg" not in [item["name"] for item in _menu(_client(editor))]


@pytest.mark.parametrize("who", ["reader", "editor", "anonymous"])
def test_who_may_not_moderate_reaches_none_of_the_log(logged, who, request):
    client = Client() if who == "anonymous" else _client(request.getfixturevalue(who))
    for url in (LOG, f"{LOG}resultat/", f"{LOG}?export=csv", f"{LOG}?export=xlsx"):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert not response.get("Content-Disposition") and b"Reklam" not in response.content


# Retention.


def test_retention_deletes_only_entries_older_than_the_setting(logged, site, moderator):
    settings_obj = CommentSettings.for_site(site)
    out = io.StringIO()
    call_command("purge_decision_log", stdout=out)
    assert "nothing deleted" in out.getvalue() and len(_entries()) == 3
    settings_obj.decision_log_retention_days = 365
    settings_obj.save()
    old = _entries()[0]
    ModelLogEntry.objects.filter(pk=old.pk).update(timestamp=timezone.now() - datetime.timedelta(days=366))
    log(instance=moderator, action="wagtail.edit", user=moderator)
    ModelLogEntry.objects.filter(action="wagtail.edit").update(timestamp=timezone.now() - datetime.timedelta(days=999))
    out = io.StringIO()
    call_command("purge_decision_log", stdout=out)
    assert "Deleted 1 decision log entries" in out.getvalue()
    assert old.pk not in [e.pk for e in _entries()] and len(_entries()) == 2
    # Other apps' log entries are not the decision log's to delete.
    assert ModelLogEntry.objects.filter(action="wagtail.edit").exists()
    # Run again the next day: nothing more goes.
    out = io.StringIO()
    call_command("purge_decision_log", stdout=out)
    assert "Deleted 0 decision log entries" in out.getvalue() and len(_entries()) == 2


def test_erasure_keeps_the_decisions_without_the_commenters_name(anonymous_post, moderator):
    comment = add_comment(anonymous_post, "Hej", status=CommentStatus.PENDING, name="Raderas", email="bort@example.se")
    other = add_comment(anonymous_post, "Hej då", status=CommentStatus.PENDING, name="Stannar")
    decide(_client(moderator), "approve", comment.pk, other.pk)
    call_command("erase_comments", email="bort@example.se", stdout=io.StringIO())
    by_comment = {int(e.object_id): e for e in _entries()}
    assert by_comment[comment.pk].data["commenter"] == "" and by_comment[comment.pk].user == moderator
    assert by_comment[other.pk].data["commenter"] == "Stannar"


# Cost.


def _count_queries(client, url):
    client.get(url)  # warm: settings, content types
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_listing_costs_the_same_queries_for_three_or_forty_entries(logged, moderator, anonymous_post):
    client = _client(moderator)
    few = _count_queries(client, LOG)
    for i in range(37):
        comment = add_comment(anonymous_post, f"Kommentar {i}", status=CommentStatus.PENDING, name=f"Läsare {i}")
        decide(client, "approve", comment.pk)
    many = _count_queries(client, LOG)
    assert many == few and many <= 15, (few, many)
