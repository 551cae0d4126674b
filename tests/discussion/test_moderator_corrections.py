"""A moderator corrects a comment (removes a phone number) in the admin: the page shows the new text
marked "Redigerad av moderator", the history keeps the old text, who, when and why."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

from discussion.models import Comment, CommentRevision, CommentStatus

from .conftest import add_comment

PHONE = "Ring mig på 070-123 45 67 om ni vill veta mer om föreningen."
CORRECTED = "Ring mig om ni vill veta mer om föreningen."
REASON = "Tog bort ett telefonnummer"


@pytest.fixture
def editor(db):
    user = get_user_model().objects.create_user(username="redaktor", email="red@example.se", password="hemligt-123")
    user.groups.add(Group.objects.get(name="Redaktörer"))
    return user


def _logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def _url(comment_id):
    return f"/admin/kommentarer/andra/{comment_id}/"


def _seen(client, comment):
    response = client.get(_url(comment.pk))
    assert response.status_code == 200
    return re.search(r'name="seen" value="([^"]+)"', response.content.decode()).group(1)


def test_moderator_removes_a_phone_number_and_the_page_and_history_show_it(
    settings, anonymous_post, moderator, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_ENABLED = True
    comment = add_comment(anonymous_post, text=PHONE, name="Hembygdsföreningen")
    reader = Client()
    reader.get(anonymous_post.url)
    assert reader.get(anonymous_post.url).get("X-Page-Cache") == "hit"

    mod = _logged_in(moderator)
    assert f'href="{_url(comment.pk)}"' in mod.get(anonymous_post.url).content.decode()
    form = mod.get(_url(comment.pk)).content.decode()
    assert PHONE in form and "Kommentaren har inte ändrats av någon moderator." in form
    assert f'href="/admin/kommentarer/svara/{comment.pk}/"' in form  # answer it in the agency's name
    with django_capture_on_commit_callbacks(execute=True):
        response = mod.post(_url(comment.pk), {"comment": CORRECTED, "reason": REASON, "seen": _seen(mod, comment)})
    assert response.status_code == 302 and response["Location"] == _url(comment.pk)

    history = mod.get(_url(comment.pk)).content.decode()
    assert "Kommentaren är ändrad. Den gamla texten finns i historiken." in history
    table = history[history.index("<h2>Historik</h2>") :]
    assert PHONE in table and REASON in table and "moderator" in table
    revision = CommentRevision.objects.get()
    assert (revision.comment_id, revision.text_before, revision.text_after) == (comment.pk, PHONE, CORRECTED)
    assert revision.edited_by == moderator and revision.reason == REASON and revision.edited_at

    comment.refresh_from_db()
    assert comment.comment == CORRECTED and comment.moderator_edited_at and comment.status == CommentStatus.APPROVED
    page = reader.get(anonymous_post.url)
    assert page.get("X-Page-Cache") == "miss"  # the correction invalidated the cached page
    html = page.content.decode()
    item = re.search(rf'<li class="comment" id="kommentar-{comment.pk}">.*?</li>', html, re.S).group(0)
    assert CORRECTED in item and '<span class="comment__edited">Redigerad av moderator</span>' in item
    assert "070-123" not in html and "Ändra texten" not in html


def test_bad_input_gets_a_swedish_form_error_and_nothing_is_stored(anonymous_post, moderator):
    comment = add_comment(anonymous_post, text=PHONE)
    mod = _logged_in(moderator)
    seen = _seen(mod, comment)
    cases = [
        ({"comment": "  ", "reason": REASON}, "Skriv kommentarens nya text."),
        ({"comment": CORRECTED, "reason": "   "}, "Skriv varför du ändrar kommentaren."),
        ({"comment": CORRECTED}, "Skriv varför du ändrar kommentaren."),
        ({"comment": PHONE, "reason": REASON}, "Texten är oförändrad."),
        ({"comment": "x" * 3001, "reason": REASON}, "Den får vara högst 3000 tecken."),
        ({"comment": CORRECTED, "reason": "x" * 501}, "Skälet får vara högst 500 tecken."),
    ]
    for data, message in cases:
        response = mod.post(_url(comment.pk), {"seen": seen, **data})
        assert response.status_code == 400, data
        assert message in response.content.decode(), data
    assert mod.post(_url(comment.pk), {"comment": CORRECTED, "reason": REASON}).status_code == 400  # no `seen`
    for comment_id in (999999, 2**40):
        assert mod.get(_url(comment_id)).status_code == 404
        assert mod.post(_url(comment_id), {"comment": CORRECTED, "reason": REASON, "seen": seen}).status_code == 404
    comment.refresh_from_db()
    assert comment.comment == PHONE and comment.moderator_edited_at is None
    assert not CommentRevision.objects.exists()


def test_a_comment_changed_meanwhile_is_not_overwritten(anonymous_post, moderator):
    comment = add_comment(anonymous_post, text=PHONE)
    mod = _logged_in(moderator)
    seen = _seen(mod, comment)
    Comment.objects.filter(pk=comment.pk).update(comment="Skribenten ändrade själv.")
    response = mod.post(_url(comment.pk), {"comment": CORRECTED, "reason": REASON, "seen": seen})
    assert response.status_code == 409
    html = response.content.decode()
    assert "Kommentaren har ändrats sedan du öppnade den. Ingenting sparades." in html
    assert "Skribenten ändrade själv." in html and CORRECTED in html  # the new text, and what the moderator wrote
    assert not CommentRevision.objects.exists()
    assert Comment.objects.get(pk=comment.pk).comment == "Skribenten ändrade själv."

    # Sent again from that page, it applies.
    fresh = re.search(r'name="seen" value="([^"]+)"', html).group(1)
    assert mod.post(_url(comment.pk), {"comment": CORRECTED, "reason": REASON, "seen": fresh}).status_code == 302
    assert Comment.objects.get(pk=comment.pk).comment == CORRECTED


def test_only_moderators_may_correct(anonymous_post, moderator, editor, reader):
    comment = add_comment(anonymous_post, text=PHONE)
    seen = _seen(_logged_in(moderator), comment)
    data = {"comment": CORRECTED, "reason": REASON, "seen": seen}

    ed = _logged_in(editor)
    assert "Ändra texten" not in ed.get(anonymous_post.url).content.decode()
    for response in (ed.get(_url(comment.pk)), ed.post(_url(comment.pk), data)):
        assert response.status_code == 403 and "Du har inte behörighet att göra det här." in response.content.decode()
    for client in (_logged_in(reader), Client()):
        response = client.post(_url(comment.pk), data)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    comment.refresh_from_db()
    assert comment.comment == PHONE and not CommentRevision.objects.exists()

    # The positive twin: the moderator's same post applies.
    assert _logged_in(moderator).post(_url(comment.pk), data).status_code == 302
    assert Comment.objects.get(pk=comment.pk).comment == CORRECTED


def test_the_writer_cannot_edit_back_a_corrected_comment_and_deleting_it_drops_the_history(
    anonymous_post, moderator, reader
):
    comment = add_comment(anonymous_post, text=PHONE, user=reader, email=reader.email)
    mod = _logged_in(moderator)
    mod.post(_url(comment.pk), {"comment": CORRECTED, "reason": REASON, "seen": _seen(mod, comment)})
    writer = _logged_in(reader)
    mine = writer.get("/konto/").content.decode()
    mine = mine[mine.index(f'id="min-kommentar-{comment.pk}"') :]
    assert "Redigerad av moderator" in mine and CORRECTED in mine
    assert f"/konto/kommentarer/{comment.pk}/redigera/" not in mine
    response = writer.post(f"/konto/kommentarer/{comment.pk}/redigera/", {"comment": PHONE})
    assert response.status_code == 403 and "En moderator har ändrat kommentaren" in response.content.decode()
    assert Comment.objects.get(pk=comment.pk).comment == CORRECTED
    # The writer's data download holds the text before the correction, and why.
    exported = writer.get("/konto/mina-uppgifter/?ladda-ner").json()["comments"]
    assert exported[0]["moderator_edits"][0]["text_before"] == PHONE
    assert exported[0]["moderator_edits"][0]["reason"] == REASON

    assert writer.post(f"/konto/kommentarer/{comment.pk}/ta-bort/").status_code == 302
    assert not CommentRevision.objects.exists()
