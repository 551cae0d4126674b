"""A reader answers "Var sidan till hjälp?" in Chromium: "Nej" opens the note, the thank-you comes in place,
the answer is stored for the page owner and the page stays the one the reader was on (issue 16, points 4-5)."""

import pytest

from feedback.models import PageFeedback

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PATH = "/personuppgifter/"


def test_reader_says_no_with_a_note_and_is_thanked_in_place(page, live_site):
    page.goto(live_site(PATH))
    section = page.locator("[data-page-feedback]")
    note = section.get_by_label("Hur kan vi göra sidan bättre? (frivilligt)")
    assert not note.is_visible()  # closed until "Nej"

    section.get_by_text("Nej", exact=True).click()
    assert note.is_visible()
    assert "Skriv inga personuppgifter" in section.inner_text()
    note.fill("Berätta hur länge svaren sparas.")
    section.get_by_role("button", name="Skicka").click()

    section.get_by_role("status").wait_for()
    assert "Tack för ditt svar!" in section.get_by_role("status").inner_text()
    assert page.url == live_site(PATH)  # same page, no reload
    answer = PageFeedback.objects.filter(text="Berätta hur länge svaren sparas.").get()
    assert answer.helpful is False and answer.page.url_path.endswith(PATH)
    assert page.context.cookies() == []


def test_reader_without_javascript_says_yes_and_gets_the_page_back_with_thanks(browser, live_site):
    context = browser.new_context(java_script_enabled=False, locale="sv-SE")
    try:
        page = context.new_page()
        page.goto(live_site(PATH))
        with page.expect_navigation():
            page.locator("[data-page-feedback]").get_by_role("button", name="Ja").click()
        assert page.locator("h1").inner_text() == "Behandling av personuppgifter"
        assert "Tack för ditt svar!" in page.locator("[data-page-feedback] [role=status]").inner_text()
        # Read only after the post: SQLite's shared in-memory database locks a table a test transaction has read.
        assert PageFeedback.objects.filter(helpful=True, page__url_path__endswith=PATH).count() == 1
    finally:
        context.close()
