"""A comment's context and history for the moderator (discussion/context.py), through the admin as
the Moderatorer group: the detail view, the queue rows' short context, notes on a commenter, the
permission matrix, query budgets, and the notes in the commenter's data export and erasure."""

import datetime
import io
import json
import re
from html import unescape

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import ModelLogEntry

from discussion import personal_data
from discussion.models import Comment, CommenterNote, CommentStatus
from tests.moderation import QUEUE

from .conftest import add_comment


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _url(comment):
    return f"{QUEUE}{comment.pk}/sammanhang/"


def _hidden(html, name):
    return unescape(re.search(rf'name="{name}" value="([^"]*)"', html).group(1))


def _note_data(client, target, **overrides):
    """The note form's fields as the detail page renders them, plus the moderator's text."""
    html = client.get(_url(target)).content.decode()
    data = {
        "comment": _hidden(html, "comment"),
        "commenter": _hidden(html, "commenter"),
        "text": "Brukar skriva sakligt.",
    }
    data.update(overrides)
    return data


@pytest.fixture
def editor(db):
    user = get_user_model().objects.create_user(username="redaktor", email="red@example.se", password="hemligt-123")
    user.groups.add(Group.objects.get(name="Redaktörer"))
    return user


@pytest.fixture
def thread(anonymous_post, reader):
    """A question, Sam's pending reply to it (the comment under review), and a later reply; Sam has a
    history under the same address in other letter case, and the same address as an account's is not Sam's."""
    question = add_comment(anonymous_post, "Var går bussen till byn?", name="Vera Väg", email="vera@example.se")
    reply = add_comment(
        anonymous_post,
        "Den går från torget varje timme.",
        status=CommentStatus.PENDING,
        parent=question,
        name="Sam Skog",
        email="Sam.Skog@Example.se",
        ip_address="192.0.2.7",
    )
    later = add_comment(anonymous_post, "Tack, det stämmer.", parent=question, name="Ola Å", email="ola@example.se")
    history = [
        add_comment(anonymous_post, f"Sams godkända nummer {n}", name="Sam Skog", email="sam.skog@example.se")
        for n in range(3)
    ]
    history.append(
        add_comment(
            anonymous_post,
            "Sams avvisade",
            status=CommentStatus.REJECTED,
            name="Sam",
            email="SAM.SKOG@example.se",
            decision_reason="Reklam",
        )
    )
    history.append(
        add_comment(anonymous_post, "Sams borttagna", status=CommentStatus.REMOVED, email="sam.skog@example.se")
    )
    # An account's comment under the same address: an anonymous commenter's address is not verified.
    add_comment(anonymous_post, "Kontots kommentar", user=reader, name="Läsaren", email="sam.skog@example.se")
    return {"question": question, "reply": reply, "later": later, "history": history}


def test_detail_shows_page_parent_thread_commenter_counts_and_ip(thread, moderator, anonymous_post):
    client = _client(moderator)
    response = client.get(_url(thread["reply"]))
    assert response.status_code == 200
    html = response.content.decode()
    # The page, linked on the site.
    assert f'href="{anonymous_post.url}"' in html and anonymous_post.title in html
    # The comment replied to, in full, with its status.
    parent = html[html.index('class="comment-context__parent"') :]
    assert "Var går bussen till byn?" in parent[:400] and "Godkänd" in parent[:400]
    # The whole thread in order, this comment marked.
    order = [int(pk) for pk in re.findall(r'data-thread-comment="(\d+)"', html)]
    assert order == [thread["question"].pk, thread["reply"].pk, thread["later"].pk]
    here = re.search(r'<li class="[^"]*comment-context__here"[^>]*>', html).group(0)
    assert 'aria-current="true"' in here and f'data-thread-comment="{thread["reply"].pk}"' in here
    assert "Tråden (3 kommentarer)" in html
    # Anonymous: the name and address given; the history under that address in any letter case.
    assert "Ej inloggad: Sam Skog (Sam.Skog@Example.se)" in html
    assert "Andra kommentarer: 3 godkända, 1 avvisad, 1 borttagen" in html
    listed = {int(pk) for pk in re.findall(r'data-history-comment="(\d+)"', html)}
    assert listed == {c.pk for c in thread["history"]}
    assert "Skäl: Reklam" in html
    assert "Kontots kommentar" not in html
    assert "IP-adress: 192.0.2.7" in html
    assert "Inga anteckningar om kommentatorn." in html
    # The decisions of the queue, back to this page.
    for decision in ("approve", "reject", "remove"):
        assert f'data-decision="{decision}"' in html


def test_an_account_commenter_and_a_purged_ip_address(thread, moderator, reader, anonymous_post):
    own = add_comment(anonymous_post, "Inloggad och väntar", status=CommentStatus.PENDING, user=reader, name="Läsaren")
    add_comment(anonymous_post, "Inloggad förut", status=CommentStatus.REJECTED, user=reader, email="annan@example.se")
    html = _client(moderator).get(_url(own)).content.decode()
    assert "Inloggad med konto:" in html and "lasare@example.se" in html
    # The account's comments, whatever address they carry: the earlier rejected and "Kontots kommentar".
    assert "Andra kommentarer: 1 godkänd, 1 avvisad" in html
    assert "IP-adress: raderad" in html
    assert "Ingen annan kommentar: den inleder en egen tråd." in html
    assert "Sams godkända" not in html


def test_deciding_from_the_detail_view_returns_to_it(thread, moderator, django_capture_on_commit_callbacks):
    client = _client(moderator)
    url = _url(thread["reply"])
    html = client.get(url).content.decode()
    form = re.search(
        r'<form method="post" action="([^"]+)">\s*<input[^>]*>\s*<input type="hidden" name="seen" value="([^"]+)"', html
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(unescape(form.group(1)), {"seen": form.group(2)}, follow=True)
    assert response.redirect_chain[-1][0].startswith(url)
    assert "1 kommentar godkändes." in response.content.decode()
    assert Comment.objects.get(pk=thread["reply"].pk).status == CommentStatus.APPROVED
    # Reject asks for a reason on the queue's own confirmation page, and comes back here too.
    reject = unescape(re.search(r'href="([^"]+)"[^>]*data-decision="reject"', response.content.decode()).group(1))
    page = client.get(reject).content.decode()
    states = re.findall(r'name="seen" value="([^"]+)"', page)
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(reject, {"seen": states, "reason": "Reklam"}, follow=True)
    assert done.redirect_chain[-1][0].startswith(url)
    assert Comment.objects.get(pk=thread["reply"].pk).status == CommentStatus.REJECTED


def test_queue_rows_show_the_parent_excerpt_counts_and_link(thread, moderator):
    html = _client(moderator).get(QUEUE).content.decode()
    row = html[html.index(f'id="comment_{thread["reply"].pk}_title"') :]
    row = row[: row.index("</tr>")]
    assert "Svar till Vera Väg (Godkänd): Var går bussen till byn?" in row
    assert "Andra kommentarer: 3 godkända, 1 avvisad, 1 borttagen" in row
    link = unescape(re.search(r'href="([^"]+)" data-context-link', row).group(1))
    assert link.startswith(_url(thread["reply"]) + "?next=")
    detail = _client(moderator).get(link).content.decode()
    assert 'href="/admin/kommentarer/' in detail and "Tillbaka till kön" in detail
    # A commenter with no other comments says so.
    first = add_comment(
        thread["question"].content_object, "Första gången", status=CommentStatus.PENDING, email="ny@example.se"
    )
    html = _client(moderator).get(QUEUE).content.decode()
    row = html[html.index(f'id="comment_{first.pk}_title"') :]
    assert "Inga andra kommentarer" in row[: row.index("</tr>")]


def test_moderator_adds_notes_shown_newest_first_and_logged(thread, moderator):
    client = _client(moderator)
    moderator.first_name = "Mona Moderator"
    moderator.save()
    response = client.post(_url(thread["reply"]), _note_data(client, thread["reply"], text="Skriver ofta om bussar."))
    assert response.status_code == 302 and response["Location"].endswith("#anteckningar")
    note = CommenterNote.objects.get()
    assert (note.user, note.email, note.author, note.comment_id) == (
        None,
        "sam.skog@example.se",
        moderator,
        thread["reply"].pk,
    )
    entry = ModelLogEntry.objects.get(action="discussion.note")
    assert entry.user == moderator and entry.object_id == str(note.pk) and entry.data == {"comment": thread["reply"].pk}
    assert "bussar" not in entry.label
    # A second note, from another of the same commenter's comments (the address in other letter case).
    other = thread["history"][3]
    assert client.post(_url(other), _note_data(client, other, text="Fick en varning i maj.")).status_code == 302
    html = client.get(_url(thread["reply"]), follow=True).content.decode()
    notes = html[html.index('class="comment-context__notes"') :]
    assert notes.index("Fick en varning i maj.") < notes.index("Skriver ofta om bussar.")
    assert "Mona Moderator" in notes
    # The log names the action in Swedish.
    assert client.get("/admin/").status_code == 200
    assert entry.formatter.label == "Anteckning om kommentator"
    # Another commenter's context shows none of them.
    html = client.get(_url(thread["later"])).content.decode()
    assert "Inga anteckningar om kommentatorn." in html and "bussar" not in html


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"text": ""}, "Skriv en anteckning innan du sparar."),
        ({"text": "   \n  "}, "Skriv en anteckning innan du sparar."),
        ({"text": "x" * 2001}, "Anteckningen får vara högst 2000 tecken."),
        ({"text": "Noll\x00tecken"}, "Null-tecken är inte tillåtna."),
        ({"comment": "999999"}, "Anteckningen hör inte till den här kommentaren."),
        ({"comment": "1 OR 1=1"}, "Anteckningen hör inte till den här kommentaren."),
        ({"commenter": "email:vera@example.se"}, "Anteckningen gäller en annan kommentator"),
        ({"commenter": "user:1"}, "Anteckningen gäller en annan kommentator"),
    ],
)
def test_bad_notes_are_refused_in_swedish_and_nothing_is_stored(thread, moderator, overrides, message):
    client = _client(moderator)
    data = _note_data(client, thread["reply"], **overrides)
    response = client.post(_url(thread["reply"]), data)
    assert response.status_code == 400
    assert message in unescape(response.content.decode())
    assert not CommenterNote.objects.exists()
    assert not ModelLogEntry.objects.filter(action="discussion.note").exists()
    # The twin: the same form, valid, is stored.
    assert client.post(_url(thread["reply"]), _note_data(client, thread["reply"])).status_code == 302
    assert CommenterNote.objects.count() == 1


def test_notes_about_an_erased_commenter_or_an_unknown_comment_are_refused(thread, moderator, anonymous_post):
    client = _client(moderator)
    data = _note_data(client, thread["reply"])
    Comment.objects.filter(pk=thread["reply"].pk).update(user_email="", user_name="", status=CommentStatus.DELETED)
    response = client.post(_url(thread["reply"]), data)
    assert response.status_code == 400
    assert "Kommentaren har ingen kommentator längre" in unescape(response.content.decode())
    for pk in (999999, 2**40):
        assert client.get(f"{QUEUE}{pk}/sammanhang/").status_code == 404
        assert client.post(f"{QUEUE}{pk}/sammanhang/", {**data, "comment": str(pk)}).status_code == 404
    assert not CommenterNote.objects.exists()
    # The twin: a commenter who still has an address.
    assert client.post(_url(thread["later"]), _note_data(client, thread["later"])).status_code == 302
    assert CommenterNote.objects.get().email == "ola@example.se"


@pytest.mark.parametrize("who", ["reader", "editor", "anonymous"])
def test_who_may_not_moderate_sees_no_context_and_adds_no_note(who, thread, moderator, request):
    data = _note_data(_client(moderator), thread["reply"])
    client = Client() if who == "anonymous" else _client(request.getfixturevalue(who))
    for response in (client.get(_url(thread["reply"])), client.post(_url(thread["reply"]), data)):
        assert response.status_code in (302, 403)
        html = response.content.decode()
        assert "Var går bussen" not in html and "192.0.2.7" not in html
        if response.status_code == 403:
            assert "Du har inte behörighet" in html
        else:
            assert "/login/" in response["Location"]
    assert not CommenterNote.objects.exists()
    # The twin: a moderator is let in.
    assert _client(moderator).post(_url(thread["reply"]), data).status_code == 302


def _count(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def test_query_counts_do_not_grow_with_thread_and_history(thread, moderator, anonymous_post):
    client = _client(moderator)
    client.post(_url(thread["reply"]), _note_data(client, thread["reply"]))
    urls = (_url(thread["reply"]), QUEUE, f"{QUEUE}?queue=all")
    for url in urls:
        _count(client, url)  # warm Wagtail's per-site caches
    before = {url: _count(client, url) for url in urls}
    for n in range(20):
        add_comment(
            anonymous_post, f"Mer i tråden {n}", parent=thread["question"], name=f"Läsare {n}", email=f"l{n}@example.se"
        )
        add_comment(
            anonymous_post, f"Sam igen {n}", status=CommentStatus.PENDING, name="Sam Skog", email="sam.skog@example.se"
        )
        CommenterNote.objects.create(email="sam.skog@example.se", text=f"Anteckning {n}", author=moderator)
    after = {url: _count(client, url) for url in urls}
    assert after == before
    html = client.get(_url(thread["reply"])).content.decode()
    assert "Tråden (23 kommentarer)" in html
    assert "Andra kommentarer: 3 godkända, 1 avvisad, 1 borttagen, 20 väntande" in html
    assert html.count("data-note=") == 21


def test_notes_are_in_the_export_and_go_with_erasure(thread, moderator, reader, anonymous_post):
    client = _client(moderator)
    own = add_comment(anonymous_post, "Inloggad", status=CommentStatus.PENDING, user=reader, name="Läsaren")
    assert client.post(_url(own), _note_data(client, own, text="Om kontot.")).status_code == 302
    # A note on an anonymous comment under the account's address is about the same person.
    anon = add_comment(anonymous_post, "Utan konto", status=CommentStatus.PENDING, email="Lasare@example.se")
    assert client.post(_url(anon), _note_data(client, anon, text="Om adressen.")).status_code == 302
    assert client.post(_url(thread["reply"]), _note_data(client, thread["reply"], text="Om Sam.")).status_code == 302
    exported = personal_data.export(reader)
    assert sorted(n["text"] for n in exported["moderator_notes"]) == ["Om adressen.", "Om kontot."]
    personal_data.erase(reader)
    assert list(CommenterNote.objects.values_list("text", flat=True)) == ["Om Sam."]
    # By letter (an anonymous commenter): export_comments and erase_comments.
    out = io.StringIO()
    call_command("export_comments", "--email", "SAM.skog@example.se", stdout=out)
    assert [n["text"] for n in json.loads(out.getvalue())["moderator_notes"]] == ["Om Sam."]
    call_command("erase_comments", "--email", "sam.skog@example.se", stdout=io.StringIO())
    assert not CommenterNote.objects.exists()
    # The log keeps that a note was written, not what it said.
    assert ModelLogEntry.objects.filter(action="discussion.note").count() == 3
    assert not any("Om " in e.label for e in ModelLogEntry.objects.filter(action="discussion.note"))


def test_a_note_keeps_its_time_and_author_when_the_moderator_leaves(thread, moderator):
    client = _client(moderator)
    client.post(_url(thread["reply"]), _note_data(client, thread["reply"]))
    note = CommenterNote.objects.get()
    assert timezone.now() - note.created_at < datetime.timedelta(minutes=1)
    other = get_user_model().objects.create_user(username="mod2", password="x")
    other.groups.add(Group.objects.get(name="Moderatorer"))
    moderator.delete()
    html = _client(other).get(_url(thread["reply"])).content.decode()
    assert "(kontot finns inte längre)" in html and "Brukar skriva sakligt." in html
