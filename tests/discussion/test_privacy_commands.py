"""IP addresses are forgotten after 30 days; a commenter's data can be exported and erased."""

import datetime
import io
import json

from django.core.management import call_command
from django.utils import timezone

from discussion.models import Comment

from .conftest import add_comment


def test_purge_forgets_old_ip_addresses(anonymous_post):
    old = add_comment(anonymous_post, "Gammal", ip_address="192.0.2.1")
    Comment.objects.filter(pk=old.pk).update(submit_date=timezone.now() - datetime.timedelta(days=31))
    new = add_comment(anonymous_post, "Ny", ip_address="192.0.2.2")
    call_command("purge_comment_ips", stdout=io.StringIO())
    assert Comment.objects.get(pk=old.pk).ip_address is None
    assert Comment.objects.get(pk=new.pk).ip_address == "192.0.2.2"


def test_export_and_erase_by_email(anonymous_post):
    add_comment(anonymous_post, "Min", email="Anna@example.se")
    add_comment(anonymous_post, "Annans", email="bo@example.se")
    out = io.StringIO()
    call_command("export_comments", "--email", "anna@example.se", stdout=out)
    assert [c["comment"] for c in json.loads(out.getvalue())["comments"]] == ["Min"]
    call_command("erase_comments", "--email", "anna@example.se", stdout=io.StringIO())
    assert list(Comment.objects.values_list("comment", flat=True)) == ["Annans"]
