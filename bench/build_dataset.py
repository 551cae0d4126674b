"""The benchmark's data set: 10,000 pages, among them 2,000 blog posts, 500 case studies and 500 events,
and one post with 300 approved comments from 50 readers. Idempotent: a second run adds nothing.

Pages are cloned from the demo content (so every field, author, tag and county is real) with
Wagtail's copy, which keeps child relations; plain information pages fill up the rest. Each information
page is about one of FILLER_TOPICS and each cloned post has its own date, as on a real site: a common
word then matches a few hundred pages rather than nearly all, and the blog archive spans years.
A data set built before that is brought into the same state in place (align_existing_pages).
Writes bench/out/pages.txt: the pages that bench/run.py measures.
"""

import datetime
import os
import random
import re
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
from wagtail.search.backends import get_search_backends  # noqa: E402

from blog.models import Author, BlogIndexPage, BlogPage  # noqa: E402
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
# The word bench/run.py searches for: in three of the FILLER_TOPICS and one demo post, so about 850 pages
# (8 % of the site) match it, and none of the cloned posts, case studies or events.
SEARCH_WORD = "bredband"
# (title, lead) of the information pages, by page number: one topic in 25 gives ~280 pages per topic.
FILLER_TOPICS = [
    ("Bredband till alla hushåll", "Så får fler hushåll på landsbygden tillgång till snabbt bredband."),
    ("Kollektivtrafik i glesbygd", "Anropsstyrd trafik och skolskjuts samordnas så att fler kan åka kollektivt."),
    ("Lanthandelns framtid", "Lanthandeln är ofta ortens sista servicepunkt och behöver stöd för att överleva."),
    ("Vatten och avlopp", "Enskilda avlopp ska uppfylla miljökraven, och det finns råd om hur de åtgärdas."),
    ("Skolan i byn", "Små skolor håller ihop byn, men elevunderlaget minskar i många socknar."),
    ("Äldreomsorg nära hemmet", "Hemtjänsten får längre resvägar när befolkningen åldras i glesbygden."),
    ("Stöd till företag", "Företag utanför tätorterna kan söka investeringsstöd för att anställa och växa."),
    ("Jordbruk och livsmedel", "Lokalt producerade livsmedel ger arbetstillfällen och kortare transporter."),
    ("Skogen som resurs", "Skogsbruket står för en stor del av sysselsättningen i norra Sverige."),
    ("Turism och friluftsliv", "Besöksnäringen växer när leder, stugor och badplatser rustas upp."),
    (
        "Bostäder på mindre orter",
        "Det saknas hyresbostäder på många mindre orter, och det gör det svårt att flytta dit.",
    ),
    ("Energi och klimat", "Lokala vindkraftverk och solceller kan ge bygden både intäkter och el."),
    ("Idrott och bygdegårdar", "Idrottsklubbar och bygdegårdar är mötesplatser som bygger på ideellt arbete."),
    ("Unga som vill bo kvar", "Unga vill ha jobb, bostad och fritidsaktiviteter för att stanna kvar."),
    ("Kultur och bibliotek", "Biblioteksbussen och lokala kulturhus gör kulturen tillgänglig i hela länet."),
    ("Vården på avstånd", "Digitala vårdmöten kräver bra bredband men kortar avståndet till vården."),
    ("Räddningstjänst och trygghet", "Frivilliga brandvärn och räddningsvärn gör bygden tryggare."),
    ("Enskilda vägar", "Enskilda vägar sköts av vägsamfälligheter som kan få bidrag för underhållet."),
    ("Nyanlända på mindre orter", "Nyanlända som flyttar till mindre orter får hjälp med språk och arbete."),
    ("Fiske och skärgård", "Skärgårdens fiske och båttrafik behöver hamnar och bofasta året runt."),
    ("Rennäring och samiska frågor", "Rennäringen påverkas av gruvor, vindkraft och ett varmare klimat."),
    ("Kompetensförsörjning", "Arbetsgivare i glesbygden har svårt att rekrytera utbildad personal."),
    ("E-tjänster och servicekontor", "Servicekontor hjälper invånare som saknar bredband eller datorvana."),
    ("Befolkning i siffror", "Befolkningsstatistiken visar hur orterna förändras över tid."),
    ("Mark och planering", "Översiktsplanen visar var det går att bygga nya hus utanför tätorterna."),
]
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


def filler_text(section_number, number):
    title, lead = FILLER_TOPICS[(section_number * FILLER_PER_SECTION + number) % len(FILLER_TOPICS)]
    return {"title": f"{title} {section_number}-{number}", "lead": lead}


def post_date(number):
    # One post a day back from today: 2,000 posts span five and a half years.
    return timezone.localdate() - datetime.timedelta(days=number)


def build_pages():
    home = HomePage.objects.get()
    blog_index = BlogIndexPage.objects.get()
    post = BlogPage.objects.child_of(blog_index).exclude(slug__startswith="bench-").first()
    clone(
        post,
        blog_index,
        POSTS,
        "post",
        lambda n: {"title": f"Blogginlägg {n} om kommuner och service", "date": post_date(n)},
    )

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
                section.add_child(instance=StandardPage(slug=f"sida-{number}", **filler_text(section_number, number)))
                remaining -= 1
        progress("information pages", TOTAL_PAGES - remaining, TOTAL_PAGES)
        section_number += 1
    align_existing_pages(home, blog_index)


def align_existing_pages(home, blog_index):
    """Brings pages made by an earlier version of this script to today's texts and dates, in bulk.

    A full rebuild takes half an hour; this takes seconds once and nothing when all is in place. Bulk
    updates send no signals, so the search index is refreshed here for the pages whose text changed;
    bulk updates go through the cache tags like any write (caching.invalidation).
    """
    slug_number = re.compile(r"(\d+)$")
    changed = []
    for section in StandardPage.objects.child_of(home).filter(slug__startswith="bench-arkiv-"):
        section_number = int(slug_number.search(section.slug).group(1))
        for page in StandardPage.objects.child_of(section).only("slug", "title", "draft_title", "lead"):
            wanted = filler_text(section_number, int(slug_number.search(page.slug).group(1)))
            if (page.title, page.draft_title, page.lead) != (wanted["title"], wanted["title"], wanted["lead"]):
                page.title = page.draft_title = wanted["title"]
                page.lead = wanted["lead"]
                changed.append(page)
    if changed:
        StandardPage.objects.bulk_update(changed, ["title", "draft_title", "lead"], batch_size=500)
        ids = [page.pk for page in changed]
        for start in range(0, len(ids), 500):
            batch = list(StandardPage.objects.filter(pk__in=ids[start : start + 500]))
            for backend in get_search_backends():
                backend.add_bulk(StandardPage, batch)
            progress("search index", start + len(batch), len(ids))
    print(f"  information pages brought up to date: {len(changed)}", flush=True)

    dated = []
    posts = BlogPage.objects.child_of(blog_index).filter(slug__regex=r"^bench-post-\d+$").only("slug", "date")
    for post in posts:
        wanted = post_date(int(slug_number.search(post.slug).group(1)))
        if post.date != wanted:
            post.date = wanted
            dated.append(post)
    BlogPage.objects.bulk_update(dated, ["date"], batch_size=1000)
    print(f"  post dates brought up to date: {len(dated)}", flush=True)


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
    blog_index = BlogIndexPage.objects.get()
    topic = blog_index.get_topics()[0]
    author = Author.objects.filter(blog_pages__isnull=False).first()
    pages = {
        "home": "/",
        "blog_index": "/blogg/",
        "post_300_comments": post.url,
        "casestudies_filtered": f"/exempel/?typ=kommun&lan={county.code}",
        "events_index": "/kalender/",
        "search": f"/sok/?q={SEARCH_WORD}",
        # Every event from the last 30 days on: the feed whose size grows with the calendar.
        "calendar_feed": "/kalender/ical/",
        "topic_feed": blog_index.get_topic_feed_url(topic),
        "author_feed": blog_index.get_author_feed_url(author),
    }
    (OUT / "pages.txt").write_text("\n".join(f"{name}={path}" for name, path in pages.items()) + "\n")
    print(f"Data set ready: {Page.objects.count() - 1} pages.")


if __name__ == "__main__":
    main()
