"""How long building and sending e-mail alerts takes for 10,000 subscribers (subscriptions/alerts.py).

    DJANGO_SETTINGS_MODULE=website.settings.test .venv/bin/python bench/alerts.py [--subscribers 10000] [--pages 20]

Runs against a fresh SQLite test database (or PostgreSQL via DATABASE_URL) with Django's locmem
mail backend and the immediate task backend, so "send" is the outbox's real delivery path
(render, store, lock, send, mark) minus the network. A benchmark, not a test: it prints figures.
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.test")

import django  # noqa: E402

django.setup()

from django.core import mail  # noqa: E402
from django.test.utils import get_runner, override_settings  # noqa: E402
from django.utils import timezone  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--pages", type=int, default=20)
    args = parser.parse_args()

    runner = get_runner(django.conf.settings)(verbosity=0, interactive=False)
    old = runner.setup_databases()
    try:
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            run(args)
    finally:
        runner.teardown_databases(old)


def run(args):
    import datetime

    from django.core.management import call_command

    from blog.models import Author, BlogIndexPage
    from subscriptions.alerts import send_alerts
    from subscriptions.models import Subscription
    from tests.blog.factories import make_post

    call_command("load_demo_content", "--no-admin", "--no-renditions", stdout=open(os.devnull, "w"))  # noqa: SIM115
    start = timezone.now() - datetime.timedelta(days=7)
    Subscription.objects.bulk_create(
        Subscription(
            email=f"lasare{n}@example.se",
            content_types=["blogg", "exempel", "kalender"],
            topics=[] if n % 2 else ["bredband"],
            frequency=Subscription.Frequency.WEEKLY,
            confirmed_at=start,
            sent_until=start,
        )
        for n in range(args.subscribers)
    )
    index, author = BlogIndexPage.objects.get(), Author.objects.first()
    for n in range(args.pages):
        make_post(index, title=f"Veckans inlägg {n}", authors=[author], tag_names=["bredband"] if n % 2 else [])

    mail.outbox = []
    began = time.perf_counter()
    queued = send_alerts(Subscription.Frequency.WEEKLY)
    took = time.perf_counter() - began
    print(f"{args.subscribers} subscribers, {args.pages} new pages")
    print(f"built, queued and sent {queued} digests in {took:.1f} s ({queued / took:.0f} mails/s)")
    print(f"mails in locmem outbox: {len(mail.outbox)}")
    began = time.perf_counter()
    again = send_alerts(Subscription.Frequency.WEEKLY)
    print(f"second run: {again} digests ({time.perf_counter() - began:.1f} s): nobody gets the same alert twice")


if __name__ == "__main__":
    main()
