"""The moderator's journey on the page: answer a reader as the agency, then correct a comment, through
the real forms; an anonymous reader sees the answer set apart with its badge, and the correction."""

import pytest

from tests.public_pages import OPEN_COMMENTS_POST

from .helpers import Recorder

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

AGENCY = "Myndigheten för levande landsbygd"
MODERATOR = {"username": "moderator", "password": "moderator"}  # the demo's (discussion/demo.py)


def _log_in(page, live_site):
    page.goto(live_site("/admin/login/"))
    page.fill("input[name=username]", MODERATOR["username"])
    page.fill("input[name=password]", MODERATOR["password"])
    with page.expect_navigation():
        page.locator("form button[type=submit]").click()


def test_moderator_answers_as_the_agency_and_corrects_a_comment(page, context, browser, live_site):
    recorder = Recorder(page)
    _log_in(page, live_site)
    page.goto(live_site(OPEN_COMMENTS_POST))
    first = page.locator("#kommentarer li.comment").first
    answered_id = first.get_attribute("id")
    with page.expect_navigation():
        first.get_by_role("link", name=f"Svara som {AGENCY}").click()
    page.get_by_role("textbox", name="Svar").fill("Tack för tipset! Vi hör av oss till föreningen.")
    with page.expect_navigation():
        page.get_by_role("button", name=f"Publicera svaret som {AGENCY}").click()
    assert OPEN_COMMENTS_POST + "#kommentar-" in page.url

    with page.expect_navigation():
        page.locator(f"#{answered_id}").get_by_role("link", name="Ändra texten").first.click()
    page.get_by_label("Ny text").fill("Vår förening kartlägger gamla stigar.")
    page.get_by_label("Skäl till ändringen").fill("Tog bort en uppmaning att ringa")
    with page.expect_navigation():
        page.get_by_role("button", name="Spara ändringen").click()
    assert page.get_by_text("Kommentaren är ändrad.").count() == 1
    assert page.locator("table.listing").get_by_text("Tog bort en uppmaning att ringa").count() == 1
    assert recorder.script_errors == []

    anonymous = browser.new_context(locale="sv-SE")
    try:
        reader = anonymous.new_page()
        reader.goto(live_site(OPEN_COMMENTS_POST))
        official = reader.locator("#kommentarer li.comment--official").last
        assert "Tack för tipset! Vi hör av oss till föreningen." in official.inner_text()
        assert official.locator(".comment__badge").inner_text() == f"Svar från {AGENCY}"
        # Set apart from readers' comments: its own background and a bar on the left.
        styles = reader.evaluate(
            """([official, plain]) => [official, plain].map((el) => {
                const style = getComputedStyle(el.querySelector('article'));
                return [style.backgroundColor, style.borderLeftWidth];
            })""",
            [official.element_handle(), reader.locator(f"#{answered_id}").element_handle()],
        )
        assert styles[0] != styles[1]
        corrected = reader.locator(f"#{answered_id} > article")
        assert "Vår förening kartlägger gamla stigar." in corrected.inner_text()
        assert "Redigerad av moderator" in corrected.inner_text()
        assert reader.get_by_role("link", name=f"Svara som {AGENCY}").count() == 0
    finally:
        anonymous.close()
