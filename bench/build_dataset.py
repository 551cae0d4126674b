"""The benchmark's data set: 10,000 pages, among them 2,000 blog posts, 500 case studies and 500 events,
and one post with 300 approved comments from 50 readers. Idempotent: a second run adds nothing.

Pages are cloned from the demo content (so every field, author, tag and county is real) with
Wagtail's copy, which keeps child relations; plain information pages fill up the rest.
Writes bench/out/pages.txt: the pages that bench/run.py measures.
"""

import datetime
import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.dev")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from wagtail.models import Page  # noqa: E402

from blog.models import BlogIndexPage, BlogPage  # noqa: E402
from casestudies.models import CaseStudyIndexPage, CaseStudyPage, County, OrganisationType  # noqa: E402
from discussion.demo import _add as add_comment  # noqa: E402
from discussion.models import CommentMode, CommentStatus, LoginRequirement  # noqa: E402
from events.models import EventIndexPage, EventPage  # noqa: E402
from home.models import HomePage, StandardPage  # noqa: E402

TOTAL_PAGES = 10_000
POSTS, CASE_STUDIES, EVENTS = 2_000, 500, 500
COMMENTS, COMMENTERS = 300, 50
COMMENTED_POST_SLUG = "bench-inlagg-med-300-kommentarer"
FILLER_PER_SECTION = 250
OUT = ROOT / "bench" / "out"
rng = random.Random(2026)


def progress(label, done, total):
    if done % 250 == 0 or done == total:
        print(f"  {label}: {done}/{total}", flush=True)


def clone(source, parent, count, label, update):
    existing = type(source).objects.child_of(parent).count()
    for number in range(existing, count):
        with transaction.atomic():
            source.copy(
                to=parent,
                update_attrs={"slug": f"bench-{label}-{number}", **update(number)},
                keep_live=True,
                copy_revisions=False,
                log_action=None,
            )
        progress(label, number + 1, count)


def build_pages():
    home = HomePage.objects.get()
    blog_index = BlogIndexPage.objects.get()
    post = BlogPage.objects.child_of(blog_index).exclude(slug__startswith="bench-").first()
    clone(post, blog_index, POSTS, "post", lambda n: {"title": f"Blogginlägg {n} om kommuner och service"})

    case_index = CaseStudyIndexPage.objects.get()
    case_study = CaseStudyPage.objects.child_of(case_index).exclude(slug__startswith="bench-").first()
    counties = list(County.objects.all())
    types = [choice for choice, _label in OrganisationType.choices]
    clone(
        case_study,
        case_index,
        CASE_STUDIES,
        "case",
        lambda n: {
            "title": f"Gott exempel {n}",
            "county": counties[n % len(counties)],
            "municipality": None,
            "organisation_type": types[n % len(types)],
        },
    )

    event_index = EventIndexPage.objects.get()
    event = EventPage.objects.child_of(event_index).exclude(slug__startswith="bench-").filter(cancelled=False).first()
    now = timezone.now().replace(minute=0, second=0, microsecond=0)

    def event_dates(n):
        start = now + datetime.timedelta(days=n - EVENTS // 5, hours=n % 5)
        return {
            "title": f"Seminarium {n}",
            "start": start,
            "end": start + datetime.timedelta(hours=1),
            "registration_deadline": timezone.localdate(start) - datetime.timedelta(days=1),
        }

    clone(event, event_index, EVENTS, "event", event_dates)

    remaining = TOTAL_PAGES - (Page.objects.count() - 1)
    section_number = 0
    while remaining > 0:
        slug = f"bench-arkiv-{section_number}"
        section = StandardPage.objects.child_of(home).filter(slug=slug).first()
        if section is None:
            section = StandardPage(title=f"Arkiv {section_number}", slug=slug, lead="Äldre information.")
            home.add_child(instance=section)
            remaining -= 1
        have = section.get_children().count()
        with transaction.atomic():
            for number in range(have, min(FILLER_PER_SECTION, have + remaining)):
                section.add_child(
                    instance=StandardPage(
                        title=f"Informationssida {section_number}-{number}",
                        slug=f"sida-{number}",
                        lead="En sida om landsbygdsutveckling i kommunerna.",
                    )
                )
                remaining -= 1
        progress("information pages", TOTAL_PAGES - remaining, TOTAL_PAGES)
        section_number += 1


def build_comments():
    blog_index = BlogIndexPage.objects.get()
    post = BlogPage.objects.child_of(blog_index).filter(slug=COMMENTED_POST_SLUG).first()
    if post is None:
        source = BlogPage.objects.child_of(blog_index).exclude(slug__startswith="bench-").first()
        post = source.copy(
            to=blog_index,
            update_attrs={"slug": COMMENTED_POST_SLUG, "title": "Inlägget med trehundra kommentarer"},
            keep_live=True,
            copy_revisions=False,
            log_action=None,
        )
    post.comment_mode = CommentMode.OPEN
    post.comments_login = LoginRequirement.REQUIRED
    post.save()
    User = get_user_model()
    readers = []
    for number in range(COMMENTERS):
        reader, _created = User.objects.get_or_create(
            username=f"bench-lasare-{number}", defaults={"email": f"bench-lasare-{number}@example.se"}
        )
        readers.append(reader)
    top_level = []
    for number in range(COMMENTS):
        reader = readers[number % COMMENTERS]
        parent = top_level[number % len(top_level)] if number % 4 == 3 and top_level else None
        comment, _created = add_comment(
            post,
            f"Läsare {number % COMMENTERS}",
            f"Kommentar nummer {number}: så gör vi hos oss i kommunen.",
            CommentStatus.APPROVED,
            parent=parent,
            user=reader,
            minutes_ago=COMMENTS - number,
        )
        if parent is None:
            top_level.append(comment)
    print(f"  comments: {COMMENTS} on {post.url}", flush=True)
    return post


def main():
    call_command("load_demo_content", "--no-admin")
    build_pages()
    post = build_comments()
    county = County.objects.filter(case_studies__organisation_type="kommun").first()
    OUT.mkdir(exist_ok=True)
    pages = {
        "home": "/",
        "blog_index": "/blogg/",
        "post_300_comments": post.url,
        "casestudies_filtered": f"/exempel/?typ=kommun&lan={county.code}",
        "events_index": "/kalender/",
        "search": "/sok/?q=kommunerna",
    }
    (OUT / "pages.txt").write_text("\n".join(f"{name}={path}" for name, path in pages.items()) + "\n")
    print(f"Data set ready: {Page.objects.count() - 1} pages.")


if __name__ == "__main__":
    main()
