"""Where each page type may be created, and that every page type renders for a reader."""

import datetime

import pytest
from wagtail.models import Page

from blog.models import BlogIndexPage, BlogPage
from home.models import AccessibilityStatementPage, HomePage, StandardPage
from tests.blog.factories import AuthorFactory, BlogIndexPageFactory, make_post
from tests.factories import AccessibilityStatementPageFactory, StandardPageFactory, publish

PAGE_TYPES = [HomePage, StandardPage, AccessibilityStatementPage, BlogIndexPage, BlogPage]

ALLOWED_PARENTS = {
    HomePage: {Page},
    StandardPage: {HomePage, StandardPage},
    AccessibilityStatementPage: {HomePage},
    BlogIndexPage: {HomePage},
    BlogPage: {BlogIndexPage},
}


@pytest.mark.parametrize("child", PAGE_TYPES, ids=lambda model: model.__name__)
@pytest.mark.parametrize("parent", [Page, *PAGE_TYPES], ids=lambda model: model.__name__)
def test_page_type_may_only_be_created_under_its_parents(parent, child):
    allowed = parent in ALLOWED_PARENTS[child]
    assert (child in parent.allowed_subpage_models()) is allowed
    assert (parent in child.allowed_parent_page_models()) is allowed


def test_home_page_is_created_once_under_root(home_page):
    root = Page.get_first_root_node()
    assert not HomePage.can_create_at(root), "a second home page is refused"
    assert StandardPage.can_create_at(home_page)
    assert BlogIndexPage.can_create_at(home_page)
    assert not BlogPage.can_create_at(home_page)


def test_only_one_accessibility_statement(home_page):
    assert AccessibilityStatementPage.can_create_at(home_page)
    publish(AccessibilityStatementPageFactory(parent=home_page))
    assert not AccessibilityStatementPage.can_create_at(home_page)


def test_blog_post_only_under_blog_index(home_page):
    index = publish(BlogIndexPageFactory(parent=home_page))
    assert BlogPage.can_create_at(index)
    assert not BlogIndexPage.can_create_at(index)
    assert not StandardPage.can_create_at(index)


def test_admin_offers_only_allowed_page_types(admin_client, home_page):
    html = admin_client.get(f"/admin/pages/{home_page.pk}/add_subpage/").content.decode()
    assert "/add/blog/blogindexpage/" in html
    assert "/add/home/standardpage/" in html
    assert "/add/blog/blogpage/" not in html
    refused = admin_client.get(f"/admin/pages/add/blog/blogpage/{home_page.pk}/")
    assert refused.status_code in (302, 403)


def test_every_page_type_renders(client, home_page):
    standard = publish(StandardPageFactory(parent=home_page, title="Om oss", slug="om-oss", lead="Vilka vi är."))
    statement = publish(
        AccessibilityStatementPageFactory(
            parent=home_page,
            assessed_on=datetime.date(2026, 11, 1),
            statement_updated_on=datetime.date(2026, 11, 20),
            shortcomings=[("shortcoming", {"problem": "Filmer saknar syntolkning.", "reason": "Oskäligt betungande."})],
        )
    )
    index = publish(BlogIndexPageFactory(parent=home_page))
    author = AuthorFactory(name="Karin Exempelsson", slug="karin")
    post = make_post(index, title="Cykelverkstaden", lead="Byn lagar cyklar.", authors=[author])

    home_html = client.get("/").content.decode()
    assert "<h1>Livskraftiga landsbygder</h1>" in home_html
    assert "Cykelverkstaden" in home_html, "the blog section lists the latest post"

    html = client.get(standard.url).content.decode()
    assert "<h1>Om oss</h1>" in html and "Vilka vi är." in html

    html = client.get(statement.url).content.decode()
    assert "<h1>Tillgänglighetsredogörelse</h1>" in html
    assert "Filmer saknar syntolkning." in html
    assert "tillganglighet@example.se" in html
    assert "1 november 2026" in html and "20 november 2026" in html
    assert "delvis förenlig" in html

    html = client.get(index.url).content.decode()
    assert "<h1>Blogg</h1>" in html and "Cykelverkstaden" in html

    html = client.get(post.url).content.decode()
    assert "<h1>Cykelverkstaden</h1>" in html and "Karin Exempelsson" in html

    html = client.get("/blogg/forfattare/karin/").content.decode()
    assert "<h1>Karin Exempelsson</h1>" in html and "Cykelverkstaden" in html

    for page in (home_page, standard, statement, index, post):
        assert client.get(page.url).status_code == 200


def test_draft_page_is_not_public(client, home_page):
    draft = StandardPageFactory(parent=home_page, title="Utkast", slug="utkast", live=False)
    assert client.get("/utkast/").status_code == 404
    assert draft.pk
