"""Two app servers on one PostgreSQL and one Redis stay consistent after a publish, a renamed menu
section and a comment approval.

Starts Redis and two gunicorn processes (ports 8311 and 8312, production settings, page cache on),
warms both caches, then publishes a post and approves a comment from a third process on the same
database and Redis (as an editor's or moderator's request on either server would), and checks that
both servers serve the change at once. Prints what it saw; exits non-zero on a stale page.

    DATABASE_URL=postgresql://... .venv/bin/python bench/two_servers.py
"""

import os
import subprocess
import sys
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import GUNICORN, app_env, gunicorn, process, wait_for  # noqa: E402

PORTS = (8311, 8312)
REDIS_PORT = 8313


def fetch(port, path):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as response:
        return response.read().decode(), response.headers.get("X-Page-Cache")


def main():
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database with the demo content loaded.")
    redis_url = f"redis://127.0.0.1:{REDIS_PORT}/0"
    env = app_env(page_cache=True, redis_url=redis_url)
    os.environ.update(env)
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, check=True)
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.contenttypes.models import ContentType

    from blog.models import BlogPage
    from discussion.admin_views import moderate
    from discussion.models import Comment, CommentStatus

    assert Path(GUNICORN).exists(), "gunicorn is not installed in this virtualenv"
    redis = ["redis-server", "--port", str(REDIS_PORT), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    failures = 0
    with process(redis, name="redis"), gunicorn(PORTS[0], env, "app1"), gunicorn(PORTS[1], env, "app2"):
        for port in PORTS:
            wait_for(port)

        post = BlogPage.objects.live().exclude(slug__startswith="bench-").order_by("-date").first()
        for port in PORTS:
            fetch(port, post.url)
            fetch(port, "/blogg/")
            assert fetch(port, post.url)[1] == "hit", "the page cache did not store the post"

        new_title = f"{post.title.split(' (')[0]} (uppdaterad)"
        post.title = new_title
        post.save_revision().publish()
        for port in PORTS:
            for path in (post.url, "/blogg/"):
                html, cache_state = fetch(port, path)
                fresh = new_title in html
                failures += not fresh
                print(f"publish  -> server :{port} {path:<60} {'fresh' if fresh else 'STALE'} ({cache_state})")

        # The main menu is on every page, and each server also remembers it (caching.pagecache keeps local copies).
        index = post.get_parent().specific
        old_index_title = index.title
        index.title = f"{old_index_title} – ny rubrik"
        index.save_revision().publish()
        for port in PORTS:
            for path in ("/", post.url):
                html, cache_state = fetch(port, path)
                fresh = index.title in html
                failures += not fresh
                print(f"menu     -> server :{port} {path:<60} {'fresh' if fresh else 'STALE'} ({cache_state})")
        index.title = old_index_title
        index.save_revision().publish()

        content_type = ContentType.objects.get_for_model(post)
        comment = Comment.objects.filter(
            content_type=content_type, object_pk=str(post.pk), status=CommentStatus.PENDING
        ).first()
        if comment is None:
            comment = Comment.objects.create(
                content_type=content_type,
                object_pk=str(post.pk),
                site_id=1,
                user_name="Provläsare",
                user_email="provlasare@example.se",
                comment="En kommentar som väntar på granskning i testet med två servrar.",
                is_public=False,
                status=CommentStatus.PENDING,
            )
        for port in PORTS:
            fetch(port, post.url)
        moderator = get_user_model().objects.filter(is_superuser=True).first()
        moderate([comment.pk], "approve", moderator)
        for port in PORTS:
            html, cache_state = fetch(port, post.url)
            fresh = comment.comment in html
            failures += not fresh
            print(f"approval -> server :{port} {post.url:<60} {'fresh' if fresh else 'STALE'} ({cache_state})")

    print("Both servers consistent." if not failures else f"{failures} stale responses.")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
