"""Every public page type and state, in one place, with the demo content loaded.

The security-header tests (tests/test_security_headers.py) and the browser tests
(tests/browser/) are parametrized by this list: a new page type is checked everywhere by
adding one line here.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class PublicPage:
    name: str
    path: str
    # The HTTP status of the page in its final state (after the action, if any).
    status: int = 200
    # Pages without a POST form must not set any cookie for an anonymous reader.
    cookie_free: bool = True
    # A named browser action (see ACTIONS in tests/browser/helpers.py) that brings the page
    # to the state under test, e.g. a submitted form with errors or a film after the click.
    action: str = ""
    # Hosts the page may contact in this state: only a film the reader chose to play.
    other_hosts: tuple = ()

    def __str__(self):
        return self.name


FILM_POST = "/exempel/regionen-som-horde-fler-roster/"
OPEN_COMMENTS_POST = "/blogg/unga-som-vill-stanna/"
LOGIN_REQUIRED_POST = "/blogg/servicepunkter-som-haller-ihop-bygden/"

PUBLIC_PAGES = [
    PublicPage("home", "/"),
    PublicPage("blog-index", "/blogg/"),
    PublicPage("blog-tag-filter", "/blogg/?tagg=lokal-utveckling"),
    # The modelled post: five comments, closed for more.
    PublicPage("blog-post-comments-closed", "/blogg/livskraftiga-landsbygder-bygger-pa-manga-roster/"),
    PublicPage("blog-post-login-required", LOGIN_REQUIRED_POST),
    PublicPage("blog-post-logged-in-reader", LOGIN_REQUIRED_POST, cookie_free=False, action="log_in_as_reader"),
    PublicPage("blog-post-comment-form", OPEN_COMMENTS_POST, cookie_free=False),
    PublicPage(
        "blog-post-comment-errors", OPEN_COMMENTS_POST, status=400, cookie_free=False, action="submit_empty_comment"
    ),
    PublicPage("blog-author", "/blogg/forfattare/karin-lindqvist/"),
    PublicPage("case-study-index", "/exempel/"),
    PublicPage("case-study-filtered", "/exempel/?typ=kommun&tema=finansiering"),
    PublicPage("case-study-filter-no-results", "/exempel/?lan=10"),
    PublicPage("case-study-filter-bad-input", "/exempel/?typ=finns-inte", status=400),
    PublicPage("case-study", "/exempel/kommunen-som-finansierar-landsbygdsutveckling-med-invanarna/"),
    PublicPage("case-study-film", FILM_POST),
    PublicPage("case-study-film-playing", FILM_POST, action="play_film", other_hosts=("www.youtube-nocookie.com",)),
    PublicPage("events-upcoming", "/kalender/"),
    PublicPage("events-past", "/kalender/tidigare/"),
    PublicPage("events-filtered", "/kalender/?format=digitalt"),
    PublicPage("events-filter-bad-input", "/kalender/?format=finns-inte", status=400),
    PublicPage("event-series", "/kalender/digitala-lunchcafeer/"),
    PublicPage("event", "/kalender/digitala-lunchcafeer/service-pa-landsbygden/"),
    PublicPage("event-cancelled", "/kalender/studiebesok-i-en-servicepunkt/"),
    PublicPage("search-results", "/sok/?q=kommun"),
    PublicPage("search-empty", "/sok/"),
    PublicPage("not-found", "/finns-inte/", status=404),
    PublicPage("privacy", "/personuppgifter/"),
    PublicPage("accessibility-statement", "/tillganglighet/"),
    # "Var sidan till hjälp?": "Nej" opened, a note sent and thanked in place (JavaScript), and a
    # note too long posted without the script, which brings back the page with the reason (400).
    PublicPage("page-feedback-thanked", "/tillganglighet/", action="answer_feedback_no_with_a_note"),
    PublicPage(
        "page-feedback-too-long", "/tillganglighet/", status=400, action="post_too_long_feedback_without_script"
    ),
    PublicPage("login", "/konto/login/", cookie_free=False),
    PublicPage("login-errors", "/konto/login/", cookie_free=False, action="submit_login_with_wrong_password"),
    PublicPage("signup", "/konto/signup/", cookie_free=False),
    PublicPage(
        "signup-errors", "/konto/signup/", status=400, cookie_free=False, action="submit_signup_with_a_short_password"
    ),
    PublicPage("password-change", "/konto/password/change/", cookie_free=False, action="log_in_as_reader"),
    PublicPage("subscribe", "/prenumerera/", cookie_free=False),
    PublicPage("subscribe-sent", "/prenumerera/tack/"),
    PublicPage("subscribe-bad-link", "/prenumerera/bekrafta/forfalskad/", status=400),
    PublicPage("sitemap", "/webbplatskarta/"),
]


def page_ids(pages):
    return [page.name for page in pages]
