"""An event, a case study and a page's comments keep what they read between readers' requests
(caching.memo): the next request reads less, and every change of what they show shows at once."""

import pytest
from taggit.models import Tag

from casestudies.models import CaseStudyPage
from discussion.models import Comment, CommentStatus
from events.models import EventPage, EventSeriesPage
from tests.caching.test_memo import get, publish_with_title, queries
from tests.discussion.conftest import add_comment


def html(page):
    return get(page.url).content.decode()


def session_in_series():
    series = EventSeriesPage.objects.live().first()
    return EventPage.objects.live().child_of(series).order_by("start").first(), series


def case_study_with_themes():
    """A demo case study with themes and related pages."""
    return next(
        study
        for study in CaseStudyPage.objects.live().order_by("pk")
        if study.tags.exists() and study.get_related_pages()
    )


def commented_page():
    comment = Comment.objects.filter(status=CommentStatus.APPROVED).order_by("pk").first()
    return comment.content_object.specific


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("find", "budget"),
    [(lambda: session_in_series()[0], 3), (case_study_with_themes, 6), (commented_page, 3)],
    ids=["event in a series", "case study", "commented post"],
)
def test_a_readers_next_request_reads_the_page_from_memory(demo_site, find, budget):
    # Without the remembered answers the next request reads 10, 11 and 4 times.
    page = find()
    first = queries(page.url)
    assert queries(page.url) <= budget < first, page.url


@pytest.mark.django_db
def test_a_renamed_session_and_organiser_show_at_once_on_an_event(demo_site):
    event, series = session_in_series()
    sibling = EventPage.objects.live().child_of(series).exclude(pk=event.pk).first()
    html(event)
    assert sibling.title in html(event) and event.organiser.name in html(event)
    publish_with_title(sibling, "Tillfälle med ny rubrik")
    organiser = event.organiser
    organiser.name = "Arrangör med nytt namn"
    organiser.save()
    shown = html(event)
    assert "Tillfälle med ny rubrik" in shown and "Arrangör med nytt namn" in shown


@pytest.mark.django_db
def test_a_renamed_theme_and_related_page_show_at_once_on_a_case_study(demo_site):
    study = case_study_with_themes()
    theme = study.tags.order_by("name").first()
    html(study)
    assert theme.name in html(study)
    Tag.objects.filter(pk=theme.pk).update(name="Tema med nytt namn")
    assert "Tema med nytt namn" in html(study)
    publish_with_title(study.get_related_pages()[0].specific, "Relaterad sida med ny rubrik")
    assert "Relaterad sida med ny rubrik" in html(study)


@pytest.mark.django_db
def test_a_comment_approved_or_removed_in_bulk_shows_or_goes_at_once(demo_site):
    page = commented_page()
    pending = add_comment(page, "Nyss godkänd kommentar", status=CommentStatus.PENDING)
    shown = add_comment(page, "Kommentar som tas bort")
    html(page)
    before = html(page)
    assert "Nyss godkänd kommentar" not in before and "Kommentar som tas bort" in before
    # As the moderation queue decides (QuerySet.update(): no post_save).
    Comment.objects.filter(pk=pending.pk).update(status=CommentStatus.APPROVED, is_public=True)
    Comment.objects.filter(pk=shown.pk).update(status=CommentStatus.REMOVED, is_public=False, is_removed=True)
    after = html(page)
    assert "Nyss godkänd kommentar" in after and "Kommentar som tas bort" not in after
