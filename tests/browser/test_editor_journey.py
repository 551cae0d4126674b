"""The whole editor journey in one browser walk: a Redaktör writes a post in the real editor and
submits it for review, a Publicist approves it through "Godkänn och publicera" with autosave on,
an anonymous reader sees it live, and the link in the e-mail to the Redaktör opens the post."""

import re
from urllib.parse import urlsplit

import pytest

from .helpers import DESKTOP, Recorder, block_other_hosts

# The live server's thread writes until the approval. On SQLite's shared in-memory database a read
# in this test's transaction would lock the tables it read until the test ends, so until then the
# test checks only what the browser shows, and reads the database once all writes are done.
pytestmark = [pytest.mark.browser, pytest.mark.django_db]

TITLE = "Skolskjutsen som blev en linje för alla"
LEAD = "Ett samarbete mellan skola, färdtjänst och byalag."
PARAGRAPH = "I byn åker nu både elever och pensionärer med samma buss."


@pytest.fixture
def new_context(browser, live_site):
    made = []

    def make():
        browser_context = browser.new_context(viewport=DESKTOP, locale="sv-SE")
        browser_context.set_default_timeout(15_000)
        block_other_hosts(browser_context, live_site.host)
        made.append(browser_context)
        return browser_context.new_page()

    yield make
    for browser_context in made:
        browser_context.close()


@pytest.fixture(scope="module")
def blog_index_pk(live_site, django_db_blocker):
    from blog.models import BlogIndexPage

    with django_db_blocker.unblock():
        return BlogIndexPage.objects.live().first().pk


def log_in(page, live_site, username, password):
    page.goto(live_site("/admin/login/"))
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.locator("form button[type=submit]").click()
    assert "/admin/login/" not in page.url


def footer_button(page, selector):
    button = page.locator(f"footer {selector}").first
    if not button.is_visible():
        page.locator("footer [data-w-dropdown-target=toggle]").first.click()
    return button


def test_redaktor_writes_publicist_approves_reader_reads_mail_link_works(new_context, live_site, blog_index_pk):
    from blog.models import BlogPage
    from outbox.models import OutgoingEmail

    # The Redaktör writes the post in the editor: title, a paragraph of body text.
    editor = new_context()
    editor_errors = Recorder(editor)
    log_in(editor, live_site, "redaktor", "redaktor")
    editor.goto(live_site(f"/admin/pages/add/blog/blogpage/{blog_index_pk}/"))
    editor.wait_for_load_state("networkidle")
    editor.fill("#id_title", TITLE)
    editor.fill("#id_lead", "Ett samarbete mellan skola och färdtjänst.")
    editor.locator(
        "[data-contentpath=body] [data-streamfield-list-add], [data-contentpath=body] .c-sf-add-button"
    ).first.click()
    editor.get_by_role("option", name="Text", exact=True).first.click()
    body = editor.locator("[data-contentpath=body] .Draftail-Editor [contenteditable=true]").first
    body.wait_for(state="visible")
    body.click()
    editor.keyboard.type(PARAGRAPH)

    # The author box: a Skribent chosen in the chooser, never free text.
    editor.locator("[data-contentpath=author]").get_by_role("button", name="Välj Skribent").click()
    editor.locator(".modal-dialog a[data-chooser-modal-choice]").first.click()
    editor.locator(".modal-dialog").first.wait_for(state="hidden")

    submit = footer_button(editor, "button[name=action-submit]")
    with editor.expect_navigation():
        submit.click()
    editor.wait_for_load_state("networkidle")
    message = editor.locator(".messages").inner_text()
    assert TITLE in message and "inlämnad" in message
    edit_href = editor.locator(".messages a", has_text="Redigera").first.get_attribute("href")
    post_pk = int(re.search(r"/admin/pages/(\d+)/edit/", edit_href).group(1))
    assert editor_errors.script_errors == []

    # The Publicist approves with "Godkänn och publicera"; the editor's autosave is on.
    publisher = new_context()
    statuses = []
    publisher.on("response", lambda response: statuses.append(response.status))
    log_in(publisher, live_site, "publicist", "publicist")
    publisher.goto(live_site(f"/admin/pages/{post_pk}/edit/"))
    publisher.wait_for_load_state("networkidle")
    # Autosave is on: the Publicist's own edit is saved in the background before the approval.
    assert publisher.locator("form[data-controller~=w-autosave]").count() == 1
    publisher.wait_for_timeout(2500)  # the editor starts watching the form two seconds after load
    with publisher.expect_request(
        lambda request: request.method == "POST" and "application/json" in (request.headers.get("accept") or "")
    ):
        publisher.fill("#id_lead", LEAD)
    approve = footer_button(
        publisher, "button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])"
    )
    assert "Godkänn och publicera" in approve.inner_text()
    with publisher.expect_navigation():
        approve.click()
    publisher.wait_for_load_state("networkidle")
    assert not [status for status in statuses if status >= 500]

    post = BlogPage.objects.get(pk=post_pk)
    assert post.live
    assert not post.workflow_in_progress
    assert PARAGRAPH in str(post.body)
    assert post.lead == LEAD

    # An anonymous reader finds the post live.
    reader = new_context()
    response = reader.goto(live_site(post.url))
    assert response.status == 200
    assert reader.locator("h1").first.inner_text() == TITLE
    assert PARAGRAPH in reader.locator("main").inner_text()

    # The Redaktör's e-mail says "godkänd" and its link opens the live post.
    mail = OutgoingEmail.objects.get(to="redaktor@example.se", subject__contains="godkänd")
    links = [link for link in re.findall(r"https?://\S+", mail.body_text) if post.url.rstrip("/") in link]
    assert links, mail.body_text
    link = urlsplit(links[0])
    assert link.path == post.url
    response = reader.goto(live_site(link.path))
    assert response.status == 200
    assert reader.locator("h1").first.inner_text() == TITLE
