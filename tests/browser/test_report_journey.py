"""A reader reports a comment; a moderator handles the report with the keyboard alone; the page, which
anonymous readers got from the page cache, no longer shows the comment; the decision is in the log."""

import pytest

from tests.public_pages import OPEN_COMMENTS_POST

from .helpers import Recorder

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

MODERATOR = ("moderator", "moderator")  # the demo's (discussion/demo.py)
OFFENSIVE = "Du är en idiot och borde flytta härifrån."
REASON = "Personangrepp på en annan läsare"


@pytest.fixture(scope="module")
def offensive_comment(live_site, django_db_blocker):
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from blog.models import BlogPage
    from discussion.models import Comment, CommentStatus

    # Module scope: made outside the test's transaction and committed, so the live server sees it.
    with django_db_blocker.unblock():
        post = BlogPage.objects.get(url_path__endswith=OPEN_COMMENTS_POST.rstrip("/").split("/")[-1] + "/")
        comment = Comment(
            content_type=ContentType.objects.get_for_model(post),
            object_pk=str(post.pk),
            site_id=1,
            user_name="Arg granne",
            user_email="arg@example.se",
            comment=OFFENSIVE,
            submit_date=timezone.now(),
            is_public=True,
            status=CommentStatus.APPROVED,
        )
        comment.save()
    yield comment
    with django_db_blocker.unblock():
        Comment.objects.filter(pk=comment.pk).delete()


def active(page):
    return page.evaluate(
        "() => ({id: document.activeElement.id, name: document.activeElement.getAttribute('name'),"
        " value: document.activeElement.value || '', text: (document.activeElement.innerText || '').trim()})"
    )


def test_reader_reports_and_moderator_removes_with_the_keyboard(browser, live_site, settings, offensive_comment):
    from discussion.models import CommentReport, CommentStatus

    settings.PAGE_CACHE_ENABLED = True
    anchor = f"#kommentar-{offensive_comment.pk}"

    reader_context = browser.new_context(locale="sv-SE")
    try:
        reader = reader_context.new_page()
        reader.goto(live_site(OPEN_COMMENTS_POST))
        cached = reader.goto(live_site(OPEN_COMMENTS_POST))
        assert cached.headers.get("x-page-cache") == "hit"
        assert OFFENSIVE in reader.locator(anchor).inner_text()

        with reader.expect_navigation():
            reader.locator(anchor).get_by_role("link", name="Anmäl").first.click()
        reader.get_by_label("Kränkande").check()
        with reader.expect_navigation():
            reader.get_by_role("button", name="Skicka anmälan").click()
        assert reader.get_by_role("heading", name="Tack för din anmälan").count() == 1
        assert CommentReport.objects.filter(comment=offensive_comment, reason="offensive").count() == 1

        moderator_context = browser.new_context(locale="sv-SE")
        try:
            moderator = moderator_context.new_page()
            recorder = Recorder(moderator)
            moderator.goto(live_site("/admin/login/"))
            moderator.fill("input[name=username]", MODERATOR[0])
            moderator.fill("input[name=password]", MODERATOR[1])
            with moderator.expect_navigation():
                moderator.keyboard.press("Enter")
            moderator.goto(live_site("/admin/anmalda-kommentarer/"))

            # Keyboard only from here: Tab to the reason field of this comment's row, type, Tab past
            # "Behåll" to "Ta bort", Enter.
            reason_field = f"reason-{offensive_comment.pk}"
            for _ in range(80):
                moderator.keyboard.press("Tab")
                if active(moderator)["id"] == reason_field:
                    break
            else:
                pytest.fail("Tab never reached the reason field of the reported comment")
            moderator.keyboard.type(REASON)
            moderator.keyboard.press("Tab")
            assert active(moderator)["value"] == "keep"
            moderator.keyboard.press("Tab")
            assert active(moderator)["value"] == "remove"
            with moderator.expect_navigation():
                moderator.keyboard.press("Enter")
            assert "Kommentaren från Arg granne är borttagen." in moderator.locator(".messages").inner_text()
            assert recorder.script_errors == []

            offensive_comment.refresh_from_db()
            assert offensive_comment.status == CommentStatus.REMOVED
            assert offensive_comment.decision_reason == REASON
            assert CommentReport.objects.get(comment=offensive_comment).outcome == "remove"

            # The decision is in the log, once, with who and why.
            # Other browser tests share the demo database and decide on comments too: look for this one.
            moderator.goto(live_site("/admin/beslutslogg/"))
            rows = moderator.locator("table.listing tbody tr").filter(has_text="Arg granne")
            assert rows.count() == 1
            row = rows.first.inner_text()
            assert "Anmälan hanterad: borttagen" in row and REASON in row and "Arg granne" in row
            assert recorder.script_errors == []
        finally:
            moderator_context.close()

        # The page cache was purged by the decision: the next anonymous request does not show it.
        reader.goto(live_site(OPEN_COMMENTS_POST))
        assert reader.locator(anchor).count() == 0
        assert OFFENSIVE not in reader.content()
    finally:
        reader_context.close()
