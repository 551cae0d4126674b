"""The Wagtail admin keeps working under its own Content-Security-Policy."""

import pytest

from .helpers import EDITOR, Recorder

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def test_editor_logs_in_and_edits_a_page_without_csp_errors(page, live_site):
    from blog.models import BlogPage

    recorder = Recorder(page)
    page.goto(live_site("/admin/login/"))
    page.fill("input[name=username]", EDITOR["username"])
    page.fill("input[name=password]", EDITOR["password"])
    with page.expect_navigation():
        page.locator("form button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    assert page.url == live_site("/admin/")
    assert page.locator("main").first.is_visible()

    post = BlogPage.objects.live().order_by("pk").first()
    page.goto(live_site(f"/admin/pages/{post.pk}/edit/"))
    page.wait_for_load_state("networkidle")
    assert page.locator("form#page-edit-form").count() == 1
    assert page.locator("#id_title").input_value() == post.title
    # The body's blocks are drawn by the admin's JavaScript: they appear only if the policy let it run.
    page.locator("[data-streamfield-child]").first.wait_for(state="attached")
    assert page.locator("[data-streamfield-child]").count() >= 3

    assert recorder.csp_violations() == []
    assert recorder.script_errors == []
    assert recorder.foreign_requests(live_site.host) == []
