"""The approved comments of a page as HTML, built in Python.

Why not a template per comment: a popular post has hundreds of comments, and an `{% include %}` plus
Django's date filter per comment cost more than the whole rest of the page (about 100 ms for 300
comments on these machines, against a few here). The markup is the one the template had; keep
them in step with templates/components/comments.html.
"""

from html import escape

from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.html import linebreaks
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

REPLY_URL_PLACEHOLDER = 999999999


def _paragraphs(text):
    """Django's |linebreaks; most comments are one paragraph, which needs no regular expression."""
    if "\n" not in text and "\r" not in text:
        return f"<p>{escape(text)}</p>"
    return linebreaks(text, autoescape=True)


def render_comment_tree(
    roots, reply_depth, replies_open, official_badge="", agency_reply=None, moderator_links=False, page_path=""
):
    """`official_badge` marks the agency's replies. For staff only (logged in, so never for cached
    pages): `agency_reply` (the agency's name) adds "Svara som <agency>" under each comment, and
    `moderator_links` a link to correct it (discussion/corrections.py)."""
    reply_url = reverse("discussion_reply", args=[REPLY_URL_PLACEHOLDER])
    badge = f'<span class="comment__badge">{escape(str(official_badge))}</span> ' if official_badge else ""
    if agency_reply:
        from .official import agency_reply_url

        agency_url = escape(agency_reply_url(REPLY_URL_PLACEHOLDER, page_path))
        agency_text = escape(_("Svara som %(agency)s") % {"agency": agency_reply})
    if moderator_links:
        from .corrections import correction_url

        correct_url = escape(correction_url(REPLY_URL_PLACEHOLDER))
        correct_text = escape(_("Ändra texten"))
    reply_text = escape(_("Svara"))
    # "Anmäl" (discussion/reports.py): a plain link, the same for every reader.
    report_url = reverse("discussion_report", args=[REPLY_URL_PLACEHOLDER])
    report_text = escape(_("Anmäl"))
    report_about = _("kommentaren från %(name)s")
    reply_about = _("på kommentaren från %(name)s")
    zone = timezone.get_current_timezone()
    months = {number: str(name) for number, name in MONTHS.items()}  # translated once, not per comment
    edited_mark = f' <span class="comment__edited">{escape(_("Redigerad"))}</span>'
    moderator_mark = f' <span class="comment__edited">{escape(_("Redigerad av moderator"))}</span>'
    placeholder = escape(_("Kommentaren har tagits bort av skribenten"))
    parts = []

    def _mark(comment):
        if comment.moderator_edited_at:
            return moderator_mark
        return edited_mark if comment.edited_at else ""

    def render_children(node):
        if node["children"]:
            parts.append('<ol class="comment-list comment-list--replies">')
            for child in node["children"]:
                render(child)
            parts.append("</ol>")

    def render_placeholder(node):
        parts.append(
            f'<li class="comment comment--deleted" id="kommentar-{node["comment"].pk}">'
            f'<p class="comment__placeholder">{placeholder}</p>'
        )
        render_children(node)
        parts.append("</li>")

    def render(node):
        comment = node["comment"]
        pk = comment.pk
        if node.get("deleted"):
            render_placeholder(node)
            return
        name = escape(comment.user_name)
        local = comment.submit_date.astimezone(zone)
        shown = f"{local.day} {months[local.month]} {local.year} {local:%H:%M}"
        official = comment.is_official
        parts.append(
            f'<li class="comment{" comment--official" if official else ""}" id="kommentar-{pk}">'
            f'<article aria-labelledby="kommentar-{pk}-namn">'
            f'<p class="comment__meta"><span class="comment__author" id="kommentar-{pk}-namn">{name}</span> '
            f"{badge if official else ''}"
            f'<time datetime="{local.isoformat(timespec="seconds")}">{shown}</time>{_mark(comment)}</p>'
            f'<div class="comment__text">{_paragraphs(comment.comment)}</div>'
        )
        if replies_open and comment.level < reply_depth:
            about = escape(reply_about % {"name": comment.user_name})
            url = reply_url.replace(str(REPLY_URL_PLACEHOLDER), str(pk))
            parts.append(
                f'<p class="comment__reply"><a href="{url}" data-reply-to="{pk}">{reply_text}'
                f'<span class="visually-hidden"> {about}</span></a></p>'
            )
        url = report_url.replace(str(REPLY_URL_PLACEHOLDER), str(pk))
        about = escape(report_about % {"name": comment.user_name})
        parts.append(
            f'<p class="comment__report"><a href="{url}" rel="nofollow">{report_text}'
            f'<span class="visually-hidden"> {about}</span></a></p>'
        )
        if agency_reply or moderator_links:
            about = escape(reply_about % {"name": comment.user_name})
            links = []
            if agency_reply:
                url = agency_url.replace(str(REPLY_URL_PLACEHOLDER), str(pk))
                links.append(f'<a href="{url}">{agency_text}<span class="visually-hidden"> {about}</span></a>')
            if moderator_links:
                url = correct_url.replace(str(REPLY_URL_PLACEHOLDER), str(pk))
                links.append(f'<a href="{url}">{correct_text}<span class="visually-hidden"> {about}</span></a>')
            parts.append(f'<p class="comment__agency-reply">{" · ".join(links)}</p>')
        parts.append("</article>")
        render_children(node)
        parts.append("</li>")

    for root in roots:
        render(root)
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped
