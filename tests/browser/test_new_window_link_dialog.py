"""An editor ticks "Öppnas i nytt fönster" in the link dialog, for an external and an internal link,
and the published post opens both links in a new window and says so in the link text."""

import json

import pytest

from .helpers import EDITOR, Recorder

# The live server writes until the post is published; reads in this test's transaction come after.
pytestmark = [pytest.mark.browser, pytest.mark.django_db]

TITLE = "Fyra luncher om bygdens framtid"


@pytest.fixture(scope="module")
def post_to_link(live_site, django_db_blocker):
    from blog.models import BlogIndexPage
    from tests.blog.factories import AuthorFactory, make_post

    with django_db_blocker.unblock():
        index = BlogIndexPage.objects.live().first()
        body = json.dumps([{"type": "paragraph", "value": "<p>Anmäl dig till caféet. Läs också om bygden.</p>"}])
        post = make_post(index, title=TITLE, body=body, authors=[AuthorFactory()])
        return post.pk


def log_in(page, live_site):
    page.goto(live_site("/admin/login/"))
    page.fill("input[name=username]", EDITOR["username"])
    page.fill("input[name=password]", EDITOR["password"])
    with page.expect_navigation():
        page.locator("form button[type=submit]").click()


def select_words(page, editor, words):
    """Select `words` inside the Draftail editor, as a mouse drag would."""
    editor.focus()
    editor.evaluate(
        """(root, words) => {
          const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
          while (walker.nextNode()) {
            const at = walker.currentNode.textContent.indexOf(words);
            if (at >= 0) {
              const range = document.createRange();
              range.setStart(walker.currentNode, at);
              range.setEnd(walker.currentNode, at + words.length);
              const selection = window.getSelection();
              selection.removeAllRanges();
              selection.addRange(range);
              return;
            }
          }
          throw new Error("not found: " + words);
        }""",
        words,
    )
    page.wait_for_timeout(200)


def open_link_dialog(page):
    page.locator(".Draftail-Editor button[name=LINK]").first.click()
    page.locator(".modal-dialog").first.wait_for(state="visible")
    page.locator(".modal-dialog [data-new-window-choice]").wait_for(state="visible")


def test_editor_ticks_new_window_in_the_link_dialog(page, live_site, post_to_link):
    from blog.models import BlogPage

    post_pk = post_to_link
    recorder = Recorder(page)
    log_in(page, live_site)
    page.goto(live_site(f"/admin/pages/{post_pk}/edit/"))
    page.wait_for_load_state("networkidle")
    editor = page.locator("[data-contentpath=body] .Draftail-Editor [contenteditable=true]").first
    editor.click()

    # No separate toolbar button for "new window": the choice is in the dialog.
    assert page.locator(".Draftail-Editor button[name=NEW_WINDOW]").count() == 0

    # External link: the dialog's external tab, the checkbox ticked.
    select_words(page, editor, "caféet")
    open_link_dialog(page)
    page.locator(".modal-dialog .link-types a[href*=external-link]").click()
    page.locator("#id_external-link-chooser-url").wait_for(state="visible")
    checkbox = page.get_by_label("Öppnas i nytt fönster")
    assert not checkbox.is_checked()
    checkbox.check()
    page.fill("#id_external-link-chooser-url", "https://example.se/cafe")
    page.locator(".modal-dialog form input[type=submit]").click()
    page.locator(".modal-dialog").first.wait_for(state="hidden")

    # Internal link: a page chosen in the same dialog, the checkbox ticked there too.
    select_words(page, editor, "bygden")
    open_link_dialog(page)
    page.get_by_label("Öppnas i nytt fönster").check()
    page.locator(".modal-dialog a.choose-page").first.click()
    page.locator(".modal-dialog").first.wait_for(state="hidden")
    page.wait_for_timeout(600)  # Draftail writes its state to the form a moment after a change

    publish = page.locator("footer button[name=action-publish]").first
    if not publish.is_visible():
        page.locator("footer [data-w-dropdown-target=toggle]").first.click()
    with page.expect_navigation():
        publish.click()
    page.wait_for_load_state("networkidle")

    post = BlogPage.objects.get(pk=post_pk)
    stored = str(post.body.raw_data[0]["value"])
    assert '<a href="https://example.se/cafe"><span class="new-window">caféet</span></a>' in stored
    assert '<span class="new-window">bygden</span></a>' in stored and 'linktype="page"' in stored

    response = page.goto(live_site(post.url))
    assert response.status == 200
    links = page.locator("main a[target=_blank]")
    assert links.count() == 2
    for text in links.all_inner_texts():
        assert "(öppnas i nytt fönster)" in text
    assert page.locator("main a[target=_blank]", has_text="caféet").get_attribute("href") == "https://example.se/cafe"
    assert recorder.script_errors == []
