"""Go-live and expiry dates take effect when `manage.py publish_scheduled` runs (every minute in
production: deploy/systemd/landsbygd-publish-scheduled.timer or deploy/crontab.example)."""

import datetime
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from blog.models import BlogPage
from tests.blog.factories import AuthorFactory, make_post

pytestmark = pytest.mark.django_db

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def run_publish_scheduled():
    call_command("publish_scheduled", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_a_post_scheduled_to_go_live_is_published_once_its_time_has_come(client, blog_index):
    post = make_post(blog_index, publish_now=False, live=False, title="Schemalagt inlägg", authors=[AuthorFactory()])
    post.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    post.save_revision().publish()  # as "Publicera" does with a go-live date: scheduled, not live
    post.refresh_from_db()
    assert not post.live

    run_publish_scheduled()
    assert not BlogPage.objects.get(pk=post.pk).live  # not yet

    with time_machine.travel(timezone.now() + datetime.timedelta(hours=2), tick=False):
        run_publish_scheduled()

    post.refresh_from_db()
    assert post.live
    assert client.get(post.url).status_code == 200


def test_a_post_past_its_expiry_date_is_unpublished(client, blog_index):
    post = make_post(blog_index, title="Inlägg som går ut", authors=[AuthorFactory()])
    post.expire_at = timezone.now() + datetime.timedelta(hours=1)
    post.save_revision().publish()
    post.refresh_from_db()
    assert post.live
    url = post.url

    with time_machine.travel(timezone.now() + datetime.timedelta(hours=2), tick=False):
        run_publish_scheduled()

    post.refresh_from_db()
    assert not post.live
    assert post.expired
    assert client.get(url).status_code == 404


def test_production_runs_publish_scheduled_every_minute():
    timer = (DEPLOY / "systemd" / "landsbygd-publish-scheduled.timer").read_text()
    assert "OnCalendar=*-*-* *:*:00" in timer
    assert "Unit=landsbygd-manage@publish_scheduled.service" in timer
    assert (DEPLOY / "systemd" / "landsbygd-manage@.service").exists()
    cron = (DEPLOY / "crontab.example").read_text()
    assert any(line.startswith("* * * * *") and "publish_scheduled" in line for line in cron.splitlines())
