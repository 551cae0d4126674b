"""Moderators decide on what they saw; the commenter hears the final decision once, with its reason."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client

from discussion.models import CommentStatus
from tests.moderation import QUEUE, decide, seen

from .concurrency import require_concurrent_database, run_at_once
from .conftest import add_comment

CONFLICT = "Ditt beslut om den gjordes inte."


@pytest.fixture
def second_moderator(db):
    user = get_user_model().objects.create_user(
        username="moderator2", email="mod2@example.se", password="hemligt-123", first_name="Kim", last_name="Kö"
    )
    user.groups.add(Group.objects.get(name="Moderatorer"))
    return user


@pytest.fixture
def waiting(anonymous_post):
    return add_comment(
        anonymous_post,
        "Väntar på beslut",
        status=CommentStatus.PENDING,
        email="skribent@example.se",
        notify_on_approval=True,
    )


_seen = seen


def _logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def _mails(template_subject):
    return [m for m in mail.outbox if m.subject == template_subject]


PUBLISHED = "Din kommentar är publicerad"
REFUSED = "Din kommentar publicerades inte"
REMOVED = "Din kommentar har tagits bort"


def test_second_approval_of_the_same_comment_is_refused_and_explained(
    waiting, moderator, second_moderator, django_capture_on_commit_callbacks
):
    first, second = _logged_in(moderator), _logged_in(second_moderator)
    seen_first, seen_second = _seen(first), _seen(second)
    with django_capture_on_commit_callbacks(execute=True):
        answer = decide(first, "approve", waiting.pk, seen=seen_first, follow=True)
    assert "godkändes" in answer.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        answer = decide(second, "approve", waiting.pk, seen=seen_second, follow=True)
    html = answer.content.decode()
    assert CONFLICT in html and "moderator" in html and "godkänd" in html
    waiting.refresh_from_db()
    assert waiting.status == CommentStatus.APPROVED and waiting.moderated_by == moderator
    assert len(_mails(PUBLISHED)) == 1


def test_reject_after_anothers_approval_is_refused_and_no_wrong_mail_goes_out(
    waiting, moderator, second_moderator, django_capture_on_commit_callbacks
):
    first, second = _logged_in(moderator), _logged_in(second_moderator)
    seen_first, seen_second = _seen(first), _seen(second)
    with django_capture_on_commit_callbacks(execute=True):
        decide(second, "approve", waiting.pk, seen=seen_second)
        answer = decide(first, "reject", waiting.pk, seen=seen_first, reason="Reklam", follow=True)
    html = answer.content.decode()
    assert CONFLICT in html and "Kim Kö" in html
    waiting.refresh_from_db()
    assert waiting.status == CommentStatus.APPROVED and waiting.decision_reason == ""
    assert len(_mails(PUBLISHED)) == 1 and not _mails(REFUSED)


def test_a_decision_on_what_the_moderator_now_sees_applies(
    waiting, moderator, second_moderator, django_capture_on_commit_callbacks
):
    # The positive twin: reloading the queue shows the new state, and deciding on it works.
    second = _logged_in(second_moderator)
    with django_capture_on_commit_callbacks(execute=True):
        decide(second, "approve", waiting.pk, seen=_seen(second))
    first = _logged_in(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        answer = decide(first, "remove", waiting.pk, seen=_seen(first), reason="Reklam", follow=True)
    assert CONFLICT not in answer.content.decode()
    waiting.refresh_from_db()
    assert waiting.status == CommentStatus.REMOVED and waiting.decision_reason == "Reklam"
    assert [m.to for m in _mails(REMOVED)] == [["skribent@example.se"]]
    assert "Reklam" in _mails(REMOVED)[0].body


def test_rejecting_needs_a_reason_and_nothing_changes_without_one(waiting, moderator):
    client = _logged_in(moderator)
    for data in ({}, {"reason": "Ett skäl som inte finns i listan"}, {"reason_text": "   "}):
        answer = decide(client, "reject", waiting.pk, seen=_seen(client), **data)
        assert answer.status_code == 400
        assert "Välj eller skriv ett skäl" in answer.content.decode()
        waiting.refresh_from_db()
        assert waiting.status == CommentStatus.PENDING
    assert not mail.outbox


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ({"reason": "Handlar inte om inlägget"}, "Handlar inte om inlägget"),
        ({"reason_text": "Innehåller ett telefonnummer"}, "Innehåller ett telefonnummer"),
    ],
)
def test_rejected_commenter_is_told_the_reason(waiting, moderator, data, reason, django_capture_on_commit_callbacks):
    client = _logged_in(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        decide(client, "reject", waiting.pk, seen=_seen(client), **data)
    waiting.refresh_from_db()
    assert waiting.status == CommentStatus.REJECTED and waiting.decision_reason == reason
    [notice] = _mails(REFUSED)
    assert notice.to == ["skribent@example.se"]
    assert reason in notice.body and "Väntar på beslut" in notice.body


def test_spam_is_rejected_without_a_word_to_the_sender(waiting, moderator, django_capture_on_commit_callbacks):
    client = _logged_in(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        decide(client, "reject", waiting.pk, seen=_seen(client), spam="on")
    waiting.refresh_from_db()
    assert waiting.status == CommentStatus.REJECTED and waiting.rejected_as_spam
    assert not mail.outbox


def test_the_queue_offers_the_reasons_from_the_settings(waiting, moderator, comment_settings):
    comment_settings.decision_reasons = "Utanför ämnet\nUpprepning"
    comment_settings.save()
    client = _logged_in(moderator)
    assert f'href="/admin/bulk/discussion/comment/reject/?id={waiting.pk}' in client.get(QUEUE).content.decode()
    html = client.get(f"/admin/bulk/discussion/comment/reject/?id={waiting.pk}").content.decode()
    assert '<option value="Utanför ämnet">' in html and '<option value="Upprepning">' in html


def _concurrent_decisions(page, moderators, actions, rounds=5):
    results = []
    for number in range(rounds):
        mail.outbox.clear()
        comment = add_comment(
            page, f"Omgång {number}", status=CommentStatus.PENDING, email="skribent@example.se", notify_on_approval=True
        )
        clients = [_logged_in(user) for user in moderators]
        seen = [_seen(client) for client in clients]
        posts = [
            (lambda c=c, s=s, a=a, pk=comment.pk: decide(c, a, pk, seen=s, reason="Reklam"))
            for c, s, a in zip(clients, seen, actions, strict=True)
        ]
        answers = run_at_once(posts)
        assert [a.status_code for a in answers] == [302, 302]
        comment.refresh_from_db()
        results.append((comment, list(mail.outbox)))
    return results


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_approvals_at_once_send_one_mail(anonymous_post, moderator, second_moderator):
    require_concurrent_database()
    for comment, sent in _concurrent_decisions(anonymous_post, [moderator, second_moderator], ["approve", "approve"]):
        assert comment.status == CommentStatus.APPROVED
        assert [m.subject for m in sent] == [PUBLISHED]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_approve_and_reject_at_once_mail_follows_the_final_state(anonymous_post, moderator, second_moderator):
    require_concurrent_database()
    for comment, sent in _concurrent_decisions(anonymous_post, [moderator, second_moderator], ["approve", "reject"]):
        expected = {CommentStatus.APPROVED: PUBLISHED, CommentStatus.REJECTED: REFUSED}[comment.status]
        assert [m.subject for m in sent] == [expected]
