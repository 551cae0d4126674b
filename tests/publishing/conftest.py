import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import rich_text, streamfield

from tests import factories
from tests.blog.factories import AuthorFactory, BlogIndexPageFactory, make_post

# Shared fixtures, made visible to this package's tests.
home_page = factories.home_page
media_root = factories.media_root

APPROVE = {"action-workflow-action": "true", "workflow-action-name": "approve"}
AUTOSAVE = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def blog_index(home_page):
    return factories.publish(BlogIndexPageFactory(parent=home_page))


@pytest.fixture
def editor(db):
    return factories.UserFactory(username="redaktor", email="redaktor@example.se", groups=["Redaktörer"])


@pytest.fixture
def publisher(db):
    return factories.UserFactory(username="publicist", email="publicist@example.se", groups=["Publicister"])


def submit_for_review(post, editor):
    post.save_revision(user=editor)
    return post.get_workflow().start(post, editor)


@pytest.fixture
def submitted_post(blog_index, editor):
    """A draft post that the editor has sent for review ("Granskning före publicering")."""
    post = make_post(blog_index, publish_now=False, live=False, title="Byarna som delar bil", authors=[AuthorFactory()])
    submit_for_review(post, editor)
    return post


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def edit_form(client, page, **extra):
    """The edit form as the admin renders it for the logged-in user, with `extra` fields added."""
    # The body's blocks are drawn by the admin's JavaScript, so they are not in the rendered HTML.
    data = factories.admin_form_data(
        client,
        edit_url(page),
        {"body": streamfield([("paragraph", rich_text("<p>Bilpoolen i byn.</p>"))]), "hero": streamfield([])},
    )
    data.update(extra)
    return data
