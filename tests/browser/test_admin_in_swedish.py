"""A communicator walks the admin's main screens and meets no English and no jargon.

What Wagtail's own Swedish catalogue lacks or says in jargon is translated in
locale/wagtail/sv (see README, Translations).
"""

import re

import pytest

from .helpers import EDITOR

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

# Whole words, case-sensitive: what an editor reported seeing, and its neighbours.
UNWANTED = [
    "Password",
    "Exploring",
    "Search options",
    "Autosave",
    "Link text",
    "Pin toolbar",
    "Unpin toolbar",
    "True",
    "False",
    "Sluggen",
    "slugg",
    "föräldersidan",
    "Förankringslänk",
    "Sajthistorik",
    "Sajt",
    "Insert a block",
    "No results",
    "Alt text",
    "Image is decorative",
    "Approve",
    "Publish",
    "Open in new",
    "Groups",
    "Description",
]
PATTERN = re.compile(r"\b(" + "|".join(re.escape(word) for word in UNWANTED) + r")\b")

# Visible text and the attributes a screen reader or a placeholder shows.
SHOWN_TEXT = """() => {
  const parts = [document.title, document.body.innerText];
  for (const el of document.querySelectorAll("[placeholder], [aria-label], [title], [alt]")) {
    for (const name of ["placeholder", "aria-label", "title", "alt"]) {
      const value = el.getAttribute(name);
      if (value) parts.push(value);
    }
  }
  return parts.join("\\n");
}"""


def unwanted_words(page):
    return sorted(set(PATTERN.findall(page.evaluate(SHOWN_TEXT))))


def log_in(page, live_site):
    page.goto(live_site("/admin/login/"))
    found = unwanted_words(page)
    page.fill("input[name=username]", EDITOR["username"])
    page.fill("input[name=password]", EDITOR["password"])
    with page.expect_navigation():
        page.locator("form button[type=submit]").click()
    return found


def visit(page, url):
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return unwanted_words(page)


def test_editor_screens_have_no_english_or_jargon(page, live_site):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from wagtail.models import Site

    from blog.models import BlogPage

    seen = {"login": log_in(page, live_site)}
    # Read after the login, which writes auth_user: on SQLite a read here would lock it until the end.
    redaktor = get_user_model().objects.get(username="redaktor")
    editors = Group.objects.get(name="Redaktörer")
    home = Site.objects.get(is_default_site=True).root_page
    post = BlogPage.objects.live().order_by("pk").first()

    seen["explorer"] = visit(page, live_site(f"/admin/pages/{home.pk}/"))
    seen["page edit"] = visit(page, live_site(f"/admin/pages/{post.pk}/edit/"))

    # The link dialog, from the rich-text toolbar of the first paragraph.
    editor = page.locator(".Draftail-Editor [contenteditable=true]").first
    editor.click()
    page.keyboard.press("End")
    page.keyboard.type("/")
    page.wait_for_timeout(300)
    seen["block picker"] = unwanted_words(page)
    page.keyboard.press("Escape")
    page.keyboard.press("Backspace")
    editor.click(click_count=3)
    page.locator(".Draftail-Editor button[name=LINK]").first.click()
    page.locator(".modal-dialog").first.wait_for(state="visible")
    page.wait_for_load_state("networkidle")
    seen["link dialog"] = unwanted_words(page)
    page.locator(".modal-dialog button.close, .modal-dialog [data-dismiss]").first.click()

    # The block picker between blocks.
    page.locator("[data-streamfield-list-add], .c-sf-add-button").first.click()
    page.wait_for_timeout(300)
    seen["block picker (+)"] = unwanted_words(page)
    page.keyboard.press("Escape")

    seen["image chooser"] = visit(page, live_site("/admin/images/chooser/"))
    seen["images"] = visit(page, live_site("/admin/images/"))
    seen["users"] = visit(page, live_site("/admin/users/"))
    seen["groups"] = visit(page, live_site("/admin/groups/"))
    seen["user edit"] = visit(page, live_site(f"/admin/users/{redaktor.pk}/"))
    seen["group edit"] = visit(page, live_site(f"/admin/groups/{editors.pk}/"))
    seen["new post"] = visit(page, live_site(f"/admin/pages/add/blog/blogpage/{post.get_parent().pk}/"))
    # The image block's fields (Wagtail's ImageBlock): alt text and "decorative".
    page.locator(
        "[data-contentpath=body] [data-streamfield-list-add], [data-contentpath=body] .c-sf-add-button"
    ).first.click()
    page.get_by_role("option", name="Bild", exact=True).first.click()
    page.wait_for_timeout(300)
    seen["image block"] = unwanted_words(page)
    seen["comment queue"] = visit(page, live_site("/admin/kommentarer/"))
    seen["authors"] = visit(page, live_site("/admin/snippets/blog/author/"))

    assert {screen: words for screen, words in seen.items() if words} == {}
