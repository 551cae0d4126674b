"""Fault runs against production settings (not a test): Redis stopped and frozen, concurrent replies.

Starts redis-server (no persistence) and gunicorn with 2 workers (production settings, page
cache on, Redis as the shared cache) on a database with the demo content, then, for each round:
reads pages and posts anonymous comments while Redis runs, while it is stopped, after it is back,
while it is frozen (SIGSTOP) and after it is thawed. Prints, per phase, the requests, the 5xx
answers and the slowest answer; then the comments that were answered as accepted (303) and are
not in the database (lost: must be 0).

With --pgdata (the data directory of a PostgreSQL cluster of its own, that DATABASE_URL points to)
each round also restarts PostgreSQL (`pg_ctl restart -m fast`, as the cluster's owner) at the start of
a phase and reads and posts through it and after it. Never point it at a shared cluster: make one,
e.g. `runuser -u postgres -- /usr/lib/postgresql/15/bin/initdb -D /tmp/pg-faults` and start it with
`pg_ctl -D /tmp/pg-faults -o "-p 8390 -k /tmp" start`, then migrate and load the demo content into it.

    DATABASE_URL=postgresql://... .venv/bin/python bench/faults.py [--rounds 3] [--seconds 6] [--pgdata DIR]
"""

import argparse
import contextlib
import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import GUNICORN, app_env, gunicorn, wait_for  # noqa: E402
from tests.public_pages import OPEN_COMMENTS_POST, PUBLIC_PAGES  # noqa: E402

APP_PORT, REDIS_PORT = 8321, 8320
PAGES = [page.path for page in PUBLIC_PAGES if not page.action and page.status == 200]


class RedisServer:
    """redis-server on REDIS_PORT that can be stopped and started again; always ended on exit."""

    def __init__(self, args):
        self.args, self.proc = args, None

    def start(self):
        self.proc = subprocess.Popen(self.args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, f"redis-server did not start (is port {REDIS_PORT} free?)"
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", REDIS_PORT), timeout=1) as s:
                s.sendall(b"PING\r\n")
                if s.recv(16).startswith(b"+PONG"):
                    return
            time.sleep(0.05)
        raise RuntimeError("redis-server did not answer")

    def stop(self):
        if self.proc is not None:
            self.proc.send_signal(signal.SIGCONT)
            self.proc.terminate()
            self.proc.wait(timeout=15)
            self.proc = None

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()


def request(method, path, body=None, headers=None, timeout=30):
    connection = http.client.HTTPConnection("127.0.0.1", APP_PORT, timeout=timeout)
    started = time.monotonic()
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        content = response.read()
        return response.status, content, time.monotonic() - started, response.getheader("X-Page-Cache")
    except (OSError, http.client.HTTPException):
        return 599, b"", time.monotonic() - started, None
    finally:
        connection.close()


def form_fields():
    status, html, _elapsed, _cache_state = request("GET", OPEN_COMMENTS_POST)
    assert status == 200, f"{OPEN_COMMENTS_POST} answered {status}"
    form = html.decode()[html.decode().index('class="comment-form"') :]
    return {
        name: re.search(rf'name="{name}" value="([^"]*)"', form).group(1)
        for name in ("content_type", "object_pk", "timestamp", "security_hash")
    }


class Phase:
    def __init__(self, name):
        self.name, self.requests, self.errors, self.slowest, self.hits = name, 0, 0, 0.0, 0
        self.posted, self.accepted, self.refused = 0, [], 0

    def count(self, status, elapsed):
        self.requests += 1
        self.errors += status >= 500
        self.slowest = max(self.slowest, elapsed)


def run_phase(phase, seconds, fields, reader_base):
    deadline = time.monotonic() + seconds
    n = 0
    while time.monotonic() < deadline:
        path = PAGES[n % len(PAGES)]
        status, _content, elapsed, cache_state = request("GET", path)
        phase.count(status, elapsed)
        phase.hits += cache_state == "hit"
        if n % 4 == 0:
            text = f"Felkörning {uuid.uuid4().hex}"
            data = {**fields, "name": "Skogsbo", "email": "fel@example.se", "comment": text, "website": ""}
            # A new reader each time (TRUSTED_PROXY_COUNT=1): the rate limit is per address.
            reader = f"10.{reader_base}.{n // 250 % 250}.{n % 250 + 1}"
            status, _content, elapsed, _cache_state = request(
                "POST",
                "/kommentarer/skicka/",
                body=urllib.parse.urlencode(data),
                headers={"Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": reader},
            )
            phase.count(status, elapsed)
            phase.posted += 1
            if status == 303:
                phase.accepted.append(text)
            elif status == 429:
                phase.refused += 1
        n += 1


REPLIES = 40


def reply_order_check(fields):
    """REPLIES replies at once to one comment, at depth 1 and depth 2: each stored once, each with
    its own `order` in the thread, no 5xx (the concurrent-reply fix of the comments line)."""
    from concurrent.futures import ThreadPoolExecutor

    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone
    from wagtail.models import Site

    from discussion.models import Comment, CommentSettings, CommentStatus

    app_label, model = fields["content_type"].split(".")
    content_type = ContentType.objects.get_by_natural_key(app_label, model)
    comment_settings = CommentSettings.for_site(Site.objects.get(is_default_site=True))
    depth_before = comment_settings.reply_depth
    comment_settings.reply_depth = 2
    comment_settings.save()
    root = Comment(
        content_type=content_type,
        object_pk=fields["object_pk"],
        site_id=1,
        user_name="Trådstartare",
        user_email="trad@example.se",
        comment=f"Trådstart {uuid.uuid4().hex}",
        submit_date=timezone.now(),
        is_public=True,
        status=CommentStatus.APPROVED,
    )
    root.save()
    lines = []
    try:
        parent = root
        for depth in (1, 2):
            tag = uuid.uuid4().hex[:8]

            def post(number, parent=parent, tag=tag, depth=depth):
                data = {
                    **fields,
                    "reply_to": str(parent.pk),
                    "name": f"Svarare {number}",
                    "email": f"svar{number}@example.se",
                    "comment": f"Svar {tag} nummer {number}",
                    "website": "",
                }
                reader = f"10.{200 + depth}.{number // 250}.{number % 250 + 1}"
                return request(
                    "POST",
                    "/kommentarer/skicka/",
                    body=urllib.parse.urlencode(data),
                    headers={"Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": reader},
                )[0]

            with ThreadPoolExecutor(REPLIES) as pool:
                statuses = list(pool.map(post, range(REPLIES)))
            replies = Comment.objects.filter(comment__startswith=f"Svar {tag} ")
            replies.update(status=CommentStatus.APPROVED, is_public=True)
            orders = list(Comment.objects.filter(thread_id=root.thread_id).values_list("order", flat=True))
            lines.append(
                f"replies at depth {depth}: {REPLIES} sent, {statuses.count(303)} answered 303, "
                f"{sum(status >= 500 for status in statuses)} 5xx, {replies.count()} stored, "
                f"{len(orders) - len(set(orders))} duplicated order values in the thread"
            )
            parent = replies.order_by("pk").first()
    finally:
        Comment.objects.filter(thread_id=root.thread_id).delete()
        comment_settings.reply_depth = depth_before
        comment_settings.save()
    return lines


def restart_postgres(pg_ctl, pgdata):
    owner = Path(pgdata).owner()
    command = [pg_ctl, "-D", pgdata, "-w", "-t", "30", "restart", "-m", "fast"]
    if owner != os.environ.get("USER", "") and os.geteuid() == 0:
        command = ["runuser", "-u", owner, "--", *command]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=6, help="length of each phase")
    parser.add_argument("--pgdata", help="data directory of a private PostgreSQL cluster to restart")
    parser.add_argument("--pg-ctl", default="/usr/lib/postgresql/15/bin/pg_ctl")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL"):
        sys.exit("Set DATABASE_URL to a database with the demo content loaded (PostgreSQL for production likeness).")
    env = app_env(page_cache=True, redis_url=f"redis://127.0.0.1:{REDIS_PORT}/0")
    env.update(TRUSTED_PROXY_COUNT="1", SERVE_MEDIA="true")
    os.environ.update(env)
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, check=True)
    import django

    django.setup()
    from discussion.models import Comment

    redis = ["redis-server", "--port", str(REDIS_PORT), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    assert Path(GUNICORN).exists(), "gunicorn is not installed in this virtualenv"
    phases = []
    with gunicorn(APP_PORT, env, "faults"), RedisServer(redis) as redis_server:
        wait_for(APP_PORT)
        fields = form_fields()
        reply_lines = reply_order_check(fields)
        names = ["running", "stopped", "restarted", "frozen", "thawed"]
        if args.pgdata:
            names += ["pg-restart", "pg-after"]
        for round_number in range(args.rounds):
            restart = None
            for name in names:
                if name == "pg-restart":
                    restart = threading.Thread(target=restart_postgres, args=(args.pg_ctl, args.pgdata))
                    restart.start()
                elif name == "pg-after":
                    restart.join(timeout=60)
                if name == "stopped":
                    redis_server.stop()
                elif name == "restarted":
                    redis_server.start()
                elif name == "frozen":
                    redis_server.proc.send_signal(signal.SIGSTOP)
                elif name == "thawed":
                    redis_server.proc.send_signal(signal.SIGCONT)
                phase = Phase(f"{round_number + 1}:{name}")
                run_phase(phase, args.seconds, fields, reader_base=len(phases) % 250)
                phases.append(phase)

    from django.db import connections

    connections.close_all()  # this process's own connection did not survive a PostgreSQL restart
    texts = [text for phase in phases for text in phase.accepted]
    stored = set(Comment.objects.filter(comment__in=texts).values_list("comment", flat=True))
    print(
        f"{'phase':<14}{'requests':>9}{'cache hits':>11}{'5xx':>6}{'slowest s':>11}{'posts':>7}{'accepted':>9}{'429':>5}{'lost':>6}"
    )
    for phase in phases:
        lost = sum(text not in stored for text in phase.accepted)
        print(
            f"{phase.name:<14}{phase.requests:>9}{phase.hits:>11}{phase.errors:>6}{phase.slowest:>11.2f}"
            f"{phase.posted:>7}{len(phase.accepted):>9}{phase.refused:>5}{lost:>6}"
        )
    by_kind = {}
    for phase in phases:
        kind = phase.name.split(":")[1]
        by_kind.setdefault(kind, [0, 0])
        by_kind[kind][0] += phase.requests
        by_kind[kind][1] += phase.errors
    print("5xx by phase: " + ", ".join(f"{kind} {errors}/{total}" for kind, (total, errors) in by_kind.items()))
    lost = len(texts) - len(stored)
    print(f"accepted comments: {len(texts)}, lost: {lost}")
    for line in reply_lines:
        print(line)
    Comment.objects.filter(comment__in=texts).delete()
    sys.exit(1 if lost or sum(errors for _total, errors in by_kind.values()) else 0)


if __name__ == "__main__":
    main()
