"""The reader's journey through the real forms: sign up from a post, confirm from the mail in the
outbox, land back on the post logged in, comment, find it in Mitt konto and edit it; reply in place."""

import re

import pytest
from django.core import mail

from tests.public_pages import LOGIN_REQUIRED_POST

from .helpers import READER

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def test_reader_signs_up_confirms_comments_and_finds_it_in_mitt_konto(page, live_site):
    from discussion.models import Comment, CommentStatus

    mail.outbox.clear()
    page.goto(live_site(LOGIN_REQUIRED_POST))
    with page.expect_navigation():
        page.locator("#kommentarer").get_by_role("link", name="skapa ett konto").click()
    page.get_by_label("Namn som visas").fill("Resande läsare")
    page.get_by_label("E-post").first.fill("resande@example.se")
    page.get_by_label("Lösenord").first.fill("ett-langt-losen-4711")
    with page.expect_navigation():
        page.get_by_role("button", name="Skapa konto").click()
    assert page.get_by_role("heading", name="Bekräfta din e-postadress").count() == 1

    [message] = [m for m in mail.outbox if "resande@example.se" in m.to]
    assert "Hej Resande läsare!" in message.body
    link = re.search(r"https?://\S+/konto/confirm-email/\S+", message.body).group(0)
    page.goto(live_site(link[link.index("/konto/") :]))
    with page.expect_navigation():
        page.get_by_role("button", name="Bekräfta").click()

    assert page.url.startswith(live_site(LOGIN_REQUIRED_POST))
    header = page.locator("header.site-header")
    assert header.get_by_text("Resande läsare").count() == 1
    assert header.get_by_role("link", name="Mitt konto").count() == 1
    assert header.get_by_role("button", name="Logga ut").count() == 1

    form = page.locator("form.comment-form")
    assert form.get_by_label("Namn som visas").input_value() == "Resande läsare"
    form.get_by_label("Kommentar", exact=True).fill("Hos oss startade föreningen en bybuss.")
    with page.expect_navigation():
        form.get_by_role("button", name="Skicka").click()
    assert page.get_by_role("status").filter(has_text="granskas").count() == 1

    with page.expect_navigation():
        header.get_by_role("link", name="Mitt konto").click()
    mine = page.locator(".own-comment").filter(has_text="Hos oss startade föreningen en bybuss.")
    assert mine.locator(".own-comment__status").inner_text() == "Väntar på granskning"
    with page.expect_navigation():
        mine.get_by_role("link", name="Redigera").click()
    page.get_by_label("Kommentar", exact=True).fill("Hos oss startade föreningen en bybuss 2021.")
    with page.expect_navigation():
        page.get_by_role("button", name="Spara ändringen").click()
    assert page.get_by_text("Kommentaren är ändrad").count() == 1
    comment = Comment.objects.get(user__email="resande@example.se")
    assert comment.comment == "Hos oss startade föreningen en bybuss 2021."
    assert comment.status == CommentStatus.PENDING and comment.edited_at is not None

    with page.expect_navigation():
        page.locator("header.site-header").get_by_role("button", name="Logga ut").click()
    assert page.locator("header.site-header").get_by_role("link", name="Logga in").count() == 1


def test_reply_opens_the_form_under_the_comment(page, live_site):
    # No ORM here before the browser is done: SQLite's shared test database would lock the tables
    # the live server writes to (the login).
    page.goto(live_site("/konto/login/"))
    page.fill("input[name=login]", READER["email"])
    page.fill("input[name=password]", READER["password"])
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    page.goto(live_site(LOGIN_REQUIRED_POST))
    link = page.locator("#kommentarer a[data-reply-to]").first
    target = link.get_attribute("data-reply-to")
    item = page.locator(f"#kommentar-{target}")
    link.click()
    assert page.url == live_site(LOGIN_REQUIRED_POST)  # no navigation
    assert item.locator("form.comment-form").count() == 1
    assert item.locator("input[name=reply_to]").input_value() == target
    assert page.evaluate("document.activeElement.name") == "comment"
    assert "Svara på kommentaren från" in item.locator("#comment-form-heading").inner_text()
    page.get_by_role("button", name="Avbryt svaret").click()
    assert item.locator("form.comment-form").count() == 0
    assert page.locator("input[name=reply_to]").input_value() == ""
