"""Demo content: page owners (units, never a real person's name), set on the sections and inherited below."""

import datetime

from wagtail.models import Page

from .models import PageOwner, PageReview
from .review import refresh

OWNERS = [
    {
        "name": "Kommunikationsenheten",
        "role": "ansvarar för webbplatsen som helhet",
        "email": "webb@example.se",
        "show_email": True,
    },
    {
        "name": "Enheten för lokal utveckling",
        "role": "skriver om lokalt utvecklingsarbete och samlar goda exempel",
        "email": "lokalutveckling@example.se",
        "show_email": True,
        "phone": "010-000 00 10",
    },
    {
        "name": "Evenemangsgruppen",
        "role": "planerar caféer, seminarier och konferenser",
        "email": "evenemang@example.se",
        "phone": "010-000 00 20",
    },
    {
        "name": "Dataskyddsombudet",
        "role": "svarar på frågor om hur vi behandlar personuppgifter",
        "email": "dataskydd@example.se",
        "show_email": True,
    },
]

# Which owner answers for which page (by its path of slugs below the home page; "" is the home page),
# and, for some, a review interval of their own in months.
ASSIGNMENTS = [
    ("", "Kommunikationsenheten", None),
    ("blogg", "Enheten för lokal utveckling", None),
    ("exempel", "Enheten för lokal utveckling", None),
    ("kalender", "Evenemangsgruppen", 6),
    ("personuppgifter", "Dataskyddsombudet", None),
]

# A page reviewed long ago, so the dashboard's "Sidor att granska" has something to show.
OVERDUE = ("tillganglighet", datetime.datetime(2025, 9, 1, 10, 0, tzinfo=datetime.UTC))


def _page(home, slug):
    if not slug:
        return home.specific
    page = home.get_children().filter(slug=slug).first()
    return page.specific if page else None


def load(context):
    owners = {}
    for fields in OWNERS:
        owner, created = PageOwner.objects.get_or_create(name=fields["name"], defaults=fields)
        owners[owner.name] = owner
        if created:
            context.log(f"page owner {owner.name}")
    for slug, owner_name, interval in ASSIGNMENTS:
        page = _page(context.home, slug)
        if page is None or getattr(page, "page_owner_id", None):
            continue
        page.page_owner = owners[owner_name]
        page.review_interval_months = interval
        page.save_revision().publish()
        context.log(f"owner of {page.title}")
    refresh(Page.objects.filter(depth__gt=1))
    slug, reviewed_at = OVERDUE
    page = _page(context.home, slug)
    if page is not None:
        updated = PageReview.objects.filter(page_id=page.pk, last_reviewed_at__isnull=True).update(
            last_reviewed_at=reviewed_at
        )
        if updated:
            refresh(Page.objects.filter(pk=page.pk))
            context.log(f"review date of {page.title}")
