"""The one place that decides a page's comment window. Templates, the form and the post view all ask it."""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from caching import tags

from .models import CommentMode, CommentSettings, LoginRequirement

OPEN = "open"
LOGIN_REQUIRED = "login_required"
CLOSED = "closed"
HIDDEN = "hidden"


@dataclass(frozen=True)
class CommentWindow:
    state: str
    reason: str = ""
    login_required: bool = False
    closes_at: datetime.datetime | None = None

    @property
    def is_open(self):
        return self.state == OPEN

    @property
    def is_hidden(self):
        return self.state == HIDDEN

    @property
    def allows_anonymous(self):
        return self.state == OPEN and not self.login_required


def get_comment_settings(page):
    site = page.get_site()
    return CommentSettings.for_site(site) if site is not None else CommentSettings()


def comment_window(page, user, comment_settings=None, now=None):
    """Open, closed, login required or hidden for this page and this reader, with the reason in Swedish."""
    comment_settings = comment_settings or get_comment_settings(page)
    now = now or timezone.now()

    mode = page.comment_mode
    if mode == CommentMode.DEFAULT:
        mode = CommentMode.OPEN if comment_settings.enabled_by_default else CommentMode.HIDDEN
    if mode == CommentMode.HIDDEN:
        return CommentWindow(HIDDEN, _("Sidan har ingen kommentarsdel."))

    if page.comments_login == LoginRequirement.DEFAULT:
        login_required = comment_settings.login_required
    else:
        login_required = page.comments_login == LoginRequirement.REQUIRED

    if mode == CommentMode.CLOSED:
        return CommentWindow(CLOSED, _("Kommentarerna är stängda för den här sidan."), login_required)

    closes_at = page.comments_close_at
    days = page.comments_close_after_days
    if days is None:
        days = comment_settings.close_after_days
    if days and page.first_published_at:
        by_age = page.first_published_at + datetime.timedelta(days=days)
        closes_at = min(closes_at, by_age) if closes_at else by_age
    if closes_at and now >= closes_at:
        return CommentWindow(CLOSED, _("Tiden för att kommentera har gått ut."), login_required, closes_at)
    if closes_at:
        # A page rendered from this answer goes out of date when commenting closes (caching.tags).
        tags.expires_at(closes_at.timestamp())

    if login_required and not (user is not None and user.is_authenticated):
        return CommentWindow(
            LOGIN_REQUIRED, _("Du måste vara inloggad för att få kommentera."), login_required, closes_at
        )
    return CommentWindow(OPEN, "", login_required, closes_at)
