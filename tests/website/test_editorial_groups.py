"""Editors write and submit for review; publishers publish. The groups exist from the migrations."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Page, WorkflowState

from blog.models import BlogPage
from tests.blog.factories import AuthorFactory, BlogIndexPageFactory, make_post
from tests.blog.test_hero_alt_text_in_admin import post_form
from tests.factories import ImageFactory, UserFactory, publish

EDITORS = "Redaktörer"
PUBLISHERS = "Publicister"


@pytest.fixture
def blog_index(home_page):
    return publish(BlogIndexPageFactory(parent=home_page))


@pytest.fixture
def editor(db):
    return UserFactory(username="redaktor", groups=[EDITORS])


@pytest.fixture
def publisher(db):
    return UserFactory(username="publicist", groups=[PUBLISHERS])


def login(client, user):
    client.force_login(user)
    return client


def new_post_data(client, url, **overrides):
    return post_form(client, url, AuthorFactory(), ImageFactory(), alt_text="En cykel.", **overrides)


def test_editorial_groups_exist_after_migrations(db):
    names = set(Group.objects.values_list("name", flat=True))
    assert {EDITORS, PUBLISHERS} <= names
    assert "Editors" not in names and "Moderators" not in names


def test_editor_may_edit_but_not_publish(editor, publisher, blog_index):
    assert blog_index.permissions_for_user(editor).can_add_subpage()
    assert blog_index.permissions_for_user(editor).can_edit()
    assert not blog_index.permissions_for_user(editor).can_publish()
    assert blog_index.permissions_for_user(publisher).can_publish()
    assert blog_index.permissions_for_user(publisher).can_publish_subpage()
    assert not Page.get_first_root_node().permissions_for_user(editor).can_publish_subpage()


def test_editor_writes_post_and_submits_it_for_review(client, editor, blog_index):
    login(client, editor)
    add_url = reverse("wagtailadmin_pages:add", args=("blog", "blogpage", blog_index.pk))
    data = new_post_data(client, add_url)
    del data["action-publish"]
    data["action-submit"] = "action-submit"

    response = client.post(add_url, data)

    assert response.status_code == 302
    post = BlogPage.objects.get()
    assert not post.live
    state = WorkflowState.objects.get(base_content_type__isnull=False, object_id=str(post.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "Granskning före publicering"
    assert client.get(post.url).status_code == 404


def test_editor_cannot_publish_through_the_admin(client, editor, blog_index):
    login(client, editor)
    add_url = reverse("wagtailadmin_pages:add", args=("blog", "blogpage", blog_index.pk))

    response = client.post(add_url, new_post_data(client, add_url))

    assert response.status_code in (302, 403)
    assert not BlogPage.objects.filter(live=True).exists()
    assert client.get("/blogg/byarna-som-bygger-laddstolpar/").status_code == 404


def test_publisher_publishes_post(client, publisher, blog_index):
    login(client, publisher)
    add_url = reverse("wagtailadmin_pages:add", args=("blog", "blogpage", blog_index.pk))

    response = client.post(add_url, new_post_data(client, add_url))

    assert response.status_code == 302
    post = BlogPage.objects.get()
    assert post.live
    client.logout()
    assert client.get(post.url).status_code == 200


def test_publisher_approves_submitted_post(client, editor, publisher, blog_index):
    post = make_post(blog_index, publish_now=False, live=False, authors=[AuthorFactory()])
    post.save_revision(user=editor)
    workflow_state = post.get_workflow().start(post, editor)
    task_state = workflow_state.current_task_state
    login(client, publisher)

    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=(post.pk, "approve", task_state.pk)),
        {"comment": ""},
    )

    assert response.status_code in (200, 302)
    post.refresh_from_db()
    assert post.live


def test_editor_cannot_approve_submitted_post(client, editor, blog_index):
    post = make_post(blog_index, publish_now=False, live=False, authors=[AuthorFactory()])
    post.save_revision(user=editor)
    task_state = post.get_workflow().start(post, editor).current_task_state
    login(client, editor)

    client.post(
        reverse("wagtailadmin_pages:workflow_action", args=(post.pk, "approve", task_state.pk)), {"comment": ""}
    )

    post.refresh_from_db()
    assert not post.live
