"""Where case study pages may be created: the index under the home page, case studies under the index."""

from django.urls import reverse

from blog.models import BlogIndexPage
from casestudies.models import CaseStudyIndexPage, CaseStudyPage
from home.models import HomePage, StandardPage
from tests.casestudies.factories import CaseStudyPageFactory


def test_index_lives_under_the_home_page_only(home_page):
    assert CaseStudyIndexPage.can_create_at(home_page)
    assert CaseStudyIndexPage.allowed_parent_page_models() == [HomePage]
    assert CaseStudyIndexPage.allowed_subpage_models() == [CaseStudyPage]


def test_there_is_only_one_index(case_index, home_page):
    assert not CaseStudyIndexPage.can_create_at(home_page)


def test_case_studies_live_under_the_index_only(case_index, home_page):
    assert CaseStudyPage.can_create_at(case_index)
    assert not CaseStudyPage.can_create_at(home_page)
    assert CaseStudyPage.allowed_parent_page_models() == [CaseStudyIndexPage]
    assert CaseStudyPage.allowed_subpage_models() == []
    assert not StandardPage.can_create_at(case_index)
    assert not BlogIndexPage.can_create_at(case_index)


def test_admin_offers_case_studies_under_the_index_but_not_under_the_home_page(admin_client, case_index, home_page):
    under_index = admin_client.get(reverse("wagtailadmin_pages:add_subpage", args=(case_index.pk,)))
    under_home = admin_client.get(reverse("wagtailadmin_pages:add_subpage", args=(home_page.pk,)))
    add_under_home = admin_client.get(
        reverse("wagtailadmin_pages:add", args=("casestudies", "casestudypage", home_page.pk))
    )

    case_study_url = reverse("wagtailadmin_pages:add", args=("casestudies", "casestudypage", case_index.pk))
    # A single allowed type: the admin goes straight to its form.
    assert under_index.status_code == 302 and under_index["Location"] == case_study_url
    assert "casestudypage" not in under_home.content.decode()
    assert "casestudyindexpage" not in under_home.content.decode()
    # Wagtail refuses the form and sends the editor back to the dashboard.
    assert add_under_home.status_code == 302 and add_under_home["Location"] == reverse("wagtailadmin_home")


def test_nothing_can_be_created_under_a_case_study(admin_client, case_index):
    page = CaseStudyPageFactory(parent=case_index)

    assert not StandardPage.can_create_at(page)
    assert not CaseStudyPage.can_create_at(page)
