"""The case studies' section on the home page (see HOME_PAGE_SECTIONS)."""

from django.utils.translation import gettext as _

from website.mixins import index_url

from .models import CaseStudyIndexPage, CaseStudyPage, published_case_studies

HOME_PAGE_CASE_STUDY_COUNT = 3


def latest_case_studies(request, home_page):
    return {
        "title": _("Nya goda exempel"),
        "template": "casestudies/includes/case_study_card.html",
        "items": list(
            published_case_studies(CaseStudyPage.objects.descendant_of(home_page))[:HOME_PAGE_CASE_STUDY_COUNT]
        ),
        "more_url": index_url(CaseStudyIndexPage, home_page, request),
        "more_text": _("Alla goda exempel"),
    }
