"""Two writes to one page at the same moment: an approval and the autosave its click sets off, or
two publishers approving at once. Each request runs in its own thread with its own database
connection against PostgreSQL, held at Wagtail's `before_edit_page` hook until the other one has
got there too, which is the moment the page has been read. Without one writer per page both read
"draft, in review" and the second writes that back over the publication (or answers 500).
"""

import contextlib
import threading

import pytest
from django.db import connection, connections
from django.test import Client
from wagtail import hooks
from wagtail.models import WorkflowState

from blog.models import BlogPage
from outbox.models import OutgoingEmail

from .conftest import APPROVE, AUTOSAVE, edit_form, edit_url

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor == "sqlite",
        reason="SQLite's in-memory test database cannot serve two writing threads; CI runs this on PostgreSQL",
    ),
]

MEETING_TIMEOUT = 1.5  # seconds a request waits at the hook for the other one


def run_together(requests):
    """Send each (client, data, headers) in its own thread; both wait for each other once the page is read."""
    meeting = threading.Barrier(len(requests))

    def wait_for_the_other(request, page):
        # A broken meeting means the other request holds the page: it is served first, as it should be.
        with contextlib.suppress(threading.BrokenBarrierError):
            meeting.wait(timeout=MEETING_TIMEOUT)

    responses = [None] * len(requests)

    def send(index, client, url, data, headers):
        try:
            responses[index] = client.post(url, data, **headers)
        finally:
            connections.close_all()

    with hooks.register_temporarily("before_edit_page", wait_for_the_other):
        threads = [threading.Thread(target=send, args=(index, *request)) for index, request in enumerate(requests)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    return responses


def logged_in(user):
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def assert_published_once(post, editor):
    post = BlogPage.objects.get(pk=post.pk)
    assert post.live
    state = WorkflowState.objects.filter(object_id=str(post.pk)).latest("created_at")
    assert state.status == WorkflowState.STATUS_APPROVED
    assert OutgoingEmail.objects.filter(to=editor.email, subject__contains="godkänd").count() == 1
    assert Client().get(post.url).status_code == 200


def test_approval_and_autosave_at_once_publish_the_post(submitted_post, editor, publisher):
    approving, autosaving = logged_in(publisher), logged_in(publisher)
    form = edit_form(approving, submitted_post, **APPROVE)
    url = edit_url(submitted_post)

    responses = run_together([(approving, url, form, {}), (autosaving, url, form, AUTOSAVE)])

    assert responses[0].status_code == 302
    assert responses[1].status_code in (200, 400), responses[1].content
    assert_published_once(submitted_post, editor)


def test_two_publishers_approving_at_once_publish_the_post_once(submitted_post, editor, publisher):
    from tests.factories import UserFactory

    other = UserFactory(username="publicist2", email="publicist2@example.se", groups=["Publicister"])
    first, second = logged_in(publisher), logged_in(other)
    url = edit_url(submitted_post)
    forms = [edit_form(first, submitted_post, **APPROVE), edit_form(second, submitted_post, **APPROVE)]

    responses = run_together([(first, url, forms[0], {}), (second, url, forms[1], {})])

    assert sorted(response.status_code for response in responses) == [302, 302]
    assert_published_once(submitted_post, editor)


def test_autosave_while_unpublishing_leaves_the_page_unpublished(blog_index, editor, publisher):
    from django.urls import reverse

    from tests.blog.factories import AuthorFactory, make_post

    post = make_post(blog_index, title="Sidan som avpubliceras", authors=[AuthorFactory()])
    unpublishing, autosaving = logged_in(publisher), logged_in(publisher)
    form = edit_form(autosaving, post)
    unpublish_url = reverse("wagtailadmin_pages:unpublish", args=(post.pk,))

    responses = run_together([(unpublishing, unpublish_url, {}, {}), (autosaving, edit_url(post), form, AUTOSAVE)])

    assert all(response.status_code < 500 for response in responses)
    post = BlogPage.objects.get(pk=post.pk)
    assert not post.live
