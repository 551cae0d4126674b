"""Every public page type and state, in a real browser, at phone and desktop width.

Each page is loaded once per width and checked for everything a reader is owed: nothing
fetched from another host, nothing blocked by the Content-Security-Policy, no broken
resource or script error, no WCAG 2.1 AA violation that axe-core can find, no cookie where
there is no form, and no sideways scrolling. With SCREENSHOTS_DIR set (`make screenshots`), a
full-page screenshot of each lands there for a person to look at; `make test` takes none.
"""

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.public_pages import PUBLIC_PAGES, page_ids

from .helpers import DESKTOP, PHONE, Recorder, open_page

# django_db makes pytest-django create the test database even when only these tests run.
pytestmark = [pytest.mark.browser, pytest.mark.django_db]

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Where to keep a full-page screenshot of each page at each width; unset: none taken.
SCREENSHOTS_DIR = os.environ.get("SCREENSHOTS_DIR", "")
# Where to keep each page's HTML for the Nu HTML Checker (.ci/html_check.sh); unset: not kept.
HTML_CHECK_DIR = os.environ.get("HTML_CHECK_DIR", "")
AXE = Axe()

WAIT_FOR_PICTURES = """
() => {
  // Lazy pictures below the fold are fetched too, so a broken one shows up as a failed response
  // (and a full-page screenshot, which does not scroll, shows them all).
  document.querySelectorAll("img[loading=lazy]").forEach((img) => { img.loading = "eager"; });
  return Promise.all(Array.from(document.images).map((img) => img.decode().catch(() => null)));
}
"""


def keep_html(public_page, response, page):
    """The HTML as served, and the document as the browser holds it once scripts ran (a film playing)."""
    folder = Path(HTML_CHECK_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{public_page.name}.html").write_bytes(response.body())
    (folder / f"{public_page.name}.dom.html").write_text(page.content(), encoding="utf-8")


def _describe(violations):
    lines = []
    for violation in violations:
        targets = ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        lines.append(f"axe {violation['id']} ({violation['impact']}): {violation['help']} -> {targets}")
    return lines


@pytest.mark.parametrize("public_page", PUBLIC_PAGES, ids=page_ids(PUBLIC_PAGES))
@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_page_is_accessible_on_site_only_and_within_its_csp(page, live_site, public_page, width):
    page.set_viewport_size(DESKTOP if width == "desktop" else PHONE)
    recorder = Recorder(page)
    response = open_page(page, live_site, public_page)
    if HTML_CHECK_DIR and width == "desktop":
        keep_html(public_page, response, page)
    page.evaluate(WAIT_FOR_PICTURES)

    # axe-core comes bundled with its Python package and is evaluated through DevTools: it
    # needs no network and is not the page's code. It runs first, so that anything it fetched
    # or anything the CSP blocked while it ran would show up below as well.
    results = AXE.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]})
    problems = _describe(results.response["violations"])
    problems += [
        f"request to another host: {url}" for url in recorder.foreign_requests(live_site.host, *public_page.other_hosts)
    ]
    problems += [f"CSP: {message}" for message in recorder.csp_violations()]
    problems += [f"failed: {response}" for response in recorder.failed_responses]
    problems += [f"script error: {error}" for error in recorder.script_errors]
    if public_page.cookie_free:
        # No form to protect, so no reason for any cookie: the reader is not tracked.
        problems += [f"cookie for an anonymous reader: {cookie['name']}" for cookie in page.context.cookies()]
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    if overflow > 0:
        problems.append(f"the page is {overflow}px wider than the {width} screen: readers must scroll sideways")

    if SCREENSHOTS_DIR:
        folder = Path(SCREENSHOTS_DIR)
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(folder / f"{public_page.name}-{width}.png"), full_page=True)

    assert recorder.requests, "the recorder saw no request"
    assert not problems, f"{public_page.name} ({public_page.path}) at {width} width:\n" + "\n".join(problems)


def test_browser_enforces_the_policy_and_the_recorder_notices(page, live_site):
    """Injected inline script and a foreign picture are blocked, and reported: the checks above can fail."""
    recorder = Recorder(page)
    page.goto(live_site("/"))
    page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.__injected = true;";
          document.body.appendChild(script);
          const img = document.createElement("img");
          img.src = "https://tracker.example.com/pixel.gif";
          document.body.appendChild(img);
        }"""
    )
    page.wait_for_function("window.__cspViolations.length >= 2")

    assert page.evaluate("window.__injected === undefined")
    violations = " ".join(recorder.csp_violations())
    assert "script-src" in violations and "img-src" in violations
