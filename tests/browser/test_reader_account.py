"""The reader's journey through the real forms: sign up from a post, confirm from the mail in the
outbox, land back on the post logged in, comment, find it in Mitt konto and edit it; a moderator
approves it, the "publicerad" mail links to it, and the reader turns that mail off with one click;
reply in place."""

import re
from urllib.parse import quote

import pytest
from django.core import mail

from tests.public_pages import LOGIN_REQUIRED_POST

from .helpers import EDITOR, READER

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def test_reader_signs_up_confirms_comments_and_finds_it_in_mitt_konto(page, live_site):
    from accounts.models import NotificationChoices
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
    comment_id = int(mine.get_attribute("id").removeprefix("min-kommentar-"))
    with page.expect_navigation():
        mine.get_by_role("link", name="Redigera").click()
    page.get_by_label("Kommentar", exact=True).fill("Hos oss startade föreningen en bybuss 2021.")
    with page.expect_navigation():
        page.get_by_role("button", name="Spara ändringen").click()
    assert page.get_by_text("Kommentaren är ändrad").count() == 1
    mine = page.locator(f"#min-kommentar-{comment_id}")
    assert mine.get_by_text("Hos oss startade föreningen en bybuss 2021.").count() == 1
    assert mine.locator(".own-comment__status").inner_text() == "Väntar på granskning"

    with page.expect_navigation():
        page.locator("header.site-header").get_by_role("button", name="Logga ut").click()
    assert page.locator("header.site-header").get_by_role("link", name="Logga in").count() == 1

    # A moderator approves it in the queue; the "publicerad" mail links to the comment on the post.
    page.goto(live_site("/admin/login/"))
    page.fill("input[name=username]", EDITOR["username"])
    page.fill("input[name=password]", EDITOR["password"])
    with page.expect_navigation():
        page.locator("form button[type=submit]").click()
    page.goto(live_site(f"/admin/kommentarer/?status=pending&q={quote('bybuss 2021')}"))
    row = page.locator("tr").filter(has_text="Hos oss startade föreningen en bybuss 2021.")
    with page.expect_navigation():
        row.get_by_role("button", name="Godkänn").click()
    assert page.get_by_text(re.compile(r"1 kommentar(er)? godkändes")).count() == 1
    page.context.clear_cookies()  # the moderator leaves

    [published] = [m for m in mail.outbox if m.subject == "Din kommentar är publicerad"]
    assert published.to == ["resande@example.se"]
    link = re.search(r"https?://\S+#kommentar-\d+", published.body).group(0)
    assert link.endswith(f"{LOGIN_REQUIRED_POST}#kommentar-{comment_id}")
    page.goto(live_site(link[link.index(LOGIN_REQUIRED_POST) :]))
    assert page.locator(f"#kommentar-{comment_id}").get_by_text("bybuss 2021").count() == 1

    # One click in the mail, no login: the reader confirms and that kind of mail is off.
    unsubscribe = re.search(r"https?://\S+/konto/e-post/avsluta/\S+/", published.body).group(0)
    assert published.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"
    page.goto(live_site(unsubscribe[unsubscribe.index("/konto/") :]))
    assert page.get_by_text("Vill du sluta få e-post när dina kommentarer publiceras?").count() == 1
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name="Stäng av").click()
    assert (
        page.get_by_role("status").filter(has_text="Du får inte längre e-post när dina kommentarer publiceras.").count()
        == 1
    )

    # Mitt konto shows the choice off, the others as they were.
    page.goto(live_site("/konto/login/"))
    page.fill("input[name=login]", "resande@example.se")
    page.fill("input[name=password]", "ett-langt-losen-4711")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    page.goto(live_site("/konto/profil/"))
    assert not page.get_by_label("När min kommentar har publicerats").is_checked()
    assert page.get_by_label("När min kommentar inte publiceras").is_checked()
    assert not page.get_by_label("När någon svarar på min kommentar").is_checked()

    # The ORM only now that the browser is done (SQLite's shared test database would lock the tables).
    comment = Comment.objects.get(pk=comment_id)
    assert comment.comment == "Hos oss startade föreningen en bybuss 2021." and comment.edited_at is not None
    assert comment.status == CommentStatus.APPROVED and comment.user.email == "resande@example.se"
    choices = NotificationChoices.objects.get(user=comment.user)
    assert (choices.published, choices.refused, choices.reply) == (False, True, False)


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
