"""A publisher's "Godkänn och publicera" publishes the page, once, whatever the autosave does.

The autosave posts the edit form in the background (asking for JSON); when the approve button has
just added its hidden fields to the form, the autosave carried them too. These tests play the
requests one after the other in every order that matters; test_concurrent_page_writes.py plays
them at the same time.
"""

import re

import pytest
from django.core import mail
from wagtail.models import WorkflowState

from outbox.models import OutgoingEmail

from .conftest import APPROVE, AUTOSAVE, edit_form, edit_url

pytestmark = pytest.mark.django_db


def approval_mail(editor):
    return [message for message in mail.outbox if message.to == [editor.email] and "godkänd" in message.subject]


def workflow_state(post):
    return WorkflowState.objects.filter(object_id=str(post.pk)).latest("created_at")


def test_publisher_approves_and_the_post_is_live_and_the_editor_told_once(
    client, submitted_post, editor, publisher, django_capture_on_commit_callbacks
):
    client.force_login(publisher)
    form = edit_form(client, submitted_post, **APPROVE)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit_url(submitted_post), form)

    assert response.status_code == 302
    submitted_post.refresh_from_db()
    assert submitted_post.live
    assert workflow_state(submitted_post).status == WorkflowState.STATUS_APPROVED
    [message] = approval_mail(editor)
    assert OutgoingEmail.objects.filter(to=editor.email, status=OutgoingEmail.Status.SENT).count() == 1
    # The link in the mail leads to the live post.
    client.logout()
    links = re.findall(r"https?://testserver(/\S*)", message.body)
    assert links, message.body
    assert any(client.get(link).status_code == 200 for link in links if not link.startswith("/admin/"))
    assert client.get(submitted_post.url).status_code == 200


def test_an_autosave_carrying_the_approve_fields_only_saves_a_draft(
    client, submitted_post, editor, publisher, django_capture_on_commit_callbacks
):
    client.force_login(publisher)
    form = edit_form(client, submitted_post, **APPROVE)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit_url(submitted_post), form, **AUTOSAVE)

    assert response.status_code == 200
    assert response.json()["success"] is True
    submitted_post.refresh_from_db()
    assert not submitted_post.live
    assert workflow_state(submitted_post).status == WorkflowState.STATUS_IN_PROGRESS
    assert approval_mail(editor) == []


def test_an_autosave_after_the_approval_leaves_the_post_live(
    client, submitted_post, editor, publisher, django_capture_on_commit_callbacks
):
    client.force_login(publisher)
    form = edit_form(client, submitted_post, **APPROVE)  # both requests from the form loaded before the click

    with django_capture_on_commit_callbacks(execute=True):
        approved = client.post(edit_url(submitted_post), form)
        autosaved = client.post(edit_url(submitted_post), form, **AUTOSAVE)

    assert approved.status_code == 302
    # Wagtail refuses an autosave of a form older than the page: told, not saved, no 500.
    assert autosaved.status_code == 400
    assert autosaved.json()["error_code"] == "invalid_revision"
    submitted_post.refresh_from_db()
    assert submitted_post.live
    assert workflow_state(submitted_post).status == WorkflowState.STATUS_APPROVED
    assert len(approval_mail(editor)) == 1


def test_an_autosave_before_the_approval_does_not_stop_it(
    client, submitted_post, editor, publisher, django_capture_on_commit_callbacks
):
    client.force_login(publisher)
    form = edit_form(client, submitted_post, **APPROVE)

    with django_capture_on_commit_callbacks(execute=True):
        autosaved = client.post(edit_url(submitted_post), form, **AUTOSAVE)
        approved = client.post(edit_url(submitted_post), form)

    assert autosaved.status_code == 200
    assert approved.status_code == 302
    submitted_post.refresh_from_db()
    assert submitted_post.live
    assert len(approval_mail(editor)) == 1


def test_a_second_approval_is_told_the_review_has_ended_and_sends_nothing(
    client, submitted_post, editor, publisher, django_capture_on_commit_callbacks
):
    client.force_login(publisher)
    form = edit_form(client, submitted_post, **APPROVE)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(edit_url(submitted_post), form)
        second = client.post(edit_url(submitted_post), form, follow=True)

    assert second.status_code == 200
    assert "var redan avslutad: sidan är publicerad" in second.content.decode()
    submitted_post.refresh_from_db()
    assert submitted_post.live
    assert not submitted_post.has_unpublished_changes
    assert len(approval_mail(editor)) == 1


def test_a_rejection_is_mailed_through_the_outbox(
    client, submitted_post, editor, publisher, django_capture_on_commit_callbacks
):
    client.force_login(publisher)
    form = edit_form(
        client, submitted_post, **{**APPROVE, "workflow-action-name": "reject", "workflow-action-extra-data": "{}"}
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit_url(submitted_post), form)

    assert response.status_code == 302
    submitted_post.refresh_from_db()
    assert not submitted_post.live
    assert workflow_state(submitted_post).status == WorkflowState.STATUS_NEEDS_CHANGES
    assert OutgoingEmail.objects.filter(to=editor.email).count() == 1
    assert [message.to for message in mail.outbox] == [[editor.email]]
