"""What the browser tests record while a page loads, and how they bring a page to a state."""

import os
import shutil
from dataclasses import dataclass, field
from urllib.parse import urlsplit

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
UNDER_CI = os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}

READER = {"username": "tangentbordslasare", "email": "tangentbord@example.se", "password": "tangentbord-losenord-123"}
EDITOR = {"username": "webbredaktor", "email": "webbredaktor@example.se", "password": "webbredaktor-losenord-123"}

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

# Registered before any page script runs (through DevTools, so the page's CSP does not apply
# to it): collects the violations the browser reports to the page itself.
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline code"}`);
});
"""


@dataclass
class Recorder:
    """Every request, failed response, CSP report and script error of one page."""

    page: object
    requests: list = field(default_factory=list)
    failed_responses: list = field(default_factory=list)
    csp_messages: list = field(default_factory=list)
    script_errors: list = field(default_factory=list)

    def __post_init__(self):
        self.page.add_init_script(CSP_LISTENER)
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("response", self._on_response)
        self.page.on("console", self._on_console)
        self.page.on("pageerror", lambda error: self.script_errors.append(str(error)))

    def _on_response(self, response):
        if response.status >= 400 and response.request.resource_type != "document":
            self.failed_responses.append(f"{response.status} {response.url}")

    def _on_console(self, message):
        text = message.text
        if "Content Security Policy" in text or "Content-Security-Policy" in text:
            self.csp_messages.append(text)

    def csp_violations(self):
        reported = self.page.evaluate("window.__cspViolations || []")
        return self.csp_messages + reported

    def foreign_requests(self, *allowed_hosts):
        return [url for url in self.requests if urlsplit(url).scheme != "data" and _host(url) not in allowed_hosts]


def _host(url):
    return urlsplit(url).hostname


def block_other_hosts(context, live_host):
    """Answer every request for another host with an empty page: tests never reach the network.

    The request is still seen by page.on("request"), so the privacy checks notice it.
    """
    context.route(
        lambda url: urlsplit(url).hostname != live_host,
        lambda route: route.fulfill(status=200, content_type="text/html", body=""),
    )


def open_page(page, live_site, public_page):
    """Load a public page and bring it to the state the entry describes."""
    response = page.goto(live_site(public_page.path), wait_until="load")
    if public_page.action:
        response = ACTIONS[public_page.action](page, live_site, public_page) or response
    assert response is not None and response.status == public_page.status, (
        f"{public_page.name}: HTTP {response and response.status}, expected {public_page.status}"
    )
    page.wait_for_load_state("load")
    return response


def submit_login_with_wrong_password(page, live_site, public_page):
    page.fill("input[name=login]", READER["email"])
    page.fill("input[name=password]", "fel-losenord")
    with page.expect_navigation() as navigation:
        page.locator("main form button[type=submit]").click()
    response = navigation.value
    # A wrong password is the reader's mistake: the form comes back, 200 as allauth answers it.
    assert page.locator("main form input[name=login]").count() == 1
    return response


def submit_signup_with_a_short_password(page, live_site, public_page):
    page.fill("input[name=email]", "ny-lasare@example.se")
    page.fill("input[name=password1]", "kort")
    with page.expect_navigation() as navigation:
        page.locator("main form button[type=submit]").click()
    # The reader's mistake: the form comes back with the error (a 400, see accounts/).
    assert page.locator("main form input[name=password1]").count() == 1
    return navigation.value


def submit_empty_comment(page, live_site, public_page):
    with page.expect_navigation() as navigation:
        page.locator("form.comment-form button[type=submit]").click()
    assert page.locator(".error-summary").count() == 1
    return navigation.value


def log_in_as_reader(page, live_site, public_page):
    page.goto(live_site("/konto/login/"))
    page.fill("input[name=login]", READER["email"])
    page.fill("input[name=password]", READER["password"])
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    return page.goto(live_site(public_page.path), wait_until="load")


def play_film(page, live_site, public_page):
    page.get_by_role("button", name="Spela upp filmen").first.click()
    frame = page.locator("iframe.video__frame")
    frame.wait_for(state="attached")
    assert frame.get_attribute("src").startswith("https://www.youtube-nocookie.com/embed/")


def answer_feedback_no_with_a_note(page, live_site, public_page):
    section = page.locator("[data-page-feedback]")
    section.get_by_text("Nej", exact=True).click()
    section.get_by_label("Hur kan vi göra sidan bättre? (frivilligt)").fill("Det saknas ett datum.")
    with page.expect_response(lambda response: "/synpunkter/skicka/" in response.url) as answer:
        section.get_by_role("button", name="Skicka").click()
    assert answer.value.status == 200
    section.get_by_role("status").wait_for()
    assert "Tack för ditt svar!" in section.get_by_role("status").inner_text()


def post_too_long_feedback_without_script(page, live_site, public_page):
    """What a reader without JavaScript gets back: the form is posted the ordinary way (form.submit()
    skips the script's submit handler), with a note longer than the field allows."""
    with page.expect_navigation() as navigation:
        page.evaluate(
            """() => {
              const form = document.querySelector("[data-page-feedback] form");
              form.querySelector("textarea").value = "x".repeat(501);
              const answer = document.createElement("input");
              answer.type = "hidden"; answer.name = "svar"; answer.value = "nej";
              form.append(answer);
              form.submit();
            }"""
        )
    assert "Skriv högst 500 tecken" in page.locator("[data-page-feedback] [role=alert]").inner_text()
    return navigation.value


ACTIONS = {
    "answer_feedback_no_with_a_note": answer_feedback_no_with_a_note,
    "post_too_long_feedback_without_script": post_too_long_feedback_without_script,
    "submit_login_with_wrong_password": submit_login_with_wrong_password,
    "submit_empty_comment": submit_empty_comment,
    "submit_signup_with_a_short_password": submit_signup_with_a_short_password,
    "log_in_as_reader": log_in_as_reader,
    "play_film": play_film,
}
