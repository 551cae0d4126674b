"""Replies sent at the same moment, at every depth: each gets its own place in the thread, all are
shown once approved, and none fails (no deadlock, no 500).

django-comments-xtd numbers a reply by reading the thread's `order` values and shifting those
after it; the post view holds the thread's first comment (SELECT ... FOR UPDATE) while it does.
"""

import re

import pytest
from django.core.cache import cache
from django.test import Client

from discussion.models import Comment, CommentStatus

from .concurrency import require_concurrent_database, run_at_once
from .conftest import add_comment, form_data

URL = "/kommentarer/skicka/"


def _reply(data, parent, number):
    def post():
        body = {
            **data,
            "reply_to": str(parent.pk),
            "email": f"svar{number}@example.se",
            "name": f"Svarare {number}",
            "comment": f"Svar nummer {number} till {parent.pk}.",
        }
        return Client().post(URL, body, REMOTE_ADDR=f"10.0.{number // 250}.{number % 250 + 1}")

    return post


def _shown_ids(client, page):
    html = client.get(page.url).content.decode()
    return [int(pk) for pk in re.findall(r'<li class="comment" id="kommentar-(\d+)"', html)]


def _expected_order(thread_root):
    """Depth first, each comment's replies in the order they were stored."""
    children = {}
    for comment in Comment.objects.filter(thread_id=thread_root.pk).exclude(pk=thread_root.pk).order_by("pk"):
        children.setdefault(comment.parent_id, []).append(comment.pk)
    order = []

    def walk(pk):
        order.append(pk)
        for child in children.get(pk, []):
            walk(child)

    walk(thread_root.pk)
    return order


def _approve_all():
    # As the queue does it: one update of the status, which is what the page reads.
    Comment.objects.filter(status=CommentStatus.PENDING).update(status=CommentStatus.APPROVED, is_public=True)


@pytest.fixture
def deep_threads(comment_settings):
    comment_settings.reply_depth = 3
    comment_settings.save()
    return comment_settings


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_forty_replies_to_one_comment_at_once_each_get_their_own_place(anonymous_post, deep_threads):
    require_concurrent_database()
    root = add_comment(anonymous_post, "Kommentaren alla svarar på")
    cache.clear()
    data = form_data(Client(), anonymous_post)
    responses = run_at_once([_reply(data, root, n) for n in range(40)])
    assert [r.status_code for r in responses] == [303] * 40

    thread = Comment.objects.filter(thread_id=root.pk)
    assert thread.count() == 41
    orders = list(thread.values_list("order", flat=True))
    assert len(set(orders)) == 41, "two replies share a place in the thread"

    _approve_all()
    client = Client()
    assert _shown_ids(client, anonymous_post) == _expected_order(root)
    assert _shown_ids(client, anonymous_post) == _expected_order(root)  # and it stays put


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_replies_at_every_depth_at_once_are_all_shown_in_thread_order(anonymous_post, deep_threads):
    require_concurrent_database()
    root = add_comment(anonymous_post, "Överst")
    level1 = [add_comment(anonymous_post, f"Nivå 1 nr {i}", parent=root) for i in range(2)]
    level2 = [add_comment(anonymous_post, f"Nivå 2 nr {i}", parent=level1[i % 2]) for i in range(3)]
    other_thread = add_comment(anonymous_post, "En annan tråd")
    parents = [root, *level1, *level2, other_thread]
    cache.clear()
    data = form_data(Client(), anonymous_post)
    for round_number in range(2):
        posts = [_reply(data, parents[n % len(parents)], round_number * 100 + n) for n in range(42)]
        responses = run_at_once(posts)
        assert [r.status_code for r in responses] == [303] * 42
    assert Comment.objects.count() == 7 + 84

    for thread_root in (root, other_thread):
        orders = list(Comment.objects.filter(thread_id=thread_root.pk).values_list("order", flat=True))
        assert len(orders) == len(set(orders))

    _approve_all()
    shown = _shown_ids(Client(), anonymous_post)
    assert len(shown) == 91, "approved replies are missing from the page"
    assert shown == _expected_order(root) + _expected_order(other_thread)
    levels = dict(Comment.objects.values_list("pk", "level"))
    assert max(levels.values()) == 3


def test_replies_stored_with_clashing_order_values_are_still_shown_under_their_parents(
    client, anonymous_post, deep_threads
):
    # Threads stored before replies were serialised may hold duplicate or out-of-step `order` values.
    root = add_comment(anonymous_post, "Överst")
    child = add_comment(anonymous_post, "Barn", parent=root)
    grandchild = add_comment(anonymous_post, "Barnbarn", parent=child)
    sibling = add_comment(anonymous_post, "Syskon", parent=root)
    hidden = add_comment(anonymous_post, "Avvisad", parent=root, status=CommentStatus.REJECTED)
    under_hidden = add_comment(anonymous_post, "Under den avvisade", parent=hidden)
    Comment.objects.filter(pk__in=[child.pk, grandchild.pk, sibling.pk, hidden.pk, under_hidden.pk]).update(order=2)
    Comment.objects.filter(pk=grandchild.pk).update(order=1)  # before its parent
    shown = _shown_ids(client, anonymous_post)
    assert shown == [root.pk, child.pk, grandchild.pk, sibling.pk]
