"""Finding broken links and keeping the report up to date.

`record()` is the one place that writes BrokenLink: for one page and one kind of link it keeps the
date a link was first seen broken, adds new ones and deletes those that work again or are gone.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from . import external
from .extract import external_links, internal_references
from .models import BrokenLink


def _internal_findings(page):
    """[(url, text, reason)] for links to pages that are deleted or unpublished, or files that are gone."""
    references = internal_references(page)
    by_model = {}
    for reference in references:
        by_model.setdefault(reference.model, set()).add(reference.object_id)
    existing = {
        model: {str(pk): obj for pk, obj in model._default_manager.in_bulk(list(ids)).items()}
        for model, ids in by_model.items()
    }
    findings = {}
    for reference in references:
        target = existing[reference.model].get(reference.object_id)
        if target is None:
            url = _("%(kind)s %(id)s") % {"kind": reference.model._meta.verbose_name, "id": reference.object_id}
            reason = _("Finns inte längre (borttagen)")
        elif isinstance(target, Page) and not target.live:
            url = target.get_url() or target.url_path
            reason = _("Sidan är inte publicerad")
        else:
            continue
        text = reference.text or getattr(target, "title", "") or reference.where
        findings.setdefault(url, (text, None, reason))
    return findings


@transaction.atomic
def record(page, kind, findings):
    """Make the page's BrokenLink rows of this kind match `findings` {url: (text, status, reason)}."""
    now = timezone.now()
    rows = BrokenLink.objects.select_for_update().filter(page=page, kind=kind)
    current = {row.url: row for row in rows}
    for url, row in current.items():
        if url not in findings:
            row.delete()
    for url, (text, status_code, reason) in findings.items():
        row = current.get(url)
        if row is None:
            BrokenLink.objects.create(
                page=page, kind=kind, url=url[:2000], text=text[:500], status_code=status_code,
                reason=reason[:300], first_seen_at=now, last_checked_at=now,
            )  # fmt: skip
        else:
            row.text, row.status_code, row.reason, row.last_checked_at = text[:500], status_code, reason[:300], now
            row.save(update_fields=["text", "status_code", "reason", "last_checked_at"])


def check_internal_links(page):
    """Check one page's internal links (on publish, and for the pages linking to one unpublished or deleted)."""
    page = page.specific
    if not page.live:
        BrokenLink.objects.filter(page=page).delete()
        return 0
    findings = _internal_findings(page)
    record(page, BrokenLink.Kind.INTERNAL, findings)
    return len(findings)


def live_pages(batch=200):
    """Every live page but the root, as its page type, a batch at a time (no cursor held open)."""
    ids = list(Page.objects.live().filter(depth__gt=1).order_by("path").values_list("pk", flat=True))
    for start in range(0, len(ids), batch):
        yield from Page.objects.filter(pk__in=ids[start : start + batch]).order_by("path").specific()


def check_all_links(include_external=True):
    """The nightly run: every live page's internal links, and every external address once.

    Returns (pages, broken internal, external addresses asked, broken external)."""
    BrokenLink.objects.exclude(page__in=Page.objects.live()).delete()
    pages, internal_broken, links_of = 0, 0, {}
    for page in live_pages():
        pages += 1
        findings = _internal_findings(page)
        record(page, BrokenLink.Kind.INTERNAL, findings)
        internal_broken += len(findings)
        if include_external:
            links_of[page.pk] = (page, external_links(page))
    if not include_external:
        return pages, internal_broken, 0, 0
    results = external.check_urls(link.url for _page, links in links_of.values() for link in links)
    external_broken = 0
    for page, links in links_of.values():
        findings = {
            link.url: (link.text, results[link.url].status_code, results[link.url].reason)
            for link in links
            if not results[link.url].ok
        }
        # An address that was not asked (a private network) keeps no verdict either way.
        record(page, BrokenLink.Kind.EXTERNAL, findings)
        external_broken += len(findings)
    return pages, internal_broken, len(results), external_broken
