"""A reader who uses only the keyboard: skip link first, focus always visible, logging in."""

import pytest

from tests.public_pages import OPEN_COMMENTS_POST

from .helpers import READER

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

KEYBOARD_PAGES = [
    "/",
    "/blogg/",
    "/blogg/livskraftiga-landsbygder-bygger-pa-manga-roster/",
    "/sok/?q=kommun",
    "/konto/login/",
]

# What the browser draws to show focus: compared between focused and unfocused.
FOCUS_STYLE_JS = """
(element) => {
  const style = getComputedStyle(element);
  return [style.outlineStyle, style.outlineWidth, style.outlineColor, style.boxShadow,
          style.backgroundColor, style.color, style.textDecorationLine, style.borderColor].join(" | ");
}
"""

ACTIVE_ELEMENT_JS = """
() => {
  const el = document.activeElement;
  return el ? {tag: el.tagName.toLowerCase(), id: el.id, name: el.getAttribute("name"),
               type: el.getAttribute("type"), href: el.getAttribute("href"), classes: el.className,
               text: (el.innerText || el.value || "").trim().slice(0, 60)} : null;
}
"""


def active(page):
    return page.evaluate(ACTIVE_ELEMENT_JS)


@pytest.mark.parametrize("path", KEYBOARD_PAGES)
def test_first_tab_reaches_skip_link_which_moves_focus_to_main(page, live_site, path):
    page.goto(live_site(path))
    page.keyboard.press("Tab")

    focused = active(page)
    assert focused["href"] == "#innehall", f"first tab stop on {path} is {focused}"
    skip_link = page.locator("a.skip-link")
    box = skip_link.bounding_box()
    assert box is not None and box["y"] >= 0 and box["width"] > 0, "the focused skip link is not on screen"

    page.keyboard.press("Enter")
    assert active(page)["id"] == "innehall"
    # The next Tab continues inside the main content, not back in the header.
    page.keyboard.press("Tab")
    assert page.evaluate("document.getElementById('innehall').contains(document.activeElement)")


@pytest.mark.parametrize("path", KEYBOARD_PAGES)
def test_every_tab_stop_shows_visible_focus(page, live_site, path):
    page.goto(live_site(path))
    seen = 0
    for _ in range(40):
        page.keyboard.press("Tab")
        handle = page.evaluate_handle("document.activeElement")
        if page.evaluate("(el) => el === document.body", handle):
            break
        focused_style = page.evaluate(FOCUS_STYLE_JS, handle)
        description = active(page)
        # Hand focus to the page itself so the element is drawn unfocused; no hover, no pointer.
        page.evaluate("(el) => el.blur()", handle)
        unfocused_style = page.evaluate(FOCUS_STYLE_JS, handle)
        assert focused_style != unfocused_style, f"no visible focus on {description} at {path}"
        page.evaluate("(el) => el.focus({focusVisible: true})", handle)
        seen += 1
    assert seen >= 3, f"only {seen} tab stops on {path}"


def test_reader_logs_in_with_the_keyboard_alone(context, page, live_site):
    page.goto(live_site("/konto/login/"))
    for _ in range(30):
        page.keyboard.press("Tab")
        if active(page)["name"] == "login":
            break
    else:
        pytest.fail("Tab never reached the e-mail field of the login form")
    page.keyboard.type(READER["email"])
    page.keyboard.press("Tab")
    assert active(page)["name"] == "password"
    page.keyboard.type(READER["password"])

    # Tab on to the submit button, past whatever lies between (remember me, forgot password).
    for _ in range(10):
        page.keyboard.press("Tab")
        focused = active(page)
        if focused["tag"] == "button" and focused["type"] == "submit":
            break
    else:
        pytest.fail("Tab never reached the login button")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.url == live_site("/")
    assert "sessionid" in {cookie["name"] for cookie in context.cookies()}
    # Signed in: the account's e-mail page opens instead of sending the reader to log in.
    response = page.goto(live_site("/konto/email/"))
    assert response.status == 200
    assert page.url == live_site("/konto/email/")


def tab_to(page, predicate, what, limit=40):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if predicate(active(page)):
            return
    pytest.fail(f"Tab never reached {what}")


def test_reader_posts_comment_with_the_keyboard_alone(page, live_site):
    from discussion.models import Comment

    page.goto(live_site(OPEN_COMMENTS_POST))
    tab_to(page, lambda el: el["name"] == "name", "the name field")
    page.keyboard.type("Tangentbordsläsaren")
    page.keyboard.press("Tab")
    assert active(page)["name"] == "email"
    page.keyboard.type("kommentar@example.se")
    page.keyboard.press("Tab")
    assert active(page)["name"] == "comment"
    page.keyboard.type("Skrivet utan mus, bara med tangentbordet.")
    # Past the notify checkbox to the send button; the spam trap is out of the tab order.
    tab_to(page, lambda el: el["tag"] == "button" and el["type"] == "submit", "the send button", limit=5)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert "kommentar=tack" in page.url
    assert page.get_by_role("status").filter(has_text="granskas").count() == 1
    comment = Comment.objects.get(user_email="kommentar@example.se")
    assert comment.comment == "Skrivet utan mus, bara med tangentbordet."
    assert not comment.is_public
