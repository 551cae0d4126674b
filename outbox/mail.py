"""Queueing e-mail: the one way the site sends mail.

    queue_email(to=..., template="discussion/email/comment_published", context={...},
                unsubscribe_url=..., dedupe_key=f"comment-published:{comment.pk}")

renders `<template>_subject.txt`, `<template>.txt` and, where it exists, `<template>.html`, stores an
`OutgoingEmail` and has the task worker deliver it once the surrounding transaction commits.
Nothing is sent inside a request, so a slow or hung mail server never holds a reader's page.
"""

import logging
from email.utils import parseaddr

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation

from .models import OutgoingEmail

logger = logging.getLogger(__name__)

# RFC 2822 headers may not carry line breaks: a name or subject with one would add a header.
_LINE_BREAKS = str.maketrans({"\r": " ", "\n": " ", "\x00": " "})


def sender_name():
    """The agency's name as readers know it (Webbplatsinställningar), for the From header."""
    from wagtail.models import Site

    from website.models import SiteSettings

    site = Site.objects.filter(is_default_site=True).first()
    if site is not None:
        return SiteSettings.for_site(site).organisation_name
    return settings.WAGTAIL_SITE_NAME


def from_address():
    """`Agency name <address>`; Django encodes the name when the message is sent."""
    _name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    name = "".join(char for char in sender_name().translate(_LINE_BREAKS) if char not in '"<>,;:@\\').strip()
    return f"{name} <{address or settings.DEFAULT_FROM_EMAIL}>" if name else address


def unsubscribe_headers(url):
    """One-click unsubscribe (RFC 8058): mail clients POST `List-Unsubscribe=One-Click` to `url`."""
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def render_email(template, context):
    """(subject, text, html) in Swedish; html is "" when the template has no HTML part."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"{template}_subject.txt", context)
        text = render_to_string(f"{template}.txt", context)
        try:
            html = render_to_string(f"{template}.html", context)
        except TemplateDoesNotExist:
            html = ""
    return " ".join(subject.translate(_LINE_BREAKS).split()), text, html


def queue_email(*, to, template, context, unsubscribe_url=None, dedupe_key=None, headers=None):
    """Store the message and deliver it after commit. Returns the row, or None when `dedupe_key` was used."""
    to = (to or "").strip()
    if not to or any(char in to for char in "\r\n\x00"):
        logger.warning("Not queueing mail to an empty or malformed address")
        return None
    context = {"unsubscribe_url": unsubscribe_url, "agency_name": sender_name(), **context}
    subject, text, html = render_email(template, context)
    all_headers = dict(headers or {})
    if unsubscribe_url:
        all_headers.update(unsubscribe_headers(unsubscribe_url))
    message = OutgoingEmail(
        to=to,
        from_email=from_address(),
        subject=subject,
        body_text=text,
        body_html=html,
        headers=all_headers,
        dedupe_key=dedupe_key,
    )
    try:
        with transaction.atomic():
            message.save()
    except IntegrityError:
        if dedupe_key and OutgoingEmail.objects.filter(dedupe_key=dedupe_key).exists():
            return None
        raise
    schedule_delivery([message.pk])
    return message


def schedule_delivery(message_ids):
    """Hand the messages to the worker once the rows are visible to it (after commit)."""
    from .tasks import deliver_email

    ids = list(message_ids)
    if ids:
        transaction.on_commit(lambda: [deliver_email.enqueue(message_id) for message_id in ids])
