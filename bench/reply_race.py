"""Concurrent replies at every depth against gunicorn (2 workers) on PostgreSQL: each reply gets its
own place in its thread, all are shown once approved, none fails.

Picks a demo blog post, opens it to anonymous comments three levels deep, adds a thread of seven
approved comments (depths 0-2), then sends ROUNDS rounds of 40 replies at once, spread over those
comments, each from its own address (X-Forwarded-For, TRUSTED_PROXY_COUNT=1) so the rate limit
does not refuse them. Prints per round the answers by status code, the number of duplicated
`order` values in the thread, and after approving everything, how many approved comments the page
does not show. Exits non-zero on any 5xx, duplicate or missing reply. Removes what it added.

    DATABASE_URL=postgresql://... .venv/bin/python bench/reply_race.py
"""

import collections
import os
import re
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import app_env, gunicorn, wait_for  # noqa: E402

PORT = 8401
ROUNDS = 5
REPLIES_PER_ROUND = 40


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def fetch(path):
    with urllib.request.urlopen(f"http://127.0.0.1:{PORT}{path}", timeout=60) as response:
        return response.read().decode()


def post(data, address):
    request = urllib.request.Request(
        f"http://127.0.0.1:{PORT}/kommentarer/skicka/",
        data=urllib.parse.urlencode(data).encode(),
        headers={"X-Forwarded-For": address},
    )
    try:
        with OPENER.open(request, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def hidden_fields(html):
    form = html[html.index('class="comment-form"') :]
    return {
        name: re.search(rf'name="{name}" value="([^"]*)"', form).group(1)
        for name in ("content_type", "object_pk", "timestamp", "security_hash")
    }


def main():
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database with the demo content loaded.")
    env = app_env(page_cache=False)
    env["TRUSTED_PROXY_COUNT"] = "1"
    os.environ.update(env)
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, check=True)
    import django

    django.setup()
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Site

    from blog.models import BlogPage
    from discussion.models import Comment, CommentSettings, CommentStatus

    site = Site.objects.get(is_default_site=True)
    comment_settings = CommentSettings.for_site(site)
    saved_settings = (comment_settings.reply_depth, comment_settings.moderation_policy)
    comment_settings.reply_depth, comment_settings.moderation_policy = 3, "hold_all"
    comment_settings.save()
    page = BlogPage.objects.live().order_by("-date").first()
    saved_page = (page.comment_mode, page.comments_login, page.comments_close_at)
    page.comment_mode, page.comments_login, page.comments_close_at = "open", "anonymous", None
    page.save_revision().publish()
    content_type = ContentType.objects.get_for_model(page)
    before = set(Comment.objects.values_list("pk", flat=True))

    def add(text, parent=None):
        comment = Comment(
            content_type=content_type,
            object_pk=str(page.pk),
            site_id=1,
            user_name="Bänkläsare",
            user_email="bank@example.se",
            comment=text,
            is_public=True,
            status=CommentStatus.APPROVED,
            parent_id=parent.pk if parent else 0,
        )
        comment.save()
        return comment

    failures = 0
    try:
        with gunicorn(PORT, env, "reply-race"):
            wait_for(PORT)
            root = add("Bänk: överst")
            level1 = [add(f"Bänk: nivå 1 nr {i}", root) for i in range(2)]
            level2 = [add(f"Bänk: nivå 2 nr {i}", level1[i % 2]) for i in range(4)]
            parents = [root, *level1, *level2]
            fields = hidden_fields(fetch(page.url))
            for round_number in range(ROUNDS):
                statuses = [None] * REPLIES_PER_ROUND
                barrier = threading.Barrier(REPLIES_PER_ROUND)

                def send(n, round_number=round_number, statuses=statuses, barrier=barrier):
                    parent = parents[n % len(parents)]
                    data = {
                        **fields,
                        "reply_to": parent.pk,
                        "name": f"Svarare {n}",
                        "email": f"svar{round_number}-{n}@example.se",
                        "comment": f"Bänk: svar {n} i omgång {round_number} till {parent.pk}.",
                        "website": "",
                    }
                    barrier.wait()
                    statuses[n] = post(data, f"10.{round_number}.{n // 250}.{n % 250 + 1}")

                threads = [threading.Thread(target=send, args=(n,)) for n in range(REPLIES_PER_ROUND)]
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join()
                orders = list(Comment.objects.filter(thread_id=root.pk).values_list("order", flat=True))
                duplicates = len(orders) - len(set(orders))
                errors = sum(1 for status in statuses if status is None or status >= 500)
                failures += duplicates + errors
                print(
                    f"round {round_number + 1}: answers {dict(collections.Counter(statuses))}, "
                    f"duplicated order values {duplicates}"
                )
            Comment.objects.filter(thread_id=root.pk, status=CommentStatus.PENDING).update(
                status=CommentStatus.APPROVED, is_public=True
            )
            html = fetch(page.url)
            shown = set(map(int, re.findall(r'id="kommentar-(\d+)"', html)))
            approved = set(Comment.objects.filter(thread_id=root.pk).values_list("pk", flat=True))
            missing = len(approved - shown)
            failures += missing
            print(f"approved replies in the thread {len(approved)}, missing from the page {missing}")
    finally:
        Comment.objects.exclude(pk__in=before).delete()
        comment_settings.reply_depth, comment_settings.moderation_policy = saved_settings
        comment_settings.save()
        page.comment_mode, page.comments_login, page.comments_close_at = saved_page
        page.save_revision().publish()
    print("All replies placed and shown." if not failures else f"{failures} failures.")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
