import datetime
import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.utils import timezone
from wagtail.models import Page, Site

from blog.models import BlogIndexPage, BlogPage
from discussion.models import Comment, CommentSettings, CommentStatus
from home.models import HomePage


@pytest.fixture(autouse=True)
def _clear_cache():
    # The rate limit lives in the cache; every test starts without one.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site(db):
    root = Page.get_first_root_node()
    home = HomePage(title="Start", slug="start")
    root.add_child(instance=home)
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.hostname = "testserver"
    site.save()
    return site


@pytest.fixture
def blog_index(site):
    index = BlogIndexPage(title="Blogg", slug="blogg")
    site.root_page.add_child(instance=index)
    return index


@pytest.fixture
def comment_settings(site):
    settings_obj = CommentSettings.for_site(site)
    settings_obj.moderator_email = "moderatorer@example.se"
    settings_obj.save()
    return settings_obj


@pytest.fixture
def make_post(blog_index, comment_settings):
    def make(slug="inlagg", **fields):
        post = BlogPage(title=f"Inlägg {slug}", slug=slug, **fields)
        blog_index.add_child(instance=post)
        post.save_revision().publish()
        return BlogPage.objects.get(pk=post.pk)

    return make


@pytest.fixture
def open_post(make_post):
    return make_post("oppet", comment_mode="open", comments_login="required")


@pytest.fixture
def anonymous_post(make_post):
    return make_post("anonymt", comment_mode="open", comments_login="anonymous")


@pytest.fixture
def reader(db):
    user = get_user_model().objects.create_user(username="lasare", email="lasare@example.se", password="hemligt-123")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.fixture
def moderator(db):
    user = get_user_model().objects.create_user(username="moderator", email="mod@example.se", password="hemligt-123")
    user.groups.add(Group.objects.get(name="Moderatorer"))
    return user


def form_data(client, page, **overrides):
    """The hidden fields exactly as the page renders them, plus the reader's input."""
    html = client.get(page.url).content.decode()
    data = {}
    form = html[html.index('class="comment-form"') :]
    for name in ("content_type", "object_pk", "timestamp", "security_hash", "csrfmiddlewaretoken"):
        match = re.search(rf'name="{name}" value="([^"]*)"', form)
        if match:
            data[name] = match.group(1)
    data.update({"name": "Skogsbo", "comment": "En vänlig kommentar om byn.", "website": ""})
    data.update(overrides)
    return data


def add_comment(page, text="Godkänd kommentar", status=CommentStatus.APPROVED, parent=None, name="Läsare", **extra):
    from django.contrib.contenttypes.models import ContentType

    comment = Comment(
        content_type=ContentType.objects.get_for_model(page),
        object_pk=str(page.pk),
        site_id=1,
        user_name=name,
        user_email=extra.pop("email", "hemlig@example.se"),
        comment=text,
        submit_date=timezone.now() - datetime.timedelta(minutes=5),
        is_public=status == CommentStatus.APPROVED,
        status=status,
        parent_id=parent.pk if parent else 0,
        **extra,
    )
    comment.save()
    return comment
