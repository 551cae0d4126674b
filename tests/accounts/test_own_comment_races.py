"""The writer edits or deletes the same comment from two tabs at once: each request answers (no 500)
and the comment ends in one state that both answers agree with.

Each thread posts through the real views on its own database connection (tests/discussion/concurrency.py);
discussion/own.py locks the row and checks again under the lock.
"""

import pytest
from django.core import mail
from django.test import Client

from discussion.models import Comment, CommentStatus
from tests.discussion.concurrency import require_concurrent_database, run_at_once
from tests.discussion.conftest import add_comment

ROUNDS = 5
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _tab(user):
    client = Client()
    client.force_login(user)
    return client


def _edit(client, comment, text):
    return lambda: client.post(f"/konto/kommentarer/{comment.pk}/redigera/", {"comment": text})


def _delete(client, comment):
    return lambda: client.post(f"/konto/kommentarer/{comment.pk}/ta-bort/")


def test_two_edits_at_once_both_answer_and_one_text_wins(open_post, reader):
    require_concurrent_database()
    first, second = _tab(reader), _tab(reader)
    for round_ in range(ROUNDS):
        status = CommentStatus.APPROVED if round_ % 2 else CommentStatus.PENDING  # both go (back) to moderation
        comment = add_comment(open_post, f"Ursprunglig text {round_}.", status=status, user=reader, email=reader.email)
        texts = [f"Första fliken, varv {round_}.", f"Andra fliken, varv {round_}."]
        answers = run_at_once([_edit(first, comment, texts[0]), _edit(second, comment, texts[1])])
        assert [a.status_code for a in answers] == [302, 302]
        comment.refresh_from_db()
        assert comment.comment in texts
        assert comment.status == CommentStatus.PENDING and not comment.is_public and comment.edited_at
        mine = first.get("/konto/").content.decode()
        assert comment.comment in mine and f"Ursprunglig text {round_}." not in mine
    # The moderators hear once per comment, however many edits came at once.
    waiting = [m for m in mail.outbox if m.to == ["moderatorer@example.se"]]
    assert len(waiting) == ROUNDS


def test_edit_and_delete_at_once_end_deleted_whichever_comes_first(open_post, reader):
    require_concurrent_database()
    editing, deleting = _tab(reader), _tab(reader)
    for round_ in range(ROUNDS):
        comment = add_comment(open_post, f"Tas bort, varv {round_}.", user=reader, email=reader.email)
        edit, delete = run_at_once([_edit(editing, comment, f"Ändrad, varv {round_}."), _delete(deleting, comment)])
        assert delete.status_code == 302
        # Edited first (then deleted), or found deleted: a Swedish refusal on the edit page, no 500.
        assert edit.status_code in (302, 403)
        if edit.status_code == 403:
            assert "Kommentaren går inte att redigera längre." in edit.content.decode()
        comment.refresh_from_db()
        assert comment.status == CommentStatus.DELETED and comment.comment == "" and comment.is_removed
        page = Client().get(open_post.url).content.decode()
        assert f"varv {round_}." not in page
    assert Comment.objects.filter(user=reader).exclude(status=CommentStatus.DELETED).count() == 0
