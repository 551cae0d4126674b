"""The moderator works the comment queue with the keyboard only: j/k move between comments,
a approves, r rejects (the reason form opens), ? shows the shortcuts; each step is announced in
the page's live region, and nothing fires while the moderator types in the search field."""

import pytest

from .helpers import Recorder

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

MODERATOR = ("moderator", "moderator")
TEXTS = ["Tangent ett: när öppnar badet?", "Tangent två: fler bänkar vid ån", "Tangent tre: köp mina klockor"]


@pytest.fixture(scope="module")
def waiting(live_site, django_db_blocker):
    """Three comments waiting, committed so the live server sees them; the demo's own waiting
    comments are decided first so that these three are the whole default queue."""
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from blog.models import BlogPage
    from discussion.models import Comment, CommentStatus

    with django_db_blocker.unblock():
        earlier = list(Comment.objects.filter(status=CommentStatus.PENDING).values_list("pk", flat=True))
        Comment.objects.filter(pk__in=earlier).update(status=CommentStatus.REJECTED, is_public=False)
        post = BlogPage.objects.live().order_by("pk").first()
        comments = []
        for number, text in enumerate(TEXTS):
            comment = Comment(
                content_type=ContentType.objects.get_for_model(post),
                object_pk=str(post.pk),
                site_id=1,
                user_name=f"Skribent {number + 1}",
                user_email=f"skribent{number + 1}@example.se",
                comment=text,
                submit_date=timezone.now() - timezone.timedelta(minutes=number),
                is_public=False,
                status=CommentStatus.PENDING,
            )
            comment.save()
            comments.append(comment)
    yield comments
    with django_db_blocker.unblock():
        Comment.objects.filter(pk__in=[c.pk for c in comments]).delete()
        Comment.objects.filter(pk__in=earlier).update(status=CommentStatus.PENDING)


def log_in(page, live_site):
    page.goto(live_site("/admin/login/"))
    page.fill("input[name=username]", MODERATOR[0])
    page.fill("input[name=password]", MODERATOR[1])
    with page.expect_navigation():
        page.locator("form button[type=submit]").click()


def announced(page):
    status = page.locator("#comment-shortcuts-status")
    assert status.get_attribute("aria-live") == "polite"
    return status


def focused_text(page):
    return page.evaluate("document.activeElement.closest('tr') ? document.activeElement.closest('tr').innerText : ''")


def test_moderator_decides_with_the_keyboard_only(page, live_site, waiting):
    from discussion.models import Comment, CommentStatus

    recorder = Recorder(page)
    log_in(page, live_site)
    page.goto(live_site("/admin/kommentarer/"))

    # The shortcuts are documented on the page itself.
    documentation = page.locator("#comment-shortcuts")
    for key in ("j", "k", "a", "r", "?"):
        assert documentation.locator("kbd", has_text=key).count() >= 1

    page.keyboard.press("j")
    assert TEXTS[0] in focused_text(page)
    expect_text(announced(page), "Kommentar 1 av 3")
    page.keyboard.press("j")
    assert TEXTS[1] in focused_text(page)
    expect_text(announced(page), "Kommentar 2 av 3")
    page.keyboard.press("k")
    assert TEXTS[0] in focused_text(page)
    page.keyboard.press("k")
    expect_text(announced(page), "första")

    # Typing in the search field is typing, not a shortcut.
    page.locator("#id_q").focus()
    page.keyboard.type("ja")
    assert page.locator("#id_q").input_value() == "ja"
    assert page.evaluate("document.activeElement.id") == "id_q"
    expect_text(announced(page), "första")  # unchanged: "j" in the field moved nothing
    page.locator("#id_q").fill("")
    page.wait_for_load_state("networkidle")
    page.goto(live_site("/admin/kommentarer/"))

    # a approves the focused comment; back in the queue, focus is on the next one.
    page.keyboard.press("j")
    with page.expect_navigation():
        page.keyboard.press("a")
    page.wait_for_load_state("networkidle")
    assert "1 kommentar godkändes." in page.locator(".messages").inner_text()
    assert TEXTS[1] in focused_text(page)
    expect_text(announced(page), "Kommentar 1 av 2")

    # r opens the reason form for the focused comment; the reason is chosen with the keyboard.
    page.keyboard.press("j")
    assert TEXTS[2] in focused_text(page)
    with page.expect_navigation():
        page.keyboard.press("r")
    assert page.evaluate("document.activeElement.name") == "reason"
    page.keyboard.press("Tab")
    page.keyboard.type("Reklam för klockor")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state("networkidle")
    assert "1 kommentar avvisades." in page.locator(".messages").inner_text()

    # ? shows the help dialog; Escape closes it.
    page.keyboard.press("?")
    dialog = page.locator("#comment-shortcuts-dialog")
    assert dialog.is_visible()
    assert page.get_by_role("dialog", name="Kortkommandon i kommentarskön").is_visible()
    page.keyboard.press("Escape")
    assert not dialog.is_visible()

    assert recorder.csp_violations() == []
    assert recorder.script_errors == []

    # Read only now: on SQLite a read in this thread would lock the table the live server writes.
    approved, waiting_still, rejected = (Comment.objects.get(pk=c.pk) for c in waiting)
    assert approved.status == CommentStatus.APPROVED and approved.moderated_by.username == MODERATOR[0]
    assert waiting_still.status == CommentStatus.PENDING
    assert rejected.status == CommentStatus.REJECTED and rejected.decision_reason == "Reklam för klockor"


def expect_text(locator, text):
    from playwright.sync_api import expect

    expect(locator).to_contain_text(text)
