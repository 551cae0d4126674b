"""A publisher approves a post in the review workflow through the real "Godkänn och publicera"
button, with Wagtail's autosave on, and the post is live."""

import contextlib
import time

import pytest
from wagtail import hooks

from .helpers import EDITOR, Recorder

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def log_in(page, live_site):
    page.goto(live_site("/admin/login/"))
    page.fill("input[name=username]", EDITOR["username"])
    page.fill("input[name=password]", EDITOR["password"])
    with page.expect_navigation():
        page.locator("form button[type=submit]").click()


@pytest.fixture(scope="module")
def submitted_post(live_site, django_db_blocker):
    """Committed before the test's own transaction starts, so the live server's thread sees it (and
    SQLite's shared in-memory database is not locked by a write of the test's thread)."""
    from blog.models import BlogIndexPage
    from tests.blog.factories import AuthorFactory, make_post
    from tests.factories import UserFactory

    with django_db_blocker.unblock():
        writer = UserFactory(username="skribent", email="skribent@example.se", groups=["Redaktörer"])
        index = BlogIndexPage.objects.live().first()
        post = make_post(
            index, publish_now=False, live=False, title="Bygdegården som blev laddstation", authors=[AuthorFactory()]
        )
        post.save_revision(user=writer)
        post.get_workflow().start(post, writer)
    return post


def slow_under_load(request, page):
    """The approval takes a while, as on a busy server: long enough for the autosave to arrive meanwhile."""
    if request.method == "POST" and request.accepts("text/html"):
        time.sleep(3)


@hooks.register_temporarily("before_edit_page", slow_under_load)
def test_publisher_approves_through_the_button_while_autosave_runs(page, live_site, submitted_post):
    from blog.models import BlogPage
    from outbox.models import OutgoingEmail

    recorder = Recorder(page)
    edit_path = f"/admin/pages/{submitted_post.pk}/edit/"
    posts = []
    page.on(
        "request",
        lambda request: posts.append(request) if request.method == "POST" and request.url.endswith(edit_path) else None,
    )
    statuses = []
    page.on("response", lambda response: statuses.append((response.status, response.url)))
    log_in(page, live_site)
    page.goto(live_site(edit_path))
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(2500)  # the editor starts watching the form for changes two seconds after load

    # An edit just before the click: the autosave has something to send while the approval goes.
    page.locator("#id_lead").fill("Byalaget laddar bilar i bygdegården.")
    approve = page.locator("button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])")
    if not approve.is_visible():
        page.locator("footer [data-w-dropdown-target=toggle]").first.click()
    assert "Godkänn" in approve.inner_text()
    with page.expect_navigation():
        approve.click()
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(1500)  # any autosave the click set off has arrived by now

    post = BlogPage.objects.get(pk=submitted_post.pk)
    assert post.live
    assert post.lead == "Byalaget laddar bilar i bygdegården."
    assert not [status for status in statuses if status[0] >= 500]
    autosaves = [request for request in posts if "application/json" in (request.headers.get("accept") or "")]
    assert not [request for request in autosaves if "action-workflow-action" in (request.post_data or "")]
    assert OutgoingEmail.objects.filter(to="skribent@example.se", subject__contains="godkänd").count() == 1

    response = page.goto(live_site(post.url))
    assert response.status == 200
    assert page.locator("h1").first.inner_text() == "Bygdegården som blev laddstation"
    assert recorder.script_errors == []


PREVIEW_HEADINGS_JS = """
() => Array.from(document.querySelectorAll("[data-w-preview-target=iframe]"))
  .map((frame) => frame.contentDocument && frame.contentDocument.querySelector("h1"))
  .filter(Boolean)
  .map((heading) => heading.textContent.trim())
"""
PREVIEW_SHOWS_JS = """
(title) => Array.from(document.querySelectorAll("[data-w-preview-target=iframe]"))
  .some((frame) => frame.contentDocument && frame.contentDocument.querySelector("h1")
    && frame.contentDocument.querySelector("h1").textContent.trim() === title)
"""


def test_the_preview_panel_shows_the_post(page, live_site):
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    from blog.models import BlogPage

    recorder = Recorder(page)
    post = BlogPage.objects.live().order_by("pk").first()
    log_in(page, live_site)
    page.goto(live_site(f"/admin/pages/{post.pk}/edit/"))
    page.wait_for_load_state("networkidle")

    page.locator("[data-side-panel-toggle=preview]").click()
    # The panel swaps in a fresh iframe once the preview has loaded; read whichever holds the page.
    # Until the form has been sent, the panel says "Förhandsgranskning ej tillgänglig".
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(PREVIEW_SHOWS_JS, arg=post.title, timeout=15_000)
    assert post.title in page.evaluate(PREVIEW_HEADINGS_JS)
    assert recorder.csp_violations() == []
