"""Site-wide factories and fixtures: images, the home page as site root, and users in the editorial groups.

Apps' own factories live beside their tests (tests/blog/factories.py). Test packages that want these
fixtures import them in their conftest.py.
"""

import factory
import pytest
import wagtail_factories
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, Site
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html

from home.models import AccessibilityStatementPage, HomePage, StandardPage


class ImageFactory(wagtail_factories.ImageFactory):
    """A small generated picture in the root collection (wagtail-factories would add a new root each time)."""

    class Meta:
        model = get_image_model()

    title = factory.Sequence(lambda n: f"Bild {n}")
    collection = factory.LazyFunction(Collection.get_first_root_node)
    file = factory.django.ImageField(width=320, height=180, color="green")


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Livskraftiga landsbygder"
    slug = "startsida"
    lead = "Kunskap och goda exempel för landsbygder där människor vill leva."
    search_description = "Myndighetens webbplats om levande landsbygd."


class StandardPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda n: f"Informationssida {n}")
    lead = "En sida med fakta."


class AccessibilityStatementPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = AccessibilityStatementPage

    title = "Tillgänglighetsredogörelse"
    slug = "tillganglighet"
    lead = "Så tillgänglig är webbplatsen."
    assessment_method = "Egen granskning med tangentbord och skärmläsare."
    assessed_on = factory.Faker("date_object")
    statement_updated_on = factory.Faker("date_object")
    feedback_email = "tillganglighet@example.se"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"anvandare{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.se")
    password = factory.PostGenerationMethodCall("set_password", "losenord-for-test")

    @factory.post_generation
    def groups(self, create, names, **kwargs):
        if create and names:
            self.groups.set(Group.objects.filter(name__in=names))
        if create:
            self.save()


def publish(page):
    """Publish as an editor would, so revisions and first_published_at exist."""
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def admin_form_data(client, url, fields):
    """The page form as the admin renders it at `url`, with `fields` (nested_form_data style) filled in.

    Starting from the rendered form keeps these tests working when an app adds a field with a default.
    """
    response = client.get(url)
    assert response.status_code == 200, url
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form").dict()
    data.update(nested_form_data(fields))
    return data


@pytest.fixture
def media_root(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def home_page(db, media_root):
    """A published HomePage that is the root of the default site, replacing Wagtail's welcome page."""
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root)
    site = Site.objects.get(is_default_site=True)
    welcome = site.root_page
    # The test client asks for "testserver"; the Site record is where Wagtail takes absolute URLs from.
    site.hostname = "testserver"
    site.port = 80
    site.root_page = home
    site.save()
    if welcome.pk != home.pk:
        welcome.delete()
    return publish(home)


class UnreachableCache:
    """A cache backend whose every call fails, as Redis does while it is down."""

    def __getattr__(self, name):
        def fail(*args, **kwargs):
            raise ConnectionError("the cache is down")

        return fail
